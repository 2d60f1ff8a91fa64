// Fault injection: a stream of online submissions (each with its attachments), fee payments
// through the VNPay simulator (its IPN server to server) and back-office moves (accept, start
// processing) runs against the real server process over HTTP, while (1) the server is killed with
// SIGKILL at random moments and restarted on the same port, and (2) the PostgreSQL server itself is
// restarted under load with the app left running. The client records every operation it got a
// success answer for; afterwards each is present and whole, nothing is half-written, the outbox
// delivered every notification once, and the audit chain verifies.
//
// The moments come from a seeded PRNG: the seed is printed, and FAULT_SEED=… repeats a run.
// FAULT_KILLS (10 in CI) and FAULT_PG_RESTARTS (2) set the number of faults; `npm run test:faults`
// runs the full form. Needs TEST_DATABASE_URL, and the right to run pg_ctlcluster for the cluster
// that serves it (root in CI): the restart phase restarts that whole PostgreSQL server.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { loadConfig } from '../../src/config';
import { verifyAuditChain } from '../../src/platform/audit';
import { openDatabase, type Database } from '../../src/platform/db/connect';
import { blobStoreFor } from '../../src/platform/storage';
import { startServer, type Server } from '../e2e/helpers';
import { HttpClient } from '../helpers/http-client';
import { preparedDatabase, startSmtpSink, TempDirs } from '../helpers/processes';
import { freePort, startSimulator, startVnpaySimulator, until, type Simulator } from '../helpers/simulators';
import { KHAI_SINH_ANSWERS, submitBirthRegistration } from '../helpers/submit-flow';

const SEED = Number(process.env.FAULT_SEED ?? Math.floor(Math.random() * 2 ** 31));
const KILLS = Number(process.env.FAULT_KILLS ?? 10);
const PG_RESTARTS = Number(process.env.FAULT_PG_RESTARTS ?? 2);
const SUBMITTERS = 2;
const SMS_SECRET = 'bi-mat-cua-tinh-0123';
// two copies of the birth certificate asked for: a fee of 2 × 8.000 ₫ to pay online
Object.assign(KHAI_SINH_ANSWERS, { banSao: 'true', soBanSao: '2' });

/** mulberry32: a small seeded PRNG, so a failing run's fault moments can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(SEED);
const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo));
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the clients were told succeeded. */
const acked = {
  dossiers: new Set<string>(),
  accepted: new Set<string>(),
  processing: new Set<string>(),
  /** txnRef → dossier code, for payments the return page showed as paid. */
  payments: new Map<string, string>(),
};
const ackCount = () => acked.dossiers.size + acked.accepted.size + acked.processing.size + acked.payments.size;
const attempts = { submissions: 0, payments: 0, moves: 0, failedByFault: 0 };

const dirs = new TempDirs();
let dbUrl: string;
let drop: () => Promise<void>;
let env: Record<string, string>;
let port: number;
let base: string;
let vnpay: Awaited<ReturnType<typeof startVnpaySimulator>>;
let sms: Simulator;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

/**
 * The app process under test, restarted on the same port after each kill. `epoch` counts the
 * faults: an operation that fails while the epoch moved was cut by a fault, any other failure
 * is a finding.
 */
const app = {
  server: undefined as Server | undefined,
  epoch: 0,
  /** Set while the app is down or PostgreSQL restarts: resolves when requests may go again. */
  outage: undefined as Promise<void> | undefined,
  async start(): Promise<void> {
    this.server = await startServer(env);
  },
  async kill(): Promise<void> {
    const s = this.server!;
    let up!: () => void;
    this.outage = new Promise<void>((r) => (up = r));
    this.epoch++;
    const exited = new Promise((r) => s.process.once('exit', r));
    s.process.kill('SIGKILL');
    await exited;
    const down = Date.now();
    await this.start();
    if (process.env.FAULT_VERBOSE) console.log(`# kill ${this.epoch}: restarted in ${Date.now() - down} ms`);
    this.outage = undefined;
    up();
  },
};

