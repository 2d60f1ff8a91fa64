// The working calendar as the rest of the system uses it: official schedules entered by
// administrators override the ones shipped in code, which override the computed defaults.
import { recordAudit } from '../../platform/audit';
import type { Db } from '../../platform/db/connect';
import type { Actor } from '../../platform/http/context';
import { requireAction } from '../accounts';
import {
  builtInSchedules,
  computeDue,
  createCalendar,
  DEFAULT_OFFICE_HOURS,
  type DueDate,
  type OfficeHours,
  type OfficialSchedule,
  type Pause,
  type TimeLimit,
  validateSchedule,
  type WorkingCalendar,
  yearCalendar,
  type YearCalendar,
} from './model';
import * as store from './store';

export interface CalendarDeps {
  db: Db;
}

export interface LoadedCalendar {
  calendar: WorkingCalendar;
  officeHours: OfficeHours;
  scheduleFor(year: number): OfficialSchedule | undefined;
  /** Where the year's schedule comes from: the database, the shipped data, or none. */
  sourceOf(year: number): 'database' | 'built-in' | 'none';
}

/** Reads the schedules and office hours (two small queries) and builds the calendar. */
export async function loadCalendar(deps: CalendarDeps): Promise<LoadedCalendar> {
  const [saved, hours] = await Promise.all([store.schedules(deps.db), store.officeHours(deps.db)]);
  const byYear = new Map(saved.map((s) => [s.year, s]));
  const scheduleFor = (year: number) => byYear.get(year) ?? builtInSchedules[year];
  const officeHours = hours ?? DEFAULT_OFFICE_HOURS;
  return {
    calendar: createCalendar({ officeHours, yearData: (year) => yearCalendar(year, scheduleFor(year)) }),
    officeHours,
    scheduleFor,
    sourceOf: (year) => (byYear.has(year) ? 'database' : builtInSchedules[year] ? 'built-in' : 'none'),
  };
}

export async function daysOff(deps: CalendarDeps, year: number): Promise<YearCalendar> {
  const loaded = await loadCalendar(deps);
  return yearCalendar(year, loaded.scheduleFor(year));
}

export async function dueDate(deps: CalendarDeps, receivedAt: Date, limit: TimeLimit, pauses: Pause[] = []): Promise<DueDate> {
  const { calendar } = await loadCalendar(deps);
  return computeDue(calendar, receivedAt, limit, pauses);
}

export async function saveSchedule(deps: CalendarDeps, actor: Actor, schedule: OfficialSchedule): Promise<void> {
  requireAction(actor, 'calendar.manage');
  validateSchedule(schedule, schedule.year);
  yearCalendar(schedule.year, schedule); // refuses a schedule the rules cannot combine with
  await deps.db.transaction().execute(async (trx) => {
    await store.saveSchedule(trx, schedule, actor.id);
    await recordAudit(trx, actor, { action: 'calendar.schedule_saved', entityType: 'calendar', entityId: String(schedule.year), detail: { notice: schedule.notice, daysOff: schedule.daysOff.length, workingDays: schedule.workingDays.length } });
  });
}

export async function saveOfficeHours(deps: CalendarDeps, actor: Actor, hours: OfficeHours): Promise<void> {
  requireAction(actor, 'calendar.manage');
  createCalendar({ officeHours: hours, yearData: () => ({ daysOff: [], workingWeekends: [] }) }); // validates the periods
  await deps.db.transaction().execute(async (trx) => {
    await store.saveOfficeHours(trx, hours);
    await recordAudit(trx, actor, { action: 'calendar.office_hours_saved', entityType: 'calendar', entityId: 'office_hours', detail: { hours } });
  });
}
