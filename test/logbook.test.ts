// Sổ theo dõi hồ sơ (Mẫu 06) over HTTP: dossiers submitted online and accepted at the commune's
// desk, their later journey as events, read back as the page, the PDF and the Excel file;
// the period checked and named on errors, and each officer seeing only their own units.
// Runs on PostgreSQL when TEST_DATABASE_URL is set (CI), on PGlite otherwise.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { LOGBOOK_PATH } from '../src/modules/dossiers/logbook-page';
import type { Db } from '../src/platform/db/connect';
import { monthOf, periodForm } from '../src/modules/dossiers/logbook';
import { startTestApp } from './helpers/app';
import { Client } from './helpers/client';
import { pdfText } from './helpers/files';
import { HttpClient } from './helpers/http-client';
import { submitBirthRegistration } from './helpers/submit-flow';

interface LogbookApp {
  app: FastifyInstance;
  db: Db;
  base: string;
  close(): Promise<void>;
}

/** startTestApp's app, listening on a port: the submission flow speaks real HTTP. */
async function startLogbookApp(): Promise<LogbookApp> {
  const t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  return { app: t.app, db: t.database.db, base, close: () => t.close() };
}

let t: LogbookApp;
/** Received 08:30 on 2 November (Vietnam), handed over, decided and delivered. */
let done: string;
/** Received 00:30 on 1 November in Vietnam (still 31 October in UTC), nothing since. */
let early: string;
/** Received 23:30 on 31 October in Vietnam (16:30 UTC): October's book, not November's. */
let october: string;

const NOVEMBER = '?tu=01/11/2026&den=30/11/2026';

async function signedIn(username: string): Promise<Client> {
  const c = new Client(t.app);
  await c.login(username);
  return c;
}

