// Online submission (level 3): a draft per procedure and citizen, saved at every step and
// resumable from any device, then submitted in one transaction: the dossier, its form data
// (checked against the form version it was filled in), its files and its first event.
import type { FieldError } from '../../platform/errors';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import { localDate } from '../../platform/format';
import type { Actor } from '../../platform/http/context';
import type { Db } from '../../platform/db/connect';
import type { Jobs } from '../../platform/jobs';
import type { BlobStore } from '../../platform/storage';
import { applicantProfile, accountByIdNumber, checkActingFor, componentsForDraft, identityLoa, requireAction, requireOrganisation, type ActingForInput } from '../accounts';
import { allProcedures, filledByForm, publishedProcedure, type DossierComponent, type Procedure } from '../catalogue';
import { draftsOf, mine, receivingUnitsAmong, receivingUnitsFor, submit, submittedWithKey } from '../dossiers';
import { addressOptions, currentForm, formVersion } from '../forms/service';
import { type AddressOptions, type Answers, type FormDefinition, generalRequestForm, prefill, validateAnswers } from '../forms';
import type { ActingFor, DraftChannel, OnBehalf } from '../../platform/db/schema';
import { checkDraftFiles, filesOfDraft, moveDraftFilesToDossier, prepareSubmissionFiles } from '../attachments';
import { unitsOn, type Unit } from '../org';
import * as store from './store';

export interface SubmissionDeps {
  db: Db;
  jobs: Jobs;
  blobs: BlobStore;
}

export class DraftNotFound extends NotFoundError {
  constructor() {
    super('Không tìm thấy bản nháp này. Có thể hồ sơ đã được nộp hoặc bản nháp đã bị xóa; xem mục “Hồ sơ của tôi”.');
  }
}

export class FormReplaced extends ConflictError {
  constructor(version: number) {
    super(
      'form_replaced',
      `Tờ khai của thủ tục này vừa được cơ quan cập nhật (phiên bản ${version}) nên hồ sơ chưa được nộp. Những gì bạn đã nhập vẫn được giữ lại; hãy kiểm tra lại tờ khai theo mẫu mới rồi nộp.`,
    );
  }
}

/** Components the citizen may attach files to, with their index in the procedure record (then the power of attorney, when the draft needs one). */
export function uploadSlots(p: Procedure, actingFor?: ActingFor | null): { index: number; component: DossierComponent; required: boolean }[] {
  return componentsForDraft(p.components, actingFor).map((component, index) => ({ index, component, required: component.required && !filledByForm(component) }));
}

function applicantOnly(actor: Actor): void {
  if (actor.role !== 'citizen' && actor.role !== 'business') throw new ForbiddenError('Chỉ công dân, tổ chức đăng nhập bằng tài khoản của mình mới nộp hồ sơ trực tuyến.');
}

/** Who fills drafts: applicants for themselves, the one-stop desk for applicants at the counter or by post. */
function drafterOnly(actor: Actor): void {
  if (actor.role !== 'counter') applicantOnly(actor);
}

/** A procedure that can be submitted online, with its current form. */
export async function onlineProcedure(deps: SubmissionDeps, code: string) {
  const row = await publishedProcedure(deps, code);
  const def = row.onlineLevel === 'none' ? undefined : await currentForm(deps, code);
  if (!def) throw new NotFoundError('Thủ tục này chưa nhận hồ sơ trực tuyến. Xem cách thực hiện trên trang thủ tục.');
  return { row, def };
}

/**
 * Starts an online draft: for the citizen themself, for a family member, or as an authorised
 * person (chosen on the start page: `acting`). For someone else, the tờ khai's applicant fields
 * are prefilled with that person's name and ID number, not the submitter's.
 */
