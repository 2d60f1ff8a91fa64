// The audit log end to end: real actions write a chain that verifies, tampering with the
// table is found at the right entry, the auditor's page shows it and filters the log, and
// `npm run audit:verify` answers with its exit code. Runs on PostgreSQL when
// TEST_DATABASE_URL is set (CI), on PGlite otherwise.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { type AuditActor, type AuditEntry, entryHash, recordAudit, verifyAuditChain } from '../src/platform/audit';
import { type Db, openDatabase } from '../src/platform/db/connect';
import { migrate } from '../src/platform/db/migrate';
import { formatDate } from '../src/platform/format';
import { Client } from './helpers/client';
import { freshDatabase, startTestApp, type TestApp } from './helpers/app';

const PAGE = '/kiem-tra/nhat-ky';
const SYSTEM: AuditActor = { id: null, role: 'admin', unitId: null, ip: '127.0.0.1' };
const DAY_MS = 24 * 3600_000;

async function record(db: Db, ...entries: AuditEntry[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const e of entries) await recordAudit(trx, SYSTEM, e);
  });
}

async function seqOf(db: Db, entityId: string): Promise<number> {
  const row = await db.selectFrom('auditLog').select('seq').where('entityId', '=', entityId).executeTakeFirstOrThrow();
  return row.seq;
}

