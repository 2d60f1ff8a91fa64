// HTTP for the citizen's document store: the page, and the download of a document in it, for
// the citizen whose documents they are (applicants only; anyone else's id is "not found").
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../../deps';
import { sendFile } from '../attachments';
import { DocumentStorePage, STORE_PATH } from './pages';
import { documentStore, openStoredFile, openStoredResult } from './service';

const APPLICANT = { access: { action: 'applicant.dossiers' } } as const;
const IdParams = Type.Object({ id: Type.String({ format: 'uuid', 'x-message': 'Mã giấy tờ không hợp lệ' }) });

export async function documentStoreRoutes(app: FastifyInstance, deps: AppDeps) {
  app.get(STORE_PATH, { config: APPLICANT }, async (request, reply) => {
    const v = await documentStore(deps.db, request.actor!);
    return reply.header('cache-control', 'private, no-store').html(<DocumentStorePage ctx={deps.page(request, reply)} v={v} />);
  });

  app.get<{ Params: { id: string } }>(`${STORE_PATH}/tep/:id`, { config: APPLICANT, schema: { params: IdParams } }, async (request, reply) =>
    sendFile(reply, await openStoredFile(deps, request.actor!, request.params.id)),
  );

  app.get<{ Params: { id: string } }>(`${STORE_PATH}/ket-qua/:id`, { config: APPLICANT, schema: { params: IdParams } }, async (request, reply) =>
    sendFile(reply, await openStoredResult(deps, request.actor!, request.params.id)),
  );
}
