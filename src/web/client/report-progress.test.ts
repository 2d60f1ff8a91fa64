// The script of a page that waits for a long report, in node with a stand-in for the browser's
// document, fetch and timers (the page itself is tested over HTTP in test/report-jobs.test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { finished, parseRun, watchProgress } from './report-progress';

test('the run’s JSON is read back; anything else is ignored', () => {
  assert.deepEqual(parseRun('{"status":"running","progressText":"Đã xử lý 8/40 đơn vị (20 %)","unitsDone":8}'), { status: 'running', progressText: 'Đã xử lý 8/40 đơn vị (20 %)', unitsDone: 8 });
  assert.equal(parseRun('<html>'), undefined);
  assert.equal(parseRun('{"status":"done"}'), undefined);
  assert.equal(finished({ status: 'done', progressText: '' }), true);
  assert.equal(finished({ status: 'failed', progressText: '' }), true);
  assert.equal(finished({ status: 'running', progressText: '' }), false);
});

test('the progress text follows the run, a dropped request is tried again, and the page reloads once the run ends', async () => {
  const text = { textContent: 'Đã xử lý 0/40 đơn vị (0 %)' as string | null, getAttribute: () => null, querySelector: () => null };
  const section = { textContent: '', getAttribute: (n: string) => (n === 'data-report-run' ? '/bao-cao/lan-lap/abc' : null), querySelector: (s: string) => (s === '[data-progress-text]' ? text : null) };
  const doc = { querySelector: (s: string) => (s === '[data-report-run]' ? section : null) };
  const answers: (() => { ok: boolean; text: string })[] = [
    () => ({ ok: true, text: '{"status":"running","progressText":"Đã xử lý 8/40 đơn vị (20 %)"}' }),
    () => {
      throw new Error('offline');
    },
    () => ({ ok: false, text: 'Bad gateway' }),
    () => ({ ok: true, text: '{"status":"running","progressText":"Đã xử lý 32/40 đơn vị (80 %)"}' }),
    () => ({ ok: true, text: '{"status":"done","progressText":"Đã xử lý 40/40 đơn vị (100 %)"}' }),
  ];
  const urls: string[] = [];
  const texts: (string | null)[] = [];
  let reloads = 0;
  const queue: (() => void)[] = [];
  const started = watchProgress(doc, {
    fetchText: async (url) => {
      urls.push(url);
      return answers.shift()!();
    },
    reload: () => void reloads++,
    later: (fn) => void queue.push(fn),
  });
  assert.equal(started, true);
  while (queue.length > 0) {
    queue.shift()!();
    // let the tick's awaits settle before the next one
    for (let i = 0; i < 5; i++) await Promise.resolve();
    texts.push(text.textContent);
  }
  assert.deepEqual(urls, Array(5).fill('/bao-cao/lan-lap/abc'));
  assert.deepEqual(texts, ['Đã xử lý 8/40 đơn vị (20 %)', 'Đã xử lý 8/40 đơn vị (20 %)', 'Đã xử lý 8/40 đơn vị (20 %)', 'Đã xử lý 32/40 đơn vị (80 %)', 'Đã xử lý 32/40 đơn vị (80 %)']);
  assert.equal(reloads, 1);
});

test('a page without a run is left alone', () => {
  assert.equal(watchProgress({ querySelector: () => null }, { fetchText: () => Promise.reject(new Error('no')), reload: () => {}, later: () => {} }), false);
});
