import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalString, headersOf, sha256Hex, sign, signatureRefusal, signedHeaders } from './port';

const KEYS = { clientId: 'lang-son', secret: 'bi-mat-lien-thong-0123456789' };
const body = '{"idempotencyKey":"dossier-event-1","sequence":1}';

test('the canonical string is the method, the path, the timestamp, the nonce and the body’s SHA-256, one per line', () => {
  assert.equal(canonicalString('post', '/api/v1/dossier-events', '1760000000', 'n-0123456789abcdef', body), `POST\n/api/v1/dossier-events\n1760000000\nn-0123456789abcdef\n${sha256Hex(body)}`);
});

test('a signed request is accepted only with the right secret, client, path, body and a fresh timestamp', () => {
  const now = Date.now();
  const h = headersOf(signedHeaders(KEYS.clientId, KEYS.secret, 'POST', '/api/v1/dossier-events', body, now));
  const s = Math.floor(now / 1000);
  assert.equal(signatureRefusal(KEYS, 'POST', '/api/v1/dossier-events', body, h, s), undefined);
  assert.equal(signatureRefusal(KEYS, 'POST', '/api/v1/dossier-events', body + ' ', h, s), 'bad_signature', 'one byte more');
  assert.equal(signatureRefusal(KEYS, 'POST', '/api/v1/online-levels', body, h, s), 'bad_signature', 'another path');
  assert.equal(signatureRefusal({ ...KEYS, secret: 'mot-bi-mat-khac-0123456' }, 'POST', '/api/v1/dossier-events', body, h, s), 'bad_signature');
  assert.equal(signatureRefusal({ ...KEYS, clientId: 'ha-giang' }, 'POST', '/api/v1/dossier-events', body, h, s), 'bad_client');
  assert.equal(signatureRefusal(KEYS, 'POST', '/api/v1/dossier-events', body, h, s + 301), 'stale');
  assert.equal(signatureRefusal(KEYS, 'POST', '/api/v1/dossier-events', body, { ...h, signature: 'zz' }, s), 'bad_signature');
  // the nonce is signed: another nonce with the same signature is refused
  assert.equal(signatureRefusal(KEYS, 'POST', '/api/v1/dossier-events', body, { ...h, nonce: 'khac-0123456789abcdef' }, s), 'bad_signature');
  assert.equal(h.signature, sign(KEYS.secret, 'POST', '/api/v1/dossier-events', h.timestamp, h.nonce, body));
});