/** Runs one client operation; a failure is tolerated only when a fault happened during it. */
async function guarded(what: string, op: () => Promise<void>): Promise<void> {
  await app.outage;
  const epoch = app.epoch;
  try {
    await op();
  } catch (err) {
    if (app.epoch === epoch && !app.outage) throw new Error(`${what} failed with no fault under way: ${(err as Error).message}`, { cause: err });
    attempts.failedByFault++;
    await app.outage;
  }
}

/** A client signed in as a demo account; a login cut by a fault is tried again. */
async function signedIn(username: string): Promise<HttpClient> {
  const c = new HttpClient(base);
  for (;;) {
    await app.outage;
    const epoch = app.epoch;
    try {
      await c.login(username);
      return c;
    } catch (err) {
      if (app.epoch === epoch && !app.outage) throw err;
    }
  }
}

/** Pays a dossier's fee at the gateway; the payment counts when the return page says it is paid. */
async function pay(c: HttpClient, code: string): Promise<void> {
  await c.get(`/ho-so-cua-toi/${code}/nop-phi`);
  const start = await c.post(`/ho-so-cua-toi/${code}/nop-phi`, { bankCode: '' });
  if (start.status === 409) return; // already paid by an attempt whose answer a fault cut off
  assert.equal(start.status, 303, `pay ${code}: ${start.body.slice(0, 300)}`);
  const gateway = start.location!;
  const txnRef = new URL(gateway).searchParams.get('vnp_TxnRef')!;
  const page = await (await fetch(gateway)).text();
  const token = /name="token" value="([^"]+)"/.exec(page)?.[1];
  assert.ok(token, 'the gateway page has its form');
  // the gateway takes the money whatever happens to us next; it keeps sending the IPN until we confirm
  const done = await fetch(`${vnpay.url}/paymentv2/xu-ly`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, result: 'success', bank: 'NCB', ipn: random() < 0.5 ? 'before' : 'after' }).toString(),
  });
  assert.equal(done.status, 302);
  const back = await c.get(done.headers.get('location')!.slice(base.length));
  assert.equal(back.status, 200);
  if (/Nộp phí thành công/.test(back.body)) acked.payments.set(txnRef, code);
}

/** Accepts a dossier at the desk or starts its processing, as the officer's page offers; the move made. */
async function move(c: HttpClient, code: string): Promise<'accept' | 'startProcessing' | undefined> {
  const path = `/mot-cua/ho-so/${encodeURIComponent(code)}`;
  const page = await c.get(path);
  assert.equal(page.status, 200, `${path}: ${page.status}`);
  const version = /name="version" value="(\d+)"/.exec(page.body)?.[1];
  for (const [action, into] of [['accept', acked.accepted], ['startProcessing', acked.processing]] as const) {
    if (!page.body.includes(`name="_action" value="${action}"`)) continue;
    attempts.moves++;
    const r = await c.post(`${path}/thao-tac`, { _action: action, version: version ?? '' });
    assert.equal(r.status, 303, `${action} ${code}: ${r.status} ${r.body.slice(0, 300)}`);
    into.add(code);
    return action;
  }
  return undefined;
}

/** The citizens, the payer and the officer, until `stop` says the faults are over. */
async function workload(stop: () => boolean): Promise<void> {
  const toPay: string[] = [];
  const toMove: string[] = [];
  const submitter = async () => {
    const c = await signedIn('congdan');
    while (!stop()) {
      await guarded('a submission', async () => {
        attempts.submissions++;
        const code = await submitBirthRegistration(c);
        acked.dossiers.add(code);
        toPay.push(code);
        toMove.push(code);
      });
    }
  };
  const payer = async () => {
    const c = await signedIn('congdan');
    while (!stop()) {
      const code = toPay.shift();
      if (!code) {
        await pause(50);
        continue;
      }
      await guarded(`paying ${code}`, async () => {
        attempts.payments++;
        await pay(c, code);
      });
    }
  };
  const officer = async () => {
    const c = await signedIn('motcuaxa');
    while (!stop()) {
      const code = toMove.shift();
      if (!code) {
        await pause(50);
        continue;
      }
      let made = 'cut' as 'accept' | 'startProcessing' | undefined | 'cut';
      await guarded(`moving ${code}`, async () => {
        made = await move(c, code);
      });
      // after an accept (or a move a fault cut off) the dossier comes round again for the next one
      if (made === 'accept' || (made === 'cut' && !acked.processing.has(code))) toMove.push(code);
    }
  };
  await Promise.all([...Array.from({ length: SUBMITTERS }, submitter), payer(), officer()]);
}

