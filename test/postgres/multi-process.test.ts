// Two app processes on one PostgreSQL database and one storage backend (an S3 protocol server),
// behind a round-robin reverse proxy as in production: each request of a citizen's journey may
// land on either process. Shows that sessions, dossier codes, the daily deadline job and the
// outbox work across them. Needs a PostgreSQL server: .ci/run runs this folder with
// TEST_DATABASE_URL set (PGlite is one process's embedded database, so there is nothing to share).
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server as HttpServer } from 'node:http';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { AT_RISK_QUEUE } from '../../src/modules/dossiers/deadlines-service';
import type { Database } from '../../src/platform/db/connect';
import { startServer, type Server } from '../e2e/helpers';
import { HttpClient } from '../helpers/http-client';
import { preparedDatabase, startS3, startSmtpSink, TempDirs, type ReceivedMail } from '../helpers/processes';
import { freePort, startSimulator, until, type Simulator } from '../helpers/simulators';
import { submitBirthRegistration } from '../helpers/submit-flow';

const CLIENTS = 6;
const SUBMISSIONS_PER_CLIENT = 2;
const BUCKET = 'motcua-tep';
const SMS_SECRET = 'bi-mat-cua-tinh-0123';

let database: Database;
let drop: () => Promise<void>;
let s3: Awaited<ReturnType<typeof startS3>>;
let sms: Simulator;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let mails: ReceivedMail[] = [];
let apps: Server[] = [];
let proxy: { url: string; served: { method: string; url: string; upstream: number; status: number }[]; close(): Promise<void> };
const dirs = new TempDirs();

/** A reverse proxy that sends each request to the next upstream in turn, and records who served it. */
async function roundRobin(upstreams: string[]): Promise<typeof proxy> {
  let next = 0;
  const served: (typeof proxy)['served'] = [];
  const server: HttpServer = createServer((req, res) => {
    const upstream = next++ % upstreams.length;
    const u = new URL(upstreams[upstream]!);
    const forward = httpRequest({ host: u.hostname, port: u.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
      served.push({ method: req.method!, url: req.url!, upstream, status: r.statusCode! });
      res.writeHead(r.statusCode!, r.headers);
      r.pipe(res);
    });
    forward.once('error', (err) => {
      res.writeHead(502);
      res.end(String(err));
    });
    req.pipe(forward);
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${port}`, served, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function atRiskRuns(): Promise<{ id: string; minute: string; state: string }[]> {
  const r = await sql<{ id: string; minute: string; state: string }>`
    select id, to_char(date_trunc('minute', created_on), 'YYYY-MM-DD HH24:MI') as minute, state from pgboss.job where name = ${AT_RISK_QUEUE}
    union all
    select id, to_char(date_trunc('minute', created_on), 'YYYY-MM-DD HH24:MI') as minute, state from pgboss.archive where name = ${AT_RISK_QUEUE}`.execute(database.db);
  return r.rows;
}

before(async () => {
  s3 = await startS3(BUCKET, dirs);
  sms = await startSimulator('sms-gateway.ts', { SMS_PARTNER_ID: 'lang-son', SMS_SECRET });
  smtp = await startSmtpSink();
  mails = smtp.mails;
  const storage: Record<string, string> = {
    STORAGE: 's3',
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: BUCKET,
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
  };
  // the demo accounts and catalogue, loaded once (with their files in the shared bucket) before
  // the processes start; each process then runs the migrations again, together, under the lock
  let url: string;
  ({ database, drop, url } = await preparedDatabase(storage, dirs));
  const shared: Record<string, string> = {
    ...storage,
    DATABASE_URL: url,
    SESSION_SECRET: 'bi-mat-phien-chung-cua-hai-tien-trinh-0123456789',
    SMTP_URL: smtp.url,
    SMS_GATEWAY_URL: sms.url,
    SMS_PARTNER_ID: 'lang-son',
    SMS_SECRET,
    DEMO_DATA: 'false',
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    TRACKING_RATE_LIMIT_PER_MINUTE: '10000',
    // the deadline worker logs each run at info: the test counts the runs in both logs
    LOG_LEVEL: 'info',
  };
  apps = await Promise.all([startServer({ ...shared, DATA_DIR: dirs.make('motcua-mp-a-') }), startServer({ ...shared, DATA_DIR: dirs.make('motcua-mp-b-') })]);
  proxy = await roundRobin(apps.map((a) => a.url));
});

after(async () => {
  await proxy?.close();
  for (const a of apps) await a.stop();
  await sms?.stop();
  await smtp?.close();
  s3?.stop();
  await database?.close();
  await drop?.();
  dirs.removeAll();
});

test('a login on one process is valid on the other, and a logout on the other ends it on both', async () => {
  const [a, b] = apps as [Server, Server];
  const form = await fetch(`${a.url}/dang-nhap`);
  const cookie = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const login = await fetch(`${a.url}/dang-nhap`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, login: 'congdan', password: 'demo1234' }).toString(),
  });
  assert.equal(login.status, 303);
  const session = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ') || cookie;

  const onB = await fetch(`${b.url}/ho-so-cua-toi`, { headers: { cookie: session }, redirect: 'manual' });
  assert.equal(onB.status, 200, 'process B knows the session process A created');
  const page = await onB.text();
  assert.match(page, /Nguyễn Văn An/);
  const anonymous = await fetch(`${b.url}/ho-so-cua-toi`, { redirect: 'manual' });
  assert.notEqual(anonymous.status, 200, 'without the cookie process B asks for a login');

  // logging out on B (with the form token B's page carries) ends the session on A as well
  const token = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
  const logout = await fetch(`${b.url}/dang-xuat`, { method: 'POST', redirect: 'manual', headers: { cookie: session, 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${encodeURIComponent(token)}` });
  assert.ok(logout.status === 303 || logout.status === 302, `logout answered ${logout.status}`);
  const afterLogout = await fetch(`${a.url}/ho-so-cua-toi`, { headers: { cookie: session }, redirect: 'manual' });
  assert.notEqual(afterLogout.status, 200, 'process A no longer honours the session');
});

