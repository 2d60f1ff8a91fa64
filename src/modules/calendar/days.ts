// Calendar-date arithmetic on 'YYYY-MM-DD' strings and integer day numbers (days since 1970-01-01).
// Everything is proleptic Gregorian and independent of the machine's time zone: dates are civil
// dates, never instants, so they go through Date.UTC only.

/** A civil date written 'YYYY-MM-DD'. */
export type YMD = string;

const MS_PER_DAY = 86_400_000;
const YMD_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface DateParts {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
}

/** Parts of a valid date, or undefined when the text is not a real 'YYYY-MM-DD' date (e.g. 2026-02-30). */
export function parseYmd(ymd: string): DateParts | undefined {
  const match = YMD_PATTERN.exec(ymd);
  if (!match) return undefined;
  const parts = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const back = new Date(Date.UTC(parts.year, parts.month - 1, parts.day));
  // Date.UTC rolls 30/2 over to 2/3 and maps years 0–99 to 1900–1999; compare to catch both.
  if (back.getUTCFullYear() !== parts.year || back.getUTCMonth() !== parts.month - 1 || back.getUTCDate() !== parts.day) {
    return undefined;
  }
  return parts;
}

export function formatYmd(year: number, month: number, day: number): YMD {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Day number of a date known to be valid (callers validate user input with parseYmd first). */
export function dayNumber(ymd: YMD): number {
  const year = Number(ymd.slice(0, 4));
  const month = Number(ymd.slice(5, 7));
  const day = Number(ymd.slice(8, 10));
  return dayNumberOf(year, month, day);
}

export function dayNumberOf(year: number, month: number, day: number): number {
  const ms = new Date(0).setUTCFullYear(year, month - 1, day); // setUTCFullYear keeps years < 100 as written
  return Math.floor(ms / MS_PER_DAY);
}

export function ymdOfDayNumber(n: number): YMD {
  const d = new Date(n * MS_PER_DAY);
  return formatYmd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function yearOfDayNumber(n: number): number {
  return new Date(n * MS_PER_DAY).getUTCFullYear();
}

export function addDays(ymd: YMD, days: number): YMD {
  return ymdOfDayNumber(dayNumber(ymd) + days);
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOfDayNumber(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

export function weekday(ymd: YMD): number {
  return weekdayOfDayNumber(dayNumber(ymd));
}

/** Saturday or Sunday: the weekly rest days of the civil service (QĐ 188/1999/QĐ-TTg, 40-hour week). */
export function isWeekendDayNumber(n: number): boolean {
  const w = weekdayOfDayNumber(n);
  return w === 0 || w === 6;
}

export function isWeekend(ymd: YMD): boolean {
  return isWeekendDayNumber(dayNumber(ymd));
}

const WEEKDAY_NAMES = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'] as const;

/** 'Chủ nhật 26/4/2026', 'thứ Hai 27/4/2026': how a date reads inside a Vietnamese sentence. */
export function vietnameseDate(ymd: YMD): string {
  const p = parseYmd(ymd);
  if (!p) return ymd;
  return `${WEEKDAY_NAMES[weekday(ymd)] ?? ''} ${p.day}/${p.month}/${p.year}`;
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: YMD, to: YMD): YMD[] {
  const out: YMD[] = [];
  for (let n = dayNumber(from); n <= dayNumber(to); n++) out.push(ymdOfDayNumber(n));
  return out;
}
