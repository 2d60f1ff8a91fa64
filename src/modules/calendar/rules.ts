// Public holidays (ngày nghỉ lễ, tết) as data: which days, from which law, in which years.
//
// History encoded (DOMAIN.md §5.1):
// - BLLĐ 1994 (35-L/CTN, in force 1/1/1995) Điều 73: 1/1, Tết Âm lịch 4 days, 30/4, 1/5, 2/9.
//   Luật 84/2007/QH11 amended Điều 73 to add Giỗ Tổ Hùng Vương from 2007. [U: the 4 Tết days as
//   "the last day of the year + mùng 1–3" is recalled, not checked]
// - BLLĐ 2012 (10/2012/QH13, in force 1/5/2013) Điều 115: Tết Âm lịch 5 days; the first Tết
//   under it was Tết Giáp Ngọ 2014 (Tết 2013 fell before 1/5/2013).
// - BLLĐ 2019 (45/2019/QH14, in force 1/1/2021) Điều 112: Quốc khánh 2 days (2/9 and one
//   adjacent day, before or after).
// - NQ 28/2026/QH16: Ngày Văn hóa Việt Nam 24/11, a paid day off from 1/7/2026. [S]
// 1990–1994 (before BLLĐ 1994 took effect) are computed with the 1994 code's days as an
// approximation [U: the holiday rules in force then are not encoded from their own texts].
//
// Which 5 days make up Tết, and which day goes with 2/9, is fixed each year by the Prime
// Minister / the ministry's notice. The rules below are only the default used when no official
// schedule exists for a year (schedules.ts); a schedule replaces the 'tet' and 'national_day'
// groups it lists.

import { formatYmd, type YMD } from './days';
import { lastDayOfLunarYear, lunarToSolar, solarToLunar } from './lunar';

/** Years the rules cover. Lunar dates are known to 2199, but the brief's fixed UTC+7 holds to 2100. */
export const SUPPORTED_YEARS = { first: 1990, last: 2100 } as const;

/**
 * A holiday group. An official schedule may replace the days of 'tet' (the 5 Tết days) or
 * 'national_day' (the day next to 2/9) with its own; 'fixed' days (1/1, Giỗ Tổ, 30/4, 1/5, 2/9,
 * 24/11) always stay, because the law fixes their dates.
 */
export type HolidayGroup = 'fixed' | 'tet' | 'national_day';

export type DaySpec =
  | { kind: 'solar'; month: number; day: number }
  | { kind: 'lunar'; month: number; day: number }
  /** 30 tháng Chạp, or 29 when Chạp is short: the day before mùng 1 Tết. */
  | { kind: 'lunar_year_end' };

export interface HolidayRule {
  id: string;
  /** What the day is called in the interface. */
  reason: string;
  /** Legal basis, as it would be cited in a notice. */
  basis: string;
  group: HolidayGroup;
  firstYear: number;
  lastYear?: number;
  days: readonly DaySpec[];
}

const solar = (month: number, day: number): DaySpec => ({ kind: 'solar', month, day });
const lunar = (month: number, day: number): DaySpec => ({ kind: 'lunar', month, day });
const lunarYearEnd: DaySpec = { kind: 'lunar_year_end' };

