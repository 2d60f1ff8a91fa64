// Statistics and indicators as use cases: who may read them (leaders their unit and below,
// auditors and administrators the whole province), the query checked field by field, then the
// figures from store.ts. Everything a chart or another page needs is returned as typed data.
import type { Db } from '../../platform/db/connect';
import { ForbiddenError, ValidationError } from '../../platform/errors';
import { formatDate, localDate } from '../../platform/format';
import type { Actor } from '../../platform/http/context';
import { requireAction } from '../accounts';
import { isEligibleFullOnline, isFree, type FeeRule, type OnlineFlags } from '../catalogue';
import { loadCalendar } from '../calendar';
import { unitScope } from '../org';
import {
  addDays,
  type Counts,
  groupScores,
  type GroupScore,
  indicatorValues,
  type IndicatorValue,
  isMeasureKey,
  isProcedureMeasureKey,
  LATE_AT_UNIT,
  LATE_AT_UNIT_DEF,
  MEASURE_KEYS,
  MEASURES,
  type MeasureKey,
  minutesPerWorkingDay,
  officeClock,
  type OfficeClock,
  officePeriods,
  type Period,
  type PeriodInput,
  parsePeriod,
  PROCEDURE_MEASURES,
  type ProcedureCounts,
  type ProcedureMeasureKey,
  processingTime,
  type ProcessingTime,
  rate,
  type Rate,
  totalScore,
  type Window,
  windowOf,
} from './model';
import * as store from './store';

export interface StatisticsDeps {
  db: Db;
}

export interface ReportInput extends PeriodInput {
  'don-vi'?: string | undefined;
  'linh-vuc'?: string | undefined;
  'thu-tuc'?: string | undefined;
}

export interface ReportUnit {
  id: string;
  code: string;
  name: string;
}

/** The query as checked: the period and its moments, the unit read (with the units below it), the filters. */
export interface ReportQuery {
  period: Period;
  window: Window;
  unit: ReportUnit;
  /** Lead units counted; null: the whole province. */
  unitIds: readonly string[] | null;
  field: { code: string; name: string } | null;
  procedure: { code: string; name: string } | null;
}

/** The query parameters of a report, to rebuild its links (drill-down, exports). */
export function queryParams(q: ReportQuery): Record<string, string> {
  return {
    tu: formatDate(q.period.from),
    den: formatDate(q.period.to),
    'don-vi': q.unit.code,
    ...(q.field ? { 'linh-vuc': q.field.code } : {}),
    ...(q.procedure ? { 'thu-tuc': q.procedure.code } : {}),
  };
}

const READERS = new Set(['leader', 'auditor', 'admin']);

/** The units an actor may read: a leader's unit and those below it; null (all) for auditors and administrators. */
async function readableUnits(deps: StatisticsDeps, actor: Actor): Promise<Set<string> | null> {
  requireAction(actor, 'reports.view');
  if (!READERS.has(actor.role)) throw new ForbiddenError();
  if (actor.role !== 'leader') return null;
  if (!actor.unitId) throw new ForbiddenError('Tài khoản lãnh đạo chưa gắn với đơn vị nào nên không xem được thống kê.');
  return unitScope(deps, actor.unitId);
}

const text = (v: string | undefined) => (v ?? '').trim();