test('concurrent submissions spread over both processes get distinct dossier codes, each notified exactly once', { timeout: 300_000 }, async () => {
  const codes: string[] = [];
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const c = new HttpClient(proxy.url);
      await c.login('congdan');
      for (let i = 0; i < SUBMISSIONS_PER_CLIENT; i++) codes.push(await submitBirthRegistration(c));
    }),
  );
  assert.equal(codes.length, CLIENTS * SUBMISSIONS_PER_CLIENT);
  assert.equal(new Set(codes).size, codes.length, `no code given twice: ${codes.join(', ')}`);
  // the final submits really landed on both processes
  const submits = proxy.served.filter((s) => s.method === 'POST' && /\/nop$/.test(s.url) && s.status === 303);
  assert.deepEqual([...new Set(submits.map((s) => s.upstream))].sort(), [0, 1], 'submissions were committed by both processes');

  const stored = await database.db.selectFrom('dossiers').select('code').where('code', 'in', codes).execute();
  assert.equal(stored.length, codes.length, 'every acknowledged dossier is stored once');
  // every file both processes stored is readable through either: the storage is shared
  const c = new HttpClient(proxy.url);
  await c.login('congdan');
  for (const code of codes.slice(0, 2)) {
    for (let i = 0; i < 2; i++) assert.equal((await c.get(`/api/v1/dossiers/${encodeURIComponent(code)}/status`)).status, 200, code);
  }

  // the outbox: each notification sent once, whichever process's worker took it
  const notifications = () => database.db.selectFrom('notifications').select(['id', 'channel', 'status', 'recipient']).where('subjectType', '=', 'dossier').where('subjectId', 'in', codes).execute();
  await until(async () => (await notifications()).every((n) => n.status === 'sent'), 120_000, 'every notification sent');
  const all = await notifications();
  const emails = all.filter((n) => n.channel === 'email');
  const texts = all.filter((n) => n.channel === 'sms');
  assert.equal(emails.length, codes.length, 'one e-mail per dossier');
  assert.equal(texts.length, codes.length, 'one SMS per dossier');
  for (const n of emails) assert.equal(mails.filter((m) => m.messageId === `${n.id}@motcua`).length, 1, `e-mail ${n.id} reached the SMTP server once`);
  const inbox = (await (await fetch(`${sms.url}/_inbox`)).json()) as { messages: { requestId: string }[] };
  for (const n of texts) assert.equal(inbox.messages.filter((m) => m.requestId === n.id).length, 1, `SMS ${n.id} reached the gateway once`);
  // and nothing was sent twice: the SMTP server saw exactly the e-mails there are
  const ours = new Set(emails.map((n) => `${n.id}@motcua`));
  assert.equal(mails.filter((m) => ours.has(m.messageId)).length, emails.length);
});

test('the daily deadline job runs once per tick, not once per process', { timeout: 300_000 }, async () => {
  // both processes registered the 07:00 schedule at start: one schedule
  const schedules = await sql<{ cron: string }>`select cron from pgboss.schedule where name = ${AT_RISK_QUEUE}`.execute(database.db);
  assert.deepEqual(schedules.rows, [{ cron: '0 7 * * *' }]);
  // bring the tick forward to every minute (the processes' clocks are the database's: pg-boss
  // checks the schedules in each process and sends at most one job per schedule and minute)
  await sql`update pgboss.schedule set cron = '* * * * *' where name = ${AT_RISK_QUEUE}`.execute(database.db);
  try {
    await until(async () => (await atRiskRuns()).some((r) => r.state === 'completed'), 200_000, 'a run of the at-risk job');
    const first = (await atRiskRuns()).find((r) => r.state === 'completed')!;
    // wait until that minute is over and every process's cron pass for it is done: then no
    // further job can be created for it
    await until(async () => {
      const r = await sql<{ past: boolean }>`select now() > (${first.minute}::timestamp at time zone current_setting('TimeZone')) + interval '95 seconds' as past`.execute(database.db);
      return r.rows[0]!.past;
    }, 200_000, 'the end of the tick’s minute');
  } finally {
    await sql`update pgboss.schedule set cron = '0 7 * * *' where name = ${AT_RISK_QUEUE}`.execute(database.db);
  }
  const runs = await atRiskRuns();
  const perMinute = new Map<string, number>();
  for (const r of runs) perMinute.set(r.minute, (perMinute.get(r.minute) ?? 0) + 1);
  assert.ok(perMinute.size >= 1);
  for (const [minute, n] of perMinute) assert.equal(n, 1, `one job for the tick at ${minute}, found ${n}`);
  // and each job ran in exactly one process: the runs logged by both processes add up to the jobs
  await until(async () => (await atRiskRuns()).every((r) => r.state === 'completed'), 120_000, 'every at-risk job done');
  const logged = apps.map((a) => a.log().split('\n').filter((l) => l.includes('deadline at-risk summary')).length);
  assert.equal(logged[0]! + logged[1]!, runs.length, `runs logged by the processes: ${logged.join(' + ')}, jobs: ${runs.length}`);
});
