// The online submission pages: start, tờ khai, files, review, confirmation. Every step works
// without JavaScript; every step saves the draft.
import type { FieldError } from '../../platform/errors';
import { formatDate, formatDateTime } from '../../platform/format';
import type { PageContext } from '../../platform/http/context';
import { Button, CsrfField, ErrorSummary, fieldId, SummaryList } from '../../web/components';
import { Layout } from '../../web/layout';
import { EformDefinitionScript } from '../../web/client-data';
import type { Procedure } from '../catalogue';
import { AnswersSummary, type AddressOptions, type Answers, type FormDefinition, FormFields } from '../forms';
import { AttachmentSlots, type DraftFile } from '../attachments';
import type { Unit } from '../org';
import type { uploadSlots } from './service';

export const draftPath = (id: string) => `/nop-ho-so/ho-so-nhap/${id}`;

const STEPS = ['Điền tờ khai', 'Đính kèm giấy tờ', 'Kiểm tra và nộp'];

function Steps({ current }: { current: 1 | 2 | 3 }) {
  return (
    <p class="govuk-caption-m" safe>
      {`Bước ${current} trên 3: ${STEPS[current - 1]}`}
    </p>
  );
}

export function StartPage({ ctx, procedure, drafts }: { ctx: PageContext; procedure: Procedure; drafts: { id: string; updatedAt: Date }[] }) {
  const slots = procedure.components;
  return (
    <Layout ctx={ctx} title={`Nộp hồ sơ trực tuyến: ${procedure.name}`}>
      <a href={`/thu-tuc/${procedure.code}`} class="govuk-back-link">
        Quay lại thủ tục
      </a>
      <span class="govuk-caption-l">Nộp hồ sơ trực tuyến</span>
      <h1 class="govuk-heading-l" safe>
        {procedure.name}
      </h1>
      <p class="govuk-body">Bạn sẽ điền tờ khai, đính kèm bản chụp hoặc bản scan các giấy tờ, rồi kiểm tra lại và nộp. Mọi thông tin được lưu lại sau mỗi bước; bạn có thể làm tiếp trên thiết bị khác.</p>
      <h2 class="govuk-heading-m">Giấy tờ cần chuẩn bị</h2>
      <ul class="govuk-list govuk-list--bullet">
        {slots.map((c) => (
          <li safe>{`${c.name}${c.required ? '' : ' (nếu có)'}`}</li>
        ))}
      </ul>
      {drafts.length > 0 ? (
        <>
          <h2 class="govuk-heading-m">Bản nháp đang làm dở</h2>
          <ul class="govuk-list">
            {drafts.map((d) => (
              <li>
                <a class="govuk-link" href={draftPath(d.id)} safe>
                  {`Tiếp tục bản nháp lưu lúc ${formatDateTime(d.updatedAt)}`}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      <form method="post" action={`/nop-ho-so/${procedure.code}`} novalidate>
        <CsrfField token={ctx.csrfToken()} />
        <Button>{drafts.length > 0 ? 'Bắt đầu hồ sơ mới' : 'Bắt đầu'}</Button>
      </form>
    </Layout>
  );
}

function UnitChoice({ units, value, errors }: { units: Unit[]; value: string | null; errors: FieldError[] }) {
  const error = errors.find((e) => e.field === 'receivingUnitId')?.message;
  const id = fieldId('receivingUnitId');
  if (units.length === 1) {
    return (
      <div class="govuk-form-group">
        <p class="govuk-body">
          <strong>Nơi tiếp nhận hồ sơ: </strong>
          <span safe>{units[0]!.name}</span>
        </p>
        <input type="hidden" name="receivingUnitId" value={units[0]!.id} />
      </div>
    );
  }
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label govuk-label--s" for={id}>
        Nơi tiếp nhận hồ sơ
      </label>
      <div class="govuk-hint" id={`${id}-hint`}>
        Ủy ban nhân dân xã, phường nơi bạn cư trú, hoặc Trung tâm Phục vụ hành chính công tỉnh.
      </div>
      {error ? (
        <p class="govuk-error-message" id={`${id}-error`}>
          <span class="govuk-visually-hidden">Lỗi:</span> <span safe>{error}</span>
        </p>
      ) : (
        ''
      )}
      <select class={`govuk-select${error ? ' govuk-select--error' : ''}`} id={id} name="receivingUnitId" aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}>
        <option value="">Chọn nơi tiếp nhận</option>
        {units.map((u) => (
          <option value={u.id} selected={u.id === value} safe>
            {u.name}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface FormStepProps {
  ctx: PageContext;
  draftId: string;
  procedure: Procedure;
  def: FormDefinition;
  values: Answers;
  units: Unit[];
  receivingUnitId: string | null;
  address: AddressOptions;
  errors: FieldError[];
  notice?: string | undefined;
}

export function FormStepPage(p: FormStepProps) {
  return (
    <Layout ctx={p.ctx} title={`${p.errors.length > 0 ? 'Lỗi: ' : ''}${p.def.title}`} scripts={['forms']}>
      <a href={`/nop-ho-so/${p.procedure.code}`} class="govuk-back-link">
        Quay lại
      </a>
      <ErrorSummary errors={p.errors} />
      {p.notice ? (
        <div class="govuk-inset-text" safe>
          {p.notice}
        </div>
      ) : (
        ''
      )}
      <Steps current={1} />
      <h1 class="govuk-heading-l" safe>
        {p.def.title}
      </h1>
      <p class="govuk-body-s mc-muted" safe>
        {`${p.procedure.name} (mã ${p.procedure.code}). Các trường không ghi “(không bắt buộc)” đều phải điền.`}
      </p>
      <form method="post" action={draftPath(p.draftId)} novalidate data-eform>
        <CsrfField token={p.ctx.csrfToken()} />
        <UnitChoice units={p.units} value={p.receivingUnitId} errors={p.errors} />
        <FormFields def={p.def} values={p.values} errors={p.errors} address={p.address} />
        <div class="govuk-button-group">
          <Button name="_action" value="continue">
            Lưu và tiếp tục
          </Button>
          <Button secondary name="_action" value="save">
            Lưu nháp
          </Button>
        </div>
      </form>
      <EformDefinitionScript def={p.def} />
    </Layout>
  );
}

export interface FilesStepProps {
  ctx: PageContext;
  draftId: string;
  procedure: Procedure;
  slots: ReturnType<typeof uploadSlots>;
  files: DraftFile[];
  errors: FieldError[];
  /** The configured upload limits, shown beside each slot and checked by the upload script. */
  limits: { maxFileBytes: number; maxDossierBytes: number };
}

export function FilesStepPage(p: FilesStepProps) {
  return (
    <Layout ctx={p.ctx} title={`${p.errors.length > 0 ? 'Lỗi: ' : ''}Đính kèm giấy tờ`} scripts={['uploads']}>
      <a href={draftPath(p.draftId)} class="govuk-back-link">
        Quay lại tờ khai
      </a>
      <ErrorSummary errors={p.errors} />
      <Steps current={2} />
      <h1 class="govuk-heading-l">Đính kèm giấy tờ</h1>
      <p class="govuk-body">
        Chụp ảnh rõ nét hoặc scan từng trang giấy tờ. Nhận tệp PDF, JPG, PNG; ảnh chụp của một giấy tờ được thu nhỏ và ghép thành một tệp PDF khi nộp.
      </p>
      <AttachmentSlots draftId={p.draftId} slots={p.slots} files={p.files} csrfToken={p.ctx.csrfToken()} errors={p.errors} limits={p.limits} />
      <form method="post" action={`${draftPath(p.draftId)}/tep/tiep-tuc`} novalidate>
        <CsrfField token={p.ctx.csrfToken()} />
        <Button>Tiếp tục</Button>
      </form>
    </Layout>
  );
}

export interface ReviewProps {
  ctx: PageContext;
  draftId: string;
  idempotencyKey: string;
  procedure: Procedure;
  def: FormDefinition;
  value: Answers | undefined;
  raw: Answers;
  unit: Unit | undefined;
  address: AddressOptions;
  files: DraftFile[];
  errors: FieldError[];
}

export function ReviewPage(p: ReviewProps) {
  const filesByComponent = p.procedure.components.map((c, i) => ({ name: c.name, files: p.files.filter((f) => f.componentIndex === i) })).filter((c) => c.files.length > 0);
  return (
    <Layout ctx={p.ctx} title={`${p.errors.length > 0 ? 'Lỗi: ' : ''}Kiểm tra và nộp hồ sơ`}>
      <a href={`${draftPath(p.draftId)}/tep`} class="govuk-back-link">
        Quay lại giấy tờ
      </a>
      <ErrorSummary errors={p.errors.map((e) => ({ ...e }))} />
      <Steps current={3} />
      <h1 class="govuk-heading-l">Kiểm tra lại trước khi nộp</h1>
      <SummaryList
        rows={[
          { key: 'Thủ tục', value: <span safe>{p.procedure.name}</span> },
          { key: 'Nơi tiếp nhận', value: <span safe>{p.unit?.name ?? 'Chưa chọn'}</span> },
        ]}
      />
      {p.value ? <AnswersSummary def={p.def} value={p.value} address={p.address} changeHref={draftPath(p.draftId)} /> : <p class="govuk-body">Tờ khai còn lỗi; hãy sửa trước khi nộp.</p>}
      <h2 class="govuk-heading-m">Giấy tờ đính kèm</h2>
      {filesByComponent.length === 0 ? (
        <p class="govuk-body">Chưa đính kèm giấy tờ nào.</p>
      ) : (
        <dl class="govuk-summary-list">
          {filesByComponent.map((c) => (
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key" safe>
                {c.name}
              </dt>
              <dd class="govuk-summary-list__value">
                <ul class="govuk-list">
                  {c.files.map((f) => (
                    <li safe>{f.fileName}</li>
                  ))}
                </ul>
              </dd>
            </div>
          ))}
        </dl>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={`${draftPath(p.draftId)}/tep`}>
          Thay đổi giấy tờ
        </a>
      </p>
      <h2 class="govuk-heading-m">Cam đoan và nộp</h2>
      <p class="govuk-body">Khi bấm “Nộp hồ sơ”, bạn cam đoan những thông tin đã khai là đúng sự thật và chịu trách nhiệm trước pháp luật về lời khai của mình.</p>
      <form method="post" action={`${draftPath(p.draftId)}/nop`} novalidate>
        <CsrfField token={p.ctx.csrfToken()} />
        <input type="hidden" name="key" value={p.idempotencyKey} />
        <button type="submit" class="govuk-button" data-module="govuk-button" data-prevent-double-click="true" disabled={p.errors.length > 0}>
          Nộp hồ sơ
        </button>
      </form>
    </Layout>
  );
}

export function DonePage({ ctx, code, procedureName, expectedDueAt, unitName }: { ctx: PageContext; code: string; procedureName: string; expectedDueAt: Date | null; unitName: string | null }) {
  return (
    <Layout ctx={ctx} title={`Đã nộp hồ sơ ${code}`}>
      <div class="govuk-panel govuk-panel--confirmation">
        <h1 class="govuk-panel__title">Đã nộp hồ sơ</h1>
        <div class="govuk-panel__body">
          Mã hồ sơ của bạn
          <br />
          <strong class="mc-code" safe>
            {code}
          </strong>
        </div>
      </div>
      <p class="govuk-body" safe>
        {`Hồ sơ “${procedureName}” đã được gửi tới ${unitName ?? 'nơi tiếp nhận'}. Chúng tôi đã gửi thư điện tử và tin nhắn xác nhận cho bạn.`}
      </p>
      <h2 class="govuk-heading-m">Việc tiếp theo</h2>
      <p class="govuk-body">
        Bộ phận một cửa sẽ kiểm tra hồ sơ. Khi hồ sơ được tiếp nhận, bạn nhận được Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01), tải về được trong mục “Hồ sơ của tôi”. Nếu hồ sơ cần bổ sung, bạn sẽ được báo rõ từng giấy tờ cần bổ sung.
      </p>
      {expectedDueAt ? (
        <p class="govuk-body" safe>
          {`Nếu hồ sơ được tiếp nhận ngay, kết quả dự kiến có vào ngày ${formatDate(expectedDueAt)}.`}
        </p>
      ) : (
        ''
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={`/tra-cuu-ho-so?ma=${encodeURIComponent(code)}`}>
          Theo dõi hồ sơ này
        </a>{' '}
        ·{' '}
        <a class="govuk-link" href="/ho-so-cua-toi">
          Hồ sơ của tôi
        </a>
      </p>
    </Layout>
  );
}
