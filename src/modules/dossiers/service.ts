// Submitting, tracking and withdrawing dossiers. The back-office transitions come with
// the workflow issue; they will use the same table of moves (model.ts) and moveState().
import { recordAudit } from '../../platform/audit';
import type { Transaction } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { DB, DossierChannel } from '../../platform/db/schema';
import { ForbiddenError, ValidationError } from '../../platform/errors';
import { localDate } from '../../platform/format';
import type { Actor } from '../../platform/http/context';
import { computeDue, loadCalendar } from '../calendar';
import { publishedProcedure, type Procedure } from '../catalogue';
import { findUnitById, unitsOn, type Unit } from '../org';
import { queueNotification } from '../notifications';
import type { Jobs } from '../../platform/jobs';
import { formatDate, formatDateTime } from '../../platform/format';
import { DossierChanged, DossierNotFound, NotOnline, TransitionNotAllowed } from './errors';
import { type DossierState, formatDossierCode, nextState, RECEIVED_BY, STATE_LABELS } from './model';
import * as store from './store';

export interface DossierDeps {
  db: Db;
  jobs: Jobs;
}

/** SMS text without diacritics: 160 GSM characters instead of 70 UCS-2 ones. */
function plainAscii(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

/** Where a citizen may hand in a dossier for a procedure: the competent communes, or the province's one-stop centre. */
export async function receivingUnitsFor(deps: Pick<DossierDeps, 'db'>, p: Procedure, day = localDate(new Date())): Promise<Unit[]> {
  return receivingUnitsAmong(await unitsOn(deps, day), p);
}

/** receivingUnitsFor over units already loaded (the units of one day), for many procedures at once. */
export function receivingUnitsAmong(units: readonly Unit[], p: Procedure): Unit[] {
  const refs = [...p.agencies.competent, ...p.agencies.authorised];
  const out = new Map<string, Unit>();
  for (const ref of refs) {
    if ('unitKind' in ref) {
      // commune police handle their procedures through the commune's one-stop desk
      const kind = ref.unitKind === 'cong_an_xa' ? 'ubnd_xa' : ref.unitKind;
      for (const u of units) if (u.kind === kind && u.eid) out.set(u.id, u);
    } else {
      const unit = units.find((u) => u.code === ref.unitCode);
      if (!unit) continue;
      if (unit.tier === 'tinh') {
        for (const u of units) if (u.kind === 'ttpvhcc' && u.eid) out.set(u.id, u);
      } else if (unit.eid) out.set(unit.id, unit);
    }
  }
  return [...out.values()].sort((a, b) => new Intl.Collator('vi').compare(a.name, b.name));
}

export interface SubmitInput {
  procedureCode: string;
  receivingUnitId: string;
  formVersion: number | null;
  /** Answers already checked against the form version they were filled in. */
  answers: Record<string, unknown>;
  applicant: { name: string; phone: string | null; email: string | null };
  /** One per submit button press: a double click submits once. */
  idempotencyKey: string;
  /** Entered by the one-stop desk for an applicant who came to the counter or sent the papers by post. */
  onBehalf?: { channel: 'counter' | 'post'; applicantId: string | null };
  /** Submitted on the national public-service portal and passed on to us (national-portal module; its own account, made by 0020). */
  nationalPortal?: { applicantId: string | null };
  /** More writes that must commit with the dossier or not at all (its files, the draft's removal). */
  alsoInTransaction?: (trx: Transaction<DB>, dossierId: string) => Promise<void>;
}

/** The account dossiers submitted on the national public-service portal are submitted by (migration 0020). */
export const NATIONAL_PORTAL_ACCOUNT_ID = '00000000-0000-4000-8000-00000000d0c9';

/** Whose dossier a submission is: the actor's own online, or one the desk enters for an applicant. */
function submitter(actor: Actor, input: SubmitInput): { applicantId: string | null; channel: DossierChannel } {
  if (input.nationalPortal) {
    if (actor.id !== NATIONAL_PORTAL_ACCOUNT_ID) throw new ForbiddenError();
    return { applicantId: input.nationalPortal.applicantId, channel: 'national_portal' };
  }
  if (!input.onBehalf) {
    if (actor.role !== 'citizen' && actor.role !== 'business') throw new ForbiddenError('Chỉ công dân, tổ chức đăng nhập bằng tài khoản của mình mới nộp hồ sơ trực tuyến.');
    return { applicantId: actor.id, channel: 'online' };
  }
  if (actor.role !== 'counter' || actor.unitId !== input.receivingUnitId) throw new ForbiddenError('Chỉ cán bộ bộ phận một cửa của nơi tiếp nhận mới nhập hồ sơ thay cho người nộp.');
  return { applicantId: input.onBehalf.applicantId, channel: input.onBehalf.channel };
}

/** The account that made a submission with this key may see it again: the applicant online, the officer at the desk. */
function madeBy(d: { applicantId: string | null; submittedBy: string | null }, actor: Actor): boolean {
  return d.submittedBy === (actor.agent?.id ?? actor.id) || (d.applicantId !== null && d.applicantId === actor.id);
}

export async function submit(deps: DossierDeps, actor: Actor, input: SubmitInput, now = new Date()): Promise<{ code: string; created: boolean }> {
  const who = submitter(actor, input);
  const existing = await store.byIdempotencyKey(deps.db, input.idempotencyKey);
  if (existing) {
    if (!madeBy(existing, actor)) throw new ForbiddenError();
    return { code: existing.code, created: false };
  }
  const row = await publishedProcedure(deps, input.procedureCode);
  const p = row.record;
  // at the desk every procedure is received, online or not; online only those offered online
  if (who.channel === 'online' && p.onlineLevel === 'none') throw new NotOnline();
  const allowed = await receivingUnitsFor(deps, p, localDate(now));
  const unit = allowed.find((u) => u.id === input.receivingUnitId);
  if (!unit || !unit.eid) throw new ValidationError([{ field: 'receivingUnitId', message: 'Chọn nơi tiếp nhận hồ sơ trong danh sách' }]);
  const { calendar } = await loadCalendar(deps);
  // the legal clock starts at reception (RECEIVED); this is the date to expect if received now
  const expected = computeDue(calendar, now, p.processingTime);
  const eid = unit.eid;
  const how = RECEIVED_BY[who.channel];

  try {
    return await deps.db.transaction().execute(async (trx) => {
      const day = localDate(now);
      const code = formatDossierCode(eid, day, await store.nextSerial(trx, eid, day));
      const id = await store.insert(trx, {
        code,
        procedureId: row.id,
        procedureCode: p.code,
        procedureName: p.name,
        procedureVersion: row.version,
        formVersion: input.formVersion,
        applicantId: who.applicantId,
        // a staff member acting for their organisation: the organisation applies, the person submits (0021)
        submittedBy: actor.agent?.id ?? actor.id,
        channel: who.channel,
        state: 'SUBMITTED',
        receivingUnitId: unit.id,
        holderUnitId: unit.id,
        applicantName: input.applicant.name,
        applicantPhone: input.applicant.phone,
        applicantEmail: input.applicant.email,
        data: input.answers,
        timeLimit: { ...p.processingTime },
        submittedAt: now,
        expectedDueAt: expected.dueAt,
        idempotencyKey: input.idempotencyKey,
      });
      if (input.alsoInTransaction) await input.alsoInTransaction(trx, id);
      await store.addEvent(trx, { dossierId: id, actorId: actor.id, actorRole: actor.role, type: 'submitted', fromState: null, toState: 'SUBMITTED', publicNote: `Hồ sơ đã ${how} tới ${unit.name}.`, detail: { channel: who.channel } });
      await recordAudit(trx, actor, { action: 'dossier.submitted', entityType: 'dossier', entityId: code, toState: 'SUBMITTED', ...(input.onBehalf ? { reason: `Nhập thay cho người nộp (${who.channel})` } : {}) });
      // through the outbox: sent only if this transaction commits, retried until delivered
      await queueNotification(
        trx,
        deps.jobs,
        { accountId: who.applicantId, email: input.applicant.email, phone: input.applicant.phone },
        {
          title: `Hồ sơ ${code} đã được nộp`,
          body: [
            `Kính gửi ${input.applicant.name},`,
            '',
            `Hồ sơ ${code} (${p.name}) đã ${how} tới ${unit.name} lúc ${formatDateTime(expected.receivedAt)}.`,
            `Bộ phận một cửa sẽ kiểm tra và tiếp nhận hồ sơ; nếu được tiếp nhận ngay, kết quả dự kiến có vào ngày ${formatDate(expected.dueAt)}.`,
            `Tra cứu tình trạng hồ sơ bất kỳ lúc nào tại mục “Tra cứu hồ sơ” của Cổng Dịch vụ công, với mã ${code}.`,
          ].join('\n'),
          short: plainAscii(`Ho so ${code} da ${how} toi ${unit.name}. Tra cuu tinh trang tai Cong DVC voi ma ho so nay.`),
        },
        { type: 'dossier', id: code },
      );
      return { code, created: true };
    });
  } catch (err) {
    // the same key raced in from a second request: answer with the dossier the first one made
    if ((err as { code?: string }).code === '23505') {
      const again = await store.byIdempotencyKey(deps.db, input.idempotencyKey);
      if (again && madeBy(again, actor)) return { code: again.code, created: false };
    }
    throw err;
  }
}

export async function withdraw(deps: DossierDeps, actor: Actor, code: string, version: number, reason: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const d = await store.byCodeForUpdate(trx, code);
    if (!d || d.applicantId !== actor.id) throw new DossierNotFound();
    const to = nextState(d.state, 'withdraw');
    if (!to) throw new TransitionNotAllowed('Hồ sơ đã được tiếp nhận nên không thể rút trực tuyến. Vui lòng liên hệ bộ phận một cửa.');
    if (!(await store.moveState(trx, d.id, d.state, to, version))) throw new DossierChanged();
    await store.addEvent(trx, { dossierId: d.id, actorId: actor.id, actorRole: actor.role, type: 'withdrawn', fromState: d.state, toState: to, publicNote: 'Người nộp đã rút hồ sơ.', detail: { reason } });
    await recordAudit(trx, actor, { action: 'dossier.withdrawn', entityType: 'dossier', entityId: code, fromState: d.state, toState: to, reason });
  });
}

