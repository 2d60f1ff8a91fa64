// The SQL of the statistics: one predicate per measure (PREDICATES), used by the count (one
// scan with count(*) filter (where …) per measure), by the drill-down list and by the counts
// by unit, so a figure and the list behind it cannot disagree. Plain SQL that PostgreSQL 15
// and PGlite both run; no time-zone database needed (Vietnam is UTC+7 all year).
// What a dossier's other tables say of it (has files, a result document, the events of its
// history, when it was withdrawn or cancelled, its earliest late step) is read from the facts
// the triggers of migration 0017 keep on the dossier, not from a sub-query per dossier: a
// year of a million dossiers is one scan of dossiers (bench/reports.ts).
import { type RawBuilder, sql, type Transaction } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { DB, DossierState } from '../../platform/db/schema';
import { type MeasureKey, MEASURE_KEYS, type OfficeClock, type Window } from './model';

type Cond = RawBuilder<unknown>;

/** Which dossiers a report reads: the lead units (null: the whole province), a field, a procedure. */
export interface Scope {
  unitIds: readonly string[] | null;
  fieldCode?: string | undefined;
  procedureCode?: string | undefined;
}

const and = (...parts: Cond[]): Cond => sql`(${sql.join(parts, sql` and `)})`;
const or = (...parts: Cond[]): Cond => sql`(${sql.join(parts, sql` or `)})`;

const SETTLED_AT = sql`coalesce(d.decided_at, d.delivered_at)`;
const LEGAL_DUE = sql`coalesce(d.original_due_at, d.due_at)`;
const LEAD_UNIT = sql`coalesce(d.lead_unit_id, d.receiving_unit_id)`;

function between(column: Cond, w: Window): Cond {
  return sql`(${column} >= ${w.start} and ${column} < ${w.end})`;
}

/** The dossier changed to `state` within the period (a dossier counts once, however often). */
function movedTo(state: DossierState, w: Window): Cond {
  return sql`d.id in (select e.dossier_id from dossier_events e where e.to_state = ${state} and e.at >= ${w.start} and e.at < ${w.end})`;
}

/** A step of Mẫu 05 (alias h) past its due moment at the cutoff: finished late, or still open after it. */
function lateStep(w: Window): Cond {
  return sql`(h.due_at < ${w.cutoff} and (h.finished_at is null or h.finished_at > h.due_at))`;
}

/** catalogue/model.ts isFree, negated, over the rules of the procedure as it is now (not correlated: computed once per query). */
const FEE_BEARING = sql`d.procedure_id in (select fp.id from procedures fp, jsonb_array_elements(case when jsonb_typeof(fp.record->'fees') = 'array' then fp.record->'fees' else '[]'::jsonb end) f
  where (f->>'type' = 'by_resolution'
    or (f->>'type' = 'fixed' and coalesce((f->>'amount')::numeric, 0) > 0)
    or (f->>'type' = 'per_copy' and coalesce((f->>'amountPerCopy')::numeric, 0) > 0)
    or (f->>'type' = 'per_page' and (coalesce((f->>'firstPagesPrice')::numeric, 0) > 0 or coalesce((f->>'laterPagesPrice')::numeric, 0) > 0))))`;

/** An applicant with an account who had submitted an earlier dossier with files: documents to take again. */
/** (A per-dossier fact kept by triggers, 0026: the sub-query over the applicant's other dossiers took minutes at a million.) */
const REUSE_POSSIBLE = sql`d.reuse_possible`;