/** The PostgreSQL cluster that serves TEST_DATABASE_URL, as `version name` for pg_ctlcluster. */
function clusterOf(url: string): [string, string] {
  const p = new URL(url).port || '5432';
  const line = execFileSync('pg_lsclusters', ['--no-header']).toString().split('\n').map((l) => l.trim().split(/\s+/)).find((f) => f[2] === p);
  if (!line) throw new Error(`no local PostgreSQL cluster on port ${p}: the restart phase needs pg_ctlcluster`);
  return [line[0]!, line[1]!];
}

before(async () => {
  console.log(`# fault injection seed ${SEED} (FAULT_SEED=${SEED} repeats it), ${KILLS} kills, ${PG_RESTARTS} PostgreSQL restarts`);
  port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // unconfirmed IPNs are sent again every 200 ms for a minute: long enough for any restart
  vnpay = await startVnpaySimulator({ IPN_RETRY_MS: '200', IPN_MAX_RETRIES: '300' });
  await fetch(`${vnpay.url}/_config`, { method: 'POST', body: JSON.stringify({ ipnUrl: `${base}/api/v1/payments/vnpay/ipn` }) });
  sms = await startSimulator('sms-gateway.ts', { SMS_PARTNER_ID: 'lang-son', SMS_SECRET });
  smtp = await startSmtpSink();
  const dataDir = dirs.make('motcua-faults-');
  let database: Database;
  ({ database, url: dbUrl, drop } = await preparedDatabase({ DATA_DIR: dataDir }, dirs));
  await database.close();
  env = {
    PORT: String(port),
    PUBLIC_URL: base,
    DATABASE_URL: dbUrl,
    // the same data directory across restarts: the files stored by one life are read by the next
    DATA_DIR: dataDir,
    SESSION_SECRET: 'bi-mat-phien-cua-thu-nghiem-su-co-0123456789',
    DEMO_DATA: 'false',
    SMTP_URL: smtp.url,
    SMS_GATEWAY_URL: sms.url,
    SMS_PARTNER_ID: 'lang-son',
    SMS_SECRET,
    VNPAY_URL: `${vnpay.url}/paymentv2/vpcpay.html`,
    VNPAY_API_URL: `${vnpay.url}/merchant_webapi/api/transaction`,
    VNPAY_TMN_CODE: vnpay.tmnCode,
    VNPAY_HASH_SECRET: vnpay.hashSecret,
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    TRACKING_RATE_LIMIT_PER_MINUTE: '10000',
    // a job the killed process left active (a notification being sent) is run again after 10 s,
    // not the 5 minutes of production, so that the outbox drains within the run
    JOB_EXPIRE_SECONDS: '10',
  };
  await app.start();
});

after(async () => {
  await app.server?.stop();
  await vnpay?.stop();
  await sms?.stop();
  await smtp?.close();
  await drop?.();
  dirs.removeAll();
});

