// SQL of the delivery module: shipments, their status events, and the applicant's choice kept
// on the dossier (dossiers.delivery_address, added by 0016_delivery.sql).
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { DB, ShipmentState } from '../../platform/db/schema';
import type { DeliveryChoice } from './model';

type Conn = Db | Transaction<DB>;

const DOSSIER_COLUMNS = ['id', 'code', 'state', 'channel', 'applicantId', 'applicantName', 'applicantPhone', 'applicantEmail', 'procedureName', 'receivingUnitId', 'holderUnitId', 'deliveryAddress', 'version'] as const;

export async function dossierByCode(conn: Conn, code: string) {
  const d = await conn.selectFrom('dossiers').select(DOSSIER_COLUMNS).where('code', '=', code).executeTakeFirst();
  return d ? { ...d, deliveryAddress: (d.deliveryAddress ?? null) as DeliveryChoice | null } : undefined;
}

export async function dossierById(conn: Conn, id: string) {
  const d = await conn.selectFrom('dossiers').select(DOSSIER_COLUMNS).where('id', '=', id).executeTakeFirst();
  return d ? { ...d, deliveryAddress: (d.deliveryAddress ?? null) as DeliveryChoice | null } : undefined;
}

export async function lockDossier(trx: Transaction<DB>, id: string) {
  const d = await trx.selectFrom('dossiers').select(DOSSIER_COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
  return d ? { ...d, deliveryAddress: (d.deliveryAddress ?? null) as DeliveryChoice | null } : undefined;
}

export async function setChoice(trx: Transaction<DB>, dossierId: string, choice: DeliveryChoice | null): Promise<void> {
  await trx
    .updateTable('dossiers')
    .set({ deliveryAddress: choice ? JSON.stringify(choice) : null, updatedAt: new Date() })
    .where('id', '=', dossierId)
    .execute();
}

export interface NewShipment {
  dossierId: string;
  direction: 'outbound' | 'inbound';
  recipientName: string;
  recipientPhone: string | null;
  address: Record<string, unknown>;
  trackingNumber?: string | null;
  postage: number | null;
  state: ShipmentState;
  idempotencyKey: string;
  createdBy: string | null;
}

/** Inserts the shipment unless the dossier already has one in that direction; its id, or undefined when it existed. */
export async function insertShipment(trx: Transaction<DB>, s: NewShipment): Promise<string | undefined> {
  const row = await trx
    .insertInto('shipments')
    .values({ ...s, address: JSON.stringify(s.address) })
    .onConflict((oc) => oc.columns(['dossierId', 'direction']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

const SHIPMENT_COLUMNS = ['id', 'dossierId', 'direction', 'recipientName', 'recipientPhone', 'address', 'trackingNumber', 'postage', 'state', 'returnReason', 'idempotencyKey', 'orderedAt', 'attempts', 'lastError', 'createdAt', 'updatedAt'] as const;

export async function shipmentById(conn: Conn, id: string) {
  return conn.selectFrom('shipments').select(SHIPMENT_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function shipmentForUpdate(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('shipments').select(SHIPMENT_COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The shipment a webhook is about: by our idempotency key (it may come before we stored the tracking number), else by the number. */
export async function shipmentForWebhook(trx: Transaction<DB>, idempotencyKey: string, trackingNumber: string) {
  return trx
    .selectFrom('shipments')
    .select(SHIPMENT_COLUMNS)
    .where('direction', '=', 'outbound')
    .where((eb) => eb.or([eb('idempotencyKey', '=', idempotencyKey), eb('trackingNumber', '=', trackingNumber)]))
    .forUpdate()
    .executeTakeFirst();
}

export async function shipmentsOfDossier(conn: Conn, dossierId: string) {
  return conn.selectFrom('shipments').select(SHIPMENT_COLUMNS).where('dossierId', '=', dossierId).orderBy('createdAt').execute();
}

export async function eventsOf(conn: Conn, shipmentId: string) {
  return conn.selectFrom('shipmentEvents').select(['eventId', 'status', 'at', 'receivedAt', 'reason', 'location', 'applied']).where('shipmentId', '=', shipmentId).orderBy('id').execute();
}

/** Records a status event once; false when this event id was recorded before (a replay or a retry). */
export async function insertEvent(
  trx: Transaction<DB>,
  e: { shipmentId: string; eventId: string; status: string; at: Date; reason: string | null; location: string | null; applied: boolean },
): Promise<boolean> {
  const row = await trx
    .insertInto('shipmentEvents')
    .values(e)
    .onConflict((oc) => oc.columns(['shipmentId', 'eventId']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function setState(trx: Transaction<DB>, id: string, state: ShipmentState, extra: { trackingNumber?: string; returnReason?: string | null } = {}): Promise<void> {
  await trx
    .updateTable('shipments')
    .set({ state, ...extra, updatedAt: new Date() })
    .where('id', '=', id)
    .execute();
}

/** The order was placed: the number and the postage the postal service gave (kept if a webhook stored them first). */
export async function setOrdered(trx: Transaction<DB>, id: string, trackingNumber: string, postage: number): Promise<void> {
  await trx
    .updateTable('shipments')
    .set((eb) => ({ trackingNumber: eb.fn.coalesce('trackingNumber', eb.val(trackingNumber)), postage, orderedAt: new Date(), attempts: eb('attempts', '+', 1), lastError: null, updatedAt: new Date() }))
    .where('id', '=', id)
    .execute();
}

export async function markAttemptFailed(conn: Conn, id: string, error: string): Promise<void> {
  await conn
    .updateTable('shipments')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), lastError: error.slice(0, 500), updatedAt: new Date() }))
    .where('id', '=', id)
    .execute();
}

/** The desk's list: shipments of dossiers its units received, returned ones first. */
export async function forUnits(conn: Conn, unitIds: readonly string[], opts: { returnedOnly: boolean }) {
  if (unitIds.length === 0) return [];
  let q = conn
    .selectFrom('shipments as s')
    .innerJoin('dossiers as d', 'd.id', 's.dossierId')
    .select(['s.id', 's.direction', 's.recipientName', 's.address', 's.trackingNumber', 's.postage', 's.state', 's.returnReason', 's.lastError', 's.updatedAt', 'd.code', 'd.procedureName'])
    .where('d.receivingUnitId', 'in', [...unitIds]);
  if (opts.returnedOnly) q = q.where('s.state', '=', 'returned');
  return q
    .orderBy(sql`case when s.state = 'returned' then 0 else 1 end`)
    .orderBy('s.updatedAt', 'desc')
    .limit(200)
    .execute();
}

/**
 * The postage the applicant has paid online for the dossier: the postage part of its payments
 * that hold money (payments table, 0012 and 0024; read only here, written by the payments module).
 */
export async function postagePaidOnline(conn: Conn, dossierId: string): Promise<number> {
  const r = await conn
    .selectFrom('payments')
    .select(sql<number>`coalesce(sum(postage), 0)::bigint`.as('paid'))
    .where('dossierId', '=', dossierId)
    .where('state', 'in', ['succeeded', 'partly_refunded'])
    .where('refundDue', '=', false)
    .executeTakeFirst();
  return Number(r?.paid ?? 0);
}