/** The definition of every measure, in SQL over `dossiers d`. */
export function predicates(w: Window): Record<MeasureKey, Cond> {
  const received = between(sql`d.received_at`, w);
  // the applicant themself, or a member of the organisation's staff acting for it (not an officer)
  const selfOnline = sql`(d.channel = 'online' and d.submitted_by is not null and (d.submitted_by = d.applicant_id or coalesce(d.acting_for->>'capacity', '') = 'staff'))`;
  const settled = between(SETTLED_AT, w);
  const onTime = sql`(${LEGAL_DUE} is null or ${SETTLED_AT} <= ${LEGAL_DUE})`;
  const inProgress = and(
    sql`d.received_at < ${w.cutoff}`,
    sql`(${SETTLED_AT} is null or ${SETTLED_AT} >= ${w.cutoff})`,
    sql`not (d.state in ('WITHDRAWN', 'CANCELLED') and d.withdrawn_cancelled_at is not null and d.withdrawn_cancelled_at < ${w.cutoff})`,
  );
  const paused = sql`exists (select 1 from jsonb_array_elements(d.pauses) p where (p->>'start')::timestamptz < ${w.cutoff} and (p->>'end' is null or (p->>'end')::timestamptz > ${w.cutoff}))`;
  const overdue = and(inProgress, sql`not ${paused}`, sql`${LEGAL_DUE} < ${w.cutoff}`);
  const settledLate = and(settled, sql`not ${onTime}`);
  const lateTotal = or(settledLate, overdue);
  const delivered = between(sql`d.delivered_at`, w);
  const rated = and(delivered, sql`d.rating is not null`);
  const settledResult = and(settled, sql`d.outcome = 'result'`);
  return {
    submitted: between(sql`d.submitted_at`, w),
    received,
    received_online_self: and(received, selfOnline),
    received_online_assisted: and(received, sql`d.channel = 'online'`, sql`not ${selfOnline}`),
    received_counter: and(received, sql`d.channel = 'counter'`),
    received_post: and(received, sql`d.channel = 'post'`),
    received_national_portal: and(received, sql`d.channel = 'national_portal'`),
    settled,
    settled_on_time: and(settled, onTime),
    settled_late: settledLate,
    settled_result: settledResult,
    refused_after_processing: and(settled, sql`d.outcome = 'refusal'`),
    in_progress: inProgress,
    in_progress_on_track: and(inProgress, sql`not ${paused}`, sql`(${LEGAL_DUE} is null or ${LEGAL_DUE} >= ${w.cutoff})`),
    in_progress_overdue: overdue,
    in_progress_paused: and(inProgress, paused),
    returned_for_completion: movedTo('RETURNED_FOR_COMPLETION', w),
    supplement_requested: movedTo('SUPPLEMENT_REQUESTED', w),
    rejected_at_reception: movedTo('REJECTED_AT_RECEPTION', w),
    withdrawn: movedTo('WITHDRAWN', w),
    cancelled: movedTo('CANCELLED', w),
    late_total: lateTotal,
    late_with_apology: and(lateTotal, sql`d.late_count > 0`),
    late_unattributed: and(lateTotal, sql`(d.late_step_due_at is null or d.late_step_due_at >= ${w.cutoff})`),
    delivered,
    rated,
    rated_satisfied: and(rated, sql`d.rating >= 4`),
    digitised: and(received, sql`d.has_files`),
    result_electronic: and(settledResult, sql`d.has_result_document`),
    // TTTT: the procedure version's fee rules charge something (catalogue isFree, in SQL), and the fee was paid online
    fee_bearing: and(received, FEE_BEARING),
    paid_online: and(received, FEE_BEARING, sql`d.fee_paid_at is not null`),
    // MDSH: the applicant had given documents in an earlier dossier; this dossier took at least one again
    reuse_possible: and(received, REUSE_POSSIBLE),
    reused: and(received, REUSE_POSSIBLE, sql`d.id in (select rf.dossier_id from dossier_files rf where rf.reused_from is not null or rf.reused_document_id is not null)`),
    full_history: and(received, sql`d.has_received_event`, or(sql`d.decided_at is null`, sql`d.has_decision_event`), or(sql`d.delivered_at is null`, sql`d.has_delivered_event`)),
  };
}

/** Late dossiers with a late step at one unit (the drill-down of "late by the unit at fault"). */
export function lateAtUnit(w: Window, unitId: string): Cond {
  return and(predicates(w).late_total, sql`d.id in (select h.dossier_id from dossier_handovers h where h.unit_id = ${unitId} and ${lateStep(w)})`);
}

