// The working-day calendar and due dates (thời hạn giải quyết): pure functions, no I/O.
//
// Wall-clock times are Asia/Ho_Chi_Minh, a fixed UTC+7 over 1990–2100, so instants are turned
// into local times by adding 7 hours; the machine's TZ never matters.
//
// Rules (DOMAIN.md §5), each decided once here:
// - Receipt outside office hours (before opening, during lunch, after closing, on a day off)
//   counts from the next office moment: the start of the next period the same day when it is a
//   working day (lunch → 13:00), otherwise the opening of the next working day. That moment is
//   `countedFrom`, and its date is "the day of receipt" for every unit. [U: NĐ 45/2020 as
//   recalled; the clock starts at receipt (S4) anyway]
// - working_days: the day of receipt is not counted; due at closing time of the N-th working day
//   after it (0 = closing time of the day of receipt). (BLDS 2015 Điều 147: a time limit in days
//   starts the day after the event.)
// - working_hours: N office hours from countedFrom, skipping nights, lunch and days off. A due
//   time that lands on the end of a period stays there (11:30, not 13:00).
// - calendar_days: N days after the day of receipt; a last day that is not a working day moves to
//   the next working day (BLDS 2015 Điều 148 khoản 5); due at closing time.
// - same_day: received on a working day by the cut-off (default 15:00, inclusive) and before
//   closing → closing time that day; otherwise closing time of the next working day. `amount`
//   must be 0 or 1 (both mean "same day"): anything else is more likely a unit typed wrong.
// - Pauses (tạm dừng khi yêu cầu bổ sung): when a pause starts, the office time still left before
//   the due moment is measured; when it ends, the same office time is counted again from the
//   next office moment after the end. Pauses are merged where they overlap, handled in order,
//   and a pause that starts after the (possibly already extended) due moment changes nothing:
//   the dossier was already late. Part of a pause before countedFrom is ignored. The same
//   office-time measure is used for every unit, so for working_days a pause of a whole number
//   of working days shifts the due date by exactly that many days, and a part-day pause gives a
//   due time inside the day. [U: DOMAIN.md says resume-or-restart depends on the procedure; this
//   implements "resume"]

import { AppError } from '../../platform/errors';
import { dayNumber, isWeekend, isWeekendDayNumber, parseYmd, vietnameseDate, yearOfDayNumber, ymdOfDayNumber, type YMD } from './days';
import { compensationBasis, holidaysOf, SUPPORTED_YEARS, type Holiday } from './rules';
import { builtInSchedules, type OfficialSchedule } from './schedules';

export type { YMD } from './days';
export type { OfficialSchedule, ReplaceableDefault, ScheduleDay } from './schedules';
export { builtInSchedules } from './schedules';
export { SUPPORTED_YEARS } from './rules';

// ---------------------------------------------------------------------------------------------
// Types

export type DayOffKind = 'holiday' | 'compensatory' | 'official';

export interface DayOff {
  date: YMD;
  reason: string;
  kind: DayOffKind;
  /** Legal basis or notice, when known. */
  basis?: string;
}

export interface WorkingWeekend {
  date: YMD;
  reason: string;
}

export interface YearCalendar {
  daysOff: DayOff[];
  workingWeekends: WorkingWeekend[];
}

export interface OfficePeriod {
  start: string; // 'HH:mm'
  end: string; // 'HH:mm'
}

export type OfficeHours = readonly OfficePeriod[];

/** Common office hours of one-stop desks; each unit may publish its own. */
export const DEFAULT_OFFICE_HOURS: OfficeHours = [
  { start: '07:30', end: '11:30' },
  { start: '13:00', end: '17:00' },
];

export type TimeUnit = 'working_days' | 'working_hours' | 'calendar_days' | 'same_day';

export interface TimeLimit {
  amount: number;
  unit: TimeUnit;
  /** same_day only: the last receipt time settled the same day, 'HH:mm'; default 15:00. */
  cutoff?: string;
}

export interface Pause {
  start: Date;
  end: Date;
}

export interface DueDate {
  receivedAt: Date;
  /** The office moment the clock starts from (receivedAt moved out of nights, lunch, days off). */
  countedFrom: Date;
  dueAt: Date;
}

export interface WorkingCalendar {
  readonly officeHours: OfficeHours;
  isWorkingDay(ymd: YMD): boolean;
  /** The first working day strictly after `ymd`. */
  nextWorkingDay(ymd: YMD): YMD;
  /** Why a date is off, or undefined for working days and plain weekends. */
  dayOff(ymd: YMD): DayOff | undefined;
}

