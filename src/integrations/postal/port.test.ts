import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseWebhook, signRequest, signWebhook, verifySignature, webhookRefusal } from './port';

const SECRET = 'bi-mat-webhook-0123456789';
const now = 1_760_000_000;

test('a webhook is accepted only with the right signature over the exact body, within 300 s', () => {
  const body = '{"eventId":"e1","trackingNumber":"EB123456785VN","idempotencyKey":"k","status":"delivered","at":"2025-10-09T08:00:00Z"}';
  const ts = String(now - 10);
  assert.equal(webhookRefusal(SECRET, ts, body, signWebhook(SECRET, ts, body), now), undefined);
  assert.equal(webhookRefusal(SECRET, ts, body + ' ', signWebhook(SECRET, ts, body), now), 'signature', 'one byte more');
  assert.equal(webhookRefusal('other-secret-0123456', ts, body, signWebhook(SECRET, ts, body), now), 'signature');
  assert.equal(webhookRefusal(SECRET, ts, body, 'zz', now), 'signature');
  const old = String(now - 301);
  assert.equal(webhookRefusal(SECRET, old, body, signWebhook(SECRET, old, body), now), 'stale');
  assert.equal(webhookRefusal(SECRET, '', body, signWebhook(SECRET, '', body), now), 'stale');
});

test('an order signature binds the method and the path, so it cannot be reused for another call', () => {
  const ts = String(now);
  const sig = signRequest(SECRET, ts, 'POST', '/v1/shipments/EB123456785VN/cancel', '{}');
  assert.ok(verifySignature(signRequest(SECRET, ts, 'POST', '/v1/shipments/EB123456785VN/cancel', '{}'), ts, sig, now));
  assert.ok(!verifySignature(signRequest(SECRET, ts, 'POST', '/v1/shipments/EB999999996VN/cancel', '{}'), ts, sig, now));
});

test('a webhook body is checked field by field', () => {
  assert.equal(parseWebhook('not json'), undefined);
  assert.equal(parseWebhook('{"eventId":"e","trackingNumber":"EB123456785VN","idempotencyKey":"k","status":"lost","at":"2025-10-09T08:00:00Z"}'), undefined);
  assert.deepEqual(parseWebhook('{"eventId":"e","trackingNumber":"EB123456785VN","idempotencyKey":"k","status":"returned","at":"2025-10-09T08:00:00Z","reason":"Sai địa chỉ"}'), {
    eventId: 'e',
    trackingNumber: 'EB123456785VN',
    idempotencyKey: 'k',
    status: 'returned',
    at: '2025-10-09T08:00:00Z',
    reason: 'Sai địa chỉ',
  });
});
