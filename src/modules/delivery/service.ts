// Results by the public postal service (BCCI). The applicant chooses delivery by post and
// gives the address (the postal service quotes the postage); when the desk returns the result
// by post, deliver() (dossiers/backoffice.ts) calls queueResultShipment in its own transaction:
// the shipment row and its job are written with the move, and the job places the order through
// the port with the dossier's id as idempotency key, so a retried job never orders twice. The
// postal service reports each status by a signed webhook; each event is recorded once, a late
// or repeated one changes nothing, and each change of state writes a line on the dossier's
// public timeline.
import type { Transaction } from 'kysely';
import type { PostalAddress, PostalPort, ShipmentOrder } from '../../integrations/postal/port';
import { parseWebhook, webhookRefusal } from '../../integrations/postal/port';
import { type AuditActor, recordAudit } from '../../platform/audit';
import type { Db } from '../../platform/db/connect';
import type { DB } from '../../platform/db/schema';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../platform/errors';
import { formatMoney, localDate } from '../../platform/format';
import type { Actor } from '../../platform/http/context';
import type { Jobs } from '../../platform/jobs';
import { addDossierEvent, dossierForOfficer, officerScope, TERMINAL } from '../dossiers';
import { queueNotification } from '../notifications';
import { findUnitById, unitsOn, type Unit } from '../org';
import {
  canMove,
  checkChoice,
  type ChoiceInput,
  type DeliveryChoice,
  type Place,
  placeName,
  RESULT_WEIGHT_GRAMS,
  s10Valid,
  type ShipmentState,
  timelineNote,
  TRACKING_NUMBER_PATTERN,
} from './model';
import * as store from './store';

export const CREATE_QUEUE = 'delivery.create-shipment';
/** 2 s doubling (capped by pg-boss at 2^16), 20 attempts: the postal service may be down for hours. */
export const CREATE_RETRIES = { retryLimit: 20, retryDelay: 2, retryBackoff: true } as const;

export interface DeliveryDeps {
  db: Db;
  jobs: Jobs;
  /** Undefined when no postal service is configured (no POSTAL_URL): results by post are not offered. */
  postal: PostalPort | undefined;
  webhookSecret: string | undefined;
  provinceName: string;
  /** A payment gateway is configured: the postage of an online dossier is paid online. */
  paysOnline?: boolean;
}

const SYSTEM: AuditActor = { id: null, role: 'system', unitId: null };

/** States in which the applicant may still choose (or change) how the result reaches them. */
function choiceOpen(state: string): boolean {
  return state !== 'DRAFT' && !(TERMINAL as readonly string[]).includes(state);
}

// ---------------------------------------------------------------------------------------------
// The places of the address form: the province and its communes, from the organisation data
// ---------------------------------------------------------------------------------------------

export async function placesOn(deps: Pick<DeliveryDeps, 'db'>, day = localDate(new Date())): Promise<{ provinces: Place[]; communes: Place[] }> {
  const units = await unitsOn(deps, day);
  const collator = new Intl.Collator('vi');
  const of = (kind: string) =>
    units
      .filter((u) => u.kind === kind)
      .map((u) => ({ code: u.code, name: placeName(u.name) }))
      .sort((a, b) => collator.compare(a.name, b.name));
  return { provinces: of('ubnd_tinh'), communes: of('ubnd_xa') };
}

/** Where a unit sends from: its own address when the organisation data has one. */
function senderOf(unit: Unit | undefined, provinceName: string): { name: string; phone?: string; address: PostalAddress } {
  const name = unit?.name ?? `Bộ phận một cửa tỉnh ${provinceName}`;
  const commune = /((?:phường|xã|đặc khu|thị trấn)\s+[^,]+)/iu.exec(unit?.address ?? '')?.[1] ?? (unit?.kind === 'ubnd_xa' ? placeName(unit.name) : 'Bộ phận một cửa');
  const phone = unit?.phone?.replace(/\D/g, '');
  return {
    name,
    ...(phone && /^0\d{9,10}$/.test(phone) ? { phone } : {}),
    address: { province: `tỉnh ${provinceName}`, commune, detail: unit?.address ?? `Trụ sở ${name}` },
  };
}

// ---------------------------------------------------------------------------------------------
// The applicant's choice
// ---------------------------------------------------------------------------------------------

export interface DeliveryStepView {
  code: string;
  offered: boolean;
  /** The applicant may still choose or change. */
  open: boolean;
  choice: DeliveryChoice | null;
  shipment: Awaited<ReturnType<typeof store.shipmentsOfDossier>>[number] | undefined;
  version: number;
}

