// Long statistics and indicator reports as background jobs (issue 8: "long reports show
// progress and never block the server"). A report over more than LONG_PERIOD_DAYS is read by
// a pg-boss worker a few lead units at a time, its progress kept in report_runs, and its
// figures kept there too, so that a leader who asks again gets them at once (model.runDecision).
// The figures are the direct computation's, added up over the steps: a dossier has exactly one
// lead unit, so it is counted in exactly one step (test/report-jobs.test.ts compares them).
// Who may start or see a run is checked here, as for the direct reports (resolveQuery).
import type { Db } from '../../platform/db/connect';
import { AppError, NotFoundError } from '../../platform/errors';
import type { Actor } from '../../platform/http/context';
import type { Jobs } from '../../platform/jobs';
import {
  chunks,
  type Counts,
  isLongPeriod,
  MEASURE_KEYS,
  type ProcedureCounts,
  type ProcessingTime,
  processingTime,
  RUN_KEEP_MS,
  RUN_STALL_MS,
  runDecision,
  type RunStatus,
  sumDecimals,
  UNITS_PER_STEP,
  windowOf,
} from './model';
import {
  type Indicators,
  indicatorsFrom,
  indicatorsOf,
  type LateRow,
  lateRows,
  procedureCountsOf,
  processingClock,
  processingMinutesOf,
  queryParams,
  type ReportInput,
  type ReportQuery,
  resolveQuery,
  scopeOf,
  type Statistics,
  statisticsFrom,
  statisticsOf,
  type UnitCounts,
  type UnitLate,
} from './service';
import { type MonthFigures, monthlySeries, monthsOfQuery, progressByUnit, progressFrom, type UnitProgress } from './series';
import * as store from './store';

export const REPORT_QUEUE = 'reports.run';

export type ReportKind = 'statistics' | 'indicators';

export interface ReportJobDeps {
  db: Db;
  jobs: Jobs;
}

/** Declares the queue of the report jobs; a failed run is not retried (the leader asks again). */
export function defineReportQueues(jobs: Jobs): void {
  jobs.define(REPORT_QUEUE, { retryLimit: 0, expireInSeconds: 3600 });
}

export async function startReportWorker(deps: ReportJobDeps, log: (obj: object, msg: string) => void = () => {}): Promise<void> {
  await deps.jobs.work<{ runId: string }>(REPORT_QUEUE, async (job) => runReport(deps, job.data.runId, log), { pollingIntervalSeconds: 1 });
}

/** A run as a page shows it. */
export interface RunInfo {
  id: string;
  report: ReportKind;
  status: RunStatus;
  unitsDone: number;
  unitsTotal: number;
  /** When the figures were finished. */
  finishedAt: Date | null;
  error: string | null;
}

/** A report asked for: its figures (at once, or from a finished run), a run in progress, or a run that failed. */
export type LongReport<T> = { kind: 'figures'; data: T; run: RunInfo | null } | { kind: 'progress'; run: RunInfo } | { kind: 'failed'; run: RunInfo };

const FAILED_MESSAGE = 'Không lập được báo cáo do lỗi hệ thống. Hãy bấm “Lập lại báo cáo”; nếu vẫn lỗi, hãy báo quản trị hệ thống.';
const STALLED_MESSAGE = 'Việc lập báo cáo bị gián đoạn (máy chủ dừng giữa chừng); đã lập lại.';

function infoOf(r: store.RunRow): RunInfo {
  return { id: r.id, report: r.report, status: r.status, unitsDone: r.unitsDone, unitsTotal: r.unitsTotal, finishedAt: r.finishedAt, error: r.error };
}

/** The report and its checked parameters as one key (the period as days, the unit, the filters). */
function keyOf(report: ReportKind, q: ReportQuery): string {
  const p = queryParams(q);
  return `${report}?${new URLSearchParams(Object.keys(p).sort().map((k): [string, string] => [k, p[k]!])).toString()}`;
}

/** The query as a run saw it: its "in progress" figures read at the moment it was asked for. */
function queryAt(q: ReportQuery, run: store.RunRow): ReportQuery {
  return { ...q, window: windowOf(q.period, run.requestedAt) };
}

