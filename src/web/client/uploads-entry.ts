// public/build/uploads.js: resumable uploads with a progress bar on the attachment forms
// (see uploads.ts). Runs once the document is parsed, whether linked with `defer` or not.
import { initUploads, type UploadDoc } from './uploads';

const doc = (globalThis as unknown as { document: UploadDoc & { readyState: string; addEventListener(type: string, listener: () => void): void } }).document;
if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', () => initUploads(doc));
else initUploads(doc);
