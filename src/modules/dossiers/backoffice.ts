// The back office: every move of a dossier after submission goes through move(), which checks
// the actor's role and unit against MOVERS (model.ts), the current state against TRANSITIONS
// and the version the actor saw (of two officers acting at once exactly one wins), then in one
// transaction updates the dossier, records its event and the audit entry, keeps the standard
// forms and queues the applicant's notification (outbox). A refused attempt changes nothing
// and is written to the audit log on its own.
import type { Transaction } from 'kysely';
import { recordAudit } from '../../platform/audit';
import type { Db } from '../../platform/db/connect';
import type { DB, DossierState } from '../../platform/db/schema';
import { AppError, ConflictError, ForbiddenError, ValidationError, type FieldError } from '../../platform/errors';
import { formatDate, localDate } from '../../platform/format';
import type { Actor } from '../../platform/http/context';
import type { Jobs } from '../../platform/jobs';
import type { BlobStore } from '../../platform/storage';
import type { Signing } from '../../platform/signing';
import { buffer } from 'node:stream/consumers';
import { issueSignedResult } from '../documents';
import { type AttachmentDeps, type IncomingFile, vetFile } from '../attachments';
import { computeDue, loadCalendar, type Pause, type TimeLimit, workingTimeBetween } from '../calendar';
import type { Procedure } from '../catalogue';
import { queueNotification } from '../notifications';
import { queueResultShipment, requirePostalChoice } from '../delivery';
import { findUnitById, findUnitByCode, unitScope } from '../org';
import { DossierChanged, DossierNotFound, TransitionNotAllowed } from './errors';
import { renderMau02, renderMau03, renderResult, type ResultData } from './forms';
import { addressOptions, answerLines, formVersion, generalRequestForm } from '../forms';
import {
  type Action,
  actionTowards,
  checkReason,
  checkWorkflow,
  defaultWorkflow,
  issuerOf,
  MOVERS,
  nextState,
  parallelGroup,
  type Reason,
  REASONS,
  type RequestItem,
  STATE_LABELS,
  stepOutcome,
  type StepUnit,
  type WorkflowStep,
} from './model';
import * as store from './store';
import { documentOpened, type Opened, OPENED_PAGE, recordDossierAccess } from './access-log';

export interface BackofficeDeps {
  db: Db;
  jobs: Jobs;
  blobs: BlobStore;
  publicUrl: string;
  /** For the files an applicant adds when asked to complete or supplement a dossier. */
  attachments: AttachmentDeps;
  /** Signs the approved result with the issuing unit's key. */
  signing: Signing;
}

type Dossier = NonNullable<Awaited<ReturnType<typeof store.byCode>>>;

// ---------------------------------------------------------------------------------------------
// Who may see and move a dossier
// ---------------------------------------------------------------------------------------------

const OFFICERS = new Set(['counter', 'specialist', 'leader']);

/** The units an officer acts for: their own and those below it (none for other roles). */
export async function officerScope(deps: Pick<BackofficeDeps, 'db'>, actor: Actor): Promise<Set<string>> {
  return actor.unitId && OFFICERS.has(actor.role) ? unitScope(deps, actor.unitId) : new Set();
}

/** An officer sees a dossier that their unit received, holds, or handled at a step. */
async function canSee(deps: Pick<BackofficeDeps, 'db'>, actor: Actor, d: Pick<Dossier, 'id' | 'applicantId' | 'receivingUnitId' | 'holderUnitId'>, scope: Set<string>): Promise<boolean> {
  if (d.applicantId !== null && d.applicantId === actor.id) return true;
  if (scope.has(d.receivingUnitId) || (d.holderUnitId !== null && scope.has(d.holderUnitId))) return true;
  return (await store.handoverUnits(deps.db, d.id)).some((u) => scope.has(u));
}

/** Whether the actor, as an officer, may see the dossier (their units received, hold or handled it). */
export async function officerCanSee(deps: Pick<BackofficeDeps, 'db'>, actor: Actor, d: Pick<Dossier, 'id' | 'applicantId' | 'receivingUnitId' | 'holderUnitId'>): Promise<boolean> {
  return OFFICERS.has(actor.role) && (await canSee(deps, actor, d, await officerScope(deps, actor)));
}

/** The dossier for an officer's page; anyone who may not see it gets "not found", and the attempt is logged. */
export async function dossierForOfficer(deps: Pick<BackofficeDeps, 'db'>, actor: Actor, code: string, opened: Opened = OPENED_PAGE): Promise<Dossier> {
  const d = await store.byCode(deps.db, code);
  if (!d || !(await officerCanSee(deps, actor, d))) {
    await logRefusal(deps.db, actor, code, 'view', new DossierNotFound());
    throw new DossierNotFound();
  }
  await recordDossierAccess(deps.db, actor, d, opened);
  return d;
}

/**
 * The units working on the dossier now: the holder, and while several agencies are consulted
 * at the same time, each of them (their open handover rows).
 */
async function holdersOf(deps: Pick<BackofficeDeps, 'db'>, d: Pick<Dossier, 'id' | 'state' | 'holderUnitId'>): Promise<Set<string>> {
  const units = new Set(d.holderUnitId ? [d.holderUnitId] : []);
  if (d.state === 'CONSULTING') for (const h of await store.openHandovers(deps.db, d.id)) units.add(h.unitId);
  return units;
}

/** Whether the actor may make the move now (state and role and unit); the reason in Vietnamese when not. */
export function refusalOf(actor: Actor, d: Pick<Dossier, 'state' | 'applicantId' | 'receivingUnitId' | 'holderUnitId'>, action: Action, scope: ReadonlySet<string>, holders: ReadonlySet<string> = new Set(d.holderUnitId ? [d.holderUnitId] : [])): string | undefined {
  if (!nextState(d.state, action)) return `Không thể thực hiện thao tác này khi hồ sơ ở trạng thái “${STATE_LABELS[d.state]}”.`;
  const ok = MOVERS[action].some((m) => {
    if (m.at === 'applicant') return d.applicantId !== null && d.applicantId === actor.id;
    if (m.role !== actor.role) return false;
    // the desk acts for the units below it (the province's centre for its departments); a
    // step is worked by the officers of the very unit that holds it, not by those above it
    if (m.at === 'receiving') return scope.has(d.receivingUnitId);
    return actor.unitId !== null && holders.has(actor.unitId);
  });
  return ok ? undefined : 'Bạn không có quyền thực hiện thao tác này đối với hồ sơ (sai vai trò hoặc hồ sơ không do đơn vị của bạn xử lý).';
}

/** The moves the actor may make on the dossier now, for the page's buttons. */
export async function allowedActions(deps: Pick<BackofficeDeps, 'db'>, actor: Actor, d: Dossier): Promise<Action[]> {
  const [scope, holders] = await Promise.all([officerScope(deps, actor), holdersOf(deps, d)]);
  return (Object.keys(MOVERS) as Action[]).filter((a) => refusalOf(actor, d, a, scope, holders) === undefined);
}

