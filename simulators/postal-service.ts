// Postal service (BCCI) simulator: its own process, speaking the protocol written at the top of
// src/integrations/postal/port.ts, signatures included. Run: npm run sim:postal
// Environment: PORT (default 4020), POSTAL_API_KEY (demo-key), POSTAL_SECRET (demo-secret),
// POSTAL_WEBHOOK_SECRET (demo-webhook-secret), POSTAL_CALLBACK_URL (where status webhooks go;
// default http://127.0.0.1:3000/api/v1/postal/webhook), WEBHOOK_RETRY_MS (2000), WEBHOOK_MAX_ATTEMPTS (20),
// SENDER_PROVINCE (Lạng Sơn: the province whose addresses are "nội tỉnh").
//
// Its own admin pages and endpoints (no signature; a simulator's, not the protocol's):
//   GET  /__sim                               every shipment, with buttons to move it on or return it
//   POST /__sim/shipments/{no}/advance        next status (accepted → picked_up → in_transit → out_for_delivery → delivered)
//   POST /__sim/shipments/{no}/return         {"reason": "…"}: chuyển hoàn
//   GET  /__sim/state                         shipments, orders received, webhooks sent (with their exact bytes), refused requests
//   POST /__sim/faults                        {"failNextOrders": n, "when": "before" | "after"}: answer 500 to the next n
//                                             orders, either without creating them or after creating them (a lost answer)
//   POST /__sim/config                        {"callbackUrl": "…"}
//   POST /__sim/reset
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type PostalAddress, type PostalStatus, signRequest, signWebhook, verifySignature, type WebhookEvent } from '../src/integrations/postal/port';

const port = Number(process.env.PORT ?? 4020);
const apiKey = process.env.POSTAL_API_KEY ?? 'demo-key';
const secret = process.env.POSTAL_SECRET ?? 'demo-secret';
const webhookSecret = process.env.POSTAL_WEBHOOK_SECRET ?? 'demo-webhook-secret';
let callbackUrl = process.env.POSTAL_CALLBACK_URL ?? 'http://127.0.0.1:3000/api/v1/postal/webhook';
const retryMs = Number(process.env.WEBHOOK_RETRY_MS ?? 2000);
const maxAttempts = Number(process.env.WEBHOOK_MAX_ATTEMPTS ?? 20);
const senderProvince = process.env.SENDER_PROVINCE ?? 'Lạng Sơn';

// ---- the tariff (illustrative figures, not VNPost's published price list) ----
type Zone = 'noi_tinh' | 'lien_tinh';
/** Postage in đồng by weight bracket (up to N grams); above the last, each further 500 g adds `extra`. */
const TARIFF: Record<Zone, { upTo: [number, number][]; extra: number }> = {
  noi_tinh: { upTo: [[100, 13_000], [250, 16_500], [500, 20_000], [1000, 26_000]], extra: 5_000 },
  lien_tinh: { upTo: [[100, 22_000], [250, 27_500], [500, 33_000], [1000, 45_000]], extra: 9_000 },
};

const plain = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase().replace(/^(tinh|thanh pho)\s+/, '').trim();

function zoneOf(to: PostalAddress): Zone {
  return plain(to.province) === plain(senderProvince) ? 'noi_tinh' : 'lien_tinh';
}

function postage(weightGrams: number, zone: Zone): number {
  const t = TARIFF[zone];
  for (const [upTo, fee] of t.upTo) if (weightGrams <= upTo) return fee;
  const [last, lastFee] = t.upTo[t.upTo.length - 1]!;
  return lastFee + Math.ceil((weightGrams - last) / 500) * t.extra;
}

// ---- tracking numbers: UPU S10, e.g. EB123456785VN (8 digits, a check digit, the country) ----
let serial = 10_000_000 + Math.floor(Math.random() * 80_000_000);
function s10(n: number): string {
  const digits = String(n).padStart(8, '0');
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  const sum = [...digits].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  const c = 11 - (sum % 11);
  return `EB${digits}${c === 10 ? 0 : c === 11 ? 5 : c}VN`;
}

