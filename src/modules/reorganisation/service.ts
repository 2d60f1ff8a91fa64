// Use cases of the reorganisation tool: check a mapping, show what it would move (dry run), and
// apply it in one transaction: open dossiers (deadline and history kept, the move recorded),
// queues, workflows, accounts, procedure assignments, the units' dates, audit entries.
// Applying the same mapping twice changes nothing the second time, and says so.
import type { Transaction } from 'kysely';
import { recordAudit, type AuditActor } from '../../platform/audit';
import type { Db } from '../../platform/db/connect';
import type { DB } from '../../platform/db/schema';
import { ForbiddenError, ValidationError } from '../../platform/errors';
import { formatDate, formatDateTime } from '../../platform/format';
import type { Actor } from '../../platform/http/context';
import { requireAction } from '../accounts';
import { type Procedure, saveProcedureIn, SYSTEM_ACTOR, tierAt, type Tier } from '../catalogue';
import { addDossierEvent, stepOutcome } from '../dossiers';
import type { Unit } from '../org';
import {
  agenciesText,
  checkMapping,
  dayBefore,
  type Mapping,
  mappingDigest,
  type NewUnitSpec,
  parseMapping,
  type PlanCounts,
  reassignedProcedure,
  repointSteps,
  totalOf,
} from './model';
import * as store from './store';

export interface ReorganisationDeps {
  db: Db;
}

type Conn = Db | Transaction<DB>;

export interface Plan {
  mapping: Mapping;
  digest: string;
  /** The last day of the old units. */
  lastDay: string;
  /** Unit names by code, for display (old, existing and new units). */
  names: Record<string, string>;
  unitsEnding: { id: string; code: string; name: string; validTo: string | null }[];
  unitsStarting: NewUnitSpec[];
  successions: { from: string; to: string; kind: 'merge' | 'split' | 'rename' | 'transfer'; note: string | null }[];
  procedures: { code: string; name: string; fromTier: Tier | undefined; toTier: Tier | undefined; fromText: string; toText: string; record: Procedure }[];
  dossiers: {
    id: string;
    code: string;
    state: string;
    procedureName: string;
    dueAt: Date | null;
    receivingFrom: string;
    receivingTo: string;
    holderFrom: string | null;
    holderTo: string | null;
    workflow: unknown;
  }[];
  handovers: { id: number; dossierId: string; dossierCode: string; stepKey: string; stepName: string; role: string; dueAt: Date | null; assigneeId: string | null; unitFrom: string; unitTo: string }[];
  drafts: { id: string; procedureCode: string; unitFrom: string; unitTo: string }[];
  workflows: { procedureCode: string; version: number; steps: unknown }[];
  accounts: { id: string; username: string; fullName: string; role: string; unitFrom: string; unitTo: string }[];
  counts: PlanCounts;
}

export interface ApplyResult {
  changed: boolean;
  id: string | null;
  counts: PlanCounts;
  message: string;
}

/** Province administrators (of the People's Committee or its office) and the command line only. */
async function requireProvinceAdmin(conn: Conn, actor: Actor): Promise<void> {
  if (actor === SYSTEM_ACTOR) return;
  requireAction(actor, 'org.manage');
  const unit = actor.unitId ? await conn.selectFrom('units').select(['tier', 'kind']).where('id', '=', actor.unitId).executeTakeFirst() : undefined;
  if (!unit || unit.tier !== 'tinh' || (unit.kind !== 'ubnd_tinh' && unit.kind !== 'van_phong')) {
    throw new ForbiddenError('Chỉ quản trị của tỉnh mới được sắp xếp đơn vị.');
  }
}

async function allUnits(conn: Conn): Promise<Unit[]> {
  return conn.selectFrom('units').select(['id', 'code', 'name', 'kind', 'tier', 'parentId', 'eid', 'address', 'phone', 'email', 'validFrom', 'validTo']).execute();
}