/** Checks every part of the query, naming each bad field; the actor's right first, so a refused reader learns nothing. */
export async function resolveQuery(deps: StatisticsDeps, actor: Actor | null, input: ReportInput, now = new Date()): Promise<ReportQuery> {
  const readable = actor ? await readableUnits(deps, actor) : null;
  const errors: { field: string; message: string }[] = [];
  let period: Period | undefined;
  try {
    period = parsePeriod(input, now);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    errors.push(...err.errors);
  }

  const unitCode = text(input['don-vi']);
  let unit: Awaited<ReturnType<typeof store.unitByCode>>;
  if (unitCode) {
    unit = await store.unitByCode(deps.db, unitCode);
    if (!unit) errors.push({ field: 'don-vi', message: `Không có đơn vị mã “${unitCode}”` });
  } else if (actor?.role === 'leader') {
    unit = await store.unitById(deps.db, actor.unitId!);
  } else {
    unit = await store.provinceUnit(deps.db);
  }
  // a unit that existed during part of the period counts what it did then; one that did not
  // exist at any time in it (asked for, or a leader's own unit) has no figures, not zeros
  if (unit && period && (unit.validFrom > period.to || (unit.validTo !== null && unit.validTo < period.from))) {
    const span = unit.validTo ? `từ ${formatDate(unit.validFrom)} đến ${formatDate(unit.validTo)}` : `từ ${formatDate(unit.validFrom)}`;
    errors.push({ field: 'don-vi', message: `${unit.name} chỉ hoạt động ${span}, không có trong kỳ ${formatDate(period.from)} – ${formatDate(period.to)}` });
  }

  const fieldCode = text(input['linh-vuc']);
  const field = fieldCode ? await store.fieldByCode(deps.db, fieldCode) : undefined;
  if (fieldCode && !field) errors.push({ field: 'linh-vuc', message: `Không có lĩnh vực mã “${fieldCode}”` });
  const procedureCode = text(input['thu-tuc']);
  const procedure = procedureCode ? await store.procedureByCode(deps.db, procedureCode) : undefined;
  if (procedureCode && !procedure) errors.push({ field: 'thu-tuc', message: `Không có thủ tục mã “${procedureCode}” trong danh mục` });
  else if (procedure && field && procedure.fieldCode !== field.code) errors.push({ field: 'thu-tuc', message: `Thủ tục ${procedure.code} không thuộc lĩnh vực “${field.name}”` });
  if (errors.length > 0) throw new ValidationError(errors);
  if (!unit || !period) throw new ValidationError([{ field: 'don-vi', message: 'Chưa có đơn vị nào trong hệ thống' }]);
  if (readable && !readable.has(unit.id)) {
    throw new ForbiddenError('Bạn chỉ xem được thống kê của đơn vị mình và các đơn vị trực thuộc.');
  }
  const unitIds = unit.kind === 'ubnd_tinh' && unit.parentId === null ? null : [...(await unitScope(deps, unit.id))];
  return {
    period,
    window: windowOf(period, now),
    unit: { id: unit.id, code: unit.code, name: unit.name },
    unitIds,
    field: field ?? null,
    procedure: procedure ? { code: procedure.code, name: procedure.name } : null,
  };
}

export function scopeOf(q: ReportQuery): store.Scope {
  return { unitIds: q.unitIds, fieldCode: q.field?.code, procedureCode: q.procedure?.code };
}

// ---------------------------------------------------------------------------------------------
// Dossier statistics
// ---------------------------------------------------------------------------------------------

export interface UnitLate {
  unitId: string;
  unitCode: string;
  unitName: string;
  dossiers: number;
}

export interface Statistics {
  query: ReportQuery;
  counts: Counts;
  processing: ProcessingTime;
  onTime: Rate;
  /** Citizens' own online submissions ÷ dossiers received. */
  online: Rate;
  /** Late dossiers by the unit whose step went late. */
  lateByUnit: UnitLate[];
}

/** The office clock of a query's processing time; `clock` null when no dossier was ever received. */
export interface ProcessingClock {
  perDay: number;
  clock: OfficeClock | null;
  periods: { start: number; end: number }[];
}

export async function processingClock(deps: StatisticsDeps, q: ReportQuery): Promise<ProcessingClock> {
  const { calendar, officeHours } = await loadCalendar(deps);
  const perDay = minutesPerWorkingDay(officeHours);
  // the clock starts at the first receipt of any dossier (an index look-up): the office minutes
  // between two moments do not depend on where the clock starts, as long as it reaches back
  const first = await store.firstReceiptEver(deps.db);
  const clock = first ? officeClock((d) => calendar.isWorkingDay(d), `${localDate(first).slice(0, 4)}-01-01`, addDays(q.period.to, 1), perDay) : null;
  return { perDay, clock, periods: officePeriods(officeHours) };
}

/** Office minutes (exact, as text) and dossiers settled in the scope. */
export async function processingMinutesOf(deps: StatisticsDeps, q: ReportQuery, scope: store.Scope, c: ProcessingClock): Promise<{ dossiers: number; minutes: string }> {
  if (!c.clock) return { dossiers: 0, minutes: '0' };
  return store.processingMinutes(deps.db, scope, q.window, c.clock, c.periods);
}

/** Average processing time in working days over the settled dossiers of the query. */
export async function processingOf(deps: StatisticsDeps, q: ReportQuery): Promise<ProcessingTime> {
  const c = await processingClock(deps, q);
  const r = await processingMinutesOf(deps, q, scopeOf(q), c);
  return processingTime(r.dossiers, Number(r.minutes), c.perDay);
}

export type LateRow = Awaited<ReturnType<typeof store.lateByUnit>>[number];

