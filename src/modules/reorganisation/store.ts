// The SQL of the reorganisation. A reorganisation moves other modules' rows (dossiers, their
// handovers and events, drafts, workflows, accounts, units) in one transaction, so this store
// reads and writes those tables directly; the catalogue's procedures go through its service.
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { DB, DossierState, Tier, UnitKind } from '../../platform/db/schema';

type Conn = Db | Transaction<DB>;

/** Dossier states in which nobody works on the dossier any more. */
const CLOSED: DossierState[] = ['REJECTED_AT_RECEPTION', 'WITHDRAWN', 'CANCELLED', 'DELIVERED', 'DRAFT'];

export async function procedures(conn: Conn) {
  return conn.selectFrom('procedures').select(['id', 'code', 'name', 'record']).orderBy('code').execute();
}

/** Open dossiers received or held by one of the units. */
export async function openDossiersAt(conn: Conn, unitIds: string[], forUpdate = false) {
  if (unitIds.length === 0) return [];
  let q = conn
    .selectFrom('dossiers')
    .select(['id', 'code', 'state', 'procedureCode', 'procedureName', 'receivingUnitId', 'holderUnitId', 'dueAt', 'workflow', 'version'])
    .where('state', 'not in', CLOSED)
    .where((eb) => eb.or([eb('receivingUnitId', 'in', unitIds), eb('holderUnitId', 'in', unitIds)]))
    .orderBy('code');
  if (forUpdate) q = q.forUpdate();
  return q.execute();
}

/** Open dossiers whose own copy of the workflow names one of the old units by code (a later step there). */
export async function openDossiersNaming(conn: Conn, codes: string[]) {
  if (codes.length === 0) return [];
  return conn
    .selectFrom('dossiers')
    .select(['id', 'code', 'state', 'procedureCode', 'procedureName', 'receivingUnitId', 'holderUnitId', 'dueAt', 'workflow', 'version'])
    .where('state', 'not in', CLOSED)
    .where('workflow', 'is not', null)
    .where(sql<boolean>`exists (select 1 from jsonb_array_elements(dossiers.workflow) s where s->'unit'->>'at' = 'unit' and s->'unit'->>'code' in (${sql.join(codes)}))`)
    .orderBy('code')
    .execute();
}

/** Mẫu 05 rows still open (the step a unit is working on): the units' work queues. */
export async function openHandoversAt(conn: Conn, unitIds: string[]) {
  if (unitIds.length === 0) return [];
  return conn
    .selectFrom('dossierHandovers as h')
    .innerJoin('dossiers as d', 'd.id', 'h.dossierId')
    .select(['h.id', 'h.dossierId', 'd.code as dossierCode', 'h.stepKey', 'h.stepName', 'h.unitId', 'h.role', 'h.startedAt', 'h.dueAt', 'h.assigneeId'])
    .where('h.finishedAt', 'is', null)
    .where('h.unitId', 'in', unitIds)
    .orderBy('h.id')
    .execute();
}

/** Citizens' drafts addressed to one of the units (they could not be submitted there any more). */
export async function draftsAt(conn: Conn, unitIds: string[]) {
  if (unitIds.length === 0) return [];
  return conn.selectFrom('drafts').select(['id', 'procedureCode', 'receivingUnitId']).where('receivingUnitId', 'in', unitIds).orderBy('createdAt').execute();
}

/** The latest version of every procedure's workflow. */
export async function latestWorkflows(conn: Conn) {
  return conn
    .selectFrom('workflows as w')
    .select(['w.procedureCode', 'w.version', 'w.steps'])
    .where(({ eb, selectFrom }) => eb('w.version', '=', selectFrom('workflows as x').select((e) => e.fn.max('x.version').as('m')).whereRef('x.procedureCode', '=', 'w.procedureCode')))
    .orderBy('w.procedureCode')
    .execute();
}

export async function accountsAt(conn: Conn, unitIds: string[]) {
  if (unitIds.length === 0) return [];
  return conn.selectFrom('accounts').select(['id', 'username', 'fullName', 'role', 'unitId']).where('unitId', 'in', unitIds).orderBy('username').execute();
}

export async function successions(conn: Conn) {
  return conn.selectFrom('unitSuccessions').select(['predecessorId', 'successorId']).execute();
}

export async function lastApplied(conn: Conn, digest: string) {
  return conn.selectFrom('reorganisations').select(['id', 'appliedAt', 'summary']).where('digest', '=', digest).orderBy('appliedAt', 'desc').executeTakeFirst();
}