export interface TrackingView {
  code: string;
  procedureCode: string;
  procedureName: string;
  state: DossierState;
  stateLabel: string;
  submittedAt: Date;
  receivedAt: Date | null;
  dueAt: Date | null;
  expectedDueAt: Date | null;
  holder: string | null;
  history: { at: Date; state: string | null; note: string | null }[];
  /** Only for the applicant themself. */
  applicant?: { name: string; phone: string | null; email: string | null };
  version?: number;
}

/** What anyone with the code may see; personal data only for the applicant. */
export async function track(deps: Pick<DossierDeps, 'db'>, code: string, viewer: Actor | null): Promise<TrackingView> {
  const d = await store.byCode(deps.db, code);
  if (!d) throw new DossierNotFound();
  const [events, holder] = await Promise.all([store.publicEvents(deps.db, d.id), d.holderUnitId ? findUnitById(deps, d.holderUnitId) : undefined]);
  const own = viewer !== null && viewer.id === d.applicantId;
  return {
    code: d.code,
    procedureCode: d.procedureCode,
    procedureName: d.procedureName,
    state: d.state,
    stateLabel: STATE_LABELS[d.state],
    submittedAt: d.submittedAt,
    receivedAt: d.receivedAt,
    dueAt: d.dueAt,
    expectedDueAt: d.expectedDueAt,
    holder: holder?.name ?? null,
    history: events.map((e) => ({ at: e.at, state: e.toState ? STATE_LABELS[e.toState as DossierState] : null, note: e.publicNote })),
    ...(own ? { applicant: { name: d.applicantName, phone: d.applicantPhone, email: d.applicantEmail }, version: d.version } : {}),
  };
}

/** The applicant's unfinished drafts (the submission module writes them). */
export async function draftsOf(deps: Pick<DossierDeps, 'db'>, actor: Actor) {
  return store.draftsOf(deps.db, actor.id);
}

export async function mine(deps: Pick<DossierDeps, 'db'>, actor: Actor) {
  return store.forApplicant(deps.db, actor.id);
}

/** The dossier a submit button press already made, if any (a double click, a retried request). */
export async function submittedWithKey(deps: Pick<DossierDeps, 'db'>, actor: Actor, key: string): Promise<string | undefined> {
  const d = await store.byIdempotencyKey(deps.db, key);
  return d && madeBy(d, actor) ? d.code : undefined;
}
