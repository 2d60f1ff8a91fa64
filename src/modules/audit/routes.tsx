import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { verifyAuditChain } from '../../platform/audit';
import { AuditPage } from './pages';
import { recentEntries } from './store';

export async function auditRoutes(app: FastifyInstance, deps: AppDeps) {
  app.get('/kiem-tra/nhat-ky', { config: { access: { action: 'audit.view' } } }, async (request, reply) => {
    const [rows, chain] = await Promise.all([recentEntries(deps.db, 200), verifyAuditChain(deps.db)]);
    return reply.html(<AuditPage ctx={deps.page(request, reply)} rows={rows} chain={chain} />);
  });
}
