// Use cases of the yearly review: the province office opens a year (every unit that performs
// procedures as competent agency gets its list, pre-filled from the catalogue), a unit's
// administrators fill in and submit their own list, the province office sends it back with a
// reason or approves it; approval writes the decisions into the catalogue through its service.
// Each action is one transaction that checks the list's state and the version the actor saw,
// and records the event and the audit entry.
import type { Transaction } from 'kysely';
import { recordAudit } from '../../platform/audit';
import type { Db } from '../../platform/db/connect';
import type { DB } from '../../platform/db/schema';
import { ForbiddenError, ValidationError, type FieldError } from '../../platform/errors';
import { localDate } from '../../platform/format';
import type { Actor } from '../../platform/http/context';
import { requireAction } from '../accounts';
import { agenciesAt, allProcedures, isEligibleFullOnline, isFree, type LegacyLevel, type Procedure, type ProcedureRow, saveProcedureIn } from '../catalogue';
import { findUnitById, unitsOn, type Unit } from '../org';
import { ListChanged, MoveNotAllowed, ReviewExists, ReviewNotFound } from './errors';
import {
  checkItem,
  checkRevision,
  checkYear,
  consolidate,
  type ItemDecision,
  levelAfter,
  type ListAction,
  MOVERS,
  nextState,
  nextToMove,
  type ProcedureFacts,
  STATE_LABELS,
  targets,
} from './model';
import * as store from './store';

export interface ReviewDeps {
  db: Db;
}

// ---------------------------------------------------------------------------------------------
// Who is who
// ---------------------------------------------------------------------------------------------

/** The province office: administrators of the provincial People's Committee or its Văn phòng (as in the catalogue). */
async function isProvinceOffice(deps: { db: Db }, actor: Actor): Promise<boolean> {
  if (actor.role !== 'admin' || !actor.unitId) return false;
  const unit = await findUnitById(deps, actor.unitId);
  return unit !== undefined && unit.tier === 'tinh' && (unit.kind === 'ubnd_tinh' || unit.kind === 'van_phong');
}

async function requireManager(deps: ReviewDeps, actor: Actor): Promise<void> {
  requireAction(actor, 'review.manage');
  if (!(await isProvinceOffice(deps, actor))) throw new ForbiddenError('Chỉ quản trị của Văn phòng UBND tỉnh mới mở rà soát, xem tiến độ và phê duyệt danh sách.');
}

interface Access {
  /** The province office: sees every list and decides on them. */
  manager: boolean;
  /** The list's own unit: fills it in. */
  owner: boolean;
}

/** What the actor may do with a list; a list of another unit is "not found" (no hint that it exists). */
async function accessTo(deps: ReviewDeps, actor: Actor, list: store.ListRow): Promise<Access> {
  requireAction(actor, 'review.fill');
  const manager = await isProvinceOffice(deps, actor);
  const owner = actor.unitId === list.unitId;
  if (!manager && !owner) throw new ReviewNotFound();
  return { manager, owner };
}

function requireMover(access: Access, list: store.ListRow, action: ListAction): void {
  if (MOVERS[action] === 'unit' && !access.owner) throw new ForbiddenError(`Chỉ quản trị của ${list.unitName} mới khai và gửi danh sách của đơn vị.`);
  if (MOVERS[action] === 'province' && !access.manager) throw new ForbiddenError('Chỉ Văn phòng UBND tỉnh mới yêu cầu rà soát lại hoặc phê duyệt danh sách.');
}