// ---- state ----
interface Shipment {
  trackingNumber: string;
  idempotencyKey: string;
  reference: string;
  order: unknown;
  fee: number;
  zone: Zone;
  status: PostalStatus;
  reason?: string;
  events: { id: string; status: PostalStatus; at: string; reason?: string; location?: string }[];
}
interface SentWebhook {
  eventId: string;
  trackingNumber: string;
  status: PostalStatus;
  attempt: number;
  answer: number | string;
  body: string;
  timestamp: string;
  signature: string;
}

let shipments = new Map<string, Shipment>();
let byKey = new Map<string, string>();
let ordersReceived = 0;
let rejected = 0;
let faults = { failNextOrders: 0, when: 'before' as 'before' | 'after' };
let webhooks: SentWebhook[] = [];
let outbox: { body: string; eventId: string; trackingNumber: string; status: PostalStatus; attempts: number }[] = [];
let sending = false;
let generation = 0;

const NEXT: Partial<Record<PostalStatus, PostalStatus>> = { accepted: 'picked_up', picked_up: 'in_transit', in_transit: 'out_for_delivery', out_for_delivery: 'delivered' };
const LOCATION: Partial<Record<PostalStatus, string>> = {
  accepted: 'Bưu cục giao dịch',
  picked_up: 'Bưu cục giao dịch',
  in_transit: 'Trung tâm khai thác',
  out_for_delivery: 'Bưu cục phát',
  delivered: 'Địa chỉ người nhận',
  returned: 'Bưu cục phát',
};

function record(s: Shipment, status: PostalStatus, reason?: string): void {
  const event = { id: randomUUID(), status, at: new Date().toISOString(), ...(reason ? { reason } : {}), ...(LOCATION[status] ? { location: LOCATION[status] } : {}) };
  s.status = status;
  if (reason) s.reason = reason;
  s.events.push(event);
  const payload: WebhookEvent = { eventId: event.id, trackingNumber: s.trackingNumber, idempotencyKey: s.idempotencyKey, status, at: event.at, ...(reason ? { reason } : {}), ...(event.location ? { location: event.location } : {}) };
  outbox.push({ body: JSON.stringify(payload), eventId: event.id, trackingNumber: s.trackingNumber, status, attempts: 0 });
  void drain();
}