/** Parses and checks a mapping against the database; every problem at once, each naming its entry. */
async function checked(conn: Conn, text: string): Promise<{ mapping: Mapping; units: Unit[] }> {
  const parsed = parseMapping(text);
  if (!parsed.ok) throw new ValidationError(parsed.errors);
  const [units, procs] = await Promise.all([allUnits(conn), store.procedures(conn)]);
  const errors = checkMapping(parsed.value, units, new Set(procs.map((p) => p.code)));
  if (errors.length > 0) throw new ValidationError(errors);
  return { mapping: parsed.value, units };
}

/** Everything the mapping would move, read through `conn` (the apply's transaction, or the database for a dry run). */
async function buildPlan(conn: Conn, m: Mapping, units: Unit[]): Promise<Plan> {
  const lastDay = dayBefore(m.effectiveDate);
  const byCode = new Map(units.map((u) => [u.code, u]));
  const codeOf = new Map(units.map((u) => [u.id, u.code]));
  const names: Record<string, string> = Object.fromEntries(units.map((u) => [u.code, u.name]));
  for (const n of m.newUnits) names[n.code] = n.name;
  const successorOf = new Map(m.units.map((e) => [e.from, e.to as string]));
  const oldUnits = m.units.map((e) => byCode.get(e.from)!);
  const oldIds = oldUnits.map((u) => u.id);
  const oldCodes = oldUnits.map((u) => u.code);
  const moveCode = (code: string) => successorOf.get(code) ?? code;

  const unitsEnding = oldUnits.filter((u) => u.validTo === null || u.validTo > lastDay).map((u) => ({ id: u.id, code: u.code, name: u.name, validTo: u.validTo }));
  const unitsStarting = m.newUnits.filter((n) => !byCode.has(n.code));
  const existing = new Set((await store.successions(conn)).map((s) => `${codeOf.get(s.predecessorId)}>${codeOf.get(s.successorId)}`));
  const successions = m.units.filter((e) => !existing.has(`${e.from}>${e.to}`)).map((e) => ({ from: e.from, to: e.to as string, kind: e.kind ?? 'merge', note: e.note ?? null }));

  const tierOf = (code: string): Tier | undefined => byCode.get(code)?.tier ?? m.newUnits.find((n) => n.code === code)?.tier;
  const procedures: Plan['procedures'] = [];
  for (const row of await store.procedures(conn)) {
    const p = row.record as unknown as Procedure;
    const next = reassignedProcedure(p, m, successorOf, tierOf);
    if (!next) continue;
    const nameMap = new Map(Object.entries(names));
    procedures.push({ code: p.code, name: p.name, fromTier: tierAt(p, lastDay), toTier: tierAt(next, m.effectiveDate), fromText: agenciesText(p.agencies, nameMap), toText: agenciesText(next.agencies, nameMap), record: next });
  }

  const seen = new Set<string>();
  const dossiers: Plan['dossiers'] = [];
  for (const d of [...(await store.openDossiersAt(conn, oldIds)), ...(await store.openDossiersNaming(conn, oldCodes))]) {
    if (seen.has(d.id)) continue;
    seen.add(d.id);
    const receivingFrom = codeOf.get(d.receivingUnitId)!;
    const holderFrom = d.holderUnitId ? (codeOf.get(d.holderUnitId) ?? null) : null;
    dossiers.push({
      id: d.id,
      code: d.code,
      state: d.state,
      procedureName: d.procedureName,
      dueAt: d.dueAt,
      receivingFrom,
      receivingTo: moveCode(receivingFrom),
      holderFrom,
      holderTo: holderFrom ? moveCode(holderFrom) : null,
      workflow: d.workflow ? repointSteps(d.workflow, successorOf).steps : null,
    });
  }
  dossiers.sort((a, b) => a.code.localeCompare(b.code));

  const handovers = (await store.openHandoversAt(conn, oldIds)).map((h) => ({ ...h, unitFrom: codeOf.get(h.unitId)!, unitTo: moveCode(codeOf.get(h.unitId)!) }));
  const drafts = (await store.draftsAt(conn, oldIds)).map((d) => ({ id: d.id, procedureCode: d.procedureCode, unitFrom: codeOf.get(d.receivingUnitId!)!, unitTo: moveCode(codeOf.get(d.receivingUnitId!)!) }));
  const workflows: Plan['workflows'] = [];
  for (const w of await store.latestWorkflows(conn)) {
    const r = repointSteps(w.steps, successorOf);
    if (r.changed) workflows.push({ procedureCode: w.procedureCode, version: w.version + 1, steps: r.steps });
  }
  const accounts = (await store.accountsAt(conn, oldIds)).map((a) => ({ id: a.id, username: a.username, fullName: a.fullName, role: a.role, unitFrom: codeOf.get(a.unitId!)!, unitTo: moveCode(codeOf.get(a.unitId!)!) }));

  const counts: PlanCounts = {
    unitsEnding: unitsEnding.length,
    unitsStarting: unitsStarting.length,
    successions: successions.length,
    procedures: procedures.length,
    dossiers: dossiers.length,
    queueItems: handovers.length + drafts.length,
    workflows: workflows.length,
    accounts: accounts.length,
  };
  return { mapping: m, digest: mappingDigest(m), lastDay, names, unitsEnding, unitsStarting, successions, procedures, dossiers, handovers, drafts, workflows, accounts, counts };
}

