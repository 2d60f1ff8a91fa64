// The editor script's logic with plain objects; in a browser against the real app it is
// test/e2e/submission.test.ts ("the form editor's preview follows the typing").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEBOUNCE_MS, liveEditor, previewBody } from './form-editor';

function setup() {
  const textarea = { value: '{}' };
  const form = {
    getAttribute: (n: string) => (n === 'data-form-editor' ? '/quan-tri/bieu-mau/1.001193/xem-truoc' : null),
    querySelector: (s: string) => (s.includes('textarea') ? textarea : s.includes('_csrf') ? { value: 'tok' } : null),
  };
  const target = { innerHTML: 'old', attrs: new Map<string, string>(), setAttribute(n: string, v: string) { this.attrs.set(n, v); }, removeAttribute(n: string) { this.attrs.delete(n); } };
  const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
  const calls: { url: string; body: string; csrf: string; resolve: (r: { ok: boolean; status: number; text(): Promise<string> }) => void }[] = [];
  const onInput = liveEditor(
    form,
    target,
    (url, body, csrf) => new Promise((resolve) => calls.push({ url, body, csrf, resolve })),
    { set: (fn, ms) => timers.push({ fn, ms, cleared: false }) - 1, clear: (h) => { if (typeof h === 'number') timers[h]!.cleared = true; } },
  );
  return { textarea, target, timers, calls, onInput };
}
const answer = (html: string, status = 200) => ({ ok: status < 400, status, text: async () => html });
const flush = () => new Promise((r) => setImmediate(r));

test('the body is the definition and the token, form-encoded', () => {
  assert.equal(previewBody('{"a": "Tờ khai"}', 't k'), 'definition=%7B%22a%22%3A+%22T%E1%BB%9D+khai%22%7D&_csrf=t+k');
});

test('typing is debounced: only the last keystroke in a burst sends a request', async () => {
  const s = setup();
  s.onInput();
  s.onInput();
  s.onInput();
  assert.deepEqual(s.timers.map((t) => [t.ms, t.cleared]), [[DEBOUNCE_MS, true], [DEBOUNCE_MS, true], [DEBOUNCE_MS, false]]);
  s.textarea.value = '{"title":"Mới"}';
  s.timers[2]!.fn();
  assert.equal(s.calls.length, 1);
  assert.equal(s.calls[0]!.url, '/quan-tri/bieu-mau/1.001193/xem-truoc');
  assert.equal(s.calls[0]!.csrf, 'tok');
  assert.match(s.calls[0]!.body, /definition=%7B%22title%22/);
  assert.equal(s.target.attrs.get('aria-busy'), 'true');
  s.calls[0]!.resolve(answer('<div id="form-preview">mới</div>'));
  await flush();
  assert.equal(s.target.innerHTML, '<div id="form-preview">mới</div>');
  assert.equal(s.target.attrs.has('aria-busy'), false);
});

test('an answer overtaken by a newer request is dropped', async () => {
  const s = setup();
  s.onInput();
  s.timers[0]!.fn();
  s.onInput();
  s.timers[1]!.fn();
  s.calls[1]!.resolve(answer('newer'));
  await flush();
  s.calls[0]!.resolve(answer('older'));
  await flush();
  assert.equal(s.target.innerHTML, 'newer');
});

test('a refused request or a lost connection says so instead of showing the error page', async () => {
  const s = setup();
  s.onInput();
  s.timers[0]!.fn();
  s.calls[0]!.resolve(answer('<html>Forbidden</html>', 403));
  await flush();
  assert.match(s.target.innerHTML, /mã lỗi 403/);
});
