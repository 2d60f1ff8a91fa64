import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultCalendar } from '../calendar';
import { apologyMessage, apologyNote, apologyRefusal, atRiskHorizon, checkApology, digestMessage, hoursLate, issuerOf, parseAppointment, signatoryPosition } from './deadlines';

const cal = defaultCalendar();
const vn = (local: string) => new Date(`${local}+07:00`);
// Monday 23 November 2026, 09:00 in Vietnam; Tuesday 24/11 is Ngày Văn hóa Việt Nam (a day off)
const now = vn('2026-11-23T09:00:00');
const reason = { code: 'xac_minh', explanation: 'Cần xác minh thêm nơi cư trú của người mẹ.' };

test('a new appointment without a time is the close of office hours that day, in Vietnam', () => {
  assert.deepEqual(parseAppointment('27/11/2026', cal), vn('2026-11-27T17:00:00'));
  assert.deepEqual(parseAppointment(' 2/12/2026  09:30 ', cal), vn('2026-12-02T09:30:00'));
  assert.deepEqual(parseAppointment('2/12/2026 9h30', cal), vn('2026-12-02T09:30:00'));
});

test('an appointment on a weekend or a holiday is refused, naming the day off', () => {
  assert.deepEqual(parseAppointment('28/11/2026', cal), { field: 'newDueDate', message: 'Ngày 28/11/2026 là ngày nghỉ; hãy hẹn vào một ngày làm việc' });
  assert.deepEqual(parseAppointment('24/11/2026', cal), { field: 'newDueDate', message: 'Ngày 24/11/2026 là ngày nghỉ (Ngày Văn hóa Việt Nam (24/11)); hãy hẹn vào một ngày làm việc' });
});

test('a malformed date, a date not on the calendar or a time outside office hours is refused', () => {
  assert.match((parseAppointment('', cal) as { message: string }).message, /Nhập ngày hẹn/);
  assert.match((parseAppointment('2026-11-27', cal) as { message: string }).message, /ngày\/tháng\/năm/);
  assert.match((parseAppointment('31/11/2026', cal) as { message: string }).message, /không có trên lịch/);
  assert.match((parseAppointment('27/11/2026 12:15', cal) as { message: string }).message, /trong giờ làm việc \(07:30–11:30, 13:00–17:00\)/);
  assert.match((parseAppointment('27/11/2026 25:00', cal) as { message: string }).message, /không hợp lệ/);
});

test('an apology needs a delay reason, a plain explanation and a date after the current appointment', () => {
  const due = vn('2026-11-25T17:00:00');
  const bare = checkApology({ newDueDate: '25/11/2026' }, { dueAt: due, now, calendar: cal });
  assert.deepEqual(
    bare.errors.map((e) => e.field),
    ['reasonCode', 'reasonExplanation', 'newDueDate'],
  );
  assert.match(bare.errors[2]!.message, /sau ngày hẹn hiện tại \(17:00 25\/11\/2026\)/);
  assert.deepEqual(checkApology({ reason: { code: 'khong_co', explanation: reason.explanation }, newDueDate: '27/11/2026' }, { dueAt: due, now, calendar: cal }).errors, [
    { field: 'reasonCode', message: 'Chọn lý do trong danh sách' },
  ]);
  const ok = checkApology({ reason, newDueDate: '27/11/2026' }, { dueAt: due, now, calendar: cal });
  assert.deepEqual(ok.errors, []);
  assert.deepEqual(ok.newDueAt, vn('2026-11-27T17:00:00'));
  assert.equal(ok.reason?.code, 'xac_minh');
});

test('when the dossier is already late the new date must still be in the future, and within a year', () => {
  const due = vn('2026-11-16T17:00:00');
  assert.match(checkApology({ reason, newDueDate: '20/11/2026' }, { dueAt: due, now, calendar: cal }).errors[0]!.message, /sau thời điểm hiện tại/);
  assert.match(checkApology({ reason, newDueDate: '04/01/2028' }, { dueAt: due, now, calendar: cal }).errors[0]!.message, /không được quá 366 ngày/);
  assert.deepEqual(checkApology({ reason, newDueDate: '23/11/2026 16:00' }, { dueAt: due, now, calendar: cal }).errors, []);
});

