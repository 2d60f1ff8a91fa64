// Use cases of the procedure catalogue: save (create or edit, versioned), publish,
// search, read the public record, import a whole catalogue in one transaction.
import type { Transaction } from 'kysely';
import { recordAudit } from '../../platform/audit';
import type { Db } from '../../platform/db/connect';
import type { DB } from '../../platform/db/schema';
import { ForbiddenError, ValidationError } from '../../platform/errors';
import type { Actor } from '../../platform/http/context';
import { requireAction } from '../accounts';
import { findUnitByCode, findUnitById, unitScope, type Unit } from '../org';
import { DuplicateCode, ImportRejected, ProcedureChanged, ProcedureNotFound } from './errors';
import { type AgencyRef, type Agencies, type FieldError, latestTier, onlineLevelOf, parseProcedure, type Procedure, type Tier } from './model';
import * as store from './store';

export interface CatalogueDeps {
  db: Db;
}

/** Who changes the catalogue when nobody signed in does (demo data, imports by the system). */
export const SYSTEM_ACTOR: Actor = { id: '00000000-0000-0000-0000-000000000000', username: 'he-thong', fullName: 'Hệ thống', role: 'admin', unitId: null, ip: '127.0.0.1' };

function searchTextOf(p: Procedure): string {
  return [p.name, p.code, p.localCode ?? '', p.field.name, ...p.results].join(' ');
}

const ROLES: (keyof Agencies)[] = ['competent', 'authorised', 'cooperating'];

/** Resolves unit codes to units; unknown codes become field errors naming the path. */
async function resolveAgencies(db: Db | Transaction<DB>, p: Procedure): Promise<{ errors: FieldError[]; links: { role: keyof Agencies; unitId: string | null; unitKind: string | null; label: string }[]; owner: Unit | undefined }> {
  const errors: FieldError[] = [];
  const links: { role: keyof Agencies; unitId: string | null; unitKind: string | null; label: string }[] = [];
  let owner: Unit | undefined;
  const check = async (ref: AgencyRef, path: string): Promise<Unit | undefined> => {
    if (!('unitCode' in ref)) return undefined;
    const unit = await findUnitByCode({ db: db as Db }, ref.unitCode);
    if (!unit) errors.push({ field: `${path}.unitCode`, message: `Không tìm thấy cơ quan có mã “${ref.unitCode}” trong cơ cấu tổ chức.` });
    return unit;
  };
  for (const role of ROLES) {
    for (const [i, ref] of p.agencies[role].entries()) {
      const unit = await check(ref, `agencies.${role}[${i}]`);
      if ('unitCode' in ref) {
        if (unit) links.push({ role, unitId: unit.id, unitKind: null, label: ref.label ?? unit.name });
        if (role === 'competent' && unit && !owner) owner = unit;
      } else links.push({ role, unitId: null, unitKind: ref.unitKind, label: ref.label });
    }
  }
  for (const [pi, period] of p.tierHistory.entries()) {
    if (!period.agencies) continue;
    for (const role of ROLES) {
      for (const [i, ref] of period.agencies[role].entries()) {
        const unit = await check(ref, `tierHistory[${pi}].agencies.${role}[${i}]`);
        // a past period's units also list the procedure on their agency pages
        if (unit && !links.some((l) => l.unitId === unit.id && l.role === role)) links.push({ role, unitId: unit.id, unitKind: null, label: ref.label ?? unit.name });
      }
    }
  }
  return { errors, links, owner };
}

/** Province administrators change everything; a unit's administrators change what their units own. */
async function requireMayChange(deps: { db: Db | Transaction<DB> }, actor: Actor, ownerUnitId: string | null): Promise<void> {
  requireAction(actor, 'catalogue.manage');
  if (actor === SYSTEM_ACTOR) return;
  if (!actor.unitId) throw new ForbiddenError();
  const orgDeps = { db: deps.db as Db };
  const unit = await findUnitById(orgDeps, actor.unitId);
  if (unit && unit.tier === 'tinh' && (unit.kind === 'ubnd_tinh' || unit.kind === 'van_phong')) return;
  if (ownerUnitId && (await unitScope(orgDeps, actor.unitId)).has(ownerUnitId)) return;
  throw new ForbiddenError('Chỉ quản trị của cơ quan chủ quản thủ tục hoặc của tỉnh mới được sửa thủ tục này.');
}

