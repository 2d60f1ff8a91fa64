// The online submission pages: start, tờ khai, files, review, confirmation. Every step works
// without JavaScript; every step saves the draft.
import type { FieldError } from '../../platform/errors';
import { formatDate, formatDateTime } from '../../platform/format';
import type { PageContext } from '../../platform/http/context';
import { Button, CsrfField, errorFor, ErrorSummary, fieldId, Input, SummaryList } from '../../web/components';
import type { ActingFor, DraftChannel, OnBehalf } from '../../platform/db/schema';
import { CAPACITIES, CAPACITY_LABELS, RELATIONSHIPS, relationshipLabel, type ActingForInput } from '../accounts';
import { STATE_LABELS, type DossierState } from '../dossiers';
import { Layout } from '../../web/layout';
import { EformDefinitionScript } from '../../web/client-data';
import type { Procedure } from '../catalogue';
import { AnswersSummary, type AddressOptions, type Answers, type FormDefinition, FormFields, type VerifiedValues } from '../forms';
import { AttachmentSlots, type DraftFile, type ReusableFile } from '../attachments';
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

const CHANNEL_LABELS: Record<'counter' | 'post', string> = { counter: 'Trực tiếp tại quầy', post: 'Qua dịch vụ bưu chính' };

/** On every step of a dossier the desk enters: for whom, and how the papers came. */
export function DeskNote({ onBehalf, channel }: { onBehalf: OnBehalf | null; channel: DraftChannel }) {
  if (!onBehalf || channel === 'online') return '';
  return (
    <div class="govuk-inset-text" data-desk-note>
      <span safe>{`Nhập hồ sơ thay cho người nộp: ${onBehalf.name}${onBehalf.idNumber ? ` (số định danh ${onBehalf.idNumber})` : ''}. Nhận ${CHANNEL_LABELS[channel].toLowerCase()}.`}</span>{' '}
      {onBehalf.accountId ? <span>Người nộp có tài khoản: hồ sơ sẽ hiện trong mục “Hồ sơ của tôi” của họ, và giấy tờ họ đã nộp trước đây có thể dùng lại.</span> : ''}
    </div>
  );
}

export interface DeskEntryProps {
  ctx: PageContext;
  procedures: { code: string; name: string; field: string }[];
  values: { procedureCode?: string; channel?: string; applicant: Record<string, string> };
  errors: FieldError[];
}