/**
 * Late dossiers by unit, most first, then by name and code: a job's steps each count a share
 * of the dossiers (a dossier in one step only), so the same unit's counts add up.
 */
export function lateRows(rows: readonly LateRow[]): UnitLate[] {
  const byUnit = new Map<string, UnitLate>();
  for (const l of rows) {
    const seen = byUnit.get(l.unitId);
    if (seen) seen.dossiers += l.dossiers;
    else byUnit.set(l.unitId, { unitId: l.unitId, unitCode: l.code, unitName: l.unitName, dossiers: l.dossiers });
  }
  const collator = new Intl.Collator('vi');
  return [...byUnit.values()].sort((a, b) => b.dossiers - a.dossiers || collator.compare(a.unitName, b.unitName) || (a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : 0));
}

/** The statistics from their parts (read at once, or added up over a job's steps). */
export function statisticsFrom(q: ReportQuery, counts: Counts, processing: ProcessingTime, lateByUnit: UnitLate[]): Statistics {
  return {
    query: q,
    counts,
    processing,
    onTime: rate(counts.settled_on_time, counts.settled),
    online: rate(counts.received_online_self, counts.received),
    lateByUnit,
  };
}

export async function statisticsOf(deps: StatisticsDeps, q: ReportQuery): Promise<Statistics> {
  const scope = scopeOf(q);
  // three independent reads: on PostgreSQL they run at once on the pool's connections
  const [counts, processing, late] = await Promise.all([store.countMeasures(deps.db, scope, q.window), processingOf(deps, q), store.lateByUnit(deps.db, scope, q.window)]);
  return statisticsFrom(q, counts, processing, lateRows(late));
}

/** The statistics a leader or auditor asked for. */
export async function statistics(deps: StatisticsDeps, actor: Actor, input: ReportInput, now = new Date()): Promise<Statistics> {
  return statisticsOf(deps, await resolveQuery(deps, actor, input, now));
}

// ---------------------------------------------------------------------------------------------
// Procedures (catalogue measures)
// ---------------------------------------------------------------------------------------------

export interface ProcedureRow {
  code: string;
  name: string;
  fieldCode: string;
  status: string;
  onlineLevel: string;
}

interface AgencyRefLike {
  unitCode?: string;
  unitKind?: string;
}

/** The procedures of the query's units, field and procedure, each with the measures it counts in. */
async function proceduresOf(deps: StatisticsDeps, q: ReportQuery): Promise<{ row: ProcedureRow; in: Set<ProcedureMeasureKey> }[]> {
  const [records, units] = await Promise.all([store.procedureRecords(deps.db), store.unitsIn(deps.db, q.unitIds)]);
  const codes = new Set(units.map((u) => u.code));
  const kinds = new Set<string>(units.map((u) => u.kind));
  const out: { row: ProcedureRow; in: Set<ProcedureMeasureKey> }[] = [];
  for (const r of records) {
    if (q.field && r.fieldCode !== q.field.code) continue;
    if (q.procedure && r.code !== q.procedure.code) continue;
    const rec = r.record as Partial<OnlineFlags> & { fees?: FeeRule[]; agencies?: { competent?: AgencyRefLike[]; authorised?: AgencyRefLike[] } };
    const refs = [...(rec.agencies?.competent ?? []), ...(rec.agencies?.authorised ?? [])];
    // a commune police procedure is received at the commune's desk: the commune counts it too
    const belongs = q.unitIds === null || refs.some((a) => (a.unitCode && codes.has(a.unitCode)) || (a.unitKind && (kinds.has(a.unitKind) || (a.unitKind === 'cong_an_xa' && kinds.has('ubnd_xa')))));
    if (!belongs) continue;
    const fees = rec.fees ?? [];
    const flags: OnlineFlags & { fees: FeeRule[] } = {
      requiresPresence: rec.requiresPresence ?? true,
      requiresSiteInspection: rec.requiresSiteInspection ?? true,
      feePayableOnline: rec.feePayableOnline ?? false,
      resultDeliverableOnlineOrPost: rec.resultDeliverableOnlineOrPost ?? false,
      fees,
    };
    const set = new Set<ProcedureMeasureKey>(['procedures']);
    if (r.status === 'published') set.add('procedures_published');
    const eligible = isEligibleFullOnline(flags);
    if (eligible) set.add('procedures_eligible');
    if (eligible && r.onlineLevel === 'toan_trinh') set.add('procedures_full_online');
    const feeBearing = !isFree(fees);
    if (feeBearing) set.add('procedures_fee');
    if (feeBearing && flags.feePayableOnline) set.add('procedures_fee_online');
    out.push({ row: { code: r.code, name: r.name, fieldCode: r.fieldCode, status: r.status, onlineLevel: r.onlineLevel }, in: set });
  }
  return out;
}

