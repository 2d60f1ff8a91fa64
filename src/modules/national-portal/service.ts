// The national public-service portal link (Cổng Dịch vụ công quốc gia; DOMAIN.md 9):
//  - outbound: the worker sends what the triggers of 0020 put in the outbox (the dossiers' public
//    events and ratings, the procedures' online levels), one stream (dossier, procedure) in order,
//    each item marked sent only on the portal's acknowledgement, retried with back-off, failed
//    items left for an administrator to resend;
//  - inbound: dossiers submitted on the national portal, through the same submission as every
//    other channel (a code, a receipt, the receiving unit's queue), with their files vetted as
//    an online upload is and recorded in the same transaction as the dossier.
import { recordAudit } from '../../platform/audit';
import type { Db } from '../../platform/db/connect';
import { AppError, NotFoundError } from '../../platform/errors';
import { localDate } from '../../platform/format';
import type { Actor } from '../../platform/http/context';
import type { Jobs } from '../../platform/jobs';
import { accountByIdNumber, requireAction } from '../accounts';
import { publishedProcedure } from '../catalogue';
import { AttachmentRefused, type AttachmentDeps, type PreparedFile, recordDossierFiles, vetFile } from '../attachments';
import { NATIONAL_PORTAL_ACCOUNT_ID, receivingUnitsFor, submit, submittedWithKey } from '../dossiers';
import { uploadSlots } from '../submission';
import { addressOptions, currentForm, generalRequestForm, validateAnswers } from '../forms';
import { type DossierEventPush, errorBody, type NationalPortalPort, type OnlineLevelPush, PortalRefused, type SignedHeaders, signatureRefusal } from '../../integrations/national-portal/port';
import { afterFailure, DEFAULT_RETRY, type OutboxState, parseInboundFiles, type RetryPolicy } from './model';
import * as store from './store';

export interface NationalPortalDeps {
  db: Db;
  jobs: Jobs;
  /** The portal, when NATIONAL_PORTAL_URL is set; without it nothing is sent and nothing received. */
  portal: NationalPortalPort | undefined;
  /** Our client id and the shared secret, to check the portal's signed requests. */
  credentials: { clientId: string; secret: string } | undefined;
  retry: RetryPolicy;
  /** Seconds a worker holds an item it is sending before another may take it. */
  leaseSeconds: number;
  log?: (obj: object, msg: string) => void;
}

// ---------------------------------------------------------------------------------------
// Outbound: the worker
// ---------------------------------------------------------------------------------------

function iso(d: Date | string | null): string | null {
  return d === null ? null : new Date(d).toISOString();
}

async function send(deps: NationalPortalDeps, portal: NationalPortalPort, item: store.OutboxItem) {
  if (item.kind === 'dossier_event') {
    const f = await store.dossierEventFacts(deps.db, item.dossierEventId!);
    if (!f) throw new PortalRefused(0, 'gone', 'Sự kiện của hồ sơ không còn trong cơ sở dữ liệu.', false);
    const rating = f.type === 'rated' ? (f.detail as { rating?: unknown }).rating : undefined;
    const push: DossierEventPush = {
      idempotencyKey: item.idempotencyKey,
      sequence: item.seq,
      dossier: {
        code: f.code,
        procedureCode: f.procedureCode,
        procedureName: f.procedureName,
        channel: f.channel,
        agencyCode: f.eid,
        submittedAt: iso(f.submittedAt)!,
        receivedAt: iso(f.receivedAt),
        dueAt: iso(f.dueAt),
      },
      event: { type: f.type, state: f.toState, at: iso(f.at)!, note: f.publicNote, ...(typeof rating === 'number' ? { rating } : {}) },
    };
    return portal.pushDossierEvent(push);
  }
  const v = await store.procedureVersionFacts(deps.db, item.procedureId!, item.procedureVersion!);
  if (!v) throw new PortalRefused(0, 'gone', 'Phiên bản thủ tục không còn trong cơ sở dữ liệu.', false);
  const record = v.record as { name?: string; onlineLevel?: string; legacyLevel?: number };
  const push: OnlineLevelPush = {
    idempotencyKey: item.idempotencyKey,
    sequence: item.seq,
    procedure: {
      code: v.code,
      name: record.name ?? '',
      version: v.version,
      onlineLevel: v.status === 'published' ? (record.onlineLevel ?? 'none') : 'none',
      legacyLevel: typeof record.legacyLevel === 'number' ? record.legacyLevel : null,
      published: v.status === 'published',
    },
  };
  return portal.pushOnlineLevel(push);
}

/** Sends what is due, one item at a time, until nothing is (or `max` items were tried); how many were tried. */
export async function deliverDue(deps: NationalPortalDeps, max = 200): Promise<number> {
  const portal = deps.portal;
  if (!portal) return 0;
  let n = 0;
  while (n < max) {
    const item = await store.claimNext(deps.db, deps.leaseSeconds);
    if (!item) break;
    n++;
    try {
      const ack = await send(deps, portal, item);
      await store.markSent(deps.db, item.id, ack.ackId);
    } catch (err) {
      const refused = err instanceof PortalRefused ? err : undefined;
      const message = refused ? refused.message : `Lỗi khi gửi: ${(err as Error).message}`;
      const next = afterFailure(deps.retry, item.attempts, refused ? refused.retryable : true);
      if (next.state === 'failed') await store.markFailed(deps.db, item.id, message);
      else await store.markRetry(deps.db, item.id, message, next.delaySeconds);
      deps.log?.({ item: item.idempotencyKey, attempts: item.attempts, error: message, next: next.state }, 'national portal push failed');
    }
  }
  return n;
}

