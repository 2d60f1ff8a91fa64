// Results (and papers) by the public postal service, dịch vụ bưu chính công ích (BCCI, QĐ 45/2016/QĐ-TTg).
// The port, and the protocol its HTTP adapter (postal-http.ts) and the simulator
// (simulators/postal-service.ts) both speak, signatures included.
//
// Orders, from us to the postal service (JSON, UTF-8):
//   every request carries
//     x-api-key:    our API key (POSTAL_API_KEY)
//     x-timestamp:  Unix seconds; refused when more than 300 s from the service's clock
//     x-signature:  hex HMAC-SHA256(POSTAL_SECRET, `${timestamp}.${METHOD} ${path}.${rawBody}`)
//                   (path with its query string; rawBody is empty for GET)
//   POST /v1/quotes                    {"weightGrams", "from": Address, "to": Address}
//        200 {"fee": 16500, "zone": "noi_tinh"}                      fee in integer đồng
//   POST /v1/shipments                 ShipmentOrder (below)
//        201 {"trackingNumber": "EB123456789VN", "fee": 16500, "status": "accepted", "duplicate": false}
//        200 the same with "duplicate": true when idempotencyKey was seen before: no second order
//   GET  /v1/shipments/{trackingNumber}
//        200 {"trackingNumber", "idempotencyKey", "status", "fee", "reason"?, "events": [{"id","status","at","reason"?,"location"?}]}
//   POST /v1/shipments/{trackingNumber}/cancel      (only before it is picked up)
//        200 {"status": "cancelled"};  409 {"code": "too_late"}
//   errors: 400 {"code":"invalid","field":"…"} · 401 {"code":"bad_signature"} · 404 {"code":"not_found"}
//           · 5xx: try again later (with the same idempotencyKey)
//
// Status webhooks, from the postal service to us: POST to the callback URL we registered
// (ours: {PUBLIC_URL}/api/v1/postal/webhook), at each change of a shipment:
//     x-timestamp:  Unix seconds (our side refuses more than 300 s away from our clock)
//     x-signature:  hex HMAC-SHA256(POSTAL_WEBHOOK_SECRET, `${timestamp}.${rawBody}`)
//   body {"eventId": "<unique per change>", "trackingNumber", "idempotencyKey", "status", "at": ISO time,
//         "reason"?: "…" (returned), "location"?: "…"}
//   We answer 2xx once it is recorded (or was recorded before: the same eventId is a duplicate
//   and changes nothing); anything else and the service sends the same event again later.
//   Statuses: accepted → picked_up → in_transit → out_for_delivery → delivered, or → returned
//   (with a reason) from picked_up onwards; cancelled before pick-up.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const MAX_CLOCK_SKEW_SECONDS = 300;

export type PostalStatus = 'accepted' | 'picked_up' | 'in_transit' | 'out_for_delivery' | 'delivered' | 'returned' | 'cancelled';
export const POSTAL_STATUSES: readonly PostalStatus[] = ['accepted', 'picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'returned', 'cancelled'];

export interface PostalAddress {
  /** tỉnh, thành phố */
  province: string;
  /** xã, phường, đặc khu (two-tier administration since 01/07/2025) */
  commune: string;
  /** số nhà, đường, thôn, xóm */
  detail: string;
}

export interface Party {
  name: string;
  /** 0xxxxxxxxx (a mobile number for the recipient; the sender's may be a landline, or absent) */
  phone?: string;
  address: PostalAddress;
}

export interface ShipmentOrder {
  /** Ours: the service never makes two orders for one key. We use the dossier's id. */
  idempotencyKey: string;
  /** Printed on the label: the dossier code. */
  reference: string;
  sender: Party;
  recipient: Party;
  weightGrams: number;
  /** What is inside, as printed on the label. */
  content: string;
}

export interface ShipmentEvent {
  id: string;
  status: PostalStatus;
  at: string;
  reason?: string;
  location?: string;
}

export interface ShipmentInfo {
  trackingNumber: string;
  idempotencyKey: string;
  status: PostalStatus;
  fee: number;
  reason?: string;
  events: ShipmentEvent[];
}

export interface WebhookEvent {
  eventId: string;
  trackingNumber: string;
  idempotencyKey: string;
  status: PostalStatus;
  at: string;
  reason?: string;
  location?: string;
}

export interface PostalPort {
  /** The postage for a parcel between two addresses, in integer đồng. */
  quote(input: { weightGrams: number; from: PostalAddress; to: PostalAddress }): Promise<{ fee: number; zone: string }>;
  /** Places the order; the same idempotencyKey again returns the first order. */
  createShipment(order: ShipmentOrder): Promise<{ trackingNumber: string; fee: number; duplicate: boolean }>;
  getShipment(trackingNumber: string): Promise<ShipmentInfo | undefined>;
  cancel(trackingNumber: string): Promise<void>;
}

export function signRequest(secret: string, timestamp: string, method: string, path: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${method.toUpperCase()} ${path}.${body}`).digest('hex');
}

export function signWebhook(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** Whether the timestamp is within the replay window and the signature matches (constant-time compare). */
export function verifySignature(expectedHex: string, timestamp: string, signature: string, nowSeconds: number): boolean {
  const ts = Number(timestamp);
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds - ts) > MAX_CLOCK_SKEW_SECONDS) return false;
  if (!/^[0-9a-f]{64}$/i.test(signature)) return false;
  const expected = Buffer.from(expectedHex, 'hex');
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Why a webhook is refused ('stale' or 'signature'), or undefined when it is authentic and fresh. */
export function webhookRefusal(secret: string, timestamp: string, body: string, signature: string, nowSeconds: number): 'stale' | 'signature' | undefined {
  const ts = Number(timestamp);
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds - ts) > MAX_CLOCK_SKEW_SECONDS) return 'stale';
  return verifySignature(signWebhook(secret, timestamp, body), timestamp, signature, nowSeconds) ? undefined : 'signature';
}

/** Parses and checks a webhook body; undefined when it is not one. */
export function parseWebhook(raw: string): WebhookEvent | undefined {
  let b: Record<string, unknown>;
  try {
    b = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (!b || typeof b !== 'object') return undefined;
  const str = (k: string, max: number) => (typeof b[k] === 'string' && (b[k] as string).length > 0 && (b[k] as string).length <= max ? (b[k] as string) : undefined);
  const eventId = str('eventId', 100);
  const trackingNumber = str('trackingNumber', 20);
  const idempotencyKey = str('idempotencyKey', 100);
  const status = str('status', 20) as PostalStatus | undefined;
  const at = str('at', 40);
  if (!eventId || !trackingNumber || !idempotencyKey || !status || !POSTAL_STATUSES.includes(status) || !at || Number.isNaN(Date.parse(at))) return undefined;
  const reason = str('reason', 500);
  const location = str('location', 200);
  return { eventId, trackingNumber, idempotencyKey, status, at, ...(reason ? { reason } : {}), ...(location ? { location } : {}) };
}
