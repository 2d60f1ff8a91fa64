// Official yearly schedules for the civil service (lịch nghỉ lễ, tết của cán bộ, công chức, viên chức).
//
// Each year a notice fixes which days make up Tết, which day goes with 2/9 and any working-day
// swaps (a weekday off paid back by working a Saturday). Bộ LĐTBXH issued it up to 2025, Bộ Nội
// vụ from 2026 (DOMAIN.md §5.1 [S]). These are the seed rows; the database copy, editable by an
// administrator, takes over later.
//
// How a schedule combines with the computed defaults (model.ts yearCalendar):
// 1. start from the rule-based holidays of the year (rules.ts);
// 2. drop the groups listed in `replacesDefaults` ('tet': the default 5 Tết days; 'national_day':
//    the default day next to 2/9). 2/9 itself and the other fixed holidays always stay, because
//    the law fixes their dates;
// 3. add every `daysOff` date of the schedule as kind 'official' (a date that is already a
//    default holiday keeps its 'holiday' entry);
// 4. compute compensatory days (nghỉ bù) only for the default holidays that remain, on the next
//    days that are neither weekends nor days off of any kind: a replaced group's own
//    compensation is part of what the notice decided (2025: mùng 4 Tết fell on a Saturday and
//    the notice gave 27/1, before Tết, instead of Monday 3/2). With 'compensation' in
//    `replacesDefaults` nothing is computed and the schedule lists every nghỉ bù day itself;
// 5. `workingDays` are Saturdays or Sundays worked to pay back a day off (làm bù).

import type { HolidayGroup } from './rules';

/**
 * What a schedule may replace: a default group, or 'compensation' when the schedule lists every
 * nghỉ bù day itself (otherwise they are computed for the default holidays that remain, and the
 * schedule must not list them too).
 */
export type ReplaceableDefault = Exclude<HolidayGroup, 'fixed'> | 'compensation';
import { datesBetween, type YMD } from './days';

export interface ScheduleDay {
  date: YMD;
  reason: string;
}

export interface OfficialSchedule {
  year: number;
  /** The notice(s) the days come from, e.g. 'TB 9441/TB-BNV'. */
  notice: string;
  /** Every day off the notice lists, weekends inside the block included. */
  daysOff: ScheduleDay[];
  /** Weekend days worked as a swap (làm bù). */
  workingDays: ScheduleDay[];
  /** Default groups whose days this schedule replaces; absent = it only adds days. */
  replacesDefaults?: ReplaceableDefault[];
}

/** Every date from `from` to `to`, each with the same reason. */
function block(from: YMD, to: YMD, reason: string): ScheduleDay[] {
  return datesBetween(from, to).map((date) => ({ date, reason }));
}

const schedule2025: OfficialSchedule = {
  year: 2025,
  notice: 'TB 6150/TB-BLĐTBXH',
  replacesDefaults: ['tet', 'national_day'],
  daysOff: [
    // [S] Tết Ất Tỵ: Saturday 25/1 (26 tháng Chạp) to Sunday 2/2/2025 (mùng 5), 9 days.
    ...block('2025-01-25', '2025-02-02', 'Nghỉ Tết Âm lịch (TB 6150/TB-BLĐTBXH)'),
    // [U] 30/4–1/5 (Wed–Thu) joined to the weekend: Friday 2/5 off, paid back on Saturday 26/4.
    // Check the 2025 notice before relying on it.
    { date: '2025-05-02', reason: 'Nghỉ hoán đổi (làm bù thứ Bảy 26/4/2025)' },
    // [S] Quốc khánh on Monday 1/9 and Tuesday 2/9; 2/9 stays a default holiday.
    { date: '2025-09-01', reason: 'Quốc khánh (ngày liền kề 1/9)' },
  ],
  workingDays: [{ date: '2025-04-26', reason: 'Làm bù cho ngày nghỉ thứ Sáu 2/5/2025' }],
};

const schedule2026: OfficialSchedule = {
  year: 2026,
  notice: 'TB 9441/TB-BNV',
  replacesDefaults: ['tet', 'national_day'],
  daysOff: [
    // [S, several sources agree] Tết Bính Ngọ: Saturday 14/2 (27 tháng Chạp) to Sunday 22/2/2026
    // (mùng 6), 9 days, no swap.
    ...block('2026-02-14', '2026-02-22', 'Nghỉ Tết Âm lịch (TB 9441/TB-BNV)'),
    // [U] Sources differ on the day next to 2/9 (Wednesday); 1/9 (Tuesday) is taken here.
    { date: '2026-09-01', reason: 'Quốc khánh (ngày liền kề 1/9)' },
  ],
  // Not listed because the defaults already give them: Giỗ Tổ on Sunday 26/4 → nghỉ bù Monday
  // 27/4; 30/4–1/5 on Thursday–Friday with no swap; Ngày Văn hóa Việt Nam on Tuesday 24/11.
  workingDays: [],
};

/** Built-in schedules by year. Years without one use the defaults alone. */
export const builtInSchedules: Readonly<Record<number, OfficialSchedule>> = {
  2025: schedule2025,
  2026: schedule2026,
};
