// National public-service portal simulator (Cổng Dịch vụ công quốc gia): its own process,
// speaking the protocol below, signatures included. Run: npm run sim:national-portal
// Environment: PORT (default 4030), NATIONAL_PORTAL_CLIENT_ID (lang-son), NATIONAL_PORTAL_SECRET
// (demo-national-portal-secret), PROVINCE_URL (the province's app, for dossiers submitted here;
// default http://127.0.0.1:3000), DATA_FILE (optional: what was received is kept in this JSON
// file and read again at start, so a restarted simulator still knows every item it acknowledged).
//
// ---- The protocol -----------------------------------------------------------------------------
// Every request, in either direction, is JSON (UTF-8) signed with the province's client secret:
//   x-client-id:  the province's client id at the portal (NATIONAL_PORTAL_CLIENT_ID)
//   x-timestamp:  Unix seconds; refused when more than 300 s from the receiver's clock
//   x-nonce:      16–100 characters [A-Za-z0-9-], used once: the receiver refuses a nonce it saw
//   x-signature:  hex HMAC-SHA256(secret, METHOD + "\n" + path + "\n" + timestamp + "\n" + nonce + "\n" + hex SHA-256(raw body))
//                 (path with its query string; the exact bytes of the body)
// Errors, in either direction: {"error": {"code": "…", "message": "…", "field"?: "…"}}
//   401 bad_client | stale | bad_signature | replayed_nonce · 400 invalid (with field) · 5xx: try again later
//
// Province → portal (the province's outbox worker; src/integrations/national-portal/http.ts):
//   POST /api/v1/dossier-events   {"idempotencyKey", "sequence", "dossier": {"code", "procedureCode", "procedureName",
//                                  "channel", "agencyCode", "submittedAt", "receivedAt", "dueAt"},
//                                  "event": {"type", "state", "at", "note", "rating"?}}
//   POST /api/v1/online-levels    {"idempotencyKey", "sequence", "procedure": {"code", "name", "version",
//                                  "onlineLevel", "legacyLevel", "published"}}
//     also header idempotency-key (the same key as in the body)
//     200 {"ackId": "…", "duplicate": false}   recorded; the item is delivered only on this answer
//     200 {"ackId": "<the first one>", "duplicate": true}   the key was seen before: nothing recorded twice
//     409 out_of_order   "sequence" is not 1 + the last one recorded for that dossier (or procedure):
//                        items of one dossier must arrive in order, each after its predecessor was acknowledged
//
// Portal → province (a dossier a citizen submitted on the national portal for this province's procedure):
//   POST {PROVINCE_URL}/api/v1/national-portal/dossiers, signed the same way with the same secret
//     {"nationalDossierId": "G22.99-…", "procedureCode": "1.001193", "receivingUnitCode"?: "<unit code or e-ID>",
//      "applicant": {"name", "idNumber"?, "phone"?, "email"?}, "answers": {…the procedure's e-form…},
//      "files": [[{"name": "giay-chung-sinh.pdf", "content": "<base64>"}, …], [], …]}
//     "files" is aligned with the procedure's components as the national catalogue lists them:
//     files[i] holds the files of the i-th component ([] or null for none). Every required component
//     needs a file, except the tờ khai the e-form ("answers") stands for. Each file is vetted as an
//     online upload is: its type by content (PDF, JPEG/PNG, Word, Excel as the component accepts),
//     at most 10 MB a file and 50 MB a dossier (the province's UPLOAD_MAX_* settings), a virus scan.
//     The whole request is at most 20 MB (base64 adds a third): larger is refused with 413.
//     201 {"dossierCode": "…", "state": "SUBMITTED", "duplicate": false}
//     200 the same with "duplicate": true when that nationalDossierId was received before
//         (its files are not looked at again)
//     404 unknown_procedure · 400 invalid (field; "files[i]" names the component of a missing
//     required file or of a refused one, and then nothing is created) · 401 as above
//     503 unavailable: the province could not scan the files now; send again later
//
// ---- The simulator's own endpoints (no signature: a test's, not the protocol's) ------------------
//   GET  /_inbox      {"events": [...in arrival order], "onlineLevels": [...], "received": n, "duplicates": n,
//                      "duplicatesByKey": {key: n}, "refused": [{"path", "code"}], "submissions": [...]}
//   POST /_faults     {"refuseNext": n, "status": 500 | 422}: answer the next n pushes with that status, recording nothing
//   POST /_submit     a dossier as above (nationalDossierId made up when absent), signed and sent to the province;
//                     {"_forge": true} signs with a wrong secret, {"_nonce": "…"} reuses a nonce.
//                     A file {"name", "sample": "<label>"} is sent as a small sample PDF carrying that
//                     label (seed/sample-pdf.ts); {"name", "content"} as given.
//                     Answers {"status": <the province's status>, "body": <its JSON>,
//                     "sent": [{"component": i, "name", "sha256", "size"}]: the files as sent}
//   POST /_reset
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { samplePdf } from '../seed/sample-pdf';
import { errorBody, headersOf, sign, signatureRefusal, signedHeaders } from '../src/integrations/national-portal/port';