export interface NationalPortalWorker {
  stop(): Promise<void>;
}

/**
 * Polls the outbox every `intervalMs` (at once again after a busy round) and delivers. Several
 * processes may run it on one database: the lease in claimNext keeps them off each other's items.
 */
export function startNationalPortalWorker(deps: NationalPortalDeps, opts: { intervalMs?: number } = {}): NationalPortalWorker {
  const interval = opts.intervalMs ?? 2000;
  let running = true;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (running) {
      let busy = false;
      try {
        busy = (await deliverDue(deps)) > 0;
      } catch (err) {
        // the database is busy or gone for a moment: the next round tries again
        deps.log?.({ error: (err as Error).message }, 'national portal worker round failed');
      }
      if (!running) break;
      if (!busy) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, interval);
          timer.unref();
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    }
  })();
  return {
    stop: async () => {
      running = false;
      wake?.();
      await loop;
    },
  };
}

// ---------------------------------------------------------------------------------------
// The administrator's page
// ---------------------------------------------------------------------------------------

export async function overview(deps: Pick<NationalPortalDeps, 'db' | 'portal'>, actor: Actor, state: OutboxState) {
  requireAction(actor, 'org.manage');
  const [counts, items] = await Promise.all([store.countsByState(deps.db), store.listByState(deps.db, state, 200)]);
  return { configured: deps.portal !== undefined, counts, items, state };
}

export class ItemNotFailed extends NotFoundError {
  constructor() {
    super('Không tìm thấy mục gửi không thành công này; có thể mục đã được gửi lại.');
  }
}

/** A failed item back to the queue, with an audit entry; the worker sends it (after its stream's earlier items). */
export async function resend(deps: Pick<NationalPortalDeps, 'db'>, actor: Actor, id: number): Promise<void> {
  requireAction(actor, 'org.manage');
  await deps.db.transaction().execute(async (trx) => {
    const item = await store.requeueFailed(trx, id);
    if (!item) throw new ItemNotFailed();
    await recordAudit(trx, actor, { action: 'national_portal.resent', entityType: 'national_portal_item', entityId: item.idempotencyKey, fromState: 'failed', toState: 'waiting', detail: { stream: item.stream } });
  });
}

// ---------------------------------------------------------------------------------------
// Inbound: a dossier submitted on the national portal
// ---------------------------------------------------------------------------------------

export interface InboundAnswer {
  status: number;
  body: unknown;
}

const PORTAL_ACTOR = (ip: string): Actor => ({ id: NATIONAL_PORTAL_ACCOUNT_ID, username: 'cong-dvc-quoc-gia', fullName: 'Cổng Dịch vụ công quốc gia', role: 'business', unitId: null, ip });

const REFUSALS: Record<string, string> = {
  bad_client: 'Mã ứng dụng (x-client-id) không đúng.',
  stale: 'Thời điểm ký (x-timestamp) lệch quá 300 giây so với đồng hồ của hệ thống.',
  bad_signature: 'Chữ ký của yêu cầu không hợp lệ.',
  replayed_nonce: 'Yêu cầu đã được gửi trước đó (nonce dùng lại).',
};

function str(v: unknown, max: number): string | undefined {
  return typeof v === 'string' && v.trim() !== '' && v.length <= max ? v.trim() : undefined;
}

function invalid(field: string, message: string): InboundAnswer {
  return { status: 400, body: errorBody('invalid', message, field) };
}

/**
 * Checks the portal's signature and nonce, then submits the dossier as any other channel does:
 * its files (one list per component of the procedure) each vetted as an online upload is (type
 * by content, size limits, virus scan) and stored before the transaction, then recorded as the
 * dossier's files inside it. A missing required file or a refused one creates nothing.
 */