async function ownDossier(deps: Pick<DeliveryDeps, 'db'>, actor: Actor, code: string) {
  const d = await store.dossierByCode(deps.db, code);
  if (!d || d.applicantId === null || d.applicantId !== actor.id) throw new NotFoundError('Không tìm thấy hồ sơ.');
  return d;
}

export async function deliveryStep(deps: Pick<DeliveryDeps, 'db' | 'postal'>, actor: Actor, code: string): Promise<DeliveryStepView> {
  const d = await ownDossier(deps, actor, code);
  const shipment = (await store.shipmentsOfDossier(deps.db, d.id)).find((s) => s.direction === 'outbound');
  return { code: d.code, offered: deps.postal !== undefined, open: choiceOpen(d.state) && !shipment, choice: d.deliveryAddress, shipment, version: d.version };
}

export class PostalNotOffered extends ConflictError {
  constructor() {
    super('postal_not_offered', 'Cổng chưa kết nối dịch vụ bưu chính công ích nên chưa nhận kết quả qua bưu chính được. Bạn nhận kết quả trực tuyến hoặc tại bộ phận một cửa.');
  }
}

/** The applicant gives (or changes) the address; the postal service quotes the postage, which is kept with it. */
export async function chooseDelivery(deps: DeliveryDeps, actor: Actor, code: string, input: ChoiceInput): Promise<DeliveryChoice> {
  if (!deps.postal) throw new PostalNotOffered();
  const d = await ownDossier(deps, actor, code);
  const { provinces, communes } = await placesOn(deps);
  const { value, errors } = checkChoice(input, provinces, communes);
  if (!value) throw new ValidationError(errors);
  const unit = await findUnitById(deps, d.receivingUnitId);
  let quote: { fee: number; zone: string };
  try {
    quote = await deps.postal.quote({ weightGrams: RESULT_WEIGHT_GRAMS, from: senderOf(unit, deps.provinceName).address, to: value.address });
  } catch {
    throw new AppError('postal_unavailable', 503, 'Chưa tính được cước phí vì hệ thống của bưu điện không trả lời. Vui lòng thử lại sau ít phút.');
  }
  const payOnline = deps.paysOnline === true && d.channel === 'online';
  const choice: DeliveryChoice = { ...value, postage: quote.fee, weightGrams: RESULT_WEIGHT_GRAMS, zone: quote.zone, chosenAt: new Date().toISOString(), ...(payOnline ? { payOnline } : {}) };
  await deps.db.transaction().execute(async (trx) => {
    const fresh = await store.lockDossier(trx, d.id);
    const shipped = (await store.shipmentsOfDossier(trx, d.id)).some((s) => s.direction === 'outbound');
    if (!fresh || !choiceOpen(fresh.state) || shipped) throw new ConflictError('delivery_closed', 'Kết quả của hồ sơ đã được trả; không đổi được cách nhận kết quả.');
    await store.setChoice(trx, d.id, choice);
    await addDossierEvent(trx, { dossierId: d.id, actorId: actor.id, actorRole: actor.role, type: 'delivery_chosen', fromState: fresh.state, toState: fresh.state, publicNote: 'Người nộp đăng ký nhận kết quả qua dịch vụ bưu chính công ích.', detail: { postage: quote.fee, zone: quote.zone } });
    await recordAudit(trx, actor, { action: 'dossier.delivery_chosen', entityType: 'dossier', entityId: d.code, detail: { channel: 'post', communeCode: choice.address.communeCode, postage: quote.fee } });
  });
  return choice;
}

/** The applicant goes back to receiving the result online or at the desk. */
export async function removeChoice(deps: Pick<DeliveryDeps, 'db'>, actor: Actor, code: string): Promise<void> {
  const d = await ownDossier(deps, actor, code);
  await deps.db.transaction().execute(async (trx) => {
    const fresh = await store.lockDossier(trx, d.id);
    const shipped = (await store.shipmentsOfDossier(trx, d.id)).some((s) => s.direction === 'outbound');
    if (!fresh || !choiceOpen(fresh.state) || shipped) throw new ConflictError('delivery_closed', 'Kết quả của hồ sơ đã được trả; không đổi được cách nhận kết quả.');
    if (!fresh.deliveryAddress) return;
    await store.setChoice(trx, d.id, null);
    await addDossierEvent(trx, { dossierId: d.id, actorId: actor.id, actorRole: actor.role, type: 'delivery_unchosen', fromState: fresh.state, toState: fresh.state, publicNote: 'Người nộp hủy đăng ký nhận kết quả qua bưu chính.', detail: {} });
    await recordAudit(trx, actor, { action: 'dossier.delivery_unchosen', entityType: 'dossier', entityId: d.code });
  });
}