export const DEFAULT_SAME_DAY_CUTOFF = '15:00';
/** Largest amount accepted: far beyond any published time limit, small enough to stay fast. */
export const MAX_AMOUNT = 10_000;

// ---------------------------------------------------------------------------------------------
// Errors

/** Input the calendar cannot work with; `field` names it, `message` says why in Vietnamese. */
export class CalendarInputError extends AppError {
  declare readonly field: string;

  constructor(field: string, message: string) {
    super('calendar_input', 400, message, field);
    this.name = 'CalendarInputError';
  }
}

// ---------------------------------------------------------------------------------------------
// Year calendars: rules + official schedule

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < SUPPORTED_YEARS.first || year > SUPPORTED_YEARS.last) {
    throw new CalendarInputError(
      'year',
      `Chưa có quy định ngày nghỉ lễ cho năm ${year} (hỗ trợ ${SUPPORTED_YEARS.first}–${SUPPORTED_YEARS.last})`,
    );
  }
}

function checkDateInYear(ymd: string, year: number, field: string): void {
  const parts = parseYmd(ymd);
  if (!parts || parts.year !== year) {
    throw new CalendarInputError(field, `Ngày ${ymd} không hợp lệ hoặc không thuộc năm ${year}`);
  }
}

/** An official schedule must speak of its own year and swap only weekend days. */
export function validateSchedule(schedule: OfficialSchedule, year: number): void {
  if (schedule.year !== year) {
    throw new CalendarInputError('year', `Lịch nghỉ của năm ${schedule.year} không dùng được cho năm ${year}`);
  }
  if (schedule.notice.trim() === '') {
    throw new CalendarInputError('notice', 'Cần ghi số văn bản thông báo lịch nghỉ');
  }
  for (const day of schedule.daysOff) checkDateInYear(day.date, year, 'daysOff');
  const off = new Set(schedule.daysOff.map((d) => d.date));
  for (const day of schedule.workingDays) {
    checkDateInYear(day.date, year, 'workingDays');
    if (!isWeekend(day.date)) {
      throw new CalendarInputError('workingDays', `Ngày làm bù ${vietnameseDate(day.date)} không phải thứ Bảy hoặc Chủ nhật`);
    }
    if (off.has(day.date)) {
      throw new CalendarInputError('workingDays', `Ngày ${vietnameseDate(day.date)} vừa là ngày nghỉ vừa là ngày làm bù`);
    }
  }
}

/**
 * Compensatory days (nghỉ bù) for the holidays that fall on a Saturday or Sunday, in date order,
 * each on the first following day that is neither a weekend nor already a day off. A run of
 * holidays across a weekend (Tết) therefore gets its compensation after the whole run.
 */
function compensatoryDays(holidays: readonly Holiday[], taken: ReadonlySet<YMD>, year: number): DayOff[] {
  const used = new Set(taken);
  const out: DayOff[] = [];
  for (const holiday of holidays) {
    if (!isWeekend(holiday.date)) continue;
    let n = dayNumber(holiday.date) + 1;
    while (isWeekendDayNumber(n) || used.has(ymdOfDayNumber(n))) n++;
    const date = ymdOfDayNumber(n);
    used.add(date);
    out.push({
      date,
      reason: `Nghỉ bù ${holiday.reason} – trùng ${vietnameseDate(holiday.date)}`,
      kind: 'compensatory',
      basis: compensationBasis(year),
    });
  }
  return out;
}

function byDate<T extends { date: YMD }>(a: T, b: T): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
}

/**
 * Days off and working weekends of a year: the rule-based holidays (weekend ones included), the
 * compensatory days and the official schedule's days, sorted. How a schedule combines with the
 * defaults is described in schedules.ts.
 */
export function yearCalendar(year: number, schedule?: OfficialSchedule): YearCalendar {
  checkYear(year);
  if (schedule) validateSchedule(schedule, year);
  const replaced = new Set<string>(schedule?.replacesDefaults ?? []);
  const seen = new Set<YMD>();
  const holidays = holidaysOf(year).filter((h) => {
    if (replaced.has(h.group) || seen.has(h.date)) return false;
    seen.add(h.date);
    return true;
  });
  const daysOff: DayOff[] = holidays.map((h) => ({ date: h.date, reason: h.reason, kind: 'holiday', basis: h.basis }));
  for (const day of schedule?.daysOff ?? []) {
    if (seen.has(day.date)) continue;
    seen.add(day.date);
    daysOff.push({ date: day.date, reason: day.reason, kind: 'official', basis: schedule?.notice });
  }
  if (!replaced.has('compensation')) daysOff.push(...compensatoryDays(holidays, seen, year));
  const workingWeekends = (schedule?.workingDays ?? []).map((d) => ({ date: d.date, reason: d.reason }));
  return { daysOff: daysOff.sort(byDate), workingWeekends: workingWeekends.sort(byDate) };
}