/** A refused attempt, in the audit log on its own (the refused operation wrote nothing). */
export async function logRefusal(db: Db, actor: Actor, code: string, action: string, err: Error): Promise<void> {
  await db.transaction().execute((trx) =>
    recordAudit(trx, actor, { action: 'dossier.refused', entityType: 'dossier', entityId: code, reason: err.message, detail: { attempted: action } }),
  );
}

// ---------------------------------------------------------------------------------------------
// The one way to move a dossier
// ---------------------------------------------------------------------------------------------

export interface Plan {
  /** Defaults to TRANSITIONS[state][action]. */
  to?: DossierState;
  set?: store.MoveSet;
  event: { type: string; publicNote: string | null; isPublic?: boolean; detail?: Record<string, unknown> };
  reason?: string;
  notify?: { title: string; body: string; short: string };
  /** More writes in the same transaction (handovers, requests, documents). */
  inTransaction?: (trx: Transaction<DB>, d: Dossier) => Promise<void>;
}

/**
 * Moves a dossier. `plan` runs before the transaction (it may read, render PDFs, store blobs)
 * and says what changes; the transaction re-reads the dossier under lock and applies it only
 * if the state and version are still those the actor saw.
 */
export async function move(deps: Pick<BackofficeDeps, 'db' | 'jobs'>, actor: Actor, code: string, action: Action, version: number, plan: (d: Dossier) => Promise<Plan>): Promise<Dossier> {
  const d = await store.byCode(deps.db, code);
  const scope = await officerScope(deps, actor);
  try {
    if (!d || !(await canSee(deps, actor, d, scope))) throw new DossierNotFound();
    const refusal = refusalOf(actor, d, action, scope, await holdersOf(deps, d));
    if (refusal) throw nextState(d.state, action) ? new ForbiddenError(refusal) : new TransitionNotAllowed(refusal);
    if (d.version !== version) throw new DossierChanged();
    const p = await plan(d);
    const to = p.to ?? nextState(d.state, action)!;
    await deps.db.transaction().execute(async (trx) => {
      const fresh = await store.byCodeForUpdate(trx, code);
      if (!fresh || fresh.version !== version || fresh.state !== d.state) throw new DossierChanged();
      if (!(await store.applyMove(trx, d.id, d.state, version, { state: to, ...p.set }))) throw new DossierChanged();
      await store.addEvent(trx, { dossierId: d.id, actorId: actor.id, actorRole: actor.role, fromState: d.state, toState: to, ...p.event, publicNote: p.event.publicNote, isPublic: p.event.isPublic ?? true });
      await recordAudit(trx, actor, { action: `dossier.${action}`, entityType: 'dossier', entityId: code, fromState: d.state, toState: to, ...(p.reason ? { reason: p.reason } : {}) });
      if (p.inTransaction) await p.inTransaction(trx, d);
      if (p.notify) {
        await queueNotification(trx, deps.jobs, { accountId: d.applicantId, email: d.applicantEmail, phone: d.applicantPhone }, p.notify, { type: 'dossier', id: code });
      }
    });
    return d;
  } catch (err) {
    if (err instanceof AppError && err.status < 500) await logRefusal(deps.db, actor, code, action, err);
    throw err;
  }
}

function reasonText(kind: keyof typeof REASONS, r: Reason): string {
  return `${REASONS[kind][r.code] ?? r.code}: ${r.explanation.trim()}`;
}

function requireReason(kind: keyof typeof REASONS, r: Partial<Reason> | undefined): Reason {
  const errors = checkReason(kind, r);
  if (errors.length > 0) throw new ValidationError(errors);
  return { code: r!.code!, explanation: r!.explanation!.trim() };
}

// ---------------------------------------------------------------------------------------------
// Reception: completion request (Mẫu 02), refusal (Mẫu 03)
// ---------------------------------------------------------------------------------------------

export interface ItemInput {
  /** 'c:<index>' for a component, 'f:<field>' for a form field. */
  target: string;
  reasonCode: string;
  explanation: string;
}

async function procedureOf(deps: Pick<BackofficeDeps, 'db'>, d: Dossier): Promise<Procedure> {
  return (await store.procedureRecord(deps.db, d.procedureId)) as Procedure;
}

