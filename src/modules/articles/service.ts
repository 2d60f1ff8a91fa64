// Use cases for guidance articles. Every change checks the actor's right, applies the
// rule, writes in one transaction and records an audit entry in the same transaction.
import type { Transaction } from 'kysely';
import { recordAudit } from '../../platform/audit';
import type { Db } from '../../platform/db/connect';
import type { DB } from '../../platform/db/schema';
import { type FieldError, NotFoundError, ValidationError } from '../../platform/errors';
import type { Actor } from '../../platform/http/context';
import { requireAction } from '../accounts';
import { ArticleNotFound, PUBLISH_AT_NEEDED, SLUG_TAKEN, unknownCodes } from './errors';
import { type Article, type ArticleForm, type ArticleValues, type Category, checkArticle, PAGE_SIZE, sortErrors } from './model';
import * as store from './store';

export interface ArticlesDeps {
  db: Db;
}

const NOT_FOUND_ADMIN = 'Không tìm thấy bài viết này. Có thể bài viết đã bị xóa hoặc đường dẫn chưa đúng.';

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === '23505';
}

/**
 * The form's rules, then the database's: the slug is free and every procedure code
 * exists. All errors are reported together, in the order of the form.
 */
async function checkAgainstDb(trx: Transaction<DB>, form: ArticleForm, existing?: Article): Promise<{ value: ArticleValues; procedureIds: string[] }> {
  const checked = checkArticle(form);
  const errors: FieldError[] = [...checked.errors];
  if (checked.slug && (await store.slugTaken(trx, checked.slug, existing?.id))) errors.push(SLUG_TAKEN);
  // a published article keeps a publish time; clearing it would silently re-date the article
  if (existing?.status === 'published' && !form.publishAt.trim()) errors.push(PUBLISH_AT_NEEDED);
  let procedureIds: string[] = [];
  if (checked.codes) {
    const found = await store.procedureIdsByCode(trx, checked.codes);
    const missing = checked.codes.filter((c) => !found.has(c));
    if (missing.length > 0) errors.push(unknownCodes(missing));
    procedureIds = checked.codes.flatMap((c) => found.get(c) ?? []);
  }
  if (errors.length > 0 || !checked.value) throw new ValidationError(sortErrors(errors));
  return { value: checked.value, procedureIds };
}

export async function createArticle(deps: ArticlesDeps, actor: Actor, form: ArticleForm): Promise<Article> {
  requireAction(actor, 'articles.manage');
  return deps.db
    .transaction()
    .execute(async (trx) => {
      const { value, procedureIds } = await checkAgainstDb(trx, form);
      const id = await store.insert(trx, value, actor.id);
      await store.replaceProcedureLinks(trx, id, procedureIds);
      await recordAudit(trx, actor, {
        action: 'article.created',
        entityType: 'article',
        entityId: id,
        toState: 'draft',
        detail: { slug: value.slug, title: value.title, category: value.category, procedureCodes: value.procedureCodes },
      });
      return (await store.byId(trx, id)) as Article;
    })
    .catch((err: unknown) => {
      // two administrators saved the same slug at the same moment
      if (isUniqueViolation(err)) throw new ValidationError([SLUG_TAKEN]);
      throw err;
    });
}

export async function updateArticle(deps: ArticlesDeps, actor: Actor, id: string, form: ArticleForm): Promise<Article> {
  requireAction(actor, 'articles.manage');
  return deps.db
    .transaction()
    .execute(async (trx) => {
      const before = await store.byIdForUpdate(trx, id);
      if (!before) throw new NotFoundError(NOT_FOUND_ADMIN);
      const { value, procedureIds } = await checkAgainstDb(trx, form, before);
      const beforeCodes = await store.linkedCodes(trx, id);
      await store.update(trx, id, value);
      await store.replaceProcedureLinks(trx, id, procedureIds);
      const changed: string[] = (['slug', 'title', 'category', 'summary', 'bodyMd'] as const).filter((k) => before[k] !== value[k]);
      if ((before.publishAt?.getTime() ?? null) !== (value.publishAt?.getTime() ?? null)) changed.push('publishAt');
      if ([...value.procedureCodes].sort().join() !== beforeCodes.join()) changed.push('procedureCodes');
      await recordAudit(trx, actor, {
        action: 'article.updated',
        entityType: 'article',
        entityId: id,
        detail: { slug: value.slug, changed },
      });
      return (await store.byId(trx, id)) as Article;
    })
    .catch((err: unknown) => {
      if (isUniqueViolation(err)) throw new ValidationError([SLUG_TAKEN]);
      throw err;
    });
}