function procedureCounts(list: { in: Set<ProcedureMeasureKey> }[]): ProcedureCounts {
  const keys = Object.keys(PROCEDURE_MEASURES) as ProcedureMeasureKey[];
  return Object.fromEntries(keys.map((k) => [k, list.filter((p) => p.in.has(k)).length])) as ProcedureCounts;
}

// ---------------------------------------------------------------------------------------------
// QĐ 766 indicators
// ---------------------------------------------------------------------------------------------

/** The key rates of one unit, for the table by unit. */
export interface UnitRates {
  unitId: string;
  unitCode: string;
  unitName: string;
  received: number;
  settled: number;
  onTime: Rate;
  online: Rate;
  satisfied: Rate;
  digitised: Rate;
}

export interface Indicators {
  query: ReportQuery;
  counts: Counts;
  procedures: ProcedureCounts;
  values: IndicatorValue[];
  groups: GroupScore[];
  total: { points: number; outOf: number } | null;
  byUnit: UnitRates[];
}

const UNIT_KEYS: MeasureKey[] = ['received', 'received_online_self', 'settled', 'settled_on_time', 'rated', 'rated_satisfied', 'digitised'];

/** Key rates by lead unit within the query (the same predicates as the figures). */
export async function ratesByUnit(deps: StatisticsDeps, q: ReportQuery): Promise<UnitRates[]> {
  return unitRates(deps, await store.countByUnit(deps.db, scopeOf(q), q.window, UNIT_KEYS));
}

export type UnitCounts = { unitId: string; counts: Record<MeasureKey, number> };

async function unitRates(deps: StatisticsDeps, rows: UnitCounts[]): Promise<UnitRates[]> {
  const units = new Map((await store.unitsIn(deps.db, rows.map((r) => r.unitId))).map((u) => [u.id, u]));
  const collator = new Intl.Collator('vi');
  return rows
    .map((r) => {
      const u = units.get(r.unitId);
      const c = r.counts;
      return {
        unitId: r.unitId,
        unitCode: u?.code ?? '',
        unitName: u?.name ?? '',
        received: c.received,
        settled: c.settled,
        onTime: rate(c.settled_on_time, c.settled),
        online: rate(c.received_online_self, c.received),
        satisfied: rate(c.rated_satisfied, c.rated),
        digitised: rate(c.digitised, c.received),
      };
    })
    .filter((r) => r.received > 0 || r.settled > 0)
    .sort((a, b) => collator.compare(a.unitName, b.unitName) || (a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : 0));
}

export async function indicatorsOf(deps: StatisticsDeps, q: ReportQuery): Promise<Indicators> {
  // one scan: every measure by lead unit; a dossier has exactly one lead unit, so the figures
  // of the query are the sums over the units (the same predicates, counted once)
  const [rows, list] = await Promise.all([store.countByUnit(deps.db, scopeOf(q), q.window, MEASURE_KEYS), proceduresOf(deps, q)]);
  return indicatorsFrom(deps, q, rows, procedureCounts(list));
}

/** The procedure measures of the query (the catalogue, not the dossiers: quick whatever the period). */
export async function procedureCountsOf(deps: StatisticsDeps, q: ReportQuery): Promise<ProcedureCounts> {
  return procedureCounts(await proceduresOf(deps, q));
}

/** The indicators from every measure by lead unit (read at once, or step by step by a job). */
export async function indicatorsFrom(deps: StatisticsDeps, q: ReportQuery, rows: UnitCounts[], procedures: ProcedureCounts): Promise<Indicators> {
  const counts = Object.fromEntries(MEASURE_KEYS.map((k) => [k, rows.reduce((n, r) => n + r.counts[k], 0)])) as Counts;
  const values = indicatorValues(counts, procedures);
  const groups = groupScores(values);
  return { query: q, counts, procedures, values, groups, total: totalScore(groups), byUnit: await unitRates(deps, rows) };
}

export async function indicators(deps: StatisticsDeps, actor: Actor, input: ReportInput, now = new Date()): Promise<Indicators> {
  return indicatorsOf(deps, await resolveQuery(deps, actor, input, now));
}

// ---------------------------------------------------------------------------------------------
// Drill-down
// ---------------------------------------------------------------------------------------------

