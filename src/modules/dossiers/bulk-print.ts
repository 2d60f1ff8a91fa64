// Bulk printing at the desk: every Mẫu 01 receipt a unit issued on one day, as one PDF (pages
// in logbook order), so a busy counter prints the day's receipts in one go.
import type { FastifyInstance } from 'fastify';
import { PDFDocument } from 'pdf-lib';
import { buffer } from 'node:stream/consumers';
import { Type } from 'typebox';
import type { AppDeps } from '../../deps';
import { ValidationError } from '../../platform/errors';
import { localDate } from '../../platform/format';
import { parseDateInput } from '../forms';
import { unitScope } from '../org';
import * as store from './store';
import { recordPrint } from './access-log';

const Query = Type.Object({ ngay: Type.Optional(Type.String({ maxLength: 10, 'x-message': 'Ngày có dạng dd/MM/yyyy' })) });

export async function bulkPrintRoutes(app: FastifyInstance, deps: AppDeps) {
  app.get<{ Querystring: { ngay?: string } }>('/mot-cua/giay-hen.pdf', { config: { access: { action: 'dossier.receive' } }, schema: { querystring: Query } }, async (request, reply) => {
    const actor = request.actor!;
    let day = localDate(new Date());
    if (request.query.ngay) {
      const parsed = parseDateInput(request.query.ngay);
      if (!('date' in parsed)) throw new ValidationError([{ field: 'ngay', message: 'Ngày không hợp lệ; nhập theo dạng dd/MM/yyyy' }]);
      day = parsed.date;
    }
    const units = [...(await unitScope(deps, actor.unitId ?? ''))];
    if (units.length === 0) return reply.code(404).send();
    const docs = await store.receiptsIssuedOn(deps.db, units, day);
    await recordPrint(deps.db, actor, docs.map((d) => d.code), 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01), in cả ngày');
    const out = await PDFDocument.create();
    for (const doc of docs) {
      const src = await PDFDocument.load(await buffer(await deps.blobs.get(doc.sha256)));
      for (const page of await out.copyPages(src, src.getPageIndices())) out.addPage(page);
    }
    if (docs.length === 0) out.addPage();
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="giay-hen-${day}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(await out.save()));
  });
}
