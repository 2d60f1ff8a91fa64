// Deadlines end to end over HTTP, on PGlite and (CI) PostgreSQL: a birth registration in
// processing at the commune; its leader apologises and sets a new appointment (Mẫu 04), which
// the citizen downloads and reads in the history; wrong people and bad input are refused in
// Vietnamese and logged; of two leaders at once exactly one wins. A step made late is named
// against the commune, and the morning job tells the commune's leader once.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, test } from 'node:test';
import { loadCalendar, type WorkingCalendar } from '../src/modules/calendar';
import { AT_RISK_QUEUE, atRiskDigest, type DeadlineDeps, issueApology, lateSteps, scheduleAtRisk } from '../src/modules/dossiers/deadlines-service';
import { DossierChanged } from '../src/modules/dossiers/errors';
import { SEND_QUEUE } from '../src/modules/notifications';
import { formatDate, localDate } from '../src/platform/format';
import type { Actor } from '../src/platform/http/context';
import { blobStoreFor } from '../src/platform/storage';
import { startTestApp, type TestApp } from './helpers/app';
import { backofficeHelpers, errorsOf } from './helpers/backoffice';
import { Client } from './helpers/client';
import { pdfText } from './helpers/files';

let t: TestApp;
let base: string;
let calendar: WorkingCalendar;

before(async () => {
  t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  ({ calendar } = await loadCalendar({ db: t.database.db }));
});
after(() => t.close());

const { as, submitted, dossier, act, auditCount } = backofficeHelpers(() => ({ t, base }));

/** Submitted online, received by the commune's desk and handed to its first step. */
async function inProcessing(): Promise<string> {
  const code = await submitted();
  const desk = await as('motcuaxa');
  assert.equal((await act(desk, code, 'accept')).statusCode, 303);
  assert.equal((await act(desk, code, 'startProcessing')).statusCode, 303);
  assert.equal((await dossier(code)).state, 'IN_PROCESSING');
  return code;
}

/** A working day some days after `after`, as the form takes it (dd/MM/yyyy). */
function workingDayAfter(after: Date, days: number): string {
  let ymd = localDate(after);
  for (let i = 0; i < days; i++) ymd = calendar.nextWorkingDay(ymd);
  return formatDate(ymd);
}

async function apologyForm(c: Client, code: string): Promise<{ status: number; version: string; body: string }> {
  const page = await c.get(`/mot-cua/ho-so/${code}/xin-loi`);
  return { status: page.statusCode, version: /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '', body: page.body };
}

const REASON = { reasonCode: 'phoi_hop', reasonExplanation: 'Công an phường chưa gửi kết quả xác minh nơi thường trú của người mẹ.' };

