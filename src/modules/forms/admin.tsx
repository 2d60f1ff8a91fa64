// The administrators' e-form editor: the definition as JSON, its problems named by path, a
// preview of the form as citizens will see it (refreshed as they type when JavaScript runs,
// with the "Xem trước" button otherwise), and the list of saved versions.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../../deps';
import { AppError, type FieldError, ValidationError } from '../../platform/errors';
import { formatDateTime } from '../../platform/format';
import type { PageContext } from '../../platform/http/context';
import { Button, CsrfField, ErrorSummary } from '../../web/components';
import { Layout } from '../../web/layout';
import { requireAction } from '../accounts';
import { type AddressOptions, checkDefinition, type FormDefinition } from './model';
import { FormFields } from './render';
import { addressOptions, currentForm, formsList, formVersion, formVersions, saveForm } from './service';

const manage = { access: { action: 'catalogue.manage' } } as const;
const Code = Type.String({ pattern: '^\\d\\.\\d{6}$', 'x-message': 'Mã thủ tục không hợp lệ' });
const Body = Type.Object({
  definition: Type.String({ maxLength: 200_000, 'x-message': 'Định nghĩa tờ khai quá dài (tối đa 200.000 ký tự)' }),
  basedOn: Type.Optional(Type.String({ maxLength: 10 })),
  _action: Type.Optional(Type.String({ maxLength: 20 })),
  _csrf: Type.Optional(Type.String()),
});

/** Parses the JSON text and checks the definition; the problems carry their path. */
export function parseDefinition(code: string, text: string): { def?: FormDefinition; errors: FieldError[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { errors: [{ field: '', message: `Nội dung không phải JSON hợp lệ (${(err as Error).message}).` }] };
  }
  if (typeof raw === 'object' && raw !== null && (raw as { procedureCode?: unknown }).procedureCode !== code) {
    return { errors: [{ field: 'procedureCode', message: `Mã thủ tục của tờ khai phải là ${code}.` }] };
  }
  // the version is given by the store on save; the text may carry any
  const withVersion = typeof raw === 'object' && raw !== null ? { version: 1, ...raw } : raw;
  const errors = checkDefinition(withVersion);
  return errors.length > 0 ? { errors } : { def: withVersion as FormDefinition, errors };
}

export function Preview({ def, address }: { def: FormDefinition | undefined; address: AddressOptions }) {
  return (
    <div id="form-preview" class="mc-preview" aria-live="polite">
      {def ? (
        <>
          <h2 class="govuk-heading-m" safe>
            {def.title}
          </h2>
          <FormFields def={def} values={{}} errors={[]} address={address} />
        </>
      ) : (
        <p class="govuk-body">Sửa các lỗi của định nghĩa để xem trước tờ khai.</p>
      )}
    </div>
  );
}

function EditorPage(p: {
  ctx: PageContext;
  code: string;
  text: string;
  basedOn: number | null;
  def: FormDefinition | undefined;
  errors: FieldError[];
  versions: { version: number; createdAt: Date; author: string | null }[];
  address: AddressOptions;
}) {
  return (
    <Layout ctx={p.ctx} title={`Tờ khai điện tử ${p.code}`} wide scripts={['form-editor']}>
      <a href="/quan-tri/bieu-mau" class="govuk-back-link">
        Danh sách tờ khai
      </a>
      <ErrorSummary errors={p.errors.map((e) => ({ field: 'definition', message: e.field ? `${e.field}: ${e.message}` : e.message }))} />
      <h1 class="govuk-heading-l" safe>{`Tờ khai điện tử của thủ tục ${p.code}`}</h1>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half">
          <form method="post" action={`/quan-tri/bieu-mau/${p.code}`} novalidate data-form-editor={`/quan-tri/bieu-mau/${p.code}/xem-truoc`}>
            <CsrfField token={p.ctx.csrfToken()} />
            <input type="hidden" name="basedOn" value={p.basedOn === null ? '' : String(p.basedOn)} />
            <div class={`govuk-form-group${p.errors.length ? ' govuk-form-group--error' : ''}`}>
              <label class="govuk-label govuk-label--s" for="f-definition">
                Định nghĩa tờ khai (JSON)
              </label>
              <div class="govuk-hint" id="f-definition-hint">
                Các loại trường: text, longText, number, money, date, choice, multiChoice, yesNo, phone, email, cccd, taxCode, address, group. Trường có điều kiện dùng showIf. Lưu sẽ tạo phiên bản mới; hồ sơ đã nộp giữ phiên bản cũ.
              </div>
              <textarea class="govuk-textarea mc-code" id="f-definition" name="definition" rows="30" aria-describedby="f-definition-hint" spellcheck="false" safe>
                {p.text}
              </textarea>
            </div>
            <div class="govuk-button-group">
              <Button name="_action" value="save">
                Lưu phiên bản mới
              </Button>
              <Button secondary name="_action" value="preview">
                Xem trước
              </Button>
            </div>
          </form>
          <h2 class="govuk-heading-m">Các phiên bản</h2>
          {p.versions.length === 0 ? (
            <p class="govuk-body">Chưa có phiên bản nào.</p>
          ) : (
            <ul class="govuk-list">
              {p.versions.map((v) => (
                <li safe>{`Phiên bản ${v.version} · ${formatDateTime(v.createdAt)} · ${v.author ?? 'Dữ liệu mẫu'}`}</li>
              ))}
            </ul>
          )}
        </div>
        <div class="govuk-grid-column-one-half" id="form-preview-area">
          <Preview def={p.def} address={p.address} />
        </div>
      </div>
    </Layout>
  );
}