/** The cells of the log table's body rows, as text. */
function tableRows(html: string): string[][] {
  const body = /<tbody class="govuk-table__body">([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].map((tr) =>
    [...tr[1]!.matchAll(/<td class="govuk-table__cell">([\s\S]*?)<\/td>/g)].map((td) => td[1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()),
  );
}

const decode = (text: string) =>
  text.replace(/&(lt|gt|quot|amp|#34|#39);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', amp: '&', '#34': '"', '#39': "'" })[e]!);

/** The page without its attribute values: what is left is markup, so typed text must not appear in it as tags. */
const outsideAttributes = (html: string) => html.replace(/="[^"]*"/g, '=""');

const seqs = (html: string) => tableRows(html).map((r) => Number.parseInt(r[0]!, 10));

/** The href of the pagination link with this text, unescaped, or undefined. */
function pageLink(html: string, text: 'Trang sau' | 'Trang trước'): string | undefined {
  const re = new RegExp(`<a class="govuk-link govuk-pagination__link" href="([^"]+)"[^>]*>\\s*<span class="govuk-pagination__link-title">${text}</span>`);
  return re.exec(html)?.[1]?.replaceAll('&amp;', '&');
}

describe('the audit log in the running app', () => {
  let t: TestApp;
  let db: Db;
  let auditor: Client;

  before(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    db = t.database.db;
    auditor = new Client(t.app);
    await auditor.login('kiemtra');
    await new Client(t.app).login('quantri');
    await record(
      db,
      { action: 'dossier.accepted', entityType: 'dossier', entityId: 'LS-AUDIT-0001', fromState: 'SUBMITTED', toState: 'RECEIVED', reason: '<script>alert("x")</script>' },
      { action: 'dossier.withdrawn', entityType: 'dossier', entityId: 'LS-AUDIT-0002', reason: 'Công dân rút hồ sơ', detail: { note: 'gốc', n: 1 } },
    );
    await record(db, ...Array.from({ length: 55 }, (_, i) => ({ action: 'test.paged', entityType: 'test', entityId: 'LS-TRANG', detail: { i } })));
  });
  after(() => t.close());

  test('logins and service actions build a chain that verifies whole, and the page says so', async () => {
    const logins = await db.selectFrom('auditLog').innerJoin('accounts', 'accounts.id', 'auditLog.actorId').select('accounts.username').where('action', '=', 'account.login').execute();
    assert.deepEqual(new Set(logins.map((l) => l.username)), new Set(['kiemtra', 'quantri']));
    const { count } = await db.selectFrom('auditLog').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    assert.deepEqual(await verifyAuditChain(db), { ok: true, checked: Number(count) });

    const res = await auditor.get(PAGE);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, new RegExp(`Chuỗi băm toàn vẹn: đã kiểm tra ${Number(count)} bản ghi`));
    assert.doesNotMatch(res.body, /Cảnh báo: nhật ký đã bị can thiệp/);
  });

  test('an entry rolled back with its transaction leaves a gap in seq that is not taken for tampering', async () => {
    const before = await verifyAuditChain(db);
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await recordAudit(trx, SYSTEM, { action: 'test.rolled_back' });
        throw new Error('the step after the audit entry fails');
      }),
      /the step after/,
    );
    await record(db, { action: 'test.after_rollback', entityId: 'LS-SAU-HUY' });
    const last = await seqOf(db, 'LS-SAU-HUY');
    const previous = await db.selectFrom('auditLog').select((eb) => eb.fn.max('seq').as('seq')).where('seq', '<', last).executeTakeFirstOrThrow();
    assert.ok(last > Number(previous.seq) + 1, 'the rolled-back entry used up a seq');
    assert.deepEqual(await verifyAuditChain(db), { ok: true, checked: before.checked + 1 });
  });

  test('the auditor and the administrator may open the page; a citizen gets 403 and an anonymous visitor is sent to log in', async () => {
    const admin = new Client(t.app);
    await admin.login('quantri');
    assert.equal((await admin.get(PAGE)).statusCode, 200);
    const citizen = new Client(t.app);
    await citizen.login('congdan');
    const res = await citizen.get(PAGE);
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /không có quyền/i);
    assert.doesNotMatch(res.body, /LS-AUDIT-0001/);
    const anonymous = await t.app.inject({ url: PAGE });
    assert.equal(anonymous.statusCode, 303);
    assert.match(String(anonymous.headers.location), /^\/dang-nhap/);
  });

  test('the dossier code filter shows only that entity, with its text escaped', async () => {
    const res = await auditor.get(`${PAGE}?ma=LS-AUDIT-0001`);
    assert.equal(res.statusCode, 200);
    const rows = tableRows(res.body);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]![3], 'dossier.accepted');
    assert.equal(rows[0]![4], 'dossier LS-AUDIT-0001');
    assert.equal(decode(rows[0]![5]!), '<script>alert("x")</script>', 'the reason is shown as text');
    assert.doesNotMatch(res.body, /<script>alert/);
  });

  test('the action and actor filters combine, and the filter value typed in comes back escaped', async () => {
    const all = tableRows((await auditor.get(`${PAGE}?hanh-dong=account.login`)).body);
    assert.ok(all.some((r) => r[2]!.endsWith('(quantri)')) && all.some((r) => r[2]!.endsWith('(kiemtra)')), JSON.stringify(all));
    const res = await auditor.get(`${PAGE}?hanh-dong=account.login&nguoi-dung=kiemtra`);
    const rows = tableRows(res.body);
    assert.ok(rows.length >= 1);
    for (const r of rows) {
      assert.equal(r[3], 'account.login');
      assert.match(r[2]!, /\(kiemtra\)$/);
    }
    assert.match(res.body, /<option value="account.login" selected>/);

    const typed = await auditor.get(`${PAGE}?ma=${encodeURIComponent('<b>"x"</b>')}`);
    assert.equal(typed.statusCode, 200);
    const echoed = /<input [^>]*name="ma" [^>]*value="([^"]*)"/.exec(typed.body)?.[1];
    assert.equal(decode(echoed ?? ''), '<b>"x"</b>', 'the whole value, quote included, stays inside the attribute');
    assert.doesNotMatch(outsideAttributes(typed.body), /<b>/, 'the typed value does not become markup');
    assert.match(typed.body, /Không có sự kiện nào khớp với bộ lọc/);
  });

  test('the date range is read as dd/MM/yyyy days in Vietnam, both ends included', async () => {
    const now = Date.now();
    const today = formatDate(new Date(now));
    const tomorrow = formatDate(new Date(now + DAY_MS));
    const yesterday = formatDate(new Date(now - DAY_MS));
    const q = (range: string) => auditor.get(`${PAGE}?ma=LS-AUDIT-0002&${range}`);
    assert.equal(tableRows((await q(`tu-ngay=${today}&den-ngay=${today}`)).body).length, 1);
    assert.equal(tableRows((await q(`tu-ngay=${tomorrow}`)).body).length, 0);
    assert.equal(tableRows((await q(`den-ngay=${yesterday}`)).body).length, 0);
    assert.equal(tableRows((await q(`tu-ngay=${yesterday}&den-ngay=${tomorrow}`)).body).length, 1);
  });

  test('results come newest first, 50 a page, with next and previous links that keep the filters', async () => {
    const first = await auditor.get(`${PAGE}?ma=LS-TRANG`);
    const one = seqs(first.body);
    assert.equal(one.length, 50);
    assert.deepEqual(one, [...one].sort((a, b) => b - a));
    assert.equal(pageLink(first.body, 'Trang trước'), undefined);
    const next = pageLink(first.body, 'Trang sau');
    assert.equal(next, `${PAGE}?ma=LS-TRANG&trang=2`);

    const second = await auditor.get(next!);
    const two = seqs(second.body);
    assert.equal(two.length, 5);
    assert.ok(Math.max(...two) < Math.min(...one), 'page 2 continues with older entries');
    assert.equal(pageLink(second.body, 'Trang sau'), undefined);
    assert.equal(pageLink(second.body, 'Trang trước'), `${PAGE}?ma=LS-TRANG`);
  });

  test('bad filter values give 400 with a Vietnamese message linked to the field, never a 500', async () => {
    const cases: [string, string, RegExp][] = [
      ['tu-ngay=2025-07-01', 'tu-ngay', /Từ ngày phải có dạng dd\/MM\/yyyy/],
      ['den-ngay=31/02/2025', 'den-ngay', /Đến ngày không có thật trên lịch/],
      ['tu-ngay=02/07/2025&den-ngay=01/07/2025', 'den-ngay', /Đến ngày phải trùng hoặc sau Từ ngày/],
      ['trang=abc', 'trang', /Số trang phải là số nguyên từ 1 đến 10000/],
      ['trang=0', 'trang', /Số trang phải là số nguyên từ 1 đến 10000/],
      [`ma=${'x'.repeat(101)}`, 'ma', /Mã hồ sơ hoặc mã đối tượng không được dài quá 100 ký tự/],
      ['ma=a&ma=b', 'ma', /Mã hồ sơ hoặc mã đối tượng/],
      [`hanh-dong=${encodeURIComponent('"><script>alert(1)</script>')}`, 'hanh-dong', /Hành động không hợp lệ/],
    ];
    for (const [query, field, message] of cases) {
      const res = await auditor.get(`${PAGE}?${query}`);
      assert.equal(res.statusCode, 400, query);
      assert.match(res.body, message, query);
      assert.match(res.body, new RegExp(`<a href="#f-${field}">`), `${query}: the error summary links to the field`);
      assert.doesNotMatch(outsideAttributes(res.body), /<script>/, `${query}: the value typed in is not markup`);
    }
  });

  test('changing one entry’s reason or detail is found at that entry’s seq', async () => {
    const seq = await seqOf(db, 'LS-AUDIT-0002');
    await sql`update audit_log set reason = 'sửa lén' where seq = ${seq}`.execute(db);
    const reason = await verifyAuditChain(db);
    assert.equal(reason.ok, false);
    assert.equal(reason.brokenAt, seq);
    assert.equal(reason.issue, 'content');
    await sql`update audit_log set reason = 'Công dân rút hồ sơ' where seq = ${seq}`.execute(db);
    assert.equal((await verifyAuditChain(db)).ok, true, 'putting the text back makes the chain whole again');

    await sql`update audit_log set detail = jsonb_set(detail, '{n}', '2') where seq = ${seq}`.execute(db);
    const detail = await verifyAuditChain(db);
    assert.equal(detail.brokenAt, seq);
    assert.equal(detail.issue, 'content');
    await sql`update audit_log set detail = jsonb_set(detail, '{n}', '1') where seq = ${seq}`.execute(db);
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  test('an entry changed with its hash recomputed is caught by the link of the entry after it', async () => {
    const seq = await seqOf(db, 'LS-AUDIT-0001');
    const row = await db.selectFrom('auditLog').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
    const { seq: _s, prevHash, hash: original, ...content } = row;
    const forged = entryHash(prevHash, { ...content, reason: 'không có gì' });
    await db.updateTable('auditLog').set({ reason: 'không có gì', hash: forged }).where('seq', '=', seq).execute();
    const report = await verifyAuditChain(db);
    assert.equal(report.ok, false);
    assert.equal(report.issue, 'link');
    assert.equal(report.brokenAt, await seqOf(db, 'LS-AUDIT-0002'));
    await db.updateTable('auditLog').set({ reason: row.reason, hash: original }).where('seq', '=', seq).execute();
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  test('deleting an entry in the middle is found as missing entries, and the page shows where', async () => {
    const paged = await db.selectFrom('auditLog').select('seq').where('entityId', '=', 'LS-TRANG').orderBy('seq').execute();
    const deleted = paged[10]!.seq;
    const nextSeq = paged[11]!.seq;
    await sql`delete from audit_log where seq = ${deleted}`.execute(db);

    const report = await verifyAuditChain(db);
    assert.equal(report.ok, false);
    assert.equal(report.issue, 'missing');
    assert.equal(report.brokenAt, nextSeq);
    assert.match(report.problem!, new RegExp(`thiếu bản ghi số ${deleted} `));

    const page = await auditor.get(PAGE);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`Cảnh báo: nhật ký đã bị can thiệp tại bản ghi số ${nextSeq} \\(thiếu bản ghi số ${deleted} `));
    assert.doesNotMatch(page.body, /Chuỗi băm toàn vẹn/);

    // filters still work on a broken log, and the entry where it breaks is marked
    const filtered = await auditor.get(`${PAGE}?ma=LS-TRANG`);
    const rows = tableRows(filtered.body);
    assert.ok(!rows.some((r) => r[0]!.startsWith(`${deleted} `) || r[0] === String(deleted)), 'the deleted entry is gone');
    const marked = rows.find((r) => r[0]!.startsWith(`${nextSeq} `));
    assert.ok(marked, `entry ${nextSeq} is on page 1: ${JSON.stringify(rows.map((r) => r[0]))}`);
    assert.equal(marked[0], `${nextSeq} Mất bản ghi trước`);
  });
});

