// Long statistics and indicator reports as background jobs (issue 8), over HTTP with the real
// worker on the real queue: a year starts a job whose page shows its progress (202, a meta
// refresh for browsers without JavaScript, the run's JSON for the script), then the figures;
// the job's figures and exports are byte for byte those of the direct computation; asking again
// answers at once from the kept run; only leaders, auditors and administrators start or see
// runs, each within their units. Also "a unit that did not exist that year" for the statistics.
// Runs on PostgreSQL when TEST_DATABASE_URL is set, on PGlite otherwise.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import {
  csv,
  indicatorsJson,
  indicatorsOf,
  indicatorsTable,
  monthlySeries,
  periodInput,
  progressByUnit,
  resolveQuery,
  startReportWorker,
  statisticsJson,
  statisticsOf,
  statisticsTable,
  UNITS_PER_STEP,
} from '../src/modules/statistics';
import { chartNumber, chartPercent } from '../src/web/charts';
import { hashPassword, insertAccount } from '../src/modules/accounts';
import { historyInput, insertHistory } from '../seed/dossier-history';
import { startTestApp, type TestApp } from './helpers/app';
import { Client } from './helpers/client';

let t: TestApp;
const db = () => t.database.db;
const YEAR = 'nam=2025';

async function as(username: string): Promise<Client> {
  const c = new Client(t.app);
  await c.login(username);
  return c;
}

interface RunJson {
  id: string;
  report: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  unitsDone: number;
  unitsTotal: number;
  progressText: string;
  finishedAt: string | null;
}

/** The run a waiting page names (data-report-run). */
function runUrl(body: string): string {
  const m = /data-report-run="([^"]+)"/.exec(body);
  assert.ok(m, 'the page names its run');
  return m[1]!;
}