/** The days off the rules alone give for a year (no official schedule). */
export function defaultDaysOff(year: number): DayOff[] {
  return yearCalendar(year).daysOff;
}

// ---------------------------------------------------------------------------------------------
// Working calendar

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
/** A year of data with no working day at all is broken; stop instead of looping for ever. */
const MAX_DAYS_WITHOUT_WORK = 370;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

interface Period {
  start: number; // ms after local midnight
  end: number;
}

interface CalendarCore {
  periods: readonly Period[];
  isWorkingDayNumber(n: number): boolean;
  nextWorkingDayNumber(n: number): number;
}

// computeDue and workingTimeBetween need the parsed hours and a fast day lookup; keeping them
// here, keyed by the calendar object, leaves the public interface small.
const cores = new WeakMap<WorkingCalendar, CalendarCore>();

function minutesOf(hhmm: string, field: string): number {
  const match = HH_MM.exec(hhmm);
  if (!match) throw new CalendarInputError(field, `Giờ "${hhmm}" phải có dạng HH:mm`);
  return Number(match[1]) * 60 + Number(match[2]);
}

function parseOfficeHours(hours: OfficeHours): Period[] {
  if (hours.length === 0) throw new CalendarInputError('officeHours', 'Cần ít nhất một ca làm việc');
  const periods = hours.map((p) => ({
    start: minutesOf(p.start, 'officeHours') * MS_PER_MINUTE,
    end: minutesOf(p.end, 'officeHours') * MS_PER_MINUTE,
  }));
  periods.forEach((p, i) => {
    if (p.start >= p.end) throw new CalendarInputError('officeHours', 'Giờ bắt đầu ca làm việc phải trước giờ kết thúc');
    const previous = periods[i - 1];
    if (previous && p.start < previous.end) {
      throw new CalendarInputError('officeHours', 'Các ca làm việc phải theo thứ tự và không chồng lên nhau');
    }
  });
  return periods;
}

function checkYmd(ymd: string): void {
  if (!parseYmd(ymd)) throw new CalendarInputError('date', `Ngày "${ymd}" phải có dạng YYYY-MM-DD`);
}

export interface CalendarOptions {
  officeHours?: OfficeHours;
  /** Days off and working weekends of a year; called at most once per year and cached. */
  yearData: (year: number) => YearCalendar;
}

interface YearIndex {
  daysOff: Map<YMD, DayOff>;
  working: Set<YMD>;
}

/**
 * A working calendar over the given year data. A date listed as a day off is never a working
 * day, even if it also appears as a working weekend (yearCalendar never produces both).
 */
export function createCalendar(opts: CalendarOptions): WorkingCalendar {
  const periods = parseOfficeHours(opts.officeHours ?? DEFAULT_OFFICE_HOURS);
  const officeHours = (opts.officeHours ?? DEFAULT_OFFICE_HOURS).map((p) => ({ ...p }));
  const years = new Map<number, YearIndex>();
  const workingByDay = new Map<number, boolean>();

  function yearIndex(year: number): YearIndex {
    let index = years.get(year);
    if (index) return index;
    const data = opts.yearData(year);
    for (const d of data.daysOff) checkDateInYear(d.date, year, 'yearData');
    for (const d of data.workingWeekends) checkDateInYear(d.date, year, 'yearData');
    index = {
      daysOff: new Map(data.daysOff.map((d) => [d.date, { ...d }])),
      working: new Set(data.workingWeekends.map((d) => d.date)),
    };
    years.set(year, index);
    return index;
  }

  function isWorkingDayNumber(n: number): boolean {
    const known = workingByDay.get(n);
    if (known !== undefined) return known;
    const ymd = ymdOfDayNumber(n);
    const index = yearIndex(yearOfDayNumber(n));
    const working = !index.daysOff.has(ymd) && (!isWeekendDayNumber(n) || index.working.has(ymd));
    workingByDay.set(n, working);
    return working;
  }

  function nextWorkingDayNumber(n: number): number {
    for (let next = n + 1; next <= n + MAX_DAYS_WITHOUT_WORK; next++) {
      if (isWorkingDayNumber(next)) return next;
    }
    throw new CalendarInputError('yearData', `Không có ngày làm việc nào trong ${MAX_DAYS_WITHOUT_WORK} ngày sau ${ymdOfDayNumber(n)}`);
  }

  const calendar: WorkingCalendar = {
    officeHours,
    isWorkingDay(ymd) {
      checkYmd(ymd);
      return isWorkingDayNumber(dayNumber(ymd));
    },
    nextWorkingDay(ymd) {
      checkYmd(ymd);
      return ymdOfDayNumber(nextWorkingDayNumber(dayNumber(ymd)));
    },
    dayOff(ymd) {
      checkYmd(ymd);
      const found = yearIndex(Number(ymd.slice(0, 4))).daysOff.get(ymd);
      return found ? { ...found } : undefined;
    },
  };
  cores.set(calendar, { periods, isWorkingDayNumber, nextWorkingDayNumber });
  return calendar;
}

