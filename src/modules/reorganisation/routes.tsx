// HTTP of the reorganisation tool: the page (the demo province's mapping by default), the dry run
// and the apply, each a plain form post; and the same two as JSON for scripts.
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../../deps';
import { AppError, type FieldError, ValidationError } from '../../platform/errors';
import { REORG_PATH, ReorganisationPage } from './pages';
import * as service from './service';

/** The demo province's mapping (seed/reorganisation-2025.json), shown when the page opens. */
export function defaultMappingText(): string {
  try {
    return readFileSync(new URL('../../../seed/reorganisation-2025.json', import.meta.url), 'utf8');
  } catch {
    return '';
  }
}

const manage = { access: { action: 'org.manage' } } as const;
const Body = Type.Object({ mapping: Type.String({ maxLength: 500_000, 'x-message': 'Sơ đồ sắp xếp quá dài' }), _csrf: Type.Optional(Type.String()) });

export async function reorganisationRoutes(app: FastifyInstance, deps: AppDeps) {
  const render = async (request: FastifyRequest, reply: FastifyReply, text: string, extra: { errors?: FieldError[]; plan?: service.Plan; result?: service.ApplyResult }, status = 200) => {
    const history = await service.recentReorganisations(deps);
    return reply.code(status).html(<ReorganisationPage ctx={deps.page(request, reply)} text={text} errors={extra.errors ?? []} plan={extra.plan} result={extra.result} history={history} />);
  };
  const failed = (err: unknown): { errors: FieldError[]; status: number } => {
    if (err instanceof ValidationError) return { errors: err.errors, status: 400 };
    if (err instanceof AppError && err.status === 409) return { errors: [{ field: 'mapping', message: err.message }], status: 409 };
    throw err;
  };

  app.get(REORG_PATH, { config: manage }, async (request, reply) => render(request, reply, defaultMappingText(), {}));

  app.post<{ Body: { mapping: string } }>(`${REORG_PATH}/chay-thu`, { config: manage, schema: { body: Body } }, async (request, reply) => {
    const text = request.body.mapping;
    try {
      return await render(request, reply, text, { plan: await service.dryRun(deps, request.actor!, text) });
    } catch (err) {
      const f = failed(err);
      return render(request, reply, text, { errors: f.errors }, f.status);
    }
  });

  app.post<{ Body: { mapping: string } }>(`${REORG_PATH}/ap-dung`, { config: manage, schema: { body: Body } }, async (request, reply) => {
    const text = request.body.mapping;
    try {
      return await render(request, reply, text, { result: await service.apply(deps, request.actor!, text) });
    } catch (err) {
      const f = failed(err);
      return render(request, reply, text, { errors: f.errors }, f.status);
    }
  });
}