/** Sends the webhooks in order, one at a time; one not answered 2xx is sent again after retryMs. */
async function drain(): Promise<void> {
  if (sending) return;
  sending = true;
  const gen = generation;
  try {
    while (outbox.length > 0 && gen === generation) {
      const item = outbox[0]!;
      item.attempts++;
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = signWebhook(webhookSecret, timestamp, item.body);
      let answer: number | string;
      try {
        const res = await fetch(callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', 'x-timestamp': timestamp, 'x-signature': signature }, body: item.body, signal: AbortSignal.timeout(10_000) });
        await res.arrayBuffer();
        answer = res.status;
      } catch (err) {
        answer = (err as Error).message;
      }
      if (gen !== generation) break;
      webhooks.push({ eventId: item.eventId, trackingNumber: item.trackingNumber, status: item.status, attempt: item.attempts, answer, body: item.body, timestamp, signature });
      if (typeof answer === 'number' && answer >= 200 && answer < 300) outbox.shift();
      else if (item.attempts >= maxAttempts) outbox.shift();
      else await new Promise((r) => setTimeout(r, retryMs));
    }
  } finally {
    sending = false;
  }
}

// ---- HTTP ----
function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function checkAddress(a: unknown, field: string): string | undefined {
  const x = a as Partial<PostalAddress> | undefined;
  if (!x || typeof x !== 'object') return field;
  for (const k of ['province', 'commune', 'detail'] as const) if (typeof x[k] !== 'string' || !x[k]!.trim() || x[k]!.length > 300) return `${field}.${k}`;
  return undefined;
}

/** The recipient's phone is a mobile number (10 digits); the sender's, if given, may be a landline (11). */
function checkParty(p: unknown, field: 'sender' | 'recipient'): string | undefined {
  const x = p as { name?: unknown; phone?: unknown; address?: unknown } | undefined;
  if (!x || typeof x !== 'object') return field;
  if (typeof x.name !== 'string' || !x.name.trim() || x.name.length > 200) return `${field}.name`;
  if (field === 'recipient' ? typeof x.phone !== 'string' || !/^0\d{9}$/.test(x.phone) : x.phone !== undefined && (typeof x.phone !== 'string' || !/^0\d{9,10}$/.test(x.phone))) return `${field}.phone`;
  return checkAddress(x.address, `${field}.address`);
}

function publicView(s: Shipment) {
  return { trackingNumber: s.trackingNumber, idempotencyKey: s.idempotencyKey, reference: s.reference, status: s.status, fee: s.fee, zone: s.zone, ...(s.reason ? { reason: s.reason } : {}), events: s.events };
}

function handleProtocol(req: IncomingMessage, res: ServerResponse, raw: string): void {
  const url = req.url ?? '/';
  const ts = String(req.headers['x-timestamp'] ?? '');
  const sig = String(req.headers['x-signature'] ?? '');
  if (req.headers['x-api-key'] !== apiKey || !verifySignature(signRequest(secret, ts, req.method ?? 'GET', url, req.method === 'GET' ? '' : raw), ts, sig, Math.floor(Date.now() / 1000))) {
    rejected++;
    return reply(res, 401, { code: 'bad_signature' });
  }
  let body: Record<string, unknown> = {};
  if (req.method === 'POST') {
    try {
      body = JSON.parse(raw || '{}') as Record<string, unknown>;
    } catch {
      return reply(res, 400, { code: 'invalid', field: 'body' });
    }
  }
  if (req.method === 'POST' && url === '/v1/quotes') {
    const bad = typeof body.weightGrams !== 'number' || !Number.isInteger(body.weightGrams) || body.weightGrams < 1 || body.weightGrams > 30_000 ? 'weightGrams' : checkAddress(body.to, 'to') ?? checkAddress(body.from, 'from');
    if (bad) return reply(res, 400, { code: 'invalid', field: bad });
    const zone = zoneOf(body.to as PostalAddress);
    return reply(res, 200, { fee: postage(body.weightGrams as number, zone), zone });
  }
  if (req.method === 'POST' && url === '/v1/shipments') {
    const bad =
      typeof body.idempotencyKey !== 'string' || !body.idempotencyKey || body.idempotencyKey.length > 100
        ? 'idempotencyKey'
        : typeof body.reference !== 'string' || !body.reference
          ? 'reference'
          : typeof body.weightGrams !== 'number' || !Number.isInteger(body.weightGrams) || body.weightGrams < 1 || body.weightGrams > 30_000
            ? 'weightGrams'
            : (checkParty(body.sender, 'sender') ?? checkParty(body.recipient, 'recipient'));
    if (bad) return reply(res, 400, { code: 'invalid', field: bad });
    ordersReceived++;
    if (faults.failNextOrders > 0 && faults.when === 'before') {
      faults.failNextOrders--;
      return reply(res, 500, { code: 'unavailable' });
    }
    const seen = byKey.get(body.idempotencyKey as string);
    if (seen) {
      const s = shipments.get(seen)!;
      return reply(res, 200, { trackingNumber: s.trackingNumber, fee: s.fee, status: s.status, duplicate: true });
    }
    const zone = zoneOf((body.recipient as { address: PostalAddress }).address);
    const s: Shipment = {
      trackingNumber: s10(serial++),
      idempotencyKey: body.idempotencyKey as string,
      reference: body.reference as string,
      order: body,
      fee: postage(body.weightGrams as number, zone),
      zone,
      status: 'accepted',
      events: [],
    };
    shipments.set(s.trackingNumber, s);
    byKey.set(s.idempotencyKey, s.trackingNumber);
    record(s, 'accepted');
    if (faults.failNextOrders > 0 && faults.when === 'after') {
      faults.failNextOrders--;
      return reply(res, 500, { code: 'unavailable' });
    }
    return reply(res, 201, { trackingNumber: s.trackingNumber, fee: s.fee, status: s.status, duplicate: false });
  }
  const m = /^\/v1\/shipments\/([A-Z0-9]{13})(\/cancel)?$/.exec(url);
  const s = m ? shipments.get(m[1]!) : undefined;
  if (m && !s) return reply(res, 404, { code: 'not_found' });
  if (s && req.method === 'GET' && !m![2]) return reply(res, 200, publicView(s));
  if (s && req.method === 'POST' && m![2]) {
    if (s.status !== 'accepted') return reply(res, 409, { code: 'too_late' });
    record(s, 'cancelled');
    return reply(res, 200, { status: 'cancelled' });
  }
  return reply(res, 404, { code: 'not_found' });
}

function adminPage(): string {
  const rows = [...shipments.values()]
    .map(
      (s) => `<tr><td>${escapeHtml(s.trackingNumber)}</td><td>${escapeHtml(s.reference)}</td><td>${escapeHtml(s.status)}</td><td>${s.fee}</td><td>${escapeHtml(s.reason ?? '')}</td><td>
${NEXT[s.status] ? `<form method="post" action="/__sim/shipments/${s.trackingNumber}/advance"><button>→ ${NEXT[s.status]}</button></form>` : ''}
${['picked_up', 'in_transit', 'out_for_delivery'].includes(s.status) ? `<form method="post" action="/__sim/shipments/${s.trackingNumber}/return"><label>Lý do chuyển hoàn <input name="reason" required></label><button>Chuyển hoàn</button></form>` : ''}
</td></tr>`,
    )
    .join('\n');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Bưu chính (giả lập)</title></head><body>
<h1>Bưu chính công ích (giả lập)</h1><p>Webhook: ${escapeHtml(callbackUrl)}</p>
<table border="1" cellpadding="4"><thead><tr><th>Số hiệu</th><th>Mã hồ sơ</th><th>Trạng thái</th><th>Cước (đồng)</th><th>Lý do</th><th></th></tr></thead><tbody>${rows}</tbody></table></body></html>`;
}

function handleAdmin(req: IncomingMessage, res: ServerResponse, raw: string): void {
  const url = req.url ?? '/';
  const form = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  const input = form ? Object.fromEntries(new URLSearchParams(raw)) : ((): Record<string, unknown> => { try { return JSON.parse(raw || '{}') as Record<string, unknown>; } catch { return {}; } })();
  const done = (body: unknown): void => {
    if (!form) return reply(res, 200, body);
    res.writeHead(303, { location: '/__sim' });
    res.end();
  };
  if (req.method === 'GET' && url === '/__sim') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return void res.end(adminPage());
  }
  if (req.method === 'GET' && url === '/__sim/state') return reply(res, 200, { shipments: [...shipments.values()].map(publicView), ordersReceived, rejected, webhooks, pendingWebhooks: outbox.length });
  if (req.method === 'POST' && url === '/__sim/faults') {
    faults = { failNextOrders: Number(input.failNextOrders ?? 0), when: input.when === 'after' ? 'after' : 'before' };
    return reply(res, 200, faults);
  }
  if (req.method === 'POST' && url === '/__sim/config') {
    if (typeof input.callbackUrl === 'string') callbackUrl = input.callbackUrl;
    return reply(res, 200, { callbackUrl });
  }
  if (req.method === 'POST' && url === '/__sim/reset') {
    generation++;
    shipments = new Map();
    byKey = new Map();
    ordersReceived = 0;
    rejected = 0;
    faults = { failNextOrders: 0, when: 'before' };
    webhooks = [];
    outbox = [];
    return reply(res, 200, {});
  }
  const m = /^\/__sim\/shipments\/([A-Z0-9]{13})\/(advance|return)$/.exec(url);
  const s = m ? shipments.get(m[1]!) : undefined;
  if (req.method === 'POST' && m && !s) return reply(res, 404, { code: 'not_found' });
  if (req.method === 'POST' && s && m![2] === 'advance') {
    const next = NEXT[s.status];
    if (!next) return reply(res, 409, { code: 'final', status: s.status });
    record(s, next);
    return done(publicView(s));
  }
  if (req.method === 'POST' && s && m![2] === 'return') {
    const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
    if (!reason) return reply(res, 400, { code: 'invalid', field: 'reason' });
    if (!['picked_up', 'in_transit', 'out_for_delivery'].includes(s.status)) return reply(res, 409, { code: 'not_returnable', status: s.status });
    record(s, 'returned', reason);
    return done(publicView(s));
  }
  return reply(res, 404, { code: 'not_found' });
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const raw = Buffer.concat(chunks).toString('utf8');
    try {
      if ((req.url ?? '').startsWith('/__sim')) return handleAdmin(req, res, raw);
      return handleProtocol(req, res, raw);
    } catch (err) {
      return reply(res, 500, { code: 'error', message: (err as Error).message });
    }
  });
});

server.listen(port, '127.0.0.1', () => console.log(`Postal service simulator on http://127.0.0.1:${port} (admin: /__sim)`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
