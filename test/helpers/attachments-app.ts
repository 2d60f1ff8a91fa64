// The app with the attachment routes, listening on a real port (tus-js-client speaks HTTP),
// sample files, and the browser-like ways to send them: shared by attachments.test.ts and
// clamav.test.ts.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import * as tus from 'tus-js-client';
import { buildApp, createJobs } from '../../src/app';
import { blobStoreFor } from '../../src/platform/storage';
import { loadConfig, type Config } from '../../src/config';
import { takeAttachmentErrors } from '../../src/modules/attachments';
import { migrate } from '../../src/platform/db/migrate';
import type { Jobs } from '../../src/platform/jobs';
import { seedDemo } from '../../seed/demo';
import { freshDatabase } from './app';
import type { Client } from './client';

// ---------------------------------------------------------------------------------------
// The app, listening on a real port
// ---------------------------------------------------------------------------------------

export interface AttachmentsApp {
  app: FastifyInstance;
  config: Config;
  db: Awaited<ReturnType<typeof freshDatabase>>['database']['db'];
  base: string;
  close(): Promise<void>;
}

/**
 * startTestApp's app, listening, plus a test-only page that shows what the plain form left for
 * the files step (flash and refusals) as JSON, and any routes a test adds.
 */
export async function startAttachmentsApp(env: Record<string, string> = {}, extraRoutes?: (app: FastifyInstance, config: Config) => void): Promise<AttachmentsApp> {
  const dataDir = path.join(tmpdir(), `motcua-att-${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(dataDir, { recursive: true });
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, SESSION_SECRET: 'x'.repeat(40), LOGIN_RATE_LIMIT_PER_MINUTE: '1000', ...env });
  const fresh = await freshDatabase();
  const db = fresh.database.db;
  await migrate(db);
  await seedDemo(db, { blobs: blobStoreFor(config) });
  const jobs: Jobs = createJobs({ ...config, databaseUrl: fresh.url }, db);
  await jobs.start();
  const app = await buildApp({ config, db, jobs, logger: false });
  app.get('/thu-nghiem/ket-qua-tai-len', { config: { access: 'signed-in' } }, async (request) => ({ flash: request.session.flash ?? null, errors: takeAttachmentErrors(request) }));
  extraRoutes?.(app, config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    config,
    db,
    base: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await jobs.stop();
      await fresh.database.close();
      await fresh.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------
// Sample files
// ---------------------------------------------------------------------------------------

const ascii = (s: string) => s.normalize('NFD').replace(/[^\x20-\x7e]/g, '');

export async function pdf(label: string, pages = 1): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(label);
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]).drawText(`${ascii(label)} ${i + 1}`, { x: 72, y: 720 });
  return Buffer.from(await doc.save());
}

/** A valid PDF of about `bytes` bytes (the padding is a comment after the end marker). */
export async function bigPdf(label: string, bytes: number): Promise<Buffer> {
  const head = await pdf(label);
  return Buffer.concat([head, Buffer.from('%'), randomBytes(Math.max(0, bytes - head.length - 1)).map((b) => (b === 10 || b === 13 ? 32 : b))]);
}

export async function photo(width: number, height: number, format: 'jpeg' | 'png'): Promise<Buffer> {
  const img = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 180, b: 150 } } });
  return format === 'jpeg' ? img.jpeg({ quality: 90 }).toBuffer() : img.png().toBuffer();
}

export const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A multipart/form-data body as a browser sends it. */
export async function multipart(fields: Record<string, string>, files: { name: string; fileName: string; bytes: Buffer; type?: string }[]) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append(f.name, new Blob([f.bytes], { type: f.type ?? 'application/octet-stream' }), f.fileName);
  const res = new Response(form);
  return { payload: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get('content-type')! };
}


/** Posts files with the plain form, then reads what the files step page would show. */
export async function postFiles(t: AttachmentsApp, client: Client, draftId: string, componentIndex: number, files: { fileName: string; bytes: Buffer }[]) {
  const body = await multipart(
    { _csrf: client.lastCsrf!, componentIndex: String(componentIndex) },
    files.map((f) => ({ name: 'files', ...f })),
  );
  const res = await t.app.inject({ method: 'POST', url: `/ho-so-nhap/${draftId}/tep`, payload: body.payload, headers: { 'content-type': body.contentType, cookie: `mc_sid=${client.cookie('mc_sid')}` } });
  const outcome = (await client.get('/thu-nghiem/ket-qua-tai-len')).json() as { flash: string | null; errors: { field: string; message: string }[] };
  return { res, ...outcome };
}

/** Browser-like tus options for a signed-in client. */
export function tusOptions(t: AttachmentsApp, client: Client, draftId: string, componentIndex: number, filename: string, extra: Partial<tus.UploadOptions> = {}): tus.UploadOptions {
  return {
    endpoint: `${t.base}/tai-len/`,
    metadata: { draftId, componentIndex: String(componentIndex), filename },
    headers: { cookie: `mc_sid=${client.cookie('mc_sid')}`, 'x-csrf-token': client.lastCsrf! },
    retryDelays: null,
    ...extra,
  };
}

export interface TusOutcome {
  ok: boolean;
  status: number;
  body: string;
  url: string | null;
}

export function runTus(bytes: Buffer, options: tus.UploadOptions, prepare?: (u: tus.Upload) => Promise<void>): Promise<TusOutcome> {
  return new Promise((resolve, reject) => {
    const upload = new tus.Upload(bytes, {
      ...options,
      onSuccess: ({ lastResponse }) => resolve({ ok: true, status: lastResponse.getStatus(), body: lastResponse.getBody(), url: upload.url }),
      onError: (err) => {
        const res = (err as tus.DetailedError).originalResponse;
        resolve({ ok: false, status: res?.getStatus() ?? 0, body: res?.getBody() ?? err.message, url: upload.url });
      },
    });
    (prepare ? prepare(upload) : Promise.resolve()).then(() => upload.start(), reject);
  });
}

export const errorMessage = (o: TusOutcome) => (JSON.parse(o.body) as { error: { message: string } }).error.message;