/** A calendar with the default office hours, the rules and the built-in official schedules. */
export function defaultCalendar(officeHours: OfficeHours = DEFAULT_OFFICE_HOURS): WorkingCalendar {
  return createCalendar({ officeHours, yearData: (year) => yearCalendar(year, builtInSchedules[year]) });
}

function coreOf(cal: WorkingCalendar): CalendarCore {
  const core = cores.get(cal);
  if (!core) throw new TypeError('The calendar must come from createCalendar()');
  return core;
}

// ---------------------------------------------------------------------------------------------
// Office time. Internally a moment is "local ms": ms since 1970-01-01 00:00 Vietnam time.

const toLocal = (d: Date): number => d.getTime() + VIETNAM_OFFSET_MS;
const fromLocal = (local: number): Date => new Date(local - VIETNAM_OFFSET_MS);
const dayOf = (local: number): number => Math.floor(local / MS_PER_DAY);

function lastPeriod(core: CalendarCore): Period {
  const last = core.periods[core.periods.length - 1];
  if (!last) throw new TypeError('A calendar has at least one office period');
  return last;
}

function closingTime(core: CalendarCore, day: number): number {
  return day * MS_PER_DAY + lastPeriod(core).end;
}

function openingTime(core: CalendarCore, day: number): number {
  return day * MS_PER_DAY + (core.periods[0]?.start ?? 0);
}

/** The first office moment at or after `local`: the moment itself inside a period [start, end). */
function nextOfficeMoment(core: CalendarCore, local: number): number {
  const day = dayOf(local);
  if (core.isWorkingDayNumber(day)) {
    const time = local - day * MS_PER_DAY;
    for (const p of core.periods) {
      if (time < p.end) return day * MS_PER_DAY + Math.max(time, p.start);
    }
  }
  return openingTime(core, core.nextWorkingDayNumber(day));
}

/** The moment `amount` ms of office time after the office moment `from`. */
function addOfficeTime(core: CalendarCore, from: number, amount: number): number {
  let left = amount;
  let day = dayOf(from);
  let time = from - day * MS_PER_DAY;
  if (left <= 0) return from;
  for (;;) {
    if (core.isWorkingDayNumber(day)) {
      for (const p of core.periods) {
        const start = Math.max(p.start, time);
        if (start >= p.end) continue;
        if (left <= p.end - start) return day * MS_PER_DAY + start + left;
        left -= p.end - start;
      }
    }
    day = core.nextWorkingDayNumber(day);
    time = 0;
  }
}

/** Office time in ms between two local moments, from ≤ to. */
function officeTimeBetween(core: CalendarCore, from: number, to: number): number {
  let total = 0;
  for (let day = dayOf(from); day <= dayOf(to); day++) {
    if (!core.isWorkingDayNumber(day)) continue;
    const base = day * MS_PER_DAY;
    for (const p of core.periods) {
      const start = Math.max(base + p.start, from);
      const end = Math.min(base + p.end, to);
      if (end > start) total += end - start;
    }
  }
  return total;
}

/**
 * Office minutes from `from` to `to` (fractional when the moments are not whole minutes);
 * negative when `to` is before `from`, e.g. how late a dossier is.
 */
export function workingTimeBetween(cal: WorkingCalendar, from: Date, to: Date): number {
  const core = coreOf(cal);
  checkDate(from, 'from');
  checkDate(to, 'to');
  const a = toLocal(from);
  const b = toLocal(to);
  if (b < a) return -officeTimeBetween(core, b, a) / MS_PER_MINUTE;
  return officeTimeBetween(core, a, b) / MS_PER_MINUTE;
}

