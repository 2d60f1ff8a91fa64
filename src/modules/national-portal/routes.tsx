// HTTP of the national portal link: the administrator's page with its resend action, and the
// portal's signed endpoint for dossiers submitted on it.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../../deps';
import { AppError } from '../../platform/errors';
import { attachmentDeps } from '../attachments';
import { headersOf } from '../../integrations/national-portal/port';
import { OUTBOX_STATES, type OutboxState } from './model';
import { ADMIN_PATH, LinkPage } from './pages';
import * as service from './service';
import { nationalPortalDeps } from './wiring';

const MANAGE = { access: { action: 'org.manage' } } as const;
const INBOUND_PATH = '/api/v1/national-portal/dossiers';
/** A dossier with its files as base64 (4/3 of their size): 20 MB in all, the protocol's limit (simulators/national-portal.ts). */
const INBOUND_BODY_LIMIT = 20 * 1024 * 1024;

export async function nationalPortalRoutes(app: FastifyInstance, deps: AppDeps) {
  const nd = nationalPortalDeps(deps);
  const files = attachmentDeps(deps);

  app.get<{ Querystring: { 'trang-thai'?: string } }>(
    ADMIN_PATH,
    { config: MANAGE, schema: { querystring: Type.Object({ 'trang-thai': Type.Optional(Type.String({ maxLength: 20 })) }) } },
    async (request, reply) => {
      const wanted = request.query['trang-thai'];
      const state: OutboxState = OUTBOX_STATES.find((s) => s === wanted) ?? 'waiting';
      const v = await service.overview(nd, request.actor!, state);
      return reply.html(<LinkPage ctx={deps.page(request, reply)} v={v} />);
    },
  );

  app.post<{ Params: { id: string } }>(
    `${ADMIN_PATH}/:id/gui-lai`,
    { config: MANAGE, schema: { params: Type.Object({ id: Type.String({ pattern: '^[0-9]{1,15}$', 'x-message': 'Mục không hợp lệ' }) }), body: Type.Object({ _csrf: Type.Optional(Type.String()) }) } },
    async (request, reply) => {
      try {
        await service.resend(nd, request.actor!, Number(request.params.id));
        request.session.flash = 'Đã đưa mục vào hàng đợi để gửi lại lên Cổng Dịch vụ công quốc gia.';
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 404) throw err;
        request.session.flash = err.message;
      }
      return reply.redirect(`${ADMIN_PATH}?trang-thai=failed`, 303);
    },
  );

  // ---- the portal's dossiers: authenticated by the HMAC signature over the exact bytes ----
  await app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: INBOUND_BODY_LIMIT }, (_req, body, done) => done(null, body));
    scope.post(
      INBOUND_PATH,
      {
        bodyLimit: INBOUND_BODY_LIMIT,
        config: { access: 'public', csrf: false },
        schema: { summary: 'Hồ sơ nộp trên Cổng Dịch vụ công quốc gia (ký HMAC-SHA256, xem simulators/national-portal.ts)', tags: ['national-portal'] },
      },
      async (request, reply) => {
        const raw = typeof request.body === 'string' ? request.body : '';
        const answer = await service.receiveDossier(nd, files, raw, request.url, headersOf(request.headers), request.ip);
        return reply.code(answer.status).send(answer.body);
      },
    );
  });
}
