// SMS gateway simulator: its own process, speaking the protocol of
// src/integrations/sms/protocol.ts, signatures included. Run: npm run sim:sms
// Environment: PORT (default 4010), SMS_PARTNER_ID (demo), SMS_SECRET (demo-secret).
// Test-only endpoints: GET /_inbox (messages delivered), POST /_faults {"failNext":n}
// (answer 503 to the next n sends), POST /_reset.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { verify } from '../src/integrations/sms/protocol';

const port = Number(process.env.PORT ?? 4010);
const partner = process.env.SMS_PARTNER_ID ?? 'demo';
const secret = process.env.SMS_SECRET ?? 'demo-secret';

interface Delivered {
  requestId: string;
  messageId: string;
  phone: string;
  message: string;
  brandname: string;
  at: string;
}

let inbox: Delivered[] = [];
const byRequest = new Map<string, Delivered>();
let failNext = 0;
let rejected = 0;

function reply(res: import('node:http').ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const raw = Buffer.concat(chunks).toString('utf8');
    if (req.method === 'GET' && req.url === '/_inbox') return reply(res, 200, { messages: inbox, rejected });
    if (req.method === 'POST' && req.url === '/_faults') {
      failNext = Number((JSON.parse(raw || '{}') as { failNext?: number }).failNext ?? 0);
      return reply(res, 200, { failNext });
    }
    if (req.method === 'POST' && req.url === '/_reset') {
      inbox = [];
      byRequest.clear();
      failNext = 0;
      rejected = 0;
      return reply(res, 200, {});
    }
    if (req.method !== 'POST' || req.url !== '/v1/sms') return reply(res, 404, { code: '01', message: 'not found' });

    const ts = String(req.headers['x-timestamp'] ?? '');
    const sig = String(req.headers['x-signature'] ?? '');
    if (req.headers['x-partner'] !== partner || !verify(secret, ts, raw, sig, Math.floor(Date.now() / 1000))) {
      rejected++;
      return reply(res, 401, { code: '97', message: 'invalid signature' });
    }
    let body: { requestId?: unknown; phone?: unknown; message?: unknown; brandname?: unknown };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      return reply(res, 400, { code: '01', message: 'invalid json' });
    }
    if (typeof body.requestId !== 'string' || typeof body.phone !== 'string' || !/^84\d{9}$/.test(body.phone) || typeof body.message !== 'string') {
      return reply(res, 400, { code: '01', message: 'invalid request' });
    }
    if (failNext > 0) {
      failNext--;
      return reply(res, 503, { code: '99', message: 'temporarily unavailable' });
    }
    const seen = byRequest.get(body.requestId);
    if (seen) return reply(res, 200, { code: '00', messageId: seen.messageId, duplicate: true });
    const delivered: Delivered = {
      requestId: body.requestId,
      messageId: randomUUID(),
      phone: body.phone,
      message: body.message,
      brandname: String(body.brandname ?? ''),
      at: new Date().toISOString(),
    };
    byRequest.set(body.requestId, delivered);
    inbox.push(delivered);
    return reply(res, 200, { code: '00', messageId: delivered.messageId, duplicate: false });
  });
});

server.listen(port, '127.0.0.1', () => console.log(`SMS gateway simulator on http://127.0.0.1:${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