/** Publishes now, or at the article's publish time when one is set (it stays hidden until then). */
export async function publishArticle(deps: ArticlesDeps, actor: Actor, id: string, now = new Date()): Promise<Article> {
  requireAction(actor, 'articles.manage');
  return deps.db.transaction().execute(async (trx) => {
    const before = await store.byIdForUpdate(trx, id);
    if (!before) throw new NotFoundError(NOT_FOUND_ADMIN);
    if (before.status === 'published') return before;
    const publishAt = before.publishAt ?? now;
    await store.setStatus(trx, id, 'published', publishAt);
    await recordAudit(trx, actor, {
      action: 'article.published',
      entityType: 'article',
      entityId: id,
      fromState: 'draft',
      toState: 'published',
      detail: { slug: before.slug, publishAt: publishAt.toISOString() },
    });
    return (await store.byId(trx, id)) as Article;
  });
}

/** Takes an article off the portal; it becomes a draft again, keeping its publish time. */
export async function unpublishArticle(deps: ArticlesDeps, actor: Actor, id: string): Promise<Article> {
  requireAction(actor, 'articles.manage');
  return deps.db.transaction().execute(async (trx) => {
    const before = await store.byIdForUpdate(trx, id);
    if (!before) throw new NotFoundError(NOT_FOUND_ADMIN);
    if (before.status === 'draft') return before;
    await store.setStatus(trx, id, 'draft', before.publishAt);
    await recordAudit(trx, actor, {
      action: 'article.unpublished',
      entityType: 'article',
      entityId: id,
      fromState: 'published',
      toState: 'draft',
      detail: { slug: before.slug },
    });
    return (await store.byId(trx, id)) as Article;
  });
}

// --- reading ------------------------------------------------------------------------

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

function pageOf(page: number) {
  return { limit: PAGE_SIZE, offset: (Math.max(1, page) - 1) * PAGE_SIZE };
}

export async function articleForEdit(deps: ArticlesDeps, actor: Actor, id: string): Promise<{ article: Article; procedureCodes: string[] }> {
  requireAction(actor, 'articles.manage');
  const article = await store.byId(deps.db, id);
  if (!article) throw new NotFoundError(NOT_FOUND_ADMIN);
  return { article, procedureCodes: await store.linkedCodes(deps.db, id) };
}

export async function listForAdmin(deps: ArticlesDeps, actor: Actor, page: number): Promise<Paged<store.ArticleListItem>> {
  requireAction(actor, 'articles.manage');
  const { items, total } = await store.listAll(deps.db, pageOf(page));
  return { items, total, page, pageSize: PAGE_SIZE };
}

export async function listPublished(deps: ArticlesDeps, filter: { category?: Category | undefined; page: number }, now = new Date()): Promise<Paged<store.ArticleListItem>> {
  const { items, total } = await store.listVisible(deps.db, { category: filter.category, now }, pageOf(filter.page));
  return { items, total, page: filter.page, pageSize: PAGE_SIZE };
}

export interface PublicArticle {
  article: Article;
  procedures: { code: string; name: string }[];
}

/** A published article whose time has come; anything else is the same 404. */
export async function publicArticle(deps: ArticlesDeps, slug: string, now = new Date()): Promise<PublicArticle> {
  const article = await store.visibleBySlug(deps.db, slug, now);
  if (!article) throw new ArticleNotFound();
  return { article, procedures: await store.linkedPublishedProcedures(deps.db, article.id) };
}

/** For the catalogue's procedure page: the visible articles linked to a procedure. */
export async function articlesForProcedure(deps: ArticlesDeps, procedureId: string, now = new Date()): Promise<{ slug: string; title: string; category: Category }[]> {
  return store.visibleForProcedure(deps.db, procedureId, now);
}

// --- demo data and imports -------------------------------------------------------------

/**
 * Loads a prepared article inside the caller's transaction (demo data). It passes the
 * same checks as the form; codes of procedures not in the catalogue are skipped and
 * returned, so articles can be loaded before or without the catalogue.
 */
export async function importArticle(
  trx: Transaction<DB>,
  form: ArticleForm,
  opts: { status: 'draft' | 'published'; authorId: string | null },
): Promise<{ id: string; skippedCodes: string[] }> {
  const { errors, value } = checkArticle(form);
  if (!value) throw new ValidationError(errors);
  if (opts.status === 'published' && !value.publishAt) throw new ValidationError([PUBLISH_AT_NEEDED]);
  const id = await store.insert(trx, value, opts.authorId);
  await store.setStatus(trx, id, opts.status, value.publishAt);
  const found = await store.procedureIdsByCode(trx, value.procedureCodes);
  await store.replaceProcedureLinks(trx, id, [...found.values()]);
  return { id, skippedCodes: value.procedureCodes.filter((c) => !found.has(c)) };
}