const port = Number(process.env.PORT ?? 4030);
const clientId = process.env.NATIONAL_PORTAL_CLIENT_ID ?? 'lang-son';
const secret = process.env.NATIONAL_PORTAL_SECRET ?? 'demo-national-portal-secret';
const provinceUrl = process.env.PROVINCE_URL ?? 'http://127.0.0.1:3000';
const dataFile = process.env.DATA_FILE;

interface Received {
  ackId: string;
  idempotencyKey: string;
  stream: string;
  sequence: number;
  receivedAt: string;
  body: Record<string, unknown>;
}

interface State {
  events: Received[];
  onlineLevels: Received[];
  /** the last sequence recorded per dossier code or procedure code */
  lastSequence: Record<string, number>;
  duplicatesByKey: Record<string, number>;
  refused: { path: string; code: string }[];
  submissions: { nationalDossierId: string; status: number; body: unknown }[];
  nonces: Record<string, number>;
}

const empty = (): State => ({ events: [], onlineLevels: [], lastSequence: {}, duplicatesByKey: {}, refused: [], submissions: [], nonces: {} });
let state: State = dataFile && existsSync(dataFile) ? (JSON.parse(readFileSync(dataFile, 'utf8')) as State) : empty();
let faults = { refuseNext: 0, status: 500 };

/** Written before the answer leaves: an acknowledged item survives a restart. */
function save(): void {
  if (!dataFile) return;
  writeFileSync(dataFile + '.tmp', JSON.stringify(state));
  renameSync(dataFile + '.tmp', dataFile);
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const REFUSALS: Record<string, string> = {
  bad_client: 'Mã ứng dụng (x-client-id) không đúng.',
  stale: 'Thời điểm ký (x-timestamp) lệch quá 300 giây.',
  bad_signature: 'Chữ ký của yêu cầu không hợp lệ.',
  replayed_nonce: 'Yêu cầu đã được gửi trước đó (nonce dùng lại).',
};

/** Checks the signature and the nonce; answers 401 and returns false when they are not right. */
function authentic(req: IncomingMessage, res: ServerResponse, path: string, raw: string): boolean {
  const h = headersOf(req.headers);
  const why = signatureRefusal({ clientId, secret }, req.method ?? 'POST', path, raw, h);
  const now = Date.now();
  for (const [n, at] of Object.entries(state.nonces)) if (now - at > 600_000) delete state.nonces[n];
  const code = why ?? (state.nonces[h.nonce] ? 'replayed_nonce' : undefined);
  if (code) {
    state.refused.push({ path, code });
    save();
    reply(res, 401, errorBody(code, REFUSALS[code] ?? 'Chữ ký của yêu cầu không hợp lệ.'));
    return false;
  }
  state.nonces[h.nonce] = now;
  return true;
}

function handlePush(res: ServerResponse, path: string, raw: string, kind: 'events' | 'onlineLevels'): void {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return reply(res, 400, errorBody('invalid', 'Nội dung không phải JSON.'));
  }
  const key = body.idempotencyKey;
  const sequence = body.sequence;
  const subject = (kind === 'events' ? (body.dossier as { code?: unknown } | undefined)?.code : (body.procedure as { code?: unknown } | undefined)?.code) as unknown;
  if (typeof key !== 'string' || key === '') return reply(res, 400, errorBody('invalid', 'Thiếu idempotencyKey.', 'idempotencyKey'));
  if (typeof sequence !== 'number' || !Number.isInteger(sequence) || sequence < 1) return reply(res, 400, errorBody('invalid', 'sequence phải là số nguyên dương.', 'sequence'));
  if (typeof subject !== 'string' || subject === '') return reply(res, 400, errorBody('invalid', 'Thiếu mã hồ sơ hoặc mã thủ tục.', kind === 'events' ? 'dossier.code' : 'procedure.code'));
  if (faults.refuseNext > 0) {
    faults.refuseNext--;
    state.refused.push({ path, code: `fault_${faults.status}` });
    save();
    return reply(res, faults.status, errorBody(faults.status >= 500 ? 'unavailable' : 'rejected', 'Lỗi giả lập của Cổng DVC quốc gia.'));
  }
  const seen = [...state.events, ...state.onlineLevels].find((r) => r.idempotencyKey === key);
  if (seen) {
    state.duplicatesByKey[key] = (state.duplicatesByKey[key] ?? 0) + 1;
    save();
    return reply(res, 200, { ackId: seen.ackId, duplicate: true });
  }
  const stream = `${kind}:${subject}`;
  const last = state.lastSequence[stream] ?? 0;
  if (sequence !== last + 1) {
    state.refused.push({ path, code: 'out_of_order' });
    save();
    return reply(res, 409, errorBody('out_of_order', `Sự kiện số ${sequence} đến trước sự kiện số ${last + 1} của ${subject}.`, 'sequence'));
  }
  const item: Received = { ackId: randomUUID(), idempotencyKey: key, stream, sequence, receivedAt: new Date().toISOString(), body };
  state[kind].push(item);
  state.lastSequence[stream] = sequence;
  save();
  reply(res, 200, { ackId: item.ackId, duplicate: false });
}

