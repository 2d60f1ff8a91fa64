// HTTP for verification: the public page of a document by its code (the QR code's target),
// the check of an uploaded PDF, the leader's revocation, and the JSON API.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../../deps';
import { AppError, ValidationError } from '../../platform/errors';
import { fieldOf, filesOf, sniff } from '../../platform/http/uploads';
import { type Signing, signingFor } from '../../platform/signing';
import { DocumentNotFound } from './errors';
import { KIND_LABELS, normaliseCode } from './model';
import { DocumentPage, VerifyPage } from './pages';
import * as service from './service';

const CodeParams = Type.Object({ code: Type.String({ maxLength: 40, 'x-message': 'Mã xác thực không hợp lệ' }) });

const ApiDocument = Type.Object({
  code: Type.String({ description: 'Mã xác thực in trên văn bản' }),
  valid: Type.Boolean({ description: 'Còn hiệu lực (chưa bị thu hồi)' }),
  kind: Type.String({ enum: ['result', 'receipt'] }),
  kindLabel: Type.String(),
  number: Type.Union([Type.String(), Type.Null()]),
  issuer: Type.String({ description: 'Cơ quan ban hành' }),
  issuedAt: Type.String({ format: 'date-time' }),
  procedure: Type.Object({ code: Type.String(), name: Type.String() }),
  sha256: Type.String({ description: 'SHA-256 của tệp PDF đã ký' }),
  signer: Type.Object({ subject: Type.String(), certificateSha256: Type.String() }),
  revoked: Type.Union([Type.Object({ at: Type.String({ format: 'date-time' }), reason: Type.String() }), Type.Null()]),
});
const ApiError = Type.Object({ error: Type.Object({ code: Type.String(), field: Type.Union([Type.String(), Type.Null()]), message: Type.String() }) });

/** The code in the URL as printed; anything that cannot be a code is simply not found. */
function codeOf(raw: string): string {
  const code = normaliseCode(raw);
  if (!code) throw new DocumentNotFound();
  return code;
}

export async function documentRoutes(app: FastifyInstance, deps: AppDeps, signing: Signing = signingFor(deps.config)) {
  const docs: service.DocumentDeps = { db: deps.db, blobs: deps.blobs, publicUrl: deps.config.publicUrl, signing };
  const LIMIT = { max: deps.config.trackingRateLimitPerMinute, timeWindow: '1 minute' };
  const maxBytes = deps.config.uploads.maxFileBytes;

  app.get<{ Querystring: { ma?: string } }>(
    '/xac-thuc',
    { config: { access: 'public', rateLimit: LIMIT }, schema: { querystring: Type.Object({ ma: Type.Optional(Type.String({ maxLength: 40, 'x-message': 'Mã xác thực dài quá 40 ký tự' })) }) } },
    async (request, reply) => {
      const typed = request.query.ma?.trim();
      if (!typed) return reply.html(<VerifyPage ctx={deps.page(request, reply)} maxBytes={maxBytes} />);
      const code = normaliseCode(typed);
      if (!code) return reply.code(400).html(<VerifyPage ctx={deps.page(request, reply)} code={typed} maxBytes={maxBytes} errors={[{ field: 'ma', message: 'Mã xác thực gồm 16 chữ và số, ví dụ 7K2M-Q9XD-4TRB-8HNC' }]} />);
      return reply.redirect(`/xac-thuc/${code}`, 303);
    },
  );

  app.post(
    '/xac-thuc',
    { config: { access: 'public', rateLimit: LIMIT, multipartOptions: { limits: { files: 1, fileSize: maxBytes + 1, fields: 3 }, throwFileSizeLimit: false } as never } },
    async (request, reply) => {
      const show = (status: number, props: { errors?: { field: string; message: string }[]; result?: service.UploadCheck }) => reply.code(status).html(<VerifyPage ctx={deps.page(request, reply)} maxBytes={maxBytes} {...props} />);
      if (!request.isMultipart()) return show(400, { errors: [{ field: 'file', message: 'Chọn tệp PDF cần kiểm tra' }] });
      const [file] = await filesOf(request.body, 'file');
      if (!file || file.bytes.length === 0) return show(400, { errors: [{ field: 'file', message: 'Chọn tệp PDF cần kiểm tra' }] });
      if (file.truncated || file.bytes.length > maxBytes) return show(413, { errors: [{ field: 'file', message: `Tệp lớn hơn ${Math.floor(maxBytes / 1024 / 1024)} MB; văn bản do hệ thống cấp nhỏ hơn nhiều` }] });
      if ((await sniff(file.bytes))?.mime !== 'application/pdf') return show(400, { errors: [{ field: 'file', message: 'Tệp tải lên không phải tệp PDF' }] });
      const result = await service.checkUpload(docs, file.bytes);
      request.log.info({ verdict: result.verdict, signature: result.signature.status, detail: result.signature.detail }, 'document checked');
      return show(200, { result });
    },
  );

  app.get<{ Params: { code: string } }>('/xac-thuc/:code', { config: { access: 'public', rateLimit: LIMIT }, schema: { params: CodeParams } }, async (request, reply) => {
    const code = codeOf(request.params.code);
    if (code !== request.params.code) return reply.redirect(`/xac-thuc/${code}`, 301);
    const d = await service.publicFacts(docs, code);
    return reply.html(<DocumentPage ctx={deps.page(request, reply)} d={d} canRevoke={service.mayRevoke(request.actor, d)} />);
  });

  app.post<{ Params: { code: string }; Body: { reason?: string } }>(
    '/xac-thuc/:code/thu-hoi',
    { config: { access: { action: 'document.revoke' } }, schema: { params: CodeParams, body: Type.Object({ reason: Type.Optional(Type.String({ maxLength: 2000, 'x-message': 'Lý do thu hồi quá dài' })), _csrf: Type.Optional(Type.String()) }) } },
    async (request, reply) => {
      const code = codeOf(request.params.code);
      const reason = fieldOf(request.body, 'reason');
      try {
        await service.revoke(docs, request.actor!, code, reason);
        request.session.flash = `Đã thu hồi văn bản ${code}.`;
      } catch (err) {
        if (err instanceof ValidationError) {
          const d = await service.publicFacts(docs, code);
          return reply.code(400).html(<DocumentPage ctx={deps.page(request, reply)} d={d} canRevoke={service.mayRevoke(request.actor, d)} errors={err.errors} reason={reason ?? ''} />);
        }
        if (!(err instanceof AppError) || err.status !== 409) throw err;
        request.session.flash = err.message;
      }
      return reply.redirect(`/xac-thuc/${code}`, 303);
    },
  );

  app.get<{ Params: { code: string } }>(
    '/api/v1/verify/:code',
    {
      config: { access: 'public', rateLimit: LIMIT },
      schema: { summary: 'Xác thực văn bản điện tử theo mã in trên văn bản (không có dữ liệu cá nhân)', tags: ['documents'], params: CodeParams, response: { 200: ApiDocument, 404: ApiError } },
    },
    async (request) => {
      const d = await service.publicFacts(docs, codeOf(request.params.code));
      return {
        code: d.code,
        valid: d.revoked === null,
        kind: d.kind,
        kindLabel: KIND_LABELS[d.kind],
        number: d.number,
        issuer: d.issuer,
        issuedAt: d.issuedAt.toISOString(),
        procedure: { code: d.procedureCode, name: d.procedureName },
        sha256: d.sha256,
        signer: { subject: d.signerSubject, certificateSha256: d.certificateSha256 },
        revoked: d.revoked ? { at: d.revoked.at.toISOString(), reason: d.revoked.reason } : null,
      };
    },
  );
}