export async function startDraft(deps: SubmissionDeps, actor: Actor, code: string, acting: ActingForInput = {}): Promise<string> {
  applicantOnly(actor);
  const { row, def } = await onlineProcedure(deps, code);
  const own = await applicantProfile(deps, actor.id);
  // an organisation (or its staff acting for it) submits as itself
  if (actor.role === 'business' && (acting.capacity ?? 'self') !== 'self') {
    throw new ValidationError([{ field: 'capacity', message: 'Tổ chức nộp hồ sơ đứng tên tổ chức; chọn “Cho bản thân tôi”' }]);
  }
  const checked = checkActingFor(acting, own.idNumber ?? null);
  if (checked.errors.length > 0) throw new ValidationError(checked.errors);
  // a procedure may require the applicant's identity verified by the national electronic identity (record.minIdentityLoa: 1 | 2)
  const minLoa = (row.record as { minIdentityLoa?: unknown }).minIdentityLoa;
  if ((minLoa === 1 || minLoa === 2) && (await identityLoa(deps.db, actor.id)) < minLoa) {
    throw new ForbiddenError(
      `Thủ tục này yêu cầu tài khoản định danh điện tử mức ${minLoa}. Hãy đăng nhập bằng tài khoản định danh điện tử tại /dang-nhap/dinh-danh?tiep=/nop-ho-so/${code} rồi nộp hồ sơ.`,
    );
  }
  const units = await receivingUnitsFor(deps, row.record);
  const subject = checked.value && checked.value.capacity !== 'staff' ? { fullName: checked.value.name, idNumber: checked.value.idNumber } : undefined;
  const answers = prefill(def, subject ?? own);
  return store.insert(deps.db, { accountId: actor.id, procedureCode: code, formVersion: def.version, receivingUnitId: units.length === 1 ? units[0]!.id : null, answers, actingFor: checked.value });
}

export interface DraftView {
  draft: NonNullable<store.DraftRow>;
  procedure: Procedure;
  def: FormDefinition;
  units: Unit[];
  address: AddressOptions;
}

/** The draft with everything its pages need; only its owner sees it. */
export async function openDraft(deps: SubmissionDeps, actor: Actor, id: string): Promise<DraftView> {
  const draft = await store.byId(deps.db, id);
  if (!draft || draft.accountId !== actor.id) throw new DraftNotFound();
  const row = await publishedProcedure(deps, draft.procedureCode);
  const def = draft.formVersion
    ? await formVersion(deps, draft.procedureCode, draft.formVersion)
    : draft.onBehalf
      ? deskForm(row.record)
      : (await onlineProcedure(deps, draft.procedureCode)).def;
  const [all, address] = await Promise.all([receivingUnitsFor(deps, row.record), addressOptions(deps)]);
  // the desk receives for its own unit only
  const units = draft.onBehalf ? all.filter((u) => u.id === draft.receivingUnitId) : all;
  return { draft, procedure: row.record, def, units, address };
}

// ---------------------------------------------------------------------------------------
// The one-stop desk: a dossier brought to the counter or received by post
// ---------------------------------------------------------------------------------------

/** A procedure with no e-form of its own is entered at the desk with the general request form (version 0: none stored). */
function deskForm(p: Procedure): FormDefinition {
  return generalRequestForm(p.code, p.name, 0);
}

/** What the officer types about the applicant before the tờ khai, checked by the forms validator. */
const DESK_APPLICANT: FormDefinition = {
  procedureCode: '0.000000',
  version: 0,
  title: 'Người nộp hồ sơ',
  fields: [
    { kind: 'text', name: 'name', label: 'Họ và tên người nộp hồ sơ', required: true, maxLength: 100 },
    { kind: 'cccd', name: 'idNumber', label: 'Số định danh cá nhân' },
    { kind: 'phone', name: 'phone', label: 'Số điện thoại' },
    { kind: 'email', name: 'email', label: 'Thư điện tử' },
  ],
};

export interface DeskEntryInput {
  procedureCode: string;
  channel: string;
  applicant: Record<string, string>;
}

/**
 * Starts a dossier the desk enters for an applicant: the procedure (any the officer's unit
 * receives, online or not), how the papers came (counter or post), and who brought them. When
 * the ID number is an applicant's account, the dossier is theirs (they follow it in "Hồ sơ của
 * tôi" and their earlier documents can be reused) and the tờ khai is prefilled from their profile.
 */
