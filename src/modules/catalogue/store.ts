import { sql, type Transaction } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { DB } from '../../platform/db/schema';
import type { Agencies, Field, OnlineLevel, Procedure, Tier } from './model';

type Conn = Db | Transaction<DB>;

export interface ProcedureRow {
  id: string;
  code: string;
  name: string;
  fieldCode: string;
  tier: Tier;
  legacyLevel: number;
  onlineLevel: OnlineLevel;
  status: 'draft' | 'published' | 'unpublished';
  ownerUnitId: string | null;
  record: Procedure;
  version: number;
  dossierCount: number;
  updatedAt: Date;
}

const rowColumns = ['id', 'code', 'name', 'fieldCode', 'tier', 'legacyLevel', 'onlineLevel', 'status', 'ownerUnitId', 'record', 'version', 'dossierCount', 'updatedAt'] as const;

export async function byCode(conn: Conn, code: string): Promise<ProcedureRow | undefined> {
  const row = await conn.selectFrom('procedures').select(rowColumns).where('code', '=', code).executeTakeFirst();
  return row as ProcedureRow | undefined;
}

export async function byCodeForUpdate(trx: Transaction<DB>, code: string): Promise<ProcedureRow | undefined> {
  const row = await trx.selectFrom('procedures').select(rowColumns).where('code', '=', code).forUpdate().executeTakeFirst();
  return row as ProcedureRow | undefined;
}

export async function upsertField(conn: Conn, field: Field): Promise<void> {
  await conn.insertInto('fields').values(field).onConflict((oc) => oc.column('code').doUpdateSet({ name: field.name })).execute();
}

export async function fields(conn: Conn, publishedOnly: boolean): Promise<(Field & { count: number })[]> {
  let q = conn
    .selectFrom('fields')
    .leftJoin('procedures', (j) => j.onRef('procedures.fieldCode', '=', 'fields.code').on('procedures.status', 'in', publishedOnly ? ['published'] : ['published', 'draft', 'unpublished']))
    .select(['fields.code', 'fields.name', (eb) => eb.fn.count<number>('procedures.id').as('count')])
    .groupBy(['fields.code', 'fields.name'])
    .orderBy('fields.name');
  if (publishedOnly) q = q.having((eb) => eb.fn.count('procedures.id'), '>', 0);
  return q.execute();
}

export interface SaveRow {
  code: string;
  localCode: string | null;
  name: string;
  fieldCode: string;
  tier: Tier;
  legacyLevel: number;
  onlineLevel: OnlineLevel;
  ownerUnitId: string | null;
  record: Procedure;
  searchText: string;
}