/**
 * The postage of a dossier, in integer đồng, for the payments module to add to what the
 * applicant pays: what the postal service charged once the order is placed, else the quote
 * for the chosen address; null when the result does not go by post.
 */
export async function postageFor(deps: Pick<DeliveryDeps, 'db'>, dossierId: string): Promise<number | null> {
  const d = await store.dossierById(deps.db, dossierId);
  if (!d) return null;
  const shipment = (await store.shipmentsOfDossier(deps.db, d.id)).find((s) => s.direction === 'outbound');
  if (shipment && shipment.state !== 'cancelled') return shipment.postage;
  return d.deliveryAddress?.postage ?? null;
}

// ---------------------------------------------------------------------------------------------
// The desk returns the result by post (called from deliver() in dossiers/backoffice.ts)
// ---------------------------------------------------------------------------------------------

/**
 * Before the move: the applicant's address, or why the result cannot go by post: no address, or
 * a postage to be paid online that is not paid yet (chosen after the fee was paid, issue 10).
 */
export async function requirePostalChoice(deps: Pick<DeliveryDeps, 'db'>, dossierId: string): Promise<DeliveryChoice> {
  const d = await store.dossierById(deps.db, dossierId);
  if (!d?.deliveryAddress) {
    throw new ValidationError([{ field: 'channel', message: 'Người nộp chưa đăng ký nhận kết quả qua bưu chính (chưa có địa chỉ nhận). Trả kết quả tại quầy, hoặc để người nộp đăng ký trên trang hồ sơ của mình.' }]);
  }
  const choice = d.deliveryAddress;
  if (choice.payOnline) {
    const missing = choice.postage - (await store.postagePaidOnline(deps.db, dossierId));
    if (missing > 0) {
      throw new ValidationError([{ field: 'channel', message: `Người nộp chưa nộp cước phí bưu chính (còn thiếu ${formatMoney(missing)}); chỉ gửi kết quả qua bưu chính sau khi người nộp đã nộp cước trực tuyến.` }]);
    }
  }
  return choice;
}

/**
 * In the transaction of the move: the outbound shipment (pending) and the job that orders it.
 * The dossier row is already locked by move().
 */
export async function queueResultShipment(trx: Transaction<DB>, jobs: Jobs, dossierId: string, actorId: string | null): Promise<string> {
  const d = await store.dossierById(trx, dossierId);
  const choice = d?.deliveryAddress;
  if (!d || !choice) throw new ValidationError([{ field: 'channel', message: 'Người nộp chưa đăng ký nhận kết quả qua bưu chính (chưa có địa chỉ nhận).' }]);
  const id = await store.insertShipment(trx, {
    dossierId,
    direction: 'outbound',
    recipientName: choice.recipient,
    recipientPhone: choice.phone,
    address: { ...choice.address },
    postage: choice.postage,
    state: 'pending',
    idempotencyKey: dossierId,
    createdBy: actorId,
  });
  if (!id) throw new ConflictError('shipment_exists', 'Kết quả của hồ sơ này đã được gửi qua bưu chính.');
  await jobs.queue(trx, CREATE_QUEUE, { shipmentId: id }, { singletonKey: id });
  return id;
}

/** The job: places the order at the postal service. Throws (and is retried) while the service fails. */
export async function createShipment(deps: DeliveryDeps, shipmentId: string): Promise<void> {
  const s = await store.shipmentById(deps.db, shipmentId);
  // done before (a job run twice); a webhook may have brought the number already, which is no confirmation of ours
  if (!s || s.direction !== 'outbound' || s.orderedAt !== null || s.state === 'cancelled') return;
  if (!deps.postal) throw new Error('postal service not configured (POSTAL_URL)');
  const d = await store.dossierById(deps.db, s.dossierId);
  if (!d) return;
  const address = s.address as unknown as DeliveryChoice['address'];
  const order: ShipmentOrder = {
    // the dossier's id: the postal service never makes a second order for it
    idempotencyKey: s.idempotencyKey,
    reference: d.code,
    sender: senderOf(await findUnitById(deps, d.receivingUnitId), deps.provinceName),
    recipient: { name: s.recipientName, phone: s.recipientPhone ?? '', address: { province: address.province, commune: address.commune, detail: address.detail } },
    weightGrams: RESULT_WEIGHT_GRAMS,
    content: `Kết quả giải quyết thủ tục hành chính, hồ sơ ${d.code}`,
  };
  let placed: { trackingNumber: string; fee: number; duplicate: boolean };
  try {
    placed = await deps.postal.createShipment(order);
  } catch (err) {
    await store.markAttemptFailed(deps.db, s.id, (err as Error).message);
    throw err;
  }
  await deps.db.transaction().execute(async (trx) => {
    const fresh = await store.shipmentForUpdate(trx, s.id);
    if (!fresh) return;
    await store.setOrdered(trx, s.id, placed.trackingNumber, placed.fee);
    // a webhook may have brought the news first; then it wrote the line already
    if (fresh.state === 'pending') {
      await store.setState(trx, s.id, 'accepted');
      await addDossierEvent(trx, { dossierId: d.id, actorId: null, actorRole: 'system', type: 'shipment_accepted', fromState: d.state, toState: d.state, publicNote: timelineNote('accepted', placed.trackingNumber), detail: { trackingNumber: placed.trackingNumber } });
    }
    await recordAudit(trx, SYSTEM, { action: 'shipment.ordered', entityType: 'dossier', entityId: d.code, detail: { trackingNumber: placed.trackingNumber, postage: placed.fee, duplicate: placed.duplicate } });
  });
}

