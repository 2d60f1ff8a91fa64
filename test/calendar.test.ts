import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client } from './helpers/client';
import { startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const get = async (url: string) => t.app.inject({ url });

describe('GET /api/v1/calendar/days-off', () => {
  test('2026 lists the official Tết range, Giỗ Tổ with its compensatory Monday, 30/4–1/5, Quốc khánh and 24/11', async () => {
    const res = await get('/api/v1/calendar/days-off?year=2026');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.year, 2026);
    const dates = new Set(body.daysOff.map((d: { date: string }) => d.date));
    for (let d = 14; d <= 22; d++) assert.ok(dates.has(`2026-02-${d}`), `Tết 2026-02-${d}`);
    for (const d of ['2026-01-01', '2026-04-26', '2026-04-27', '2026-04-30', '2026-05-01', '2026-09-02', '2026-11-24']) assert.ok(dates.has(d), d);
    const gioTo = body.daysOff.find((d: { date: string }) => d.date === '2026-04-26');
    assert.match(gioTo.reason, /Giỗ Tổ Hùng Vương/);
    assert.ok(Array.isArray(body.workingWeekends));
  });

  test('a year without an official schedule is computed from the Labour Code, Tết from the Vietnamese lunar calendar', async () => {
    const body = (await get('/api/v1/calendar/days-off?year=2027')).json();
    const dates = new Set(body.daysOff.map((d: { date: string }) => d.date));
    // mùng 1 Tết Đinh Mùi is Saturday 6/2/2027; Giỗ Tổ 16/4/2027
    for (const d of ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-04-16']) assert.ok(dates.has(d), d);
  });

  for (const [q, field] of [
    ['', 'year'],
    ['?year=1200', 'year'],
    ['?year=abc', 'year'],
  ] as const) {
    test(`“${q || 'no year'}” is refused with a Vietnamese message naming ${field}`, async () => {
      const res = await get(`/api/v1/calendar/days-off${q}`);
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error.field, field);
      assert.match(res.json().error.message, /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
    });
  }
});

describe('GET /api/v1/calendar/due-date', () => {
  test('3 working days from Friday before Tết 2026 fall after the whole break, at closing time, with +07:00', async () => {
    const res = await get(`/api/v1/calendar/due-date?receivedAt=${encodeURIComponent('2026-02-13T10:00:00+07:00')}&amount=3&unit=working_days`);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { receivedAt: '2026-02-13T10:00:00+07:00', countedFrom: '2026-02-13T10:00:00+07:00', dueAt: '2026-02-25T17:00:00+07:00' });
  });

  test('a same-day request after the 15:00 cut-off is due at the end of the next working day, across 30/4–1/5 and the weekend', async () => {
    const res = await get(`/api/v1/calendar/due-date?receivedAt=${encodeURIComponent('2026-04-29T15:30:00+07:00')}&amount=1&unit=same_day&cutoff=15:00`);
    assert.equal(res.json().dueAt, '2026-05-04T17:00:00+07:00');
  });

  test('a request received on a Sunday counts from Monday morning', async () => {
    const res = await get(`/api/v1/calendar/due-date?receivedAt=${encodeURIComponent('2026-03-01T09:00:00+07:00')}&amount=4&unit=working_hours`);
    assert.equal(res.json().countedFrom, '2026-03-02T07:30:00+07:00');
    assert.equal(res.json().dueAt, '2026-03-02T11:30:00+07:00');
  });

  test('calendar days that end on a day off move to the next working day', async () => {
    // 10 days from 16/4/2026 is 26/4 (Sunday, Giỗ Tổ), 27/4 is its compensatory day off
    const res = await get(`/api/v1/calendar/due-date?receivedAt=${encodeURIComponent('2026-04-16T08:00:00+07:00')}&amount=10&unit=calendar_days`);
    assert.equal(res.json().dueAt, '2026-04-28T17:00:00+07:00');
  });

  for (const [q, field] of [
    ['receivedAt=2026-02-13T10:00:00%2B07:00&amount=-3&unit=working_days', 'amount'],
    ['receivedAt=2026-02-13T10:00:00%2B07:00&amount=3&unit=weeks', 'unit'],
    ['receivedAt=2026-02-30T10:00:00%2B07:00&amount=3&unit=working_days', 'receivedAt'],
    ['receivedAt=2026-02-13T10:00:00&amount=3&unit=working_days', 'receivedAt'],
    ['amount=3&unit=working_days', 'receivedAt'],
    ['receivedAt=2026-02-13T10:00:00%2B07:00&amount=3&unit=same_day&cutoff=25:00', 'cutoff'],
  ] as const) {
    test(`bad input is refused naming “${field}”: ${q}`, async () => {
      const res = await get(`/api/v1/calendar/due-date?${q}`);
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.field, field);
    });
  }
});

describe('pages', () => {
  test('the public calendar page shows 2026 month by month with every day off and its reason', async () => {
    const res = await get('/lich-lam-viec?nam=2026');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Lịch làm việc năm 2026/);
    assert.match(res.body, /Tháng 12 năm 2026/);
    assert.match(res.body, /24\/11\/2026/);
    assert.match(res.body, /Ngày Văn hóa Việt Nam/);
    assert.match(res.body, /TB 9441\/TB-BNV/);
  });

  test('an administrator enters the 2027 schedule; the API and the deadlines follow it at once', async () => {
    const c = new Client(t.app);
    await c.login('quantri');
    const form = await c.get('/quan-tri/lich?nam=2027');
    assert.equal(form.statusCode, 200);
    const bad = await c.post('/quan-tri/lich?nam=2027', { notice: '', daysOff: '31/02/2027 Sai', workingDays: '', hours: '07:30-11:30\n13:00-17:00' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Nhập số văn bản thông báo/);
    assert.match(bad.body, /không có trên lịch/);
    const days = ['04/02/2027', '05/02/2027', '06/02/2027', '07/02/2027', '08/02/2027', '09/02/2027', '10/02/2027'].map((d) => `${d} Tết Âm lịch`).join('\n');
    const ok = await c.post('/quan-tri/lich?nam=2027', { notice: 'TB 1234/TB-BNV (thử)', daysOff: days, workingDays: '30/01/2027 Làm bù cho 04/02/2027', replaces: 'tet', hours: '07:30-11:30\n13:00-17:00' });
    assert.equal(ok.statusCode, 303);
    const api = (await get('/api/v1/calendar/days-off?year=2027')).json();
    assert.ok(api.daysOff.some((d: { date: string }) => d.date === '2027-02-10'));
    assert.deepEqual(api.workingWeekends, [{ date: '2027-01-30', reason: 'Làm bù cho 04/02/2027' }]);
    const due = (await get(`/api/v1/calendar/due-date?receivedAt=${encodeURIComponent('2027-02-03T10:00:00+07:00')}&amount=1&unit=working_days`)).json();
    assert.equal(due.dueAt, '2027-02-11T17:00:00+07:00');
    const page = await get('/lich-lam-viec?nam=2027');
    assert.match(page.body, /TB 1234\/TB-BNV/);
  });
});
