import assert from 'node:assert/strict';
import { test } from 'node:test';
import { afterFailure, DEFAULT_RETRY, parseInboundFiles, retryDelaySeconds } from './model';

test('retries back off by doubling up to the ceiling', () => {
  const p = { baseDelaySeconds: 5, maxDelaySeconds: 900, maxAttempts: 20 };
  assert.deepEqual([1, 2, 3, 4, 8, 9, 19].map((n) => retryDelaySeconds(p, n)), [5, 10, 20, 40, 640, 900, 900]);
});

test('with the defaults, a portal that is down for an hour fails nothing', () => {
  let waited = 0;
  for (let attempts = 1; waited < 3600; attempts++) {
    const next = afterFailure(DEFAULT_RETRY, attempts, true);
    assert.equal(next.state, 'waiting', `attempt ${attempts} after ${waited} s`);
    if (next.state === 'waiting') waited += next.delaySeconds;
  }
});

test('a refusal fails the item at once; a retryable error fails it only after the last attempt', () => {
  assert.deepEqual(afterFailure(DEFAULT_RETRY, 1, false), { state: 'failed' });
  assert.deepEqual(afterFailure(DEFAULT_RETRY, DEFAULT_RETRY.maxAttempts, true), { state: 'failed' });
  assert.equal(afterFailure(DEFAULT_RETRY, DEFAULT_RETRY.maxAttempts - 1, true).state, 'waiting');
});

test('inbound files: decoded per component; a required component without a file or a malformed file is named by its index', () => {
  const components = [
    { name: 'Tờ khai', required: false },
    { name: 'Giấy chứng sinh', required: true },
    { name: 'Biên bản', required: false },
  ];
  const ok = parseInboundFiles([null, [{ name: ' gcs.pdf ', content: Buffer.from('%PDF-1.4').toString('base64') }]], components);
  assert.ok('files' in ok);
  assert.deepEqual([...ok.files.keys()], [1]);
  assert.equal(ok.files.get(1)![0]!.name, 'gcs.pdf');
  assert.equal(ok.files.get(1)![0]!.bytes.toString('latin1'), '%PDF-1.4');

  const missing = parseInboundFiles(undefined, components);
  assert.ok('problem' in missing);
  assert.equal(missing.problem.field, 'files[1]');
  assert.match(missing.problem.message, /bắt buộc “Giấy chứng sinh”/);
  const notBase64 = parseInboundFiles([[], [{ name: 'a.pdf', content: 'khong phai base64' }]], components);
  assert.ok('problem' in notBase64 && notBase64.problem.field === 'files[1]');
  const noName = parseInboundFiles([[], [{ content: 'QUJD' }]], components);
  assert.ok('problem' in noName && noName.problem.field === 'files[1]');
  const tooMany = parseInboundFiles([[], [], [], []], components);
  assert.ok('problem' in tooMany && tooMany.problem.field === 'files');
  const notArray = parseInboundFiles({ 1: [] }, components);
  assert.ok('problem' in notArray && notArray.problem.field === 'files');
});