/** Polls the run's JSON until it has ended (a deadline, no sleep-and-hope); returns every answer seen. */
async function untilFinished(c: Client, url: string, deadlineMs = 120_000): Promise<RunJson[]> {
  const seen: RunJson[] = [];
  const end = Date.now() + deadlineMs;
  for (;;) {
    const res = await c.get(url);
    assert.equal(res.statusCode, 200, res.body);
    const run = res.json() as RunJson;
    seen.push(run);
    if (run.status === 'done' || run.status === 'failed') return seen;
    assert.ok(Date.now() < end, `run still ${run.status} at ${run.unitsDone}/${run.unitsTotal}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Running {
  status: 'running';
  progress: { done: number; total: number };
  poll: string;
}

/** A JSON report: a short period's answer at once, a long one's 202 then, by its poll URL, the figures; every 202 checked on the way. */
async function apiFigures(c: Client, url: string, deadlineMs = 120_000): Promise<{ first: number; body: unknown; polls: Running[] }> {
  const res = await c.get(url);
  if (res.statusCode !== 202) {
    assert.equal(res.statusCode, 200, res.body);
    return { first: 200, body: res.json(), polls: [] };
  }
  const polls: Running[] = [];
  const end = Date.now() + deadlineMs;
  let answer = res;
  for (;;) {
    const r = answer.json() as Running;
    assert.deepEqual(Object.keys(r).sort(), ['poll', 'progress', 'status']);
    assert.equal(r.status, 'running');
    assert.match(r.poll, /^\/api\/v1\/reports\/runs\/[0-9a-f-]{36}$/);
    assert.equal(answer.headers.location, r.poll);
    assert.ok(Number.isInteger(r.progress.done) && r.progress.done >= 0 && r.progress.done <= r.progress.total, JSON.stringify(r.progress));
    if (polls.length > 0) assert.equal(r.poll, polls[0]!.poll, 'the same run until it is done');
    polls.push(r);
    assert.ok(Date.now() < end, `run still at ${r.progress.done}/${r.progress.total}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    answer = await c.get(r.poll);
    if (answer.statusCode !== 202) break;
  }
  assert.equal(answer.statusCode, 200, answer.body);
  return { first: 202, body: answer.json(), polls };
}

/** The dashboard page once its runs are ready: each 202 names a run, polled until it ends. */
async function dashboardReady(c: Client, url: string): Promise<{ first: number; body: string }> {
  let first = 0;
  const end = Date.now() + 180_000;
  for (;;) {
    const res = await c.get(url);
    first ||= res.statusCode;
    if (res.statusCode !== 202) {
      assert.equal(res.statusCode, 200, res.body.slice(0, 500));
      return { first, body: res.body };
    }
    assert.doesNotMatch(res.body, /data-kpi=/, 'no figures before they are ready');
    assert.equal((await untilFinished(c, runUrl(res.body))).at(-1)!.status, 'done');
    assert.ok(Date.now() < end, 'the dashboard is ready in time');
  }
}

/** The figures of a statistics page: each measure's count as the page prints it. */
function measures(body: string): Record<string, string> {
  return Object.fromEntries([...body.matchAll(/data-measure="([a-z_]+)">\s*<a [^>]*>([^<]+)<\/a>/g)].map((m) => [m[1]!, m[2]!]));
}

async function runCount(report: string): Promise<number> {
  const r = await db().selectFrom('reportRuns').select(sql<number>`count(*)::int`.as('n')).where('report', '=', report as never).executeTakeFirstOrThrow();
  return Number(r.n);
}

before(async () => {
  t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  // a year of generated dossiers (deterministic), 2025, across the reform of 01/07/2025
  const { input, calendar } = await historyInput(db(), { seed: 31, count: 700, end: new Date('2026-01-01T00:00:00+07:00'), days: 365 });
  const { generateHistory } = await import('../seed/dossier-history');
  await insertHistory(db(), generateHistory(input, calendar));
  await startReportWorker({ db: db(), jobs: t.jobs });
});
after(() => t?.close());

describe('a long report runs as a job', () => {
  test('a year of statistics: the page shows the progress, then the figures, equal to the direct computation, and the export of the run is the direct export byte for byte', async () => {
    const auditor = await as('kiemtra');
    const first = await auditor.get(`/bao-cao/thong-ke?${YEAR}`);
    assert.equal(first.statusCode, 202, first.body.slice(0, 500));
    assert.match(first.body, /Đang lập báo cáo/);
    assert.match(first.body, /<noscript><meta http-equiv="refresh" content="3"\/?><\/noscript>/);
    assert.match(first.body, /data-progress-text[^>]*>(Đang chờ đến lượt lập báo cáo\. )?Đã xử lý \d+\/\d+ đơn vị \(\d+ %\)<\/p>/);
    assert.match(first.body, /<script src="\/static\/build\/report-progress\.js\?v=[^"]+" defer><\/script>/);
    assert.doesNotMatch(first.body, /data-measure=/, 'no figures before they are ready');

    const seen = await untilFinished(auditor, runUrl(first.body));
    const last = seen.at(-1)!;
    assert.equal(last.status, 'done');
    assert.equal(last.report, 'statistics');
    assert.equal(last.unitsDone, last.unitsTotal);
    assert.ok(last.unitsTotal > UNITS_PER_STEP, `the province has more units (${last.unitsTotal}) than one step`);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i]!.unitsDone >= seen[i - 1]!.unitsDone, 'progress only moves on');

    // the page now shows the figures of the run
    const page = await auditor.get(`/bao-cao/thong-ke?${YEAR}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Báo cáo kỳ dài được lập ở chế độ nền; số liệu tính xong lúc \d\d:\d\d \d\d\/\d\d\/\d{4}/);
    assert.doesNotMatch(page.body, /http-equiv="refresh"/);

    // the same figures as the direct computation of the same query
    const q = await resolveQuery({ db: db() }, null, { nam: '2025' });
    const direct = await statisticsOf({ db: db() }, q);
    assert.ok(direct.counts.received > 100 && direct.counts.settled_late > 0 && direct.lateByUnit.length > 1 && direct.processing.dossiers > 0, JSON.stringify(direct.counts));
    const shown = measures(page.body);
    for (const [k, v] of Object.entries(direct.counts)) assert.equal(shown[k], v.toLocaleString('vi-VN'), k);
    const api = (await auditor.get(`/api/v1/reports/statistics?${YEAR}`)).json() as { counts: unknown; processing: unknown; lateByUnit: unknown };
    assert.deepEqual(api.counts, direct.counts);

    const lan = /href="\/bao-cao\/thong-ke\.csv\?([^"]+)"/.exec(page.body)?.[1]?.replaceAll('&amp;', '&');
    assert.ok(lan && /(^|&)lan=[0-9a-f-]{36}/.test(lan), 'the export links name the run');
    const exported = await auditor.get(`/bao-cao/thong-ke.csv?${lan}`);
    assert.equal(exported.statusCode, 200);
    assert.equal(exported.rawPayload.toString('utf8'), csv(statisticsTable(direct)).toString('utf8'));
    const xlsx = await auditor.get(`/bao-cao/thong-ke.xlsx?${lan}`);
    assert.equal(xlsx.statusCode, 200);
    assert.match(xlsx.headers['content-type'] as string, /spreadsheetml/);
    // and without the run named, the export of a year is the kept run's too
    const again = await auditor.get(`/bao-cao/thong-ke.csv?${YEAR}`);
    assert.equal(again.rawPayload.toString('utf8'), exported.rawPayload.toString('utf8'));
  });

  test("a year of indicators for a leader's own unit: the job's figures and export are the direct ones", async () => {
    const leader = await as('chutichxa');
    const first = await leader.get(`/bao-cao/chi-so?${YEAR}`);
    assert.equal(first.statusCode, 202);
    const seen = await untilFinished(leader, runUrl(first.body));
    assert.equal(seen.at(-1)!.status, 'done');
    const page = await leader.get(`/bao-cao/chi-so?${YEAR}`);
    assert.equal(page.statusCode, 200);
    const leaderUnit = (await db().selectFrom('accounts').innerJoin('units', 'units.id', 'accounts.unitId').select('units.code').where('username', '=', 'chutichxa').executeTakeFirstOrThrow()).code;
    const q = await resolveQuery({ db: db() }, null, { nam: '2025', 'don-vi': leaderUnit });
    const direct = await indicatorsOf({ db: db() }, q);
    assert.ok(direct.counts.received > 0, 'the commune received dossiers in 2025');
    const lan = /href="\/bao-cao\/chi-so\.csv\?([^"]+)"/.exec(page.body)![1]!.replaceAll('&amp;', '&');
    const exported = await leader.get(`/bao-cao/chi-so.csv?${lan}`);
    assert.equal(exported.statusCode, 200);
    assert.equal(exported.rawPayload.toString('utf8'), csv(indicatorsTable(direct)).toString('utf8'));
  });

  test('asking again answers at once from the kept run; "Lập lại báo cáo" makes a new run from the current data', async () => {
    const auditor = await as('kiemtra');
    const ready = await auditor.get(`/bao-cao/thong-ke?${YEAR}`);
    assert.equal(ready.statusCode, 200, 'kept from the first test');
    const runs = await runCount('statistics');
    assert.equal((await auditor.get(`/bao-cao/thong-ke?${YEAR}`)).statusCode, 200);
    assert.equal(await runCount('statistics'), runs, 'no new run');

    // a dossier of 2025 withdrawn now: the kept run still shows the earlier figures (with their time)...
    const q = await resolveQuery({ db: db() }, null, { nam: '2025' });
    const before = await statisticsOf({ db: db() }, q);
    const version = async () => (await sql<{ v: string }>`select last_value::text as v from report_data_version`.execute(db())).rows[0]!.v;
    const v0 = await version();
    const d = await db()
      .selectFrom('dossiers as d')
      .select('d.id')
      .where('d.receivedAt', '>=', new Date('2025-03-01T00:00:00+07:00'))
      .where('d.receivedAt', '<', new Date('2025-04-01T00:00:00+07:00'))
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('dossierEvents as e').select('e.id').whereRef('e.dossierId', '=', 'd.id').where('e.toState', '=', 'SUPPLEMENT_REQUESTED'))))
      .orderBy('d.code')
      .executeTakeFirstOrThrow();
    await db().insertInto('dossierEvents').values({ dossierId: d.id, at: new Date('2025-04-15T09:00:00+07:00'), actorId: null, actorRole: null, type: 'test', fromState: null, toState: 'SUPPLEMENT_REQUESTED', publicNote: null, detail: '{}' }).execute();
    assert.notEqual(await version(), v0, 'the data version moved on');
    const after = await statisticsOf({ db: db() }, q);
    assert.equal(after.counts.supplement_requested, before.counts.supplement_requested + 1);
    const kept = await auditor.get(`/bao-cao/thong-ke?${YEAR}`);
    assert.equal(kept.statusCode, 200);
    assert.equal(measures(kept.body).supplement_requested, before.counts.supplement_requested.toLocaleString('vi-VN'));

    // ...until the leader asks for it again from the current data
    const again = await auditor.post('/bao-cao/thong-ke', { nam: '2025' });
    assert.equal(again.statusCode, 303);
    assert.equal(again.headers.location, '/bao-cao/thong-ke?nam=2025');
    const waiting = await auditor.get(`/bao-cao/thong-ke?${YEAR}`);
    assert.equal(waiting.statusCode, 202);
    assert.equal((await untilFinished(auditor, runUrl(waiting.body))).at(-1)!.status, 'done');
    const fresh = await auditor.get(`/bao-cao/thong-ke?${YEAR}`);
    assert.equal(measures(fresh.body).supplement_requested, after.counts.supplement_requested.toLocaleString('vi-VN'));
    assert.equal(await runCount('statistics'), runs + 1);
  });

  test('leaders asking for the same long report at the same moment share one run', async () => {
    const auditor = await as('kiemtra');
    const leader = await as('kiemtra');
    const runs = await runCount('statistics');
    const url = '/bao-cao/thong-ke?tu=01/02/2025&den=31/12/2025&don-vi=so-tu-phap';
    const pages = await Promise.all([auditor.get(url), leader.get(url), auditor.get(url)]);
    for (const p of pages) assert.equal(p.statusCode, 202);
    assert.equal(new Set(pages.map((p) => runUrl(p.body))).size, 1, 'the same run');
    assert.equal(await runCount('statistics'), runs + 1);
    await untilFinished(auditor, runUrl(pages[0]!.body));
  });

  test('a run that failed says so once, with a way to try again, instead of starting over at every reload', async () => {
    const auditor = await as('kiemtra');
    const url = '/bao-cao/chi-so?tu=01/03/2025&den=31/12/2025';
    const waiting = await auditor.get(url);
    assert.equal(waiting.statusCode, 202);
    const run = runUrl(waiting.body);
    await untilFinished(auditor, run);
    // as the worker records a failure
    await db().updateTable('reportRuns').set({ status: 'failed', error: 'Không lập được báo cáo do lỗi hệ thống.', finishedAt: new Date(), result: null }).where('id', '=', run.split('/').at(-1)!).execute();
    const runs = await runCount('indicators');
    const failed = await auditor.get(url);
    assert.equal(failed.statusCode, 200);
    assert.match(failed.body, /Chưa lập được báo cáo/);
    assert.match(failed.body, /Không lập được báo cáo do lỗi hệ thống\./);
    assert.doesNotMatch(failed.body, /data-indicator=/);
    assert.equal((await auditor.get(url)).statusCode, 200, 'reloading does not start a new run');
    assert.equal(await runCount('indicators'), runs);
    const again = await auditor.post('/bao-cao/chi-so', { tu: '01/03/2025', den: '31/12/2025' });
    assert.equal(again.statusCode, 303);
    const next = await auditor.get(url);
    assert.equal(next.statusCode, 202);
    assert.equal((await untilFinished(auditor, runUrl(next.body))).at(-1)!.status, 'done');
    assert.match((await auditor.get(url)).body, /data-indicator=/);
  });

  test('a short period answers at once, without a job', async () => {
    const auditor = await as('kiemtra');
    const runs = await runCount('statistics');
    const res = await auditor.get('/bao-cao/thong-ke?tu=01/10/2025&den=31/10/2025');
    assert.equal(res.statusCode, 200);
    assert.ok(Object.keys(measures(res.body)).length > 20);
    assert.doesNotMatch(res.body, /lan=/);
    assert.equal(await runCount('statistics'), runs);
  });

  test('an export of a long period without figures yet leads to the page of its progress', async () => {
    const auditor = await as('kiemtra');
    const res = await auditor.get('/bao-cao/chi-so.xlsx?tu=01/01/2025&den=30/06/2025');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/bao-cao/chi-so?tu=01%2F01%2F2025&den=30%2F06%2F2025');
    const page = await auditor.get(res.headers.location as string);
    assert.equal(page.statusCode, 202);
    await untilFinished(auditor, runUrl(page.body));
    const file = await auditor.get('/bao-cao/chi-so.xlsx?tu=01/01/2025&den=30/06/2025');
    assert.equal(file.statusCode, 200);
  });
});

describe('who may start or see a job', () => {
  test('the desk, a citizen and anonymous visitors can neither start a long report nor see a run', async () => {
    const auditor = await as('kiemtra');
    const started = await auditor.get('/bao-cao/chi-so?nam=2024');
    assert.ok([200, 202].includes(started.statusCode));
    const run = /data-report-run="([^"]+)"/.exec(started.body)?.[1] ?? `/bao-cao/lan-lap/${(await db().selectFrom('reportRuns').select('id').orderBy('createdAt', 'desc').executeTakeFirstOrThrow()).id}`;
    const runs = await db().selectFrom('reportRuns').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    for (const username of ['motcuaxa', 'congdan']) {
      const c = await as(username);
      const page = await c.get(`/bao-cao/thong-ke?${YEAR}&don-vi=so-tu-phap`);
      assert.equal(page.statusCode, 403, `${username} page`);
      const json = await c.get(run);
      assert.equal(json.statusCode, 403, `${username} run`);
      const post = await c.post('/bao-cao/thong-ke', { nam: '2023' });
      assert.equal(post.statusCode, 403, `${username} post`);
    }
    const anonymous = new Client(t.app);
    const page = await anonymous.get(`/bao-cao/thong-ke?${YEAR}`);
    assert.ok([302, 303].includes(page.statusCode), 'sent to sign in');
    assert.equal((await anonymous.get(run)).statusCode === 200, false);
    const after = await db().selectFrom('reportRuns').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(runs.n), 'nobody refused started a run');
  });

  test("a leader sees the runs of their units only, and cannot download another unit's run", async () => {
    const auditor = await as('kiemtra');
    const page = await auditor.get(`/bao-cao/thong-ke?${YEAR}&don-vi=so-tu-phap`);
    assert.equal(page.statusCode, 202);
    const url = runUrl(page.body);
    await untilFinished(auditor, url);
    const id = url.split('/').at(-1)!;
    const leader = await as('chutichxa');
    assert.equal((await leader.get(url)).statusCode, 403);
    assert.equal((await leader.get(`/bao-cao/thong-ke.csv?${YEAR}&lan=${id}`)).statusCode, 403);
    assert.equal((await leader.get('/bao-cao/lan-lap/00000000-0000-0000-0000-000000000000')).statusCode, 404);
  });
});

describe('a unit that did not exist that year (statistics)', () => {
  test("a leader of the dissolved district reads its 2024 figures; a period after it ended is refused, also by default", async () => {
    const unit = await db().selectFrom('units').select('id').where('code', '=', 'huyen-dinh-lap').executeTakeFirstOrThrow();
    await insertAccount(db(), { username: 'lanhdaohuyen', fullName: 'Lãnh đạo huyện cũ', email: null, phone: null, role: 'leader', unitId: unit.id, passwordHash: await hashPassword('demo1234') });
    const leader = await as('lanhdaohuyen');
    const ok = await apiFigures(leader, '/api/v1/reports/statistics?nam=2024');
    assert.equal(ok.first, 202, 'a year runs as a job');
    assert.equal((ok.body as { query: { unit: { code: string } } }).query.unit.code, 'huyen-dinh-lap');
    for (const url of ['/api/v1/reports/statistics?tu=01/07/2025&den=31/12/2025', '/api/v1/reports/indicators']) {
      const res = await leader.get(url);
      assert.equal(res.statusCode, 400, url);
      const error = (res.json() as { error: { field: string; message: string } }).error;
      assert.equal(error.field, 'don-vi');
      assert.match(error.message, /^Ủy ban nhân dân huyện Đình Lập chỉ hoạt động từ 01\/01\/1990 đến 30\/06\/2025, không có trong kỳ/);
    }
  });

  test('a district dissolved on 01/07/2025 is accepted for 2025 and counts its dossiers of the first half', async () => {
    const auditor = await as('kiemtra');
    const unit = await db().selectFrom('units').select(['id', 'validTo']).where('code', '=', 'huyen-dinh-lap').executeTakeFirstOrThrow();
    assert.equal(unit.validTo, '2025-06-30');
    // one dossier of the district, received in March 2025
    const proc = await db().selectFrom('procedures').select(['id', 'code', 'name']).where('code', '=', '1.001193').executeTakeFirstOrThrow();
    const row = await db()
      .insertInto('dossiers')
      .values({
        code: 'TK-HDL-1',
        procedureId: proc.id,
        procedureCode: proc.code,
        procedureName: proc.name,
        procedureVersion: 1,
        formVersion: null,
        applicantId: null,
        submittedBy: null,
        channel: 'counter',
        state: 'IN_PROCESSING',
        receivingUnitId: unit.id,
        holderUnitId: unit.id,
        applicantName: 'Người nộp thử',
        applicantPhone: null,
        applicantEmail: null,
        data: '{}',
        timeLimit: '{"amount":3,"unit":"working_days"}',
        submittedAt: new Date('2025-03-10T08:00:00+07:00'),
        expectedDueAt: null,
        receivedAt: new Date('2025-03-10T08:10:00+07:00'),
        dueAt: new Date('2025-03-13T17:00:00+07:00'),
        idempotencyKey: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql`update dossiers set lead_unit_id = ${unit.id} where id = ${row.id}`.execute(db());
    const expected = await sql<{ n: number }>`
      with recursive tree(id) as (select id from units where id = ${unit.id} union all select u.id from units u join tree on u.parent_id = tree.id)
      select count(*)::int as n from dossiers d where coalesce(d.lead_unit_id, d.receiving_unit_id) in (select id from tree)
        and d.received_at >= ${new Date('2025-01-01T00:00:00+07:00')} and d.received_at < ${new Date('2026-01-01T00:00:00+07:00')}`.execute(db());
    const body = (await apiFigures(auditor, '/api/v1/reports/statistics?nam=2025&don-vi=huyen-dinh-lap')).body as { counts: { received: number }; query: { unit: { code: string } } };
    assert.equal(body.query.unit.code, 'huyen-dinh-lap');
    assert.equal(body.counts.received, Number(expected.rows[0]!.n));
    assert.ok(body.counts.received >= 1);
    // the first half of the year alone, and the indicators, too
    await apiFigures(auditor, '/api/v1/reports/statistics?tu=01/01/2025&den=30/06/2025&don-vi=huyen-dinh-lap');
    await apiFigures(auditor, '/api/v1/reports/indicators?nam=2025&don-vi=huyen-dinh-lap');
  });

  test('a unit that did not exist at any time in the period gets a clear answer naming the unit field, never a number', async () => {
    const auditor = await as('kiemtra');
    const cases: [string, RegExp][] = [
      ['/api/v1/reports/statistics?tu=01/07/2025&den=31/12/2025&don-vi=huyen-dinh-lap', /Ủy ban nhân dân huyện Đình Lập chỉ hoạt động từ 01\/01\/1990 đến 30\/06\/2025, không có trong kỳ 01\/07\/2025 – 31\/12\/2025/],
      ['/api/v1/reports/indicators?nam=2024&don-vi=xa-dinh-lap', /chỉ hoạt động từ 01\/07\/2025, không có trong kỳ 01\/01\/2024 – 31\/12\/2024/],
    ];
    for (const [url, message] of cases) {
      const res = await auditor.get(url);
      assert.equal(res.statusCode, 400, url);
      const error = (res.json() as { error: { field: string; message: string } }).error;
      assert.equal(error.field, 'don-vi');
      assert.match(error.message, message);
    }
    // the page of a long period refuses it before any job starts
    const runs = await db().selectFrom('reportRuns').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const page = await auditor.get('/bao-cao/thong-ke?nam=2024&don-vi=xa-dinh-lap');
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /href="#f-don-vi"/);
    assert.doesNotMatch(page.body, /data-measure=/);
    const after = await db().selectFrom('reportRuns').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(runs.n));
  });
});

describe('the JSON API of a long report runs as a job (202, poll, then the figures)', () => {
  test('statistics over nine months: 202 with progress, a Location and a poll URL, then exactly the direct figures; asking again answers at once', async () => {
    const auditor = await as('kiemtra');
    const url = '/api/v1/reports/statistics?tu=01/01/2025&den=30/09/2025';
    const runs = await runCount('statistics');
    const got = await apiFigures(auditor, url);
    assert.equal(got.first, 202, 'a long period is not computed in the request');
    assert.equal(await runCount('statistics'), runs + 1, 'one run');
    assert.ok(got.polls[0]!.progress.total > UNITS_PER_STEP, 'progress counts the units');
    const q = await resolveQuery({ db: db() }, null, { tu: '01/01/2025', den: '30/09/2025' });
    const direct = await statisticsOf({ db: db() }, q);
    assert.ok(direct.counts.received > 100 && direct.lateByUnit.length > 1 && direct.processing.dossiers > 0);
    assert.deepEqual(got.body, JSON.parse(JSON.stringify(statisticsJson(direct))), 'the figures of the run are the direct ones, nothing dropped');
    // kept: the same URL answers the figures at once, the poll URL too
    const again = await auditor.get(url);
    assert.equal(again.statusCode, 200);
    assert.deepEqual(again.json(), got.body);
    const poll = await auditor.get(got.polls[0]!.poll);
    assert.equal(poll.statusCode, 200);
    assert.deepEqual(poll.json(), got.body);
    assert.equal(await runCount('statistics'), runs + 1, 'no new run');
    // a short period is still answered at once
    const short = await auditor.get('/api/v1/reports/statistics?thang=10/2025');
    assert.equal(short.statusCode, 200);
    assert.equal(await runCount('statistics'), runs + 1);
  });

  test("indicators of a leader's unit over a year: 202, then the direct figures", async () => {
    const leader = await as('chutichxa');
    const got = await apiFigures(leader, '/api/v1/reports/indicators?tu=01/02/2025&den=31/12/2025');
    assert.equal(got.first, 202);
    const unit = (await db().selectFrom('accounts').innerJoin('units', 'units.id', 'accounts.unitId').select('units.code').where('username', '=', 'chutichxa').executeTakeFirstOrThrow()).code;
    const q = await resolveQuery({ db: db() }, null, { tu: '01/02/2025', den: '31/12/2025', 'don-vi': unit });
    const direct = await indicatorsOf({ db: db() }, q);
    assert.ok(direct.counts.received > 0 && direct.byUnit.length > 0);
    assert.deepEqual(got.body, JSON.parse(JSON.stringify(indicatorsJson(direct))));
  });

  test('the same authorisation as the report: others are refused the API and the poll URL, and start no run', async () => {
    const auditor = await as('kiemtra');
    const first = await auditor.get('/api/v1/reports/statistics?tu=01/03/2025&den=31/12/2025&don-vi=so-tu-phap');
    assert.equal(first.statusCode, 202);
    const poll = (first.json() as Running).poll;
    const runs = await db().selectFrom('reportRuns').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    // a leader of a commune: not their unit, neither the report nor its run
    const leader = await as('chutichxa');
    const other = await leader.get('/api/v1/reports/statistics?tu=01/03/2025&den=31/12/2025&don-vi=so-tu-phap');
    assert.equal(other.statusCode, 403);
    assert.equal((await leader.get(poll)).statusCode, 403);
    for (const username of ['motcuaxa', 'congdan']) {
      const c = await as(username);
      assert.equal((await c.get('/api/v1/reports/indicators?nam=2023')).statusCode, 403, username);
      assert.equal((await c.get(poll)).statusCode, 403, username);
    }
    const anonymous = new Client(t.app);
    assert.equal((await anonymous.get('/api/v1/reports/statistics?nam=2023')).statusCode, 401);
    assert.equal((await anonymous.get(poll)).statusCode, 401);
    const after = await db().selectFrom('reportRuns').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(runs.n), 'nobody refused started a run');
    const missing = await auditor.get('/api/v1/reports/runs/00000000-0000-0000-0000-000000000000');
    assert.equal(missing.statusCode, 404);
    assert.equal((missing.json() as { error: { code: string } }).error.code, 'not_found');
    await apiFigures(auditor, poll);
  });

  test('a failed run answers its error at the poll URL; asking the report again starts a new run', async () => {
    const auditor = await as('kiemtra');
    const url = '/api/v1/reports/indicators?tu=01/04/2025&den=31/12/2025';
    const got = await apiFigures(auditor, url);
    const poll = got.polls[0]!.poll;
    await db().updateTable('reportRuns').set({ status: 'failed', error: 'Không lập được báo cáo do lỗi hệ thống.', finishedAt: new Date(), result: null }).where('id', '=', poll.split('/').at(-1)!).execute();
    const failed = await auditor.get(poll);
    assert.equal(failed.statusCode, 500);
    assert.deepEqual((failed.json() as { error: unknown }).error, { code: 'report_run_failed', field: null, message: 'Không lập được báo cáo do lỗi hệ thống.' });
    const again = await apiFigures(auditor, url);
    assert.equal(again.first, 202);
    assert.notEqual(again.polls[0]!.poll, poll, 'a new run');
    assert.deepEqual(again.body, got.body);
  });

  test('the OpenAPI document describes the 202 answer, its poll URL and the figures', async () => {
    const doc = (await t.app.inject({ url: '/api/docs/json' })).json() as { paths: Record<string, { get?: { responses?: Record<string, { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }> } }> };
    for (const path of ['/api/v1/reports/statistics', '/api/v1/reports/indicators', '/api/v1/reports/runs/{id}']) {
      const responses = doc.paths[path]?.get?.responses;
      assert.ok(responses, path);
      const accepted = responses['202']?.content?.['application/json']?.schema?.properties;
      assert.deepEqual(Object.keys(accepted ?? {}).sort(), ['poll', 'progress', 'status'], path);
      assert.ok(responses['200'], path);
      assert.ok(responses['403'], path);
    }
    assert.ok(Object.keys(doc.paths['/api/v1/reports/statistics']!.get!.responses!['200']!.content!['application/json']!.schema!.properties!).includes('lateByUnit'));
  });
});

describe("the leaders' dashboard: the year view runs as jobs", () => {
  test('the year shows the progress page until its runs are ready, then the charts from the kept figures, equal to the direct computation', async () => {
    // dossiers of this year (the history above ends on 01/01/2026)
    const { generateHistory } = await import('../seed/dossier-history');
    const now = new Date();
    const days = Math.min(300, Math.floor((now.getTime() - new Date(`${now.getUTCFullYear()}-01-05T00:00:00+07:00`).getTime()) / 86_400_000));
    if (days > 20) {
      const { input, calendar } = await historyInput(db(), { seed: 37, count: 300, end: now, days });
      await insertHistory(db(), generateHistory(input, calendar));
    }
    const auditor = await as('kiemtra');
    const runs = (await runCount('statistics')) + (await runCount('indicators'));
    const first = await auditor.get('/bao-cao?ky=nam');
    assert.equal(first.statusCode, 202, first.body.slice(0, 500));
    assert.match(first.body, /Đang lập báo cáo/);
    assert.match(first.body, /<noscript><meta http-equiv="refresh" content="3"\/?><\/noscript>/);
    assert.match(first.body, /<script src="\/static\/build\/report-progress\.js\?v=[^"]+" defer><\/script>/);
    assert.match(first.body, /href="\/bao-cao\/thong-ke\?/, 'the links to the reports stay');
    const { body } = await dashboardReady(auditor, '/bao-cao?ky=nam');
    assert.equal((await runCount('statistics')) + (await runCount('indicators')), runs + 2, 'one statistics run and one indicator run');
    assert.match(body, /Số liệu cả kỳ được lập ở chế độ nền; tính xong lúc \d\d:\d\d \d\d\/\d\d\/\d{4}/);
    assert.doesNotMatch(body, /http-equiv="refresh"/);

    // the direct computation as of the moment the runs were asked for
    const run = await db().selectFrom('reportRuns').select('requestedAt').where('report', '=', 'statistics').orderBy('createdAt', 'desc').executeTakeFirstOrThrow();
    const q = await resolveQuery({ db: db() }, null, periodInput('nam', run.requestedAt), run.requestedAt);
    const [s, r, months, progress] = [await statisticsOf({ db: db() }, q), await indicatorsOf({ db: db() }, q), await monthlySeries({ db: db() }, q), await progressByUnit({ db: db() }, q)];
    const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
    const kpi = (id: string) => text(new RegExp(`data-kpi="${id}">([\\s\\S]*?)</li>`).exec(body)![1]!);
    const row = (attr: string, value: string) => {
      const m = new RegExp(`<tr class="govuk-table__row" ${attr}="${value}">([\\s\\S]*?)</tr>`).exec(body);
      assert.ok(m, `row ${attr}=${value}`);
      return [...m[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => text(c[1]!));
    };
    if (days > 20) assert.ok(s.counts.received > 50, 'the year has dossiers');
    assert.match(kpi('received'), new RegExp(`^Hồ sơ tiếp nhận ${chartNumber(s.counts.received)} `));
    assert.match(kpi('settled'), new RegExp(`^Hồ sơ đã giải quyết ${chartNumber(s.counts.settled)} `));
    assert.equal(kpi('on-time'), `Tỷ lệ đúng hạn ${chartPercent(s.onTime.value)} ${chartNumber(s.onTime.numerator)} đúng hạn, trước hạn trên ${chartNumber(s.onTime.denominator)} đã giải quyết`);
    assert.ok(months.length >= 1);
    for (const m of months) {
      assert.deepEqual(row('data-month', m.month).slice(1), [m.counts.received_online_self, m.counts.received_online_assisted, m.counts.received_counter, m.counts.received_post, m.counts.received_national_portal, m.counts.received].map(chartNumber), m.month);
    }
    assert.equal(row('data-month', 'total')[6], chartNumber(s.counts.received));
    assert.ok(r.byUnit.length > 1);
    for (const u of r.byUnit) assert.deepEqual(row('data-unit', u.unitCode).slice(0, 4), [u.unitName, chartNumber(u.onTime.numerator), chartNumber(u.onTime.denominator), chartPercent(u.onTime.value)]);
    const overdue = body.slice(body.indexOf('aria-labelledby="bd-qua-han"'));
    for (const u of progress) {
      const m = new RegExp(`data-unit="${u.unitCode}">([\\s\\S]*?)</tr>`).exec(overdue);
      assert.ok(m, u.unitCode);
      assert.deepEqual([...m[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => text(c[1]!)), [chartNumber(u.inProgress), chartNumber(u.overdue)]);
    }
    assert.equal(progress.reduce((n, u) => n + u.inProgress, 0), s.counts.in_progress);
    for (const g of r.groups) assert.deepEqual(row('data-group', g.code).slice(1), [g.points === null ? 'chưa có dữ liệu' : chartNumber(g.points), chartNumber(g.maxPoints)]);

    // kept: asking again answers at once, and the statistics page of the year shares the run
    assert.equal((await auditor.get('/bao-cao?ky=nam')).statusCode, 200);
    assert.equal((await auditor.get(`/bao-cao/thong-ke?nam=${q.period.from.slice(0, 4)}`)).statusCode, 200);
    assert.equal((await runCount('statistics')) + (await runCount('indicators')), runs + 2);
    // the month view is still read at once
    assert.equal((await auditor.get('/bao-cao?ky=thang')).statusCode, 200);
  });

  test('"Lập lại" makes new runs; a failed run is said with a way to try again; others are refused', async () => {
    const auditor = await as('kiemtra');
    assert.equal((await auditor.get('/bao-cao?ky=nam')).statusCode, 200, 'kept from the test before');
    const runs = await runCount('statistics');
    const again = await auditor.post('/bao-cao', { ky: 'nam', 'don-vi': '' });
    assert.equal(again.statusCode, 303);
    assert.equal(again.headers.location, '/bao-cao?ky=nam');
    assert.equal(await runCount('statistics'), runs + 1);
    await dashboardReady(auditor, '/bao-cao?ky=nam');
    const latest = await db().selectFrom('reportRuns').select('id').where('report', '=', 'indicators').orderBy('createdAt', 'desc').executeTakeFirstOrThrow();
    await db().updateTable('reportRuns').set({ status: 'failed', error: 'Không lập được báo cáo do lỗi hệ thống.', finishedAt: new Date(), result: null }).where('id', '=', latest.id).execute();
    const failed = await auditor.get('/bao-cao?ky=nam');
    assert.equal(failed.statusCode, 200);
    assert.match(failed.body, /Chưa lập được báo cáo/);
    assert.match(failed.body, /<form method="post" action="\/bao-cao"/);
    assert.doesNotMatch(failed.body, /data-kpi=/);
    for (const username of ['motcuaxa', 'congdan']) {
      const c = await as(username);
      assert.equal((await c.get('/bao-cao?ky=nam')).statusCode, 403, username);
      const post = await c.post('/bao-cao', { ky: 'nam' });
      assert.equal(post.statusCode, 403, username);
      assert.doesNotMatch(post.body, /mã bảo vệ/, 'refused for the right, not for a missing CSRF token');
    }
    const retry = await auditor.post('/bao-cao', { ky: 'nam' });
    assert.equal(retry.statusCode, 303);
    const ready = await dashboardReady(auditor, '/bao-cao?ky=nam');
    assert.match(ready.body, /data-kpi="received"/);
  });
});