export async function startDeskDraft(deps: SubmissionDeps, actor: Actor, input: DeskEntryInput, now = new Date()): Promise<string> {
  requireAction(actor, 'dossier.receive');
  const errors: FieldError[] = [];
  const row = /^\d\.\d{6}$/.test(input.procedureCode) ? await publishedProcedure(deps, input.procedureCode).catch(() => undefined) : undefined;
  if (!row) errors.push({ field: 'procedureCode', message: 'Chọn thủ tục hành chính trong danh sách' });
  else if (!(await receivingUnitsFor(deps, row.record, localDate(now))).some((u) => u.id === actor.unitId)) {
    errors.push({ field: 'procedureCode', message: 'Đơn vị của bạn không tiếp nhận hồ sơ của thủ tục này; hãy hướng dẫn người nộp tới nơi tiếp nhận ghi trên trang thủ tục' });
  }
  const channel = DESK_CHANNELS.find((c) => c === input.channel);
  if (!channel) errors.push({ field: 'channel', message: 'Chọn cách nhận hồ sơ: trực tiếp tại quầy hoặc qua bưu chính' });
  const checked = validateAnswers(DESK_APPLICANT, input.applicant, { today: localDate(now) });
  errors.push(...checked.errors);
  if (errors.length > 0 || !row || !channel || !checked.value) throw new ValidationError(errors);
  const who = checked.value as { name: string; idNumber?: string; phone?: string; email?: string };
  const account = who.idNumber ? await accountByIdNumber(deps, who.idNumber) : undefined;
  const onBehalf: OnBehalf = { ...who, ...(account ? { accountId: account.id } : {}) };
  const def = (await currentForm(deps, row.code)) ?? deskForm(row.record);
  const typed = { fullName: who.name, ...(who.idNumber ? { idNumber: who.idNumber } : {}), ...(who.phone ? { phone: who.phone } : {}), ...(who.email ? { email: who.email } : {}) };
  const profile = account ? { ...(await applicantProfile(deps, account.id)), ...typed } : typed;
  return store.insert(deps.db, {
    accountId: actor.id,
    procedureCode: row.code,
    formVersion: def.version || null,
    receivingUnitId: actor.unitId,
    answers: prefill(def, profile),
    channel,
    onBehalf,
  });
}

export const DESK_CHANNELS = ['counter', 'post'] as const satisfies readonly DraftChannel[];

/** The published procedures the officer's unit receives dossiers for, by field: the desk's choice. */
export async function deskProcedures(deps: SubmissionDeps, actor: Actor, now = new Date()): Promise<{ code: string; name: string; field: string }[]> {
  requireAction(actor, 'dossier.receive');
  const [rows, units] = await Promise.all([allProcedures(deps), unitsOn(deps, localDate(now))]);
  const collator = new Intl.Collator('vi');
  return rows
    .filter((r) => r.status === 'published' && receivingUnitsAmong(units, r.record).some((u) => u.id === actor.unitId))
    .map((r) => ({ code: r.code, name: r.name, field: r.record.field.name }))
    .sort((a, b) => collator.compare(a.field, b.field) || a.code.localeCompare(b.code));
}

export async function myDrafts(deps: SubmissionDeps, actor: Actor) {
  return draftsOf(deps, actor);
}

function unitError(units: Unit[], unitId: string | null | undefined): FieldError[] {
  return unitId && units.some((u) => u.id === unitId) ? [] : [{ field: 'receivingUnitId', message: 'Chọn nơi tiếp nhận hồ sơ trong danh sách' }];
}

/**
 * Saves what the citizen entered on the form step, valid or not (nothing entered is lost). When
 * they ask to go on, the answers must pass the validator; the errors come back otherwise.
 */
export async function saveFormStep(deps: SubmissionDeps, actor: Actor, id: string, input: { answers: Answers; receivingUnitId: string | undefined; proceed: boolean }): Promise<FieldError[]> {
  const v = await openDraft(deps, actor, id);
  const unitId = input.receivingUnitId && v.units.some((u) => u.id === input.receivingUnitId) ? input.receivingUnitId : v.draft.receivingUnitId;
  await store.update(deps.db, id, { answers: input.answers, receivingUnitId: unitId ?? null });
  if (!input.proceed) return [];
  const errors = [...unitError(v.units, input.receivingUnitId ?? unitId), ...validateAnswers(v.def, input.answers, { today: localDate(new Date()), address: v.address }).errors];
  if (errors.length === 0) await store.update(deps.db, id, { step: v.draft.step === 'form' ? 'files' : v.draft.step });
  return errors;
}

/** The files step is done when every required component has a file. */
export async function finishFilesStep(deps: SubmissionDeps, actor: Actor, id: string): Promise<FieldError[]> {
  const v = await openDraft(deps, actor, id);
  const errors = checkDraftFiles(uploadSlots(v.procedure, v.draft.actingFor), await filesOfDraft(deps.db, id));
  if (errors.length === 0) await store.update(deps.db, id, { step: 'review' });
  return errors;
}

