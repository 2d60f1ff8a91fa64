// Figures for the leaders' dashboard that the service does not give by period or by unit: the
// measures of each month of a query, and the dossiers in progress and overdue by lead unit.
// Both read through store.ts (countMeasures, countByUnit), so every figure comes from the same
// SQL predicate as the statistics page and its drill-down list: no measure is defined twice.
import { localDate } from '../../platform/format';
import { addDays, type Counts, type Period, windowOf } from './model';
import type { ReportQuery, StatisticsDeps } from './service';
import * as store from './store';

function scopeOf(q: ReportQuery): store.Scope {
  return { unitIds: q.unitIds, fieldCode: q.field?.code, procedureCode: q.procedure?.code };
}

export interface MonthFigures {
  /** 'YYYY-MM' */
  month: string;
  /** The days of the month inside the query's period (the first and last month may be partial). */
  period: Period;
  counts: Counts;
}

function lastDayOfMonth(ym: string): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The months of a period, each clipped to it, up to the month of `today` (later months have no figures yet). */
export function monthsOf(p: Period, today: string): Period[] {
  const out: Period[] = [];
  const last = p.to < today ? p.to : today;
  for (let from = p.from; from <= last; from = addDays(lastDayOfMonth(from.slice(0, 7)), 1)) {
    const end = lastDayOfMonth(from.slice(0, 7));
    out.push({ from, to: end < p.to ? end : p.to });
  }
  return out;
}

/**
 * Every measure for each month of the query (in the query's units, field and procedure), read
 * month by month with the same counting as the whole period; so the months of a measure that
 * counts events within the period (received, settled…) add up to the period's figure.
 */
export async function monthlySeries(deps: StatisticsDeps, q: ReportQuery): Promise<MonthFigures[]> {
  // the cutoff is the end of the period or the moment the query was made, whichever came first:
  // each month is read as of that same moment, and months after it are left out
  const scope = scopeOf(q);
  const out: MonthFigures[] = [];
  for (const period of monthsOfQuery(q)) {
    out.push({ month: period.from.slice(0, 7), period, counts: await store.countMeasures(deps.db, scope, windowOf(period, q.window.cutoff)) });
  }
  return out;
}

/** The months monthlySeries reads for a query (also a report job's, step by step: jobs.ts). */
export function monthsOfQuery(q: ReportQuery): Period[] {
  return monthsOf(q.period, localDate(new Date(q.window.cutoff.getTime() - 1)));
}

export interface UnitProgress {
  unitId: string;
  unitCode: string;
  unitName: string;
  inProgress: number;
  overdue: number;
}

/** Dossiers in progress and in progress past their legal due date at the query's cutoff, by lead unit (most overdue first). */
export async function progressByUnit(deps: StatisticsDeps, q: ReportQuery): Promise<UnitProgress[]> {
  return progressFrom(deps, await store.countByUnit(deps.db, scopeOf(q), q.window, ['in_progress', 'in_progress_overdue']));
}

/** The same from counts by lead unit already read (an indicator job's rows hold every measure). */
export async function progressFrom(deps: StatisticsDeps, rows: readonly { unitId: string; counts: Pick<Counts, 'in_progress' | 'in_progress_overdue'> }[]): Promise<UnitProgress[]> {
  const units = new Map((await store.unitsIn(deps.db, rows.map((r) => r.unitId))).map((u) => [u.id, u]));
  const collator = new Intl.Collator('vi');
  return rows
    .filter((r) => r.counts.in_progress > 0)
    .map((r) => ({ unitId: r.unitId, unitCode: units.get(r.unitId)?.code ?? '', unitName: units.get(r.unitId)?.name ?? '', inProgress: r.counts.in_progress, overdue: r.counts.in_progress_overdue }))
    .sort((a, b) => b.overdue - a.overdue || collator.compare(a.unitName, b.unitName));
}