// ---------------------------------------------------------------------------------------------
// Due dates

function checkDate(d: Date, field: string): void {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) {
    throw new CalendarInputError(field, 'Thời điểm không hợp lệ');
  }
}

function checkLimit(limit: TimeLimit): void {
  const units: readonly TimeUnit[] = ['working_days', 'working_hours', 'calendar_days', 'same_day'];
  if (!units.includes(limit.unit)) throw new CalendarInputError('unit', 'Đơn vị thời hạn không hợp lệ');
  if (!Number.isInteger(limit.amount) || limit.amount < 0) {
    throw new CalendarInputError('amount', 'Số lượng thời hạn phải là số nguyên không âm');
  }
  if (limit.amount > MAX_AMOUNT) {
    throw new CalendarInputError('amount', `Số lượng thời hạn quá lớn (tối đa ${MAX_AMOUNT})`);
  }
  if (limit.unit === 'same_day' && limit.amount > 1) {
    throw new CalendarInputError('amount', 'Thời hạn trong ngày chỉ nhận số lượng 0 hoặc 1');
  }
  if (limit.cutoff !== undefined && !HH_MM.test(limit.cutoff)) {
    throw new CalendarInputError('cutoff', 'Giờ tiếp nhận cuối cùng trong ngày phải có dạng HH:mm');
  }
}

function checkPauses(pauses: readonly Pause[]): void {
  for (const p of pauses) {
    checkDate(p.start, 'pauses');
    checkDate(p.end, 'pauses');
    if (p.end.getTime() < p.start.getTime()) {
      throw new CalendarInputError('pauses', 'Thời điểm kết thúc tạm dừng phải sau thời điểm bắt đầu');
    }
  }
}

/** Due moment without pauses, in local ms. */
function baseDue(core: CalendarCore, received: number, countedFrom: number, limit: TimeLimit): number {
  const receiptDay = dayOf(countedFrom);
  switch (limit.unit) {
    case 'working_days': {
      let day = receiptDay;
      for (let i = 0; i < limit.amount; i++) day = core.nextWorkingDayNumber(day);
      return closingTime(core, day);
    }
    case 'working_hours':
      return addOfficeTime(core, countedFrom, limit.amount * 60 * MS_PER_MINUTE);
    case 'calendar_days': {
      const last = receiptDay + limit.amount;
      return closingTime(core, core.isWorkingDayNumber(last) ? last : core.nextWorkingDayNumber(last));
    }
    case 'same_day': {
      const day = dayOf(received);
      const time = received - day * MS_PER_DAY;
      const cutoff = minutesOf(limit.cutoff ?? DEFAULT_SAME_DAY_CUTOFF, 'cutoff') * MS_PER_MINUTE;
      const open = core.isWorkingDayNumber(day) && time <= cutoff && time < lastPeriod(core).end;
      return closingTime(core, open ? day : core.nextWorkingDayNumber(day));
    }
  }
}

/** Pauses as local-ms intervals, sorted, overlapping or touching ones merged. */
function mergePauses(pauses: readonly Pause[]): { start: number; end: number }[] {
  const sorted = pauses.map((p) => ({ start: toLocal(p.start), end: toLocal(p.end) })).sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const p of sorted) {
    const last = merged[merged.length - 1];
    if (last && p.start <= last.end) last.end = Math.max(last.end, p.end);
    else merged.push({ ...p });
  }
  return merged;
}

/** Due moment of a dossier received at `receivedAt` with a time limit and supplement pauses. */
export function computeDue(cal: WorkingCalendar, receivedAt: Date, limit: TimeLimit, pauses: readonly Pause[] = []): DueDate {
  const core = coreOf(cal);
  checkDate(receivedAt, 'receivedAt');
  checkLimit(limit);
  checkPauses(pauses);
  const received = toLocal(receivedAt);
  const countedFrom = nextOfficeMoment(core, received);
  let due = baseDue(core, received, countedFrom, limit);
  for (const pause of mergePauses(pauses)) {
    const start = Math.max(pause.start, countedFrom);
    if (pause.end <= start) continue; // over before the clock started
    if (start >= due) break; // already late when it started; later pauses start later still
    const left = officeTimeBetween(core, start, due);
    if (left === 0) continue;
    due = addOfficeTime(core, nextOfficeMoment(core, pause.end), left);
  }
  return { receivedAt: new Date(receivedAt.getTime()), countedFrom: fromLocal(countedFrom), dueAt: fromLocal(due) };
}
