// Deadlines with their I/O: the leader of the unit at fault apologises and sets a new
// appointment (Mẫu 04) in one transaction with the dossier's new due date, its event, the audit
// entry, the stored form and the applicant's notification; the lateness of each unit's steps;
// and the daily job that tells each unit's leaders what is due soon or late.
import { recordAudit } from '../../platform/audit';
import type { Db } from '../../platform/db/connect';
import { AppError, ForbiddenError, ValidationError } from '../../platform/errors';
import { localDate } from '../../platform/format';
import type { Actor } from '../../platform/http/context';
import type { Jobs } from '../../platform/jobs';
import type { BlobStore } from '../../platform/storage';
import { loadCalendar } from '../calendar';
import { queueNotification } from '../notifications';
import { findUnitById, type Unit } from '../org';
import { logRefusal, officerCanSee, officerScope } from './backoffice';
import { recordDossierAccess } from './access-log';
import {
  apologyMessage,
  apologyNote,
  apologyRefusal,
  type ApologyInput,
  atRiskHorizon,
  checkApology,
  delayReasonText,
  digestMessage,
  hoursLate,
  issuerOf,
  type OverdueStep,
  type RiskyDossier,
  RUNNING_STATES,
  signatoryPosition,
} from './deadlines';
import * as ds from './deadlines-store';
import { DossierChanged, DossierNotFound, TransitionNotAllowed } from './errors';
import { renderMau04 } from './forms';
import * as store from './store';

export interface DeadlineDeps {
  db: Db;
  jobs: Jobs;
  blobs: BlobStore;
}

type Dossier = NonNullable<Awaited<ReturnType<typeof store.byCode>>>;

// ---------------------------------------------------------------------------------------------
// The apology (Mẫu 04)
// ---------------------------------------------------------------------------------------------

export interface ApologyView {
  dossier: Dossier;
  /** The unit at fault: the one that holds the dossier now. */
  unit: Unit;
  originalDueAt: Date | null;
  lateCount: number;
}

/**
 * The dossier for the apology form, if the actor may issue one now: anyone who may not see it
 * gets 404, a wrong role or unit 403, an undecided state 409; each refusal is logged.
 */
export async function apologyFor(deps: Pick<DeadlineDeps, 'db'>, actor: Actor, code: string): Promise<ApologyView> {
  try {
    const d = await store.byCode(deps.db, code);
    if (!d || !(await officerCanSee(deps, actor, d))) throw new DossierNotFound();
    const refusal = apologyRefusal(actor, d);
    if (refusal) throw refusal.status === 403 ? new ForbiddenError(refusal.message) : new TransitionNotAllowed(refusal.message);
    const [unit, delay] = await Promise.all([findUnitById(deps, d.holderUnitId!), ds.delayOf(deps.db, d.id)]);
    if (!unit) throw new DossierNotFound();
    await recordDossierAccess(deps.db, actor, d, { kind: 'page', item: 'Trang lập phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)' });
    return { dossier: d, unit, ...delay };
  } catch (err) {
    if (err instanceof AppError && err.status < 500) await logRefusal(deps.db, actor, code, 'apology', err);
    throw err;
  }
}

/**
 * The leader of the unit at fault apologises and sets a new appointment. The form is rendered
 * and stored first; the transaction re-reads the dossier under lock and applies the change only
 * if its state and version are those the leader saw (of two leaders at once, exactly one wins).
 */
