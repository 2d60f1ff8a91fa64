// public/build/form-editor.js: the e-form editor's live preview (see form-editor.ts).
import { liveEditor, type EditorForm, type EditorTarget, type PostFn } from './form-editor';

interface Doc {
  readyState: string;
  addEventListener(type: string, listener: () => void): void;
  querySelector(selector: string): (EditorForm & { addEventListener(type: string, listener: () => void): void }) | null;
  getElementById(id: string): EditorTarget | null;
}
const doc = (globalThis as unknown as { document: Doc }).document;
const post: PostFn = (url, body, csrf) =>
  fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': csrf },
    body,
  });

function init(): void {
  const form = doc.querySelector('form[data-form-editor]');
  const target = doc.getElementById('form-preview-area');
  if (!form || !target) return;
  const onInput = liveEditor(form, target, post, { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) });
  form.addEventListener('input', onInput);
}

if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', init);
else init();
