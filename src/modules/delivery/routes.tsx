// HTTP of delivery by post: the applicant's address form, the postal service's signed status
// webhook, and the desk's shipments.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../../deps';
import { AppError, type FieldError, ValidationError } from '../../platform/errors';
import { formatMoney } from '../../platform/format';
import { ChoosePage, DeskShipmentsPage, DossierShipmentsPage } from './pages';
import * as service from './service';
import { deliveryDeps } from './wiring';
import * as store from './store';

const CodeParams = Type.Object({ code: Type.String({ maxLength: 60, 'x-message': 'Mã hồ sơ không hợp lệ' }) });
const APPLICANT = { access: { action: 'applicant.dossiers' } } as const;
const text = (max: number) => Type.Optional(Type.String({ maxLength: max, 'x-message': `Dài quá ${max} ký tự` }));
const ChoiceBody = Type.Object({ province: text(60), commune: text(60), detail: text(400), recipient: text(200), phone: text(40), _csrf: Type.Optional(Type.String()) });
type ChoiceBody = { province?: string; commune?: string; detail?: string; recipient?: string; phone?: string };

export async function deliveryRoutes(app: FastifyInstance, deps: AppDeps) {
  const dd = deliveryDeps(deps);

  // ---- the applicant ----
  async function showChoose(request: FastifyRequest, reply: FastifyReply, code: string, errors: FieldError[] = [], values: Record<string, string> = {}, status = 200) {
    const [v, places, d] = await Promise.all([service.deliveryStep(dd, request.actor!, code), service.placesOn(dd), store.dossierByCode(deps.db, code)]);
    return reply
      .code(errors.length > 0 ? (status === 200 ? 400 : status) : status)
      .html(<ChoosePage ctx={deps.page(request, reply)} v={v} places={places} errors={errors} values={values} defaults={{ recipient: d?.applicantName ?? '', phone: d?.applicantPhone ?? '' }} />);
  }

  app.get<{ Params: { code: string } }>('/ho-so-cua-toi/:code/nhan-qua-buu-chinh', { config: APPLICANT, schema: { params: CodeParams } }, async (request, reply) => showChoose(request, reply, request.params.code));

  app.post<{ Params: { code: string }; Body: ChoiceBody }>('/ho-so-cua-toi/:code/nhan-qua-buu-chinh', { config: APPLICANT, schema: { params: CodeParams, body: ChoiceBody } }, async (request, reply) => {
    const code = request.params.code;
    const { _csrf, ...values } = request.body as ChoiceBody & { _csrf?: string };
    void _csrf;
    try {
      const choice = await service.chooseDelivery(dd, request.actor!, code, values);
      request.session.flash = `Đã lưu địa chỉ nhận kết quả qua bưu chính. Cước phí bưu chính: ${formatMoney(choice.postage)}.`;
      return reply.redirect(`/ho-so-cua-toi/${encodeURIComponent(code)}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return showChoose(request, reply, code, err.errors, values as Record<string, string>);
      if (err instanceof AppError && (err.status === 409 || err.status === 503)) return showChoose(request, reply, code, [{ field: 'detail', message: err.message }], values as Record<string, string>, err.status);
      throw err;
    }
  });

  app.post<{ Params: { code: string } }>(
    '/ho-so-cua-toi/:code/nhan-qua-buu-chinh/huy',
    { config: APPLICANT, schema: { params: CodeParams, body: Type.Object({ _csrf: Type.Optional(Type.String()) }) } },
    async (request, reply) => {
      const code = request.params.code;
      try {
        await service.removeChoice(dd, request.actor!, code);
        request.session.flash = 'Đã hủy đăng ký nhận kết quả qua bưu chính.';
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 409) throw err;
        request.session.flash = err.message;
      }
      return reply.redirect(`/ho-so-cua-toi/${encodeURIComponent(code)}`, 303);
    },
  );

  // ---- the postal service's status webhook: authenticated by its HMAC signature over the raw body ----
  await app.register(async (scope) => {
    // the signature covers the exact bytes: keep the body as text here (this scope only)
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 65_536 }, (_req, body, done) => done(null, body));
    scope.post(
      '/api/v1/postal/webhook',
      {
        config: { access: 'public', csrf: false },
        schema: { summary: 'Thông báo trạng thái bưu gửi của bưu chính công ích (ký HMAC-SHA256, xem src/integrations/postal/port.ts)', tags: ['delivery'] },
      },
      async (request, reply) => {
        const raw = typeof request.body === 'string' ? request.body : '';
        const answer = await service.handleWebhook(dd, raw, { timestamp: String(request.headers['x-timestamp'] ?? ''), signature: String(request.headers['x-signature'] ?? '') }, request.ip);
        return reply.code(answer.status).send(answer.body);
      },
    );
  });

  // ---- the desk ----
  app.get<{ Querystring: { 'chuyen-hoan'?: string } }>(
    '/mot-cua/buu-chinh',
    { config: { access: { action: 'dossier.work' } }, schema: { querystring: Type.Object({ 'chuyen-hoan': Type.Optional(Type.String({ maxLength: 1 })) }) } },
    async (request, reply) => {
      const returnedOnly = request.query['chuyen-hoan'] === '1';
      const rows = await service.shipmentsForDesk(dd, request.actor!, { returnedOnly });
      return reply.html(<DeskShipmentsPage ctx={deps.page(request, reply)} rows={rows} returnedOnly={returnedOnly} />);
    },
  );

  async function showDossier(request: FastifyRequest, reply: FastifyReply, code: string, errors: FieldError[] = [], values: Record<string, string> = {}) {
    const v = await service.dossierShipments(dd, request.actor!, code);
    return reply.code(errors.length > 0 ? 400 : 200).html(<DossierShipmentsPage ctx={deps.page(request, reply)} v={v} errors={errors} values={values} />);
  }

  app.get<{ Params: { code: string } }>('/mot-cua/ho-so/:code/buu-chinh', { config: { access: { action: 'dossier.work' } }, schema: { params: CodeParams } }, async (request, reply) =>
    showDossier(request, reply, request.params.code),
  );

  app.post<{ Params: { code: string }; Body: { trackingNumber?: string } }>(
    '/mot-cua/ho-so/:code/buu-chinh/nhan-den',
    { config: { access: { action: 'dossier.receive' } }, schema: { params: CodeParams, body: Type.Object({ trackingNumber: text(40), _csrf: Type.Optional(Type.String()) }) } },
    async (request, reply) => {
      const code = request.params.code;
      const values = { trackingNumber: request.body.trackingNumber ?? '' };
      try {
        await service.recordInbound(dd, request.actor!, code, values);
        request.session.flash = 'Đã ghi số hiệu bưu gửi của hồ sơ nhận qua bưu chính.';
        return reply.redirect(`/mot-cua/ho-so/${encodeURIComponent(code)}/buu-chinh`, 303);
      } catch (err) {
        if (err instanceof ValidationError) return showDossier(request, reply, code, err.errors, values);
        if (err instanceof AppError && err.status === 409) return showDossier(request, reply, code, [{ field: 'trackingNumber', message: err.message }], values);
        throw err;
      }
    },
  );
}

