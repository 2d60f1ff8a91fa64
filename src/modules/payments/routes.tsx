// HTTP of online payment: the applicant's pay page and the gateway's return, the IPN the
// gateway calls server to server, the receipt, and the officers' payments, refunds and
// reconciliation reports.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../../deps';
import { AppError, ValidationError } from '../../platform/errors';
import { gatewayFor, paymentDeps } from './wiring';
import { OfficerPaymentPage, OfficerPaymentsPage, PayPage, ReconciliationPage, ResultPage } from './pages';
import * as service from './service';

const CodeParams = Type.Object({ code: Type.String({ maxLength: 60, 'x-message': 'Mã hồ sơ không hợp lệ' }) });
const RefParams = Type.Object({ ref: Type.String({ maxLength: 40, pattern: '^[A-Za-z0-9]+$', 'x-message': 'Mã giao dịch không hợp lệ' }) });
const APPLICANT = { access: { action: 'applicant.dossiers' } } as const;

/** The query string as flat strings (a repeated parameter keeps its first value). */
function flatQuery(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((request.query as Record<string, unknown>) ?? {})) {
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === 'string') out[k] = first;
  }
  return out;
}

/**
 * The pay form posts to us and we answer with a redirect to the gateway: browsers check a form's
 * redirects against the page's CSP form-action too, so the pay page allows the gateway's origin.
 */
function allowGatewayForm(reply: FastifyReply, gatewayUrl: string | undefined): void {
  const csp = reply.getHeader('content-security-policy');
  if (!gatewayUrl || typeof csp !== 'string') return;
  reply.header('content-security-policy', csp.replace("form-action 'self'", `form-action 'self' ${new URL(gatewayUrl).origin}`));
}

export async function paymentRoutes(app: FastifyInstance, deps: AppDeps) {
  const pd = paymentDeps(deps, gatewayFor(deps.config));
  const gatewayUrl = deps.config.vnpay?.url;

  app.get<{ Params: { code: string } }>('/ho-so-cua-toi/:code/nop-phi', { config: APPLICANT, schema: { params: CodeParams } }, async (request, reply) => {
    const v = await service.paymentStep(pd, request.actor!, request.params.code);
    allowGatewayForm(reply, gatewayUrl);
    return reply.html(<PayPage ctx={deps.page(request, reply)} v={v} />);
  });

  app.post<{ Params: { code: string }; Body: { bankCode?: string } }>(
    '/ho-so-cua-toi/:code/nop-phi',
    { config: APPLICANT, schema: { params: CodeParams, body: Type.Object({ bankCode: Type.Optional(Type.String({ maxLength: 20 })), _csrf: Type.Optional(Type.String()) }) } },
    async (request, reply) => {
      try {
        const url = await service.startPayment(pd, request.actor!, request.params.code, { bankCode: request.body.bankCode ?? '' });
        return reply.redirect(url, 303);
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 409) throw err;
        const v = await service.paymentStep(pd, request.actor!, request.params.code);
        allowGatewayForm(reply, gatewayUrl);
        return reply.code(409).html(<PayPage ctx={deps.page(request, reply)} v={v} errors={[{ field: 'bankCode', message: err.message }]} />);
      }
    },
  );

  // where VNPay sends the browser back (vnp_ReturnUrl): shows the ledger's state, changes nothing by itself
  app.get('/thanh-toan/vnpay/ket-qua', { config: { access: 'signed-in' } }, async (request, reply) => {
    const v = await service.returnView(pd, request.actor!, flatQuery(request));
    return reply.html(<ResultPage ctx={deps.page(request, reply)} v={v} />);
  });

  // VNPay's IPN: a GET from the gateway's servers, authenticated by its signature (no session, no CSRF)
  app.get(
    '/api/v1/payments/vnpay/ipn',
    { config: { access: 'public', csrf: false }, schema: { summary: 'Thông báo kết quả thanh toán (IPN) của cổng VNPAY, có chữ ký HMAC-SHA512', tags: ['payments'] } },
    async (request, reply) => {
      const code = await service.handleNotification(pd, flatQuery(request), request.ip);
      return reply.code(200).send(pd.gateway ? pd.gateway.notificationAnswer(code) : { RspCode: '99', Message: 'Unknown error' });
    },
  );

  app.get<{ Params: { ref: string } }>('/thanh-toan/:ref/bien-lai.pdf', { config: { access: 'signed-in' }, schema: { params: RefParams } }, async (request, reply) => {
    const r = await service.receiptFor(pd, request.actor!, request.params.ref);
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="bien-lai-${r.number}.pdf"`).header('x-content-type-options', 'nosniff').send(r.pdf);
  });

  // ---- officers ----
  app.get<{ Querystring: { 'can-hoan'?: string } }>(
    '/mot-cua/thanh-toan',
    { config: { access: { action: 'payment.view' } }, schema: { querystring: Type.Object({ 'can-hoan': Type.Optional(Type.String({ maxLength: 1 })) }) } },
    async (request, reply) => {
      const refundDue = request.query['can-hoan'] === '1';
      const rows = await service.officerList(pd, request.actor!, refundDue);
      return reply.html(<OfficerPaymentsPage ctx={deps.page(request, reply)} rows={rows} refundDue={refundDue} />);
    },
  );

  app.get<{ Params: { ref: string } }>('/mot-cua/thanh-toan/:ref', { config: { access: { action: 'payment.view' } }, schema: { params: RefParams } }, async (request, reply) => {
    const v = await service.officerView(pd, request.actor!, request.params.ref);
    return reply.html(<OfficerPaymentPage ctx={deps.page(request, reply)} v={v} />);
  });

  app.post<{ Params: { ref: string }; Body: { amount?: string; reason?: string } }>(
    '/mot-cua/thanh-toan/:ref/hoan-phi',
    {
      config: { access: { action: 'payment.refund' } },
      schema: { params: RefParams, body: Type.Object({ amount: Type.Optional(Type.String({ maxLength: 20 })), reason: Type.Optional(Type.String({ maxLength: 2000 })), _csrf: Type.Optional(Type.String()) }) },
    },
    async (request, reply) => {
      const ref = request.params.ref;
      const values = { amount: request.body.amount ?? '', reason: request.body.reason ?? '' };
      try {
        await service.approveRefund(pd, request.actor!, ref, values);
        request.session.flash = 'Đã duyệt hoàn phí; cổng thanh toán sẽ hoàn tiền cho người nộp.';
        return reply.redirect(`/mot-cua/thanh-toan/${encodeURIComponent(ref)}`, 303);
      } catch (err) {
        const errors = err instanceof ValidationError ? err.errors : err instanceof AppError && err.status === 409 ? [{ field: 'amount', message: err.message }] : undefined;
        if (!errors) throw err;
        const v = await service.officerView(pd, request.actor!, ref);
        return reply.code(err instanceof ValidationError ? 400 : 409).html(<OfficerPaymentPage ctx={deps.page(request, reply)} v={v} errors={errors} values={values} />);
      }
    },
  );

  app.get('/mot-cua/doi-soat', { config: { access: { action: 'payment.reconcile' } } }, async (request, reply) => {
    const reports = await service.reconciliationReports(pd, request.actor!);
    return reply.html(<ReconciliationPage ctx={deps.page(request, reply)} reports={reports} />);
  });
}
