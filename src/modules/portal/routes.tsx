import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { AppDeps } from '../../deps';
import { findUnitById } from '../org';
import { mostUsed } from '../catalogue';
import { BackofficeHome, HomePage } from './pages';

export async function portalRoutes(app: FastifyInstance, deps: AppDeps) {
  app.get('/', { config: { access: 'public' } }, async (request, reply) => {
    return reply.html(<HomePage ctx={deps.page(request, reply)} popular={await mostUsed(deps, 6)} />);
  });

  app.get('/quan-ly', { config: { access: { action: 'backoffice.view' } } }, async (request, reply) => {
    const unit = request.actor?.unitId ? await findUnitById(deps, request.actor.unitId) : undefined;
    return reply.html(<BackofficeHome ctx={deps.page(request, reply)} unitName={unit?.name} />);
  });

  app.get(
    '/healthz',
    { config: { access: 'public' }, logLevel: 'warn', schema: { summary: 'Tình trạng hoạt động (cơ sở dữ liệu truy cập được)', tags: ['system'] } },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(deps.db);
        return { status: 'ok', database: 'ok' };
      } catch {
        return reply.code(503).send({ status: 'error', database: 'unreachable' });
      }
    },
  );
}
