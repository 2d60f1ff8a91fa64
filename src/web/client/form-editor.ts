// Progressive enhancement of the e-form editor (<form data-form-editor>, modules/forms/admin.tsx):
// as the administrator types the JSON definition, the server checks it and renders the preview
// (POST …/xem-truoc answers the error summary and the form as an HTML fragment), and the
// fragment replaces the preview column. Typing is debounced; an answer that arrives after a
// newer request was sent is dropped, so the preview always matches the latest text. Without
// JavaScript the "Xem trước" button does the same with a full page.

/** The smallest DOM the script needs, so that it can be tested with plain objects. */
export interface EditorForm {
  getAttribute(name: string): string | null;
  querySelector(selector: string): { value: string } | null;
}
export interface EditorTarget {
  innerHTML: string;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
}
export type PostFn = (url: string, body: string, csrf: string) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const DEBOUNCE_MS = 400;

/** The request body: the form's fields, URL-encoded as the browser would send them. */
export function previewBody(definition: string, csrf: string): string {
  return new URLSearchParams({ definition, _csrf: csrf }).toString();
}

/**
 * Wires one editor: returns the function to call on every input event (exported for tests).
 * Only the newest request's answer is shown.
 */
export function liveEditor(form: EditorForm, target: EditorTarget, post: PostFn, timers: Timers): () => void {
  const url = form.getAttribute('data-form-editor');
  const textarea = form.querySelector('textarea[name="definition"]');
  const csrf = form.querySelector('input[name="_csrf"]')?.value ?? '';
  if (!url || !textarea) return () => {};
  let pending: unknown;
  let latest = 0;
  const refresh = async () => {
    const mine = ++latest;
    target.setAttribute('aria-busy', 'true');
    try {
      const res = await post(url, previewBody(textarea.value, csrf), csrf);
      const html = await res.text();
      if (mine !== latest) return;
      target.innerHTML = res.ok
        ? html
        : '<p class="govuk-body">Không xem trước được (mã lỗi ' + String(res.status) + '). Hãy dùng nút “Xem trước”.</p>';
    } catch {
      if (mine === latest) target.innerHTML = '<p class="govuk-body">Mất kết nối; bản xem trước chưa được cập nhật.</p>';
    } finally {
      if (mine === latest) target.removeAttribute('aria-busy');
    }
  };
  return () => {
    timers.clear(pending);
    pending = timers.set(() => void refresh(), DEBOUNCE_MS);
  };
}