export interface SaveOptions {
  /** The version the editor started from; a different current version is a conflict. */
  expectedVersion?: number;
  summary?: string;
  publish?: boolean;
}

async function saveInTransaction(deps: CatalogueDeps, trx: Transaction<DB>, actor: Actor, input: unknown, opts: SaveOptions & { createOnly?: boolean }): Promise<{ code: string; version: number; created: boolean }> {
  const parsed = parseProcedure(input);
  if (!parsed.ok) throw new ValidationError(parsed.errors);
  const p = parsed.value;
  const { errors, links, owner } = await resolveAgencies(trx, p);
  if (errors.length > 0) throw new ValidationError(errors);
  const current = await store.byCodeForUpdate(trx, p.code);
  if (current && opts.createOnly) throw new DuplicateCode(p.code);
  // inside the transaction, every read goes through it (PGlite has one connection)
  if (current) await requireMayChange({ db: trx }, actor, current.ownerUnitId);
  await requireMayChange({ db: trx }, actor, owner?.id ?? null);
  if (current && opts.expectedVersion !== undefined && current.version !== opts.expectedVersion) throw new ProcedureChanged();

  await store.upsertField(trx, p.field);
  const row: store.SaveRow = {
    code: p.code,
    localCode: p.localCode ?? null,
    name: p.name,
    fieldCode: p.field.code,
    tier: latestTier(p) as Tier,
    legacyLevel: p.legacyLevel,
    // the level the configuration supports (parseProcedure refused any other claim)
    onlineLevel: onlineLevelOf(p).level,
    ownerUnitId: owner?.id ?? null,
    record: p,
    searchText: searchTextOf(p),
  };
  const status = opts.publish ? 'published' : (current?.status ?? 'draft');
  const version = (current?.version ?? 0) + 1;
  const id = current ? current.id : await store.insertProcedure(trx, row, status);
  if (current) {
    await store.updateProcedure(trx, current.id, row, version);
    if (status !== current.status) await store.setStatus(trx, current.id, status, version);
  }
  await store.replaceAgencies(trx, id, links);
  await store.insertVersion(trx, { procedureId: id, version, record: p, status, changedBy: actor === SYSTEM_ACTOR ? null : actor.id, summary: opts.summary ?? (current ? 'Cập nhật thủ tục' : 'Tạo thủ tục') });
  await recordAudit(trx, { id: actor === SYSTEM_ACTOR ? null : actor.id, role: actor.role, unitId: actor.unitId, ip: actor.ip }, {
    action: current ? 'procedure.updated' : 'procedure.created',
    entityType: 'procedure',
    entityId: p.code,
    toState: status,
    detail: { version },
  });
  return { code: p.code, version, created: !current };
}

/**
 * Saves a record inside the caller's transaction, with the same checks, version and audit as
 * saveProcedure: for another module whose own action changes the catalogue (the yearly review).
 */
export async function saveProcedureIn(trx: Transaction<DB>, actor: Actor, input: unknown, opts: SaveOptions = {}) {
  return saveInTransaction({ db: trx as unknown as Db }, trx, actor, input, opts);
}

export async function saveProcedure(deps: CatalogueDeps, actor: Actor, input: unknown, opts: SaveOptions & { createOnly?: boolean } = {}) {
  return deps.db.transaction().execute((trx) => saveInTransaction(deps, trx, actor, input, opts));
}

export async function setPublished(deps: CatalogueDeps, actor: Actor, code: string, publish: boolean, expectedVersion?: number): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const current = await store.byCodeForUpdate(trx, code);
    if (!current) throw new ProcedureNotFound();
    await requireMayChange({ db: trx }, actor, current.ownerUnitId);
    if (expectedVersion !== undefined && current.version !== expectedVersion) throw new ProcedureChanged();
    const status = publish ? 'published' : 'unpublished';
    if (current.status === status) return;
    const version = current.version + 1;
    await store.setStatus(trx, current.id, status, version);
    // a record saved before the level followed from the configuration gets the level it supports
    const record = publish ? await store.setOnlineLevel(trx, current.id, current.record, onlineLevelOf(current.record).level) : current.record;
    await store.insertVersion(trx, { procedureId: current.id, version, record, status, changedBy: actor.id, summary: publish ? 'Công bố' : 'Ngừng công bố' });
    await recordAudit(trx, actor, { action: publish ? 'procedure.published' : 'procedure.unpublished', entityType: 'procedure', entityId: code, fromState: current.status, toState: status });
  });
}