/** Every check of the whole database, the files, the gateway, the outbox and the audit log. */
async function checkEverything(phase: string): Promise<void> {
  const started = Date.now();
  const database = await openDatabase({ url: dbUrl });
  try {
    const db = database.db;
    const blobs = blobStoreFor(loadConfig({ DATA_DIR: env.DATA_DIR!, DATABASE_URL: dbUrl }));

    // dossiers: every acknowledged one, each code once, none without its first event
    const dossiers = await db.selectFrom('dossiers').select(['id', 'code', 'state', 'data']).execute();
    const byCode = new Map(dossiers.map((d) => [d.code, d]));
    assert.equal(byCode.size, dossiers.length, 'no dossier code given twice');
    for (const code of acked.dossiers) assert.ok(byCode.has(code), `acknowledged dossier ${code} exists`);
    const events = await db.selectFrom('dossierEvents').select(['dossierId', 'type', 'fromState', 'toState']).orderBy('id').execute();
    const eventsOf = new Map<string, typeof events>();
    for (const e of events) eventsOf.set(e.dossierId, [...(eventsOf.get(e.dossierId) ?? []), e]);
    for (const d of dossiers) {
      const es = eventsOf.get(d.id) ?? [];
      assert.equal(es[0]?.type, 'submitted', `${d.code} has its first event`);
      assert.equal((d.data as Record<string, unknown>).childName, 'Nguyễn Minh Khang', `${d.code} has its form data`);
      // the life cycle is one unbroken chain that ends in the dossier's state
      let state = es[0]!.toState;
      for (const e of es.slice(1)) {
        if (e.fromState === null && e.toState === null) continue;
        assert.equal(e.fromState, state, `${d.code}: event ${e.type} starts where the previous ended`);
        state = e.toState ?? state;
      }
      assert.equal(state, d.state, `${d.code}'s state is where its events lead`);
      if (acked.accepted.has(d.code)) assert.ok(es.some((e) => e.toState === 'RECEIVED'), `acknowledged acceptance of ${d.code} is recorded`);
      if (acked.processing.has(d.code)) assert.ok(es.some((e) => e.fromState === 'RECEIVED' && e.toState === 'IN_PROCESSING'), `acknowledged start of processing of ${d.code} is recorded`);
    }
    const submittedKeys = new Set((await db.selectFrom('dossiers').select('idempotencyKey').execute()).map((d) => String(d.idempotencyKey)));
    const drafts = await db.selectFrom('drafts').select('idempotencyKey').execute();
    assert.deepEqual(drafts.filter((d) => submittedKeys.has(String(d.idempotencyKey))), [], 'no draft outlives its submission');

    // files: every dossier's two attachments, every blob present with the bytes its hash names
    const files = await db.selectFrom('dossierFiles').select(['dossierId', 'sha256']).execute();
    const filesOf = new Map<string, number>();
    for (const f of files) filesOf.set(f.dossierId, (filesOf.get(f.dossierId) ?? 0) + 1);
    for (const d of dossiers) assert.equal(filesOf.get(d.id), 2, `${d.code} has its two files`);
    for (const sha of new Set(files.map((f) => f.sha256))) {
      assert.ok(await blobs.has(sha), `blob ${sha} is stored`);
      const hash = createHash('sha256');
      for await (const chunk of await blobs.get(sha)) hash.update(chunk as Buffer);
      assert.equal(hash.digest('hex'), sha, `blob ${sha} holds the bytes its hash names`);
    }

    // payments: every money-taking line at the gateway is recorded as paid (once the gateway's
    // IPN retries reach the restarted app), each payment's state where its events lead
    const gateway = (await (await fetch(`${vnpay.url}/_state`)).json()) as { lines: { vnp_TxnRef: string; vnp_TransactionStatus: string }[] };
    const taken = gateway.lines.filter((l) => l.vnp_TransactionStatus === '00').map((l) => l.vnp_TxnRef);
    const paymentRows = () => db.selectFrom('payments').select(['id', 'txnRef', 'state', 'receiptNumber', 'dossierId']).execute();
    await until(async () => {
      const states = new Map((await paymentRows()).map((p) => [p.txnRef, p.state]));
      return taken.every((ref) => states.get(ref) === 'succeeded');
    }, 90_000, `${phase}: every payment the gateway took recorded`);
    const payments = await paymentRows();
    if (process.env.FAULT_VERBOSE) console.log(`# ${phase}: payments settled ${Date.now() - started} ms into the checks`);
    const byRef = new Map(payments.map((p) => [p.txnRef, p]));
    for (const [ref, code] of acked.payments) {
      assert.equal(byRef.get(ref)?.state, 'succeeded', `acknowledged payment ${ref} of ${code} is recorded as paid`);
    }
    for (const ref of taken) assert.equal(byRef.get(ref)?.state, 'succeeded', `money taken at the gateway for ${ref} is recorded`);
    const paymentEvents = await db.selectFrom('paymentEvents').select(['paymentId', 'type', 'fromState', 'toState']).orderBy('id').execute();
    const receipts = new Set<string>();
    const paidDossiers = new Set((await db.selectFrom('dossiers').select('id').where('feePaidAt', 'is not', null).execute()).map((d) => d.id));
    for (const p of payments) {
      const es = paymentEvents.filter((e) => e.paymentId === p.id && e.toState !== null);
      assert.equal(es[0]?.toState, 'created', `payment ${p.txnRef} begins with its creation`);
      for (let i = 1; i < es.length; i++) assert.equal(es[i]!.fromState, es[i - 1]!.toState, `payment ${p.txnRef}: ${es[i]!.type} starts where the previous ended`);
      assert.equal(es.at(-1)!.toState, p.state, `payment ${p.txnRef}'s state is where its events lead`);
      if (p.state === 'succeeded') {
        assert.match(p.receiptNumber ?? '', /^BL\d{2}-\d{6}$/, `paid ${p.txnRef} has its receipt`);
        assert.ok(!receipts.has(p.receiptNumber!), `receipt ${p.receiptNumber} issued once`);
        receipts.add(p.receiptNumber!);
        assert.ok(paidDossiers.has(p.dossierId), `the dossier of ${p.txnRef} shows its fee paid`);
      } else {
        assert.equal(p.receiptNumber, null, `unpaid ${p.txnRef} has no receipt`);
      }
    }

    // the outbox: every notification sent, each once at the SMS gateway and the SMTP server
    const notifications = () => db.selectFrom('notifications').select(['id', 'channel', 'status']).execute();
    if (process.env.FAULT_VERBOSE) {
      const jobs = await sql<{ state: string; retry_count: number; output: unknown; started_on: Date | null }>`select state, retry_count, output, started_on from pgboss.job where name = 'notifications.send' and state <> 'completed'`.execute(db);
      console.log(`# ${phase}: ${JSON.stringify(jobs.rows)}`);
    }
    await until(async () => (await notifications()).every((n) => n.status === 'sent'), 120_000, `${phase}: every notification sent`);
    const all = await notifications();
    if (process.env.FAULT_VERBOSE) console.log(`# ${phase}: outbox drained ${Date.now() - started} ms into the checks`);
    const inbox = (await (await fetch(`${sms.url}/_inbox`)).json()) as { messages: { requestId: string }[] };
    const texts = new Map<string, number>();
    for (const m of inbox.messages) texts.set(m.requestId, (texts.get(m.requestId) ?? 0) + 1);
    const mails = new Map<string, number>();
    for (const m of smtp.mails) mails.set(m.messageId, (mails.get(m.messageId) ?? 0) + 1);
    let resent = 0;
    for (const n of all) {
      if (n.channel === 'sms') assert.equal(texts.get(n.id), 1, `SMS ${n.id} reached the gateway once`);
      if (n.channel === 'email') {
        const times = mails.get(`${n.id}@motcua`) ?? 0;
        assert.ok(times >= 1, `e-mail ${n.id} reached the SMTP server`);
        resent += times - 1;
      }
    }
    for (const code of acked.dossiers) {
      const d = byCode.get(code)!;
      assert.ok((await db.selectFrom('notifications').select('id').where('subjectType', '=', 'dossier').where('subjectId', '=', d.code).execute()).length >= 2, `${code}'s receipt was notified`);
    }
    // SMTP has no idempotency key: an e-mail sent in the instant between the server's 250 and
    // the outbox recording it is sent again after the restart, under the same Message-ID (which
    // mail clients merge). That can happen at most once per kill and worker.
    assert.ok(resent <= app.epoch, `e-mails sent again: ${resent}, kills: ${app.epoch}`);
    const unique = new Set(smtp.mails.map((m) => m.messageId));
    assert.equal(unique.size, [...unique].filter((id) => all.some((n) => `${n.id}@motcua` === id)).length, 'no e-mail the outbox does not know');

    // the audit chain verifies, end to end
    const report = await verifyAuditChain(db);
    assert.ok(report.ok, `audit chain broken at ${report.brokenAt}: ${report.problem}`);

    console.log(
      `# ${phase}: ${attempts.submissions} submissions started, ${acked.dossiers.size} acknowledged, ${dossiers.length} stored; ` +
        `${attempts.payments} payments started, ${acked.payments.size} acknowledged, ${payments.length} stored; ${attempts.moves} moves, ` +
        `${acked.accepted.size} accepts and ${acked.processing.size} starts acknowledged; ${attempts.failedByFault} operations cut by a fault; ` +
        `${all.length} notifications (${resent} e-mails sent again); ${report.checked} audit entries verified`,
    );
  } finally {
    await database.close();
  }
}

