import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../../deps';
import { AppError } from '../../platform/errors';
import { DossierNotFound } from './errors';
import { DOSSIER_CODE_PATTERN } from './model';
import { MyDossiersPage, TrackingPage } from './pages';
import { DeskEntries, WorkQueuePage } from './backoffice-pages';
import * as reception from './reception';
import * as service from './service';

const CodeParam = Type.String({ maxLength: 60, 'x-message': 'Mã hồ sơ không được dài quá 60 ký tự' });
export async function dossierRoutes(app: FastifyInstance, deps: AppDeps) {
  const TRACKING_LIMIT = { max: deps.config.trackingRateLimitPerMinute, timeWindow: '1 minute' };
  app.get<{ Querystring: { ma?: string } }>(
    '/tra-cuu-ho-so',
    { config: { access: 'public', rateLimit: TRACKING_LIMIT }, schema: { querystring: Type.Object({ ma: Type.Optional(CodeParam) }) } },
    async (request, reply) => {
      const code = request.query.ma?.trim().toUpperCase();
      if (!code) return reply.html(<TrackingPage ctx={deps.page(request, reply)} code={undefined} view={undefined} />);
      try {
        if (!DOSSIER_CODE_PATTERN.test(code)) throw new DossierNotFound();
        const view = await service.track(deps, code, request.actor);
        return reply.html(<TrackingPage ctx={deps.page(request, reply)} code={code} view={view} />);
      } catch (err) {
        if (!(err instanceof DossierNotFound)) throw err;
        return reply.code(404).html(<TrackingPage ctx={deps.page(request, reply)} code={request.query.ma} view={undefined} error={err.message} />);
      }
    },
  );

  app.get<{ Params: { code: string } }>(
    '/api/v1/dossiers/:code/status',
    {
      config: { access: 'public', rateLimit: TRACKING_LIMIT },
      schema: { summary: 'Tình trạng công khai của một hồ sơ theo mã (không có dữ liệu cá nhân)', tags: ['dossiers'], params: Type.Object({ code: CodeParam }) },
    },
    async (request) => {
      const code = request.params.code.trim().toUpperCase();
      if (!DOSSIER_CODE_PATTERN.test(code)) throw new DossierNotFound();
      const v = await service.track(deps, code, request.actor);
      return {
        code: v.code,
        procedure: { code: v.procedureCode, name: v.procedureName },
        state: v.state,
        stateLabel: v.stateLabel,
        submittedAt: v.submittedAt.toISOString(),
        receivedAt: v.receivedAt?.toISOString() ?? null,
        dueAt: v.dueAt?.toISOString() ?? null,
        expectedDueAt: v.expectedDueAt?.toISOString() ?? null,
        holder: v.holder,
        history: v.history.map((h) => ({ at: h.at.toISOString(), state: h.state, note: h.note })),
        ...(v.applicant ? { applicant: v.applicant } : {}),
      };
    },
  );

  app.get('/ho-so-cua-toi', { config: { access: { action: 'applicant.dossiers' } } }, async (request, reply) => {
    const [items, drafts] = await Promise.all([service.mine(deps, request.actor!), service.draftsOf(deps, request.actor!)]);
    return reply.html(<MyDossiersPage ctx={deps.page(request, reply)} items={items} drafts={drafts} />);
  });

  app.post<{ Params: { code: string }; Body: { version?: string } }>(
    '/ho-so-cua-toi/:code/rut',
    { config: { access: { action: 'applicant.dossiers' } }, schema: { params: Type.Object({ code: CodeParam }), body: Type.Object({ version: Type.Optional(Type.String({ maxLength: 10 })), _csrf: Type.Optional(Type.String()) }) } },
    async (request, reply) => {
      try {
        await service.withdraw(deps, request.actor!, request.params.code, Number(request.body.version ?? 0), 'Người nộp rút hồ sơ trực tuyến');
        request.session.flash = `Đã rút hồ sơ ${request.params.code}.`;
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 409) throw err;
        request.session.flash = err.message;
      }
      return reply.redirect('/ho-so-cua-toi', 303);
    },
  );

  const receptionDeps = { ...deps, publicUrl: deps.config.publicUrl };
  const DESK = { access: { action: 'dossier.receive' } } as const;

  app.get('/mot-cua/tiep-nhan', { config: DESK }, async (request, reply) => {
    const [rows, drafts] = await Promise.all([reception.receptionQueue(deps, request.actor!), service.draftsOf(deps, request.actor!)]);
    return reply.html(
      <WorkQueuePage ctx={deps.page(request, reply)} title="Hồ sơ chờ tiếp nhận" rows={rows} search="" now={new Date()}>
        <DeskEntries drafts={drafts.filter((d) => d.channel !== 'online')} />
      </WorkQueuePage>,
    );
  });

  app.post<{ Params: { code: string }; Body: { version?: string } }>(
    '/mot-cua/ho-so/:code/tiep-nhan',
    { config: DESK, schema: { params: Type.Object({ code: CodeParam }), body: Type.Object({ version: Type.String({ pattern: '^\\d{1,9}$', 'x-message': 'Thiếu phiên bản hồ sơ; hãy tải lại trang' }), _csrf: Type.Optional(Type.String()) }) } },
    async (request, reply) => {
      const code = request.params.code;
      try {
        await reception.accept(receptionDeps, request.actor!, code, Number(request.body.version));
        request.session.flash = `Đã tiếp nhận hồ sơ ${code}.`;
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 409) throw err;
        request.session.flash = err.message;
      }
      return reply.redirect(`/mot-cua/ho-so/${encodeURIComponent(code)}`, 303);
    },
  );

  app.get<{ Params: { code: string } }>('/ho-so/:code/giay-tiep-nhan.pdf', { config: { access: 'signed-in' }, schema: { params: Type.Object({ code: CodeParam }) } }, async (request, reply) => {
    const stream = await reception.receipt(deps, request.actor!, request.params.code);
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="giay-tiep-nhan-${request.params.code.replace(/[^0-9A-Z.-]/g, '')}.pdf"`)
      .header('x-content-type-options', 'nosniff')
      .send(stream);
  });
}
