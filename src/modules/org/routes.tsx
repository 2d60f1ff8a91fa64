import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../../deps';
import { localDate } from '../../platform/format';
import { DateParam, realDate } from '../../platform/http/params';
import { AgenciesPage, OrgAdminPage } from './pages';
import * as service from './service';

export async function orgRoutes(app: FastifyInstance, deps: AppDeps) {
  app.get('/co-quan', { config: { access: 'public' } }, async (request, reply) => {
    const view = await service.orgOn(deps);
    return reply.html(<AgenciesPage ctx={deps.page(request, reply)} view={view} />);
  });

  app.get<{ Querystring: { ngay?: string } }>(
    '/quan-tri/to-chuc',
    { config: { access: { action: 'org.manage' } }, schema: { querystring: Type.Object({ ngay: Type.Optional(DateParam) }) } },
    async (request, reply) => {
      const view = await service.orgOn(deps, realDate(request.query.ngay, 'ngay') ?? localDate(new Date()));
      return reply.html(<OrgAdminPage ctx={deps.page(request, reply)} view={view} />);
    },
  );

  app.get<{ Querystring: { date?: string } }>(
    '/api/v1/units',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Đơn vị trong cơ cấu tổ chức vào một ngày (mặc định hôm nay)',
        tags: ['org'],
        querystring: Type.Object({ date: Type.Optional(DateParam) }),
      },
    },
    async (request) => {
      const date = realDate(request.query.date, 'date') ?? localDate(new Date());
      const units = await service.unitsOn(deps, date);
      return {
        date,
        items: units.map((u) => ({ code: u.code, name: u.name, kind: u.kind, tier: u.tier, eid: u.eid, validFrom: u.validFrom, validTo: u.validTo })),
      };
    },
  );
}
