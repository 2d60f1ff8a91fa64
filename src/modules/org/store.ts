import type { Db } from '../../platform/db/connect';
import type { Succession, Unit } from './model';

const unitColumns = ['id', 'code', 'name', 'kind', 'tier', 'parentId', 'eid', 'address', 'phone', 'email', 'validFrom', 'validTo'] as const;

export async function allUnits(db: Db): Promise<Unit[]> {
  return db.selectFrom('units').select(unitColumns).execute();
}

export async function unitByCode(db: Db, code: string): Promise<Unit | undefined> {
  return db.selectFrom('units').select(unitColumns).where('code', '=', code).executeTakeFirst();
}

export async function unitById(db: Db, id: string): Promise<Unit | undefined> {
  return db.selectFrom('units').select(unitColumns).where('id', '=', id).executeTakeFirst();
}

export async function allSuccessions(db: Db): Promise<Succession[]> {
  return db.selectFrom('unitSuccessions').select(['predecessorId', 'successorId', 'effectiveDate', 'kind', 'legalBasis', 'note']).execute();
}

/** Ids of a unit and all units below it, by a recursive query. */
export async function subtreeIds(db: Db, rootId: string): Promise<string[]> {
  const rows = await db
    .withRecursive('tree(id)', (qb) =>
      qb
        .selectFrom('units')
        .select('id')
        .where('id', '=', rootId)
        .unionAll((q) => q.selectFrom('units').innerJoin('tree', 'tree.id', 'units.parentId').select('units.id')),
    )
    .selectFrom('tree')
    .select('id')
    .execute();
  return rows.map((r) => r.id);
}

export interface NewUnit {
  code: string;
  name: string;
  kind: Unit['kind'];
  tier: Unit['tier'];
  parentCode?: string;
  eid?: string;
  address?: string;
  phone?: string;
  email?: string;
  validFrom: string;
  validTo?: string;
}

export async function insertUnits(db: Db, units: NewUnit[]): Promise<void> {
  const ids = new Map<string, string>();
  for (const u of units) {
    const parentId = u.parentCode ? ids.get(u.parentCode) ?? (await unitByCode(db, u.parentCode))?.id : null;
    if (u.parentCode && !parentId) throw new Error(`unknown parent unit ${u.parentCode} of ${u.code}`);
    const row = await db
      .insertInto('units')
      .values({
        code: u.code,
        name: u.name,
        kind: u.kind,
        tier: u.tier,
        parentId: parentId ?? null,
        eid: u.eid ?? null,
        address: u.address ?? null,
        phone: u.phone ?? null,
        email: u.email ?? null,
        validFrom: u.validFrom,
        validTo: u.validTo ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(u.code, row.id);
  }
}

export interface NewSuccession {
  from: string;
  to: string;
  effectiveDate: string;
  kind: Succession['kind'];
  legalBasis?: string;
  note?: string;
}

export async function insertSuccessions(db: Db, list: NewSuccession[]): Promise<void> {
  for (const s of list) {
    const from = await unitByCode(db, s.from);
    const to = await unitByCode(db, s.to);
    if (!from || !to) throw new Error(`unknown unit in succession ${s.from} → ${s.to}`);
    await db
      .insertInto('unitSuccessions')
      .values({ predecessorId: from.id, successorId: to.id, effectiveDate: s.effectiveDate, kind: s.kind, legalBasis: s.legalBasis ?? null, note: s.note ?? null })
      .execute();
  }
}
