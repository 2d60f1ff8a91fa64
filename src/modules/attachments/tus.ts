// Resumable uploads with the tus protocol (tus.io, @tus/server): a browser sends a file in
// PATCH requests and, after a dropped connection, asks the offset (HEAD) and goes on from
// there. Partial uploads wait in DATA_DIR/uploads-partial; when one is complete it goes
// through the same checks as a form upload (acceptFile), is stored in the BlobStore and
// recorded in draft_files, and its partial file is deleted whatever the outcome.
//
// Trust: an upload's metadata (draftId, componentIndex, filename) comes from the browser and is
// checked like form input; the account it belongs to is set here, from the session, and every
// later request on the upload (HEAD, PATCH, DELETE) must come from that account.
import type { IncomingMessage } from 'node:http';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { FileStore } from '@tus/file-store';
import { MemoryLocker, Server, type ServerOptions } from '@tus/server';
import { AppError } from '../../platform/errors';
import type { Actor } from '../../platform/http/context';
import { AttachmentNotFound } from './errors';
import { formatFileSize } from './model';
import * as service from './service';

type TusRequest = Parameters<NonNullable<ServerOptions['onUploadCreate']>>[0];
type TusUpload = Parameters<NonNullable<ServerOptions['onUploadCreate']>>[1];
type TusError = { status_code: number; body: string };

export const TUS_PATH = '/tai-len';
/** Partial uploads older than this are deleted by cleanUpPartialUploads. */
export const PARTIAL_UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;

export function partialUploadsDir(dataDir: string): string {
  return path.join(dataDir, 'uploads-partial');
}

/** What the browser gets back when the last byte of a file has been accepted. */
export interface StoredFileAnswer {
  id: string;
  fileName: string;
  size: number;
  sizeText: string;
  mime: string;
  componentIndex: number;
  url: string;
}

export function storedFileAnswer(f: { id: string; draftId: string; fileName: string; size: number; mime: string; componentIndex: number }): StoredFileAnswer {
  return { id: f.id, fileName: f.fileName, size: f.size, sizeText: formatFileSize(f.size), mime: f.mime, componentIndex: f.componentIndex, url: `/ho-so-nhap/${f.draftId}/tep/${f.id}` };
}

function jsonError(status: number, code: string, message: string, field?: string): TusError {
  return { status_code: status, body: JSON.stringify({ error: { code, field: field ?? null, message } }) };
}

const TUS_MESSAGES: Record<number, string> = {
  404: 'Phiên tải lên này không còn trên máy chủ. Hãy chọn lại tệp để tải lên từ đầu.',
  409: 'Máy chủ đã nhận đến một vị trí khác trong tệp. Hãy thử tải lên lại; phần đã gửi sẽ không phải gửi lại.',
  410: 'Phiên tải lên này đã hết hạn. Hãy chọn lại tệp để tải lên từ đầu.',
  413: 'Tệp gửi lên dài hơn dung lượng đã báo. Hãy chọn lại tệp.',
};

export interface TusOptions {
  dataDir: string;
  /** The actor of a request, as the access guard loaded it. */
  actorOf: (req: IncomingMessage) => Actor | undefined;
  log: { error: (obj: object, msg: string) => void };
}

