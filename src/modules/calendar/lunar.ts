// Vietnamese lunar calendar (âm lịch), computed for UTC+7 (105°E).
//
// The Chinese calendar is computed for UTC+8, so a new moon shortly before midnight in Hanoi
// starts a month a day earlier in Vietnam, and can move the leap month and with it Tết by a whole
// month (Tết 2007: 17/2 in Vietnam, 18/2 in China; 2030: 2/2 vs 3/2; 1985: 21/1 vs 20/2).
// Never use a Chinese-calendar library here (DOMAIN.md §5.2).
//
// We wrap @nghiavuive/lunar_date_vi, which carries Hồ Ngọc Đức's precomputed year tables for
// lunar years 1200–2199. Its classes are mutable and need `init()` before `toSolarDate()`; the
// functions below hide that. Its own Date handling uses local-time components consistently, so
// results do not depend on the machine's TZ (lunar.test.ts runs it under four zones). The dates are cross-checked in lunar.test.ts against an independent
// astronomical computation (lunar-reference.test-helper.ts): they agree on Tết and Giỗ Tổ for
// every year 1968–2199. Before 1968 the library follows the UTC+8 calendar Vietnam used then
// (e.g. Tết 1965 on 2/2, where UTC+7 would give 1/2); the holiday rules start in 1990.

import { LunarDate, SolarDate } from '@nghiavuive/lunar_date_vi';
import { addDays, formatYmd, parseYmd, type YMD } from './days';

export interface LunarDay {
  year: number;
  month: number; // 1–12; month 12 is tháng Chạp
  day: number; // 1–30
  leapMonth: boolean; // tháng nhuận
}

/** Lunar years the library covers (its tables stop at lunar 2199). */
export const LUNAR_YEAR_RANGE = { first: 1201, last: 2199 } as const;

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < LUNAR_YEAR_RANGE.first || year > LUNAR_YEAR_RANGE.last) {
    throw new RangeError(`Năm âm lịch ${year} nằm ngoài khoảng ${LUNAR_YEAR_RANGE.first}–${LUNAR_YEAR_RANGE.last}`);
  }
}

/** Solar date of a lunar date. For a leap month pass leapMonth = true; the regular month comes first. */
export function lunarToSolar(lunarYear: number, lunarMonth: number, lunarDay: number, leapMonth = false): YMD {
  checkYear(lunarYear);
  const lunar = new LunarDate({ year: lunarYear, month: lunarMonth, day: lunarDay, leap_month: leapMonth });
  try {
    // force = true: take the library's own answer for leap_month instead of keeping ours, so that
    // asking for a leap month the year does not have is detected below.
    lunar.init(true);
  } catch {
    throw new RangeError(`Ngày âm lịch không tồn tại: ${lunarDay}/${lunarMonth}/${lunarYear}`);
  }
  if (lunar.get().leap_month !== leapMonth) {
    throw new RangeError(`Năm âm lịch ${lunarYear} không có tháng ${lunarMonth} nhuận`);
  }
  const solar = lunar.toSolarDate().get();
  return formatYmd(solar.year, solar.month, solar.day);
}

/** Lunar date of a solar date. */
export function solarToLunar(ymd: YMD): LunarDay {
  const parts = parseYmd(ymd);
  if (!parts) throw new RangeError(`Ngày không hợp lệ: ${ymd}`);
  checkYear(parts.year);
  const lunar = new SolarDate({ year: parts.year, month: parts.month, day: parts.day }).toLunarDate().get();
  return { year: lunar.year, month: lunar.month, day: lunar.day, leapMonth: lunar.leap_month };
}

/** Mùng 1 Tết of a lunar year (which starts in the solar year of the same number). */
export function lunarNewYear(lunarYear: number): YMD {
  return lunarToSolar(lunarYear, 1, 1);
}

/**
 * The last day of a lunar year: 30 tháng Chạp, or 29 when Chạp has 29 days. It is always the day
 * before the next mùng 1 Tết, which is how we compute it, so a 29-day Chạp cannot be missed.
 */
export function lastDayOfLunarYear(lunarYear: number): YMD {
  return addDays(lunarNewYear(lunarYear + 1), -1);
}
