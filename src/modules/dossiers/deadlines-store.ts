// SQL of the deadlines: moving the appointment (optimistic locking on version), the handovers
// that went late, the dossiers and steps at risk, the leaders to tell, and the daily summary's
// once-per-day claim.
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { DB, DossierState } from '../../platform/db/schema';

type Conn = Db | Transaction<DB>;

/** The original legal due date (kept by the first apology) and how often the appointment moved. */
export async function delayOf(conn: Conn, dossierId: string): Promise<{ originalDueAt: Date | null; lateCount: number }> {
  return conn.selectFrom('dossiers').select(['originalDueAt', 'lateCount']).where('id', '=', dossierId).executeTakeFirstOrThrow();
}

/**
 * The new appointment, only if nobody moved the dossier since the actor saw it: the first
 * apology keeps the legal due date in original_due_at, every one counts in late_count.
 */
export async function postpone(trx: Transaction<DB>, v: { id: string; state: DossierState; version: number; dueAt: Date; now: Date }): Promise<boolean> {
  const r = await trx
    .updateTable('dossiers')
    .set((eb) => ({
      dueAt: v.dueAt,
      originalDueAt: eb.fn.coalesce('originalDueAt', 'dueAt'),
      lateCount: eb('lateCount', '+', 1),
      version: v.version + 1,
      updatedAt: v.now,
    }))
    .where('id', '=', v.id)
    .where('state', '=', v.state)
    .where('version', '=', v.version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Handovers of the units that went late: closed with outcome 'late' in [from, to), and still
 * open past their due moment (before `cutoff`), except while a supplement pauses the clock. Each
 * unit's first `perUnit` by due moment, each row with how many its unit has in all.
 */
export async function lateHandovers(conn: Conn, q: { from: Date; to: Date; cutoff: Date; unitIds?: readonly string[] | undefined; perUnit: number }) {
  if (q.unitIds && q.unitIds.length === 0) return [];
  let late = conn
    .selectFrom('dossierHandovers as h')
    .innerJoin('dossiers as d', 'd.id', 'h.dossierId')
    .select([
      'h.id',
      'h.unitId',
      'd.code',
      'd.procedureName',
      'h.stepName',
      'h.startedAt',
      'h.dueAt',
      'h.finishedAt',
      'h.outcome',
      sql<number>`row_number() over (partition by h.unit_id order by h.due_at, h.id)`.as('rank'),
      sql<string>`count(*) over (partition by h.unit_id)`.as('unitTotal'),
    ])
    .where((eb) =>
      eb.or([
        eb.and([eb('h.outcome', '=', 'late'), eb('h.finishedAt', '>=', q.from), eb('h.finishedAt', '<', q.to)]),
        eb.and([eb('h.finishedAt', 'is', null), eb('h.dueAt', '<', q.cutoff), eb('d.state', '!=', 'SUPPLEMENT_REQUESTED')]),
      ]),
    );
  if (q.unitIds) late = late.where('h.unitId', 'in', [...q.unitIds]);
  return conn
    .selectFrom(late.as('l'))
    .innerJoin('units as u', 'u.id', 'l.unitId')
    .select(['l.id', 'l.unitId', 'u.name as unitName', 'l.code', 'l.procedureName', 'l.stepName', 'l.startedAt', 'l.dueAt', 'l.finishedAt', 'l.outcome', 'l.unitTotal'])
    .where('l.rank', '<=', q.perUnit)
    .orderBy('u.name')
    .orderBy('l.unitId')
    .orderBy('l.dueAt')
    .orderBy('l.id')
    .execute();
}

/** Undecided dossiers whose clock runs, due by `horizon` (or already late), by the unit that holds them. */
export async function riskyDossiers(conn: Conn, states: readonly DossierState[], horizon: Date) {
  const rows = await conn
    .selectFrom('dossiers')
    .select(['holderUnitId', 'code', 'procedureName', 'state', 'dueAt'])
    .where('state', 'in', [...states])
    .where('holderUnitId', 'is not', null)
    .where('dueAt', '<=', horizon)
    .orderBy('dueAt')
    .limit(5000)
    .execute();
  return rows.map((r) => ({ unitId: r.holderUnitId!, code: r.code, procedureName: r.procedureName, state: r.state, dueAt: r.dueAt! }));
}

/** Open handovers past their due moment, by the unit working the step (paused dossiers left out). */
export async function overdueSteps(conn: Conn, now: Date) {
  const rows = await conn
    .selectFrom('dossierHandovers as h')
    .innerJoin('dossiers as d', 'd.id', 'h.dossierId')
    .select(['h.unitId', 'd.code', 'h.stepName', 'h.dueAt'])
    .where('h.finishedAt', 'is', null)
    .where('h.dueAt', '<', now)
    .where('d.state', '!=', 'SUPPLEMENT_REQUESTED')
    .orderBy('h.dueAt')
    .limit(5000)
    .execute();
  return rows.map((r) => ({ unitId: r.unitId, code: r.code, stepName: r.stepName, dueAt: r.dueAt! }));
}

/** The active leaders of the units, with how to reach them. */
export async function leadersOf(conn: Conn, unitIds: readonly string[]) {
  if (unitIds.length === 0) return [];
  return conn
    .selectFrom('accounts')
    .select(['id', 'unitId', 'fullName', 'email', 'phone'])
    .where('role', '=', 'leader')
    .where('status', '=', 'active')
    .where('unitId', 'in', [...unitIds])
    .orderBy('username')
    .execute();
}

export async function unitNames(conn: Conn, unitIds: readonly string[]): Promise<Map<string, string>> {
  if (unitIds.length === 0) return new Map();
  const rows = await conn.selectFrom('units').select(['id', 'name']).where('id', 'in', [...unitIds]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Claims the unit's summary of the day; false when it was already sent (another run, a retry). */
export async function claimDigest(trx: Transaction<DB>, d: { unitId: string; day: string; dossierCount: number; stepCount: number }): Promise<boolean> {
  const r = await sql<{ unitId: string }>`
    insert into deadline_digests (unit_id, day, dossier_count, step_count)
    values (${d.unitId}, ${d.day}, ${d.dossierCount}, ${d.stepCount})
    on conflict (unit_id, day) do nothing
    returning unit_id`.execute(trx);
  return r.rows.length === 1;
}
