// The pure parts of the upload script; its behaviour in a browser is test/e2e/uploads-script.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { storedFileAnswer } from '../../modules/attachments/tus';
import { failureMessage, fingerprintOf, isTransient, parseStoredFile } from './uploads';

test('the server’s answer for a stored file is read back as the script expects', () => {
  const answer = storedFileAnswer({ id: 'f1', draftId: 'd1', fileName: 'giấy tờ.pdf', size: 1_300_000, mime: 'application/pdf', componentIndex: 2 });
  assert.deepEqual(parseStoredFile(JSON.stringify(answer)), { ...answer, sizeText: '1,2 MB', url: '/ho-so-nhap/d1/tep/f1' });
  assert.equal(parseStoredFile('<html>proxy error</html>'), undefined);
  assert.equal(parseStoredFile('{"id":1}'), undefined);
});

test('a refusal shows the server’s Vietnamese message; other failures a message of our own', () => {
  const body = JSON.stringify({ error: { code: 'wrong_type', field: 'files-1', message: 'Tệp “a.pdf” cho thành phần “Giấy chứng sinh” không phải PDF, JPG hoặc PNG.' } });
  assert.equal(failureMessage('a.pdf', 415, body), 'Tệp “a.pdf” cho thành phần “Giấy chứng sinh” không phải PDF, JPG hoặc PNG.');
  assert.match(failureMessage('a.pdf', 0, undefined), /mất kết nối/);
  assert.match(failureMessage('a.pdf', 403, 'Forbidden'), /Phiên làm việc đã hết hạn/);
  assert.match(failureMessage('a.pdf', 502, '<html>'), /Không gửi được tệp “a\.pdf”/);
});

test('only failures that may pass are retried', () => {
  for (const s of [0, 409, 423, 429, 500, 502, 503]) assert.equal(isTransient(s), true, String(s));
  for (const s of [400, 403, 404, 410, 413, 415, 422]) assert.equal(isTransient(s), false, String(s));
});

test('the same file for the same slot of the same draft resumes; another slot does not', () => {
  const file = { name: 'a.jpg', size: 10, type: 'image/jpeg', lastModified: 1 };
  assert.equal(fingerprintOf('d', '1', file), fingerprintOf('d', '1', { ...file }));
  assert.notEqual(fingerprintOf('d', '1', file), fingerprintOf('d', '2', file));
  assert.notEqual(fingerprintOf('d', '1', file), fingerprintOf('e', '1', file));
});