async function listOrNotFound(deps: ReviewDeps, year: number, unitCode: string): Promise<store.ListRow> {
  const list = await store.listByYearAndUnit(deps.db, year, unitCode);
  if (!list) throw new ReviewNotFound();
  return list;
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

export interface Overview {
  manager: boolean;
  reviews: store.ReviewRow[];
  /** The lists of the actor's own unit, newest year first. */
  ownLists: store.ListRow[];
  currentYear: number;
}

export async function overview(deps: ReviewDeps, actor: Actor, now = new Date()): Promise<Overview> {
  requireAction(actor, 'review.fill');
  const manager = await isProvinceOffice(deps, actor);
  return {
    manager,
    reviews: manager ? await store.reviews(deps.db) : [],
    ownLists: actor.unitId ? await store.listsOfUnit(deps.db, actor.unitId) : [],
    currentYear: Number(localDate(now).slice(0, 4)),
  };
}

export interface ListView {
  list: store.ListRow;
  items: store.ItemRow[];
  events: Awaited<ReturnType<typeof store.eventsOf>>;
  access: Access;
  /** The moves the actor may make now. */
  actions: ListAction[];
}

export async function listView(deps: ReviewDeps, actor: Actor, year: number, unitCode: string): Promise<ListView> {
  const list = await listOrNotFound(deps, year, unitCode);
  const access = await accessTo(deps, actor, list);
  const [items, events] = await Promise.all([store.itemsOf(deps.db, list.id), store.eventsOf(deps.db, list.id)]);
  const actions = (Object.keys(MOVERS) as ListAction[]).filter(
    (a) => nextState(list.state, a) !== undefined && ((MOVERS[a] === 'unit' && access.owner) || (MOVERS[a] === 'province' && access.manager)),
  );
  return { list, items, events, access, actions };
}

// ---------------------------------------------------------------------------------------------
// Opening a year
// ---------------------------------------------------------------------------------------------

/** The units that perform each published procedure as competent agency on a date (a kind: every unit of it). */
export function competentUnits<T extends Pick<ProcedureRow, 'status' | 'record'>>(rows: readonly T[], units: readonly Unit[], date: string): Map<string, T[]> {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const out = new Map<string, T[]>();
  for (const row of rows) {
    if (row.status !== 'published') continue;
    const agencies = agenciesAt(row.record, date);
    if (!agencies) continue;
    const ids = new Set<string>();
    for (const ref of agencies.competent) {
      if ('unitCode' in ref) {
        const u = byCode.get(ref.unitCode);
        if (u) ids.add(u.id);
      } else for (const u of units) if (u.kind === ref.unitKind) ids.add(u.id);
    }
    for (const id of ids) out.set(id, [...(out.get(id) ?? []), row]);
  }
  return out;
}

export async function openReview(deps: ReviewDeps, actor: Actor, yearText: string, now = new Date()): Promise<{ year: number; lists: number; items: number }> {
  await requireManager(deps, actor);
  const asOf = localDate(now);
  const checked = checkYear(yearText, Number(asOf.slice(0, 4)));
  if (!checked.year) throw new ValidationError(checked.errors);
  const year = checked.year;
  const [units, rows] = await Promise.all([unitsOn(deps, asOf), allProcedures(deps)]);
  const lists = competentUnits(rows, units, asOf);
  const ordered = units.filter((u) => lists.has(u.id));
  try {
    return await deps.db.transaction().execute(async (trx) => {
      if (await store.reviewByYear(trx, year)) throw new ReviewExists(year);
      const reviewId = await store.insertReview(trx, { year, asOf, openedBy: actor.id });
      let items = 0;
      for (const unit of ordered) {
        const listId = await store.insertList(trx, reviewId, unit.id);
        const procs = lists.get(unit.id)!;
        await store.insertItems(
          trx,
          procs.map(({ id: procedureId, record: p }, position) => ({
            listId,
            position,
            procedureId,
            procedureCode: p.code,
            procedureName: p.name,
            legacyLevel: p.legacyLevel,
            onlineLevel: p.onlineLevel,
            noFee: isFree(p.fees),
            requiresPresence: p.requiresPresence,
            requiresSiteInspection: p.requiresSiteInspection,
            feePayableOnline: p.feePayableOnline,
            resultDeliverableOnlineOrPost: p.resultDeliverableOnlineOrPost,
            proposal: null,
            reasonCode: null,
            explanation: null,
          })),
        );
        items += procs.length;
      }
      await store.addEvent(trx, { reviewId, listId: null, action: 'open', fromState: null, toState: 'draft', actorId: actor.id, reason: null, detail: { lists: ordered.length, items, asOf } });
      await recordAudit(trx, actor, { action: 'review.opened', entityType: 'review', entityId: String(year), toState: 'open', detail: { lists: ordered.length, items, asOf } });
      return { year, lists: ordered.length, items };
    });
  } catch (err) {
    // two administrators opening the same year at once: the unique year decides
    if ((err as { code?: string }).code === '23505') throw new ReviewExists(year);
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// The one way to move a list
// ---------------------------------------------------------------------------------------------

interface MoveResult {
  reason?: string | null;
  detail?: Record<string, unknown>;
  revisionReason?: string | null;
}

/**
 * Checks who may act, the state and the version the actor saw, then in one transaction moves
 * the list (only if nobody moved it meanwhile), runs `work` and records the event and audit. An
 * error thrown by `work` (a validation error) leaves everything as it was.
 */
async function move(
  deps: ReviewDeps,
  actor: Actor,
  year: number,
  unitCode: string,
  action: ListAction,
  version: number,
  work: (trx: Transaction<DB>, list: store.ListRow, items: store.ItemRow[]) => Promise<MoveResult>,
): Promise<store.ListRow> {
  const list = await listOrNotFound(deps, year, unitCode);
  requireMover(await accessTo(deps, actor, list), list, action);
  if (list.version !== version) throw new ListChanged();
  const to = nextState(list.state, action);
  if (!to) throw new MoveNotAllowed(refusalText(action, list));
  await deps.db.transaction().execute(async (trx) => {
    const fresh = await store.listForUpdate(trx, list.id);
    if (!fresh || fresh.version !== version || fresh.state !== list.state) throw new ListChanged();
    const items = await store.itemsOf(trx, list.id);
    if (!(await store.moveList(trx, list.id, version, { state: to }))) throw new ListChanged();
    const out = await work(trx, list, items);
    if (out.revisionReason !== undefined) await trx.updateTable('reviewLists').set({ revisionReason: out.revisionReason }).where('id', '=', list.id).execute();
    await store.addEvent(trx, { reviewId: list.reviewId, listId: list.id, action, fromState: list.state, toState: to, actorId: actor.id, reason: out.reason ?? null, detail: out.detail ?? {} });
    await recordAudit(trx, actor, {
      action: `review.${action}`,
      entityType: 'review_list',
      entityId: `${year}/${unitCode}`,
      fromState: list.state,
      toState: to,
      ...(out.reason ? { reason: out.reason } : {}),
      ...(out.detail ? { detail: out.detail } : {}),
    });
  });
  return list;
}

function refusalText(action: ListAction, list: store.ListRow): string {
  const state = `“${STATE_LABELS[list.state]}”`;
  switch (action) {
    case 'save':
      return `Danh sách của ${list.unitName} đang ở trạng thái ${state}; chỉ sửa được khi đang rà soát hoặc khi tỉnh yêu cầu rà soát lại.`;
    case 'submit':
      return `Danh sách của ${list.unitName} đang ở trạng thái ${state}; không gửi lại được.`;
    case 'approve':
      return `Chỉ phê duyệt được danh sách đơn vị đã gửi; danh sách của ${list.unitName} đang ở trạng thái ${state}.`;
    case 'requestRevision':
      return `Chỉ yêu cầu rà soát lại được danh sách đơn vị đã gửi; danh sách của ${list.unitName} đang ở trạng thái ${state}.`;
  }
}

// ---------------------------------------------------------------------------------------------
// The unit: save, submit
// ---------------------------------------------------------------------------------------------

/**
 * Saves the unit's decisions (items not sent keep theirs); with `submit`, also requires every
 * item decided and sends the list to the province. Any problem refuses the whole save, naming
 * each procedure and field.
 */
export async function saveList(deps: ReviewDeps, actor: Actor, year: number, unitCode: string, version: number, decisions: ReadonlyMap<string, ItemDecision>, submit: boolean): Promise<void> {
  const action: ListAction = submit ? 'submit' : 'save';
  await move(deps, actor, year, unitCode, action, version, async (trx, _list, items) => {
    const known = new Set(items.map((i) => i.procedureCode));
    const errors: FieldError[] = [...decisions.keys()]
      .filter((code) => !known.has(code))
      .map((code) => ({ field: 'items', message: `Thủ tục ${code} không có trong danh sách rà soát của đơn vị.` }));
    const changes: { id: string; d: ItemDecision }[] = [];
    let decided = 0;
    for (const item of items) {
      const sent = decisions.get(item.procedureCode);
      const d: ItemDecision = sent ? { ...sent, reasonCode: sent.proposal === 'not_eligible' ? sent.reasonCode : null } : item;
      errors.push(...checkItem({ ...item, ...d }, { complete: submit }));
      if (d.proposal) decided++;
      if (sent) changes.push({ id: item.id, d: { ...d, explanation: d.explanation?.trim() || null } });
    }
    // every item is checked before anything is written
    if (errors.length > 0) throw new ValidationError(errors);
    for (const c of changes) await store.saveDecision(trx, c.id, c.d);
    return { detail: { decided, total: items.length } };
  });
}

// ---------------------------------------------------------------------------------------------
// The province office: send back, approve
// ---------------------------------------------------------------------------------------------

export async function requestRevision(deps: ReviewDeps, actor: Actor, year: number, unitCode: string, version: number, reason: string, flaggedCodes: readonly string[]): Promise<void> {
  await move(deps, actor, year, unitCode, 'requestRevision', version, async (trx, list, items) => {
    const errors = checkRevision(reason, flaggedCodes);
    const unknown = flaggedCodes.filter((c) => !items.some((i) => i.procedureCode === c));
    if (unknown.length > 0) errors.push({ field: 'flag', message: `Thủ tục ${unknown.join(', ')} không có trong danh sách của đơn vị.` });
    if (errors.length > 0) throw new ValidationError(errors);
    await store.setFlags(
      trx,
      list.id,
      items.filter((i) => flaggedCodes.includes(i.procedureCode)).map((i) => i.id),
    );
    const text = reason.trim();
    return { reason: text, revisionReason: text, detail: { flagged: [...flaggedCodes] } };
  });
}

/**
 * Approves a submitted list. A procedure's record changes when every unit that performs it has
 * an approved list (one record for all the communes): then the units' proposals become one
 * decision (model.consolidate), written as a new catalogue version "Rà soát năm Y" when it
 * changes the flags, the reason or the level.
 */
export async function approve(deps: ReviewDeps, actor: Actor, year: number, unitCode: string, version: number): Promise<{ written: string[]; pending: string[] }> {
  const result = { written: [] as string[], pending: [] as string[] };
  await move(deps, actor, year, unitCode, 'approve', version, async (trx, list, items) => {
    const all = await store.itemsOfReview(trx, list.reviewId);
    const records = new Map((await allProcedures({ db: trx as unknown as Db })).map((r) => [r.code, r]));
    for (const item of items) {
      const code = item.procedureCode;
      const same = all.filter((i) => i.procedureCode === code);
      if (same.some((i) => i.state !== 'approved')) {
        result.pending.push(code);
        continue;
      }
      const row = records.get(code);
      if (!row) continue;
      const written = await writeDecision(trx, actor, year, row, same);
      await store.markWritten(trx, list.reviewId, code, written);
      result.written.push(code);
    }
    await store.setFlags(trx, list.id, []);
    return { revisionReason: null, detail: { written: result.written, pending: result.pending } };
  });
  return result;
}

/** Writes one procedure's consolidated decision; the catalogue version that carries it. */
async function writeDecision(trx: Transaction<DB>, actor: Actor, year: number, row: ProcedureRow, proposals: (store.ItemRow & { unitName: string })[]): Promise<number> {
  const p = row.record;
  const noFee = isFree(p.fees);
  const decision = consolidate(proposals, noFee, year);
  const flags = {
    requiresPresence: decision.requiresPresence,
    requiresSiteInspection: decision.requiresSiteInspection,
    feePayableOnline: decision.feePayableOnline,
    resultDeliverableOnlineOrPost: decision.resultDeliverableOnlineOrPost,
  };
  const next: Procedure = { ...p, ...flags, onlineLevel: levelAfter(p.legacyLevel as LegacyLevel, flags, noFee) };
  if (decision.ineligibleReason) next.ineligibleReason = decision.ineligibleReason;
  else delete next.ineligibleReason;
  const changed =
    (Object.keys(flags) as (keyof typeof flags)[]).some((k) => p[k] !== next[k]) || p.onlineLevel !== next.onlineLevel || (p.ineligibleReason ?? '') !== (next.ineligibleReason ?? '');
  if (!changed) return row.version;
  const saved = await saveProcedureIn(trx, actor, next, { summary: `Rà soát năm ${year}` });
  return saved.version;
}

// ---------------------------------------------------------------------------------------------
// Progress
// ---------------------------------------------------------------------------------------------

export interface UnitProgress {
  list: store.ListRow;
  total: number;
  decided: number;
  proposedEligible: number;
}

export interface Progress {
  review: store.ReviewRow;
  units: UnitProgress[];
  items: { total: number; decided: number };
  lists: { total: number; submitted: number; approved: number; revision: number };
  procedures: { total: number; written: number };
  targets: ReturnType<typeof targets>;
  next: ReturnType<typeof nextToMove>;
}

export async function progress(deps: ReviewDeps, actor: Actor, year: number): Promise<Progress> {
  await requireManager(deps, actor);
  const review = await store.reviewByYear(deps.db, year);
  if (!review) throw new ReviewNotFound();
  const [lists, items, rows] = await Promise.all([store.listsOf(deps.db, review.id), store.itemsOfReview(deps.db, review.id), allProcedures(deps)]);
  const units = lists.map((list) => {
    const own = items.filter((i) => i.listId === list.id);
    return { list, total: own.length, decided: own.filter((i) => i.proposal !== null).length, proposedEligible: own.filter((i) => i.proposal === 'eligible').length };
  });
  const codes = new Set(items.map((i) => i.procedureCode));
  const written = new Set(items.filter((i) => i.catalogueVersion !== null).map((i) => i.procedureCode));
  const facts: ProcedureFacts[] = rows
    .filter((r) => codes.has(r.code))
    .map((r) => ({
      code: r.code,
      name: r.name,
      legacyLevel: r.legacyLevel,
      onlineLevel: r.onlineLevel,
      dossierCount: r.dossierCount,
      free: isFree(r.record.fees),
      eligible: isEligibleFullOnline(r.record),
    }));
  return {
    review,
    units,
    items: { total: items.length, decided: items.filter((i) => i.proposal !== null).length },
    lists: {
      total: lists.length,
      // "sent": waiting for the province or already approved
      submitted: lists.filter((l) => l.state === 'submitted' || l.state === 'approved').length,
      approved: lists.filter((l) => l.state === 'approved').length,
      revision: lists.filter((l) => l.state === 'revision_requested').length,
    },
    procedures: { total: codes.size, written: written.size },
    targets: targets(facts),
    next: nextToMove(facts),
  };
}