/** Checks the marked items all at once; each error names the item's field. */
export function checkItems(kind: 'completion' | 'supplement', p: Pick<Procedure, 'components'>, items: readonly ItemInput[]): { items: RequestItem[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const out: RequestItem[] = [];
  if (items.length === 0) errors.push({ field: 'items', message: 'Đánh dấu ít nhất một thành phần hoặc thông tin cần bổ sung' });
  items.forEach((it, i) => {
    const m = /^(c|f):(.{1,80})$/.exec(it.target);
    let label: string | undefined;
    let componentIndex: number | undefined;
    let field: string | undefined;
    if (m?.[1] === 'c') {
      componentIndex = Number(m[2]);
      label = Number.isInteger(componentIndex) ? p.components[componentIndex]?.name : undefined;
    } else if (m?.[1] === 'f') {
      field = m[2];
      label = `Thông tin “${field}” trong tờ khai`;
    }
    if (!label) errors.push({ field: `items[${i}].target`, message: 'Thành phần hồ sơ không có trong thủ tục' });
    for (const e of checkReason(kind, { code: it.reasonCode, explanation: it.explanation })) errors.push({ ...e, field: `items[${i}].${e.field}` });
    if (label) out.push({ ...(componentIndex !== undefined ? { componentIndex } : {}), ...(field ? { field } : {}), label, reasonCode: it.reasonCode, explanation: it.explanation.trim() });
  });
  return { items: out, errors };
}

/** The header of a form issued by a unit: the province above it. */
export async function issuingUnit(deps: Pick<BackofficeDeps, 'db'>, unitId: string) {
  const [unit, province] = await Promise.all([findUnitById(deps, unitId), store.provinceUnit(deps.db)]);
  return issuerOf(unit?.name ?? '', province?.name);
}

function applicantOf(d: Dossier) {
  return { name: d.applicantName, ...(d.applicantPhone ? { phone: d.applicantPhone } : {}), ...(d.applicantEmail ? { email: d.applicantEmail } : {}) };
}

/** Mẫu 02 at the desk: everything missing or wrong, at once; the dossier goes back to the applicant. */
export async function requestCompletion(deps: BackofficeDeps, actor: Actor, code: string, version: number, input: { items: ItemInput[]; note?: string }, now = new Date()): Promise<void> {
  await move(deps, actor, code, 'requestCompletion', version, async (d) => {
    const { items, errors } = checkItems('completion', await procedureOf(deps, d), input.items);
    if (errors.length > 0) throw new ValidationError(errors);
    const pdf = await renderMau02({
      unit: await issuingUnit(deps, d.receivingUnitId),
      issuedAt: now,
      applicant: applicantOf(d),
      matter: d.procedureName,
      code,
      items: items.map((it) => ({ component: it.label, reason: REASONS.completion[it.reasonCode]!, explanation: it.explanation })),
      officer: { name: actor.fullName },
      rulesAt: `${deps.publicUrl}/thu-tuc/${d.procedureCode}`,
    });
    const blob = await deps.blobs.put(pdf);
    const round = (await store.lastFileRound(deps.db, d.id)) + 1;
    return {
      event: { type: 'completion_requested', publicNote: `Bộ phận một cửa yêu cầu bổ sung, hoàn thiện hồ sơ (${items.length} nội dung).`, detail: { items } },
      reason: items.map((it) => `${it.label}: ${REASONS.completion[it.reasonCode]}`).join('; '),
      inTransaction: async (trx) => {
        await store.addRequest(trx, { dossierId: d.id, kind: 'completion', round, items, note: input.note?.trim() || null, createdBy: actor.id });
        await store.addDocument(trx, { dossierId: d.id, kind: 'mau02', sha256: blob.sha256, createdBy: actor.id });
      },
      notify: {
        title: `Hồ sơ ${code} cần bổ sung, hoàn thiện`,
        body: [`Hồ sơ ${code} (${d.procedureName}) cần bổ sung, hoàn thiện:`, ...items.map((it, i) => `${i + 1}. ${it.label}: ${it.explanation}`), '', 'Bổ sung trực tuyến trong mục “Hồ sơ của tôi”, chỉ các nội dung trên.'].join('\n'),
        short: `Ho so ${code} can bo sung. Xem chi tiet trong muc Ho so cua toi tren Cong DVC.`,
      },
    };
  });
}

/** Mẫu 03: the desk refuses to receive, with a structured reason and a plain explanation. */
export async function rejectAtReception(deps: BackofficeDeps, actor: Actor, code: string, version: number, input: Partial<Reason>, now = new Date()): Promise<void> {
  const reason = requireReason('rejection', input);
  await move(deps, actor, code, 'rejectAtReception', version, async (d) => {
    const pdf = await renderMau03({
      unit: await issuingUnit(deps, d.receivingUnitId),
      issuedAt: now,
      applicant: applicantOf(d),
      matter: d.procedureName,
      code,
      reason: { label: REASONS.rejection[reason.code]!, explanation: reason.explanation },
      officer: { name: actor.fullName },
    });
    const blob = await deps.blobs.put(pdf);
    return {
      set: { holderUnitId: null },
      event: { type: 'rejected', publicNote: `Hồ sơ không được tiếp nhận. Lý do: ${reasonText('rejection', reason)}`, detail: { reason } },
      reason: reasonText('rejection', reason),
      inTransaction: (trx) => store.addDocument(trx, { dossierId: d.id, kind: 'mau03', sha256: blob.sha256, createdBy: actor.id }),
      notify: {
        title: `Hồ sơ ${code} không được tiếp nhận`,
        body: `Hồ sơ ${code} (${d.procedureName}) không được tiếp nhận.\nLý do: ${reasonText('rejection', reason)}\nPhiếu từ chối (Mẫu 03) có trong mục “Hồ sơ của tôi”.`,
        short: `Ho so ${code} khong duoc tiep nhan. Xem ly do trong muc Ho so cua toi.`,
      },
    };
  });
}

/** The open request (completion or supplement) of a dossier, for the applicant's page and the officer's. */
export async function openRequest(deps: Pick<BackofficeDeps, 'db'>, d: Pick<Dossier, 'id'>) {
  return store.openRequest(deps.db, d.id);
}

/** The applicant adds a file for an item of the open request (a new round; the old files stay). */
export async function addRequestedFile(deps: BackofficeDeps, actor: Actor, code: string, componentIndex: number, file: IncomingFile): Promise<void> {
  const d = await store.byCode(deps.db, code);
  if (!d || d.applicantId !== actor.id) throw new DossierNotFound();
  const request = await store.openRequest(deps.db, d.id);
  const items = (request?.items ?? []) as RequestItem[];
  if (!request || !items.some((it) => it.componentIndex === componentIndex)) {
    throw new ValidationError([{ field: `files-${componentIndex}`, message: 'Thành phần này không nằm trong yêu cầu bổ sung' }]);
  }
  const component = (await procedureOf(deps, d)).components[componentIndex]!;
  const vetted = await vetFile(deps.attachments, component, componentIndex, file, await store.dossierBytes(deps.db, d.id));
  await deps.db.transaction().execute(async (trx) => {
    await store.addDossierFile(trx, { dossierId: d.id, componentIndex, componentName: component.name, round: request.round, uploadedBy: actor.id, ...vetted });
  });
}

/** The items of the open request that still need a file in its round. */
export async function missingItems(deps: Pick<BackofficeDeps, 'db'>, d: Pick<Dossier, 'id'>): Promise<RequestItem[]> {
  const request = await store.openRequest(deps.db, d.id);
  if (!request) return [];
  const files = await store.filesOfRound(deps.db, d.id, request.round);
  const have = new Set(files.map((f) => f.componentIndex));
  return (request.items as RequestItem[]).filter((it) => it.componentIndex !== undefined && !have.has(it.componentIndex));
}

/** The applicant sends the completed dossier back to the desk (RETURNED_FOR_COMPLETION → SUBMITTED). */
export async function resubmit(deps: BackofficeDeps, actor: Actor, code: string, version: number, answers: Record<string, string> = {}): Promise<void> {
  await move(deps, actor, code, 'resubmit', version, async (d) => {
    const missing = await missingItems(deps, d);
    if (missing.length > 0) throw new ValidationError(missing.map((it) => ({ field: `files-${it.componentIndex}`, message: `Chưa đính kèm “${it.label}”` })));
    const request = (await store.openRequest(deps.db, d.id))!;
    const fieldAnswers = fieldItemAnswers(request.items as RequestItem[], answers);
    return {
      event: { type: 'resubmitted', publicNote: 'Người nộp đã bổ sung hồ sơ; chờ bộ phận một cửa kiểm tra lại.', detail: { answers: fieldAnswers } },
      inTransaction: (trx) => store.answerRequest(trx, request.id, new Date()),
    };
  });
}

/** Answers to items that name a form field: each is required and kept with the request. */
function fieldItemAnswers(items: readonly RequestItem[], answers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const errors: FieldError[] = [];
  for (const it of items) {
    if (!it.field) continue;
    const v = answers[it.field]?.trim() ?? '';
    if (v.length === 0) errors.push({ field: `answer-${it.field}`, message: `Nhập thông tin đã sửa cho “${it.label}”` });
    else out[it.field] = v.slice(0, 2000);
  }
  if (errors.length > 0) throw new ValidationError(errors);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Processing along the internal workflow
// ---------------------------------------------------------------------------------------------

/** The procedure's workflow: its latest saved version, else the default (the competent unit examines, its leader approves). */
export async function workflowOf(deps: Pick<BackofficeDeps, 'db'>, procedureCode: string, fallback: StepUnit = { at: 'receiving' }): Promise<WorkflowStep[]> {
  const saved = await store.latestWorkflow(deps.db, procedureCode);
  return saved ? (saved.steps as WorkflowStep[]) : defaultWorkflow(fallback);
}

/** Saves a new version of a procedure's workflow after checking it. */
export async function saveWorkflow(deps: Pick<BackofficeDeps, 'db'>, actor: Actor, procedureCode: string, steps: unknown, basedOn: number | null = null): Promise<number> {
  if (actor.role !== 'admin') throw new ForbiddenError();
  const errors = checkWorkflow(steps);
  for (const [i, st] of ((Array.isArray(steps) ? steps : []) as WorkflowStep[]).entries()) {
    if (st.unit?.at === 'unit' && !(await findUnitByCode(deps, st.unit.code))) errors.push({ field: `steps[${i}].unit.code`, message: `Không có đơn vị mã “${st.unit.code}”` });
    if (st.kind === 'consult' && parallelGroup(steps as WorkflowStep[], i)[1] === i && (steps as WorkflowStep[])[i + 1]?.kind !== 'process') errors.push({ field: `steps[${i + 1}].kind`, message: 'Sau bước lấy ý kiến (consult) phải là bước thụ lý (process) của cơ quan chủ trì' });
  }
  if (errors.length > 0) throw new ValidationError(errors);
  return deps.db.transaction().execute(async (trx) => {
    // another administrator saved meanwhile: say so rather than overwrite their version
    const latest = await store.latestWorkflow(trx, procedureCode);
    if ((latest?.version ?? null) !== basedOn) throw new ConflictError('workflow_changed', `Quy trình vừa được người khác lưu (phiên bản ${latest?.version ?? 0}). Hãy tải lại trang, xem thay đổi rồi sửa lại.`);
    const version = await store.insertWorkflow(trx, procedureCode, steps as WorkflowStep[], actor.id);
    await recordAudit(trx, actor, { action: 'workflow.saved', entityType: 'procedure', entityId: procedureCode, detail: { version } });
    return version;
  }).catch((err: unknown) => {
    // two saves on the same version at the same moment: the key (procedure, version) lets one through
    if ((err as { code?: string }).code === '23505') throw new ConflictError('workflow_changed', 'Quy trình vừa được người khác lưu. Hãy tải lại trang rồi sửa lại.');
    throw err;
  });
}

async function unitOfStep(deps: Pick<BackofficeDeps, 'db'>, d: Dossier, step: WorkflowStep): Promise<string> {
  if (step.unit.at === 'receiving') return d.receivingUnitId;
  if (step.unit.at === 'unit') {
    const u = await findUnitByCode(deps, step.unit.code);
    if (!u) throw new TransitionNotAllowed(`Quy trình nội bộ nêu đơn vị “${step.unit.code}” không còn tồn tại; quản trị cần sửa quy trình.`);
    return u.id;
  }
  const child = await store.childUnitOfKind(deps.db, d.receivingUnitId, step.unit.kind);
  if (!child) throw new TransitionNotAllowed('Không tìm thấy đơn vị thực hiện bước tiếp theo của quy trình; quản trị cần sửa quy trình.');
  return child;
}

/** A step's deadline: its share of the legal time, in office hours from the handover. */
async function stepDue(deps: Pick<BackofficeDeps, 'db'>, d: Dossier, step: WorkflowStep, from: Date): Promise<Date | null> {
  if (!d.receivedAt || !d.dueAt) return null;
  const { calendar } = await loadCalendar(deps);
  const total = workingTimeBetween(calendar, d.receivedAt, d.dueAt);
  const hours = Math.max(1, Math.ceil((total * step.share) / 100 / 60));
  const limit: TimeLimit = { amount: hours, unit: 'working_hours' };
  return computeDue(calendar, from, limit).dueAt;
}

function stepsOf(d: Dossier): WorkflowStep[] {
  return (d.workflow ?? []) as WorkflowStep[];
}

type NextStep = { key: string; name: string; unitId: string; role: string; dueAt: Date | null };

/**
 * Closes the open handover rows of the dossier (with early/on time/late), or only those of
 * `onlyUnit` (one of several agencies consulted at once answering), and opens the next ones.
 */
async function handOver(trx: Transaction<DB>, d: Dossier, actor: Actor, now: Date, next: NextStep | NextStep[] | undefined, onlyUnit?: string): Promise<void> {
  for (const h of await store.openHandovers(trx, d.id)) {
    if (onlyUnit !== undefined && h.unitId !== onlyUnit) continue;
    await store.closeHandover(trx, h.id, { finishedAt: now, finishedBy: actor.id, outcome: stepOutcome(h.dueAt, now) });
  }
  for (const n of next === undefined ? [] : Array.isArray(next) ? next : [next]) {
    await store.openHandover(trx, { dossierId: d.id, stepKey: n.key, stepName: n.name, unitId: n.unitId, role: n.role, startedAt: now, dueAt: n.dueAt });
  }
}

const ROLE_OF_KIND = { process: 'specialist', consult: 'specialist', approve: 'leader' } as const;

/** The desk hands the received dossier to the first step of the procedure's workflow. */
export async function startProcessing(deps: BackofficeDeps, actor: Actor, code: string, version: number, now = new Date()): Promise<void> {
  await move(deps, actor, code, 'startProcessing', version, async (d) => {
    const steps = await workflowOf(deps, d.procedureCode);
    const first = steps[0]!;
    const unitId = await unitOfStep(deps, d, first);
    const unit = await findUnitById(deps, unitId);
    const dueAt = await stepDue(deps, d, first, now);
    return {
      set: { workflow: JSON.stringify(steps), stepIndex: 0, holderUnitId: unitId, assigneeId: null },
      event: { type: 'handed_over', publicNote: `Hồ sơ được chuyển tới ${unit?.name ?? 'cơ quan giải quyết'} để giải quyết.`, detail: { toUnitId: unitId, step: first.key } },
      inTransaction: (trx) => handOver(trx, d, actor, now, { key: first.key, name: first.name, unitId, role: ROLE_OF_KIND[first.kind], dueAt }),
    };
  });
}

/**
 * A specialist of the holding unit takes the dossier into their own queue (while several
 * agencies are consulted at once, their own unit's step: the assignee is kept on its row).
 */
export async function take(deps: BackofficeDeps, actor: Actor, code: string, version: number): Promise<void> {
  await move(deps, actor, code, 'take', version, async (d) => ({
    ...(actor.unitId === d.holderUnitId ? { set: { assigneeId: actor.id } } : {}),
    event: { type: 'taken', publicNote: null, isPublic: false, detail: { assigneeId: actor.id } },
    inTransaction: async (trx) => {
      const own = (await store.openHandovers(trx, d.id)).find((h) => h.unitId === actor.unitId);
      if (own) await store.setHandoverAssignee(trx, own.id, actor.id);
    },
  }));
}

export interface DecisionInput {
  outcome: 'result' | 'refusal';
  /** The result document (PDF) for a result. */
  file?: IncomingFile;
  /** Or: the system writes the result document (forms/result.ts), numbered when approved. */
  generate?: boolean;
  /** The reason for a refusal. */
  reason?: Partial<Reason>;
  /** The specialist's or the consulted agency's opinion for the next step. */
  opinion?: string;
}

/**
 * The specialist (or the consulted agency) finishes the current step and the dossier moves to
 * the next step of the workflow; the action must match the next step's kind (forward to a
 * process step, consult another agency, send for approval).
 */
export async function advance(deps: BackofficeDeps, actor: Actor, code: string, version: number, action: 'forward' | 'consult' | 'consulted' | 'sendForApproval', input: DecisionInput | { opinion?: string } = {}, now = new Date()): Promise<void> {
  await move(deps, actor, code, action, version, async (d) => {
    const steps = stepsOf(d);
    const opinion = 'opinion' in input ? input.opinion?.trim() : undefined;
    if (action === 'consulted' && (!opinion || opinion.length < 10)) throw new ValidationError([{ field: 'opinion', message: 'Nhập ý kiến hoặc kết quả phối hợp (ít nhất 10 ký tự)' }]);
    // the step after the current one, or after the whole group of agencies consulted at once
    const index = parallelGroup(steps, d.stepIndex ?? 0)[1] + 1;
    if (action === 'consulted') {
      const waiting = await stillConsulting(deps, actor, d, opinion!, now);
      if (waiting) return waiting;
    }
    const next = steps[index];
    if (!next) throw new TransitionNotAllowed('Quy trình nội bộ không còn bước nào sau bước này.');
    const expected = actionTowards(next);
    if (action !== 'consulted' && expected !== action) throw new TransitionNotAllowed(`Bước tiếp theo của quy trình là “${next.name}”; hãy dùng thao tác tương ứng.`);
    if (action === 'consulted' && next.kind !== 'process') throw new TransitionNotAllowed('Sau khi có ý kiến phối hợp, hồ sơ phải trở lại cơ quan chủ trì.');
    if (action === 'consult' && parallelGroup(steps, index)[1] > index) return consultAtOnce(deps, actor, d, steps, index, now);
    const unitId = await unitOfStep(deps, d, next);
    const unit = await findUnitById(deps, unitId);
    const dueAt = await stepDue(deps, d, next, now);
    let decision: { outcome: 'result' | 'refusal'; sha256?: string; fileName?: string; reason?: Reason; generated?: boolean } | undefined;
    if (action === 'sendForApproval') decision = await draftDecision(deps, d, input as DecisionInput);
    const publicNote =
      action === 'consult' ? `Đang lấy ý kiến ${unit?.name ?? 'cơ quan phối hợp'}.` : action === 'sendForApproval' ? 'Đã dự thảo kết quả, trình lãnh đạo phê duyệt.' : action === 'consulted' ? 'Cơ quan phối hợp đã có ý kiến; hồ sơ trở lại cơ quan chủ trì.' : `Hồ sơ được chuyển tới ${unit?.name ?? 'bước tiếp theo'}.`;
    return {
      set: { stepIndex: index, holderUnitId: unitId, assigneeId: null, ...(decision ? { outcome: decision.outcome } : {}) },
      event: { type: action === 'sendForApproval' ? 'sent_for_approval' : action === 'consulted' ? 'consulted' : 'handed_over', publicNote, detail: { toUnitId: unitId, step: next.key, ...(opinion ? { opinion } : {}), ...(decision ? { outcome: decision.outcome, reason: decision.reason, ...(decision.generated ? { generated: true } : {}) } : {}) } },
      inTransaction: async (trx) => {
        await handOver(trx, d, actor, now, { key: next.key, name: next.name, unitId, role: ROLE_OF_KIND[next.kind], dueAt });
        if (decision?.sha256) await store.addDocument(trx, { dossierId: d.id, kind: 'result', sha256: decision.sha256, fileName: decision.fileName ?? null, createdBy: actor.id });
      },
    };
  });
}

/**
 * The lead agency asks every agency of a parallel group at once: one open handover row per
 * agency, each with its own deadline; the first of them is the dossier's holder of record.
 */
async function consultAtOnce(deps: BackofficeDeps, actor: Actor, d: Dossier, steps: WorkflowStep[], index: number, now: Date): Promise<Plan> {
  const [, last] = parallelGroup(steps, index);
  const group = await Promise.all(
    steps.slice(index, last + 1).map(async (st) => {
      const unitId = await unitOfStep(deps, d, st);
      return { key: st.key, name: st.name, unitId, role: ROLE_OF_KIND[st.kind], dueAt: await stepDue(deps, d, st, now), unitName: (await findUnitById(deps, unitId))?.name ?? st.name };
    }),
  );
  if (new Set(group.map((g) => g.unitId)).size < group.length) throw new TransitionNotAllowed('Hai bước lấy ý kiến song song của quy trình rơi vào cùng một đơn vị; quản trị cần sửa quy trình.');
  return {
    set: { stepIndex: index, holderUnitId: group[0]!.unitId, assigneeId: null },
    event: {
      type: 'handed_over',
      publicNote: `Đang lấy ý kiến đồng thời: ${group.map((g) => g.unitName).join('; ')}.`,
      detail: { toUnitIds: group.map((g) => g.unitId), steps: group.map((g) => g.key), parallel: true },
    },
    inTransaction: (trx) => handOver(trx, d, actor, now, group),
  };
}

/**
 * One of several agencies consulted at once gives its opinion: its own row closes; while others
 * have not answered the dossier stays with them (undefined when this was the last answer).
 */
async function stillConsulting(deps: BackofficeDeps, actor: Actor, d: Dossier, opinion: string, now: Date): Promise<Plan | undefined> {
  const open = await store.openHandovers(deps.db, d.id);
  const others = open.filter((h) => h.unitId !== actor.unitId);
  if (others.length === 0 || others.length === open.length) return undefined;
  const [mine, waiting] = await Promise.all([findUnitById(deps, actor.unitId!), Promise.all(others.map((h) => findUnitById(deps, h.unitId)))]);
  const holder = d.holderUnitId === actor.unitId ? others[0]! : undefined;
  return {
    to: 'CONSULTING',
    ...(holder ? { set: { holderUnitId: holder.unitId, assigneeId: holder.assigneeId } } : {}),
    event: {
      type: 'consulted',
      publicNote: `${mine?.name ?? 'Cơ quan phối hợp'} đã có ý kiến; còn chờ ý kiến của ${waiting.map((u) => u?.name ?? '').join('; ')}.`,
      detail: { unitId: actor.unitId, opinion, waitingFor: others.map((h) => h.unitId) },
    },
    inTransaction: (trx) => handOver(trx, d, actor, now, undefined, actor.unitId!),
  };
}

/** The draft decision sent for approval: a result document (PDF), or a refusal with its reason. */
async function draftDecision(deps: BackofficeDeps, d: Dossier, input: DecisionInput) {
  if (input.outcome === 'refusal') return { outcome: 'refusal' as const, reason: requireReason('refusal', input.reason) };
  if (input.outcome !== 'result') throw new ValidationError([{ field: 'outcome', message: 'Chọn dự thảo kết quả hoặc dự thảo văn bản từ chối' }]);
  if (input.generate && input.file) throw new ValidationError([{ field: 'resultFile', message: 'Chọn một trong hai: đính kèm tệp kết quả, hoặc để hệ thống tạo văn bản kết quả' }]);
  if (input.generate) {
    const blob = await deps.blobs.put(await generatedResult(deps, d, {}));
    return { outcome: 'result' as const, sha256: blob.sha256, fileName: `ket-qua-${d.code}-du-thao.pdf`, generated: true };
  }
  if (!input.file) {
    const existing = await store.latestDocument(deps.db, d.id, 'result');
    if (existing) return { outcome: 'result' as const };
    throw new ValidationError([{ field: 'resultFile', message: 'Đính kèm tệp PDF dự thảo kết quả giải quyết' }]);
  }
  const resultComponent = { code: 'KQ', name: 'Kết quả giải quyết', form: 'ban_chinh' as const, quantity: 1, required: true };
  const vetted = await vetFile(deps.attachments, resultComponent, 0, input.file, 0);
  if (vetted.mime !== 'application/pdf') throw new ValidationError([{ field: 'resultFile', message: 'Kết quả giải quyết phải là tệp PDF' }]);
  return { outcome: 'result' as const, sha256: vetted.sha256, fileName: vetted.fileName };
}

/**
 * The result document the system writes (forms/result.ts) from the procedure's record and the
 * dossier's answers, issued by the unit holding the dossier: a draft without a number, or the
 * approved document with its number, date and the approving leader.
 */
async function generatedResult(deps: BackofficeDeps, d: Dossier, opts: { number?: string; issuedAt?: Date; signerName?: string }): Promise<Buffer> {
  return renderResult(approvedResult(await resultData(deps, d), opts));
}

/** The result's content with its number, date and signer (given at approval, inside its transaction). */
function approvedResult(base: ResultData, opts: { number?: string; issuedAt?: Date; signerName?: string }): ResultData {
  return {
    ...base,
    ...(opts.number ? { number: opts.number } : {}),
    ...(opts.issuedAt ? { issuedAt: opts.issuedAt } : {}),
    signer: { ...base.signer, ...(opts.signerName ? { name: opts.signerName } : {}) },
  };
}

/** Everything the result document says but its number: read before any transaction opens. */
async function resultData(deps: BackofficeDeps, d: Dossier): Promise<ResultData> {
  const record = await procedureOf(deps, d);
  const def = d.formVersion ? await formVersion(deps, d.procedureCode, d.formVersion) : generalRequestForm(d.procedureCode, d.procedureName, 0);
  const address = await addressOptions(deps);
  const today = localDate(new Date());
  const data = (d.data ?? {}) as Record<string, unknown>;
  const answers = def.fields.flatMap((f): Array<[string, string]> => {
    if (f.kind === 'group') return [];
    const lines = answerLines(f, data[f.name], { today, address });
    return lines.length > 0 ? [[f.label, lines.join('; ')]] : [];
  });
  const holder = await findUnitById(deps, d.holderUnitId ?? d.receivingUnitId);
  return {
    unit: await issuingUnit(deps, d.holderUnitId ?? d.receivingUnitId),
    resultName: record.results[0] ?? 'Văn bản giải quyết thủ tục hành chính',
    procedureName: d.procedureName,
    code: d.code,
    applicant: applicantOf(d),
    answers,
    signer: { role: holder?.kind === 'ubnd_xa' || holder?.kind === 'ubnd_tinh' ? 'CHỦ TỊCH' : 'THỦ TRƯỞNG CƠ QUAN' },
  };
}

/** The leader sends the draft back to the lead agency's last process step, with a reason. */
export async function sendBack(deps: BackofficeDeps, actor: Actor, code: string, version: number, input: Partial<Reason>, now = new Date()): Promise<void> {
  const reason = requireReason('sendBack', input);
  await move(deps, actor, code, 'sendBack', version, async (d) => {
    const steps = stepsOf(d);
    let index = (d.stepIndex ?? 0) - 1;
    while (index > 0 && steps[index]?.kind !== 'process') index--;
    const step = steps[Math.max(0, index)]!;
    const unitId = await unitOfStep(deps, d, step);
    const dueAt = await stepDue(deps, d, step, now);
    return {
      set: { stepIndex: Math.max(0, index), holderUnitId: unitId, assigneeId: null, outcome: null },
      event: { type: 'sent_back', publicNote: 'Lãnh đạo yêu cầu hoàn thiện lại dự thảo kết quả.', detail: { reason, toUnitId: unitId } },
      reason: reasonText('sendBack', reason),
      inTransaction: (trx) => handOver(trx, d, actor, now, { key: step.key, name: step.name, unitId, role: 'specialist', dueAt }),
    };
  });
}

/** The leader approves the draft: a result is numbered and ready; a refusal is decided. The desk returns it. */
export async function decide(deps: BackofficeDeps, actor: Actor, code: string, version: number, action: 'approve' | 'refuse', now = new Date()): Promise<void> {
  await move(deps, actor, code, action, version, async (d) => {
    if (action === 'approve' && d.outcome !== 'result') throw new TransitionNotAllowed('Dự thảo trình ký là văn bản từ chối; hãy dùng thao tác “Phê duyệt văn bản từ chối” hoặc trả lại.');
    if (action === 'refuse' && d.outcome !== 'refusal') throw new TransitionNotAllowed('Dự thảo trình ký là kết quả giải quyết; hãy dùng thao tác “Phê duyệt kết quả” hoặc trả lại.');
    if (action === 'approve' && !(await store.latestDocument(deps.db, d.id, 'result'))) throw new ValidationError([{ field: 'resultFile', message: 'Chưa có tệp kết quả giải quyết' }]);
    const sent = await store.lastEventDetail(deps.db, d.id, 'sent_for_approval');
    // read outside the transaction (PGlite has one connection): what the written result says
    const written = action === 'approve' && sent?.generated === true ? await resultData(deps, d) : undefined;
    const reason = action === 'refuse' ? (sent?.reason as Reason | undefined) : undefined;
    const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(now);
    const desk = await findUnitById(deps, d.receivingUnitId);
    const note =
      action === 'approve'
        ? `Đã có kết quả giải quyết. Nhận kết quả trực tuyến trong mục “Hồ sơ của tôi” hoặc tại ${desk?.name ?? 'nơi nộp hồ sơ'}.`
        : `Hồ sơ không được giải quyết. Lý do: ${reason ? reasonText('refusal', reason) : ''}`;
    return {
      set: { holderUnitId: d.receivingUnitId, assigneeId: null, decidedAt: now },
      event: { type: action === 'approve' ? 'approved' : 'refused', publicNote: note, detail: reason ? { reason } : {} },
      ...(reason ? { reason: reasonText('refusal', reason) } : {}),
      inTransaction: async (trx) => {
        if (action === 'approve') {
          const serial = await store.nextSerial(trx, `KQ-${d.holderUnitId}`, `${year}-01-01`);
          const number = `${serial}/${year}/KQ`;
          await store.setResultNumber(trx, d.id, number);
          // a result the system wrote is written again with its number, date and signer; either
          // way the approved document is stamped with its verification code and signed (issue 10)
          const draft = (await store.latestDocument(trx, d.id, 'result'))!;
          const pdf = written ? await renderResult(approvedResult(written, { number, issuedAt: now, signerName: actor.fullName })) : await buffer(await deps.blobs.get(draft.sha256));
          const issued = await issueSignedResult({ db: deps.db, blobs: deps.blobs, publicUrl: deps.publicUrl, signing: deps.signing }, trx, actor, {
            dossierId: d.id,
            unitId: d.holderUnitId!,
            procedureCode: d.procedureCode,
            procedureName: d.procedureName,
            pdf,
            number,
            now,
          });
          await store.addDocument(trx, { dossierId: d.id, kind: 'result', sha256: issued.sha256, fileName: written ? `ket-qua-${d.code}.pdf` : draft.fileName, createdBy: actor.id });
        }
        await handOver(trx, d, actor, now, { key: 'tra-ket-qua', name: 'Trả kết quả', unitId: d.receivingUnitId, role: 'counter', dueAt: d.dueAt });
      },
      notify: {
        title: action === 'approve' ? `Hồ sơ ${code} đã có kết quả` : `Hồ sơ ${code} không được giải quyết`,
        body: `Hồ sơ ${code} (${d.procedureName}): ${note}`,
        short: action === 'approve' ? `Ho so ${code} da co ket qua. Nhan truc tuyen hoac tai noi nop.` : `Ho so ${code} khong duoc giai quyet. Xem ly do tren Cong DVC.`,
      },
    };
  });
}

/** Return: at the desk (who took it), by post, or downloaded online by the applicant. */
export async function deliver(deps: BackofficeDeps, actor: Actor, code: string, version: number, input: { channel: 'counter' | 'post' | 'online'; recipient?: string; idNumber?: string }, now = new Date()): Promise<void> {
  await move(deps, actor, code, 'deliver', version, async (d) => {
    const applicantSelf = d.applicantId === actor.id;
    if (applicantSelf && input.channel !== 'online') throw new ForbiddenError();
    if (!applicantSelf && input.channel === 'online') throw new ValidationError([{ field: 'channel', message: 'Cán bộ trả kết quả tại quầy hoặc qua bưu chính' }]);
    if (input.channel === 'counter' && (!input.recipient || input.recipient.trim().length < 3)) throw new ValidationError([{ field: 'recipient', message: 'Nhập họ và tên người nhận kết quả' }]);
    // by post: to the address the applicant gave (delivery module); the order goes out through the outbox
    const postal = input.channel === 'post' ? await requirePostalChoice(deps, d.id) : undefined;
    const delivery = { channel: input.channel, recipient: postal?.recipient ?? (input.recipient?.trim() || d.applicantName), idNumber: input.idNumber?.trim() || null, by: actor.id };
    const where = input.channel === 'online' ? 'trực tuyến' : input.channel === 'post' ? 'qua bưu chính' : 'tại bộ phận một cửa';
    return {
      set: { holderUnitId: null, deliveredAt: now, delivery: JSON.stringify(delivery) },
      event: { type: 'delivered', publicNote: `Đã trả kết quả ${where}.`, detail: delivery },
      inTransaction: async (trx) => {
        await handOver(trx, d, actor, now, undefined);
        if (postal) await queueResultShipment(trx, deps.jobs, d.id, actor.id);
      },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// The one supplement of processing (clock paused)
// ---------------------------------------------------------------------------------------------

export async function requestSupplement(deps: BackofficeDeps, actor: Actor, code: string, version: number, input: { items: ItemInput[]; note?: string }, now = new Date()): Promise<void> {
  await move(deps, actor, code, 'requestSupplement', version, async (d) => {
    if (d.supplementCount >= 1) throw new TransitionNotAllowed('Hồ sơ đã được yêu cầu bổ sung một lần trong quá trình giải quyết; theo quy định không yêu cầu bổ sung lần thứ hai.');
    const { items, errors } = checkItems('supplement', await procedureOf(deps, d), input.items);
    if (errors.length > 0) throw new ValidationError(errors);
    const round = (await store.lastFileRound(deps.db, d.id)) + 1;
    const pauses = [...(d.pauses ?? []), { start: now.toISOString(), end: null }];
    return {
      set: { supplementCount: d.supplementCount + 1, pauses: JSON.stringify(pauses) },
      event: { type: 'supplement_requested', publicNote: `Cơ quan giải quyết yêu cầu bổ sung hồ sơ (${items.length} nội dung); thời hạn giải quyết tạm dừng đến khi nhận được bổ sung.`, detail: { items } },
      reason: items.map((it) => `${it.label}: ${REASONS.supplement[it.reasonCode]}`).join('; '),
      inTransaction: (trx) => store.addRequest(trx, { dossierId: d.id, kind: 'supplement', round, items, note: input.note?.trim() || null, createdBy: actor.id }),
      notify: {
        title: `Hồ sơ ${code} cần bổ sung`,
        body: [`Cơ quan giải quyết hồ sơ ${code} (${d.procedureName}) yêu cầu bổ sung:`, ...items.map((it, i) => `${i + 1}. ${it.label}: ${it.explanation}`), '', 'Thời hạn giải quyết tạm dừng đến khi nhận được bổ sung. Bổ sung trực tuyến trong mục “Hồ sơ của tôi” hoặc tại bộ phận một cửa.'].join('\n'),
        short: `Ho so ${code} can bo sung; thoi han tam dung. Xem chi tiet tren Cong DVC.`,
      },
    };
  });
}

/** The supplement arrives (online from the applicant, or at the desk): the clock runs again and the due date moves by the pause. */
export async function supplementReceived(deps: BackofficeDeps, actor: Actor, code: string, version: number, answers: Record<string, string> = {}, now = new Date()): Promise<void> {
  await move(deps, actor, code, 'supplementReceived', version, async (d) => {
    const byApplicant = d.applicantId === actor.id;
    if (byApplicant) {
      const missing = await missingItems(deps, d);
      if (missing.length > 0) throw new ValidationError(missing.map((it) => ({ field: `files-${it.componentIndex}`, message: `Chưa đính kèm “${it.label}”` })));
    }
    const request = await store.openRequest(deps.db, d.id);
    const fieldAnswers = request && byApplicant ? fieldItemAnswers(request.items as RequestItem[], answers) : {};
    const pauses = (d.pauses ?? []).map((p) => (p.end === null ? { ...p, end: now.toISOString() } : p));
    const { calendar } = await loadCalendar(deps);
    const asPauses: Pause[] = pauses.map((p) => ({ start: new Date(p.start), end: new Date(p.end ?? now.toISOString()) }));
    const due = d.receivedAt ? computeDue(calendar, d.receivedAt, d.timeLimit as unknown as TimeLimit, asPauses).dueAt : d.dueAt;
    return {
      set: { pauses: JSON.stringify(pauses), dueAt: due },
      event: { type: 'supplement_received', publicNote: `Đã nhận hồ sơ bổ sung; thời hạn giải quyết tiếp tục, hẹn trả kết quả ngày ${due ? formatDate(due) : ''}.`, detail: { answers: fieldAnswers, at: byApplicant ? 'online' : 'counter' } },
      inTransaction: async (trx) => {
        if (request) await store.answerRequest(trx, request.id, now);
        // the open step's deadline moves by the same pause
        for (const h of await store.openHandovers(trx, d.id)) {
          if (h.dueAt) await store.setHandoverDue(trx, h.id, computeDue(calendar, h.startedAt, { amount: Math.max(1, Math.ceil(workingTimeBetween(calendar, h.startedAt, h.dueAt) / 60)), unit: 'working_hours' }, asPauses).dueAt);
        }
      },
    };
  });
}

/** The desk ends a dossier whose completion or supplement never came, with a reason. */
export async function cancel(deps: BackofficeDeps, actor: Actor, code: string, version: number, input: Partial<Reason>, now = new Date()): Promise<void> {
  const reason = requireReason('cancel', input);
  await move(deps, actor, code, 'cancel', version, async (d) => ({
    set: { holderUnitId: null },
    event: { type: 'cancelled', publicNote: `Hồ sơ đã bị hủy. Lý do: ${reasonText('cancel', reason)}`, detail: { reason } },
    reason: reasonText('cancel', reason),
    inTransaction: (trx) => handOver(trx, d, actor, now, undefined),
    notify: {
      title: `Hồ sơ ${code} đã bị hủy`,
      body: `Hồ sơ ${code} (${d.procedureName}) đã bị hủy. Lý do: ${reasonText('cancel', reason)}`,
      short: `Ho so ${code} da bi huy. Xem ly do tren Cong DVC.`,
    },
  }));
}

// ---------------------------------------------------------------------------------------------
// Documents and the applicant's view
// ---------------------------------------------------------------------------------------------

/**
 * A stored form or the result: for the applicant (the result only once approved), and for the
 * officers who may see the dossier. Anyone else: not found.
 */
export async function documentFor(deps: Pick<BackofficeDeps, 'db'>, actor: Actor, code: string, kind: store.DocumentKind) {
  const d = await store.byCode(deps.db, code);
  if (!d) throw new DossierNotFound();
  const own = d.applicantId !== null && d.applicantId === actor.id;
  if (!own && !(await officerCanSee(deps, actor, d))) {
    await logRefusal(deps.db, actor, code, `document.${kind}`, new DossierNotFound());
    throw new DossierNotFound();
  }
  if (own && kind === 'result' && d.state !== 'RESULT_READY' && !(d.state === 'DELIVERED' && d.outcome === 'result')) throw new DossierNotFound('Kết quả chưa được phê duyệt.');
  const doc = await store.latestDocument(deps.db, d.id, kind);
  if (!doc) throw new DossierNotFound('Hồ sơ chưa có văn bản này.');
  await recordDossierAccess(deps.db, actor, d, documentOpened(kind));
  return doc;
}

/** What the applicant sees of their dossier: its state, the open request's items and files, the documents, the result. */
export async function applicantView(deps: Pick<BackofficeDeps, 'db'>, actor: Actor, code: string) {
  const d = await store.byCode(deps.db, code);
  if (!d || d.applicantId !== actor.id) throw new DossierNotFound();
  const [record, request, files, documents, events] = await Promise.all([
    store.procedureRecord(deps.db, d.procedureId) as Promise<Procedure>,
    store.openRequest(deps.db, d.id),
    store.allFiles(deps.db, d.id),
    store.documentsOf(deps.db, d.id),
    store.publicEvents(deps.db, d.id),
  ]);
  const answering = d.state === 'RETURNED_FOR_COMPLETION' || d.state === 'SUPPLEMENT_REQUESTED';
  return {
    dossier: d,
    components: record.components,
    request: answering && request ? { ...request, items: request.items as RequestItem[] } : undefined,
    files,
    // the applicant sees the result once approved (the signed one, not the drafts before it), and every form issued to them
    documents: documents.filter(
      (doc) => doc.kind !== 'result' || ((d.state === 'RESULT_READY' || (d.state === 'DELIVERED' && d.outcome === 'result')) && doc === documents.findLast((x) => x.kind === 'result')),
    ),
    history: events,
  };
}

// ---------------------------------------------------------------------------------------------
// The applicant's rating after the return (feeds the satisfaction indicator)
// ---------------------------------------------------------------------------------------------

export const RATING_LABELS: Record<number, string> = { 5: 'Rất hài lòng', 4: 'Hài lòng', 3: 'Bình thường', 2: 'Không hài lòng', 1: 'Rất không hài lòng' };

/** Once per dossier, by its applicant, after the result (or refusal) was handed over. */
export async function rate(deps: Pick<BackofficeDeps, 'db'>, actor: Actor, code: string, input: { rating: number; comment?: string }): Promise<void> {
  const errors: FieldError[] = [];
  if (!Number.isInteger(input.rating) || !RATING_LABELS[input.rating]) errors.push({ field: 'rating', message: 'Chọn một mức đánh giá' });
  const comment = input.comment?.trim() ?? '';
  if (comment.length > 1000) errors.push({ field: 'comment', message: 'Góp ý dài quá 1.000 ký tự' });
  if (errors.length > 0) throw new ValidationError(errors);
  await deps.db.transaction().execute(async (trx) => {
    const d = await store.byCodeForUpdate(trx, code);
    if (!d || d.applicantId !== actor.id) throw new DossierNotFound();
    if (d.state !== 'DELIVERED') throw new TransitionNotAllowed('Chỉ đánh giá được sau khi đã nhận kết quả.');
    if (!(await store.setRating(trx, d.id, input.rating, comment || null))) throw new TransitionNotAllowed('Bạn đã đánh giá hồ sơ này.');
    await store.addEvent(trx, { dossierId: d.id, actorId: actor.id, actorRole: actor.role, type: 'rated', fromState: d.state, toState: d.state, publicNote: null, isPublic: false, detail: { rating: input.rating } });
    await recordAudit(trx, actor, { action: 'dossier.rated', entityType: 'dossier', entityId: code, detail: { rating: input.rating } });
  });
}