export function createTusServer(deps: service.AttachmentDeps, opts: TusOptions): Server {
  const directory = partialUploadsDir(opts.dataDir);
  // expiry is ours (cleanUpPartialUploads), so finished uploads can be deleted at once
  const datastore = new FileStore({ directory, expirationPeriodInMilliseconds: 0 });

  const actorOf = (req: TusRequest): Actor => {
    const node = (req as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;
    const actor = node ? opts.actorOf(node) : undefined;
    if (!actor) throw jsonError(401, 'unauthenticated', 'Bạn cần đăng nhập để tải tệp lên.');
    return actor;
  };

  const asTusError = (err: unknown): TusError => {
    if (err instanceof AppError) return jsonError(err.status, err.code, err.message, err.field);
    if (isTusError(err)) return err;
    opts.log.error({ err }, 'tus upload failed');
    return jsonError(500, 'internal', 'Hệ thống gặp sự cố khi nhận tệp. Vui lòng thử lại sau ít phút.');
  };

  const metadataOf = (upload: TusUpload) => {
    const m = upload.metadata ?? {};
    return { draftId: m.draftId ?? '', componentIndex: Number(m.componentIndex ?? 'x'), fileName: m.filename ?? m.name ?? 'tep', accountId: m.accountId };
  };

  return new Server({
    path: TUS_PATH,
    datastore,
    relativeLocation: true,
    // same origin only: no Access-Control-Allow-Origin is ever sent
    allowedOrigins: [],
    allowedHeaders: ['x-csrf-token'],
    // no size limit of tus's own: deferred lengths are refused and a declared length is checked in onUploadCreate
    maxSize: 0,
    // one process holds an upload's lock; several app processes need sticky routing of /tai-len/
    locker: new MemoryLocker(),
    disableTerminationForFinishedUploads: true,

    async onIncomingRequest(req, id) {
      const actor = actorOf(req);
      if (req.method === 'POST') return;
      // every request on an existing upload must come from the account that created it
      const upload = await datastore.getUpload(id).catch(() => undefined);
      if (!upload || upload.metadata?.accountId !== actor.id) throw asTusError(new AttachmentNotFound());
    },

    async onUploadCreate(req, upload) {
      const actor = actorOf(req);
      const m = metadataOf(upload);
      try {
        if (upload.size === undefined) throw new AppError('length_required', 400, 'Trình duyệt không cho biết dung lượng tệp. Hãy dùng nút “Tải lên” của trang.');
        if (!/^[0-9a-f-]{36}$/.test(m.draftId)) throw new AppError('not_found', 404, 'Không tìm thấy bản nháp hồ sơ này.');
        await service.checkUploadStart(deps, actor, m.draftId, m.componentIndex, m.fileName, upload.size);
      } catch (err) {
        throw asTusError(err);
      }
      return { metadata: { draftId: m.draftId, componentIndex: String(m.componentIndex), filename: m.fileName, accountId: actor.id } };
    },

    async onUploadFinish(req, upload) {
      const actor = actorOf(req);
      const m = metadataOf(upload);
      try {
        if (m.accountId !== actor.id) throw new AttachmentNotFound();
        const file = await service.acceptFile(deps, actor, m.draftId, m.componentIndex, {
          fileName: m.fileName,
          size: upload.size ?? upload.offset,
          source: { path: path.join(directory, upload.id) },
        });
        return { status_code: 200, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify(storedFileAnswer(file)) };
      } catch (err) {
        throw asTusError(err);
      } finally {
        // stored or refused, the partial file has done its work; a refused one must be sent again whole
        await datastore.remove(upload.id).catch(() => undefined);
      }
    },

    async onResponseError(_req, err) {
      if (typeof (err as { body?: unknown }).body === 'string' && (err as { body: string }).body.startsWith('{')) return undefined;
      const status = (err as { status_code?: number }).status_code ?? 500;
      const message = TUS_MESSAGES[status];
      if (message) return jsonError(status, 'upload', message);
      if (status >= 500) {
        opts.log.error({ err }, 'tus upload failed');
        return jsonError(status, 'internal', 'Hệ thống gặp sự cố khi nhận tệp. Vui lòng thử lại sau ít phút.');
      }
      return jsonError(status, 'upload', 'Yêu cầu tải lên không hợp lệ. Hãy tải lại trang rồi thử lại.');
    },
  });
}

function isTusError(err: unknown): err is TusError {
  return typeof err === 'object' && err !== null && typeof (err as TusError).status_code === 'number' && typeof (err as TusError).body === 'string';
}

/**
 * Deletes partial uploads that nothing has been written to for `olderThanMs` (24 h by default),
 * with their info files: abandoned ones; an upload still moving is kept. Run it daily (a
 * scheduled job). Returns how many uploads were deleted.
 */
export async function cleanUpPartialUploads(dataDir: string, opts: { olderThanMs?: number; now?: Date } = {}): Promise<number> {
  const directory = partialUploadsDir(dataDir);
  const cutoff = (opts.now ?? new Date()).getTime() - (opts.olderThanMs ?? PARTIAL_UPLOAD_TTL_MS);
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    return 0;
  }
  const ids = new Set(names.map((n) => n.replace(/\.json$/, '')));
  let removed = 0;
  for (const id of ids) {
    const files = [path.join(directory, id), path.join(directory, `${id}.json`)];
    const times = await Promise.all(files.map((f) => stat(f).then((s) => s.mtimeMs, () => undefined)));
    const newest = Math.max(...times.map((t) => t ?? Number.NEGATIVE_INFINITY));
    if (newest >= cutoff) continue;
    await Promise.all(files.map((f) => rm(f, { force: true })));
    removed++;
  }
  return removed;
}
