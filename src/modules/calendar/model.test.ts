import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { addDays, isWeekend } from './days';
import { lunarToSolar, lastDayOfLunarYear } from './lunar';
import {
  builtInSchedules,
  CalendarInputError,
  computeDue,
  createCalendar,
  defaultCalendar,
  defaultDaysOff,
  DEFAULT_OFFICE_HOURS,
  SUPPORTED_YEARS,
  workingTimeBetween,
  yearCalendar,
  type OfficialSchedule,
  type Pause,
  type TimeLimit,
  type TimeUnit,
  type YMD,
} from './model';

// Vietnam wall-clock helpers: the tests read and write times as Hanoi sees them.
const at = (local: string): Date => new Date(`${local}+07:00`);
const local = (d: Date): string => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
const cal = defaultCalendar();

function due(receivedLocal: string, limit: TimeLimit, pauses: Pause[] = []): { countedFrom: string; dueAt: string } {
  const r = computeDue(cal, at(receivedLocal), limit, pauses);
  return { countedFrom: local(r.countedFrom), dueAt: local(r.dueAt) };
}

const pause = (start: string, end: string): Pause => ({ start: at(start), end: at(end) });
const dates = (year: number, schedule?: OfficialSchedule): YMD[] => yearCalendar(year, schedule).daysOff.map((d) => d.date);

// ---------------------------------------------------------------------------------------------
// Year calendars

test('2026 has the official Tết block 14–22/2 from TB 9441/TB-BNV', () => {
  const off = yearCalendar(2026, builtInSchedules[2026]).daysOff.filter((d) => d.date >= '2026-02-01' && d.date <= '2026-02-28');
  assert.deepEqual(off.map((d) => d.date), ['2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22']);
  assert.ok(off.every((d) => d.kind === 'official' && d.basis === 'TB 9441/TB-BNV'));
});

test('Giỗ Tổ 2026 on Sunday 26/4 gives a compensatory day off on Monday 27/4', () => {
  const off = yearCalendar(2026, builtInSchedules[2026]).daysOff;
  assert.deepEqual(off.find((d) => d.date === '2026-04-26')?.kind, 'holiday');
  const comp = off.find((d) => d.date === '2026-04-27');
  assert.equal(comp?.kind, 'compensatory');
  assert.equal(comp?.reason, 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch) – trùng Chủ nhật 26/4/2026');
  assert.equal(comp?.basis, 'BLLĐ 2019 Điều 111 khoản 3');
});

test('2026 also has 30/4, 1/5, 1/9, 2/9 and Ngày Văn hóa Việt Nam on Tuesday 24/11', () => {
  const off = dates(2026, builtInSchedules[2026]);
  for (const d of ['2026-01-01', '2026-04-30', '2026-05-01', '2026-09-01', '2026-09-02', '2026-11-24']) assert.ok(off.includes(d), d);
  assert.equal(off.length, 17);
});

test('2025 has Tết 25/1–2/2, no Monday 3/2 compensation, and 2/5 off swapped for Saturday 26/4', () => {
  const year = yearCalendar(2025, builtInSchedules[2025]);
  const off = year.daysOff.map((d) => d.date);
  for (let d = '2025-01-25'; d <= '2025-02-02'; d = addDays(d, 1)) assert.ok(off.includes(d), d);
  assert.ok(!off.includes('2025-01-24') && !off.includes('2025-02-03'));
  assert.ok(off.includes('2025-05-02'));
  assert.deepEqual(year.workingWeekends.map((d) => d.date), ['2025-04-26']);
  assert.equal(cal.isWorkingDay('2025-04-26'), true);
  assert.equal(cal.isWorkingDay('2025-02-03'), true);
  assert.equal(cal.isWorkingDay('2025-05-02'), false);
});

