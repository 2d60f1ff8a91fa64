// The SMS gateway protocol, shared by the adapter and the simulator so both sign alike.
//
//   POST {base}/v1/sms          content-type: application/json
//   x-partner:   partner id
//   x-timestamp: Unix seconds; refused when more than 300 s from the gateway's clock
//   x-signature: hex HMAC-SHA256(secret, `${timestamp}.${rawBody}`)
//   body: {"requestId": "<unique per message>", "phone": "84xxxxxxxxx", "message": "…", "brandname": "…"}
//
// Answers: 200 {"code":"00","messageId":"…","duplicate":false} (duplicate:true when the
// requestId was seen before: nothing is sent again); 400 {"code":"01"} bad request;
// 401 {"code":"97"} bad signature or stale timestamp; 503 {"code":"99"} try later.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const MAX_CLOCK_SKEW_SECONDS = 300;

export function sign(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export function verify(secret: string, timestamp: string, body: string, signature: string, nowSeconds: number): boolean {
  const ts = Number(timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowSeconds - ts) > MAX_CLOCK_SKEW_SECONDS) return false;
  const expected = Buffer.from(sign(secret, timestamp, body), 'hex');
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** 0912345678 → 84912345678 (the gateway's international form). */
export function toInternational(phone: string): string {
  return phone.startsWith('0') ? `84${phone.slice(1)}` : phone;
}