/** The desk's first step for papers brought to the counter or received by post. */
export function DeskEntryPage(p: DeskEntryProps) {
  const fields = [...new Set(p.procedures.map((x) => x.field))];
  const procError = errorFor(p.errors, 'procedureCode');
  const channelError = errorFor(p.errors, 'channel');
  const a = p.values.applicant;
  return (
    <Layout ctx={p.ctx} title={`${p.errors.length > 0 ? 'Lỗi: ' : ''}Nhập hồ sơ nhận trực tiếp hoặc qua bưu chính`}>
      <a href="/mot-cua/tiep-nhan" class="govuk-back-link">
        Quay lại hồ sơ chờ tiếp nhận
      </a>
      <ErrorSummary errors={p.errors} />
      <h1 class="govuk-heading-l">Nhập hồ sơ nhận trực tiếp hoặc qua bưu chính</h1>
      <p class="govuk-body">
        Chọn thủ tục và ghi người nộp. Bước sau là tờ khai (điền theo bản giấy), rồi quét hoặc tải lên từng giấy tờ; giấy tờ người nộp đã có trong hệ thống thì dùng lại, không cần quét lại.
      </p>
      <form method="post" action="/mot-cua/tiep-nhan/nhap-ho-so" novalidate>
        <CsrfField token={p.ctx.csrfToken()} />
        <div class={`govuk-form-group${procError ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label govuk-label--s" for={fieldId('procedureCode')}>
            Thủ tục hành chính
          </label>
          {procError ? (
            <p id={`${fieldId('procedureCode')}-error`} class="govuk-error-message">
              <span class="govuk-visually-hidden">Lỗi:</span> <span safe>{procError}</span>
            </p>
          ) : (
            ''
          )}
          <select class={`govuk-select mc-select--full${procError ? ' govuk-select--error' : ''}`} id={fieldId('procedureCode')} name="procedureCode" aria-describedby={procError ? `${fieldId('procedureCode')}-error` : undefined}>
            <option value="">Chọn thủ tục</option>
            {fields.map((f) => (
              <optgroup label={f}>
                {p.procedures
                  .filter((x) => x.field === f)
                  .map((x) => (
                    <option value={x.code} selected={x.code === p.values.procedureCode} safe>
                      {`${x.code} – ${x.name}`}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div class={`govuk-form-group${channelError ? ' govuk-form-group--error' : ''}`}>
          <fieldset class="govuk-fieldset" aria-describedby={channelError ? `${fieldId('channel')}-error` : undefined}>
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Cách nhận hồ sơ</legend>
            {channelError ? (
              <p id={`${fieldId('channel')}-error`} class="govuk-error-message">
                <span class="govuk-visually-hidden">Lỗi:</span> <span safe>{channelError}</span>
              </p>
            ) : (
              ''
            )}
            <div class="govuk-radios govuk-radios--small" data-module="govuk-radios">
              {(['counter', 'post'] as const).map((c, i) => (
                <div class="govuk-radios__item">
                  <input class="govuk-radios__input" id={i === 0 ? fieldId('channel') : `${fieldId('channel')}-${c}`} name="channel" type="radio" value={c} checked={(p.values.channel ?? 'counter') === c} />
                  <label class="govuk-label govuk-radios__label" for={i === 0 ? fieldId('channel') : `${fieldId('channel')}-${c}`} safe>
                    {CHANNEL_LABELS[c]}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <h2 class="govuk-heading-m">Người nộp hồ sơ</h2>
        <Input name="name" label="Họ và tên người nộp hồ sơ" value={a.name} error={errorFor(p.errors, 'name')} autocomplete="off" />
        <Input
          name="idNumber"
          label="Số định danh cá nhân (không bắt buộc)"
          hint="12 chữ số trên thẻ căn cước. Nếu người nộp có tài khoản trên Cổng, hồ sơ được gắn với tài khoản đó."
          value={a.idNumber}
          error={errorFor(p.errors, 'idNumber')}
          inputmode="numeric"
          width="20"
        />
        <Input name="phone" label="Số điện thoại (không bắt buộc)" value={a.phone} error={errorFor(p.errors, 'phone')} type="tel" width="20" />
        <Input name="email" label="Thư điện tử (không bắt buộc)" value={a.email} error={errorFor(p.errors, 'email')} type="email" />
        <Button>Tiếp tục: điền tờ khai</Button>
      </form>
    </Layout>
  );
}

export function StartPage({
  ctx,
  procedure,
  drafts,
  errors = [],
  values = {},
}: {
  ctx: PageContext;
  procedure: Procedure;
  drafts: { id: string; updatedAt: Date }[];
  errors?: FieldError[];
  values?: ActingForInput;
}) {
  const slots = procedure.components;
  return (
    <Layout ctx={ctx} title={`${errors.length > 0 ? 'Lỗi: ' : ''}Nộp hồ sơ trực tuyến: ${procedure.name}`}>
      <a href={`/thu-tuc/${procedure.code}`} class="govuk-back-link">
        Quay lại thủ tục
      </a>
      <ErrorSummary errors={errors} />
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
        {ctx.actor?.role === 'citizen' ? <ActingForChoice values={values} errors={errors} /> : ''}
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
  desk?: DeskDraft | undefined;
  /** The applicant's attributes verified by the national electronic identity (their own draft only). */
  verified?: VerifiedValues | undefined;
}

/** What a draft says about the desk entering it (nothing for a citizen's own), or about whom a citizen submits it for. */
export type DeskDraft = { onBehalf: OnBehalf | null; channel: DraftChannel; actingFor?: ActingFor | null };

/** Who the dossier is for, chosen when starting it: the citizen themself, a family member, or a principal. */
function ActingForChoice({ values, errors }: { values: ActingForInput; errors: FieldError[] }) {
  const capacityError = errorFor(errors, 'capacity');
  const relError = errorFor(errors, 'relationship');
  const chosen = values.capacity ?? 'self';
  return (
    <>
      <div class={`govuk-form-group${capacityError ? ' govuk-form-group--error' : ''}`}>
        <fieldset class="govuk-fieldset" aria-describedby={capacityError ? `${fieldId('capacity')}-error` : undefined}>
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">Bạn nộp hồ sơ này cho ai?</legend>
          {capacityError ? (
            <p id={`${fieldId('capacity')}-error`} class="govuk-error-message">
              <span class="govuk-visually-hidden">Lỗi:</span> <span safe>{capacityError}</span>
            </p>
          ) : (
            ''
          )}
          <div class="govuk-radios" data-module="govuk-radios">
            {CAPACITIES.map((c, i) => (
              <div class="govuk-radios__item">
                <input class="govuk-radios__input" id={i === 0 ? fieldId('capacity') : `${fieldId('capacity')}-${c}`} name="capacity" type="radio" value={c} checked={chosen === c} />
                <label class="govuk-label govuk-radios__label" for={i === 0 ? fieldId('capacity') : `${fieldId('capacity')}-${c}`} safe>
                  {CAPACITY_LABELS[c]}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <div class="govuk-inset-text">
        <p class="govuk-body">
          Khi nộp thay, tờ khai ghi thông tin của người được nộp thay; bạn được ghi là người nộp. Người được ủy quyền đính kèm giấy ủy quyền ở bước giấy tờ.
        </p>
        <Input name="subjectName" label="Họ và tên người được nộp thay (thân nhân hoặc người ủy quyền)" value={values.subjectName} error={errorFor(errors, 'subjectName')} autocomplete="off" />
        <Input name="subjectIdNumber" label="Số định danh cá nhân của người đó" hint="12 chữ số trên thẻ căn cước." value={values.subjectIdNumber} error={errorFor(errors, 'subjectIdNumber')} inputmode="numeric" width="20" />
        <div class={`govuk-form-group${relError ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label" for={fieldId('relationship')}>
            Quan hệ với bạn (khi nộp thay cho thân nhân)
          </label>
          {relError ? (
            <p id={`${fieldId('relationship')}-error`} class="govuk-error-message">
              <span class="govuk-visually-hidden">Lỗi:</span> <span safe>{relError}</span>
            </p>
          ) : (
            ''
          )}
          <select class={`govuk-select${relError ? ' govuk-select--error' : ''}`} id={fieldId('relationship')} name="relationship" aria-describedby={relError ? `${fieldId('relationship')}-error` : undefined}>
            <option value="">Chọn quan hệ</option>
            {RELATIONSHIPS.map((r) => (
              <option value={r.value} selected={values.relationship === r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
      </div>
    </>
  );
}

/** On every step of a draft submitted for someone else: for whom, in what capacity. */
export function ActingNote({ actingFor }: { actingFor: ActingFor | null | undefined }) {
  if (!actingFor || actingFor.capacity === 'staff') return '';
  const text =
    actingFor.capacity === 'relative'
      ? `Bạn nộp thay cho thân nhân: ${actingFor.name} (${relationshipLabel(actingFor.relationship)}, số định danh cá nhân ${actingFor.idNumber}). Tờ khai ghi thông tin của người này.`
      : `Bạn nộp với tư cách người được ủy quyền của ${actingFor.name} (số định danh cá nhân ${actingFor.idNumber}). Tờ khai ghi thông tin của người ủy quyền; đính kèm giấy ủy quyền ở bước giấy tờ.`;
  return (
    <div class="govuk-inset-text" data-acting-note safe>
      {text}
    </div>
  );
}

export interface OrganisationDossier {
  code: string;
  procedureName: string;
  state: DossierState;
  submittedAt: Date;
}

/** "Hồ sơ của tổ chức": every dossier the organisation applied for, seen by its login and each of its staff. */
export function OrganisationDossiersPage({ ctx, items }: { ctx: PageContext; items: OrganisationDossier[] }) {
  return (
    <Layout ctx={ctx} title="Hồ sơ của tổ chức">
      <span class="govuk-caption-l" safe>
        {ctx.actor?.fullName ?? ''}
      </span>
      <h1 class="govuk-heading-l">Hồ sơ của tổ chức</h1>
      {items.length === 0 ? (
        <p class="govuk-body">Tổ chức chưa nộp hồ sơ nào.</p>
      ) : (
        <ul class="mc-card-list">
          {items.map((d) => (
            <li class="mc-card" data-code={d.code}>
              <h2 class="mc-card__title">
                <a class="govuk-link mc-card__link" href={`/ho-so-cua-toi/${encodeURIComponent(d.code)}`} safe>
                  {`${d.code}: ${d.procedureName}`}
                </a>
              </h2>
              <p class="mc-card__meta" safe>{`${STATE_LABELS[d.state]} · nộp lúc ${formatDateTime(d.submittedAt)}`}</p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function FormStepPage(p: FormStepProps) {
  return (
    <Layout ctx={p.ctx} title={`${p.errors.length > 0 ? 'Lỗi: ' : ''}${p.def.title}`} scripts={['forms']}>
      <a href={p.desk?.onBehalf ? '/mot-cua/tiep-nhan' : `/nop-ho-so/${p.procedure.code}`} class="govuk-back-link">
        Quay lại
      </a>
      <ErrorSummary errors={p.errors} />
      {p.desk ? <DeskNote {...p.desk} /> : ''}
      <ActingNote actingFor={p.desk?.actingFor} />
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
        <FormFields def={p.def} values={p.values} errors={p.errors} address={p.address} verified={p.verified} />
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
  /** Per slot, the applicant's earlier files that may be taken again. */
  reusable?: ReadonlyMap<number, readonly ReusableFile[]>;
  desk?: DeskDraft | undefined;
}

export function FilesStepPage(p: FilesStepProps) {
  return (
    <Layout ctx={p.ctx} title={`${p.errors.length > 0 ? 'Lỗi: ' : ''}Đính kèm giấy tờ`} scripts={['uploads']}>
      <a href={draftPath(p.draftId)} class="govuk-back-link">
        Quay lại tờ khai
      </a>
      <ErrorSummary errors={p.errors} />
      {p.desk ? <DeskNote {...p.desk} /> : ''}
      <ActingNote actingFor={p.desk?.actingFor} />
      <Steps current={2} />
      <h1 class="govuk-heading-l">Đính kèm giấy tờ</h1>
      <p class="govuk-body">
        Chụp ảnh rõ nét hoặc scan từng trang giấy tờ. Nhận tệp PDF, JPG, PNG; ảnh chụp của một giấy tờ được thu nhỏ và ghép thành một tệp PDF khi nộp.
      </p>
      <AttachmentSlots draftId={p.draftId} slots={p.slots} files={p.files} csrfToken={p.ctx.csrfToken()} errors={p.errors} limits={p.limits} reusable={p.reusable} />
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
  desk?: DeskDraft | undefined;
}

export function ReviewPage(p: ReviewProps) {
  const filesByComponent = p.procedure.components.map((c, i) => ({ name: c.name, files: p.files.filter((f) => f.componentIndex === i) })).filter((c) => c.files.length > 0);
  return (
    <Layout ctx={p.ctx} title={`${p.errors.length > 0 ? 'Lỗi: ' : ''}Kiểm tra và nộp hồ sơ`}>
      <a href={`${draftPath(p.draftId)}/tep`} class="govuk-back-link">
        Quay lại giấy tờ
      </a>
      <ErrorSummary errors={p.errors.map((e) => ({ ...e }))} />
      {p.desk ? <DeskNote {...p.desk} /> : ''}
      <ActingNote actingFor={p.desk?.actingFor} />
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
      {p.desk?.onBehalf ? (
        <>
          <h2 class="govuk-heading-m">Ghi hồ sơ vào hệ thống</h2>
          <p class="govuk-body">Hồ sơ được ghi với mã hồ sơ mới và vào hàng chờ tiếp nhận; ở trang hồ sơ, tiếp nhận (in Giấy tiếp nhận, Mẫu 01), yêu cầu bổ sung (Mẫu 02) hoặc từ chối (Mẫu 03) như hồ sơ trực tuyến.</p>
        </>
      ) : (
        <>
          <h2 class="govuk-heading-m">Cam đoan và nộp</h2>
          <p class="govuk-body">Khi bấm “Nộp hồ sơ”, bạn cam đoan những thông tin đã khai là đúng sự thật và chịu trách nhiệm trước pháp luật về lời khai của mình.</p>
        </>
      )}
      <form method="post" action={`${draftPath(p.draftId)}/nop`} novalidate>
        <CsrfField token={p.ctx.csrfToken()} />
        <input type="hidden" name="key" value={p.idempotencyKey} />
        <button type="submit" class="govuk-button" data-module="govuk-button" data-prevent-double-click="true" disabled={p.errors.length > 0}>
          {p.desk?.onBehalf ? 'Ghi hồ sơ' : 'Nộp hồ sơ'}
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
