// Dossier statistics and the QĐ 766 indicators over HTTP, on a small fixed set of dossiers
// written directly with known dates, channels, states and ratings (October 2025; 1 October
// 2025 is a Wednesday; office hours 07:30–11:30 and 13:00–17:00, 480 minutes a day; no day off
// in the month). Every figure is checked against a value computed by hand below; every count
// against the length of the list behind it. Runs on PostgreSQL when TEST_DATABASE_URL is set.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { LATE_AT_UNIT, MEASURE_KEYS, type MeasureKey, PROCEDURE_MEASURES, startReportWorker } from '../src/modules/statistics';
import { generateHistory, historyInput, insertHistory } from '../seed/dossier-history';
import { startTestApp, type TestApp } from './helpers/app';
import { Client } from './helpers/client';

let t: TestApp;
const db = () => t.database.db;
const OCT = 'tu=01/10/2025&den=31/10/2025';
const COMMUNE = 'p-luong-van-tri';

async function unit(code: string): Promise<string> {
  return (await db().selectFrom('units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}
async function account(username: string): Promise<string> {
  return (await db().selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

interface Fixed {
  code: string;
  channel: 'online' | 'counter' | 'post' | 'national_portal';
  by: 'self' | 'officer' | 'none';
  state: string;
  submitted: string;
  received?: string;
  due?: string;
  originalDue?: string;
  decided?: string;
  delivered?: string;
  outcome?: 'result' | 'refusal';
  rating?: number;
  lateCount?: number;
  pauses?: { start: string; end: string | null }[];
  lead: string;
  receiving?: string;
  /** to_state events with their moments */
  events: [string, string][];
  handovers?: { unit: string; due: string; finished: string | null }[];
  file?: boolean;
  resultDoc?: boolean;
}

const V = (s: string) => `${s}+07:00`;

/** The fixed set; expected figures are in the tests. */
const FIXED: Fixed[] = [
  // D1: self online, Mon 06/10 08:00 → decided Tue 07/10 10:00 (on time): 450 + 150 = 600 office minutes
  { code: 'TK-D1', channel: 'online', by: 'self', state: 'DELIVERED', submitted: '2025-10-06T07:50:00', received: '2025-10-06T08:00:00', due: '2025-10-08T17:00:00', decided: '2025-10-07T10:00:00', delivered: '2025-10-08T09:00:00', outcome: 'result', rating: 5, lead: COMMUNE, events: [['RECEIVED', '2025-10-06T08:00:00'], ['RESULT_READY', '2025-10-07T10:00:00'], ['DELIVERED', '2025-10-08T09:00:00']], file: true, resultDoc: true },
  // D2: counter, Mon 06/10 09:00 → Fri 10/10 15:00 (late, apology): 390 + 3×480 + 360 = 2190; the commune police's step went late
  { code: 'TK-D2', channel: 'counter', by: 'officer', state: 'DELIVERED', submitted: '2025-10-06T08:55:00', received: '2025-10-06T09:00:00', originalDue: '2025-10-08T17:00:00', due: '2025-10-10T17:00:00', decided: '2025-10-10T15:00:00', delivered: '2025-10-13T08:00:00', outcome: 'result', rating: 2, lateCount: 1, lead: COMMUNE, events: [['RECEIVED', '2025-10-06T09:00:00'], ['RESULT_READY', '2025-10-10T15:00:00'], ['DELIVERED', '2025-10-13T08:00:00']], handovers: [{ unit: 'ca-p-luong-van-tri', due: '2025-10-07T17:00:00', finished: '2025-10-09T10:00:00' }] },
  // D3: online entered by an officer, Tue 07/10 08:00 → Wed 15/10 10:00 refused, paused Wed 08/10 08:00 → Fri 10/10 08:00: 3000 − 960 = 2040
  { code: 'TK-D3', channel: 'online', by: 'officer', state: 'REFUSED', submitted: '2025-10-07T07:40:00', received: '2025-10-07T08:00:00', due: '2025-10-16T17:00:00', decided: '2025-10-15T10:00:00', outcome: 'refusal', pauses: [{ start: '2025-10-08T08:00:00', end: '2025-10-10T08:00:00' }], lead: COMMUNE, events: [['RECEIVED', '2025-10-07T08:00:00'], ['SUPPLEMENT_REQUESTED', '2025-10-08T08:00:00'], ['IN_PROCESSING', '2025-10-10T08:00:00'], ['REFUSED', '2025-10-15T10:00:00']], file: true },
  // D4: post, in progress and past its due date at the end of October; its open step at the commune is late
  { code: 'TK-D4', channel: 'post', by: 'officer', state: 'IN_PROCESSING', submitted: '2025-10-21T07:45:00', received: '2025-10-21T08:00:00', due: '2025-10-23T17:00:00', lead: COMMUNE, events: [['RECEIVED', '2025-10-21T08:00:00']], handovers: [{ unit: COMMUNE, due: '2025-10-22T17:00:00', finished: null }] },
  // D5: national portal, in progress within its time; no reception event (history incomplete)
  { code: 'TK-D5', channel: 'national_portal', by: 'none', state: 'IN_PROCESSING', submitted: '2025-10-29T07:45:00', received: '2025-10-29T08:00:00', due: '2025-11-11T17:00:00', lead: COMMUNE, events: [], file: true },
  // D6: self online, paused for a supplement across the end of the month (its due date passed while paused)
  { code: 'TK-D6', channel: 'online', by: 'self', state: 'SUPPLEMENT_REQUESTED', submitted: '2025-10-27T07:45:00', received: '2025-10-27T08:00:00', due: '2025-10-29T17:00:00', pauses: [{ start: '2025-10-28T08:00:00', end: null }], lead: COMMUNE, events: [['RECEIVED', '2025-10-27T08:00:00'], ['SUPPLEMENT_REQUESTED', '2025-10-28T08:00:00']] },
  // D7–D9: never received: returned for completion, refused at reception, withdrawn
  { code: 'TK-D7', channel: 'online', by: 'self', state: 'RETURNED_FOR_COMPLETION', submitted: '2025-10-09T08:00:00', lead: COMMUNE, events: [['RETURNED_FOR_COMPLETION', '2025-10-09T10:00:00']] },
  { code: 'TK-D8', channel: 'online', by: 'self', state: 'REJECTED_AT_RECEPTION', submitted: '2025-10-10T08:00:00', lead: COMMUNE, events: [['REJECTED_AT_RECEPTION', '2025-10-10T10:00:00']] },
  { code: 'TK-D9', channel: 'online', by: 'self', state: 'WITHDRAWN', submitted: '2025-10-13T08:00:00', lead: COMMUNE, events: [['WITHDRAWN', '2025-10-13T11:00:00']] },
  // D10: received in September, settled on time on Thu 02/10 09:00: 450 + 480 + 480 + 90 = 1500
  { code: 'TK-D10', channel: 'counter', by: 'officer', state: 'DELIVERED', submitted: '2025-09-29T07:50:00', received: '2025-09-29T08:00:00', due: '2025-10-03T17:00:00', decided: '2025-10-02T09:00:00', delivered: '2025-10-03T08:00:00', outcome: 'result', rating: 4, lead: COMMUNE, events: [['RECEIVED', '2025-09-29T08:00:00'], ['RESULT_READY', '2025-10-02T09:00:00'], ['DELIVERED', '2025-10-03T08:00:00']], resultDoc: true },
  // D11: the department (received at the province's centre): Thu 16/10 08:00 → Fri 17/10 08:00 = 480
  { code: 'TK-D11', channel: 'online', by: 'self', state: 'RESULT_READY', submitted: '2025-10-16T07:30:00', received: '2025-10-16T08:00:00', due: '2025-10-20T17:00:00', decided: '2025-10-17T08:00:00', outcome: 'result', lead: 'so-tu-phap', receiving: 'ttpvhcc', events: [['RECEIVED', '2025-10-16T08:00:00'], ['RESULT_READY', '2025-10-17T08:00:00']] },
  // D12: all in September: in no figure of October
  { code: 'TK-D12', channel: 'online', by: 'self', state: 'DELIVERED', submitted: '2025-09-01T08:00:00', received: '2025-09-01T09:00:00', due: '2025-09-05T17:00:00', decided: '2025-09-04T09:00:00', delivered: '2025-09-05T09:00:00', outcome: 'result', rating: 1, lead: COMMUNE, events: [['RECEIVED', '2025-09-01T09:00:00']] },
];

async function insertFixed(): Promise<void> {
  const proc = await db().selectFrom('procedures').select(['id', 'code', 'name']).where('code', '=', '1.001193').executeTakeFirstOrThrow();
  const citizen = await account('congdan');
  const officer = await account('motcuaxa');
  const date = (s: string | undefined) => (s ? new Date(V(s)) : null);
  for (const f of FIXED) {
    const receiving = await unit(f.receiving ?? COMMUNE);
    const row = await db()
      .insertInto('dossiers')
      .values({
        code: f.code,
        procedureId: proc.id,
        procedureCode: proc.code,
        procedureName: proc.name,
        procedureVersion: 1,
        formVersion: null,
        applicantId: f.by === 'none' ? null : citizen,
        submittedBy: f.by === 'self' ? citizen : f.by === 'officer' ? officer : null,
        channel: f.channel,
        state: f.state as never,
        receivingUnitId: receiving,
        holderUnitId: receiving,
        applicantName: 'Người nộp thử',
        applicantPhone: null,
        applicantEmail: null,
        data: '{}',
        timeLimit: '{"amount":3,"unit":"working_days"}',
        submittedAt: new Date(V(f.submitted)),
        expectedDueAt: null,
        receivedAt: date(f.received),
        dueAt: date(f.due),
        idempotencyKey: null,
        originalDueAt: date(f.originalDue),
        decidedAt: date(f.decided),
        deliveredAt: date(f.delivered),
        outcome: f.outcome ?? null,
        rating: f.rating ?? null,
        pauses: JSON.stringify((f.pauses ?? []).map((p) => ({ start: new Date(V(p.start)).toISOString(), end: p.end ? new Date(V(p.end)).toISOString() : null }))),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql`update dossiers set lead_unit_id = ${await unit(f.lead)}, late_count = ${f.lateCount ?? 0} where id = ${row.id}`.execute(db());
    for (const [state, at] of f.events) {
      await db().insertInto('dossierEvents').values({ dossierId: row.id, at: new Date(V(at)), actorId: null, actorRole: null, type: 'test', fromState: null, toState: state, publicNote: null, detail: '{}' }).execute();
    }
    for (const h of f.handovers ?? []) {
      await db()
        .insertInto('dossierHandovers')
        .values({ dossierId: row.id, stepKey: 'buoc', stepName: 'Bước thử', unitId: await unit(h.unit), role: 'specialist', startedAt: new Date(V(f.received!)), dueAt: new Date(V(h.due)), finishedAt: h.finished ? new Date(V(h.finished)) : null, outcome: h.finished ? 'late' : null })
        .execute();
    }
    // the trigger sets the lead unit at the first step: put back the one this test chose
    await sql`update dossiers set lead_unit_id = ${await unit(f.lead)} where id = ${row.id}`.execute(db());
    if (f.file) await db().insertInto('dossierFiles').values({ dossierId: row.id, componentIndex: 0, componentName: 'Tờ khai', sha256: 'a'.repeat(64), fileName: 'a.pdf', mime: 'application/pdf', size: 10, pages: 1, uploadedBy: null }).execute();
    if (f.resultDoc) await db().insertInto('dossierDocuments').values({ dossierId: row.id, kind: 'result', sha256: 'b'.repeat(64), createdBy: null }).execute();
  }
}

async function as(username: string): Promise<Client> {
  const c = new Client(t.app);
  await c.login(username);
  return c;
}

interface StatsJson {
  counts: Record<MeasureKey, number>;
  onTime: { numerator: number; denominator: number; value: number | null };
  online: { numerator: number; denominator: number; value: number | null };
  processing: { dossiers: number; officeMinutes: number; averageDays: number | null };
  lateByUnit: { unitCode: string; dossiers: number }[];
}

async function stats(c: Client, query: string): Promise<StatsJson> {
  let res = await c.get(`/api/v1/reports/statistics?${query}`);
  // a period over 92 days runs as a job: 202 and the URL to poll until the figures (test/report-jobs.test.ts)
  for (const end = Date.now() + 60_000; res.statusCode === 202 && Date.now() < end; ) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    res = await c.get((res.json() as { poll: string }).poll);
  }
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as StatsJson;
}

/** The rows of the drill-down list (tbody rows), over every page. */
async function listed(c: Client, query: string): Promise<string[]> {
  const codes: string[] = [];
  for (let page = 1; page < 100; page++) {
    const res = await c.get(`/bao-cao/thong-ke/ho-so?${query}&trang=${page}`);
    assert.equal(res.statusCode, 200, `${query}: ${res.body.slice(0, 300)}`);
    const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(res.body)?.[1] ?? '';
    const rows = [...body.matchAll(/<tr class="govuk-table__row">\s*<td class="govuk-table__cell">\s*<a class="govuk-link" href="[^"]*">([^<]+)<\/a>/g)].map((m) => m[1]!);
    codes.push(...rows);
    if (!res.body.includes('rel="next"')) break;
  }
  return codes;
}

const COMMUNE_EXPECTED: Record<MeasureKey, number> = {
  submitted: 9,
  received: 6,
  received_online_self: 2,
  received_online_assisted: 1,
  received_counter: 1,
  received_post: 1,
  received_national_portal: 1,
  settled: 4,
  settled_on_time: 3,
  settled_late: 1,
  settled_result: 3,
  refused_after_processing: 1,
  in_progress: 3,
  in_progress_on_track: 1,
  in_progress_overdue: 1,
  in_progress_paused: 1,
  returned_for_completion: 1,
  supplement_requested: 2,
  rejected_at_reception: 1,
  withdrawn: 1,
  cancelled: 0,
  late_total: 2,
  late_with_apology: 1,
  late_unattributed: 0,
  delivered: 3,
  rated: 3,
  rated_satisfied: 2,
  digitised: 3,
  result_electronic: 2,
  // 1.001193 charges per copy (bản sao), so each of its dossiers is fee-bearing; none paid online yet
  fee_bearing: 6,
  paid_online: 0,
  // D2, D3, D4, D6: the citizen had given files in D1 before; D1 had nothing earlier, D5 has no account
  reuse_possible: 4,
  reused: 0,
  full_history: 5,
};

before(async () => {
  t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  await insertFixed();
  await startReportWorker({ db: t.database.db, jobs: t.jobs });
});
after(() => t?.close());

describe('Thống kê hồ sơ', () => {
  test('every measure of the commune in October matches the hand-computed figure', async () => {
    const s = await stats(await as('chutichxa'), OCT);
    assert.deepEqual(s.counts, COMMUNE_EXPECTED);
    assert.deepEqual(s.onTime, { numerator: 3, denominator: 4, value: 0.75 });
    assert.deepEqual(s.online, { numerator: 2, denominator: 6, value: 2 / 6 });
    // D1 600 + D2 2190 + D3 2040 (pause taken out) + D10 1500 office minutes, 480 a day
    assert.equal(s.processing.dossiers, 4);
    assert.equal(Math.round(s.processing.officeMinutes), 6330);
    assert.equal(s.processing.averageDays, 6330 / 480 / 4);
    assert.deepEqual(
      s.lateByUnit.map((l) => [l.unitCode, l.dossiers]).sort(),
      [['ca-p-luong-van-tri', 1], [COMMUNE, 1]],
    );
  });

  test('the page shows the rates with their raw counts, the average in working days and each formula', async () => {
    const res = await (await as('chutichxa')).get(`/bao-cao/thong-ke?${OCT}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /75,0 %/);
    assert.match(res.body, /33,3 %/);
    assert.match(res.body, /3,3 ngày làm việc/);
    assert.match(res.body, /submitted_by/);
    assert.match(res.body, /data-measure="received"><a class="govuk-link" href="\/bao-cao\/thong-ke\/ho-so\?do-do=received&(amp;)?tu=01%2F10%2F2025&(amp;)?den=31%2F10%2F2025&(amp;)?don-vi=p-luong-van-tri">6<\/a>/);
  });

  test('the whole province (an auditor) adds the department’s dossier', async () => {
    const s = await stats(await as('kiemtra'), OCT);
    assert.equal(s.counts.received, 7);
    assert.equal(s.counts.settled, 5);
    assert.equal(s.counts.settled_on_time, 4);
    assert.equal(s.counts.received_online_self, 3);
    assert.equal(Math.round(s.processing.officeMinutes), 6810);
    assert.equal(s.processing.averageDays, 6810 / 480 / 5);
  });

  test('every count equals the length of the list behind it', async () => {
    const leader = await as('chutichxa');
    for (const key of MEASURE_KEYS) {
      const codes = await listed(leader, `do-do=${key}&${OCT}&don-vi=${COMMUNE}`);
      assert.equal(codes.length, COMMUNE_EXPECTED[key], key);
      assert.equal(new Set(codes).size, codes.length, `${key}: each dossier once`);
    }
    assert.deepEqual(await listed(leader, `do-do=${LATE_AT_UNIT}&don-vi-tre=ca-p-luong-van-tri&${OCT}&don-vi=${COMMUNE}`), ['TK-D2']);
    assert.deepEqual(await listed(leader, `do-do=${LATE_AT_UNIT}&don-vi-tre=${COMMUNE}&${OCT}&don-vi=${COMMUNE}`), ['TK-D4']);
    assert.deepEqual((await listed(leader, `do-do=settled_on_time&${OCT}&don-vi=${COMMUNE}`)).sort(), ['TK-D1', 'TK-D10', 'TK-D3']);
  });

  test('the list pages through the dossiers behind a figure', async () => {
    const province = await as('kiemtra');
    const res = await province.get(`/bao-cao/thong-ke/ho-so?do-do=received&${OCT}`);
    assert.match(res.body, /Hồ sơ tiếp nhận trong kỳ: 7/);
    assert.match(res.body, /Cách tính: /);
  });

  test('the indicators have their raw counts, formulas, “chưa có dữ liệu” and the proposed scores', async () => {
    const res = await (await as('chutichxa')).get(`/api/v1/reports/indicators?${OCT}`);
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json() as { groups: { code: string; proposedPoints: number | null; indicators: { code: string; available: boolean; numerator?: number; denominator?: number; missing?: string }[] }[]; procedures: Record<string, number> };
    const ind = (code: string) => r.groups.flatMap((g) => g.indicators).find((i) => i.code === code)!;
    assert.deepEqual([ind('CKMB.3').numerator, ind('CKMB.3').denominator], [5, 6]);
    assert.deepEqual([ind('TDGQ.1').numerator, ind('TDGQ.1').denominator], [3, 4]);
    assert.deepEqual([ind('TDGQ.2').numerator, ind('TDGQ.2').denominator], [1, 3]);
    assert.deepEqual([ind('TDGQ.3').numerator, ind('TDGQ.3').denominator], [1, 2]);
    assert.deepEqual([ind('ONLINE.2').numerator, ind('ONLINE.2').denominator], [2, 6]);
    assert.deepEqual([ind('MDHL.1').numerator, ind('MDHL.1').denominator], [2, 3]);
    assert.deepEqual([ind('MDSH.1').numerator, ind('MDSH.1').denominator], [3, 6]);
    assert.deepEqual([ind('MDSH.2').numerator, ind('MDSH.2').denominator], [2, 3]);
    assert.deepEqual([ind('TTTT.1').numerator, ind('TTTT.1').denominator], [0, 6]);
    assert.deepEqual([ind('MDSH.3').numerator, ind('MDSH.3').denominator], [0, 4]);
    for (const code of ['CKMB.2']) {
      assert.equal(ind(code).available, false, code);
      assert.ok(ind(code).missing, code);
    }
    const group = (code: string) => r.groups.find((g) => g.code === code)!;
    assert.equal(group('TDGQ').proposedPoints, 12.5, '20 × mean(3/4, 1/2); the overdue count is not scored');
    assert.equal(group('MDHL').proposedPoints, 12, '18 × 2/3; the response rate is not scored');
    assert.equal(group('MDSH').proposedPoints, 8.56, '22 × mean(3/6, 2/3, 0/4)');
    // the catalogue figures are the lengths of their lists
    const leader = await as('chutichxa');
    for (const key of Object.keys(PROCEDURE_MEASURES)) {
      const page = await leader.get(`/bao-cao/thong-ke/ho-so?do-do=${key}&${OCT}`);
      const rows = (/<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(page.body)?.[1] ?? '').match(/<tr class="govuk-table__row">/g)?.length ?? 0;
      assert.equal(Math.min(rows, 50), Math.min(r.procedures[key]!, 50), key);
      assert.match(page.body, new RegExp(`: ${r.procedures[key]!.toLocaleString('vi-VN')}</h1>`), key);
    }
    assert.ok(r.procedures.procedures! > 0, 'the commune has procedures in the catalogue');
    const html = await leader.get(`/bao-cao/chi-so?${OCT}`);
    assert.match(html.body, /chưa có dữ liệu/);
    assert.match(html.body, /không phải phương pháp chính thức/);
  });

  test('a month, a quarter and a year are periods too', async () => {
    const leader = await as('chutichxa');
    assert.equal((await stats(leader, 'thang=10/2025')).counts.received, 6);
    assert.equal((await stats(leader, 'quy=4/2025')).counts.received, 6);
    assert.equal((await stats(leader, 'nam=2025')).counts.received, 8, 'the year adds D10 and D12, received in September');
  });

  test('a period with no dossiers answers with zeros and rates “—”, never 0 %', async () => {
    const leader = await as('chutichxa');
    const s = await stats(leader, 'tu=01/08/2025&den=31/08/2025');
    assert.equal(s.counts.received, 0);
    assert.equal(s.onTime.value, null);
    assert.equal(s.processing.averageDays, null);
    const page = await leader.get('/bao-cao/thong-ke?tu=01/08/2025&den=31/08/2025');
    assert.match(page.body, /Không có hồ sơ nào trong kỳ/);
    assert.doesNotMatch(page.body, /0,0 %/);
  });

  test('bad input is named in Vietnamese, on the page and in the API', async () => {
    const leader = await as('chutichxa');
    const cases: [string, string, RegExp][] = [
      ['tu=31/10/2025&den=01/10/2025', 'den', /Đến ngày \(01\/10\/2025\) phải bằng hoặc sau Từ ngày/],
      ['tu=32/10/2025&den=31/10/2025', 'tu', /Từ ngày “32\/10\/2025” không có trên lịch/],
      ['tu=hôm qua', 'tu', /Từ ngày phải có dạng ngày\/tháng\/năm/],
      [`${OCT}&don-vi=huyen-dinh-lap`, 'don-vi', /chỉ hoạt động từ .* đến 30\/06\/2025, không có trong kỳ/],
      [`${OCT}&don-vi=khong-co`, 'don-vi', /Không có đơn vị mã “khong-co”/],
      [`${OCT}&linh-vuc=khong-co`, 'linh-vuc', /Không có lĩnh vực mã “khong-co”/],
      [`${OCT}&thu-tuc=9.999999`, 'thu-tuc', /Không có thủ tục mã “9\.999999”/],
      ['thang=13/2025', 'thang', /Tháng phải có dạng tháng\/năm/],
      ['tu=01/01/2100&den=02/01/2100', 'tu', /sau hôm nay/],
    ];
    for (const [query, field, message] of cases) {
      const api = await leader.get(`/api/v1/reports/statistics?${encodeURI(query)}`);
      assert.equal(api.statusCode, 400, query);
      const err = (api.json() as { error: { field: string; message: string } }).error;
      assert.equal(err.field, field, query);
      assert.match(err.message, message, query);
      const page = await leader.get(`/bao-cao/thong-ke?${encodeURI(query)}`);
      assert.equal(page.statusCode, 400, query);
      assert.match(page.body, /govuk-error-summary/);
      assert.ok(page.body.includes(`href="#f-${field}"`), query);
      assert.doesNotMatch(page.body, /data-measure=/, `${query}: no figure`);
    }
    assert.equal((await leader.get(`/bao-cao/thong-ke/ho-so?do-do=khong-co&${OCT}`)).statusCode, 400);
  });

  test('citizens, the desk and anonymous visitors are refused; a leader sees only their units', async () => {
    for (const username of ['congdan', 'motcuaxa', 'chuyenvien']) {
      const c = await as(username);
      for (const url of [`/bao-cao/thong-ke?${OCT}`, `/bao-cao/chi-so?${OCT}`, `/bao-cao/thong-ke/ho-so?do-do=received&${OCT}`, `/bao-cao/thong-ke.xlsx?${OCT}`, `/api/v1/reports/statistics?${OCT}`, `/api/v1/reports/indicators?${OCT}`]) {
        assert.equal((await c.get(url)).statusCode, 403, `${username} ${url}`);
      }
    }
    const anonymous = new Client(t.app);
    assert.equal((await anonymous.get(`/api/v1/reports/statistics?${OCT}`)).statusCode, 401);
    assert.equal((await anonymous.get(`/api/v1/reports/indicators?${OCT}`)).statusCode, 401);
    assert.equal((await anonymous.get(`/bao-cao/thong-ke?${OCT}`)).statusCode, 303);

    // the department's leader: their own dossier only; the commune is refused
    const department = await as('lanhdao');
    const own = await stats(department, OCT);
    assert.equal(own.counts.received, 1);
    assert.equal(own.counts.settled_on_time, 1);
    const other = await department.get(`/api/v1/reports/statistics?${OCT}&don-vi=${COMMUNE}`);
    assert.equal(other.statusCode, 403);
    assert.doesNotMatch((await department.get(`/bao-cao/thong-ke/ho-so?do-do=received&${OCT}`)).body, />TK-D1</);
    assert.equal((await department.get(`/bao-cao/thong-ke/ho-so?do-do=received&${OCT}&don-vi=${COMMUNE}`)).statusCode, 403);
  });

  test('the exports: Excel with the figures, CSV in UTF-8 with a byte-order mark', async () => {
    const leader = await as('chutichxa');
    const x = await leader.get(`/bao-cao/thong-ke.xlsx?${OCT}`);
    assert.equal(x.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.getCell('A1').value, 'THỐNG KÊ TÌNH HÌNH GIẢI QUYẾT HỒ SƠ');
    const values = new Map<string, unknown>();
    ws.eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(2).value));
    assert.equal(values.get('Hồ sơ tiếp nhận trong kỳ'), 6);
    assert.equal(values.get('Tỷ lệ giải quyết đúng hạn'), '75,0 %');
    const c = await leader.get(`/bao-cao/chi-so.csv?${OCT}`);
    assert.equal(c.statusCode, 200);
    assert.match(c.headers['content-type'] as string, /^text\/csv; charset=utf-8/);
    assert.deepEqual([...c.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = c.rawPayload.toString('utf8');
    assert.match(text, /TDGQ,TDGQ\.1,Tỷ lệ giải quyết đúng hạn,3,4,"75,0 %"/);
    assert.match(text, /chưa có dữ liệu/);
  });

  test('the public page and API show rates by unit, with nothing personal', async () => {
    const anonymous = new Client(t.app);
    const res = await anonymous.get(`/api/v1/reports/public?${OCT}`);
    assert.equal(res.statusCode, 200, res.body);
    const p = res.json() as { province: { received: number; onTime: { numerator: number; denominator: number } }; units: { unitCode: string; onTime: { numerator: number; denominator: number }; online: { numerator: number; denominator: number } }[] };
    assert.equal(p.province.received, 7);
    assert.deepEqual(p.province.onTime, { numerator: 4, denominator: 5, value: 0.8 });
    const commune = p.units.find((u) => u.unitCode === COMMUNE)!;
    assert.deepEqual([commune.onTime.numerator, commune.onTime.denominator, commune.online.numerator, commune.online.denominator], [3, 4, 2, 6]);
    assert.ok(!res.body.includes('Người nộp thử') && !res.body.includes('TK-D'));
    const page = await anonymous.get(`/thong-ke?${OCT}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /75,0 % \(3\/4\)/);
    assert.ok(!page.body.includes('Người nộp thử'));
    assert.ok((await anonymous.get('/api/docs/json')).body.includes('/api/v1/reports/statistics'));
  });

  test('an online payment and a document taken again count in TTTT.1 and MDSH.3, and open the dossiers behind them', async () => {
    const row = (code: string) => db().selectFrom('dossiers').select('id').where('code', '=', code).executeTakeFirstOrThrow();
    const [d1, d2, d3] = [await row('TK-D1'), await row('TK-D2'), await row('TK-D3')];
    await db().updateTable('dossiers').set({ feePaidAt: new Date(V('2025-10-06T10:00:00')) }).where('id', '=', d2.id).execute();
    const earlier = await db().selectFrom('dossierFiles').select('id').where('dossierId', '=', d1.id).executeTakeFirstOrThrow();
    await db().insertInto('dossierFiles').values({ dossierId: d3.id, componentIndex: 1, componentName: 'Tờ khai', sha256: 'a'.repeat(64), fileName: 'a.pdf', mime: 'application/pdf', size: 10, pages: 1, uploadedBy: null, reusedFrom: earlier.id }).execute();
    const leader = await as('chutichxa');
    const s = await stats(leader, OCT);
    assert.deepEqual([s.counts.paid_online, s.counts.fee_bearing, s.counts.reused, s.counts.reuse_possible], [1, 6, 1, 4]);
    assert.deepEqual(await listed(leader, `do-do=paid_online&${OCT}`), ['TK-D2']);
    assert.deepEqual(await listed(leader, `do-do=reused&${OCT}`), ['TK-D3']);
  });
});

describe('Dữ liệu minh họa', () => {
  test('the generator is deterministic: the same seed gives the same dossiers and the same figures', async () => {
    // July to September 2025, after the two-tier reform (the communes have their e-IDs)
    const end = new Date('2025-10-01T00:00:00+07:00');
    const a = await historyInput(db(), { seed: 7, count: 600, end, days: 92 });
    const rows1 = generateHistory(a.input, a.calendar);
    const rows2 = generateHistory(a.input, a.calendar);
    assert.deepEqual(rows1, rows2);
    assert.notDeepEqual(generateHistory({ ...a.input, seed: 8 }, a.calendar).dossiers.map((d) => d.code), rows1.dossiers.map((d) => d.code));
    const states = new Set(rows1.dossiers.map((d) => d.state));
    for (const s of ['DELIVERED', 'REJECTED_AT_RECEPTION', 'WITHDRAWN', 'IN_PROCESSING']) assert.ok(states.has(s), `has ${s}`);

    const auditor = await as('kiemtra');
    const figures = async () => {
      await insertHistory(db(), rows1);
      const s = await stats(auditor, 'tu=01/07/2025&den=30/09/2025');
      await db().deleteFrom('dossiers').where('id', 'in', rows1.dossiers.map((d) => d.id as string)).execute();
      return s;
    };
    const first = await figures();
    assert.ok(first.counts.received > 100 && first.counts.settled_late > 0 && first.counts.rated > 0 && first.counts.in_progress > 0, JSON.stringify(first.counts));
    assert.deepEqual(await figures(), first);
  });
});
