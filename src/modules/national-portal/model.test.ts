import assert from 'node:assert/strict';
import { test } from 'node:test';
import { afterFailure, DEFAULT_RETRY, retryDelaySeconds } from './model';

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