// ---------------------------------------------------------------------------------------------
// Status webhooks from the postal service
// ---------------------------------------------------------------------------------------------

export interface WebhookAnswer {
  status: 200 | 400 | 401 | 404 | 503;
  body: { ok: boolean; duplicate?: boolean; applied?: boolean; error?: string };
}

/** Verifies, then records one status event; what to answer the postal service. */
export async function handleWebhook(deps: DeliveryDeps, raw: string, headers: { timestamp: string; signature: string }, ip: string, now = new Date()): Promise<WebhookAnswer> {
  if (!deps.webhookSecret) return { status: 503, body: { ok: false, error: 'not_configured' } };
  const refusal = webhookRefusal(deps.webhookSecret, headers.timestamp, raw, headers.signature, Math.floor(now.getTime() / 1000));
  if (refusal) {
    const claimed = /"trackingNumber"\s*:\s*"([A-Z0-9]{1,20})"/.exec(raw)?.[1];
    await deps.db.transaction().execute((trx) =>
      recordAudit(trx, { ...SYSTEM, ip }, {
        action: 'postal.webhook_refused',
        entityType: 'shipment',
        ...(claimed ? { entityId: claimed } : {}),
        reason: refusal === 'stale' ? 'Thời điểm ký (x-timestamp) thiếu hoặc lệch quá 300 giây' : 'Chữ ký (x-signature) không đúng',
        detail: { bytes: raw.length },
      }),
    );
    return { status: 401, body: { ok: false, error: refusal === 'stale' ? 'stale_timestamp' : 'bad_signature' } };
  }
  const event = parseWebhook(raw);
  if (!event) return { status: 400, body: { ok: false, error: 'invalid_body' } };

  return deps.db.transaction().execute(async (trx): Promise<WebhookAnswer> => {
    const s = await store.shipmentForWebhook(trx, event.idempotencyKey, event.trackingNumber);
    if (!s) return { status: 404, body: { ok: false, error: 'unknown_shipment' } };
    const to = event.status as ShipmentState;
    const applied = canMove(s.state, to);
    const fresh = await store.insertEvent(trx, { shipmentId: s.id, eventId: event.eventId, status: event.status, at: new Date(event.at), reason: event.reason ?? null, location: event.location ?? null, applied });
    if (!fresh) return { status: 200, body: { ok: true, duplicate: true, applied: false } };
    if (!applied) return { status: 200, body: { ok: true, applied: false } };
    const trackingNumber = s.trackingNumber ?? event.trackingNumber;
    await store.setState(trx, s.id, to, { ...(s.trackingNumber ? {} : { trackingNumber }), ...(to === 'returned' ? { returnReason: event.reason ?? null } : {}) });
    const d = (await store.dossierById(trx, s.dossierId))!;
    await addDossierEvent(trx, {
      dossierId: d.id,
      actorId: null,
      actorRole: 'system',
      type: `shipment_${to}`,
      fromState: d.state,
      toState: d.state,
      publicNote: timelineNote(to, trackingNumber, event.reason),
      detail: { trackingNumber, eventId: event.eventId, ...(event.location ? { location: event.location } : {}) },
    });
    await recordAudit(trx, { ...SYSTEM, ip }, { action: 'shipment.status', entityType: 'dossier', entityId: d.code, fromState: s.state, toState: to, ...(event.reason ? { reason: event.reason } : {}), detail: { trackingNumber, eventId: event.eventId } });
    if (to === 'returned') {
      await queueNotification(
        trx,
        deps.jobs,
        { accountId: d.applicantId, email: d.applicantEmail, phone: d.applicantPhone },
        {
          title: `Kết quả hồ sơ ${d.code} bị bưu điện chuyển hoàn`,
          body: `Bưu điện không phát được kết quả hồ sơ ${d.code} (${d.procedureName}), số hiệu bưu gửi ${trackingNumber}.\nLý do: ${event.reason ?? 'không rõ'}.\nVui lòng liên hệ bộ phận một cửa để nhận kết quả.`,
          short: `Ket qua ho so ${d.code} bi buu dien chuyen hoan. Lien he bo phan mot cua de nhan.`,
        },
        { type: 'dossier', id: d.code },
      );
    }
    return { status: 200, body: { ok: true, applied: true } };
  });
}

