// HTTP for the citizen's document store: the page, and the download of a document in it, for
// the citizen whose documents they are (applicants only; anyone else's id is "not found").
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../../deps';
import { contentDisposition } from '../attachments';
import { DocumentStorePage, STORE_PATH } from './pages';
import { documentStore, openStoredFile, openStoredResult } from './service';

const APPLICANT = { access: { action: 'applicant.dossiers' } } as const;
const IdParams = Type.Object({ id: Type.String({ format: 'uuid', 'x-message': 'Mã giấy tờ không hợp lệ' }) });

function send(reply: FastifyReply, f: Awaited<ReturnType<typeof openStoredFile>>) {
  return reply
    .header('content-type', f.mime)
    .header('content-length', String(f.size))
    .header('content-disposition', contentDisposition(f.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(f.stream);
}

export async function documentStoreRoutes(app: FastifyInstance, deps: AppDeps) {
  app.get(STORE_PATH, { config: APPLICANT }, async (request, reply) => {
    const v = await documentStore(deps.db, request.actor!);
    return reply.header('cache-control', 'private, no-store').html(<DocumentStorePage ctx={deps.page(request, reply)} v={v} />);
  });

  app.get<{ Params: { id: string } }>(`${STORE_PATH}/tep/:id`, { config: APPLICANT, schema: { params: IdParams } }, async (request, reply) =>
    send(reply, await openStoredFile(deps, request.actor!, request.params.id)),
  );

  app.get<{ Params: { id: string } }>(`${STORE_PATH}/ket-qua/:id`, { config: APPLICANT, schema: { params: IdParams } }, async (request, reply) =>
    send(reply, await openStoredResult(deps, request.actor!, request.params.id)),
  );
}
