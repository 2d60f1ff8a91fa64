// The leaders' dashboard (/bao-cao) over HTTP, on the demo data plus a generated year of dossiers
// (seed/dossier-history, as `npm start` loads it): who may open it, that a leader sees only their
// unit, and that every figure in its tables is the statistics service's figure for the same
// period and unit (the service is called directly here with the same actor). Runs on PostgreSQL
// when TEST_DATABASE_URL is set.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedHistory } from '../seed/dossier-history';
import { indicators, periodInput, progressByUnit, ratesByUnit, resolveQuery, startReportWorker, statistics, monthlySeries } from '../src/modules/statistics';
import { chartNumber, chartPercent } from '../src/web/charts';
import type { Actor } from '../src/platform/http/context';
import { startTestApp, type TestApp } from './helpers/app';
import { Client } from './helpers/client';
import type { LightMyRequestResponse } from 'fastify';

let t: TestApp;
const deps = () => ({ db: t.database.db });

before(async () => {
  t = await startTestApp();
  const n = await seedHistory(t.database.db, { count: 500, end: new Date() });
  assert.ok(n > 0, 'the history was generated');
  // the year view is a long period: its figures come from report jobs (test/report-jobs.test.ts)
  await startReportWorker({ db: t.database.db, jobs: t.jobs });
});
after(async () => {
  await t?.close();
});

/**
 * The dashboard once its figures are there: the year view answers with the progress of its runs
 * (202) until they are done; each run named on the page is polled until it ends, with a deadline.
 */
