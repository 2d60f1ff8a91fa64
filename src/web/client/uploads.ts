// Progressive enhancement of the attachment forms (<form data-tus-endpoint>, rendered by
// modules/attachments/components.tsx): the files chosen are sent with the tus protocol
// instead of one big form post, with a progress bar; a dropped connection is retried from
// the byte the server holds, and an upload cut off by closing the page resumes when the
// same file is chosen again (tus-js-client remembers it in localStorage). Each file the server
// confirms is added to the slot's list from its JSON answer. Without JavaScript, or in a
// browser tus-js-client does not support, the form posts as it is.
import * as tus from 'tus-js-client';

// ---------------------------------------------------------------------------------------
// Pure parts (unit-tested in node)
// ---------------------------------------------------------------------------------------

/** What the server answers when it has stored a file (modules/attachments/tus.ts). */
export interface StoredFileAnswer {
  id: string;
  fileName: string;
  size: number;
  sizeText: string;
  mime: string;
  componentIndex: number;
  url: string;
}

export function parseStoredFile(body: string): StoredFileAnswer | undefined {
  try {
    const v = JSON.parse(body) as Partial<StoredFileAnswer>;
    if (typeof v.id !== 'string' || typeof v.fileName !== 'string' || typeof v.url !== 'string' || typeof v.sizeText !== 'string') return undefined;
    return v as StoredFileAnswer;
  } catch {
    return undefined;
  }
}

/** The message to show for a failed upload: the server's Vietnamese message when it sent one. */
export function failureMessage(fileName: string, status: number, body: string | undefined): string {
  try {
    const message = (JSON.parse(body ?? '') as { error?: { message?: unknown } }).error?.message;
    if (typeof message === 'string' && message) return message;
  } catch {
    /* not JSON: a proxy's page or nothing */
  }
  if (status === 0) return `Không gửi được tệp “${fileName}” vì mất kết nối. Khi có mạng, hãy chọn lại tệp: phần đã gửi sẽ không phải gửi lại.`;
  if (status === 403) return 'Phiên làm việc đã hết hạn. Hãy tải lại trang rồi chọn lại tệp.';
  return `Không gửi được tệp “${fileName}”. Hãy thử lại; nếu vẫn lỗi, hãy dùng máy tính hoặc nộp trực tiếp.`;
}

/** Worth retrying: no answer, a lock or offset race, or a server that is briefly down. */
export function isTransient(status: number): boolean {
  return status === 0 || status === 409 || status === 423 || status === 429 || status >= 500;
}

/** One upload per file per slot of a draft: choosing the same file again resumes it. */
export function fingerprintOf(draftId: string, componentIndex: string, file: { name: string; size: number; type: string; lastModified?: number }): string {
  return ['motcua', draftId, componentIndex, file.name, file.type, file.size, file.lastModified ?? 0].join('|');
}

// ---------------------------------------------------------------------------------------
// The DOM
// ---------------------------------------------------------------------------------------

// The project compiles without TypeScript's DOM library (see forms.ts), so the few DOM
// members used here are declared here, a subset of what every browser has.

interface ClassList {
  add(c: string): void;
  remove(c: string): void;
}

export interface UploadElem {
  tagName: string;
  className: string;
  hidden: boolean;
  textContent: string | null;
  readonly classList: ClassList;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  closest(selector: string): UploadElem | null;
  querySelector(selector: string): UploadElem | null;
  insertBefore(node: UploadElem, before: UploadElem | null): void;
  append(...nodes: (UploadElem | string)[]): void;
  remove(): void;
  addEventListener(type: string, listener: (event: { preventDefault(): void }) => void): void;
}

export interface UploadDoc {
  createElement(tag: string): UploadElem;
  querySelectorAll(selector: string): ArrayLike<UploadElem>;
}

/** A browser File: what tus-js-client sends and what its fingerprint is made of. */
interface BrowserFile {
  name: string;
  size: number;
  type: string;
  lastModified?: number;
}

interface FileInput extends UploadElem {
  value: string;
  files: ArrayLike<BrowserFile> | null;
}

interface ValueElem extends UploadElem {
  value: string | number;
}

/** Enhances every attachment form of the page. */
export function initUploads(root: UploadDoc): void {
  if (!tus.isSupported) return;
  for (const form of Array.from(root.querySelectorAll('form[data-tus-endpoint]'))) enhance(root, form);
}