test('without a schedule, Tết is the last day of the lunar year and mùng 1–4', () => {
  const tet = defaultDaysOff(2026).filter((d) => d.reason.startsWith('Tết Âm lịch'));
  assert.deepEqual(tet.map((d) => d.date), ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
  assert.deepEqual(tet.map((d) => d.reason), [
    'Tết Âm lịch (29 tháng Chạp)',
    'Tết Âm lịch (mùng 1)',
    'Tết Âm lịch (mùng 2)',
    'Tết Âm lịch (mùng 3)',
    'Tết Âm lịch (mùng 4)',
  ]);
});

test('Tết 2027 over a weekend gives its compensatory days after the whole Tết block', () => {
  const off = defaultDaysOff(2027).filter((d) => d.date >= '2027-02-01' && d.date <= '2027-02-28');
  assert.deepEqual(
    off.map((d) => `${d.date} ${d.kind}`),
    ['2027-02-05 holiday', '2027-02-06 holiday', '2027-02-07 holiday', '2027-02-08 holiday', '2027-02-09 holiday', '2027-02-10 compensatory', '2027-02-11 compensatory'],
  );
});

test('30/4 on Saturday and 1/5 on Sunday (2022) give Monday 2/5 and Tuesday 3/5 off', () => {
  const comps = defaultDaysOff(2022).filter((d) => d.kind === 'compensatory' && d.date.startsWith('2022-05')).map((d) => d.date);
  assert.deepEqual(comps, ['2022-05-02', '2022-05-03']);
});

test('Quốc khánh is one day before 2021 and two days (default 1/9 and 2/9) from 2021', () => {
  assert.ok(dates(2020).includes('2020-09-02'));
  assert.ok(!dates(2020).includes('2020-09-01'));
  assert.ok(dates(2021).includes('2021-09-01') && dates(2021).includes('2021-09-02'));
});

test('Ngày Văn hóa Việt Nam 24/11 is a day off from 2026 only', () => {
  assert.ok(!dates(2025).includes('2025-11-24'));
  assert.ok(dates(2026).includes('2026-11-24'));
  assert.ok(dates(2040).includes('2040-11-24'));
});

test('Tết has 4 days up to 2013 and 5 from 2014; Giỗ Tổ is a day off from 2007', () => {
  const tetDays = (y: number): number => defaultDaysOff(y).filter((d) => d.reason.startsWith('Tết Âm lịch')).length;
  assert.equal(tetDays(2013), 4);
  assert.equal(tetDays(2014), 5);
  assert.ok(!dates(2006).includes(lunarToSolar(2006, 3, 10)));
  assert.ok(dates(2007).includes(lunarToSolar(2007, 3, 10)));
});

test('a schedule that replaces compensation gets no computed nghỉ bù', () => {
  const schedule: OfficialSchedule = {
    year: 2027,
    notice: 'TB thử',
    replacesDefaults: ['compensation'],
    daysOff: [{ date: '2027-05-04', reason: 'Nghỉ bù 1/5 theo thông báo' }],
    workingDays: [],
  };
  const off = yearCalendar(2027, schedule).daysOff;
  assert.ok(!off.some((d) => d.kind === 'compensatory'));
  assert.equal(off.find((d) => d.date === '2027-05-04')?.kind, 'official');
});

test('a computed nghỉ bù skips a day the schedule already gives off', () => {
  const schedule: OfficialSchedule = { year: 2027, notice: 'TB thử', daysOff: [{ date: '2027-05-03', reason: 'Nghỉ thêm' }], workingDays: [] };
  const comp = yearCalendar(2027, schedule).daysOff.find((d) => d.kind === 'compensatory' && d.reason.includes('1/5'));
  assert.equal(comp?.date, '2027-05-04');
});

test('a schedule with a working weekday, or a date of another year, is refused', () => {
  const base: OfficialSchedule = { year: 2027, notice: 'TB thử', daysOff: [], workingDays: [] };
  assert.throws(
    () => yearCalendar(2027, { ...base, workingDays: [{ date: '2027-03-03', reason: 'x' }] }),
    (e: unknown) => e instanceof CalendarInputError && e.field === 'workingDays' && e.message === 'Ngày làm bù thứ Tư 3/3/2027 không phải thứ Bảy hoặc Chủ nhật',
  );
  assert.throws(() => yearCalendar(2027, { ...base, daysOff: [{ date: '2028-01-02', reason: 'x' }] }), (e: unknown) => e instanceof CalendarInputError && e.field === 'daysOff');
  assert.throws(() => yearCalendar(2026, base), (e: unknown) => e instanceof CalendarInputError && e.field === 'year');
});

test('a year outside the encoded law is refused with a Vietnamese message', () => {
  assert.throws(
    () => yearCalendar(1989),
    (e: unknown) => e instanceof CalendarInputError && e.field === 'year' && e.message === 'Chưa có quy định ngày nghỉ lễ cho năm 1989 (hỗ trợ 1990–2100)',
  );
});

test('every year 1990–2100 has 1/1, 30/4, 1/5, 2/9 and the Tết days off, and Giỗ Tổ from 2007', () => {
  for (let year = SUPPORTED_YEARS.first; year <= SUPPORTED_YEARS.last; year++) {
    const off = new Set(dates(year));
    const expected = [`${year}-01-01`, `${year}-04-30`, `${year}-05-01`, `${year}-09-02`, lastDayOfLunarYear(year - 1)];
    const firstDays = year >= 2014 ? 4 : 3;
    for (let d = 1; d <= firstDays; d++) expected.push(lunarToSolar(year, 1, d));
    if (year >= 2007) expected.push(lunarToSolar(year, 3, 10));
    if (year >= 2021) expected.push(`${year}-09-01`);
    for (const d of expected) assert.ok(off.has(d), `${year}: ${d}`);
  }
});

test('compensatory days are never weekends or other days off, and each weekend holiday has one', () => {
  for (let year = SUPPORTED_YEARS.first; year <= SUPPORTED_YEARS.last; year++) {
    for (const schedule of [undefined, builtInSchedules[year]]) {
      const off = yearCalendar(year, schedule).daysOff;
      const comps = off.filter((d) => d.kind === 'compensatory');
      const others = new Set(off.filter((d) => d.kind !== 'compensatory').map((d) => d.date));
      for (const c of comps) {
        assert.ok(!isWeekend(c.date), `${c.date} is a weekend`);
        assert.ok(!others.has(c.date), `${c.date} is already off`);
      }
      assert.equal(comps.length, off.filter((d) => d.kind === 'holiday' && isWeekend(d.date)).length, String(year));
    }
  }
});

test('days off of a year are sorted and each date appears once', () => {
  for (let year = SUPPORTED_YEARS.first; year <= SUPPORTED_YEARS.last; year++) {
    const list = dates(year, builtInSchedules[year]);
    assert.deepEqual(list, [...new Set(list)].sort(), String(year));
  }
});

// ---------------------------------------------------------------------------------------------
// Working calendar

test('a weekend, a holiday and a compensatory day are not working days; a swapped Saturday is', () => {
  assert.equal(cal.isWorkingDay('2026-03-07'), false); // Saturday
  assert.equal(cal.isWorkingDay('2026-02-18'), false); // Tết
  assert.equal(cal.isWorkingDay('2026-04-27'), false); // nghỉ bù Giỗ Tổ
  assert.equal(cal.isWorkingDay('2026-04-28'), true);
  assert.equal(cal.isWorkingDay('2025-04-26'), true); // làm bù
});

test('the next working day after Friday 13/2/2026 is Monday 23/2/2026, after Tết', () => {
  assert.equal(cal.nextWorkingDay('2026-02-13'), '2026-02-23');
  assert.equal(cal.nextWorkingDay('2026-04-29'), '2026-05-04');
});

test('dayOff tells why a date is off, and nothing for a plain weekend', () => {
  assert.equal(cal.dayOff('2026-11-24')?.reason, 'Ngày Văn hóa Việt Nam (24/11)');
  assert.equal(cal.dayOff('2026-03-07'), undefined);
});

test('the calendar asks for each year once and caches it', () => {
  const asked: number[] = [];
  const counted = createCalendar({ yearData: (y) => (asked.push(y), yearCalendar(y, builtInSchedules[y])) });
  for (let d = '2026-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) counted.isWorkingDay(d);
  computeDue(counted, at('2026-12-30T10:00'), { amount: 5, unit: 'working_days' });
  assert.deepEqual(asked, [2026, 2027]);
});

test('a malformed date or office hours are refused with the field named', () => {
  assert.throws(() => cal.isWorkingDay('2026-02-30'), (e: unknown) => e instanceof CalendarInputError && e.field === 'date');
  const bad = (officeHours: { start: string; end: string }[]) => () => createCalendar({ officeHours, yearData: (y) => yearCalendar(y) });
  assert.throws(bad([]), (e: unknown) => e instanceof CalendarInputError && e.field === 'officeHours');
  assert.throws(bad([{ start: '7:30', end: '11:30' }]), (e: unknown) => e instanceof CalendarInputError && e.field === 'officeHours');
  assert.throws(bad([{ start: '13:00', end: '11:30' }]), (e: unknown) => e instanceof CalendarInputError && e.field === 'officeHours');
  assert.throws(bad([{ start: '07:30', end: '12:00' }, { start: '11:00', end: '17:00' }]), (e: unknown) => e instanceof CalendarInputError && e.field === 'officeHours');
});

// ---------------------------------------------------------------------------------------------
// Due dates: working days

test('3 working days from Friday 13/2/2026 10:00 end on Wednesday 25/2 at closing, after Tết', () => {
  assert.deepEqual(due('2026-02-13T10:00', { amount: 3, unit: 'working_days' }), { countedFrom: '2026-02-13 10:00', dueAt: '2026-02-25 17:00' });
});

test('3 working days from Thursday 23/4/2026 skip the weekend and the Giỗ Tổ nghỉ bù', () => {
  assert.equal(due('2026-04-23T09:00', { amount: 3, unit: 'working_days' }).dueAt, '2026-04-29 17:00');
});

test('2 working days from Wednesday 29/4/2026 skip 30/4, 1/5 and the weekend', () => {
  assert.equal(due('2026-04-29T10:00', { amount: 2, unit: 'working_days' }).dueAt, '2026-05-05 17:00');
});

test('1 working day from Friday 25/4/2025 ends on the swapped working Saturday 26/4', () => {
  assert.equal(due('2025-04-25T10:00', { amount: 1, unit: 'working_days' }).dueAt, '2025-04-26 17:00');
});

test('a dossier received after closing counts from the next working morning', () => {
  assert.deepEqual(due('2026-02-13T17:00', { amount: 1, unit: 'working_days' }), { countedFrom: '2026-02-23 07:30', dueAt: '2026-02-24 17:00' });
});

test('a dossier received on a Sunday counts from Monday 07:30, and Monday is the day of receipt', () => {
  assert.deepEqual(due('2026-03-08T09:00', { amount: 1, unit: 'working_days' }), { countedFrom: '2026-03-09 07:30', dueAt: '2026-03-10 17:00' });
});

test('a dossier received at lunch counts from 13:00 the same day, still its day of receipt', () => {
  assert.deepEqual(due('2026-03-09T12:00', { amount: 1, unit: 'working_days' }), { countedFrom: '2026-03-09 13:00', dueAt: '2026-03-10 17:00' });
  assert.equal(due('2026-03-09T11:30', { amount: 0, unit: 'working_hours' }).countedFrom, '2026-03-09 13:00');
});

test('0 working days is due at closing time of the day of receipt', () => {
  assert.equal(due('2026-03-09T08:00', { amount: 0, unit: 'working_days' }).dueAt, '2026-03-09 17:00');
});

// Due dates: working hours

test('10 working hours from Friday 13/2/2026 10:00 end Monday 23/2 at 13:30', () => {
  assert.equal(due('2026-02-13T10:00', { amount: 10, unit: 'working_hours' }).dueAt, '2026-02-23 13:30');
});

test('working hours that end exactly at the end of the morning are due at 11:30, not 13:00', () => {
  assert.equal(due('2026-03-09T07:30', { amount: 4, unit: 'working_hours' }).dueAt, '2026-03-09 11:30');
});

test('working hours from a receipt at lunch start at 13:00', () => {
  assert.equal(due('2026-03-09T12:15', { amount: 1, unit: 'working_hours' }).dueAt, '2026-03-09 14:00');
});

test('8 working hours from Wednesday 29/4/2026 16:00 jump over 30/4, 1/5 and the weekend', () => {
  assert.equal(due('2026-04-29T16:00', { amount: 8, unit: 'working_hours' }).dueAt, '2026-05-04 16:00');
});

// Due dates: calendar days

test('5 calendar days from Tuesday 10/2/2026 end on Sunday 15/2, moved past Tết to Monday 23/2', () => {
  assert.equal(due('2026-02-10T10:00', { amount: 5, unit: 'calendar_days' }).dueAt, '2026-02-23 17:00');
});

test('6 calendar days from Monday 20/4/2026 end on Giỗ Tổ, moved past the nghỉ bù to Tuesday 28/4', () => {
  assert.equal(due('2026-04-20T10:00', { amount: 6, unit: 'calendar_days' }).dueAt, '2026-04-28 17:00');
});

test('2 calendar days from Tuesday 28/4/2026 end on 30/4, moved to Monday 4/5', () => {
  assert.equal(due('2026-04-28T10:00', { amount: 2, unit: 'calendar_days' }).dueAt, '2026-05-04 17:00');
});

test('calendar days ending on a working day are due that day, weekends inside the span counted', () => {
  assert.equal(due('2026-03-06T10:00', { amount: 4, unit: 'calendar_days' }).dueAt, '2026-03-10 17:00');
});

// Due dates: same day

test('a same-day request at 15:00 sharp is due at closing that day', () => {
  assert.equal(due('2026-03-09T15:00', { amount: 1, unit: 'same_day' }).dueAt, '2026-03-09 17:00');
});

test('a same-day request after 15:00 is due at closing of the next working day', () => {
  assert.equal(due('2026-03-09T15:01', { amount: 1, unit: 'same_day' }).dueAt, '2026-03-10 17:00');
  assert.equal(due('2026-04-29T15:30', { amount: 1, unit: 'same_day' }).dueAt, '2026-05-04 17:00');
  assert.equal(due('2026-02-13T15:30', { amount: 0, unit: 'same_day' }).dueAt, '2026-02-23 17:00');
});

test('a same-day request before opening is due that day; one on a day off, the next working day', () => {
  assert.equal(due('2026-03-09T06:00', { amount: 1, unit: 'same_day' }).dueAt, '2026-03-09 17:00');
  assert.equal(due('2026-04-26T09:00', { amount: 1, unit: 'same_day' }).dueAt, '2026-04-28 17:00');
});

test('a same-day procedure can set its own cut-off', () => {
  assert.equal(due('2026-03-09T11:15', { amount: 1, unit: 'same_day', cutoff: '11:00' }).dueAt, '2026-03-10 17:00');
  assert.equal(due('2026-03-09T10:45', { amount: 1, unit: 'same_day', cutoff: '11:00' }).dueAt, '2026-03-09 17:00');
});

// Due dates: pauses

test('a pause of 10:00–14:00 adds the 2½ office hours it covers to a working-hours limit', () => {
  assert.equal(due('2026-03-09T08:00', { amount: 8, unit: 'working_hours' }).dueAt, '2026-03-10 08:00');
  assert.equal(due('2026-03-09T08:00', { amount: 8, unit: 'working_hours' }, [pause('2026-03-09T10:00', '2026-03-09T14:00')]).dueAt, '2026-03-10 10:30');
});

test('a pause of two whole working days moves a working-days deadline by two working days', () => {
  assert.equal(due('2026-03-02T10:00', { amount: 5, unit: 'working_days' }).dueAt, '2026-03-09 17:00');
  assert.equal(due('2026-03-02T10:00', { amount: 5, unit: 'working_days' }, [pause('2026-03-03T10:00', '2026-03-05T10:00')]).dueAt, '2026-03-11 17:00');
});

test('a pause across Tết 2026 costs only the office time before and after the break', () => {
  // Left at Wed 11/2 09:00: 6½ h that day + 8 h Thursday = 14½ h, counted again from Tue 24/2 09:00.
  assert.equal(due('2026-02-09T10:00', { amount: 3, unit: 'working_days' }, [pause('2026-02-11T09:00', '2026-02-24T09:00')]).dueAt, '2026-02-25 17:00');
});

test('two pauses add up, and overlapping pauses count once', () => {
  const limit: TimeLimit = { amount: 8, unit: 'working_hours' };
  const one = pause('2026-03-09T08:00', '2026-03-09T09:00');
  const two = pause('2026-03-09T14:00', '2026-03-09T15:00');
  assert.equal(due('2026-03-09T07:30', limit, [two, one]).dueAt, '2026-03-10 09:30');
  assert.equal(due('2026-03-09T07:30', limit, [pause('2026-03-09T08:00', '2026-03-09T08:40'), pause('2026-03-09T08:20', '2026-03-09T09:00')]).dueAt, '2026-03-10 08:30');
});

test('a pause that starts after the deadline, or ends before receipt, changes nothing', () => {
  const limit: TimeLimit = { amount: 1, unit: 'working_days' };
  assert.equal(due('2026-03-09T10:00', limit, [pause('2026-03-10T17:00', '2026-03-12T10:00')]).dueAt, '2026-03-10 17:00');
  assert.equal(due('2026-03-09T10:00', limit, [pause('2026-03-06T10:00', '2026-03-09T09:00')]).dueAt, '2026-03-10 17:00');
});

test('a pause during the night costs nothing', () => {
  assert.equal(due('2026-03-09T10:00', { amount: 1, unit: 'working_days' }, [pause('2026-03-09T18:00', '2026-03-10T07:00')]).dueAt, '2026-03-10 17:00');
});

// Input validation

test('a negative, fractional or missing amount is refused with a Vietnamese message', () => {
  for (const amount of [-1, 1.5, Number.NaN]) {
    assert.throws(
      () => computeDue(cal, at('2026-03-09T10:00'), { amount, unit: 'working_days' }),
      (e: unknown) => e instanceof CalendarInputError && e.field === 'amount' && e.message === 'Số lượng thời hạn phải là số nguyên không âm' && e.code === 'calendar_input',
    );
  }
});

test('a same-day limit accepts only 0 or 1', () => {
  assert.throws(
    () => computeDue(cal, at('2026-03-09T10:00'), { amount: 2, unit: 'same_day' }),
    (e: unknown) => e instanceof CalendarInputError && e.field === 'amount' && e.message === 'Thời hạn trong ngày chỉ nhận số lượng 0 hoặc 1',
  );
});

test('an unknown unit, a bad cut-off, an invalid date or a reversed pause is refused', () => {
  const fails = (field: string, run: () => unknown) => assert.throws(run, (e: unknown) => e instanceof CalendarInputError && e.field === field);
  fails('unit', () => computeDue(cal, at('2026-03-09T10:00'), { amount: 1, unit: 'weeks' as TimeUnit }));
  fails('cutoff', () => computeDue(cal, at('2026-03-09T10:00'), { amount: 1, unit: 'same_day', cutoff: '3pm' }));
  fails('receivedAt', () => computeDue(cal, new Date(Number.NaN), { amount: 1, unit: 'working_days' }));
  fails('pauses', () => computeDue(cal, at('2026-03-09T10:00'), { amount: 1, unit: 'working_days' }, [pause('2026-03-09T12:00', '2026-03-09T11:00')]));
});

// workingTimeBetween

test('office time from Friday 13/2/2026 10:00 to Monday 23/2 10:00 is 8 hours', () => {
  assert.equal(workingTimeBetween(cal, at('2026-02-13T10:00'), at('2026-02-23T10:00')), 480);
});

test('office time is negative when the end is before the start', () => {
  assert.equal(workingTimeBetween(cal, at('2026-03-09T11:00'), at('2026-03-09T08:00')), -180);
});

test('the calendar works with other office hours', () => {
  const saturdayMorning = createCalendar({
    officeHours: [{ start: '08:00', end: '12:00' }],
    yearData: (y) => yearCalendar(y, builtInSchedules[y]),
  });
  const r = computeDue(saturdayMorning, at('2026-03-09T11:00'), { amount: 3, unit: 'working_hours' });
  assert.equal(local(r.dueAt), '2026-03-10 10:00');
});

// ---------------------------------------------------------------------------------------------
// Properties, over random moments in 2025–2034 (Vietnam time)

const FROM = at('2025-01-01T00:00').getTime();
const TO = at('2034-12-31T23:59').getTime();
// Half the moments on a 15-minute grid, so 07:30, 11:30, 15:00 and 17:00 come up often.
const moment = fc.oneof(
  fc.integer({ min: FROM, max: TO }),
  fc.integer({ min: Math.ceil(FROM / 900_000), max: Math.floor(TO / 900_000) }).map((q) => q * 900_000),
).map((ms) => new Date(ms));
const unit = fc.constantFrom<TimeUnit>('working_days', 'working_hours', 'calendar_days', 'same_day');
const amountFor = (u: TimeUnit) => (u === 'same_day' ? fc.integer({ min: 0, max: 1 }) : fc.integer({ min: 0, max: u === 'working_hours' ? 200 : 60 }));
const limit = unit.chain((u) => amountFor(u).map((amount): TimeLimit => ({ unit: u, amount })));
const DAY = 86_400_000;
/** A pause from 2 days before to 40 days after a receipt, up to 15 days long. */
const pauseNear = (received: Date) =>
  fc.tuple(fc.integer({ min: -2 * DAY, max: 40 * DAY }), fc.integer({ min: 0, max: 15 * DAY })).map(
    ([offset, length]): Pause => ({ start: new Date(received.getTime() + offset), end: new Date(received.getTime() + offset + length) }),
  );
/** A receipt, a limit and up to three pauses around it. */
const dossier = moment.chain((received) => fc.tuple(fc.constant(received), limit, fc.array(pauseNear(received), { maxLength: 3 })));

const ymdOf = (d: Date): YMD => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
const minutesOfDay = (d: Date): number => {
  const t = new Date(d.getTime() + 7 * 3_600_000);
  return t.getUTCHours() * 60 + t.getUTCMinutes() + t.getUTCSeconds() / 60 + t.getUTCMilliseconds() / 60_000;
};
const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const inOffice = (d: Date, endCounts: boolean): boolean =>
  cal.isWorkingDay(ymdOf(d)) &&
  DEFAULT_OFFICE_HOURS.some((p) => {
    const m = minutesOfDay(d);
    return m >= toMinutes(p.start) && (endCounts ? m <= toMinutes(p.end) : m < toMinutes(p.end));
  });

test('property: a due moment is always within office hours on a working day', () => {
  fc.assert(
    fc.property(dossier, ([received, l, pauses]) => {
      const r = computeDue(cal, received, l, pauses);
      assert.ok(inOffice(r.dueAt, true), local(r.dueAt));
      assert.ok(inOffice(r.countedFrom, false), local(r.countedFrom));
      assert.ok(r.receivedAt.getTime() <= r.countedFrom.getTime() && r.countedFrom.getTime() <= r.dueAt.getTime());
    }),
    { numRuns: 1000 },
  );
});

test('property: more time never gives an earlier deadline', () => {
  fc.assert(
    fc.property(moment, unit, fc.nat(60), fc.nat(60), (received, u, a, b) => {
      const [small, large] = u === 'same_day' ? [0, 1] : [Math.min(a, b), Math.max(a, b)];
      const d1 = computeDue(cal, received, { unit: u, amount: small }).dueAt;
      const d2 = computeDue(cal, received, { unit: u, amount: large }).dueAt;
      assert.ok(d1.getTime() <= d2.getTime());
    }),
    { numRuns: 1000 },
  );
});

test('property: a later receipt never gives an earlier deadline', () => {
  fc.assert(
    fc.property(moment, fc.integer({ min: 0, max: 10 * 86_400_000 }), limit, (received, later, l) => {
      const d1 = computeDue(cal, received, l).dueAt;
      const d2 = computeDue(cal, new Date(received.getTime() + later), l).dueAt;
      assert.ok(d1.getTime() <= d2.getTime());
    }),
    { numRuns: 1000 },
  );
});

test('property: working hours a then b from the first deadline equal a+b working hours (b ≥ 1)', () => {
  fc.assert(
    fc.property(moment, fc.nat(100), fc.integer({ min: 1, max: 100 }), (received, a, b) => {
      const first = computeDue(cal, received, { unit: 'working_hours', amount: a }).dueAt;
      const chained = computeDue(cal, first, { unit: 'working_hours', amount: b }).dueAt;
      assert.equal(chained.getTime(), computeDue(cal, received, { unit: 'working_hours', amount: a + b }).dueAt.getTime());
    }),
    { numRuns: 1000 },
  );
});

test('property: working days a then b, counted from the last office moment of the first deadline day, equal a+b', () => {
  // The first deadline is closing time, which itself counts from the next day; its day of
  // receipt is the deadline day, so chain from one millisecond before closing.
  fc.assert(
    fc.property(moment, fc.nat(40), fc.nat(40), (received, a, b) => {
      const first = computeDue(cal, received, { unit: 'working_days', amount: a }).dueAt;
      const chained = computeDue(cal, new Date(first.getTime() - 1), { unit: 'working_days', amount: b }).dueAt;
      assert.equal(chained.getTime(), computeDue(cal, received, { unit: 'working_days', amount: a + b }).dueAt.getTime());
    }),
    { numRuns: 1000 },
  );
});

test('property: a working-hours deadline lies exactly the given office hours after countedFrom', () => {
  fc.assert(
    fc.property(moment, fc.nat(200), (received, amount) => {
      const r = computeDue(cal, received, { unit: 'working_hours', amount });
      assert.equal(workingTimeBetween(cal, r.countedFrom, r.dueAt), amount * 60);
    }),
    { numRuns: 500 },
  );
});

test('property: a pause that starts before the deadline adds exactly the office time it covers', () => {
  fc.assert(
    fc.property(moment, limit, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.integer({ min: 0, max: 15 * DAY }), (received, l, where, length) => {
      const plain = computeDue(cal, received, l);
      const from = plain.countedFrom.getTime();
      fc.pre(plain.dueAt.getTime() > from); // 0 working hours: nothing to pause
      const start = new Date(from + Math.floor(where * (plain.dueAt.getTime() - from)));
      const p: Pause = { start, end: new Date(start.getTime() + length) };
      const paused = computeDue(cal, received, l, [p]);
      const extra = workingTimeBetween(cal, plain.countedFrom, paused.dueAt) - workingTimeBetween(cal, plain.countedFrom, plain.dueAt);
      assert.ok(Math.abs(extra - workingTimeBetween(cal, p.start, p.end)) < 1e-6);
    }),
    { numRuns: 500 },
  );
});

test('property: pauses never make a deadline earlier, and a longer pause never an earlier one', () => {
  fc.assert(
    fc.property(dossier, fc.integer({ min: 0, max: 5 * DAY }), ([received, l, pauses], more) => {
      const plain = computeDue(cal, received, l).dueAt.getTime();
      const paused = computeDue(cal, received, l, pauses).dueAt.getTime();
      const longer = computeDue(cal, received, l, pauses.map((p) => ({ start: p.start, end: new Date(p.end.getTime() + more) }))).dueAt.getTime();
      assert.ok(plain <= paused && paused <= longer);
    }),
    { numRuns: 500 },
  );
});

test('property: the machine time zone does not change a due date', () => {
  const saved = process.env.TZ;
  try {
    fc.assert(
      fc.property(moment, limit, fc.constantFrom('UTC', 'America/New_York', 'Asia/Tokyo'), (received, l, zone) => {
        process.env.TZ = 'Asia/Ho_Chi_Minh';
        const expected = computeDue(defaultCalendar(), received, l).dueAt.getTime();
        process.env.TZ = zone;
        assert.equal(computeDue(defaultCalendar(), received, l).dueAt.getTime(), expected);
      }),
      { numRuns: 100 },
    );
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
});
