// The administrators' editor of internal workflows (quy trình nội bộ): the steps as JSON, checked
// by path (kinds, units that exist, shares adding up to 100 %, a consult followed by the lead
// agency's step), a readable table of the steps, and a new version per save. Dossiers keep the
// steps that held when they were handed over.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../../deps';
import { AppError, type FieldError, ValidationError } from '../../platform/errors';
import type { PageContext } from '../../platform/http/context';
import { Button, CsrfField, ErrorSummary } from '../../web/components';
import { Layout } from '../../web/layout';
import { saveWorkflow, workflowOf } from './backoffice';
import type { WorkflowStep } from './model';
import * as store from './store';

const manage = { access: { action: 'catalogue.manage' } } as const;
const Code = Type.String({ pattern: '^\\d\\.\\d{6}$', 'x-message': 'Mã thủ tục không hợp lệ' });
const KIND_LABELS = { process: 'Thụ lý', consult: 'Lấy ý kiến, liên thông', approve: 'Phê duyệt' } as const;

function unitText(u: WorkflowStep['unit']): string {
  if (u.at === 'receiving') return 'Đơn vị tiếp nhận hồ sơ';
  if (u.at === 'unit') return `Đơn vị mã ${u.code}`;
  return `Đơn vị loại ${u.kind} trực thuộc đơn vị tiếp nhận`;
}