/**
 * The dossiers a report may count at all: the scope, and a pure narrowing every measure
 * implies (submitted before the end; not settled and delivered before the start).
 */
function base(scope: Scope, w: Window): Cond {
  const parts: Cond[] = [sql`d.submitted_at < ${w.end}`, sql`(coalesce(d.delivered_at, d.decided_at) is null or coalesce(d.delivered_at, d.decided_at) >= ${w.start})`];
  if (scope.unitIds) parts.push(scope.unitIds.length === 0 ? sql`false` : sql`${LEAD_UNIT} in (${sql.join([...scope.unitIds])})`);
  if (scope.fieldCode) parts.push(sql`d.procedure_id in (select pr.id from procedures pr where pr.field_code = ${scope.fieldCode})`);
  if (scope.procedureCode) parts.push(sql`d.procedure_code = ${scope.procedureCode}`);
  return and(...parts);
}

function counters(w: Window, keys: readonly MeasureKey[]): Cond {
  const p = predicates(w);
  // aliases m0, m1…: result keys pass through the CamelCasePlugin unchanged
  return sql.join(keys.map((k, i) => sql`count(*) filter (where ${p[k]}) as ${sql.raw(`m${i}`)}`));
}

function countsOf(row: Record<string, unknown>, keys: readonly MeasureKey[]): Record<MeasureKey, number> {
  return Object.fromEntries(keys.map((k, i) => [k, Number(row[`m${i}`])])) as Record<MeasureKey, number>;
}

/** Every measure in one scan. */
export async function countMeasures(db: Db, scope: Scope, w: Window): Promise<Record<MeasureKey, number>> {
  const r = await sql<Record<string, unknown>>`select ${counters(w, MEASURE_KEYS)} from dossiers d where ${base(scope, w)}`.execute(db);
  return countsOf(r.rows[0]!, MEASURE_KEYS);
}

/** Some measures by lead unit (units with no dossier are absent). */
export async function countByUnit(db: Db, scope: Scope, w: Window, keys: readonly MeasureKey[]): Promise<{ unitId: string; counts: Record<MeasureKey, number> }[]> {
  const r = await sql<Record<string, unknown>>`
    select ${LEAD_UNIT} as unit, ${counters(w, keys)} from dossiers d where ${base(scope, w)} group by 1`.execute(db);
  return r.rows.map((row) => ({ unitId: String(row.unit), counts: countsOf(row, keys) }));
}

/**
 * Late dossiers by the unit whose step went late (a dossier may count for several units), in
 * no particular order (the service sorts: the same order whether read at once or by a job's steps).
 */
export async function lateByUnit(db: Db, scope: Scope, w: Window): Promise<{ unitId: string; unitName: string; code: string; dossiers: number }[]> {
  const r = await sql<{ unitId: string; name: string; code: string; n: string | number }>`
    select h.unit_id, u.name, u.code, count(distinct d.id) as n
    from dossiers d join dossier_handovers h on h.dossier_id = d.id join units u on u.id = h.unit_id
    where ${base(scope, w)} and ${predicates(w).late_total} and ${lateStep(w)}
    group by h.unit_id, u.name, u.code`.execute(db);
  return r.rows.map((row) => ({ unitId: row.unitId, unitName: row.name, code: row.code, dossiers: Number(row.n) }));
}

export interface DossierRow {
  code: string;
  procedureCode: string;
  procedureName: string;
  unitName: string | null;
  channel: string;
  state: DossierState;
  submittedAt: Date;
  receivedAt: Date | null;
  dueAt: Date | null;
  settledAt: Date | null;
  deliveredAt: Date | null;
  rating: number | null;
  pauses: { start: string; end: string | null }[];
}