function ListPage({ ctx, items }: { ctx: PageContext; items: { procedureCode: string; version: number | null }[] }) {
  return (
    <Layout ctx={ctx} title="Tờ khai điện tử">
      <h1 class="govuk-heading-l">Tờ khai điện tử</h1>
      <p class="govuk-body">Mỗi thủ tục nhận hồ sơ trực tuyến có một tờ khai; sửa tờ khai tạo phiên bản mới.</p>
      <ul class="govuk-list">
        {items.map((i) => (
          <li>
            <a class="govuk-link" href={`/quan-tri/bieu-mau/${i.procedureCode}`} safe>
              {`${i.procedureCode} (phiên bản ${i.version ?? 0})`}
            </a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export async function formAdminRoutes(app: FastifyInstance, deps: AppDeps) {
  const show = async (request: FastifyRequest, reply: FastifyReply, code: string, text: string, basedOn: number | null, errors: FieldError[], status = 200) => {
    const parsed = parseDefinition(code, text);
    const [versions, address] = await Promise.all([formVersions(deps, code), addressOptions(deps)]);
    return reply
      .code(status)
      .html(<EditorPage ctx={deps.page(request, reply)} code={code} text={text} basedOn={basedOn} def={parsed.def} errors={errors} versions={versions} address={address} />);
  };

  app.get('/quan-tri/bieu-mau', { config: manage }, async (request, reply) => {
    requireAction(request.actor!, 'catalogue.manage');
    return reply.html(<ListPage ctx={deps.page(request, reply)} items={await formsList(deps)} />);
  });

  app.get<{ Params: { code: string }; Querystring: { v?: string } }>(
    '/quan-tri/bieu-mau/:code',
    { config: manage, schema: { params: Type.Object({ code: Code }), querystring: Type.Object({ v: Type.Optional(Type.String({ pattern: '^\\d{1,6}$' })) }) } },
    async (request, reply) => {
      const code = request.params.code;
      const latest = await currentForm(deps, code);
      const shown = request.query.v ? await formVersion(deps, code, Number(request.query.v)) : latest;
      const text = shown ? JSON.stringify({ ...shown, version: undefined }, null, 2) : JSON.stringify({ procedureCode: code, title: 'Tờ khai', fields: [] }, null, 2);
      return show(request, reply, code, text, latest?.version ?? null, []);
    },
  );

  app.post<{ Params: { code: string }; Body: { definition: string; basedOn?: string; _action?: string } }>(
    '/quan-tri/bieu-mau/:code',
    { config: manage, schema: { params: Type.Object({ code: Code }), body: Body } },
    async (request, reply) => {
      const { code } = request.params;
      const text = request.body.definition;
      const basedOn = request.body.basedOn ? Number(request.body.basedOn) : null;
      const parsed = parseDefinition(code, text);
      if (request.body._action === 'preview' || parsed.errors.length > 0) return show(request, reply, code, text, basedOn, parsed.errors, parsed.errors.length > 0 ? 400 : 200);
      try {
        const version = await saveForm(deps, request.actor!, parsed.def, basedOn);
        request.session.flash = `Đã lưu tờ khai, phiên bản ${version}.`;
        return reply.redirect(`/quan-tri/bieu-mau/${code}`, 303);
      } catch (err) {
        if (err instanceof ValidationError) return show(request, reply, code, text, basedOn, err.errors, 400);
        if (err instanceof AppError && err.status === 409) return show(request, reply, code, text, basedOn, [{ field: '', message: err.message }], 409);
        throw err;
      }
    },
  );

  // the live preview: the same check and rendering, as an HTML fragment for the editor's script
  app.post<{ Params: { code: string }; Body: { definition: string } }>(
    '/quan-tri/bieu-mau/:code/xem-truoc',
    { config: manage, schema: { params: Type.Object({ code: Code }), body: Body } },
    async (request, reply) => {
      const parsed = parseDefinition(request.params.code, request.body.definition);
      const address = await addressOptions(deps);
      return reply.html(
        <>
          <ErrorSummary errors={parsed.errors.map((e) => ({ field: 'definition', message: e.field ? `${e.field}: ${e.message}` : e.message }))} />
          <Preview def={parsed.def} address={address} />
        </>,
      );
    },
  );
}