interface SentFile {
  component: number;
  name: string;
  sha256: string;
  size: number;
}

/** The files of a /_submit: sample PDFs made for {"sample": label}, the rest as given; and what was sent. */
function withFiles(files: unknown): { files: unknown; sent: SentFile[] } {
  const sent: SentFile[] = [];
  if (!Array.isArray(files)) return { files, sent };
  const out = files.map((list: unknown, component) => {
    if (!Array.isArray(list)) return list;
    return list.map((f: unknown) => {
      const file = (f && typeof f === 'object' ? f : {}) as { name?: unknown; content?: unknown; sample?: unknown };
      const content = typeof file.sample === 'string' ? samplePdf(file.sample).toString('base64') : file.content;
      if (typeof content === 'string') {
        const bytes = Buffer.from(content, 'base64');
        sent.push({ component, name: String(file.name), sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length });
      }
      return { name: file.name, content };
    });
  });
  return { files: out, sent };
}

/** Submits a dossier to the province, signed (or forged), as the national portal does. */
async function submitToProvince(input: Record<string, unknown>): Promise<{ status: number; body: unknown; nonce: string | undefined; sent: SentFile[] }> {
  const { _forge, _nonce, files: given, ...dossier } = input;
  const { files, sent } = withFiles(given);
  const payload = { nationalDossierId: `G22.99-${Date.now()}-${Math.floor(Math.random() * 1e6)}`, ...dossier, ...(files === undefined ? {} : { files }) };
  const path = '/api/v1/national-portal/dossiers';
  const raw = JSON.stringify(payload);
  const headers = signedHeaders(clientId, _forge === true ? secret + '-gia-mao' : secret, 'POST', path, raw);
  if (typeof _nonce === 'string') {
    headers['x-nonce'] = _nonce;
    headers['x-signature'] = sign(secret, 'POST', path, headers['x-timestamp']!, _nonce, raw);
  }
  const res = await fetch(provinceUrl + path, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: raw, signal: AbortSignal.timeout(30_000) });
  const body = (await res.json().catch(() => ({}))) as unknown;
  state.submissions.push({ nationalDossierId: payload.nationalDossierId as string, status: res.status, body });
  save();
  return { status: res.status, body, nonce: headers['x-nonce'], sent };
}

const server = createServer((req, res) => {
  void (async () => {
    const path = req.url ?? '/';
    const raw = await readBody(req);
    try {
      if (req.method === 'GET' && path === '/_inbox') {
        const duplicates = Object.values(state.duplicatesByKey).reduce((a, b) => a + b, 0);
        return reply(res, 200, {
          events: state.events,
          onlineLevels: state.onlineLevels,
          received: state.events.length + state.onlineLevels.length,
          duplicates,
          duplicatesByKey: state.duplicatesByKey,
          refused: state.refused,
          submissions: state.submissions,
        });
      }
      if (req.method === 'POST' && path === '/_faults') {
        const b = JSON.parse(raw || '{}') as { refuseNext?: number; status?: number };
        faults = { refuseNext: b.refuseNext ?? 0, status: b.status ?? 500 };
        return reply(res, 200, faults);
      }
      if (req.method === 'POST' && path === '/_reset') {
        state = empty();
        faults = { refuseNext: 0, status: 500 };
        save();
        return reply(res, 200, {});
      }
      if (req.method === 'POST' && path === '/_submit') return reply(res, 200, await submitToProvince(JSON.parse(raw || '{}') as Record<string, unknown>));
      if (req.method === 'POST' && (path === '/api/v1/dossier-events' || path === '/api/v1/online-levels')) {
        if (!authentic(req, res, path, raw)) return;
        return handlePush(res, path, raw, path === '/api/v1/dossier-events' ? 'events' : 'onlineLevels');
      }
      reply(res, 404, errorBody('not_found', 'Không có địa chỉ này.'));
    } catch (err) {
      reply(res, 500, errorBody('internal', (err as Error).message));
    }
  })();
});

server.listen(port, '127.0.0.1', () => console.log(`national-portal simulator on http://127.0.0.1:${port} (client ${clientId})`));

// A stop finishes the requests in flight (their answers leave) and then exits.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
  });
}