/** The dossiers behind a figure, newest first, a page at a time, with how many there are. */
export async function listDossiers(db: Db, scope: Scope, w: Window, where: Cond, page: { limit: number; offset: number }): Promise<{ total: number; rows: DossierRow[] }> {
  const total = await sql<{ n: string | number }>`select count(*) as n from dossiers d where ${base(scope, w)} and ${where}`.execute(db);
  const rows = await sql<Record<string, unknown>>`
    select d.code, d.procedure_code, d.procedure_name, u.name as unit_name, d.channel, d.state, d.submitted_at, d.received_at,
           ${LEGAL_DUE} as due_at, ${SETTLED_AT} as settled_at, d.delivered_at, d.rating, d.pauses
    from dossiers d left join units u on u.id = ${LEAD_UNIT}
    where ${base(scope, w)} and ${where}
    order by coalesce(d.received_at, d.submitted_at) desc, d.code
    limit ${page.limit} offset ${page.offset}`.execute(db);
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string | Date));
  return {
    total: Number(total.rows[0]!.n),
    rows: rows.rows.map((r) => ({
      code: String(r.code),
      procedureCode: String(r.procedureCode),
      procedureName: String(r.procedureName),
      unitName: (r.unitName as string | null) ?? null,
      channel: String(r.channel),
      state: r.state as DossierState,
      submittedAt: date(r.submittedAt)!,
      receivedAt: date(r.receivedAt),
      dueAt: date(r.dueAt),
      settledAt: date(r.settledAt),
      deliveredAt: date(r.deliveredAt),
      rating: r.rating === null ? null : Number(r.rating),
      pauses: (typeof r.pauses === 'string' ? JSON.parse(r.pauses) : r.pauses) as { start: string; end: string | null }[],
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Processing time in working days
// ---------------------------------------------------------------------------------------------

const VIETNAM_OFFSET_S = 7 * 3600;

/** When the oldest dossier settled in the period was received (the office clock must reach back to it). */
export async function firstReceipt(db: Db, scope: Scope, w: Window): Promise<Date | null> {
  const r = await sql<{ m: Date | string | null }>`select min(d.received_at) as m from dossiers d where ${base(scope, w)} and ${predicates(w).settled}`.execute(db);
  const m = r.rows[0]?.m;
  return m ? new Date(m) : null;
}

/** When the first dossier of all was received (min over the received_at index). */
export async function firstReceiptEver(db: Db): Promise<Date | null> {
  const r = await sql<{ m: Date | string | null }>`select min(d.received_at) as m from dossiers d`.execute(db);
  const m = r.rows[0]?.m;
  return m ? new Date(m) : null;
}

function dayNumber(ymd: string): number {
  return Date.parse(`${ymd}T00:00:00Z`) / 86_400_000;
}

/**
 * clock(t), the office minutes before the moment t (see model.officeClock): the array entry of
 * t's day in Vietnam plus, on a working day, the office minutes of that day up to t.
 */
function clockAt(t: Cond, firstDay: number, periods: readonly { start: number; end: number }[]): Cond {
  const local = sql`(extract(epoch from ${t}) + ${sql.lit(VIETNAM_OFFSET_S)})`;
  const day = sql`floor(${local} / 86400)::int`;
  const index = sql`(${day} - ${sql.lit(firstDay)} + 1)`;
  const minute = sql`((${local} - ${day}::numeric * 86400) / 60.0)`;
  const office = sql.join(
    periods.map((p) => sql`greatest(0, least(${minute}, ${sql.lit(p.end)}) - ${sql.lit(p.start)})`),
    sql` + `,
  );
  return sql`(c.before[${index}] + c.working[${index}] * (${office}))`;
}

/**
 * Office minutes from receipt to decision, supplement pauses within them taken out, summed
 * over the dossiers settled in the period, and how many they are.
 */
export async function processingMinutes(db: Db, scope: Scope, w: Window, clock: OfficeClock, periods: readonly { start: number; end: number }[]): Promise<{ dossiers: number; minutes: string }> {
  const first = dayNumber(clock.firstDay);
  const at = (t: Cond) => clockAt(t, first, periods);
  const pauseEnd = sql`least(coalesce((p->>'end')::timestamptz, ${SETTLED_AT}), ${SETTLED_AT})`;
  const pauseStart = sql`greatest((p->>'start')::timestamptz, d.received_at)`;
  // most dossiers never paused: skip the per-row sub-query for them (its sum would be 0)
  const paused = sql`(case when d.pauses = '[]'::jsonb then 0 else (select coalesce(sum(greatest(0, ${at(pauseEnd)} - ${at(pauseStart)})), 0) from jsonb_array_elements(d.pauses) p) end)`;
  // the exact numeric sum as text: the sums of a job's steps add up to it digit for digit
  const r = await sql<{ n: string | number; m: string }>`
    with c as (select ${`{${clock.before.join(',')}}`}::int[] as before, ${`{${clock.working.join(',')}}`}::int[] as working)
    select count(*) as n, coalesce(sum(greatest(0, ${at(SETTLED_AT)} - ${at(sql`d.received_at`)} - ${paused})), 0)::text as m
    from dossiers d cross join c
    where ${base(scope, w)} and ${predicates(w).settled}`.execute(db);
  return { dossiers: Number(r.rows[0]!.n), minutes: String(r.rows[0]!.m) };
}

// ---------------------------------------------------------------------------------------------
// Reference data
// ---------------------------------------------------------------------------------------------

export async function unitByCode(db: Db, code: string) {
  return db.selectFrom('units').select(['id', 'code', 'name', 'kind', 'parentId', 'validFrom', 'validTo']).where('code', '=', code).executeTakeFirst();
}

export async function unitById(db: Db, id: string) {
  return db.selectFrom('units').select(['id', 'code', 'name', 'kind', 'parentId', 'validFrom', 'validTo']).where('id', '=', id).executeTakeFirst();
}

export async function provinceUnit(db: Db) {
  return db.selectFrom('units').select(['id', 'code', 'name', 'kind', 'parentId', 'validFrom', 'validTo']).where('kind', '=', 'ubnd_tinh').orderBy('validFrom').executeTakeFirst();
}

export async function unitsIn(db: Db, ids: readonly string[] | null) {
  let q = db.selectFrom('units').select(['id', 'code', 'name', 'kind']);
  if (ids) {
    if (ids.length === 0) return [];
    q = q.where('id', 'in', [...ids]);
  }
  return q.execute();
}

export async function fieldByCode(db: Db, code: string) {
  return db.selectFrom('fields').select(['code', 'name']).where('code', '=', code).executeTakeFirst();
}

export async function procedureByCode(db: Db, code: string) {
  return db.selectFrom('procedures').select(['code', 'name', 'fieldCode']).where('code', '=', code).executeTakeFirst();
}

export async function fieldList(db: Db) {
  return db.selectFrom('fields').select(['code', 'name']).orderBy('name').execute();
}

/** The catalogue as the procedure measures read it. */
export async function procedureRecords(db: Db) {
  return db.selectFrom('procedures').select(['code', 'name', 'fieldCode', 'status', 'onlineLevel', 'record']).orderBy('code').execute();
}

/** Every unit's id, by code: the lead units of a province-wide job. */
export async function allUnitIds(db: Db): Promise<string[]> {
  return (await db.selectFrom('units').select('id').orderBy('code').execute()).map((u) => u.id);
}

// ---------------------------------------------------------------------------------------------
// Report runs (migration 0023): long reports as background jobs
// ---------------------------------------------------------------------------------------------

/** The current data version: moves on with every statement that writes what the reports read. */
export async function dataVersion(db: Db | Transaction<DB>): Promise<string> {
  const r = await sql<{ v: string }>`select (last_value + case when is_called then 1 else 0 end)::text as v from report_data_version`.execute(db);
  return String(r.rows[0]!.v);
}

export interface RunRow {
  id: string;
  report: 'statistics' | 'indicators';
  paramsKey: string;
  params: Record<string, string>;
  requestedAt: Date;
  dataVersion: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  unitsDone: number;
  unitsTotal: number;
  result: Record<string, unknown> | null;
  error: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

function runColumns() {
  return [
    'id',
    'report',
    'paramsKey',
    'params',
    'requestedAt',
    sql<string>`data_version::text`.as('dataVersion'),
    'status',
    'unitsDone',
    'unitsTotal',
    'result',
    'error',
    'createdAt',
    'updatedAt',
    'finishedAt',
  ] as const;
}

function runOf(r: Record<string, unknown>): RunRow {
  const json = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as Record<string, unknown>) : (v as Record<string, unknown> | null));
  return {
    ...(r as unknown as RunRow),
    params: json(r.params) as Record<string, string>,
    result: r.result === null || r.result === undefined ? null : json(r.result),
    requestedAt: new Date(r.requestedAt as string),
    createdAt: new Date(r.createdAt as string),
    updatedAt: new Date(r.updatedAt as string),
    finishedAt: r.finishedAt ? new Date(r.finishedAt as string) : null,
  };
}

export async function runById(db: Db | Transaction<DB>, id: string): Promise<RunRow | undefined> {
  const r = await db.selectFrom('reportRuns').select(runColumns()).where('id', '=', id).executeTakeFirst();
  return r ? runOf(r) : undefined;
}

/** The latest run of a report with these parameters. */
export async function latestRun(db: Db | Transaction<DB>, paramsKey: string): Promise<RunRow | undefined> {
  const r = await db.selectFrom('reportRuns').select(runColumns()).where('paramsKey', '=', paramsKey).orderBy('createdAt', 'desc').limit(1).executeTakeFirst();
  return r ? runOf(r) : undefined;
}

export interface NewRun {
  report: 'statistics' | 'indicators';
  paramsKey: string;
  params: Record<string, string>;
  requestedAt: Date;
  dataVersion: string;
  unitsTotal: number;
  requestedBy: string | null;
}

/** A queued run, or undefined when one of the same key is already queued or running. */
export async function insertRun(trx: Transaction<DB>, run: NewRun): Promise<string | undefined> {
  const r = await trx
    .insertInto('reportRuns')
    .values({ ...run, params: JSON.stringify(run.params) })
    // the index's own predicate, written out (not parameters) so that PostgreSQL infers the index
    .onConflict((oc) => oc.column('paramsKey').where(sql<boolean>`status in ('queued', 'running')`).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id;
}

/** Marks the queued or running runs of a key that have not moved since `stalledBefore` as failed. */
export async function abandonRuns(trx: Transaction<DB>, paramsKey: string, message: string, stalledBefore: Date): Promise<void> {
  await trx
    .updateTable('reportRuns')
    .set({ status: 'failed', error: message, finishedAt: new Date() })
    .where('paramsKey', '=', paramsKey)
    .where('status', 'in', ['queued', 'running'])
    .where('updatedAt', '<', stalledBefore)
    .execute();
}

/** Takes a queued run for a worker; false when it was taken already or given up. */
export async function startRun(db: Db, id: string): Promise<boolean> {
  const r = await db.updateTable('reportRuns').set({ status: 'running', updatedAt: new Date() }).where('id', '=', id).where('status', '=', 'queued').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function progressRun(db: Db, id: string, unitsDone: number): Promise<void> {
  await db.updateTable('reportRuns').set({ unitsDone, updatedAt: new Date() }).where('id', '=', id).where('status', '=', 'running').execute();
}

export async function finishRun(db: Db, id: string, result: Record<string, unknown>): Promise<void> {
  const now = new Date();
  await db.updateTable('reportRuns').set({ status: 'done', result: JSON.stringify(result), updatedAt: now, finishedAt: now }).where('id', '=', id).where('status', '=', 'running').execute();
}

export async function failRun(db: Db, id: string, message: string): Promise<void> {
  const now = new Date();
  await db.updateTable('reportRuns').set({ status: 'failed', error: message, updatedAt: now, finishedAt: now }).where('id', '=', id).where('status', 'in', ['queued', 'running']).execute();
}

/** Runs older than `before` are deleted (the figures can always be asked for again). */
export async function pruneRuns(trx: Transaction<DB>, before: Date): Promise<void> {
  await trx.deleteFrom('reportRuns').where('createdAt', '<', before).execute();
}