// ---------------------------------------------------------------------------------------------
// Asking for a report
// ---------------------------------------------------------------------------------------------

export interface AskOptions {
  /** Start a new run even when a finished one would be shown (the page's "Lập lại báo cáo"). */
  fresh?: boolean;
  now?: Date;
}

export async function askStatistics(deps: ReportJobDeps, actor: Actor, input: ReportInput, opts: AskOptions = {}): Promise<LongReport<Statistics>> {
  const now = opts.now ?? new Date();
  const q = await resolveQuery(deps, actor, input, now);
  if (!isLongPeriod(q.period)) return { kind: 'figures', data: await statisticsOf(deps, q), run: null };
  return ask(deps, actor, 'statistics', q, now, opts.fresh ?? false, (run) => statisticsOfRun(queryAt(q, run), run));
}

export async function askIndicators(deps: ReportJobDeps, actor: Actor, input: ReportInput, opts: AskOptions = {}): Promise<LongReport<Indicators>> {
  const now = opts.now ?? new Date();
  const q = await resolveQuery(deps, actor, input, now);
  if (!isLongPeriod(q.period)) return { kind: 'figures', data: await indicatorsOf(deps, q), run: null };
  return ask(deps, actor, 'indicators', q, now, opts.fresh ?? false, (run) => indicatorsOfRun(deps, queryAt(q, run), run));
}

async function ask<T>(deps: ReportJobDeps, actor: Actor, report: ReportKind, q: ReportQuery, now: Date, fresh: boolean, figures: (run: store.RunRow) => T | Promise<T>): Promise<LongReport<T>> {
  const key = keyOf(report, q);
  const [latest, version] = await Promise.all([store.latestRun(deps.db, key), store.dataVersion(deps.db)]);
  if (latest) {
    const w = windowOf(q.period, latest.requestedAt);
    const facts = { status: latest.status, dataVersion: latest.dataVersion, at: latest.finishedAt ?? latest.updatedAt, periodEnded: w.cutoff.getTime() >= w.end.getTime() };
    const decision = runDecision(facts, version, now);
    if (decision === 'wait') return { kind: 'progress', run: infoOf(latest) };
    if (decision === 'show' && !fresh) return { kind: 'figures', data: await figures(latest), run: infoOf(latest) };
    if (decision === 'failed' && !fresh) return { kind: 'failed', run: infoOf(latest) };
  }
  const run = await start(deps, actor, report, q, key, version, now);
  return { kind: 'progress', run: infoOf(run) };
}

/** What the leaders' dashboard shows, read at once for a short period or from the two runs of a long one. */
export interface DashboardFigures {
  statistics: Statistics;
  indicators: Indicators;
  months: MonthFigures[];
  progress: UnitProgress[];
}

/**
 * The dashboard's figures: a long period (the year view) shares the statistics run and the
 * indicator run of the same query with the report pages; the months come with the statistics
 * run, the dossiers in progress by unit from the indicator run's counts by unit. Until both are
 * done, the first one still running (or the one that failed).
 */
export async function askDashboard(deps: ReportJobDeps, actor: Actor, input: ReportInput, opts: AskOptions = {}): Promise<LongReport<DashboardFigures>> {
  const now = opts.now ?? new Date();
  const q = await resolveQuery(deps, actor, input, now);
  if (!isLongPeriod(q.period)) {
    const figures = { statistics: await statisticsOf(deps, q), indicators: await indicatorsOf(deps, q), months: await monthlySeries(deps, q), progress: await progressByUnit(deps, q) };
    return { kind: 'figures', data: figures, run: null };
  }
  const fresh = opts.fresh ?? false;
  const statsOf = (run: store.RunRow) => ({ s: statisticsOfRun(queryAt(q, run), run), months: (run.result as unknown as StatisticsResult).months });
  let s = await ask(deps, actor, 'statistics', q, now, fresh, statsOf);
  // a run kept from before the months were added to it: made again
  if (s.kind === 'figures' && !s.data.months) s = await ask(deps, actor, 'statistics', q, now, true, statsOf);
  const i = await ask(deps, actor, 'indicators', q, now, fresh, async (run) => {
    const rows = (run.result as unknown as IndicatorsResult).rows;
    return { r: await indicatorsOfRun(deps, queryAt(q, run), run), progress: await progressFrom(deps, rows) };
  });
  for (const l of [s, i]) if (l.kind === 'failed') return l;
  if (s.kind === 'progress') return s;
  if (i.kind === 'progress') return i;
  if (s.kind !== 'figures' || i.kind !== 'figures') throw new Error('unreachable');
  const ran = [s.run, i.run].filter((r): r is RunInfo => r !== null).sort((a, b) => (a.finishedAt?.getTime() ?? 0) - (b.finishedAt?.getTime() ?? 0));
  return { kind: 'figures', data: { statistics: s.data.s, indicators: i.data.r, months: s.data.months!, progress: i.data.progress }, run: ran[0] ?? null };
}

