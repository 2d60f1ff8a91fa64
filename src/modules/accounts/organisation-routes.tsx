// /to-chuc: an organisation's staff (its own login) and a staff member acting for it.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../../deps';
import { AppError } from '../../platform/errors';
import { ActForPage, StaffPage } from './organisation-pages';
import * as organisation from './organisation';

const MANAGE = { access: { action: 'organisation.manage' } } as const;
const ACT = { access: { action: 'organisation.act' } } as const;
const Csrf = { _csrf: Type.Optional(Type.String({ maxLength: 200 })) };

export async function organisationRoutes(app: FastifyInstance, deps: AppDeps) {
  app.get('/to-chuc/nhan-vien', { config: MANAGE }, async (request, reply) => {
    const staff = await organisation.staffList(deps.db, request.actor!);
    return reply.html(<StaffPage ctx={deps.page(request, reply)} staff={staff} errors={[]} />);
  });

  app.post<{ Body: { staff?: string } }>(
    '/to-chuc/nhan-vien',
    { config: MANAGE, schema: { body: Type.Object({ staff: Type.Optional(Type.String({ maxLength: 200 })), ...Csrf }) } },
    async (request, reply) => {
      const actor = request.actor!;
      try {
        const added = await organisation.addStaffMember(deps.db, actor, request.body.staff ?? '');
        request.session.flash = `Đã thêm ${added.fullName} vào danh sách nhân viên của tổ chức.`;
        return reply.redirect('/to-chuc/nhan-vien', 303);
      } catch (err) {
        if (!(err instanceof AppError) || err.field !== 'staff') throw err;
        const errors = 'errors' in err && Array.isArray(err.errors) ? (err.errors as { field: string; message: string }[]) : [{ field: 'staff', message: err.message }];
        const staff = await organisation.staffList(deps.db, actor);
        return reply.code(err.status).html(<StaffPage ctx={deps.page(request, reply)} staff={staff} errors={errors} value={request.body.staff} />);
      }
    },
  );

  app.post<{ Params: { id: string } }>(
    '/to-chuc/nhan-vien/:id/xoa',
    { config: MANAGE, schema: { params: Type.Object({ id: Type.String({ format: 'uuid', 'x-message': 'Mã nhân viên không hợp lệ' }) }) } },
    async (request, reply) => {
      await organisation.removeStaffMember(deps.db, request.actor!, request.params.id);
      request.session.flash = 'Đã xóa nhân viên khỏi danh sách; người đó không còn làm việc cho tổ chức trên Cổng.';
      return reply.redirect('/to-chuc/nhan-vien', 303);
    },
  );

  app.get('/to-chuc', { config: ACT }, async (request, reply) => {
    const actor = request.actor!;
    const organisations = await organisation.myOrganisations(deps.db, actor);
    return reply.html(<ActForPage ctx={deps.page(request, reply)} organisations={organisations} acting={actor.agent ? actor.fullName : undefined} />);
  });

  app.post<{ Body: { organisationId?: string } }>(
    '/to-chuc/lam-viec',
    { config: ACT, schema: { body: Type.Object({ organisationId: Type.String({ format: 'uuid', 'x-message': 'Chọn tổ chức trong danh sách' }), ...Csrf }) } },
    async (request, reply) => {
      const org = await organisation.startActingFor(deps.db, request.actor!, request.body.organisationId!);
      request.session.actingFor = request.body.organisationId;
      request.session.flash = `Bạn đang làm việc cho ${org.fullName}.`;
      return reply.redirect('/to-chuc/ho-so', 303);
    },
  );

  app.post('/to-chuc/thoi-lam-viec', { config: ACT }, async (request, reply) => {
    request.session.actingFor = undefined;
    request.session.flash = 'Bạn đã trở về tài khoản cá nhân.';
    return reply.redirect('/tai-khoan', 303);
  });
}
