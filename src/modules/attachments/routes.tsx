// HTTP for attachments: the tus endpoint (/tai-len/, resumable uploads from the browser
// script), the plain multipart form (no JavaScript needed), removal, and downloads of a
// draft's and a dossier's files. Every refusal is a Vietnamese message naming the component.
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../../deps';
import type { FieldError } from '../../platform/errors';
import type { Actor } from '../../platform/http/context';
import { fieldOf, filesOf } from '../../platform/http/uploads';
import { type Scanner, scannerFor } from '../../platform/scan';
import { AttachmentRefused, NoSuchComponent, ScanUnavailable } from './errors';
import { contentDisposition, MAX_FILES_PER_POST, refusals, shortName, slotField } from './model';
import * as service from './service';
import { createTusServer, TUS_PATH } from './tus';

declare module 'fastify' {
  interface Session {
    /** Refusals of the last plain form upload, shown once on the files step (takeAttachmentErrors). */
    attachmentErrors?: FieldError[];
  }
}

/** The files step page of a draft (modules/submission), where the plain form returns. */
export const filesStepPath = (draftId: string) => `/nop-ho-so/ho-so-nhap/${draftId}/tep`;

/** The refusals of the last plain form upload, once: the files step page shows them in its error summary. */
export function takeAttachmentErrors(request: FastifyRequest): FieldError[] {
  const errors = request.session?.attachmentErrors ?? [];
  if (request.session?.attachmentErrors) request.session.attachmentErrors = undefined;
  return errors;
}

export type AttachmentRouteDeps = Pick<AppDeps, 'config' | 'db' | 'blobs'> & { scanner?: Scanner };

export function attachmentDeps(deps: AttachmentRouteDeps): service.AttachmentDeps {
  return { db: deps.db, blobs: deps.blobs, scanner: deps.scanner ?? scannerFor(deps.config), limits: deps.config.uploads };
}

const Uuid = Type.String({ format: 'uuid', 'x-message': 'Mã không hợp lệ' });
const DraftParams = Type.Object({ draftId: Uuid });
const FileParams = Type.Object({ draftId: Uuid, fileId: Uuid });