describe('npm run audit:verify', () => {
  const root = path.resolve(import.meta.dirname, '..');

  function verify(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
    const childEnv: Record<string, string | undefined> = { ...process.env, NODE_ENV: 'test', ...env };
    if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'verify-audit'], { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      child.on('exit', (code) => resolve({ code, output }));
    });
  }

  test('exits 0 on a whole log and 2 after a change or a deletion, naming the entry', { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-audit-'));
    // on PGlite the command opens the same directory, so this process holds it only between runs
    const server = process.env.TEST_DATABASE_URL ? await freshDatabase() : undefined;
    if (server) await server.database.close();
    const env: Record<string, string> = { DATA_DIR: dataDir, ...(server?.url ? { DATABASE_URL: server.url } : {}) };
    const withDb = async (fn: (db: Db) => Promise<unknown>) => {
      const database = server?.url ? await openDatabase({ url: server.url }) : await openDatabase({ dataDir: path.join(dataDir, 'db') });
      try {
        await fn(database.db);
      } finally {
        await database.close();
      }
    };
    try {
      await withDb(async (db) => {
        await migrate(db);
        for (let i = 1; i <= 3; i++) await record(db, { action: 'test.cli', entityId: `CLI-${i}`, detail: { i } });
      });

      const whole = await verify(env);
      assert.equal(whole.code, 0, whole.output);
      assert.match(whole.output, /Đã kiểm tra 3 bản ghi nhật ký\./);
      assert.match(whole.output, /Nhật ký toàn vẹn\./);
      assert.match(whole.output, /Bản ghi cuối: số 3, mã băm [0-9a-f]{64}\./);

      await withDb((db) => sql`update audit_log set reason = 'sửa lén' where seq = 2`.execute(db));
      const changed = await verify(env);
      assert.equal(changed.code, 2, changed.output);
      assert.match(changed.output, /Nhật ký KHÔNG toàn vẹn: bản ghi số 2 — nội dung bản ghi/);
      assert.match(changed.output, /Đã kiểm tra 1 bản ghi/);
      assert.doesNotMatch(changed.output, /Nhật ký toàn vẹn\./);

      await withDb(async (db) => {
        await sql`update audit_log set reason = null where seq = 2`.execute(db);
        await sql`delete from audit_log where seq = 2`.execute(db);
      });
      const deleted = await verify(env);
      assert.equal(deleted.code, 2, deleted.output);
      assert.match(deleted.output, /bản ghi số 3 — thiếu bản ghi số 2 \(đã bị xóa\)/);
    } finally {
      await server?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