test('only a leader of the unit holding an undecided dossier may apologise', () => {
  const d = { state: 'IN_PROCESSING' as const, holderUnitId: 'xa' };
  assert.equal(apologyRefusal({ role: 'leader', unitId: 'xa' }, d), undefined);
  assert.equal(apologyRefusal({ role: 'leader', unitId: 'xa' }, { ...d, state: 'RECEIVED' }), undefined);
  assert.equal(apologyRefusal({ role: 'specialist', unitId: 'xa' }, d)?.status, 403);
  assert.equal(apologyRefusal({ role: 'leader', unitId: 'tinh' }, d)?.status, 403, 'a unit above does not sign for the unit at fault');
  assert.equal(apologyRefusal({ role: 'counter', unitId: 'xa' }, d)?.status, 403);
  const decided = apologyRefusal({ role: 'leader', unitId: 'xa' }, { ...d, state: 'RESULT_READY' });
  assert.equal(decided?.status, 409);
  assert.match(decided!.message, /Đã có kết quả, chờ trả/);
});

test('the public note names the unit, the missed date, the kind of reason and the new date, not the explanation', () => {
  const note = apologyNote('Ủy ban nhân dân phường Lương Văn Tri', vn('2026-11-25T17:00:00'), vn('2026-11-27T17:00:00'), reason);
  assert.equal(
    note,
    'Ủy ban nhân dân phường Lương Văn Tri xin lỗi ông/bà vì không trả được kết quả đúng hẹn (hẹn ngày 25/11/2026). Lý do: Cần thêm thời gian xác minh. Hẹn trả kết quả mới: 17:00 ngày 27/11/2026.',
  );
  const m = apologyMessage('A-261101-0001', 'Đăng ký khai sinh', note, reason, vn('2026-11-27T17:00:00'));
  assert.match(m.body, /Cần xác minh thêm nơi cư trú của người mẹ\./, 'the applicant gets the explanation');
  assert.ok(m.short.length <= 160 && /^[\x20-\x7e]+$/.test(m.short), 'the SMS is plain ASCII within 160 characters');
});

test('lateness counts office hours only: Friday 16:00 to Monday 09:00 is two and a half hours', () => {
  assert.equal(hoursLate(cal, vn('2026-11-20T16:00:00'), vn('2026-11-23T09:00:00')), 2.5);
  assert.equal(hoursLate(cal, vn('2026-11-20T16:00:00'), vn('2026-11-20T15:00:00')), 0, 'early is not late');
  assert.equal(hoursLate(cal, vn('2026-11-20T17:00:00'), vn('2026-11-21T10:00:00')), 0, 'late on a Saturday only: no office hour lost');
});

test('at risk means due by the close of the second working day after today, days off skipped', () => {
  // Monday 23/11 → Tuesday is off → Wednesday, Thursday
  assert.deepEqual(atRiskHorizon(cal, vn('2026-11-23T07:00:00')), vn('2026-11-26T17:00:00'));
  assert.deepEqual(atRiskHorizon(cal, vn('2026-11-26T07:00:00')), vn('2026-11-30T17:00:00'));
});

test('the leaders’ summary counts late and soon-due dossiers and lists the late steps', () => {
  const m = digestMessage('UBND phường Lương Văn Tri', vn('2026-11-23T07:00:00'), [
    { code: 'A-261101-0001', procedureName: 'Đăng ký khai sinh', state: 'IN_PROCESSING', dueAt: vn('2026-11-20T17:00:00') },
    { code: 'A-261101-0002', procedureName: 'Đăng ký khai sinh', state: 'AWAITING_APPROVAL', dueAt: vn('2026-11-25T17:00:00') },
  ], [{ code: 'A-261101-0003', stepName: 'Thẩm định hồ sơ', dueAt: vn('2026-11-19T10:00:00') }]);
  assert.equal(m.title, 'Hồ sơ sắp đến hạn, quá hạn ngày 23/11/2026: 2 hồ sơ, 1 bước');
  assert.match(m.body, /A-261101-0001 – Đăng ký khai sinh – hạn 17:00 20\/11\/2026 \(QUÁ HẠN\)/);
  assert.match(m.body, /A-261101-0002 .* – Đang trình lãnh đạo ký/);
  assert.match(m.body, /A-261101-0003 – Thẩm định hồ sơ/);
  assert.equal(m.short, 'Ngay 23/11/2026: 1 ho so qua han, 1 ho so sap den han, 1 buoc qua han tai don vi. Xem tren he thong mot cua.');
  assert.ok(m.short.length <= 160);
});

test('the unit at fault issues the form under the province; its head signs by the kind of unit', () => {
  assert.deepEqual(issuerOf('Ủy ban nhân dân phường Lương Văn Tri', 'Ủy ban nhân dân tỉnh Lạng Sơn'), {
    parent: 'Ủy ban nhân dân tỉnh Lạng Sơn',
    name: 'Ủy ban nhân dân phường Lương Văn Tri',
    place: 'Lạng Sơn',
  });
  assert.equal(signatoryPosition('ubnd_xa'), 'CHỦ TỊCH');
  assert.equal(signatoryPosition('so'), 'GIÁM ĐỐC');
});