export async function receiveDossier(deps: NationalPortalDeps, files: AttachmentDeps, raw: string, path: string, h: SignedHeaders, ip: string, now = new Date()): Promise<InboundAnswer> {
  if (!deps.credentials) return { status: 503, body: errorBody('disabled', 'Hệ thống chưa kết nối với Cổng Dịch vụ công quốc gia.') };
  const why = signatureRefusal(deps.credentials, 'POST', path, raw, h);
  const refused = why ?? ((await deps.db.transaction().execute((trx) => store.useNonce(trx, h.nonce))) ? undefined : 'replayed_nonce');
  if (refused) {
    await deps.db.transaction().execute((trx) =>
      recordAudit(trx, { id: null, role: 'system', unitId: null, ip }, { action: 'national_portal.request_refused', entityType: 'national_portal_request', reason: REFUSALS[refused]!, detail: { code: refused, bytes: raw.length } }),
    );
    return { status: 401, body: errorBody(refused, REFUSALS[refused]!) };
  }

  let b: Record<string, unknown>;
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return invalid('body', 'Nội dung phải là một đối tượng JSON.');
    b = parsed as Record<string, unknown>;
  } catch {
    return invalid('body', 'Nội dung không phải JSON hợp lệ.');
  }
  const nationalId = str(b.nationalDossierId, 100);
  if (!nationalId || !/^[A-Za-z0-9._-]+$/.test(nationalId)) return invalid('nationalDossierId', 'Thiếu mã hồ sơ trên Cổng DVC quốc gia, hoặc mã có ký tự không hợp lệ.');
  const code = str(b.procedureCode, 20);
  if (!code || !/^\d\.\d{6}$/.test(code)) return invalid('procedureCode', 'Mã thủ tục phải có dạng 1.001193.');
  const applicant = (b.applicant && typeof b.applicant === 'object' ? b.applicant : {}) as Record<string, unknown>;
  const name = str(applicant.name, 100);
  if (!name) return invalid('applicant.name', 'Thiếu họ và tên người nộp hồ sơ.');
  const idNumber = str(applicant.idNumber, 12);
  if (applicant.idNumber !== undefined && (!idNumber || !/^\d{12}$/.test(idNumber))) return invalid('applicant.idNumber', 'Số định danh cá nhân phải gồm 12 chữ số.');

  const row = await publishedProcedure(deps, code).catch(() => undefined);
  if (!row || row.record.onlineLevel === 'none') {
    return { status: 404, body: errorBody('unknown_procedure', `Tỉnh không tiếp nhận hồ sơ trực tuyến của thủ tục ${code}.`, 'procedureCode') };
  }
  const units = await receivingUnitsFor(deps, row.record, localDate(now));
  const wanted = str(b.receivingUnitCode, 60);
  const unit = wanted ? units.find((u) => u.code === wanted || u.eid === wanted) : units.length === 1 ? units[0] : undefined;
  if (!unit) {
    return invalid('receivingUnitCode', `Chọn nơi tiếp nhận hồ sơ (mã đơn vị hoặc mã định danh) trong danh sách: ${units.map((u) => `${u.code} (${u.name})`).join('; ')}.`);
  }
  const def = (await currentForm(deps, code)) ?? generalRequestForm(row.record.code, row.record.name, 0);
  const checked = validateAnswers(def, b.answers, { today: localDate(now), address: await addressOptions(deps) });
  if (!checked.value) {
    const first = checked.errors[0];
    return invalid(`answers.${first?.field ?? ''}`, `Tờ khai chưa hợp lệ: ${first?.message ?? 'không rõ lỗi'}.`);
  }
  const actor = PORTAL_ACTOR(ip);
  const idempotencyKey = `dvcqg:${nationalId}`;
  // the portal's retry of a dossier already received: its code, without vetting the files again
  const known = await submittedWithKey(deps, actor, idempotencyKey);
  if (known) return { status: 200, body: { dossierCode: known, state: 'SUBMITTED', duplicate: true } };

  // the same slots as an online submission: a required tờ khai the e-form stands for needs no file
  const slots = uploadSlots(row.record);
  const components = slots.map((s) => s.component);
  const parsed = parseInboundFiles(b.files, slots.map((s) => ({ name: s.component.name, required: s.required })));
  if ('problem' in parsed) return invalid(parsed.problem.field, parsed.problem.message);
  const prepared: PreparedFile[] = [];
  let bytes = 0;
  for (const [index, list] of parsed.files) {
    for (const f of list) {
      try {
        const vetted = await vetFile(files, components[index]!, index, { fileName: f.name, size: f.bytes.length, source: { bytes: f.bytes } }, bytes);
        bytes += vetted.size;
        prepared.push({ componentIndex: index, ...vetted });
      } catch (err) {
        if (err instanceof AttachmentRefused) return invalid(`files[${index}]`, err.message);
        // clamd did not answer: nothing is taken unscanned; the portal tries again later
        if (err instanceof AppError && err.code === 'scan_unavailable') return { status: 503, body: errorBody('unavailable', err.message, `files[${index}]`) };
        throw err;
      }
    }
  }

  const account = idNumber ? await accountByIdNumber(deps, idNumber) : undefined;
  const done = await submit(deps, actor, {
    procedureCode: code,
    receivingUnitId: unit.id,
    formVersion: def.version || null,
    answers: checked.value,
    applicant: { name, phone: str(applicant.phone, 20) ?? null, email: str(applicant.email, 254)?.toLowerCase() ?? null },
    idempotencyKey,
    nationalPortal: { applicantId: account?.id ?? null },
    alsoInTransaction: async (trx, dossierId) => {
      await recordDossierFiles(trx, { dossierId, components, uploadedBy: NATIONAL_PORTAL_ACCOUNT_ID, files: prepared });
    },
  });
  return { status: done.created ? 201 : 200, body: { dossierCode: done.code, state: 'SUBMITTED', duplicate: !done.created } };
}

export { DEFAULT_RETRY };