async function unitId(code: string): Promise<string> {
  return (await t.db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

/** The commune's desk accepts a dossier with the version its page showed, as submission.test.ts does. */
async function accept(desk: Client, code: string): Promise<void> {
  const { version } = await t.db.selectFrom('dossiers').select('version').where('code', '=', code).executeTakeFirstOrThrow();
  await desk.get('/mot-cua/tiep-nhan');
  const res = await desk.post(`/mot-cua/ho-so/${encodeURIComponent(code)}/tiep-nhan`, { version: String(version) });
  assert.equal(res.statusCode, 303, res.body.slice(0, 500));
  const after = await t.db.selectFrom('dossiers').select('state').where('code', '=', code).executeTakeFirstOrThrow();
  assert.equal(after.state, 'RECEIVED', `${code} was accepted`);
}

/** Moves a received dossier to a known moment (the book is read by the day of receipt). */
async function receivedAt(code: string, received: string, due: string): Promise<void> {
  const d = await t.db.selectFrom('dossiers').select(['id', 'state']).where('code', '=', code).executeTakeFirstOrThrow();
  assert.equal(d.state, 'RECEIVED');
  await t.db.updateTable('dossiers').set({ receivedAt: new Date(received), dueAt: new Date(due) }).where('id', '=', d.id).execute();
  await t.db.updateTable('dossierEvents').set({ at: new Date(received) }).where('dossierId', '=', d.id).where('type', '=', 'accepted').execute();
}

/** The later journey, as the back office will record it (its workflow is not merged yet). */
async function event(code: string, type: string, at: string, detail: Record<string, unknown> = {}): Promise<void> {
  const d = await t.db.selectFrom('dossiers').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  await t.db.insertInto('dossierEvents').values({ dossierId: d.id, at: new Date(at), actorId: null, actorRole: null, type, fromState: null, toState: null, publicNote: null, detail: JSON.stringify(detail) }).execute();
}

function decode(html: string): string {
  return html
    .replace(/<br\s*\/?>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The cells of the logbook table's body rows, as text. */
function tableRows(html: string): string[][] {
  const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => decode(cell[1]!)));
}

/** The error summary's links: the field each points at and its message. */
function errorLinks(html: string): { href: string; message: string }[] {
  const list = /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [...list.matchAll(/<a href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => ({ href: m[1]!, message: decode(m[2]!) }));
}

async function workbook(res: LightMyRequestResponse): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  assert.ok(ws, 'the workbook has a sheet');
  return ws;
}

function cellText(ws: ExcelJS.Worksheet, address: string): string {
  const v = ws.getCell(address).value;
  return v === null || v === undefined ? '' : String(v);
}

before(async () => {
  t = await startLogbookApp();
  const citizen = new HttpClient(t.base);
  await citizen.login('congdan');
  done = await submitBirthRegistration(citizen);
  early = await submitBirthRegistration(citizen);
  october = await submitBirthRegistration(citizen);

  const desk = await signedIn('motcuaxa');
  for (const code of [done, early, october]) await accept(desk, code);
  await receivedAt(done, '2026-11-02T01:30:00Z', '2026-11-06T09:00:00Z');
  await receivedAt(early, '2026-10-31T17:30:00Z', '2026-11-05T09:00:00Z');
  await receivedAt(october, '2026-10-31T16:30:00Z', '2026-11-05T09:00:00Z');

  // recorded out of order: the book takes the earliest handover, whatever was written first
  await event(done, 'handed_over', '2026-11-03T03:00:00Z', { toUnitId: await unitId('so-tu-phap') });
  await event(done, 'handed_over', '2026-11-02T02:00:00Z', { toUnitId: await unitId('ca-p-luong-van-tri') });
  await event(done, 'approved', '2026-11-04T08:00:00Z');
  await event(done, 'delivered', '2026-11-05T02:00:00Z', { channel: 'counter', recipient: 'Lương Thị Hoa' });
});
after(() => t?.close());

describe('Sổ theo dõi hồ sơ', () => {
  test('the desk sees the period’s dossiers in the book’s order with the dates of their journey', async () => {
    const desk = await signedIn('motcuaxa');
    const res = await desk.get(`${LOGBOOK_PATH}${NOVEMBER}`);
    assert.equal(res.statusCode, 200, res.body.slice(0, 2000));
    assert.match(res.body, /Ủy ban nhân dân phường Lương Văn Tri/);
    assert.match(res.body, /value="01\/11\/2026"/);
    assert.match(res.body, /value="30\/11\/2026"/);

    const serials = await t.db.selectFrom('dossiers').select(['code', 'logbookSerial', 'procedureName', 'applicantName', 'applicantPhone']).where('code', 'in', [done, early]).execute();
    const of = (code: string) => serials.find((s) => s.code === code)!;
    assert.ok(of(done).logbookSerial! < of(early).logbookSerial!, 'accepted first, numbered first');

    const rows = tableRows(res.body);
    assert.deepEqual(
      rows.map((r) => r[1]),
      [done, early],
      'by the book’s serial (not the day of receipt); the dossier received on 31 October in Vietnam is not in November',
    );
    assert.deepEqual(rows[0], [
      String(of(done).logbookSerial),
      done,
      'Đăng ký khai sinh',
      '1',
      `${of(done).applicantName} ${of(done).applicantPhone}`,
      'Công an phường Lương Văn Tri',
      '02/11/2026',
      '06/11/2026',
      '02/11/2026',
      '04/11/2026',
      '05/11/2026',
      'Trả tại bộ phận một cửa cho Lương Thị Hoa',
    ]);
    assert.equal(of(done).procedureName, 'Đăng ký khai sinh');
    assert.deepEqual(rows[1]?.slice(5), ['', '01/11/2026', '05/11/2026', '', '', '', ''], 'not handed over yet: no agency, no later dates');

    assert.match(res.body, /href="\/mot-cua\/so-theo-doi\.pdf\?tu=01%2F11%2F2026&(amp;)?den=30%2F11%2F2026"/);
    assert.match(res.body, /href="\/mot-cua\/so-theo-doi\.xlsx\?tu=01%2F11%2F2026&(amp;)?den=30%2F11%2F2026"/);
  });

  test('October’s book has the dossier received at 23:30 on 31 October in Vietnam', async () => {
    const desk = await signedIn('motcuaxa');
    const rows = tableRows((await desk.get(`${LOGBOOK_PATH}?tu=01/10/2026&den=31/10/2026`)).body);
    assert.deepEqual(
      rows.map((r) => r[1]),
      [october],
    );
  });

  test('without a period the page shows the current month in Vietnam', async () => {
    const desk = await signedIn('motcuaxa');
    const expected = [periodForm(monthOf(new Date()))];
    const res = await desk.get(LOGBOOK_PATH);
    expected.push(periodForm(monthOf(new Date())));
    assert.equal(res.statusCode, 200);
    const tu = /name="tu"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="tu"/.exec(res.body);
    const shown = tu?.[1] ?? tu?.[2];
    assert.ok(
      expected.some((p) => p.tu === shown && res.body.includes(`value="${p.den}"`)),
      `the form shows ${shown}`,
    );
  });

  test('the PDF is Mẫu 06 with the codes, the procedure and the dates in Vietnamese', async () => {
    const desk = await signedIn('motcuaxa');
    const res = await desk.get(`${LOGBOOK_PATH}.pdf${NOVEMBER}`);
    assert.equal(res.statusCode, 200, res.body.slice(0, 2000));
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.headers['content-disposition'], 'attachment; filename="so-theo-doi-2026-11.pdf"');
    const text = pdfText(res.rawPayload).normalize('NFC');
    for (const s of ['Mẫu số 06', 'SỔ THEO DÕI HỒ SƠ', 'Từ ngày 01/11/2026 đến ngày 30/11/2026', 'Quyển số: 2026', done, early, 'Đăng ký khai sinh', '02/11/2026', '04/11/2026', '05/11/2026', '06/11/2026', '01/11/2026']) {
      assert.ok(text.includes(s), `missing “${s}” in:\n${text}`);
    }
    assert.ok(!text.includes(october), 'October’s dossier is not in November’s book');
    // the PDF's first data row is the first dossier of the book
    assert.ok(text.indexOf(done) < text.indexOf(early));
  });

  test('the Excel file has the form’s two-level header with merged cells and the rows', async () => {
    const desk = await signedIn('motcuaxa');
    const res = await desk.get(`${LOGBOOK_PATH}.xlsx${NOVEMBER}`);
    assert.equal(res.statusCode, 200, res.body.slice(0, 2000));
    assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.equal(res.headers['content-disposition'], 'attachment; filename="so-theo-doi-2026-11.xlsx"');
    const ws = await workbook(res);

    assert.equal(cellText(ws, 'A1'), 'SỔ THEO DÕI HỒ SƠ');
    assert.equal(cellText(ws, 'A2'), 'Đơn vị: Ủy ban nhân dân phường Lương Văn Tri');
    assert.equal(cellText(ws, 'A3'), 'Từ ngày 01/11/2026 đến ngày 30/11/2026');
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    for (const range of ['A1:P1', 'A5:A6', 'B5:B6', 'I5:I6', 'J5:K5', 'L5:M5', 'N5:O5', 'P5:P6']) assert.ok(merges.includes(range), `${range} is merged (merges: ${merges.join(' ')})`);
    assert.equal(cellText(ws, 'J5'), 'Chuyển hồ sơ đến cơ quan giải quyết');
    assert.equal(cellText(ws, 'L5'), 'Nhận kết quả từ cơ quan giải quyết');
    assert.equal(cellText(ws, 'N5'), 'Trả kết quả cho tổ chức, cá nhân');
    assert.deepEqual(['J6', 'K6', 'L6', 'M6', 'N6', 'O6'].map((a) => cellText(ws, a)), ['Ngày', 'Ký', 'Ngày', 'Ký', 'Ngày', 'Ký']);
    assert.equal(ws.getCell('B5').font?.bold, true, 'the header is bold');
    assert.equal(ws.getCell('B8').border?.left?.style, 'thin', 'the rows are ruled');
    assert.equal(ws.views[0]?.state, 'frozen');
    assert.equal((ws.views[0] as { ySplit?: number }).ySplit, 7, 'the header stays in view');
    assert.equal(ws.pageSetup.orientation, 'landscape');
    assert.equal(ws.pageSetup.paperSize, 9, 'A4');

    const row = (n: number) => Array.from({ length: 16 }, (_, i) => (ws.getRow(n).getCell(i + 1).value ?? '') as string | number);
    const d = await t.db.selectFrom('dossiers').select(['logbookSerial', 'applicantName', 'applicantPhone']).where('code', '=', done).executeTakeFirstOrThrow();
    assert.deepEqual(row(8), [
      d.logbookSerial!,
      done,
      'Đăng ký khai sinh',
      1,
      d.applicantName,
      d.applicantPhone ?? '',
      'Công an phường Lương Văn Tri',
      '02/11/2026',
      '06/11/2026',
      '02/11/2026',
      '',
      '04/11/2026',
      '',
      '05/11/2026',
      '',
      'Trả tại bộ phận một cửa cho Lương Thị Hoa',
    ]);
    assert.equal(row(9)[1], early);
    assert.equal(cellText(ws, 'B10'), '', 'two dossiers, two rows');
  });

  test('a bad period is named on the page with the GOV.UK error summary, never a 500', async () => {
    const desk = await signedIn('motcuaxa');
    const cases: [string, { href: string; message: RegExp }[]][] = [
      ['?tu=31/02/2026&den=30/11/2026', [{ href: '#f-tu', message: /^Từ ngày “31\/02\/2026” không có trên lịch$/ }]],
      ['?tu=hôm qua&den=2026-11-30', [{ href: '#f-tu', message: /^Từ ngày phải có dạng ngày\/tháng\/năm/ }, { href: '#f-den', message: /^Đến ngày phải có dạng ngày\/tháng\/năm/ }]],
      ['?tu=30/11/2026&den=01/11/2026', [{ href: '#f-den', message: /^Đến ngày phải bằng hoặc sau Từ ngày$/ }]],
      ['?tu=01/11/2025&den=02/11/2026', [{ href: '#f-den', message: /^Đến ngày cách Từ ngày quá 366 ngày/ }]],
      [`?tu=${'1'.repeat(30)}`, [{ href: '#f-tu', message: /^Từ ngày phải có dạng ngày\/tháng\/năm/ }]],
    ];
    for (const [query, expected] of cases) {
      const res = await desk.get(`${LOGBOOK_PATH}${encodeURI(query)}`);
      assert.equal(res.statusCode, 400, `${query}: ${res.statusCode}`);
      const links = errorLinks(res.body);
      assert.equal(links.length, expected.length, `${query}: ${JSON.stringify(links)}`);
      expected.forEach((e, i) => {
        assert.equal(links[i]?.href, e.href, query);
        assert.match(links[i]?.message ?? '', e.message, query);
      });
      assert.doesNotMatch(res.body, /<tbody/, `${query}: no rows for a bad period`);
    }
    // what was typed stays in the form to be corrected
    assert.match((await desk.get(`${LOGBOOK_PATH}?tu=31/02/2026`)).body, /value="31\/02\/2026"/);
    assert.equal((await desk.get(`${LOGBOOK_PATH}?tu=01/11/2025&den=01/11/2026`)).statusCode, 200, '366 days is allowed');
  });

  test('a bad period on the PDF and the Excel file is a 400 naming the field', async () => {
    const desk = await signedIn('motcuaxa');
    for (const ext of ['pdf', 'xlsx']) {
      const res = await desk.get(`${LOGBOOK_PATH}.${ext}?tu=01/11/2026&den=31/10/2026`);
      assert.equal(res.statusCode, 400, ext);
      assert.match(res.headers['content-type'] as string, /^text\/html/);
      assert.match(res.body, /Đến ngày phải bằng hoặc sau Từ ngày/, ext);
    }
  });

  test('a citizen, a specialist and an anonymous visitor cannot read the book', async () => {
    const citizen = await signedIn('congdan');
    const specialist = await signedIn('chuyenvien');
    for (const url of [LOGBOOK_PATH, `${LOGBOOK_PATH}.pdf${NOVEMBER}`, `${LOGBOOK_PATH}.xlsx${NOVEMBER}`]) {
      assert.equal((await citizen.get(url)).statusCode, 403, url);
      const res = await specialist.get(url);
      assert.equal(res.statusCode, 403, url);
      assert.match(res.body, /không có quyền/i);
      const anonymous = await new Client(t.app).get(url);
      assert.equal(anonymous.statusCode, 303, url);
      assert.match(anonymous.headers.location as string, /^\/dang-nhap/);
    }
    // the role is checked before the period: a refused reader learns nothing from the errors
    assert.equal((await specialist.get(`${LOGBOOK_PATH}?tu=x`)).statusCode, 403);
  });

  test('officers of other units see none of this unit’s dossiers', async () => {
    for (const username of ['motcua', 'lanhdao']) {
      const officer = await signedIn(username);
      const page = await officer.get(`${LOGBOOK_PATH}${NOVEMBER}`);
      assert.equal(page.statusCode, 200, username);
      assert.deepEqual(tableRows(page.body), [], username);
      assert.match(page.body, /Không có hồ sơ trong kỳ\./);
      assert.ok(!page.body.includes(done), username);
      const ws = await workbook(await officer.get(`${LOGBOOK_PATH}.xlsx${NOVEMBER}`));
      assert.equal(cellText(ws, 'A8'), 'Không có hồ sơ trong kỳ.', username);
      assert.ok(!pdfText((await officer.get(`${LOGBOOK_PATH}.pdf${NOVEMBER}`)).rawPayload).includes(done), username);
    }
  });

  test('a leader of a unit above the commune reads the commune’s dossiers in the book', async () => {
    const leader = await t.db.selectFrom('accounts').select(['id', 'unitId']).where('username', '=', 'lanhdao').executeTakeFirstOrThrow();
    await t.db.updateTable('accounts').set({ unitId: await unitId('ubnd-tinh') }).where('id', '=', leader.id).execute();
    try {
      const officer = await signedIn('lanhdao');
      const rows = tableRows((await officer.get(`${LOGBOOK_PATH}${NOVEMBER}`)).body);
      assert.deepEqual(
        rows.map((r) => r[1]),
        [done, early],
      );
    } finally {
      await t.db.updateTable('accounts').set({ unitId: leader.unitId }).where('id', '=', leader.id).execute();
    }
  });

  test('a long period is read a hundred rows a page, numbered on, with the whole period in the PDF and the spreadsheet', async () => {
    // 205 copies of a received dossier, numbered 1–205 in March 2025's book
    await sql`
      insert into dossiers (code, procedure_id, procedure_code, procedure_name, procedure_version, form_version, applicant_id, submitted_by, channel, state,
                            receiving_unit_id, holder_unit_id, applicant_name, data, time_limit, submitted_at, received_at, due_at, logbook_serial)
      select d.code || '-P' || g, d.procedure_id, d.procedure_code, d.procedure_name, d.procedure_version, d.form_version, d.applicant_id, d.submitted_by, d.channel, d.state,
             d.receiving_unit_id, d.holder_unit_id, d.applicant_name, d.data, d.time_limit,
             timestamptz '2025-03-03 08:00+07' + (g || ' minutes')::interval, timestamptz '2025-03-03 08:00+07' + (g || ' minutes')::interval,
             timestamptz '2025-03-10 17:00+07', g
      from dossiers d, generate_series(1, 205) g where d.code = ${early}`.execute(t.db);
    const desk = await signedIn('motcuaxa');
    const march = '?tu=01/03/2025&den=31/03/2025';
    const first = await desk.get(`${LOGBOOK_PATH}${march}`);
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /đến ngày 31\/03\/2025: 205 hồ sơ/);
    assert.deepEqual(tableRows(first.body).map((r) => r[0]), Array.from({ length: 100 }, (_, i) => String(i + 1)));
    assert.match(first.body, /href="\/mot-cua\/so-theo-doi\?tu=01%2F03%2F2025&(amp;)?den=31%2F03%2F2025&(amp;)?trang=3"/, 'a link to the last page');

    const last = await desk.get(`${LOGBOOK_PATH}${march}&trang=3`);
    const rows = tableRows(last.body);
    assert.deepEqual(rows.map((r) => r[0]), ['201', '202', '203', '204', '205']);
    assert.equal(rows[4]![1], `${early}-P205`);
    assert.match(last.body, /Trang 3: hồ sơ thứ 201 đến 205/);

    const beyond = await desk.get(`${LOGBOOK_PATH}${march}&trang=9`);
    assert.equal(beyond.statusCode, 200);
    assert.match(beyond.body, /Trang này không có hồ sơ/);
    const bad = await desk.get(`${LOGBOOK_PATH}${march}&trang=0`);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Số trang phải là số nguyên từ 1 trở lên/);

    const ws = await workbook(await desk.get(`${LOGBOOK_PATH}.xlsx${march}`));
    const codes: string[] = [];
    ws.eachRow((row) => {
      const v = String(row.getCell(2).value ?? '');
      if (v.startsWith(`${early}-P`)) codes.push(v);
    });
    assert.equal(codes.length, 205, 'the spreadsheet holds the whole period');
  });
});