/**
 * Applies a whole catalogue in one transaction: every record is validated first, and
 * if any row has a problem nothing is applied and every row's problems are reported.
 */
export async function importCatalogue(
  deps: CatalogueDeps,
  actor: Actor,
  rows: { row: number; sheet: string; record: unknown; problems: FieldError[] }[],
  opts: { publish?: boolean } = {},
): Promise<{ created: number; updated: number }> {
  requireAction(actor, 'catalogue.manage');
  const bad: { row: number; sheet: string; errors: FieldError[] }[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const errors = [...r.problems];
    if (errors.length === 0) {
      const parsed = parseProcedure(r.record);
      if (!parsed.ok) errors.push(...parsed.errors);
      else {
        if (seen.has(parsed.value.code)) errors.push({ field: 'code', message: `Mã thủ tục ${parsed.value.code} xuất hiện hai lần trong tệp.` });
        seen.add(parsed.value.code);
        const { errors: agencyErrors } = await resolveAgencies(deps.db, parsed.value);
        errors.push(...agencyErrors);
      }
    }
    if (errors.length > 0) bad.push({ row: r.row, sheet: r.sheet, errors });
  }
  if (bad.length > 0) throw new ImportRejected(bad);
  return deps.db.transaction().execute(async (trx) => {
    let created = 0;
    let updated = 0;
    for (const r of rows) {
      const result = await saveInTransaction(deps, trx, actor, r.record, { summary: 'Nhập từ tệp', publish: opts.publish });
      if (result.created) created++;
      else updated++;
    }
    return { created, updated };
  });
}

export async function publishedProcedure(deps: CatalogueDeps, code: string): Promise<store.ProcedureRow> {
  const row = await store.byCode(deps.db, code);
  if (!row || row.status !== 'published') throw new ProcedureNotFound();
  return row;
}

export async function procedureForAdmin(deps: CatalogueDeps, actor: Actor, code: string): Promise<store.ProcedureRow> {
  requireAction(actor, 'catalogue.manage');
  const row = await store.byCode(deps.db, code);
  if (!row) throw new ProcedureNotFound();
  return row;
}

export async function search(deps: CatalogueDeps, q: Omit<store.SearchQuery, 'statuses' | 'agency'> & { agencyCode?: string }, opts: { includeDrafts?: boolean } = {}) {
  let agency: store.SearchQuery['agency'];
  if (q.agencyCode) {
    const unit = await findUnitByCode(deps, q.agencyCode);
    if (!unit) return { items: [], total: 0 };
    agency = { unitId: unit.id, unitKind: unit.kind };
  }
  return store.search(deps.db, { ...q, agency, statuses: opts.includeDrafts ? ['published', 'draft', 'unpublished'] : ['published'] });
}

export const listFields = (deps: CatalogueDeps, publishedOnly = true) => store.fields(deps.db, publishedOnly);
export const mostUsed = (deps: CatalogueDeps, limit = 8) => store.mostUsed(deps.db, limit);
export const allProcedures = (deps: CatalogueDeps) => store.allRecords(deps.db);
export const versionsOf = (deps: CatalogueDeps, procedureId: string) => store.versions(deps.db, procedureId);

/** A starting point for a new record in the editor: every section present, empty. */
export function blankProcedure(): Procedure {
  return {
    code: '',
    name: '',
    field: { code: '', name: '' },
    tierHistory: [{ tier: 'xa', validFrom: '2025-07-01' }],
    procedureType: 'TTHC không được luật giao quy định chi tiết',
    steps: [],
    channels: [{ kind: 'truc_tiep', description: 'Nộp trực tiếp tại Bộ phận Một cửa' }],
    components: [],
    numberOfSets: 1,
    processingTime: { amount: 3, unit: 'working_days' },
    fees: [],
    applicants: [{ kind: 'cong_dan' }],
    agencies: { competent: [], authorised: [], cooperating: [] },
    results: [],
    conditions: [],
    legalBasis: [],
    relatedCodes: [],
    legacyLevel: 2,
    onlineLevel: 'none',
    requiresPresence: true,
    requiresSiteInspection: false,
    feePayableOnline: false,
    resultDeliverableOnlineOrPost: false,
  };
}