async function ready(c: Client, url: string): Promise<LightMyRequestResponse> {
  const end = Date.now() + 120_000;
  for (;;) {
    const res = await c.get(url);
    if (res.statusCode !== 202) return res;
    const run = /data-report-run="([^"]+)"/.exec(res.body)?.[1];
    assert.ok(run, 'the progress page names its run');
    for (;;) {
      const status = (await c.get(run)).json() as { status: string };
      if (status.status === 'done' || status.status === 'failed') break;
      assert.ok(Date.now() < end, 'the year view is ready in time');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function as(username: string): Promise<Client> {
  const c = new Client(t.app);
  await c.login(username);
  return c;
}

async function actor(username: string): Promise<Actor> {
  const a = await t.database.db.selectFrom('accounts').select(['id', 'username', 'fullName', 'role', 'unitId']).where('username', '=', username).executeTakeFirstOrThrow();
  return { ...a, ip: '127.0.0.1' };
}

/** The markup of one chart's section (its chart and its table). */
function section(body: string, id: string): string {
  const start = body.indexOf(`aria-labelledby="${id}"`);
  assert.ok(start >= 0, `section ${id} is on the page`);
  return body.slice(start, body.indexOf('</section>', start));
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

/** The cells (th and td, as text) of the table row carrying `attr="value"`. */
function row(html: string, attr: string, value: string): string[] {
  const m = new RegExp(`<tr class="govuk-table__row" ${attr}="${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}">([\\s\\S]*?)</tr>`).exec(html);
  assert.ok(m, `row ${attr}=${value}`);
  return [...m[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => text(c[1]!));
}

function kpi(body: string, id: string): string {
  const m = new RegExp(`data-kpi="${id}">([\\s\\S]*?)</li>`).exec(body);
  assert.ok(m, `tile ${id}`);
  return text(m[1]!);
}

describe('Trang tổng quan báo cáo (/bao-cao)', () => {
  test('citizens, businesses, the desk and specialists are refused; anonymous visitors are sent to sign in', async () => {
    for (const username of ['congdan', 'doanhnghiep', 'motcuaxa', 'chuyenvien']) {
      const c = await as(username);
      assert.equal((await c.get('/bao-cao')).statusCode, 403, username);
    }
    const anonymous = new Client(t.app);
    const res = await anonymous.get('/bao-cao');
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /^\/dang-nhap/);
  });

  test('a leader sees their own unit, and is refused another unit', async () => {
    const leader = await as('chutichxa');
    const res = await ready(leader, '/bao-cao');
    assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    assert.match(res.body, /Ủy ban nhân dân phường Lương Văn Tri \(và các đơn vị trực thuộc\)/);
    const q = await resolveQuery(deps(), await actor('chutichxa'), periodInput('nam', new Date()));
    const own = new Set((await ratesByUnit(deps(), q)).map((u) => u.unitCode));
    for (const m of res.body.matchAll(/data-unit="([^"]+)"/g)) assert.ok(own.has(m[1]!) || (await progressByUnit(deps(), q)).some((u) => u.unitCode === m[1]), `unit ${m[1]} belongs to the leader`);
    assert.equal((await leader.get('/bao-cao?don-vi=so-tu-phap')).statusCode, 403);
    assert.equal((await leader.get('/bao-cao?ky=tuan')).statusCode, 400);
  });

  for (const kind of ['nam', 'quy', 'thang'] as const) {
    test(`every figure of the ${kind} tables equals the statistics service's figure (leader of the commune)`, async () => {
      const c = await as('chutichxa');
      const res = await ready(c, `/bao-cao?ky=${kind}`);
      assert.equal(res.statusCode, 200);
      const body = res.body;
      const a = await actor('chutichxa');
      // the year's figures were read by the runs as of the moment they were asked for: the same moment here
      const at = kind === 'nam' ? (await t.database.db.selectFrom('reportRuns').select('requestedAt').where('report', '=', 'statistics').where('requestedBy', '=', a.id).orderBy('createdAt', 'desc').executeTakeFirstOrThrow()).requestedAt : new Date();
      const input = periodInput(kind, at);
      const s = await statistics(deps(), a, input, at);
      const r = await indicators(deps(), a, input, at);
      assert.ok(kind !== 'nam' || s.counts.received > 0, 'the year has dossiers to show');

      // the tiles: raw counts and rates, each count a link to its list
      assert.match(kpi(body, 'received'), new RegExp(`^Hồ sơ tiếp nhận ${chartNumber(s.counts.received)} `));
      assert.match(kpi(body, 'settled'), new RegExp(`^Hồ sơ đã giải quyết ${chartNumber(s.counts.settled)} `));
      assert.equal(kpi(body, 'on-time'), `Tỷ lệ đúng hạn ${chartPercent(s.onTime.value)} ${chartNumber(s.onTime.numerator)} đúng hạn, trước hạn trên ${chartNumber(s.onTime.denominator)} đã giải quyết`);
      assert.equal(kpi(body, 'online'), `Tỷ lệ tự nộp trực tuyến ${chartPercent(s.online.value)} ${chartNumber(s.online.numerator)} tự nộp trực tuyến trên ${chartNumber(s.online.denominator)} tiếp nhận`);
      assert.match(body, /href="\/bao-cao\/thong-ke\/ho-so\?do-do=received&(amp;)?tu=/);

      // by month: each month's cells are the service's counts for that month; the months add up to the period
      const months = section(body, 'bd-thang');
      const series = await monthlySeries(deps(), r.query);
      for (const m of series) {
        const cells = row(months, 'data-month', m.month);
        assert.deepEqual(cells.slice(1, 6), [m.counts.received_online_self, m.counts.received_online_assisted, m.counts.received_counter, m.counts.received_post, m.counts.received_national_portal].map(chartNumber));
        assert.equal(cells[6], chartNumber(m.counts.received));
      }
      const total = row(months, 'data-month', 'total');
      assert.equal(total[6], chartNumber(s.counts.received), 'the months add up to the period’s dossiers received');
      assert.deepEqual(total.slice(1, 6), [s.counts.received_online_self, s.counts.received_online_assisted, s.counts.received_counter, s.counts.received_post, s.counts.received_national_portal].map(chartNumber));
      assert.match(months, /<svg[^>]*role="img"[^>]*>/);

      // on time by unit, highest first
      const onTime = section(body, 'bd-dung-han');
      for (const u of r.byUnit) assert.deepEqual(row(onTime, 'data-unit', u.unitCode), [u.unitName, chartNumber(u.onTime.numerator), chartNumber(u.onTime.denominator), chartPercent(u.onTime.value)]);
      const order = [...onTime.matchAll(/data-unit="([^"]+)"/g)].map((m) => m[1]!);
      const values = order.map((code) => r.byUnit.find((u) => u.unitCode === code)!.onTime.value ?? -1);
      assert.deepEqual(values, [...values].sort((x, y) => y - x), 'sorted by rate');

      // overdue in progress: the counts per unit add up to the period's figure
      if (s.counts.in_progress > 0) {
        const overdue = section(body, 'bd-qua-han');
        const units = await progressByUnit(deps(), r.query);
        for (const u of units) assert.deepEqual(row(overdue, 'data-unit', u.unitCode).slice(1), [chartNumber(u.inProgress), chartNumber(u.overdue)]);
        assert.equal(units.reduce((n, u) => n + u.overdue, 0), s.counts.in_progress_overdue);
        assert.equal(units.reduce((n, u) => n + u.inProgress, 0), s.counts.in_progress);
      }

      // QĐ 766 groups and the total
      const scores = section(body, 'bd-chi-so');
      for (const g of r.groups) assert.deepEqual(row(scores, 'data-group', g.code).slice(1), [g.points === null ? 'chưa có dữ liệu' : chartNumber(g.points), chartNumber(g.maxPoints)]);
      assert.equal(row(scores, 'data-group', 'total')[1], r.total ? chartNumber(r.total.points) : 'chưa có dữ liệu');
    });
  }

  test('an auditor sees the whole province and may choose a unit; the page links to every report', async () => {
    const auditor = await as('kiemtra');
    const res = await ready(auditor, '/bao-cao');
    assert.equal(res.statusCode, 200);
    const a = await actor('kiemtra');
    const s = await statistics(deps(), a, periodInput('nam', new Date()));
    assert.match(kpi(res.body, 'received'), new RegExp(`^Hồ sơ tiếp nhận ${chartNumber(s.counts.received)} `));
    for (const link of ['/bao-cao/thong-ke?', '/bao-cao/chi-so?', '/bao-cao/phu-luc/1', '/bao-cao/phu-luc/2', '/bao-cao/phu-luc/3', '/bao-cao/phu-luc/4']) assert.ok(res.body.includes(`href="${link}`), link);
    assert.ok(!res.body.includes('href="/quan-tri/ra-soat"'), 'the review is for administrators');
    const unit = await ready(auditor, '/bao-cao?don-vi=so-tu-phap');
    assert.equal(unit.statusCode, 200);
    assert.match(unit.body, /Sở Tư pháp \(và các đơn vị trực thuộc\)/);
    const bad = await auditor.get('/bao-cao?don-vi=khong-co');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Không có đơn vị mã “khong-co”/);

    const admin = await as('quantri');
    assert.ok((await ready(admin, '/bao-cao')).body.includes('href="/quan-tri/ra-soat"'));
  });

  test('the officer home links leaders, auditors and administrators to the reports, and not the desk', async () => {
    for (const username of ['chutichxa', 'kiemtra', 'quantri']) assert.ok((await (await as(username)).get('/quan-ly')).body.includes('href="/bao-cao"'), username);
    assert.ok(!(await (await as('motcuaxa')).get('/quan-ly')).body.includes('href="/bao-cao"'));
  });

  test('the public statistics page has its two charts, an accessible name each, and keeps its table', async () => {
    const res = await new Client(t.app).get('/thong-ke');
    assert.equal(res.statusCode, 200);
    const svgs = [...res.body.matchAll(/<svg[^>]*class="mc-chart__svg"[^>]*>/g)].map((m) => m[0]);
    assert.equal(svgs.length, 2);
    for (const svg of svgs) assert.match(svg, /role="img"/);
    assert.match(res.body, /aria-label="Biểu đồ thanh: tỷ lệ giải quyết đúng hạn theo cơ quan, đơn vị/);
    assert.match(res.body, /<caption[^>]*>Theo cơ quan, đơn vị/);
    assert.ok(!/<script(?![^>]*src=)/.test(res.body), 'no inline script');
    assert.ok(!/ style="/.test(res.body), 'no inline style (the CSP forbids it)');
  });
});
