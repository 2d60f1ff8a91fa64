import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Jobs } from '../src/platform/jobs';
import { migrate } from '../src/platform/db/migrate';
import type { Database } from '../src/platform/db/connect';
import { freshDatabase } from './helpers/app';

let database: Database;
let drop: () => Promise<void>;
let url: string | undefined;
let jobs: Jobs;

before(async () => {
  ({ database, drop, url } = await freshDatabase());
  await migrate(database.db);
  jobs = new Jobs(database.db, { connectionString: url, schedule: false });
  jobs.define('test.ok', { retryLimit: 0 });
  jobs.define('test.flaky', { retryLimit: 3, retryDelay: 1, retryBackoff: false });
  await jobs.start();
});
after(async () => {
  await jobs.stop();
  await database.close();
  await drop();
});

/** Waits for a condition by polling, up to a deadline: no fixed sleeps. */
async function until(check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('a job queued in a committed transaction runs once with its data', async () => {
  const seen: string[] = [];
  await jobs.work<{ text: string }>('test.ok', async (job) => {
    seen.push(job.data.text);
  }, { pollingIntervalSeconds: 0.5 });
  const id = await database.db.transaction().execute((trx) => jobs.queue(trx, 'test.ok', { text: 'Hồ sơ đã tiếp nhận' }));
  assert.ok(id);
  await until(async () => (await jobs.state('test.ok', id)) === 'completed');
  assert.deepEqual(seen, ['Hồ sơ đã tiếp nhận']);
});

test('a job queued in a transaction that rolls back never exists', async () => {
  let id: string | null = null;
  await assert.rejects(
    database.db.transaction().execute(async (trx) => {
      id = await jobs.queue(trx, 'test.ok', { text: 'không được gửi' });
      throw new Error('the business change failed');
    }),
  );
  assert.ok(id);
  assert.equal(await jobs.state('test.ok', id), undefined);
});

test('a failing job is retried until it succeeds', async () => {
  let attempts = 0;
  await jobs.work('test.flaky', async () => {
    attempts++;
    if (attempts < 3) throw new Error('gateway down');
  }, { pollingIntervalSeconds: 0.5 });
  const id = await jobs.queue(database.db, 'test.flaky', {});
  assert.ok(id);
  await until(async () => (await jobs.state('test.flaky', id)) === 'completed');
  assert.equal(attempts, 3);
});
