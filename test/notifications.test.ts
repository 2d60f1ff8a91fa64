import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { SmtpEmail } from '../src/integrations/email/smtp';
import { HttpSmsGateway } from '../src/integrations/sms/http-gateway';
import { defineQueues, deliver, queueNotification, startWorker, type NotificationDeps } from '../src/modules/notifications';
import type { Database } from '../src/platform/db/connect';
import { migrate } from '../src/platform/db/migrate';
import { Jobs } from '../src/platform/jobs';
import { freshDatabase } from './helpers/app';
import { freePort, startSimulator, until, type Simulator } from './helpers/simulators';

let database: Database;
let drop: () => Promise<void>;
let jobs: Jobs;
let sim: Simulator;
let smtp: SMTPServer;
const mails: { to: string; raw: string }[] = [];
let deps: NotificationDeps;

const SECRET = 'bi-mat-cua-tinh';

async function inbox(): Promise<{ messages: { requestId: string; phone: string; message: string }[]; rejected: number }> {
  return (await fetch(`${sim.url}/_inbox`)).json() as never;
}

before(async () => {
  let url: string | undefined;
  ({ database, drop, url } = await freshDatabase());
  await migrate(database.db);
  sim = await startSimulator('sms-gateway.ts', { SMS_PARTNER_ID: 'lang-son', SMS_SECRET: SECRET });
  const smtpPort = await freePort();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (d: string) => (raw += d));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw });
        callback();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(smtpPort, '127.0.0.1', r));
  jobs = new Jobs(database.db, { connectionString: url, schedule: false });
  defineQueues(jobs, { retryLimit: 5, retryDelay: 1, retryBackoff: false });
  await jobs.start();
  deps = {
    db: database.db,
    jobs,
    email: new SmtpEmail(`smtp://127.0.0.1:${smtpPort}`, 'Cổng DVC Lạng Sơn <khongtraloi@langson.gov.vn>'),
    sms: new HttpSmsGateway({ baseUrl: sim.url, partnerId: 'lang-son', secret: SECRET, brandname: 'UBND LSON' }),
  };
  await startWorker(deps, { pollingIntervalSeconds: 0.5 });
});

after(async () => {
  await jobs.stop();
  await sim.stop();
  await new Promise<void>((r) => smtp.close(() => r()));
  await database.close();
  await drop();
});

beforeEach(async () => {
  await fetch(`${sim.url}/_reset`, { method: 'POST' });
  mails.length = 0;
});

const message = { title: 'Hồ sơ 000.00.02.H39-261123-0001 đã được tiếp nhận', body: 'Kính gửi ông Nguyễn Văn An,\nHồ sơ đăng ký khai sinh của ông đã được tiếp nhận.', short: 'Ho so 000.00.02.H39-261123-0001 da duoc tiep nhan.' };
const citizen = { accountId: null, email: 'congdan@vidu.vn', phone: '0912345678' };

test('a committed notification reaches the citizen by SMS and by e-mail, once each, with Vietnamese intact', async () => {
  const ids = await database.db.transaction().execute((trx) => queueNotification(trx, jobs, citizen, message, { type: 'dossier', id: 'x1' }));
  assert.equal(ids.length, 2);
  await until(async () => (await inbox()).messages.length === 1 && mails.length === 1, 30_000, 'both deliveries');
  const sms = (await inbox()).messages[0]!;
  assert.equal(sms.phone, '84912345678');
  assert.equal(sms.message, message.short);
  assert.equal(mails[0]!.to, 'congdan@vidu.vn');
  const decodedSubject = /Subject: (.*)/.exec(mails[0]!.raw)?.[1] ?? '';
  assert.match(decodedSubject, /=\?UTF-8\?/i, 'subject is MIME-encoded UTF-8');
  await until(async () => {
    const rows = await database.db.selectFrom('notifications').select('status').where('id', 'in', ids).execute();
    return rows.every((r) => r.status === 'sent');
  });
});

test('a notification in a transaction that rolls back is never sent', async () => {
  await assert.rejects(
    database.db.transaction().execute(async (trx) => {
      await queueNotification(trx, jobs, { accountId: null, email: null, phone: '0987654321' }, message);
      throw new Error('rollback');
    }),
  );
  const rows = await database.db.selectFrom('notifications').select('id').where('recipient', '=', '0987654321').execute();
  assert.equal(rows.length, 0);
});

test('a gateway that is down is retried until the message goes through, and it is sent once', async () => {
  await fetch(`${sim.url}/_faults`, { method: 'POST', body: JSON.stringify({ failNext: 2 }) });
  const [id] = await database.db.transaction().execute((trx) => queueNotification(trx, jobs, { accountId: null, email: null, phone: '0977000111' }, message));
  await until(async () => (await database.db.selectFrom('notifications').select('status').where('id', '=', id!).executeTakeFirst())?.status === 'sent', 60_000, 'delivery after retries');
  const row = await database.db.selectFrom('notifications').selectAll().where('id', '=', id!).executeTakeFirstOrThrow();
  assert.equal(row.attempts, 3, 'two failures and one success');
  assert.equal((await inbox()).messages.filter((m) => m.phone === '84977000111').length, 1);
});

test('delivering the same notification twice sends it once (job replay after a crash)', async () => {
  const id = await database.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('notifications')
      .values({ accountId: null, subjectType: null, subjectId: null, channel: 'sms', recipient: '0966000222', title: 't', body: 'Tin nhắn thử' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
  await Promise.all([deliver(deps, id), deliver(deps, id)]);
  await deliver(deps, id);
  assert.equal((await inbox()).messages.filter((m) => m.requestId === id).length, 1);
});

test('a request signed with the wrong secret is refused by the gateway and recorded as an error', async () => {
  const bad = { ...deps, sms: new HttpSmsGateway({ baseUrl: sim.url, partnerId: 'lang-son', secret: 'sai-bi-mat', brandname: 'X' }) };
  const id = (
    await database.db
      .insertInto('notifications')
      .values({ accountId: null, subjectType: null, subjectId: null, channel: 'sms', recipient: '0955000333', title: 't', body: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await assert.rejects(deliver(bad, id), /401/);
  const row = await database.db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(row.status, 'queued');
  assert.match(row.lastError ?? '', /401/);
  assert.equal((await inbox()).rejected, 1);
  assert.equal((await inbox()).messages.length, 0);
});