/** Queues a run in one transaction with its job; when another request queued one first, that one. */
async function start(deps: ReportJobDeps, actor: Actor, report: ReportKind, q: ReportQuery, key: string, version: string, now: Date): Promise<store.RunRow> {
  const units = q.unitIds ? q.unitIds.length : (await store.allUnitIds(deps.db)).length;
  return deps.db.transaction().execute(async (trx) => {
    await store.pruneRuns(trx, new Date(now.getTime() - RUN_KEEP_MS));
    // a run that stopped moving was interrupted: it gives way to a new one
    await store.abandonRuns(trx, key, STALLED_MESSAGE, new Date(now.getTime() - RUN_STALL_MS));
    const id = await store.insertRun(trx, { report, paramsKey: key, params: queryParams(q), requestedAt: now, dataVersion: version, unitsTotal: units, requestedBy: actor.id });
    if (id) await deps.jobs.queue(trx, REPORT_QUEUE, { runId: id });
    const run = id ? await store.runById(trx, id) : await store.latestRun(trx, key);
    if (!run) throw new Error('report run vanished');
    return run;
  });
}

/** A run as the actor may see it (the same right as to its report); 404 for a run that is not there. */
export async function runFor(deps: ReportJobDeps, actor: Actor, id: string): Promise<{ run: RunInfo; query: ReportQuery }> {
  const row = /^[0-9a-f-]{36}$/.test(id) ? await store.runById(deps.db, id) : undefined;
  if (!row) throw new NotFoundError('Không tìm thấy lần lập báo cáo này; có thể kết quả đã quá hạn lưu. Hãy mở lại báo cáo.');
  const q = await resolveQuery(deps, actor, row.params, row.requestedAt);
  return { run: infoOf(row), query: q };
}

/** The figures of a finished run, for its exports (the same figures the page showed). */
export async function runStatistics(deps: ReportJobDeps, actor: Actor, id: string): Promise<Statistics> {
  const { row, q } = await finished(deps, actor, id, 'statistics');
  return statisticsOfRun(q, row);
}

export async function runIndicators(deps: ReportJobDeps, actor: Actor, id: string): Promise<Indicators> {
  const { row, q } = await finished(deps, actor, id, 'indicators');
  return indicatorsOfRun(deps, q, row);
}

async function finished(deps: ReportJobDeps, actor: Actor, id: string, report: ReportKind): Promise<{ row: store.RunRow; q: ReportQuery }> {
  const { run, query } = await runFor(deps, actor, id);
  const row = (await store.runById(deps.db, run.id))!;
  if (row.report !== report) throw new NotFoundError('Lần lập báo cáo này thuộc báo cáo khác.');
  if (row.status !== 'done' || !row.result) throw new AppError('run_not_finished', 409, 'Báo cáo chưa lập xong nên chưa tải về được; hãy đợi đến khi trang báo cáo hiện kết quả.', 'lan');
  return { row, q: query };
}

// ---------------------------------------------------------------------------------------------
// The figures a run keeps
// ---------------------------------------------------------------------------------------------