export const PAGE_SIZE = 50;

export interface DrillInput extends ReportInput {
  'do-do'?: string | undefined;
  'don-vi-tre'?: string | undefined;
  trang?: string | undefined;
}

export type DrillDown =
  | { kind: 'dossiers'; query: ReportQuery; measure: string; label: string; formula: string; lateUnit: ReportUnit | null; total: number; page: number; pageSize: number; rows: store.DossierRow[] }
  | { kind: 'procedures'; query: ReportQuery; measure: ProcedureMeasureKey; label: string; formula: string; total: number; page: number; pageSize: number; rows: ProcedureRow[] };

/** The dossiers (or procedures) behind one figure, by the same predicate that counted them. */
export async function drillDown(deps: StatisticsDeps, actor: Actor, input: DrillInput, now = new Date(), pageSize = PAGE_SIZE): Promise<DrillDown> {
  const q = await resolveQuery(deps, actor, input, now);
  const measure = text(input['do-do']);
  const pageText = text(input.trang) || '1';
  if (!/^\d{1,6}$/.test(pageText) || Number(pageText) < 1) throw new ValidationError([{ field: 'trang', message: 'Trang phải là số nguyên từ 1' }]);
  const page = Number(pageText);
  if (isProcedureMeasureKey(measure)) {
    const all = await proceduresOf(deps, q);
    const rows = all.filter((p) => p.in.has(measure)).map((p) => p.row);
    const def = PROCEDURE_MEASURES[measure];
    return { kind: 'procedures', query: q, measure, label: def.label, formula: def.formula, total: rows.length, page, pageSize, rows: rows.slice((page - 1) * pageSize, page * pageSize) };
  }
  let where;
  let label: string;
  let formula: string;
  let lateUnit: ReportUnit | null = null;
  if (measure === LATE_AT_UNIT) {
    const code = text(input['don-vi-tre']);
    const u = code ? await store.unitByCode(deps.db, code) : undefined;
    if (!u) throw new ValidationError([{ field: 'don-vi-tre', message: code ? `Không có đơn vị mã “${code}”` : 'Chọn đơn vị làm chậm (don-vi-tre)' }]);
    lateUnit = { id: u.id, code: u.code, name: u.name };
    where = store.lateAtUnit(q.window, u.id);
    label = `${LATE_AT_UNIT_DEF.label}: ${u.name}`;
    formula = LATE_AT_UNIT_DEF.formula;
  } else if (isMeasureKey(measure)) {
    where = store.predicates(q.window)[measure];
    label = MEASURES[measure].label;
    formula = MEASURES[measure].formula;
  } else {
    throw new ValidationError([{ field: 'do-do', message: measure ? `Không có số đo “${measure}”` : 'Chọn số đo cần xem (do-do)' }]);
  }
  const r = await store.listDossiers(deps.db, scopeOf(q), q.window, where, { limit: pageSize, offset: (page - 1) * pageSize });
  return { kind: 'dossiers', query: q, measure, label, formula, lateUnit, total: r.total, page, pageSize, rows: r.rows };
}

// ---------------------------------------------------------------------------------------------
// Public figures (no personal data): on-time and online rates by unit
// ---------------------------------------------------------------------------------------------

export interface PublicStatistics {
  period: Period;
  province: { onTime: Rate; online: Rate; received: number; settled: number };
  units: { unitCode: string; unitName: string; received: number; settled: number; onTime: Rate; online: Rate }[];
}

export async function publicStatistics(deps: StatisticsDeps, input: PeriodInput, now = new Date()): Promise<PublicStatistics> {
  const q = await resolveQuery(deps, null, { tu: input.tu, den: input.den, thang: input.thang, quy: input.quy, nam: input.nam }, now);
  const units = await ratesByUnit(deps, q);
  const sum = (f: (u: UnitRates) => number) => units.reduce((s, u) => s + f(u), 0);
  return {
    period: q.period,
    province: {
      received: sum((u) => u.received),
      settled: sum((u) => u.settled),
      onTime: rate(sum((u) => u.onTime.numerator), sum((u) => u.onTime.denominator)),
      online: rate(sum((u) => u.online.numerator), sum((u) => u.online.denominator)),
    },
    units: units.map((u) => ({ unitCode: u.unitCode, unitName: u.unitName, received: u.received, settled: u.settled, onTime: u.onTime, online: u.online })),
  };
}

export async function fields(deps: StatisticsDeps) {
  return store.fieldList(deps.db);
}
