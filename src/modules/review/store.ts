// SQL for the yearly review's tables (migration 0010_review.sql).
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { DB } from '../../platform/db/schema';
import type { ItemDecision, ListState, Proposal } from './model';

type Conn = Db | Transaction<DB>;

export interface ReviewRow {
  id: string;
  year: number;
  asOf: string;
  openedAt: Date;
}

export interface ListRow {
  id: string;
  reviewId: string;
  year: number;
  unitId: string;
  unitCode: string;
  unitName: string;
  state: ListState;
  version: number;
  revisionReason: string | null;
  updatedAt: Date;
}

export interface ItemRow extends ItemDecision {
  id: string;
  listId: string;
  position: number;
  procedureId: string;
  procedureCode: string;
  procedureName: string;
  legacyLevel: number;
  onlineLevel: 'toan_trinh' | 'mot_phan' | 'none';
  noFee: boolean;
  proposal: Proposal | null;
  flagged: boolean;
  catalogueVersion: number | null;
}

export async function reviews(conn: Conn): Promise<ReviewRow[]> {
  return conn.selectFrom('reviews').select(['id', 'year', 'asOf', 'openedAt']).orderBy('year', 'desc').execute();
}

export async function reviewByYear(conn: Conn, year: number): Promise<ReviewRow | undefined> {
  return conn.selectFrom('reviews').select(['id', 'year', 'asOf', 'openedAt']).where('year', '=', year).executeTakeFirst();
}

export async function insertReview(trx: Transaction<DB>, r: { year: number; asOf: string; openedBy: string }): Promise<string> {
  const row = await trx.insertInto('reviews').values(r).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertList(trx: Transaction<DB>, reviewId: string, unitId: string): Promise<string> {
  const row = await trx.insertInto('reviewLists').values({ reviewId, unitId, revisionReason: null }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertItems(trx: Transaction<DB>, items: Omit<ItemRow, 'id' | 'flagged' | 'catalogueVersion'>[]): Promise<void> {
  if (items.length > 0) await trx.insertInto('reviewItems').values(items.map((i) => ({ ...i, catalogueVersion: null }))).execute();
}

function listQuery(conn: Conn) {
  return conn
    .selectFrom('reviewLists as l')
    .innerJoin('reviews as r', 'r.id', 'l.reviewId')
    .innerJoin('units as u', 'u.id', 'l.unitId')
    .select(['l.id', 'l.reviewId', 'r.year', 'l.unitId', 'u.code as unitCode', 'u.name as unitName', 'l.state', 'l.version', 'l.revisionReason', 'l.updatedAt']);
}

export async function listsOf(conn: Conn, reviewId: string): Promise<ListRow[]> {
  const rows = await listQuery(conn).where('l.reviewId', '=', reviewId).orderBy('u.tier').orderBy(sql`f_unaccent(lower(u.name))`).execute();
  return rows as ListRow[];
}

export async function listsOfUnit(conn: Conn, unitId: string): Promise<ListRow[]> {
  const rows = await listQuery(conn).where('l.unitId', '=', unitId).orderBy('r.year', 'desc').execute();
  return rows as ListRow[];
}

export async function listByYearAndUnit(conn: Conn, year: number, unitCode: string): Promise<ListRow | undefined> {
  const row = await listQuery(conn).where('r.year', '=', year).where('u.code', '=', unitCode).executeTakeFirst();
  return row as ListRow | undefined;
}

export async function listForUpdate(trx: Transaction<DB>, id: string): Promise<{ state: ListState; version: number } | undefined> {
  return trx.selectFrom('reviewLists').select(['state', 'version']).where('id', '=', id).forUpdate().executeTakeFirst();
}

const itemColumns = [
  'id',
  'listId',
  'position',
  'procedureId',
  'procedureCode',
  'procedureName',
  'legacyLevel',
  'onlineLevel',
  'noFee',
  'requiresPresence',
  'requiresSiteInspection',
  'feePayableOnline',
  'resultDeliverableOnlineOrPost',
  'proposal',
  'reasonCode',
  'explanation',
  'flagged',
  'catalogueVersion',
] as const;

export async function itemsOf(conn: Conn, listId: string): Promise<ItemRow[]> {
  return conn.selectFrom('reviewItems').select(itemColumns).where('listId', '=', listId).orderBy('position').execute();
}

/** Every item of a review, with its list's unit and state (progress, consolidation). */
export async function itemsOfReview(conn: Conn, reviewId: string): Promise<(ItemRow & { unitName: string; state: ListState })[]> {
  return conn
    .selectFrom('reviewItems as i')
    .innerJoin('reviewLists as l', 'l.id', 'i.listId')
    .innerJoin('units as u', 'u.id', 'l.unitId')
    .select(itemColumns.map((c) => `i.${c}` as const))
    .select(['u.name as unitName', 'l.state'])
    .where('l.reviewId', '=', reviewId)
    .orderBy('i.procedureCode')
    .execute();
}

/** Moves a list if it is still at the version the actor saw; false when someone acted first. */
export async function moveList(trx: Transaction<DB>, id: string, fromVersion: number, set: { state: ListState; revisionReason?: string | null }): Promise<boolean> {
  const r = await trx
    .updateTable('reviewLists')
    .set({ ...set, version: fromVersion + 1, updatedAt: new Date() })
    .where('id', '=', id)
    .where('version', '=', fromVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function saveDecision(trx: Transaction<DB>, itemId: string, d: ItemDecision): Promise<void> {
  await trx.updateTable('reviewItems').set(d).where('id', '=', itemId).execute();
}

export async function setFlags(trx: Transaction<DB>, listId: string, flaggedIds: readonly string[]): Promise<void> {
  await trx.updateTable('reviewItems').set({ flagged: false }).where('listId', '=', listId).execute();
  if (flaggedIds.length > 0) await trx.updateTable('reviewItems').set({ flagged: true }).where('listId', '=', listId).where('id', 'in', flaggedIds).execute();
}

export async function markWritten(trx: Transaction<DB>, reviewId: string, procedureCode: string, catalogueVersion: number): Promise<void> {
  await trx
    .updateTable('reviewItems')
    .set({ catalogueVersion })
    .where('procedureCode', '=', procedureCode)
    .where('listId', 'in', (eb) => eb.selectFrom('reviewLists').select('id').where('reviewId', '=', reviewId))
    .execute();
}

export async function addEvent(
  trx: Transaction<DB>,
  e: { reviewId: string; listId: string | null; action: string; fromState: string | null; toState: string | null; actorId: string; reason: string | null; detail?: Record<string, unknown> },
): Promise<void> {
  await trx.insertInto('reviewEvents').values({ ...e, detail: JSON.stringify(e.detail ?? {}) }).execute();
}

export async function eventsOf(conn: Conn, listId: string) {
  return conn
    .selectFrom('reviewEvents as e')
    .leftJoin('accounts as a', 'a.id', 'e.actorId')
    .select(['e.action', 'e.fromState', 'e.toState', 'e.reason', 'e.detail', 'e.at', 'a.fullName as actorName'])
    .where('e.listId', '=', listId)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
}