function StepsTable({ steps }: { steps: WorkflowStep[] }) {
  return (
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-table__caption--s">Các bước theo thứ tự</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">Bước</th>
          <th scope="col" class="govuk-table__header">Loại</th>
          <th scope="col" class="govuk-table__header">Đơn vị thực hiện</th>
          <th scope="col" class="govuk-table__header govuk-table__header--numeric">Thời gian</th>
          <th scope="col" class="govuk-table__header">Song song</th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {steps.map((st) => (
          <tr class="govuk-table__row">
            <td class="govuk-table__cell" safe>
              {st.name}
            </td>
            <td class="govuk-table__cell">{KIND_LABELS[st.kind]}</td>
            <td class="govuk-table__cell" safe>
              {unitText(st.unit)}
            </td>
            <td class="govuk-table__cell govuk-table__cell--numeric" safe>{`${st.share}%`}</td>
            <td class="govuk-table__cell" safe>{st.parallel === undefined ? '' : `Nhóm ${st.parallel}`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function EditorPage(p: { ctx: PageContext; code: string; name: string; text: string; basedOn: number | null; steps: WorkflowStep[] | undefined; errors: FieldError[]; saved: boolean }) {
  return (
    <Layout ctx={p.ctx} title={`${p.errors.length ? 'Lỗi: ' : ''}Quy trình nội bộ ${p.code}`} wide>
      <a href="/quan-tri/quy-trinh" class="govuk-back-link">
        Danh sách quy trình
      </a>
      <ErrorSummary errors={p.errors.map((e) => ({ field: 'steps', message: e.field ? `${e.field}: ${e.message}` : e.message }))} />
      <h1 class="govuk-heading-l" safe>{`Quy trình nội bộ: ${p.name}`}</h1>
      <p class="govuk-body">
        {p.saved ? `Phiên bản đang áp dụng: ${p.basedOn}.` : 'Thủ tục chưa có quy trình riêng; đang dùng quy trình mặc định (đơn vị tiếp nhận thẩm định, lãnh đạo đơn vị phê duyệt).'}
      </p>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half">
          <form method="post" action={`/quan-tri/quy-trinh/${p.code}`} novalidate>
            <CsrfField token={p.ctx.csrfToken()} />
            <input type="hidden" name="basedOn" value={p.basedOn === null ? '' : String(p.basedOn)} />
            <div class={`govuk-form-group${p.errors.length ? ' govuk-form-group--error' : ''}`}>
              <label class="govuk-label govuk-label--s" for="f-steps">
                Các bước (JSON)
              </label>
              <div class="govuk-hint" id="f-steps-hint">
                Mỗi bước: key, name, kind (process, consult, approve), unit ({'{"at":"receiving"}'}, {'{"at":"unit","code":"so-tu-phap"}'} hoặc {'{"at":"child","kind":"cong_an_xa"}'}), share (% thời gian), parallel (tùy chọn: các bước consult liền nhau cùng số nhóm được lấy ý kiến đồng thời; nhóm tính thời gian của bước dài nhất). Bước đầu là process, bước cuối là approve, tổng share 100.
              </div>
              <textarea class="govuk-textarea mc-code" id="f-steps" name="steps" rows="24" aria-describedby="f-steps-hint" spellcheck="false" safe>
                {p.text}
              </textarea>
            </div>
            <Button>Lưu phiên bản mới</Button>
          </form>
        </div>
        <div class="govuk-grid-column-one-half">{p.steps ? <StepsTable steps={p.steps} /> : <p class="govuk-body">Sửa các lỗi để xem các bước.</p>}</div>
      </div>
    </Layout>
  );
}

function ListPage({ ctx, items }: { ctx: PageContext; items: { code: string; name: string; version: number | null }[] }) {
  return (
    <Layout ctx={ctx} title="Quy trình nội bộ">
      <h1 class="govuk-heading-l">Quy trình nội bộ giải quyết thủ tục</h1>
      <p class="govuk-body">Thủ tục chưa có quy trình riêng dùng quy trình mặc định. Sửa quy trình tạo phiên bản mới; hồ sơ đang giải quyết giữ quy trình cũ.</p>
      <ul class="govuk-list">
        {items.map((i) => (
          <li>
            <a class="govuk-link" href={`/quan-tri/quy-trinh/${i.code}`} safe>
              {`${i.code} ${i.name}${i.version ? ` (phiên bản ${i.version})` : ' (mặc định)'}`}
            </a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

function parseSteps(text: string): { steps?: unknown; errors: FieldError[] } {
  try {
    return { steps: JSON.parse(text) as unknown, errors: [] };
  } catch (err) {
    return { errors: [{ field: '', message: `Nội dung không phải JSON hợp lệ (${(err as Error).message}).` }] };
  }
}

export async function workflowAdminRoutes(app: FastifyInstance, deps: AppDeps) {
  const show = async (request: FastifyRequest, reply: FastifyReply, code: string, text: string, basedOn: number | null, errors: FieldError[], status = 200) => {
    const procedure = await store.procedureName(deps.db, code);
    if (!procedure) return reply.callNotFound();
    const parsed = parseSteps(text);
    const latest = await store.latestWorkflow(deps.db, code);
    const steps = errors.length === 0 && Array.isArray(parsed.steps) ? (parsed.steps as WorkflowStep[]) : undefined;
    return reply.code(status).html(<EditorPage ctx={deps.page(request, reply)} code={code} name={procedure} text={text} basedOn={basedOn} steps={steps} errors={errors} saved={latest !== undefined} />);
  };

  app.get('/quan-tri/quy-trinh', { config: manage }, async (request, reply) => {
    return reply.html(<ListPage ctx={deps.page(request, reply)} items={await store.workflowList(deps.db)} />);
  });

  app.get<{ Params: { code: string } }>('/quan-tri/quy-trinh/:code', { config: manage, schema: { params: Type.Object({ code: Code }) } }, async (request, reply) => {
    const code = request.params.code;
    const latest = await store.latestWorkflow(deps.db, code);
    const steps = await workflowOf(deps, code);
    return show(request, reply, code, JSON.stringify(steps, null, 2), latest?.version ?? null, []);
  });

  app.post<{ Params: { code: string }; Body: { steps: string; basedOn?: string } }>(
    '/quan-tri/quy-trinh/:code',
    {
      config: manage,
      schema: {
        params: Type.Object({ code: Code }),
        body: Type.Object({ steps: Type.String({ maxLength: 50_000, 'x-message': 'Nội dung quy trình quá dài' }), basedOn: Type.Optional(Type.String({ maxLength: 10 })), _csrf: Type.Optional(Type.String()) }),
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const text = request.body.steps;
      const basedOn = request.body.basedOn ? Number(request.body.basedOn) : null;
      const parsed = parseSteps(text);
      if (parsed.errors.length > 0) return show(request, reply, code, text, basedOn, parsed.errors, 400);
      try {
        const version = await saveWorkflow(deps, request.actor!, code, parsed.steps, basedOn);
        request.session.flash = `Đã lưu quy trình, phiên bản ${version}.`;
        return reply.redirect(`/quan-tri/quy-trinh/${code}`, 303);
      } catch (err) {
        if (err instanceof ValidationError) return show(request, reply, code, text, basedOn, err.errors, 400);
        if (err instanceof AppError && err.status === 409) return show(request, reply, code, text, basedOn, [{ field: '', message: err.message }], 409);
        throw err;
      }
    },
  );
}