function enhance(doc: UploadDoc, form: UploadElem): void {
  const endpoint = form.getAttribute('data-tus-endpoint');
  const draftId = form.getAttribute('data-draft-id');
  const componentIndex = form.getAttribute('data-component-index');
  const input = form.querySelector('input[type="file"]') as FileInput | null;
  const csrf = form.querySelector('input[name="_csrf"]')?.getAttribute('value');
  const box = form.querySelector('[data-upload-progress]');
  const bar = box?.querySelector('progress') as ValueElem | null | undefined;
  const status = box?.querySelector('[data-upload-status]');
  const list = form.closest('[data-attachment-slot]')?.querySelector('[data-attachment-list]');
  const group = form.querySelector('[data-upload-group]');
  if (!endpoint || !draftId || !componentIndex || !input || !csrf || !box || !bar || !status || !list || !group) return;
  const say = (text: string) => (status.textContent = text);
  let busy = false;

  const showError = (message: string) => {
    let p = group.querySelector('[data-upload-error]');
    if (!p) {
      p = doc.createElement('p');
      p.className = 'govuk-error-message';
      p.setAttribute('data-upload-error', '');
      p.setAttribute('id', `${input.getAttribute('id')}-error`);
      group.insertBefore(p, input);
    }
    p.textContent = message;
    group.classList.add('govuk-form-group--error');
    input.classList.add('govuk-file-upload--error');
    input.setAttribute('aria-describedby', `${input.getAttribute('id')}-hint ${input.getAttribute('id')}-error`);
  };
  const clearErrors = () => {
    group.querySelector('[data-upload-error]')?.remove();
    group.classList.remove('govuk-form-group--error');
    input.classList.remove('govuk-file-upload--error');
    input.setAttribute('aria-describedby', `${input.getAttribute('id')}-hint`);
  };

  const addToList = (f: StoredFileAnswer) => {
    const li = doc.createElement('li');
    li.className = 'mc-attachment';
    li.setAttribute('data-file-id', f.id);
    const link = doc.createElement('a');
    link.className = 'govuk-link';
    link.setAttribute('href', f.url);
    link.textContent = f.fileName;
    const size = doc.createElement('span');
    size.className = 'govuk-body-s';
    size.textContent = `(${f.sizeText})`;
    const remove = doc.createElement('form');
    remove.setAttribute('method', 'post');
    remove.setAttribute('action', `${f.url}/xoa`);
    remove.className = 'mc-inline-form';
    const token = doc.createElement('input') as ValueElem;
    token.setAttribute('type', 'hidden');
    token.setAttribute('name', '_csrf');
    token.value = csrf;
    const button = doc.createElement('button');
    button.setAttribute('type', 'submit');
    button.className = 'govuk-button govuk-button--warning mc-button--small';
    const hidden = doc.createElement('span');
    hidden.className = 'govuk-visually-hidden';
    hidden.textContent = ` tệp ${f.fileName}`;
    button.append('Xóa', hidden);
    remove.append(token, button);
    li.append(link, ' ', size, ' ', remove);
    list.append(li);
  };

  const send = (file: BrowserFile, n: number, total: number) =>
    new Promise<boolean>((resolve) => {
      const label = total > 1 ? `“${file.name}” (${n}/${total})` : `“${file.name}”`;
      const upload = new tus.Upload(file as unknown as Blob, {
        endpoint,
        metadata: { draftId, componentIndex, filename: file.name, filetype: file.type },
        headers: { 'x-csrf-token': csrf },
        // small enough for a proxy's body limit, large enough to be quick
        chunkSize: 2 * 1024 * 1024,
        retryDelays: [0, 1000, 3000, 5000, 10000, 20000, 30000],
        removeFingerprintOnSuccess: true,
        fingerprint: async () => fingerprintOf(draftId, componentIndex, file),
        onShouldRetry: (err) => {
          const retry = isTransient(err.originalResponse?.getStatus() ?? 0);
          if (retry) say(`Mất kết nối khi gửi ${label}, đang thử gửi tiếp…`);
          return retry;
        },
        onProgress: (sent, all) => {
          const percent = all > 0 ? Math.floor((sent / all) * 100) : 0;
          bar.value = percent;
          say(`Đang tải lên ${label}: ${percent}%`);
        },
        onSuccess: ({ lastResponse }) => {
          const stored = parseStoredFile(lastResponse.getBody());
          if (stored) addToList(stored);
          resolve(true);
        },
        onError: (err) => {
          const res = (err as tus.DetailedError).originalResponse;
          showError(failureMessage(file.name, res?.getStatus() ?? 0, res?.getBody()));
          resolve(false);
        },
      });
      upload
        .findPreviousUploads()
        .then((previous) => {
          if (previous[0]) upload.resumeFromPreviousUpload(previous[0]);
          upload.start();
        })
        .catch(() => upload.start());
    });

  form.addEventListener('submit', (event) => {
    const files = Array.from(input.files ?? []);
    // nothing chosen: the plain post lets the server say what to do
    if (files.length === 0) return;
    event.preventDefault();
    if (busy) return;
    busy = true;
    clearErrors();
    box.hidden = false;
    bar.value = 0;
    void (async () => {
      let stored = 0;
      for (const [i, file] of files.entries()) if (await send(file, i + 1, files.length)) stored++;
      input.value = '';
      bar.value = 100;
      say(stored === files.length ? `Đã tải lên ${stored} tệp.` : `Đã tải lên ${stored} trong ${files.length} tệp; xem lỗi ở trên.`);
      busy = false;
    })();
  });
}