test(`SIGKILL at random moments (${KILLS} times): every acknowledged operation is whole, nothing half-written, the outbox delivers once, the audit chain holds`, { timeout: 240_000 + KILLS * 20_000 }, async () => {
  let kills = 0;
  let gated = 0;
  const faults = (async () => {
    for (; kills < KILLS; kills++) {
      // one kill in five lands in the first requests after a start (or before any), the others
      // at a random moment after this life acknowledged something, well into the stream
      if (random() < 0.2) await pause(between(0, 1500));
      else {
        gated++;
        const acks = ackCount();
        await until(() => ackCount() > acks, 60_000, 'an acknowledged operation in this life of the server');
        await pause(between(0, 1500));
      }
      await app.kill();
    }
  })();
  let over = false;
  try {
    await Promise.all([faults, workload(() => over || kills >= KILLS)]);
  } finally {
    over = true;
  }
  assert.equal(app.epoch, KILLS);
  assert.ok(acked.dossiers.size > 0 && ackCount() >= gated, `operations went through between the kills: ${ackCount()} acknowledged, ${gated} lives waited for one`);
  // the last life drains the outbox and the gateway's IPN retries
  await checkEverything(`${KILLS} kills`);
});

test(`PostgreSQL restarted under load (${PG_RESTARTS} times): the running app recovers and the same checks hold`, { timeout: 240_000 + PG_RESTARTS * 60_000 }, async () => {
  const [version, cluster] = clusterOf(dbUrl);
  const run = promisify(execFile);
  const before = acked.dossiers.size;
  let restarts = 0;
  const faults = (async () => {
    for (; restarts < PG_RESTARTS; restarts++) {
      await pause(between(500, 3000));
      let up!: () => void;
      app.outage = new Promise<void>((r) => (up = r));
      app.epoch++;
      try {
        await run('pg_ctlcluster', [version, cluster, 'restart', '-m', 'fast']);
      } finally {
        app.outage = undefined;
        up();
      }
      // the same process answers again, with the database, within a deadline: its pools reconnect
      const c = new HttpClient(base);
      const deadline = Date.now() + 60_000;
      for (;;) {
        try {
          await c.login('congdan');
          acked.dossiers.add(await submitBirthRegistration(c));
          break;
        } catch (err) {
          if (Date.now() > deadline || app.server!.process.exitCode !== null) {
            throw new Error(`the app did not recover from the PostgreSQL restart: ${(err as Error).message}\n${app.server!.log().slice(-4000)}`, { cause: err });
          }
          await pause(200);
        }
      }
    }
  })();
  const epoch = app.epoch;
  let over = false;
  try {
    await Promise.all([faults, workload(() => over || restarts >= PG_RESTARTS)]);
  } finally {
    over = true;
  }
  assert.equal(app.epoch, epoch + PG_RESTARTS);
  assert.equal(app.server!.process.exitCode, null, 'the app process lived through the restarts');
  assert.ok(acked.dossiers.size > before + PG_RESTARTS, 'submissions went through between the restarts');
  await checkEverything(`${PG_RESTARTS} PostgreSQL restarts`);
});