describe('the apology with a new appointment (Mẫu 04)', () => {
  let code: string;
  let firstDue: Date;

  before(async () => {
    code = await inProcessing();
    firstDue = (await dossier(code)).dueAt!;
  });

  test('without a reason the form comes back with 400, each problem beside its field', async () => {
    const leader = await as('chutichxa');
    const form = await apologyForm(leader, code);
    assert.equal(form.status, 200);
    assert.match(form.body, /name="_csrf"/);
    assert.match(form.body, /<select[^>]*name="reasonCode"/);
    const r = await leader.post(`/mot-cua/ho-so/${code}/xin-loi`, { version: form.version, reasonCode: '', reasonExplanation: '', newDueDate: workingDayAfter(firstDue, 5) });
    assert.equal(r.statusCode, 400);
    assert.match(errorsOf(r.body), /Chọn lý do trong danh sách/);
    assert.match(errorsOf(r.body), /Giải thích cho người nộp/);
    assert.match(r.body, /id="f-reasonCode-error"/);
    assert.match(r.body, /href="#f-reasonExplanation"/);
    assert.deepEqual((await dossier(code)).dueAt, firstDue);
  });

  test('a new date on or before the current appointment is refused with 400', async () => {
    const leader = await as('chutichxa');
    const form = await apologyForm(leader, code);
    const r = await leader.post(`/mot-cua/ho-so/${code}/xin-loi`, { version: form.version, ...REASON, newDueDate: formatDate(firstDue) });
    assert.equal(r.statusCode, 400);
    assert.match(errorsOf(r.body), /Ngày hẹn mới phải sau ngày hẹn hiện tại/);
    assert.match(r.body, /Công an phường chưa gửi kết quả/, 'what was typed is kept');
    assert.equal((await dossier(code)).lateCount, 0);
  });

  test('a specialist of the unit gets 403, a leader of another unit 404; both are logged', async () => {
    const before = await auditCount('dossier.refused', code);
    const specialist = await as('tuphapxa');
    await specialist.get(`/mot-cua/ho-so/${code}`);
    assert.equal((await specialist.get(`/mot-cua/ho-so/${code}/xin-loi`)).statusCode, 403);
    const forged = await specialist.post(`/mot-cua/ho-so/${code}/xin-loi`, { version: String((await dossier(code)).version), ...REASON, newDueDate: workingDayAfter(firstDue, 5) });
    assert.equal(forged.statusCode, 403);
    assert.match(forged.body, /chỉ lãnh đạo của đơn vị đang giải quyết hồ sơ/);
    const other = await as('lanhdao');
    await other.get('/mot-cua/xu-ly');
    const stranger = await other.post(`/mot-cua/ho-so/${code}/xin-loi`, { version: String((await dossier(code)).version), ...REASON, newDueDate: workingDayAfter(firstDue, 5) });
    assert.equal(stranger.statusCode, 404);
    assert.match(stranger.body, /Không tìm thấy hồ sơ/);
    assert.equal(await auditCount('dossier.refused', code), before + 3);
    const d = await dossier(code);
    assert.deepEqual(d.dueAt, firstDue);
    assert.equal(d.originalDueAt, null);
  });

  test('a dossier not yet received cannot get an apology: 409', async () => {
    const fresh = await submitted();
    const leader = await as('chutichxa');
    await leader.get('/mot-cua/xu-ly');
    const r = await leader.post(`/mot-cua/ho-so/${fresh}/xin-loi`, { version: String((await dossier(fresh)).version), ...REASON, newDueDate: workingDayAfter(new Date(), 5) });
    assert.equal(r.statusCode, 409);
    assert.match(r.body, /chưa có kết quả giải quyết/);
    assert.equal(await auditCount('dossier.refused', fresh), 1);
  });

  test('the commune’s leader apologises: new appointment, original kept, event, audit, Mẫu 04, notification', async () => {
    const leader = await as('chutichxa');
    const form = await apologyForm(leader, code);
    const newDate = workingDayAfter(firstDue, 5);
    const r = await leader.post(`/mot-cua/ho-so/${code}/xin-loi`, { version: form.version, ...REASON, newDueDate: newDate });
    assert.equal(r.statusCode, 303, errorsOf(r.body));
    assert.equal(r.headers.location, `/mot-cua/ho-so/${code}`);
    assert.match((await leader.get(`/mot-cua/ho-so/${code}`)).body, /Đã lập phiếu xin lỗi \(Mẫu 04\)/);

    const d = await dossier(code);
    assert.equal(formatDate(d.dueAt!), newDate);
    assert.deepEqual(d.originalDueAt, firstDue);
    assert.equal(d.lateCount, 1);
    assert.equal(d.version, Number(form.version) + 1);
    assert.equal(d.state, 'IN_PROCESSING');

    const event = await t.database.db.selectFrom('dossierEvents').selectAll().where('dossierId', '=', d.id).where('type', '=', 'apology').executeTakeFirstOrThrow();
    assert.match(event.publicNote ?? '', new RegExp(`Hẹn trả kết quả mới: 17:00 ngày ${newDate.replaceAll('/', '\\/')}`));
    assert.equal((event.detail as { unitId: string }).unitId, d.holderUnitId);
    assert.equal((event.detail as { reason: { code: string } }).reason.code, 'phoi_hop');
    assert.equal(await auditCount('dossier.apology', code), 1);
    const sent = await t.database.db.selectFrom('notifications').selectAll().where('subjectType', '=', 'dossier').where('subjectId', '=', code).where('title', 'like', '%xin lỗi%').execute();
    assert.deepEqual(sent.map((n) => n.channel).sort(), ['email', 'sms']);
    assert.match(sent.find((n) => n.channel === 'email')!.body, new RegExp(newDate.replaceAll('/', '\\/')));

    const pdf = await leader.get(`/ho-so/${code}/van-ban/phieu-xin-loi.pdf`);
    assert.equal(pdf.statusCode, 200);
    const text = pdfText(pdf.rawPayload);
    assert.match(text, /PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ/);
    assert.match(text, /Cơ quan phối hợp trả lời chậm/);
    assert.match(text, new RegExp(newDate.replaceAll('/', '\\/')));
    assert.match(text, new RegExp(formatDate(firstDue).replaceAll('/', '\\/')), 'the appointment that was missed');
    assert.match(text, /CHỦ TỊCH/);
    assert.match(text, /Lộc Thị Hoa/);
    assert.match(text, /ỦY BAN NHÂN DÂN PHƯỜNG LƯƠNG VĂN TRI|Ủy ban nhân dân phường Lương Văn Tri/);
  });

  test('the citizen downloads the apology and reads the note in the dossier’s history', async () => {
    const citizen = await as('congdan');
    const pdf = await citizen.get(`/ho-so/${code}/van-ban/phieu-xin-loi.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.match(pdfText(pdf.rawPayload), /PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ/);
    const page = await citizen.get(`/ho-so-cua-toi/${code}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Phiếu xin lỗi và hẹn lại ngày trả kết quả \(Mẫu 04\)/);
    assert.match(page.body, /xin lỗi ông\/bà vì không trả được kết quả đúng hẹn/);
    assert.match(page.body, new RegExp(formatDate((await dossier(code)).dueAt!).replaceAll('/', '\\/')));
    // the public tracking page says why in general words; the leader's explanation stays with the applicant
    const tracking = await new Client(t.app).get(`/tra-cuu-ho-so?ma=${code}`);
    assert.match(tracking.body, /Cơ quan phối hợp trả lời chậm/);
    assert.doesNotMatch(tracking.body, /Công an phường chưa gửi/);
    // another citizen cannot
    const other = await as('doanhnghiep');
    assert.equal((await other.get(`/ho-so/${code}/van-ban/phieu-xin-loi.pdf`)).statusCode, 404);
  });

  test('two leaders apologising at once with the same version: exactly one wins, every time', async () => {
    const chutich = await t.database.db.selectFrom('accounts').select(['id', 'fullName', 'unitId']).where('username', '=', 'chutichxa').executeTakeFirstOrThrow();
    const deputy = await t.database.db
      .insertInto('accounts')
      .values({ username: 'phochutichxa', fullName: 'Hoàng Văn Phúc', role: 'leader', unitId: chutich.unitId, passwordHash: 'x', email: null, phone: null, lockedUntil: null, lastLoginAt: null })
      .returning(['id', 'fullName'])
      .executeTakeFirstOrThrow();
    const actor = (a: { id: string; fullName: string }, username: string): Actor => ({ id: a.id, username, fullName: a.fullName, role: 'leader', unitId: chutich.unitId, ip: '10.0.0.1' });
    const deps: DeadlineDeps = { db: t.database.db, jobs: t.jobs, blobs: blobStoreFor(t.config) };
    for (let round = 0; round < 4; round++) {
      const d = await dossier(code);
      const input = { reason: { code: 'khoi_luong', explanation: 'Số hồ sơ khai sinh tăng đột biến trong tháng.' }, newDueDate: workingDayAfter(d.dueAt!, 3) };
      const results = await Promise.allSettled([issueApology(deps, actor(chutich, 'chutichxa'), code, d.version, input), issueApology(deps, actor(deputy, 'phochutichxa'), code, d.version, input)]);
      const won = results.filter((r) => r.status === 'fulfilled').length;
      assert.equal(won, 1, `round ${round}: ${won} won`);
      const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      assert.ok(lost.reason instanceof DossierChanged, String(lost.reason));
      const after = await dossier(code);
      assert.equal(after.version, d.version + 1);
      assert.equal(after.lateCount, d.lateCount + 1);
      assert.deepEqual(after.originalDueAt, firstDue, 'the legal due date stays the first one');
    }
    const events = await t.database.db.selectFrom('dossierEvents').select('id').where('type', '=', 'apology').where('dossierId', '=', (await dossier(code)).id).execute();
    assert.equal(events.length, 5);
  });
});