/** The dry run: what applying the mapping would move, changing nothing. */
export async function dryRun(deps: ReorganisationDeps, actor: Actor, text: string): Promise<Plan> {
  await requireProvinceAdmin(deps.db, actor);
  const { mapping, units } = await checked(deps.db, text);
  return buildPlan(deps.db, mapping, units);
}

function auditActor(actor: Actor): AuditActor {
  return actor === SYSTEM_ACTOR ? { id: null, role: 'system', unitId: null, ip: null } : { id: actor.id, role: actor.role, unitId: actor.unitId, ip: actor.ip };
}

/** Applies the mapping in one transaction; a second apply of the same mapping finds nothing to move and says so. */
export async function apply(deps: ReorganisationDeps, actor: Actor, text: string, now = new Date()): Promise<ApplyResult> {
  return deps.db.transaction().execute(async (trx) => {
    // inside the transaction every read goes through trx (PGlite has one connection)
    await store.lock(trx);
    await requireProvinceAdmin(trx, actor);
    const { mapping: m, units } = await checked(trx, text);
    const plan = await buildPlan(trx, m, units);
    if (totalOf(plan.counts) === 0) {
      const previous = await store.lastApplied(trx, plan.digest);
      const message = previous
        ? `Sơ đồ sắp xếp này đã được áp dụng lúc ${formatDateTime(previous.appliedAt)}; lần này không có gì thay đổi.`
        : 'Dữ liệu đã khớp với sơ đồ sắp xếp; không có gì cần chuyển nên không có gì thay đổi.';
      return { changed: false, id: null, counts: plan.counts, message };
    }
    const who = auditActor(actor);
    const actorId = actor === SYSTEM_ACTOR ? null : actor.id;
    const id = await store.insertReorganisation(trx, { effectiveDate: m.effectiveDate, title: m.title, digest: plan.digest, mapping: m, summary: { ...plan.counts }, appliedBy: actorId });
    const date = m.effectiveDate;

    // new units first (a parent before its children), then the successions
    const ids = new Map(units.map((u) => [u.code, u.id]));
    let pending = [...plan.unitsStarting];
    while (pending.length > 0) {
      const ready = pending.filter((n) => !n.parentCode || ids.has(n.parentCode));
      if (ready.length === 0) throw new ValidationError([{ field: 'mapping', message: `Không xác định được đơn vị cấp trên của: ${pending.map((n) => n.code).join(', ')}.` }]);
      for (const n of ready) {
        const unitId = await store.insertUnit(trx, { code: n.code, name: n.name, kind: n.kind, tier: n.tier, parentId: n.parentCode ? ids.get(n.parentCode)! : null, eid: n.eid ?? null, address: n.address ?? null, validFrom: date });
        ids.set(n.code, unitId);
        await recordAudit(trx, who, { action: 'unit.started', entityType: 'unit', entityId: n.code, detail: { reorganisationId: id, validFrom: date } });
      }
      pending = pending.filter((n) => !ready.includes(n));
    }
    for (const s of plan.successions) {
      await store.insertSuccession(trx, { predecessorId: ids.get(s.from)!, successorId: ids.get(s.to)!, effectiveDate: date, kind: s.kind, legalBasis: m.legalBasis ?? null, note: s.note });
    }

    // procedures: a new catalogue version each, with its own checks and audit entry
    for (const p of plan.procedures) {
      await saveProcedureIn(trx, actor, p.record, { summary: `Sắp xếp đơn vị từ ${formatDate(date)}: ${m.title}` });
    }

    // workflows: a new version naming the successors
    for (const w of plan.workflows) {
      await store.insertWorkflowVersion(trx, w.procedureCode, w.version, w.steps, actorId);
      await recordAudit(trx, who, { action: 'workflow.saved', entityType: 'procedure', entityId: w.procedureCode, detail: { version: w.version, reorganisationId: id } });
    }

    // open dossiers: units and the rest of their own workflow move; due date and history stay
    for (const d of plan.dossiers) {
      await store.moveDossier(trx, d.id, { receivingUnitId: ids.get(d.receivingTo)!, holderUnitId: d.holderTo ? ids.get(d.holderTo)! : null, workflow: d.workflow });
      const unitMoved = d.receivingTo !== d.receivingFrom || d.holderTo !== d.holderFrom;
      const from = d.holderFrom ?? d.receivingFrom;
      const to = d.holderTo ?? d.receivingTo;
      await addDossierEvent(trx, {
        dossierId: d.id,
        actorId,
        actorRole: who.role,
        type: 'reorganised',
        fromState: null,
        toState: null,
        isPublic: unitMoved,
        publicNote: unitMoved
          ? `Do sắp xếp đơn vị hành chính từ ngày ${formatDate(date)}, hồ sơ do ${plan.names[to] ?? to} tiếp tục giải quyết thay ${plan.names[from] ?? from}. Thời hạn giải quyết không thay đổi.`
          : null,
        detail: { reorganisationId: id, receiving: { from: d.receivingFrom, to: d.receivingTo }, holder: { from: d.holderFrom, to: d.holderTo } },
      });
      await recordAudit(trx, who, { action: 'dossier.reorganised', entityType: 'dossier', entityId: d.code, detail: { reorganisationId: id, receiving: { from: d.receivingFrom, to: d.receivingTo }, holder: { from: d.holderFrom, to: d.holderTo } } });
    }
    for (const h of plan.handovers) {
      await store.handOverRow(trx, h, ids.get(h.unitTo)!, now, actorId, stepOutcome(h.dueAt, now));
    }
    for (const d of plan.drafts) await store.moveDraft(trx, d.id, ids.get(d.unitTo)!);
    for (const a of plan.accounts) {
      await store.moveAccount(trx, a.id, ids.get(a.unitTo)!);
      await recordAudit(trx, who, { action: 'account.unit_changed', entityType: 'account', entityId: a.username, detail: { reorganisationId: id, from: a.unitFrom, to: a.unitTo } });
    }

    // the old units end the day before
    for (const u of plan.unitsEnding) {
      await store.endUnit(trx, u.id, plan.lastDay);
      await recordAudit(trx, who, { action: 'unit.ended', entityType: 'unit', entityId: u.code, detail: { reorganisationId: id, validTo: plan.lastDay, successor: m.units.find((e) => e.from === u.code)?.to } });
    }
    await recordAudit(trx, who, { action: 'reorganisation.applied', entityType: 'reorganisation', entityId: id, detail: { title: m.title, effectiveDate: date, digest: plan.digest, counts: plan.counts } });
    const moved = Object.values(plan.counts).reduce((a, b) => a + b, 0);
    return { changed: true, id, counts: plan.counts, message: `Đã áp dụng sơ đồ sắp xếp “${m.title}” (${moved} thay đổi).` };
  });
}

export async function recentReorganisations(deps: ReorganisationDeps) {
  return store.history(deps.db);
}
