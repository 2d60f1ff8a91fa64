// The SQL for articles and their links to procedures.
import type { Transaction } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { DB } from '../../platform/db/schema';
import type { Article, ArticleStatus, ArticleValues, Category } from './model';

type Conn = Db | Transaction<DB>;

const columns = ['id', 'slug', 'title', 'category', 'summary', 'bodyMd', 'status', 'publishAt', 'authorId', 'createdAt', 'updatedAt'] as const;
const listColumns = ['id', 'slug', 'title', 'category', 'summary', 'status', 'publishAt', 'updatedAt'] as const;

export type ArticleListItem = Pick<Article, (typeof listColumns)[number]>;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id from a URL that is not a UUID finds nothing (rather than a database error). */
export function isUuid(id: string): boolean {
  return UUID_RE.test(id);
}

export async function byId(conn: Conn, id: string): Promise<Article | undefined> {
  if (!isUuid(id)) return undefined;
  return conn.selectFrom('articles').select(columns).where('id', '=', id).executeTakeFirst();
}

export async function byIdForUpdate(trx: Transaction<DB>, id: string): Promise<Article | undefined> {
  if (!isUuid(id)) return undefined;
  return trx.selectFrom('articles').select(columns).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function visibleBySlug(conn: Conn, slug: string, now: Date): Promise<Article | undefined> {
  return conn
    .selectFrom('articles')
    .select(columns)
    .where('slug', '=', slug)
    .where('status', '=', 'published')
    .where('publishAt', '<=', now)
    .executeTakeFirst();
}

export async function slugTaken(conn: Conn, slug: string, exceptId?: string): Promise<boolean> {
  let q = conn.selectFrom('articles').select('id').where('slug', '=', slug);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

type Stored = Omit<ArticleValues, 'procedureCodes'>;

export async function insert(trx: Transaction<DB>, v: Stored, authorId: string | null): Promise<string> {
  const row = await trx
    .insertInto('articles')
    .values({ slug: v.slug, title: v.title, category: v.category, summary: v.summary, bodyMd: v.bodyMd, publishAt: v.publishAt, authorId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function update(trx: Transaction<DB>, id: string, v: Stored): Promise<void> {
  await trx
    .updateTable('articles')
    .set({ slug: v.slug, title: v.title, category: v.category, summary: v.summary, bodyMd: v.bodyMd, publishAt: v.publishAt, updatedAt: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function setStatus(trx: Transaction<DB>, id: string, status: ArticleStatus, publishAt: Date | null): Promise<void> {
  await trx.updateTable('articles').set({ status, publishAt, updatedAt: new Date() }).where('id', '=', id).execute();
}

export interface Page {
  limit: number;
  offset: number;
}

/** Published articles whose time has come, newest first. */
export async function listVisible(conn: Conn, filter: { category?: Category | undefined; now: Date }, page: Page): Promise<{ items: ArticleListItem[]; total: number }> {
  let q = conn.selectFrom('articles').where('status', '=', 'published').where('publishAt', '<=', filter.now);
  if (filter.category) q = q.where('category', '=', filter.category);
  const [items, count] = await Promise.all([
    q.select(listColumns).orderBy('publishAt', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

/** Every article in every state, most recently changed first (the administrator's list). */
export async function listAll(conn: Conn, page: Page): Promise<{ items: ArticleListItem[]; total: number }> {
  const [items, count] = await Promise.all([
    conn.selectFrom('articles').select(listColumns).orderBy('updatedAt', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute(),
    conn.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

// --- links to the procedure catalogue ------------------------------------------------

/** procedures.id by code, for the codes that exist (whatever the procedure's status). */
export async function procedureIdsByCode(conn: Conn, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await conn.selectFrom('procedures').select(['id', 'code']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

export async function replaceProcedureLinks(trx: Transaction<DB>, articleId: string, procedureIds: string[]): Promise<void> {
  await trx.deleteFrom('articleProcedures').where('articleId', '=', articleId).execute();
  if (procedureIds.length === 0) return;
  await trx
    .insertInto('articleProcedures')
    .values(procedureIds.map((procedureId) => ({ articleId, procedureId })))
    .execute();
}

/** The codes an article is linked to, in code order (the admin form's textarea). */
export async function linkedCodes(conn: Conn, articleId: string): Promise<string[]> {
  const rows = await conn
    .selectFrom('articleProcedures')
    .innerJoin('procedures', 'procedures.id', 'articleProcedures.procedureId')
    .select('procedures.code')
    .where('articleProcedures.articleId', '=', articleId)
    .orderBy('procedures.code')
    .execute();
  return rows.map((r) => r.code);
}

/** The published procedures an article is linked to (shown under the article). */
export async function linkedPublishedProcedures(conn: Conn, articleId: string): Promise<{ code: string; name: string }[]> {
  return conn
    .selectFrom('articleProcedures')
    .innerJoin('procedures', 'procedures.id', 'articleProcedures.procedureId')
    .select(['procedures.code', 'procedures.name'])
    .where('articleProcedures.articleId', '=', articleId)
    .where('procedures.status', '=', 'published')
    .orderBy('procedures.name')
    .execute();
}

/** Visible articles linked to a procedure, newest first (shown on the procedure's page). */
export async function visibleForProcedure(conn: Conn, procedureId: string, now: Date): Promise<{ slug: string; title: string; category: Category }[]> {
  if (!isUuid(procedureId)) return [];
  return conn
    .selectFrom('articleProcedures')
    .innerJoin('articles', 'articles.id', 'articleProcedures.articleId')
    .select(['articles.slug', 'articles.title', 'articles.category'])
    .where('articleProcedures.procedureId', '=', procedureId)
    .where('articles.status', '=', 'published')
    .where('articles.publishAt', '<=', now)
    .orderBy('articles.publishAt', 'desc')
    .execute();
}