interface StatisticsResult {
  counts: Counts;
  processing: ProcessingTime;
  lateByUnit: UnitLate[];
  /** Each month's measures (the leaders' dashboard); absent in runs kept from before it was added. */
  months?: MonthFigures[];
}

interface IndicatorsResult {
  rows: UnitCounts[];
  procedures: ProcedureCounts;
}

function statisticsOfRun(q: ReportQuery, run: store.RunRow): Statistics {
  const r = run.result as unknown as StatisticsResult;
  return statisticsFrom(q, r.counts, r.processing, r.lateByUnit);
}

async function indicatorsOfRun(deps: ReportJobDeps, q: ReportQuery, run: store.RunRow): Promise<Indicators> {
  const r = run.result as unknown as IndicatorsResult;
  return indicatorsFrom(deps, q, r.rows, r.procedures);
}

// ---------------------------------------------------------------------------------------------
// The worker
// ---------------------------------------------------------------------------------------------

/**
 * Reads a run's report a step of lead units at a time, one query after another (so other
 * requests get the database between them), moving its progress on after each step.
 */
export async function runReport(deps: ReportJobDeps, id: string, log: (obj: object, msg: string) => void = () => {}): Promise<void> {
  const run = await store.runById(deps.db, id);
  if (!run || !(await store.startRun(deps.db, id))) return;
  try {
    // the parameters were checked for the leader who asked; the unit is named in them
    const q = await resolveQuery(deps, null, run.params, run.requestedAt);
    const units = q.unitIds ? [...q.unitIds] : await store.allUnitIds(deps.db);
    const steps = chunks(units, UNITS_PER_STEP);
    const result = run.report === 'statistics' ? await statisticsSteps(deps, id, q, steps) : await indicatorSteps(deps, id, q, steps);
    await store.finishRun(deps.db, id, result as unknown as Record<string, unknown>);
  } catch (err) {
    log({ err, runId: id }, 'report run failed');
    await store.failRun(deps.db, id, FAILED_MESSAGE);
  }
}

async function statisticsSteps(deps: ReportJobDeps, id: string, q: ReportQuery, steps: string[][]): Promise<StatisticsResult> {
  const clock = await processingClock(deps, q);
  const counts = Object.fromEntries(MEASURE_KEYS.map((k) => [k, 0])) as Counts;
  let dossiers = 0;
  const minutes: string[] = [];
  const late: LateRow[] = [];
  // the months as monthlySeries reads them (series.ts), added up over the steps like the period
  const months: MonthFigures[] = monthsOfQuery(q).map((period) => ({ month: period.from.slice(0, 7), period, counts: Object.fromEntries(MEASURE_KEYS.map((k) => [k, 0])) as Counts }));
  let done = 0;
  for (const step of steps) {
    const scope = { ...scopeOf(q), unitIds: step };
    const c = await store.countMeasures(deps.db, scope, q.window);
    for (const k of MEASURE_KEYS) counts[k] += c[k];
    for (const m of months) {
      const mc = await store.countMeasures(deps.db, scope, windowOf(m.period, q.window.cutoff));
      for (const k of MEASURE_KEYS) m.counts[k] += mc[k];
    }
    const p = await processingMinutesOf(deps, q, scope, clock);
    dossiers += p.dossiers;
    minutes.push(p.minutes);
    late.push(...(await store.lateByUnit(deps.db, scope, q.window)));
    done += step.length;
    await store.progressRun(deps.db, id, done);
  }
  return { counts, processing: processingTime(dossiers, Number(sumDecimals(minutes)), clock.perDay), lateByUnit: lateRows(late), months };
}

async function indicatorSteps(deps: ReportJobDeps, id: string, q: ReportQuery, steps: string[][]): Promise<IndicatorsResult> {
  const rows: UnitCounts[] = [];
  let done = 0;
  for (const step of steps) {
    rows.push(...(await store.countByUnit(deps.db, { ...scopeOf(q), unitIds: step }, q.window, MEASURE_KEYS)));
    done += step.length;
    await store.progressRun(deps.db, id, done);
  }
  return { rows, procedures: await procedureCountsOf(deps, q) };
}