export async function insertProcedure(trx: Transaction<DB>, row: SaveRow, status: ProcedureRow['status']): Promise<string> {
  const r = await trx
    .insertInto('procedures')
    .values({ ...row, record: JSON.stringify(row.record), status, version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateProcedure(trx: Transaction<DB>, id: string, row: SaveRow, version: number): Promise<void> {
  await trx
    .updateTable('procedures')
    .set({ ...row, record: JSON.stringify(row.record), version, updatedAt: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function setStatus(trx: Transaction<DB>, id: string, status: ProcedureRow['status'], version: number): Promise<void> {
  await trx.updateTable('procedures').set({ status, version, updatedAt: new Date() }).where('id', '=', id).execute();
}

/** The level the record's configuration supports, in the column and in the record. */
export async function setOnlineLevel(trx: Transaction<DB>, id: string, record: Procedure, level: OnlineLevel): Promise<Procedure> {
  if (record.onlineLevel === level) {
    await trx.updateTable('procedures').set({ onlineLevel: level }).where('id', '=', id).where('onlineLevel', '<>', level).execute();
    return record;
  }
  const fixed = { ...record, onlineLevel: level };
  await trx.updateTable('procedures').set({ onlineLevel: level, record: JSON.stringify(fixed) }).where('id', '=', id).execute();
  return fixed;
}

export async function insertVersion(
  trx: Transaction<DB>,
  v: { procedureId: string; version: number; record: Procedure; status: string; changedBy: string | null; summary: string },
): Promise<void> {
  await trx.insertInto('procedureVersions').values({ ...v, record: JSON.stringify(v.record) }).execute();
}

export async function versions(conn: Conn, procedureId: string) {
  return conn
    .selectFrom('procedureVersions')
    .leftJoin('accounts', 'accounts.id', 'procedureVersions.changedBy')
    .select(['procedureVersions.version', 'procedureVersions.status', 'procedureVersions.changedAt', 'procedureVersions.summary', 'procedureVersions.record', 'accounts.fullName as changedByName'])
    .where('procedureId', '=', procedureId)
    .orderBy('version', 'desc')
    .execute();
}

/** Replaces the agency links of a procedure (resolved unit ids or unit kinds). */
export async function replaceAgencies(
  trx: Transaction<DB>,
  procedureId: string,
  links: { role: keyof Agencies; unitId: string | null; unitKind: string | null; label: string }[],
): Promise<void> {
  await trx.deleteFrom('procedureAgencies').where('procedureId', '=', procedureId).execute();
  if (links.length > 0) await trx.insertInto('procedureAgencies').values(links.map((l) => ({ ...l, procedureId }))).execute();
}

export interface SearchQuery {
  q?: string;
  tier?: Tier;
  field?: string;
  /** A unit: procedures it handles itself or through its kind (every commune People's Committee). */
  agency?: { unitId: string; unitKind: string };
  level?: OnlineLevel;
  statuses: ProcedureRow['status'][];
  page: number;
  pageSize: number;
}

export interface SearchHit {
  code: string;
  name: string;
  fieldCode: string;
  fieldName: string;
  tier: Tier;
  onlineLevel: OnlineLevel;
  legacyLevel: number;
  status: ProcedureRow['status'];
  score: number;
}

/**
 * Full-text search without diacritics (the `vn` configuration unaccents) plus trigram
 * word similarity for typos and spelling variants ("đăng kí" for "đăng ký"); the best
 * match first, then the most used.
 */
export async function search(conn: Db, s: SearchQuery): Promise<{ items: SearchHit[]; total: number }> {
  const q = s.q?.trim() || undefined;
  if (!q) return runSearch(conn, s, undefined, 'all');
  // Full text first: its GIN index answers most searches quickly. Only when it finds
  // nothing is every name compared by trigrams, for typos ("khai xinh", "dang ki").
  const exact = await runSearch(conn, s, q, 'words');
  if (exact.total > 0) return exact;
  return conn.transaction().execute(async (trx) => {
    // <% uses the trigram index with this threshold; 0.5 lets half-matching words through
    await sql`select set_config('pg_trgm.word_similarity_threshold', '0.5', true)`.execute(trx);
    return runSearch(trx, s, q, 'trigrams');
  });
}

async function runSearch(conn: Conn, s: SearchQuery, q: string | undefined, match: 'all' | 'words' | 'trigrams'): Promise<{ items: SearchHit[]; total: number }> {
  const tsq = sql`websearch_to_tsquery('vn', ${q ?? ''})`;
  const norm = sql`f_unaccent(lower(${q ?? ''}))`;
  let query = conn
    .selectFrom('procedures as p')
    .innerJoin('fields as f', 'f.code', 'p.fieldCode')
    .select([
      'p.code',
      'p.name',
      'p.fieldCode',
      'f.name as fieldName',
      'p.tier',
      'p.onlineLevel',
      'p.legacyLevel',
      'p.status',
      // full-text rank, plus how much of the query the name contains, plus how close the
      // whole name is to the query (so "Đăng ký khai sinh" beats longer names that contain it)
      q
        ? sql<number>`ts_rank(p.search_vector, ${tsq}) + word_similarity(${norm}, p.name_norm) + similarity(${norm}, p.name_norm)`.as('score')
        : sql<number>`0`.as('score'),
      sql<number>`count(*) over ()`.as('total'),
    ])
    .where('p.status', 'in', s.statuses);
  if (match === 'words') query = query.where(sql<boolean>`(p.search_vector @@ ${tsq} or p.code = ${q})`);
  if (match === 'trigrams') query = query.where(sql<boolean>`${norm} <% p.name_norm`);
  if (s.tier) query = query.where('p.tier', '=', s.tier);
  if (s.field) query = query.where('p.fieldCode', '=', s.field);
  if (s.level) query = query.where('p.onlineLevel', '=', s.level);
  if (s.agency) {
    const { unitId, unitKind } = s.agency;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('procedureAgencies as pa')
          .select(sql`1`.as('one'))
          .whereRef('pa.procedureId', '=', 'p.id')
          .where((w) => w.or([w('pa.unitId', '=', unitId), w('pa.unitKind', '=', unitKind)])),
      ),
    );
  }
  const rows = await query
    .orderBy('score', 'desc')
    .orderBy('p.dossierCount', 'desc')
    // unaccented first: close to Vietnamese alphabetical order without an ICU collation (PGlite has none)
    .orderBy(sql`p.name_norm`)
    .orderBy('p.name')
    .limit(s.pageSize)
    .offset((s.page - 1) * s.pageSize)
    .execute();
  const total = rows[0]?.total ?? (s.page > 1 ? (await runSearch(conn, { ...s, page: 1, pageSize: 1 }, q, match)).total : 0);
  return { items: rows.map(({ total: _t, ...hit }) => hit), total: Number(total) };
}


export async function mostUsed(conn: Db, limit: number): Promise<SearchHit[]> {
  const r = await search(conn, { statuses: ['published'], page: 1, pageSize: limit });
  return r.items;
}

/** Code and name of those of `codes` that are published (a procedure page's related procedures). */
export async function publishedNames(conn: Conn, codes: readonly string[]): Promise<{ code: string; name: string }[]> {
  if (codes.length === 0) return [];
  return conn.selectFrom('procedures').select(['code', 'name']).where('code', 'in', [...codes]).where('status', '=', 'published').orderBy('code').execute();
}

export async function allRecords(conn: Conn): Promise<ProcedureRow[]> {
  const rows = await conn.selectFrom('procedures').select(rowColumns).orderBy('code').execute();
  return rows as unknown as ProcedureRow[];
}

export async function templates(conn: Conn, procedureId: string) {
  return conn.selectFrom('procedureTemplates').selectAll().where('procedureId', '=', procedureId).orderBy('fileName').execute();
}

export async function templateById(conn: Conn, procedureId: string, id: string) {
  return conn.selectFrom('procedureTemplates').selectAll().where('procedureId', '=', procedureId).where('id', '=', id).executeTakeFirst();
}

export async function insertTemplate(
  trx: Transaction<DB>,
  t: { procedureId: string; componentCode: string | null; fileName: string; contentType: string; sizeBytes: number; sha256: string; uploadedBy: string | null },
): Promise<string> {
  const r = await trx.insertInto('procedureTemplates').values(t).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function deleteTemplate(trx: Transaction<DB>, procedureId: string, id: string): Promise<number> {
  const r = await trx.deleteFrom('procedureTemplates').where('procedureId', '=', procedureId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows);
}