describe('lateness by unit and the morning summary', () => {
  let code: string;
  let closedCode: string;
  let commune: { id: string; name: string };

  before(async () => {
    commune = await t.database.db.selectFrom('units').select(['id', 'name']).where('code', '=', 'p-luong-van-tri').executeTakeFirstOrThrow();
    code = await inProcessing();
    closedCode = await inProcessing();
    // both first steps (the commune's) were due three days ago
    const past = new Date(Date.now() - 3 * 86_400_000);
    for (const c of [code, closedCode]) {
      await t.database.db.updateTable('dossierHandovers').set({ dueAt: past }).where('dossierId', '=', (await dossier(c)).id).where('finishedAt', 'is', null).execute();
    }
    // the second is passed on late: its step closes with outcome 'late'
    const specialist = await as('tuphapxa');
    assert.equal((await act(specialist, closedCode, 'consult')).statusCode, 303);
  });

  test('lateSteps names the commune for a step still open past its due and for one closed late', async () => {
    const now = new Date();
    const units = await lateSteps(t.database.db, { from: new Date(now.getTime() - 30 * 86_400_000), to: new Date(now.getTime() + 86_400_000), now });
    const mine = units.find((u) => u.unitId === commune.id);
    assert.ok(mine, JSON.stringify(units.map((u) => u.unitName)));
    assert.equal(mine.unitName, commune.name);
    const open = mine.steps.find((s) => s.code === code);
    assert.ok(open && open.finishedAt === null && open.hoursLate > 0, JSON.stringify(open));
    const closed = mine.steps.find((s) => s.code === closedCode);
    assert.ok(closed && closed.finishedAt !== null && closed.hoursLate > 0, JSON.stringify(closed));
    const rows = await t.database.db.selectFrom('dossierHandovers').select('outcome').where('dossierId', '=', (await dossier(closedCode)).id).where('finishedAt', 'is not', null).where('role', '=', 'specialist').execute();
    assert.deepEqual(rows.map((r) => r.outcome), ['late']);
    // nobody else is blamed for these two
    for (const u of units.filter((x) => x.unitId !== commune.id)) assert.ok(!u.steps.some((s) => s.code === code || s.code === closedCode), u.unitName);
    // a unit filter keeps only that unit
    assert.deepEqual((await lateSteps(t.database.db, { from: new Date(0), to: new Date(now.getTime() + 86_400_000), now, unitIds: [] })), []);
    // the list is cut to the first by due moment; the count is of all of them
    assert.ok(mine.total >= 2 && mine.total === mine.steps.length, `${mine.total} late steps, all listed`);
    const cut = (await lateSteps(t.database.db, { from: new Date(now.getTime() - 30 * 86_400_000), to: new Date(now.getTime() + 86_400_000), now, listed: 1 })).find((u) => u.unitId === commune.id)!;
    assert.equal(cut.total, mine.total);
    assert.deepEqual(cut.steps, mine.steps.slice(0, 1));
  });

  test('the lateness page shows the commune’s table to its leader, desk and specialist, not to others', async () => {
    for (const user of ['chutichxa', 'motcuaxa', 'tuphapxa']) {
      const page = await (await as(user)).get('/mot-cua/tre-han');
      assert.equal(page.statusCode, 200, user);
      assert.match(page.body, new RegExp(code), user);
      assert.match(page.body, /Đang xử lý, quá hạn/);
    }
    for (const user of ['lanhdao', 'conganxa', 'motcua']) {
      const page = await (await as(user)).get('/mot-cua/tre-han');
      assert.equal(page.statusCode, 200, user);
      assert.doesNotMatch(page.body, new RegExp(code), user);
    }
    const bad = await (await as('chutichxa')).get('/mot-cua/tre-han?tu=31/02/2026');
    assert.equal(bad.statusCode, 400);
    assert.match(errorsOf(bad.body), /không có trên lịch/);
  });

  test('the morning job tells the commune’s leader once, through the outbox', async () => {
    // the demo leader has an e-mail address and a phone: the summary goes to both
    const leader = await t.database.db.selectFrom('accounts').select('id').where('username', '=', 'chutichxa').executeTakeFirstOrThrow();
    // 07:00 on the next working day, as the schedule would run it
    const now = new Date(`${calendar.nextWorkingDay(localDate(new Date()))}T07:00:00+07:00`);
    const deps = { db: t.database.db, jobs: t.jobs };
    const result = await atRiskDigest(deps, now);
    const unit = result.units.find((u) => u.unitId === commune.id);
    assert.ok(unit?.sent, JSON.stringify(result));
    assert.ok(unit.steps >= 1);

    const messages = () => t.database.db.selectFrom('notifications').selectAll().where('subjectType', '=', 'unit').where('subjectId', '=', commune.id).execute();
    const sent = await messages();
    assert.deepEqual(sent.map((n) => n.recipient).sort(), ['0912000111', 'chutichxa@vidu.vn'], 'one summary for the unit, to its only leader, by e-mail and SMS');
    assert.ok(sent.every((n) => n.accountId === leader.id));
    const mail = sent.find((n) => n.channel === 'email')!;
    assert.match(mail.title, /Hồ sơ sắp đến hạn, quá hạn/);
    assert.match(mail.body, new RegExp(code));
    const job = await sql<{ n: number }>`select count(*)::int as n from pgboss.job where name = ${SEND_QUEUE} and data->>'notificationId' = ${mail.id}`.execute(t.database.db);
    assert.equal(Number(job.rows[0]!.n), 1, 'the send job is in the outbox');

    // a second run the same day (a retry, another process) sends nothing more
    const again = await atRiskDigest(deps, new Date(now.getTime() + 3600_000));
    assert.equal(again.units.find((u) => u.unitId === commune.id)?.sent, false);
    assert.equal((await messages()).length, 2);
    // no summary on a day off
    let off = localDate(now);
    while (calendar.isWorkingDay(off)) off = new Date(Date.parse(`${off}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    assert.equal((await atRiskDigest(deps, new Date(`${off}T07:00:00+07:00`))).skipped, 'day_off');
  });

  test('registering the morning schedule twice (two processes) leaves one schedule', async () => {
    await scheduleAtRisk(t.jobs);
    await scheduleAtRisk(t.jobs);
    const rows = await sql<{ cron: string; timezone: string }>`select cron, timezone from pgboss.schedule where name = ${AT_RISK_QUEUE}`.execute(t.database.db);
    assert.deepEqual(rows.rows, [{ cron: '0 7 * * *', timezone: 'Asia/Ho_Chi_Minh' }]);
  });
});