/** A stored file to its owner: its type, length and name, never sniffed, never cached. */
export function sendFile(reply: FastifyReply, f: service.FileDownload) {
  return reply
    .header('content-type', f.mime)
    .header('content-length', String(f.size))
    .header('content-disposition', contentDisposition(f.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(f.stream);
}

export async function attachmentRoutes(app: FastifyInstance, routeDeps: AttachmentRouteDeps): Promise<void> {
  const deps = attachmentDeps(routeDeps);
  const signedIn = { access: 'signed-in' } as const;

  // ---- tus: resumable uploads ----
  const actors = new WeakMap<IncomingMessage, Actor>();
  const tus = createTusServer(deps, { dataDir: routeDeps.config.dataDir, actorOf: (req) => actors.get(req), log: app.log });
  await app.register(async (scope) => {
    // tus bodies are read by the tus server itself, straight from the request stream
    scope.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));
    const handle = async (request: FastifyRequest, reply: FastifyReply) => {
      actors.set(request.raw, request.actor!);
      reply.hijack();
      try {
        await tus.handle(request.raw, reply.raw);
      } catch (err) {
        request.log.error({ err }, 'tus request failed');
        if (!reply.raw.headersSent) reply.raw.writeHead(500);
        reply.raw.end();
      }
    };
    // CSRF: the browser script sends the page's token as x-csrf-token (checked in preValidation for
    // POST, PATCH and DELETE); CORS: the tus server sends no Access-Control-Allow-Origin.
    const methods = ['POST', 'HEAD', 'PATCH', 'DELETE', 'OPTIONS'];
    scope.route({ method: methods, url: `${TUS_PATH}/`, config: signedIn, handler: handle });
    scope.route({ method: methods, url: `${TUS_PATH}/:uploadId`, config: signedIn, schema: { params: Type.Object({ uploadId: Type.String({ pattern: '^[0-9a-f]{32}$' }) }) }, handler: handle });
  });

  // ---- the plain form: several files for one component ----
  app.post<{ Params: { draftId: string } }>(
    '/ho-so-nhap/:draftId/tep',
    {
      config: {
        ...signedIn,
        // files are cut at the limit and refused with a message (not a bare 413), several per post
        multipartOptions: { limits: { files: MAX_FILES_PER_POST, fileSize: deps.limits.maxFileBytes + 1 }, throwFileSizeLimit: false } as never,
      },
      schema: { params: DraftParams },
    },
    async (request, reply) => {
      const actor = request.actor!;
      const { draftId } = request.params;
      const { components } = await service.draftAttachments(deps, actor, draftId);
      const index = Number(fieldOf(request.body, 'componentIndex') ?? 'x');
      const component = Number.isInteger(index) ? components[index] : undefined;
      if (!component) throw new NoSuchComponent(fieldOf(request.body, 'componentIndex') ?? '');
      const files = await filesOf(request.body, 'files');
      const errors: FieldError[] = [];
      const stored: string[] = [];
      if (files.length === 0) errors.push({ field: slotField(index), message: `Chọn tệp để đính kèm cho thành phần “${shortName(component.name)}”` });
      for (const file of files) {
        try {
          if (file.truncated) throw new AttachmentRefused(index, refusals.tooLarge(file.fileName, component, undefined, deps.limits));
          const saved = await service.acceptFile(deps, actor, draftId, index, { fileName: file.fileName, size: file.bytes.length, source: { bytes: file.bytes } });
          stored.push(`“${saved.fileName}”`);
        } catch (err) {
          if (err instanceof AttachmentRefused) errors.push({ field: err.field ?? slotField(index), message: err.message });
          else if (err instanceof ScanUnavailable) errors.push({ field: slotField(index), message: `Tệp “${file.fileName}”: ${err.message}` });
          else throw err;
        }
      }
      if (stored.length > 0) request.session.flash = `Đã đính kèm ${stored.length} tệp cho thành phần “${shortName(component.name)}”: ${stored.join(', ')}.`;
      if (errors.length > 0) request.session.attachmentErrors = errors;
      return reply.redirect(filesStepPath(draftId), 303);
    },
  );

  // ---- a document the applicant already gave, taken again by reference ----
  app.post<{ Params: { draftId: string }; Body: { componentIndex: string; fileId: string } }>(
    '/ho-so-nhap/:draftId/tep/dung-lai',
    {
      config: signedIn,
      schema: {
        params: DraftParams,
        body: Type.Object({
          componentIndex: Type.String({ pattern: '^\\d{1,3}$', 'x-message': 'Thành phần hồ sơ không hợp lệ' }),
          fileId: Type.String({ format: 'uuid', 'x-message': 'Tệp cần dùng lại không hợp lệ' }),
          _csrf: Type.Optional(Type.String()),
        }),
      },
    },
    async (request, reply) => {
      const index = Number(request.body.componentIndex);
      try {
        const f = await service.reuseFile(deps, request.actor!, request.params.draftId, index, request.body.fileId);
        request.session.flash = `Đã dùng lại tệp “${f.fileName}” đã có trong hệ thống.`;
      } catch (err) {
        if (!(err instanceof AttachmentRefused)) throw err;
        request.session.attachmentErrors = [{ field: err.field ?? slotField(index), message: err.message }];
      }
      return reply.redirect(filesStepPath(request.params.draftId), 303);
    },
  );

  app.post<{ Params: { draftId: string; fileId: string } }>('/ho-so-nhap/:draftId/tep/:fileId/xoa', { config: signedIn, schema: { params: FileParams } }, async (request, reply) => {
    const removed = await service.removeFile(deps, request.actor!, request.params.draftId, request.params.fileId);
    request.session.flash = removed ? `Đã xóa tệp “${removed.fileName}”.` : 'Tệp này đã được xóa trước đó.';
    return reply.redirect(filesStepPath(request.params.draftId), 303);
  });

  // ---- downloads ----
  app.get<{ Params: { draftId: string; fileId: string } }>('/ho-so-nhap/:draftId/tep/:fileId', { config: signedIn, schema: { params: FileParams } }, async (request, reply) =>
    sendFile(reply, await service.openDraftFile(deps, request.actor!, request.params.draftId, request.params.fileId)),
  );

  app.get<{ Params: { code: string; fileId: string } }>(
    '/ho-so/:code/tep/:fileId',
    { config: signedIn, schema: { params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }), fileId: Uuid }) } },
    async (request, reply) => sendFile(reply, await service.openDossierFile(deps, request.actor!, request.params.code, request.params.fileId)),
  );
}