export async function issueApology(deps: DeadlineDeps, actor: Actor, code: string, version: number, input: ApologyInput, now = new Date()): Promise<{ newDueAt: Date }> {
  const v = await apologyFor(deps, actor, code);
  const d = v.dossier;
  try {
    if (d.version !== version) throw new DossierChanged();
    const { calendar } = await loadCalendar(deps);
    const checked = checkApology(input, { dueAt: d.dueAt, now, calendar });
    if (!checked.reason || !checked.newDueAt) throw new ValidationError(checked.errors);
    const { reason, newDueAt } = checked;
    const province = await store.provinceUnit(deps.db);
    const pdf = await renderMau04({
      unit: issuerOf(v.unit.name, province?.name),
      issuedAt: now,
      addressee: d.applicantName,
      code,
      matter: d.procedureName,
      receivedAt: d.receivedAt ?? d.submittedAt,
      // the appointment the applicant holds now: the receipt's, or the last apology's
      originalDueAt: d.dueAt ?? newDueAt,
      reason: delayReasonText(reason),
      newDueAt,
      signatory: { position: signatoryPosition(v.unit.kind), name: actor.fullName },
    });
    const blob = await deps.blobs.put(pdf);
    const note = apologyNote(v.unit.name, d.dueAt, newDueAt, reason);
    await deps.db.transaction().execute(async (trx) => {
      const fresh = await store.byCodeForUpdate(trx, code);
      if (!fresh || fresh.version !== version || fresh.state !== d.state || fresh.holderUnitId !== d.holderUnitId) throw new DossierChanged();
      if (!(await ds.postpone(trx, { id: d.id, state: d.state, version, dueAt: newDueAt, now }))) throw new DossierChanged();
      const detail = { reason, unitId: v.unit.id, oldDueAt: d.dueAt?.toISOString() ?? null, newDueAt: newDueAt.toISOString(), originalDueAt: (v.originalDueAt ?? d.dueAt)?.toISOString() ?? null, lateCount: v.lateCount + 1 };
      await store.addEvent(trx, { dossierId: d.id, actorId: actor.id, actorRole: actor.role, type: 'apology', fromState: d.state, toState: d.state, publicNote: note, isPublic: true, detail });
      await recordAudit(trx, actor, { action: 'dossier.apology', entityType: 'dossier', entityId: code, fromState: d.state, toState: d.state, reason: delayReasonText(reason), detail: { unitId: v.unit.id, oldDueAt: detail.oldDueAt, newDueAt: detail.newDueAt } });
      await store.addDocument(trx, { dossierId: d.id, kind: 'mau04', sha256: blob.sha256, createdBy: actor.id });
      await queueNotification(trx, deps.jobs, { accountId: d.applicantId, email: d.applicantEmail, phone: d.applicantPhone }, apologyMessage(code, d.procedureName, note, reason, newDueAt), { type: 'dossier', id: code });
    });
    return { newDueAt };
  } catch (err) {
    if (err instanceof AppError && err.status !== 400 && err.status < 500) await logRefusal(deps.db, actor, code, 'apology', err);
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Lateness by unit (Mẫu 05's result column, read across dossiers)
// ---------------------------------------------------------------------------------------------

export interface LateStep {
  code: string;
  procedureName: string;
  stepName: string;
  startedAt: Date;
  dueAt: Date;
  /** null while the step is still open. */
  finishedAt: Date | null;
  /** Office hours past the step's due moment (to its end, or to now while open). */
  hoursLate: number;
}

export interface UnitLateness {
  unitId: string;
  unitName: string;
  /** How many steps of the unit went late in the period (the page lists the first LATE_STEPS_LISTED). */
  total: number;
  steps: LateStep[];
}

/** Late steps listed per unit, the earliest due first; the count is of them all. */
export const LATE_STEPS_LISTED = 100;

/**
 * The steps that went late, by the unit that held the dossier then: handovers closed late in
 * [from, to), and open ones already past their due moment (before `to` and now).
 */
export async function lateSteps(db: Db, opts: { from: Date; to: Date; unitIds?: readonly string[]; now?: Date; listed?: number }): Promise<UnitLateness[]> {
  const now = opts.now ?? new Date();
  const cutoff = new Date(Math.min(now.getTime(), opts.to.getTime()));
  const rows = await ds.lateHandovers(db, { from: opts.from, to: opts.to, cutoff, unitIds: opts.unitIds, perUnit: opts.listed ?? LATE_STEPS_LISTED });
  const { calendar } = await loadCalendar({ db });
  const byUnit = new Map<string, UnitLateness>();
  for (const r of rows) {
    if (!r.dueAt) continue;
    let unit = byUnit.get(r.unitId);
    if (!unit) byUnit.set(r.unitId, (unit = { unitId: r.unitId, unitName: r.unitName, total: Number(r.unitTotal), steps: [] }));
    unit.steps.push({
      code: r.code,
      procedureName: r.procedureName,
      stepName: r.stepName,
      startedAt: r.startedAt,
      dueAt: r.dueAt,
      finishedAt: r.finishedAt,
      hoursLate: hoursLate(calendar, r.dueAt, r.finishedAt ?? now),
    });
  }
  return [...byUnit.values()];
}

/** Whose lateness an officer sees: leaders and the desk their unit and those below it, a specialist their own unit. */
export async function latenessScope(deps: Pick<DeadlineDeps, 'db'>, actor: Actor): Promise<string[]> {
  if (!actor.unitId) return [];
  if (actor.role === 'specialist') return [actor.unitId];
  if (actor.role === 'leader' || actor.role === 'counter') return [...(await officerScope(deps, actor))];
  return [];
}

// ---------------------------------------------------------------------------------------------
// The daily at-risk summary
// ---------------------------------------------------------------------------------------------

export const AT_RISK_QUEUE = 'deadlines.at-risk';
/** Every morning at 07:00 in Vietnam (Jobs.schedule uses Asia/Ho_Chi_Minh); days off are skipped by the job. */
export const AT_RISK_CRON = '0 7 * * *';

export function defineDeadlineQueues(jobs: Jobs): void {
  jobs.define(AT_RISK_QUEUE, { retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 600 });
}

/** Registers the morning schedule: an upsert by name, so every process may call it; pg-boss sends one job per tick. */
export async function scheduleAtRisk(jobs: Jobs): Promise<void> {
  await jobs.schedule(AT_RISK_QUEUE, AT_RISK_CRON);
}

export async function startDeadlineWorker(deps: Pick<DeadlineDeps, 'db' | 'jobs'>, log: (obj: object, msg: string) => void = () => {}): Promise<void> {
  await deps.jobs.work(AT_RISK_QUEUE, async () => {
    const result = await atRiskDigest(deps, new Date());
    log({ skipped: result.skipped, units: result.units.length, sent: result.units.filter((u) => u.sent).length }, 'deadline at-risk summary');
  }, { pollingIntervalSeconds: 30 });
  await scheduleAtRisk(deps.jobs);
}

export interface DigestResult {
  /** Set when today is not a working day in the calendar. */
  skipped?: 'day_off';
  units: { unitId: string; unitName: string; dossiers: number; steps: number; leaders: number; sent: boolean }[];
}

/**
 * For each unit with dossiers due within two working days (or late) or steps past their due
 * moment, one summary to its leaders through the outbox, at most once per unit and day (a
 * second run, a retry or another process finds the day's claim and sends nothing).
 */
export async function atRiskDigest(deps: Pick<DeadlineDeps, 'db' | 'jobs'>, now: Date): Promise<DigestResult> {
  const { calendar } = await loadCalendar(deps);
  const day = localDate(now);
  if (!calendar.isWorkingDay(day)) return { skipped: 'day_off', units: [] };
  const [dossiers, steps] = await Promise.all([ds.riskyDossiers(deps.db, RUNNING_STATES, atRiskHorizon(calendar, now)), ds.overdueSteps(deps.db, now)]);
  const byUnit = new Map<string, { dossiers: RiskyDossier[]; steps: OverdueStep[] }>();
  const of = (unitId: string) => byUnit.get(unitId) ?? byUnit.set(unitId, { dossiers: [], steps: [] }).get(unitId)!;
  for (const d of dossiers) of(d.unitId).dossiers.push(d);
  for (const s of steps) of(s.unitId).steps.push(s);
  const unitIds = [...byUnit.keys()];
  const [leaders, names] = await Promise.all([ds.leadersOf(deps.db, unitIds), ds.unitNames(deps.db, unitIds)]);
  const result: DigestResult = { units: [] };
  for (const [unitId, risk] of byUnit) {
    const unitName = names.get(unitId) ?? '';
    const to = leaders.filter((l) => l.unitId === unitId);
    const sent = await deps.db.transaction().execute(async (trx) => {
      if (!(await ds.claimDigest(trx, { unitId, day, dossierCount: risk.dossiers.length, stepCount: risk.steps.length }))) return false;
      const message = digestMessage(unitName, now, risk.dossiers, risk.steps);
      for (const l of to) await queueNotification(trx, deps.jobs, { accountId: l.id, email: l.email, phone: l.phone }, message, { type: 'unit', id: unitId });
      return true;
    });
    result.units.push({ unitId, unitName, dossiers: risk.dossiers.length, steps: risk.steps.length, leaders: to.length, sent });
  }
  return result;
}