export const HOLIDAY_RULES: readonly HolidayRule[] = [
  {
    id: 'new-year',
    reason: 'Tết Dương lịch',
    basis: 'BLLĐ 2019 Điều 112 khoản 1 điểm a (trước đó BLLĐ 2012 Điều 115, BLLĐ 1994 Điều 73)',
    group: 'fixed',
    firstYear: 1990,
    days: [solar(1, 1)],
  },
  {
    id: 'lunar-new-year-4-days',
    reason: 'Tết Âm lịch',
    basis: 'BLLĐ 1994 Điều 73',
    group: 'tet',
    firstYear: 1990,
    lastYear: 2013,
    days: [lunarYearEnd, lunar(1, 1), lunar(1, 2), lunar(1, 3)],
  },
  {
    // The law says "5 days"; one day before and four after mùng 1 is the most common split in
    // the yearly decisions, and the official schedule overrides it anyway.
    id: 'lunar-new-year',
    reason: 'Tết Âm lịch',
    basis: 'BLLĐ 2019 Điều 112 khoản 1 điểm b (trước đó BLLĐ 2012 Điều 115)',
    group: 'tet',
    firstYear: 2014,
    days: [lunarYearEnd, lunar(1, 1), lunar(1, 2), lunar(1, 3), lunar(1, 4)],
  },
  {
    id: 'hung-kings',
    reason: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
    basis: 'BLLĐ 2019 Điều 112 khoản 1 điểm đ (từ 2007: Luật 84/2007/QH11 sửa Điều 73 BLLĐ 1994)',
    group: 'fixed',
    firstYear: 2007,
    days: [lunar(3, 10)],
  },
  {
    id: 'victory-day',
    reason: 'Ngày Chiến thắng (30/4)',
    basis: 'BLLĐ 2019 Điều 112 khoản 1 điểm c',
    group: 'fixed',
    firstYear: 1990,
    days: [solar(4, 30)],
  },
  {
    id: 'labour-day',
    reason: 'Ngày Quốc tế Lao động (1/5)',
    basis: 'BLLĐ 2019 Điều 112 khoản 1 điểm c',
    group: 'fixed',
    firstYear: 1990,
    days: [solar(5, 1)],
  },
  {
    id: 'national-day',
    reason: 'Quốc khánh (2/9)',
    basis: 'BLLĐ 2019 Điều 112 khoản 1 điểm d (trước 2021 chỉ 1 ngày: BLLĐ 2012 Điều 115, BLLĐ 1994 Điều 73)',
    group: 'fixed',
    firstYear: 1990,
    days: [solar(9, 2)],
  },
  {
    // The law gives "02/9 and one adjacent day before or after"; the yearly notice picks it, and
    // notices have chosen either side. Without a notice we take the day before (1/9): a fixed
    // date keeps the default predictable; the official schedule for the year overrides it.
    id: 'national-day-adjacent',
    reason: 'Quốc khánh (ngày liền kề 1/9)',
    basis: 'BLLĐ 2019 Điều 112 khoản 1 điểm d',
    group: 'national_day',
    firstYear: 2021,
    days: [solar(9, 1)],
  },
  {
    // [S] Several secondary sources; check against the text of NQ 28/2026/QH16.
    id: 'vietnam-culture-day',
    reason: 'Ngày Văn hóa Việt Nam (24/11)',
    basis: 'NQ 28/2026/QH16 [S]',
    group: 'fixed',
    firstYear: 2026,
    days: [solar(11, 24)],
  },
];

/**
 * Compensation (nghỉ bù): a holiday on a weekly rest day gives a day off on the next working day.
 * The same rule in each code; only the citation changes.
 */
export const COMPENSATION_RULES: readonly { firstYear: number; basis: string }[] = [
  { firstYear: 2021, basis: 'BLLĐ 2019 Điều 111 khoản 3' },
  { firstYear: 2014, basis: 'BLLĐ 2012 Điều 115 khoản 3' },
  { firstYear: 1990, basis: 'BLLĐ 1994 Điều 73' },
];

export function compensationBasis(year: number): string {
  return COMPENSATION_RULES.find((rule) => year >= rule.firstYear)?.basis ?? 'BLLĐ 1994 Điều 73';
}

export interface Holiday {
  date: YMD;
  reason: string;
  basis: string;
  group: HolidayGroup;
  ruleId: string;
}

export function ruleApplies(rule: HolidayRule, year: number): boolean {
  return year >= rule.firstYear && (rule.lastYear === undefined || year <= rule.lastYear);
}

/** The solar date of a day spec in a given solar year (lunar days of the lunar year starting in it). */
export function dateOf(spec: DaySpec, year: number): YMD {
  switch (spec.kind) {
    case 'solar':
      return formatYmd(year, spec.month, spec.day);
    case 'lunar':
      return lunarToSolar(year, spec.month, spec.day);
    case 'lunar_year_end':
      // The eve of Tết of `year` ends lunar year `year − 1`; it always falls in January or February.
      return lastDayOfLunarYear(year - 1);
  }
}

/** Short Vietnamese name of a Tết day for the interface: '29 tháng Chạp', 'mùng 2'. */
function tetDayLabel(spec: DaySpec, date: YMD): string | undefined {
  if (spec.kind === 'lunar_year_end') return `${solarToLunar(date).day} tháng Chạp`;
  if (spec.kind === 'lunar' && spec.month === 1) return `mùng ${spec.day}`;
  return undefined;
}

/** Every holiday the rules give for a solar year, sorted by date. Weekends are included. */
export function holidaysOf(year: number): Holiday[] {
  const out: Holiday[] = [];
  for (const rule of HOLIDAY_RULES) {
    if (!ruleApplies(rule, year)) continue;
    for (const spec of rule.days) {
      const date = dateOf(spec, year);
      const label = rule.group === 'tet' ? tetDayLabel(spec, date) : undefined;
      const reason = label ? `${rule.reason} (${label})` : rule.reason;
      out.push({ date, reason, basis: rule.basis, group: rule.group, ruleId: rule.id });
    }
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
