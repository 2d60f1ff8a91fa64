// HTTP for deadlines: the apology form of a dossier (GET shows it, POST issues Mẫu 04 and moves
// the appointment, then back to the dossier's page) and the lateness list by unit.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../../deps';
import { type FieldError, ValidationError } from '../../platform/errors';
import type { Actor } from '../../platform/http/context';
import { officerPath } from './backoffice-pages';
import { appointmentText, NEW_DUE_FIELD } from './deadlines';
import { ApologyPage, apologyPath, LATENESS_PATH, LatenessPage } from './deadlines-pages';
import { apologyFor, type DeadlineDeps, issueApology, latenessScope, lateSteps } from './deadlines-service';
import { DossierChanged } from './errors';
import { type Period, parsePeriod, periodForm, vietnamMidnight } from './logbook';
import * as store from './store';

const CodeParams = Type.Object({ code: Type.String({ maxLength: 60, 'x-message': 'Mã hồ sơ không hợp lệ' }) });
const OFFICE = { access: { action: 'dossier.work' } } as const;
const PeriodQuery = Type.Object({
  tu: Type.Optional(Type.String({ maxLength: 20, 'x-message': 'Từ ngày phải có dạng ngày/tháng/năm, ví dụ 01/11/2026' })),
  den: Type.Optional(Type.String({ maxLength: 20, 'x-message': 'Đến ngày phải có dạng ngày/tháng/năm, ví dụ 30/11/2026' })),
});

const FORM_FIELDS = ['reasonCode', 'reasonExplanation', NEW_DUE_FIELD] as const;

function scopeText(actor: Actor, unitName: string | undefined): string {
  if (!unitName) return 'Tài khoản chưa gắn với đơn vị nào';
  return actor.role === 'specialist' ? unitName : `${unitName} và các đơn vị trực thuộc`;
}

export async function deadlineRoutes(app: FastifyInstance, deps: AppDeps) {
  const dl: DeadlineDeps = { db: deps.db, jobs: deps.jobs, blobs: deps.blobs };

  async function showApology(request: FastifyRequest, reply: FastifyReply, code: string, errors: FieldError[] = [], values: Record<string, string> = {}) {
    const v = await apologyFor(dl, request.actor!, code);
    return reply.code(errors.length > 0 ? 400 : 200).html(<ApologyPage ctx={deps.page(request, reply)} v={v} errors={errors} values={values} now={new Date()} />);
  }

  app.get<{ Params: { code: string } }>('/mot-cua/ho-so/:code/xin-loi', { config: OFFICE, schema: { params: CodeParams } }, async (request, reply) => showApology(request, reply, request.params.code));

  app.post<{ Params: { code: string }; Body: Record<string, unknown> }>('/mot-cua/ho-so/:code/xin-loi', { config: OFFICE, schema: { params: CodeParams } }, async (request, reply) => {
    const code = request.params.code;
    const body = request.body ?? {};
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
    const values = Object.fromEntries(FORM_FIELDS.map((f) => [f, text(f)]));
    const version = Number(text('version') || 'x');
    try {
      if (!Number.isInteger(version)) throw new ValidationError([{ field: 'version', message: 'Thiếu phiên bản hồ sơ; hãy tải lại trang' }]);
      const { newDueAt } = await issueApology(dl, request.actor!, code, version, {
        reason: { code: values.reasonCode, explanation: values.reasonExplanation },
        newDueDate: values[NEW_DUE_FIELD],
      });
      request.session.flash = `Đã lập phiếu xin lỗi (Mẫu 04) và hẹn lại trả kết quả ${appointmentText(newDueAt)}; người nộp đã được thông báo.`;
      return reply.redirect(officerPath(code), 303);
    } catch (err) {
      if (err instanceof ValidationError) return showApology(request, reply, code, err.errors, values);
      // someone changed the dossier first: show the form again with what it is now
      if (err instanceof DossierChanged) {
        request.session.flash = err.message;
        return reply.redirect(apologyPath(code), 303);
      }
      throw err;
    }
  });

  app.get<{ Querystring: { tu?: string; den?: string } }>(LATENESS_PATH, { config: OFFICE, schema: { querystring: PeriodQuery } }, async (request, reply) => {
    const actor = request.actor!;
    const unitIds = await latenessScope(dl, actor);
    const ctx = deps.page(request, reply);
    const text = scopeText(actor, actor.unitId ? await store.unitName(deps.db, actor.unitId) : undefined);
    let period: Period;
    try {
      period = parsePeriod(request.query);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply.code(400).html(<LatenessPage ctx={ctx} scopeText={text} form={{ tu: request.query.tu ?? '', den: request.query.den ?? '' }} errors={err.errors} />);
    }
    const to = new Date(vietnamMidnight(period.to).getTime() + 86_400_000);
    const units = await lateSteps(deps.db, { from: vietnamMidnight(period.from), to, unitIds });
    return reply.html(<LatenessPage ctx={ctx} scopeText={text} form={periodForm(period)} errors={[]} result={{ period, units }} />);
  });
}