// ---------------------------------------------------------------------------------------------
// The desk
// ---------------------------------------------------------------------------------------------

export async function shipmentsForDesk(deps: Pick<DeliveryDeps, 'db'>, actor: Actor, opts: { returnedOnly: boolean }) {
  const scope = await officerScope(deps, actor);
  return store.forUnits(deps.db, [...scope], opts);
}

/** A dossier's shipments with their events, for an officer who may see the dossier. */
export async function dossierShipments(deps: Pick<DeliveryDeps, 'db'>, actor: Actor, code: string) {
  const d = await dossierForOfficer(deps, actor, code);
  const own = await store.dossierById(deps.db, d.id);
  const shipments = await store.shipmentsOfDossier(deps.db, d.id);
  const events = await Promise.all(shipments.map((s) => store.eventsOf(deps.db, s.id)));
  return { dossier: d, choice: own?.deliveryAddress ?? null, shipments: shipments.map((s, i) => ({ ...s, events: events[i]! })) };
}

/** Papers the applicant posted to the desk: the desk records the tracking number on the dossier. */
export async function recordInbound(deps: Pick<DeliveryDeps, 'db'>, actor: Actor, code: string, input: { trackingNumber?: string }): Promise<void> {
  const d = await dossierForOfficer(deps, actor, code);
  if (actor.role !== 'counter') throw new ConflictError('not_desk', 'Chỉ bộ phận một cửa ghi nhận hồ sơ nhận qua bưu chính.');
  if (d.channel !== 'post') throw new ConflictError('not_post', 'Hồ sơ này không được nhận qua bưu chính.');
  const no = (input.trackingNumber ?? '').trim().toUpperCase().replace(/\s+/g, '');
  if (!TRACKING_NUMBER_PATTERN.test(no)) throw new ValidationError([{ field: 'trackingNumber', message: 'Số hiệu bưu gửi: gồm 13 ký tự, ví dụ EB123456785VN' }]);
  if (no.endsWith('VN') && !s10Valid(no)) throw new ValidationError([{ field: 'trackingNumber', message: 'Số hiệu bưu gửi: chữ số kiểm tra không đúng, hãy xem lại số trên phong bì' }]);
  await deps.db.transaction().execute(async (trx) => {
    const id = await store.insertShipment(trx, {
      dossierId: d.id,
      direction: 'inbound',
      recipientName: d.applicantName,
      recipientPhone: d.applicantPhone,
      address: {},
      trackingNumber: no,
      postage: null,
      state: 'delivered',
      idempotencyKey: `inbound:${d.id}`,
      createdBy: actor.id,
    }).catch((err: unknown) => {
      if ((err as { code?: string }).code === '23505') throw new ConflictError('tracking_used', 'Số hiệu bưu gửi này đã được ghi cho một hồ sơ khác.', 'trackingNumber');
      throw err;
    });
    if (!id) throw new ConflictError('inbound_exists', 'Hồ sơ đã có số hiệu bưu gửi nhận đến.', 'trackingNumber');
    await addDossierEvent(trx, { dossierId: d.id, actorId: actor.id, actorRole: actor.role, type: 'inbound_post', fromState: d.state, toState: d.state, publicNote: `Bộ phận một cửa đã nhận hồ sơ giấy gửi qua bưu chính (số hiệu bưu gửi ${no}).`, detail: { trackingNumber: no } });
    await recordAudit(trx, actor, { action: 'dossier.inbound_post', entityType: 'dossier', entityId: d.code, detail: { trackingNumber: no } });
  });
}

export function postageText(dong: number | null | undefined): string {
  return dong === null || dong === undefined ? 'chưa có' : formatMoney(dong);
}
