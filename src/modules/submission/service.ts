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
import { applicantProfile } from '../accounts';
import { filledByForm, publishedProcedure, type DossierComponent, type Procedure } from '../catalogue';
import { draftsOf, receivingUnitsFor, submit, submittedWithKey } from '../dossiers';
import { addressOptions, currentForm, formVersion } from '../forms/service';
import { type AddressOptions, type Answers, type FormDefinition, prefill, validateAnswers } from '../forms';
import { checkDraftFiles, filesOfDraft, moveDraftFilesToDossier, prepareSubmissionFiles } from '../attachments';
import type { Unit } from '../org';
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

/** Components the citizen may attach files to, with their index in the procedure record. */
export function uploadSlots(p: Procedure): { index: number; component: DossierComponent; required: boolean }[] {
  return p.components.map((component, index) => ({ index, component, required: component.required && !filledByForm(component) }));
}

function applicantOnly(actor: Actor): void {
  if (actor.role !== 'citizen' && actor.role !== 'business') throw new ForbiddenError('Chỉ công dân, tổ chức đăng nhập bằng tài khoản của mình mới nộp hồ sơ trực tuyến.');
}

/** A procedure that can be submitted online, with its current form. */
export async function onlineProcedure(deps: SubmissionDeps, code: string) {
  const row = await publishedProcedure(deps, code);
  const def = row.onlineLevel === 'none' ? undefined : await currentForm(deps, code);
  if (!def) throw new NotFoundError('Thủ tục này chưa nhận hồ sơ trực tuyến. Xem cách thực hiện trên trang thủ tục.');
  return { row, def };
}

export async function startDraft(deps: SubmissionDeps, actor: Actor, code: string): Promise<string> {
  applicantOnly(actor);
  const { row, def } = await onlineProcedure(deps, code);
  const units = await receivingUnitsFor(deps, row.record);
  const answers = prefill(def, await applicantProfile(deps, actor.id));
  return store.insert(deps.db, { accountId: actor.id, procedureCode: code, formVersion: def.version, receivingUnitId: units.length === 1 ? units[0]!.id : null, answers });
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
  const def = draft.formVersion ? await formVersion(deps, draft.procedureCode, draft.formVersion) : (await onlineProcedure(deps, draft.procedureCode)).def;
  const [units, address] = await Promise.all([receivingUnitsFor(deps, row.record), addressOptions(deps)]);
  return { draft, procedure: row.record, def, units, address };
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
  const errors = checkDraftFiles(uploadSlots(v.procedure), await filesOfDraft(deps.db, id));
  if (errors.length === 0) await store.update(deps.db, id, { step: 'review' });
  return errors;
}

/** Everything the review page shows, and the problems that would stop the submission. */
export async function review(deps: SubmissionDeps, actor: Actor, id: string) {
  const v = await openDraft(deps, actor, id);
  const checked = validateAnswers(v.def, v.draft.answers, { today: localDate(new Date()), address: v.address });
  const files = await filesOfDraft(deps.db, id);
  const errors = [...unitError(v.units, v.draft.receivingUnitId), ...checked.errors, ...checkDraftFiles(uploadSlots(v.procedure), files)];
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
  applicantOnly(actor);
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
  const profile = await applicantProfile(deps, actor.id);
  const slots = uploadSlots(r.procedure);
  // photos shrunk and merged into one PDF per component, stored before the transaction opens
  const prepared = await prepareSubmissionFiles(deps, id, slots.map((s) => s.component));
  return submit(deps, actor, {
    procedureCode: r.draft.procedureCode,
    receivingUnitId: r.unit.id,
    formVersion: r.def.version,
    answers,
    applicant: {
      name: text(answers.fullName) ?? text(answers.requesterName) ?? actor.fullName,
      phone: text(answers.phone) ?? text(answers.requesterPhone) ?? profile.phone ?? null,
      email: text(answers.email) ?? text(answers.requesterEmail) ?? profile.email ?? null,
    },
    idempotencyKey: key,
    alsoInTransaction: async (trx, dossierId) => {
      await moveDraftFilesToDossier(trx, { draftId: id, dossierId, components: slots.map((s) => s.component), uploadedBy: actor.id, prepared });
      // the draft goes with the submission: if it was already gone, another request submitted it
      if ((await store.remove(trx, id)) !== 1) throw new DraftNotFound();
    },
  });
}
