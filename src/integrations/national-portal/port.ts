// The national public-service portal (Cổng Dịch vụ công quốc gia): the port, and the signing
// rules that its HTTP adapter (http.ts), our inbound endpoint and the simulator
// (simulators/national-portal.ts, whose header comment documents the whole protocol) share.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** How far a request's timestamp may be from the receiver's clock. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/** A dossier's public event as the portal receives it. */
export interface DossierEventPush {
  idempotencyKey: string;
  /** 1, 2, 3… per dossier: the portal refuses a number before its predecessor arrived. */
  sequence: number;
  dossier: {
    code: string;
    procedureCode: string;
    procedureName: string;
    channel: string;
    /** The receiving agency's e-ID (mã định danh điện tử). */
    agencyCode: string | null;
    submittedAt: string;
    receivedAt: string | null;
    dueAt: string | null;
  };
  event: {
    type: string;
    state: string | null;
    at: string;
    /** The public note shown on the tracking page (nothing personal). */
    note: string | null;
    /** 1–5 for a rating. */
    rating?: number;
  };
}

/** A procedure's online level, pushed when a version is published or the procedure withdrawn. */
export interface OnlineLevelPush {
  idempotencyKey: string;
  sequence: number;
  procedure: {
    code: string;
    name: string;
    version: number;
    /** NĐ 42/2022: toan_trinh | mot_phan | none */
    onlineLevel: string;
    /** NĐ 43/2011 levels 1–4, for the legacy reports */
    legacyLevel: number | null;
    published: boolean;
  };
}

export interface PushAck {
  ackId: string;
  duplicate: boolean;
}

export interface NationalPortalPort {
  pushDossierEvent(item: DossierEventPush): Promise<PushAck>;
  pushOnlineLevel(item: OnlineLevelPush): Promise<PushAck>;
}

/** The portal answered, but not with an acknowledgement. `retryable`: try again later; otherwise it refused the item. */
export class PortalRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export function sha256Hex(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

/** The string both sides sign: method, path (with query), timestamp, nonce and the body's SHA-256, one per line. */
export function canonicalString(method: string, path: string, timestamp: string, nonce: string, body: string): string {
  return [method.toUpperCase(), path, timestamp, nonce, sha256Hex(body)].join('\n');
}

export function sign(secret: string, method: string, path: string, timestamp: string, nonce: string, body: string): string {
  return createHmac('sha256', secret).update(canonicalString(method, path, timestamp, nonce, body)).digest('hex');
}

export interface SignedHeaders {
  clientId: string;
  timestamp: string;
  nonce: string;
  signature: string;
}

/** The headers of a signed request. */
export function signedHeaders(clientId: string, secret: string, method: string, path: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(now / 1000));
  const nonce = crypto.randomUUID();
  return {
    'x-client-id': clientId,
    'x-timestamp': timestamp,
    'x-nonce': nonce,
    'x-signature': sign(secret, method, path, timestamp, nonce, body),
  };
}

export function headersOf(h: Record<string, string | string[] | undefined>): SignedHeaders {
  const one = (k: string) => {
    const v = h[k];
    return typeof v === 'string' ? v : '';
  };
  return { clientId: one('x-client-id'), timestamp: one('x-timestamp'), nonce: one('x-nonce'), signature: one('x-signature') };
}

/**
 * Why a signed request is refused, or undefined when its signature is right and its timestamp
 * fresh. The nonce's single use is the receiver's to check (it keeps the nonces it saw).
 */
export function signatureRefusal(
  expected: { clientId: string; secret: string },
  method: string,
  path: string,
  body: string,
  h: SignedHeaders,
  nowSeconds = Math.floor(Date.now() / 1000),
): 'bad_client' | 'stale' | 'bad_signature' | undefined {
  if (h.clientId !== expected.clientId) return 'bad_client';
  if (!/^\d{1,12}$/.test(h.timestamp) || Math.abs(nowSeconds - Number(h.timestamp)) > MAX_CLOCK_SKEW_SECONDS) return 'stale';
  if (!/^[A-Za-z0-9-]{16,100}$/.test(h.nonce) || !/^[0-9a-f]{64}$/i.test(h.signature)) return 'bad_signature';
  const want = Buffer.from(sign(expected.secret, method, path, h.timestamp, h.nonce, body), 'hex');
  const given = Buffer.from(h.signature, 'hex');
  return given.length === want.length && timingSafeEqual(given, want) ? undefined : 'bad_signature';
}

/** The portal's error answer, on both sides of the link. */
export function errorBody(code: string, message: string, field?: string): { error: { code: string; message: string; field?: string } } {
  return { error: { code, message, ...(field ? { field } : {}) } };
}