export async function history(conn: Conn) {
  return conn.selectFrom('reorganisations').select(['id', 'title', 'effectiveDate', 'appliedAt', 'summary']).orderBy('appliedAt', 'desc').limit(20).execute();
}

// ---------------------------------------------------------------------------------------------
// Writes (inside the apply's transaction)
// ---------------------------------------------------------------------------------------------

/** Two applies at once wait for each other (the same lock key on every process). */
export async function lock(trx: Transaction<DB>): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('reorganisation'))`.execute(trx);
}

export async function insertUnit(trx: Transaction<DB>, u: { code: string; name: string; kind: UnitKind; tier: Tier; parentId: string | null; eid: string | null; address: string | null; validFrom: string }): Promise<string> {
  const row = await trx
    .insertInto('units')
    .values({ code: u.code, name: u.name, kind: u.kind, tier: u.tier, parentId: u.parentId, eid: u.eid, address: u.address, phone: null, email: null, validFrom: u.validFrom, validTo: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function endUnit(trx: Transaction<DB>, id: string, validTo: string): Promise<void> {
  await trx.updateTable('units').set({ validTo }).where('id', '=', id).execute();
}

export async function insertSuccession(trx: Transaction<DB>, s: { predecessorId: string; successorId: string; effectiveDate: string; kind: 'merge' | 'split' | 'rename' | 'transfer'; legalBasis: string | null; note: string | null }): Promise<void> {
  await trx.insertInto('unitSuccessions').values(s).execute();
}

export async function insertWorkflowVersion(trx: Transaction<DB>, procedureCode: string, version: number, steps: unknown, createdBy: string | null): Promise<void> {
  await trx.insertInto('workflows').values({ procedureCode, version, steps: JSON.stringify(steps), createdBy }).execute();
}

/**
 * Moves an open dossier to the successors of its units. The due date is not touched. The lead
 * unit (who the statistics count the dossier for) is pinned to the unit that stood in until
 * now, so figures of periods before the date do not change when the dossier moves.
 */
export async function moveDossier(trx: Transaction<DB>, id: string, to: { receivingUnitId: string; holderUnitId: string | null; workflow: unknown }): Promise<void> {
  await sql`
    update dossiers set
      lead_unit_id = coalesce(lead_unit_id, receiving_unit_id),
      receiving_unit_id = ${to.receivingUnitId},
      holder_unit_id = ${to.holderUnitId},
      workflow = ${to.workflow === null || to.workflow === undefined ? null : JSON.stringify(to.workflow)}::jsonb,
      version = version + 1,
      updated_at = now()
    where id = ${id}`.execute(trx);
}

/**
 * Closes the old unit's open Mẫu 05 row at the moment of the move (its unit, start and due date
 * stay) and opens the successor's with the same step, due date and specialist (whose account
 * moves with the unit).
 */
export async function handOverRow(trx: Transaction<DB>, h: { id: number; dossierId: string; stepKey: string; stepName: string; role: string; dueAt: Date | null; assigneeId?: string | null }, toUnitId: string, now: Date, actorId: string | null, outcome: 'early' | 'on_time' | 'late'): Promise<void> {
  await trx.updateTable('dossierHandovers').set({ finishedAt: now, finishedBy: actorId, outcome }).where('id', '=', h.id).execute();
  await trx
    .insertInto('dossierHandovers')
    .values({ dossierId: h.dossierId, stepKey: h.stepKey, stepName: h.stepName, unitId: toUnitId, role: h.role, startedAt: now, dueAt: h.dueAt, assigneeId: h.assigneeId ?? null })
    .execute();
}

export async function moveDraft(trx: Transaction<DB>, id: string, unitId: string): Promise<void> {
  await trx.updateTable('drafts').set({ receivingUnitId: unitId }).where('id', '=', id).execute();
}

export async function moveAccount(trx: Transaction<DB>, id: string, unitId: string): Promise<void> {
  await trx.updateTable('accounts').set({ unitId }).where('id', '=', id).execute();
}

export async function insertReorganisation(trx: Transaction<DB>, r: { effectiveDate: string; title: string; digest: string; mapping: unknown; summary: Record<string, number>; appliedBy: string | null }): Promise<string> {
  const row = await trx
    .insertInto('reorganisations')
    .values({ effectiveDate: r.effectiveDate, title: r.title, digest: r.digest, mapping: JSON.stringify(r.mapping), summary: JSON.stringify(r.summary), appliedBy: r.appliedBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