/** Everything the review page shows, and the problems that would stop the submission. */
export async function review(deps: SubmissionDeps, actor: Actor, id: string) {
  const v = await openDraft(deps, actor, id);
  const checked = validateAnswers(v.def, v.draft.answers, { today: localDate(new Date()), address: v.address });
  const files = await filesOfDraft(deps.db, id);
  const errors = [...unitError(v.units, v.draft.receivingUnitId), ...checked.errors, ...checkDraftFiles(uploadSlots(v.procedure, v.draft.actingFor), files)];
  return { ...v, value: checked.value, files, errors, unit: v.units.find((u) => u.id === v.draft.receivingUnitId) };
}

export async function deleteDraft(deps: SubmissionDeps, actor: Actor, id: string): Promise<void> {
  const draft = await store.byId(deps.db, id);
  if (!draft || draft.accountId !== actor.id) throw new DraftNotFound();
  await store.remove(deps.db, id);
}

function text(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

/**
 * Submits a draft. `key` is the draft's idempotency key from the review page: a second press (a
 * double click, a retry after a dropped connection) answers with the dossier the first one made.
 */
export async function submitDraft(deps: SubmissionDeps, actor: Actor, id: string, key: string): Promise<{ code: string; created: boolean }> {
  drafterOnly(actor);
  const done = await submittedWithKey(deps, actor, key);
  if (done) return { code: done, created: false };
  try {
    return await submitOnce(deps, actor, id, key);
  } catch (err) {
    // a second press that lost the race finds the draft gone: answer with the first one's dossier
    const raced = err instanceof DraftNotFound ? await submittedWithKey(deps, actor, key) : undefined;
    if (raced) return { code: raced, created: false };
    throw err;
  }
}

async function submitOnce(deps: SubmissionDeps, actor: Actor, id: string, key: string): Promise<{ code: string; created: boolean }> {
  const r = await review(deps, actor, id);
  if (r.draft.idempotencyKey !== key) throw new DraftNotFound();
  const latest = await currentForm(deps, r.draft.procedureCode);
  if (latest && latest.version !== r.def.version) {
    await store.update(deps.db, id, { formVersion: latest.version, step: 'form' });
    throw new FormReplaced(latest.version);
  }
  if (r.errors.length > 0 || !r.value || !r.unit) throw new ValidationError(r.errors);
  const answers = r.value;
  const desk = r.draft.onBehalf;
  const profile = desk ? (desk.accountId ? await applicantProfile(deps, desk.accountId) : {}) : await applicantProfile(deps, actor.id);
  const slots = uploadSlots(r.procedure, r.draft.actingFor);
  // who acted for whom: a family member or principal chosen at the start; a staff member for their organisation now
  const actingFor: ActingFor | null = actor.agent ? { capacity: 'staff', submitterId: actor.agent.id, submitterName: actor.agent.fullName } : r.draft.actingFor;
  // photos shrunk and merged into one PDF per component, stored before the transaction opens
  const prepared = await prepareSubmissionFiles(deps, id, slots.map((s) => s.component));
  return submit(deps, actor, {
    procedureCode: r.draft.procedureCode,
    receivingUnitId: r.unit.id,
    formVersion: r.def.version || null,
    answers,
    applicant: {
      name: text(answers.fullName) ?? text(answers.requesterName) ?? desk?.name ?? actor.fullName,
      phone: text(answers.phone) ?? text(answers.requesterPhone) ?? desk?.phone ?? profile.phone ?? null,
      email: text(answers.email) ?? text(answers.requesterEmail) ?? desk?.email ?? profile.email ?? null,
    },
    idempotencyKey: key,
    ...(desk && r.draft.channel !== 'online' ? { onBehalf: { channel: r.draft.channel, applicantId: desk.accountId ?? null } } : {}),
    alsoInTransaction: async (trx, dossierId) => {
      await moveDraftFilesToDossier(trx, { draftId: id, dossierId, components: slots.map((s) => s.component), uploadedBy: actor.agent?.id ?? actor.id, prepared });
      if (actingFor) await store.recordActingFor(trx, dossierId, actingFor);
      // the draft goes with the submission: if it was already gone, another request submitted it
      if ((await store.remove(trx, id)) !== 1) throw new DraftNotFound();
    },
  });
}

/** "Hồ sơ của tổ chức": the organisation's dossiers, for its own login and for each member acting for it (membership checked now). */
export async function organisationDossiers(deps: SubmissionDeps, actor: Actor) {
  await requireOrganisation(deps.db, actor);
  return mine(deps, actor);
}
