// Officers' pages: the work queue, and one dossier with its papers, requests, handovers (Mẫu 05),
// history and the forms of the moves the officer may make now. Every form works without
// JavaScript, names its errors in Vietnamese and carries the version the officer saw.
import { escapeHtml } from '@kitajs/html';
import type { FieldError } from '../../platform/errors';
import { formatDateTime } from '../../platform/format';
import type { PageContext } from '../../platform/http/context';
import { Button, CsrfField, ErrorSummary, errorFor, fieldId, Input, SummaryList, Textarea } from '../../web/components';
import { Layout } from '../../web/layout';
import type { DossierComponent } from '../catalogue';
import { type Action, OUTCOME_LABELS, type ReasonKind, REASONS, type RequestItem, STATE_LABELS, type DossierState, type WorkflowStep } from './model';

export const officerPath = (code: string) => `/mot-cua/ho-so/${encodeURIComponent(code)}`;

export interface QueueRow {
  code: string;
  procedureName: string;
  applicantName: string;
  applicantPhone: string | null;
  state: DossierState;
  submittedAt: Date;
  dueAt: Date | null;
  assigneeName: string | null;
}

export interface QueueFilter {
  /** The states this queue may show, to choose from. */
  states: readonly DossierState[];
  state: DossierState | undefined;
  late: boolean;
}

export interface DeskDraftRow {
  id: string;
  procedureCode: string;
  procedureName: string | null;
  channel: 'online' | 'counter' | 'post';
  onBehalf: { name: string } | null;
  updatedAt: Date;
}

/** On the reception page: enter papers brought to the counter or by post, and the entries not finished. */
export function DeskEntries({ drafts }: { drafts: DeskDraftRow[] }) {
  return (
    <>
      <a href="/mot-cua/tiep-nhan/nhap-ho-so" class="govuk-button" data-module="govuk-button">
        Nhập hồ sơ nhận trực tiếp hoặc qua bưu chính
      </a>
      {drafts.length > 0 ? (
        <>
          <h2 class="govuk-heading-m">Hồ sơ đang nhập dở</h2>
          <ul class="govuk-list">
            {drafts.map((d) => (
              <li>
                <a class="govuk-link" href={`/nop-ho-so/ho-so-nhap/${d.id}`} safe>
                  {`${d.onBehalf?.name ?? 'Người nộp'}: ${d.procedureName ?? d.procedureCode} (${d.channel === 'post' ? 'qua bưu chính' : 'tại quầy'}, lưu lúc ${formatDateTime(d.updatedAt)})`}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      <h2 class="govuk-heading-m">Hồ sơ trực tuyến chờ tiếp nhận</h2>
    </>
  );
}

export function WorkQueuePage({
  ctx,
  title,
  rows,
  search,
  now,
  filter,
  children,
}: {
  ctx: PageContext;
  title: string;
  rows: QueueRow[];
  search: string;
  now: Date;
  filter?: QueueFilter;
  children?: JSX.Element;
}) {
  return (
    <Layout ctx={ctx} title={title} wide>
      <h1 class="govuk-heading-l" safe>
        {title}
      </h1>
      {(children ?? '') as 'safe'}
      <form method="get" action="/mot-cua/xu-ly" class="mc-search" role="search">
        <Input name="q" label="Tìm theo mã hồ sơ, tên, số điện thoại hoặc số định danh" value={search} type="search" />
        {filter ? (
          <>
            <div class="govuk-form-group">
              <label class="govuk-label" for="f-trang-thai">
                Tình trạng
              </label>
              <select class="govuk-select" id="f-trang-thai" name="trang-thai">
                <option value="">Tất cả</option>
                {filter.states.map((st) => (
                  <option value={st} selected={filter.state === st} safe>
                    {STATE_LABELS[st]}
                  </option>
                ))}
              </select>
            </div>
            <div class="govuk-checkboxes govuk-checkboxes--small govuk-form-group">
              <div class="govuk-checkboxes__item">
                <input class="govuk-checkboxes__input" id="f-qua-han" name="qua-han" type="checkbox" value="1" checked={filter.late} />
                <label class="govuk-label govuk-checkboxes__label" for="f-qua-han">
                  Chỉ hồ sơ đã quá hạn
                </label>
              </div>
            </div>
          </>
        ) : (
          ''
        )}
        <Button secondary>Tìm</Button>
      </form>
      {rows.length === 0 ? (
        <p class="govuk-body">Không có hồ sơ nào.</p>
      ) : (
        <div class="mc-table-scroll" role="region" aria-label={title} tabindex="0">
          <table class="govuk-table">
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">Mã hồ sơ</th>
                <th scope="col" class="govuk-table__header">Thủ tục</th>
                <th scope="col" class="govuk-table__header">Người nộp</th>
                <th scope="col" class="govuk-table__header">Tình trạng</th>
                <th scope="col" class="govuk-table__header">Hạn</th>
                <th scope="col" class="govuk-table__header">Người xử lý</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {rows.map((d) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={officerPath(d.code)} safe>
                      {d.code}
                    </a>
                  </td>
                  <td class="govuk-table__cell" safe>
                    {d.procedureName}
                  </td>
                  <td class="govuk-table__cell" safe>
                    {d.applicantName}
                  </td>
                  <td class="govuk-table__cell" safe>
                    {STATE_LABELS[d.state]}
                  </td>
                  <td class="govuk-table__cell">{d.dueAt ? <DueTag dueAt={d.dueAt} now={now} /> : '–'}</td>
                  <td class="govuk-table__cell" safe>
                    {d.assigneeName ?? '–'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

/** The due date, with a colour: late (red), due within two days (yellow), otherwise plain. */
export function DueTag({ dueAt, now }: { dueAt: Date; now: Date }) {
  const hours = (dueAt.getTime() - now.getTime()) / 3_600_000;
  const cls = hours < 0 ? 'govuk-tag govuk-tag--red' : hours < 48 ? 'govuk-tag govuk-tag--yellow' : 'govuk-tag govuk-tag--grey';
  const word = hours < 0 ? 'Quá hạn' : hours < 48 ? 'Sắp đến hạn' : 'Trong hạn';
  return <strong class={cls} safe>{`${word} · ${formatDateTime(dueAt)}`}</strong>;
}

export interface OfficerDossierView {
  dossier: {
    code: string;
    procedureCode: string;
    procedureName: string;
    applicantName: string;
    applicantPhone: string | null;
    applicantEmail: string | null;
    state: DossierState;
    submittedAt: Date;
    receivedAt: Date | null;
    dueAt: Date | null;
    version: number;
    stepIndex: number | null;
    supplementCount: number;
    outcome: 'result' | 'refusal' | null;
    resultNumber: string | null;
    channel: 'online' | 'counter' | 'post' | 'national_portal';
  };
  components: DossierComponent[];
  workflow: WorkflowStep[];
  files: { id: string; componentIndex: number; componentName: string; fileName: string; round: number; reusedFromDossier?: string | null; reusedDocumentCode?: string | null }[];
  requests: { kind: 'completion' | 'supplement'; round: number; items: RequestItem[]; createdAt: Date; answeredAt: Date | null }[];
  handovers: { stepName: string; unitName: string; startedAt: Date; dueAt: Date | null; finishedAt: Date | null; finishedByName: string | null; outcome: 'early' | 'on_time' | 'late' | null }[];
  /** Every event, public or not; `detail` carries what officers read besides the public note (an opinion, a reason). */
  history: { at: Date; note: string | null; type: string; detail?: unknown }[];
  documents: { kind: string; fileName: string | null; createdAt: Date }[];
  actions: Action[];
  /** A leader of the holding unit may issue the apology (Mẫu 04) now. */
  canApologise: boolean;
  /** The next step of the workflow, if any (names the forward button). */
  nextStep: WorkflowStep | undefined;
  /** 0021: "Người nộp … nộp thay cho …" when someone submitted for the applicant. */
  representation?: string | undefined;
}

const DOC_LABELS: Record<string, string> = {
  mau01: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)',
  mau02: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)',
  mau03: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03)',
  mau04: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)',
  result: 'Kết quả giải quyết',
};

export const DOC_SLUGS: Record<string, string> = { mau01: 'giay-tiep-nhan', mau02: 'phieu-yeu-cau-bo-sung', mau03: 'phieu-tu-choi', mau04: 'phieu-xin-loi', result: 'ket-qua' };

/** The step at work now; while several agencies are consulted at once, each of them and whether it has answered. */
function currentSteps(v: OfficerDossierView) {
  const d = v.dossier;
  const open = v.handovers.filter((h) => h.finishedAt === null);
  if (d.state === 'CONSULTING' && open.length > 1) {
    return [{ key: 'Đang lấy ý kiến đồng thời', value: <ul class="govuk-list">{open.map((h) => <li safe>{`${h.stepName}: ${h.unitName}`}</li>)}</ul> }];
  }
  return d.stepIndex !== null && v.workflow[d.stepIndex] ? [{ key: 'Bước hiện tại', value: <span safe>{v.workflow[d.stepIndex]!.name}</span> }] : [];
}

export function OfficerDossierPage({ ctx, v, errors = [], values = {}, now }: { ctx: PageContext; v: OfficerDossierView; errors?: FieldError[]; values?: Record<string, string>; now: Date }) {
  const d = v.dossier;
  const base = officerPath(d.code);
  const byRound = new Map<number, typeof v.files>();
  for (const f of v.files) byRound.set(f.round, [...(byRound.get(f.round) ?? []), f]);
  return (
    <Layout ctx={ctx} title={`${errors.length ? 'Lỗi: ' : ''}Hồ sơ ${d.code}`} wide>
      <a class="govuk-back-link" href="/mot-cua/xu-ly">
        Danh sách hồ sơ
      </a>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l" safe>{`Hồ sơ ${d.code}`}</h1>
      <SummaryList
        rows={[
          { key: 'Thủ tục', value: <span safe>{d.procedureName}</span> },
          { key: 'Người nộp', value: <span safe>{[d.applicantName, d.applicantPhone, d.applicantEmail].filter(Boolean).join(' · ')}</span> },
          ...(v.representation ? [{ key: 'Nộp thay', value: <span data-representation safe>{v.representation}</span> }] : []),
          { key: 'Tình trạng', value: <strong class="govuk-tag" safe>{STATE_LABELS[d.state]}</strong> },
          { key: 'Nộp lúc', value: <span safe>{formatDateTime(d.submittedAt)}</span> },
          ...(d.receivedAt ? [{ key: 'Tiếp nhận lúc', value: <span safe>{formatDateTime(d.receivedAt)}</span> }] : []),
          ...(d.dueAt ? [{ key: 'Hẹn trả kết quả', value: <DueTag dueAt={d.dueAt} now={now} /> }] : []),
          ...currentSteps(v),
          ...(d.resultNumber ? [{ key: 'Số kết quả', value: <span safe>{d.resultNumber}</span> }] : []),
        ]}
      />

      {v.actions.length > 0 ? <Actions ctx={ctx} v={v} errors={errors} values={values} base={base} /> : <p class="govuk-body">Bạn không có thao tác nào với hồ sơ ở bước này.</p>}
      {v.canApologise ? (
        <p class="govuk-body">
          <a class="govuk-link" href={`${base}/xin-loi`}>
            Hồ sơ sẽ trễ hạn: lập phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)
          </a>
        </p>
      ) : (
        ''
      )}

      <section aria-labelledby="giay-to">
        <h2 class="govuk-heading-m" id="giay-to">
          Giấy tờ của hồ sơ
        </h2>
        {[...byRound.entries()].map(([round, files]) => (
          <>
            <h3 class="govuk-heading-s" safe>
              {round === 1 ? 'Nộp lần đầu' : `Bổ sung lần ${round - 1}`}
            </h3>
            <ul class="govuk-list">
              {files.map((f) => (
                <li>
                  <a class="govuk-link" href={`/ho-so/${encodeURIComponent(d.code)}/tep/${f.id}`} safe>{`${f.componentName}: ${f.fileName}`}</a>
                  {f.reusedFromDossier ? (
                    <span class="govuk-body-s" safe>{` (Dùng lại giấy tờ đã nộp trong hồ sơ ${f.reusedFromDossier})`}</span>
                  ) : f.reusedDocumentCode ? (
                    <span class="govuk-body-s" safe>{` (Dùng lại kết quả đã cấp, mã xác thực ${f.reusedDocumentCode})`}</span>
                  ) : (
                    ''
                  )}
                </li>
              ))}
            </ul>
          </>
        ))}
      </section>

      {v.requests.length > 0 ? (
        <section aria-labelledby="yeu-cau">
          <h2 class="govuk-heading-m" id="yeu-cau">
            Yêu cầu bổ sung
          </h2>
          {v.requests.map((r) => (
            <div class="govuk-inset-text">
              <p class="govuk-body" safe>{`${r.kind === 'completion' ? 'Bộ phận một cửa' : 'Cơ quan giải quyết'} yêu cầu lúc ${formatDateTime(r.createdAt)}${r.answeredAt ? `; đã bổ sung lúc ${formatDateTime(r.answeredAt)}` : '; chưa bổ sung'}`}</p>
              <ul class="govuk-list govuk-list--bullet">
                {r.items.map((it) => (
                  <li safe>{`${it.label}: ${it.explanation}${it.componentIndex !== undefined ? ` (${(byRound.get(r.round) ?? []).filter((f) => f.componentIndex === it.componentIndex).length} tệp mới)` : ''}`}</li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ) : (
        ''
      )}

      <section aria-labelledby="van-ban">
        <h2 class="govuk-heading-m" id="van-ban">
          Văn bản
        </h2>
        <ul class="govuk-list">
          {v.documents.map((doc) => (
            <li>
              <a class="govuk-link" href={`/ho-so/${encodeURIComponent(d.code)}/van-ban/${DOC_SLUGS[doc.kind] ?? doc.kind}.pdf`} safe>{`${DOC_LABELS[doc.kind] ?? doc.kind} · ${formatDateTime(doc.createdAt)}`}</a>
            </li>
          ))}
          {v.handovers.length > 0 ? (
            <li>
              <a class="govuk-link" href={`${base}/phieu-kiem-soat.pdf`}>
                Phiếu kiểm soát quá trình giải quyết hồ sơ (Mẫu 05)
              </a>
            </li>
          ) : (
            ''
          )}
        </ul>
      </section>

      {v.handovers.length > 0 ? (
        <>
          <h2 class="govuk-heading-m">Quá trình giải quyết</h2>
          <div class="mc-table-scroll" role="region" aria-label="Quá trình giải quyết" tabindex="0">
            <table class="govuk-table">
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">Bước</th>
                  <th scope="col" class="govuk-table__header">Đơn vị</th>
                  <th scope="col" class="govuk-table__header">Nhận lúc</th>
                  <th scope="col" class="govuk-table__header">Hạn</th>
                  <th scope="col" class="govuk-table__header">Xong lúc</th>
                  <th scope="col" class="govuk-table__header">Kết quả</th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {v.handovers.map((h) => (
                  <tr class="govuk-table__row">
                    <td class="govuk-table__cell" safe>
                      {h.stepName}
                    </td>
                    <td class="govuk-table__cell" safe>
                      {h.unitName}
                    </td>
                    <td class="govuk-table__cell" safe>
                      {formatDateTime(h.startedAt)}
                    </td>
                    <td class="govuk-table__cell">
                      {h.dueAt ? formatDateTime(h.dueAt) : '–'}
                    </td>
                    <td class="govuk-table__cell">
                      {escapeHtml(h.finishedAt ? `${formatDateTime(h.finishedAt)}${h.finishedByName ? ` · ${h.finishedByName}` : ''}` : 'Đang xử lý') as 'safe'}
                    </td>
                    <td class="govuk-table__cell">
                      {h.outcome ? OUTCOME_LABELS[h.outcome] : '–'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        ''
      )}

      <section aria-labelledby="lich-su">
        <h2 class="govuk-heading-m" id="lich-su">
          Lịch sử
        </h2>
        <ul class="govuk-list">
          {v.history.map((h) => (
            <li safe>{`${formatDateTime(h.at)}: ${historyLine(h)}`}</li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}

/** What officers read of events that have no public note. */
const EVENT_LABELS: Record<string, string> = {
  taken: 'Cán bộ nhận xử lý hồ sơ.',
};

/** One line of the officers' history: the public note (or what happened), and the opinion or reason officers need. */
function historyLine(h: OfficerDossierView['history'][number]): string {
  const text = h.note ?? EVENT_LABELS[h.type] ?? 'Cập nhật hồ sơ.';
  const detail = (h.detail ?? {}) as { opinion?: unknown; reason?: { code?: unknown; explanation?: unknown } };
  if (h.type === 'consulted' && typeof detail.opinion === 'string') return `${text} Ý kiến: “${detail.opinion}”`;
  const reason = detail.reason;
  if (h.type === 'sent_back' && typeof reason?.code === 'string' && typeof reason.explanation === 'string') {
    return `${text} Lý do trả lại: ${REASONS.sendBack[reason.code] ?? reason.code}. ${reason.explanation}`;
  }
  return text;
}

/**
 * A reason from the list and its explanation in plain words. `about` (a component's short name)
 * goes into both labels, hidden, so that each field of a request item has its own name.
 */
function ReasonFields({ kind, prefix, errors, values, legend, explanation = 'Giải thích cho người nộp (người nộp đọc được nội dung này)', about }: { kind: ReasonKind; prefix: string; errors: FieldError[]; values: Record<string, string>; legend: string; explanation?: string; about?: string }) {
  const codeField = `${prefix}Code`;
  const textField = `${prefix}Explanation`;
  const codeError = errorFor(errors, codeField);
  const textError = errorFor(errors, textField);
  const aboutText = about ? <span class="govuk-visually-hidden" safe>{` về “${about}”`}</span> : '';
  return (
    <>
      <div class={`govuk-form-group${codeError ? ' govuk-form-group--error' : ''}`}>
        <label class="govuk-label" for={fieldId(codeField)}>
          <span safe>{legend}</span>
          {aboutText}
        </label>
        {codeError ? (
          <p id={`${fieldId(codeField)}-error`} class="govuk-error-message">
            <span class="govuk-visually-hidden">Lỗi:</span> <span safe>{codeError}</span>
          </p>
        ) : (
          ''
        )}
        <select class={`govuk-select${codeError ? ' govuk-select--error' : ''}`} id={fieldId(codeField)} name={codeField} aria-describedby={codeError ? `${fieldId(codeField)}-error` : undefined}>
          <option value="">Chọn lý do</option>
          {Object.entries(REASONS[kind]).map(([code, label]) => (
            <option value={code} selected={values[codeField] === code} safe>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div class={`govuk-form-group${textError ? ' govuk-form-group--error' : ''}`}>
        <label class="govuk-label" for={fieldId(textField)}>
          <span safe>{explanation}</span>
          {aboutText}
        </label>
        {textError ? (
          <p id={`${fieldId(textField)}-error`} class="govuk-error-message">
            <span class="govuk-visually-hidden">Lỗi:</span> <span safe>{textError}</span>
          </p>
        ) : (
          ''
        )}
        <textarea class={`govuk-textarea${textError ? ' govuk-textarea--error' : ''}`} id={fieldId(textField)} name={textField} rows="3" aria-describedby={textError ? `${fieldId(textField)}-error` : undefined} safe>
          {values[textField] ?? ''}
        </textarea>
      </div>
    </>
  );
}

/** The start of a component's name, up to its first clause and at most `max` characters, cut between words. */
export function shortName(name: string, max = 60): string {
  const first = name.split(/;|\s\(/)[0]!.trim();
  if (first.length <= max) return first;
  const cut = first.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 0 ? cut.slice(0, space) : first.slice(0, max)).replace(/[,.:]+$/, '')}…`;
}

/**
 * One group per component (and one for the tờ khai's fields as a whole): a checkbox to mark it,
 * its reason and the explanation. The error "mark at least one" leads to the first checkbox.
 */
function ItemsFields({ kind, v, errors, values }: { kind: 'completion' | 'supplement'; v: OfficerDossierView; errors: FieldError[]; values: Record<string, string> }) {
  const targets = v.components.map((c, i) => ({ target: `c:${i}`, label: c.name }));
  targets.push({ target: 'f:to-khai', label: 'Thông tin kê khai trong tờ khai điện tử' });
  const itemsError = errorFor(errors, 'items');
  const hintId = `${fieldId(`${kind}-items`)}-hint`;
  const errorId = `${fieldId('items')}-error`;
  return (
    <div class={`govuk-form-group${itemsError ? ' govuk-form-group--error' : ''}`}>
      <fieldset class="govuk-fieldset" aria-describedby={itemsError ? `${hintId} ${errorId}` : hintId}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Nội dung cần bổ sung, hoàn thiện</legend>
        <div class="govuk-hint" id={hintId}>
          Đánh dấu tất cả nội dung cần bổ sung trong một lần, mỗi nội dung kèm lý do và lời giải thích.
        </div>
        {itemsError ? (
          <p id={errorId} class="govuk-error-message">
            <span class="govuk-visually-hidden">Lỗi:</span> <span safe>{itemsError}</span>
          </p>
        ) : (
          ''
        )}
        {targets.map((t, i) => {
          const id = i === 0 ? fieldId('items') : fieldId(`item-${kind}-${i}`);
          return (
            <div class="mc-request-item" role="group" aria-labelledby={`${id}-label`}>
              <div class="govuk-checkboxes govuk-checkboxes--small">
                <div class="govuk-checkboxes__item">
                  <input class="govuk-checkboxes__input" id={id} name="item" type="checkbox" value={t.target} checked={values[`item:${t.target}`] === '1'} />
                  <label class="govuk-label govuk-checkboxes__label" for={id} id={`${id}-label`} safe>
                    {t.label}
                  </label>
                </div>
              </div>
              <ReasonFields kind={kind} prefix={`reason-${t.target}`} errors={errors} values={values} legend="Lý do" about={shortName(t.label)} />
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

function ActionForm({ ctx, v, base, action, children, multipart }: { ctx: PageContext; v: OfficerDossierView; base: string; action: Action; children: JSX.Element | JSX.Element[]; multipart?: boolean }) {
  return (
    <form method="post" action={`${base}/thao-tac`} novalidate enctype={multipart ? 'multipart/form-data' : undefined} class="mc-action">
      <CsrfField token={ctx.csrfToken()} />
      <input type="hidden" name="version" value={String(v.dossier.version)} />
      <input type="hidden" name="_action" value={action} />
      {children as 'safe'}
    </form>
  );
}

function Actions({ ctx, v, errors, values, base }: { ctx: PageContext; v: OfficerDossierView; errors: FieldError[]; values: Record<string, string>; base: string }) {
  const has = (a: Action) => v.actions.includes(a);
  const next = v.nextStep;
  return (
    <section aria-labelledby="thao-tac">
      <h2 class="govuk-heading-m" id="thao-tac">
        Thao tác
      </h2>
      {has('accept') ? (
        <ActionForm ctx={ctx} v={v} base={base} action="accept">
          <Button>Tiếp nhận hồ sơ và in giấy hẹn</Button>
        </ActionForm>
      ) : (
        ''
      )}
      {has('startProcessing') ? (
        <ActionForm ctx={ctx} v={v} base={base} action="startProcessing">
          <Button>Chuyển cơ quan giải quyết</Button>
        </ActionForm>
      ) : (
        ''
      )}
      {has('take') ? (
        <ActionForm ctx={ctx} v={v} base={base} action="take">
          <Button secondary>Nhận xử lý hồ sơ này</Button>
        </ActionForm>
      ) : (
        ''
      )}
      {has('forward') && next?.kind === 'process' ? (
        <ActionForm ctx={ctx} v={v} base={base} action="forward">
          <Button>
            <span safe>{`Chuyển bước: ${next.name}`}</span>
          </Button>
        </ActionForm>
      ) : (
        ''
      )}
      {has('consult') && next?.kind === 'consult' ? (
        <ActionForm ctx={ctx} v={v} base={base} action="consult">
          <Button>
            <span safe>{`Gửi lấy ý kiến: ${next.name}`}</span>
          </Button>
        </ActionForm>
      ) : (
        ''
      )}
      {has('consulted') ? (
        <ActionForm ctx={ctx} v={v} base={base} action="consulted">
          <Textarea name="opinion" label="Ý kiến, kết quả phối hợp" rows={4} value={values.opinion} error={errorFor(errors, 'opinion')} />
          <Button>Gửi ý kiến cho cơ quan chủ trì</Button>
        </ActionForm>
      ) : (
        ''
      )}
      {has('sendForApproval') && next?.kind === 'approve' ? (
        <details class="govuk-details" open={errors.some((e) => e.field === 'resultFile' || e.field.startsWith('refusal')) || undefined}>
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text">Trình lãnh đạo phê duyệt</span>
          </summary>
          <div class="govuk-details__text">
            <ActionForm ctx={ctx} v={v} base={base} action="sendForApproval" multipart>
              <div class={`govuk-form-group${errorFor(errors, 'resultFile') ? ' govuk-form-group--error' : ''}`}>
                <label class="govuk-label" for={fieldId('resultFile')}>
                  Dự thảo kết quả giải quyết (tệp PDF)
                </label>
                {errorFor(errors, 'resultFile') ? (
                  <p id={`${fieldId('resultFile')}-error`} class="govuk-error-message">
                    <span class="govuk-visually-hidden">Lỗi:</span> <span safe>{errorFor(errors, 'resultFile')}</span>
                  </p>
                ) : (
                  ''
                )}
                <input class="govuk-file-upload" id={fieldId('resultFile')} name="resultFile" type="file" accept="application/pdf,.pdf" />
              </div>
              <input type="hidden" name="outcome" value="result" />
              <Button>Trình ký kết quả</Button>
            </ActionForm>
            <ActionForm ctx={ctx} v={v} base={base} action="sendForApproval">
              <input type="hidden" name="outcome" value="result" />
              <input type="hidden" name="generate" value="1" />
              <p class="govuk-body-s">Không có văn bản riêng: hệ thống tạo văn bản kết quả từ hồ sơ (tên kết quả theo thủ tục, nội dung tờ khai); số và ngày được ghi khi lãnh đạo phê duyệt.</p>
              <Button secondary>Tạo văn bản kết quả và trình ký</Button>
            </ActionForm>
            <ActionForm ctx={ctx} v={v} base={base} action="sendForApproval">
              <input type="hidden" name="outcome" value="refusal" />
              <ReasonFields kind="refusal" prefix="refusal" errors={errors} values={values} legend="Lý do không giải quyết" />
              <Button secondary>Trình ký văn bản từ chối</Button>
            </ActionForm>
          </div>
        </details>
      ) : (
        ''
      )}
      {has('approve') && v.dossier.outcome === 'result' ? (
        <ActionForm ctx={ctx} v={v} base={base} action="approve">
          <p class="govuk-body">
            <a class="govuk-link" href={`/ho-so/${encodeURIComponent(v.dossier.code)}/van-ban/ket-qua.pdf`}>
              Xem dự thảo kết quả (PDF)
            </a>
          </p>
          <Button>Phê duyệt kết quả</Button>
        </ActionForm>
      ) : (
        ''
      )}
      {has('refuse') && v.dossier.outcome === 'refusal' ? (
        <ActionForm ctx={ctx} v={v} base={base} action="refuse">
          <Button>Phê duyệt văn bản từ chối</Button>
        </ActionForm>
      ) : (
        ''
      )}
      {has('sendBack') ? (
        <Collapsible title="Trả lại để hoàn thiện" open={errors.some((e) => e.field.startsWith('reason') && values._action === 'sendBack')}>
          <ActionForm ctx={ctx} v={v} base={base} action="sendBack">
            <ReasonFields kind="sendBack" prefix="reason" errors={values._action === 'sendBack' ? errors : []} values={values} legend="Lý do trả lại" explanation="Giải thích cho chuyên viên thụ lý" />
            <Button secondary>Trả lại</Button>
          </ActionForm>
        </Collapsible>
      ) : (
        ''
      )}
      {has('requestCompletion') ? (
        <Collapsible title="Yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)" open={values._action === 'requestCompletion'}>
          <ActionForm ctx={ctx} v={v} base={base} action="requestCompletion">
            <ItemsFields kind="completion" v={v} errors={values._action === 'requestCompletion' ? errors : []} values={values} />
            <Button secondary>Gửi yêu cầu bổ sung và in Mẫu 02</Button>
          </ActionForm>
        </Collapsible>
      ) : (
        ''
      )}
      {has('requestSupplement') && v.dossier.supplementCount === 0 ? (
        <Collapsible title="Yêu cầu người nộp bổ sung (chỉ một lần; thời hạn tạm dừng)" open={values._action === 'requestSupplement'}>
          <ActionForm ctx={ctx} v={v} base={base} action="requestSupplement">
            <ItemsFields kind="supplement" v={v} errors={values._action === 'requestSupplement' ? errors : []} values={values} />
            <Button secondary>Gửi yêu cầu bổ sung</Button>
          </ActionForm>
        </Collapsible>
      ) : (
        ''
      )}
      {has('supplementReceived') ? (
        <ActionForm ctx={ctx} v={v} base={base} action="supplementReceived">
          <Button secondary>Ghi nhận người nộp đã bổ sung tại quầy</Button>
        </ActionForm>
      ) : (
        ''
      )}
      {has('rejectAtReception') ? (
        <Collapsible title="Từ chối tiếp nhận (Mẫu 03)" open={values._action === 'rejectAtReception'}>
          <ActionForm ctx={ctx} v={v} base={base} action="rejectAtReception">
            <ReasonFields kind="rejection" prefix="reason" errors={values._action === 'rejectAtReception' ? errors : []} values={values} legend="Lý do từ chối" />
            <Button secondary>Từ chối và in Mẫu 03</Button>
          </ActionForm>
        </Collapsible>
      ) : (
        ''
      )}
      {has('deliver') ? (
        <ActionForm ctx={ctx} v={v} base={base} action="deliver">
          <Input name="recipient" label="Họ và tên người nhận kết quả" value={values.recipient ?? v.dossier.applicantName} error={errorFor(errors, 'recipient')} autocomplete="off" />
          <Input name="idNumber" label="Số định danh cá nhân của người nhận (nếu nhận thay)" value={values.idNumber} width="20" inputmode="numeric" />
          <input type="hidden" name="channel" value="counter" />
          <Button>Đã trả kết quả tại quầy</Button>
          <p class="govuk-body">
            <a class="govuk-link" href={`/mot-cua/ho-so/${encodeURIComponent(v.dossier.code)}/buu-chinh`}>
              Trả kết quả qua bưu chính
            </a>
          </p>
        </ActionForm>
      ) : (
        ''
      )}
      {v.dossier.channel === 'post' ? (
        <p class="govuk-body">
          <a class="govuk-link" href={`/mot-cua/ho-so/${encodeURIComponent(v.dossier.code)}/buu-chinh`}>
            Bưu gửi của hồ sơ (số hiệu bưu gửi nhận đến, bưu gửi trả kết quả)
          </a>
        </p>
      ) : (
        ''
      )}
      {v.dossier.state === 'REFUSED' || v.dossier.state === 'REJECTED_AT_RECEPTION' || v.dossier.state === 'WITHDRAWN' || v.dossier.state === 'CANCELLED' ? (
        <p class="govuk-body">
          <a class="govuk-link" href="/mot-cua/thanh-toan?can-hoan=1">
            Phí đã nộp trực tuyến cần hoàn trả
          </a>
        </p>
      ) : (
        ''
      )}
      {has('cancel') ? (
        <Collapsible title="Hủy hồ sơ (quá hạn bổ sung)" open={values._action === 'cancel'}>
          <ActionForm ctx={ctx} v={v} base={base} action="cancel">
            <ReasonFields kind="cancel" prefix="reason" errors={values._action === 'cancel' ? errors : []} values={values} legend="Lý do hủy" />
            <Button secondary>Hủy hồ sơ</Button>
          </ActionForm>
        </Collapsible>
      ) : (
        ''
      )}
    </section>
  );
}

function Collapsible({ title, open, children }: { title: string; open: boolean; children: JSX.Element | JSX.Element[] }) {
  return (
    <details class="govuk-details" open={open || undefined}>
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text" safe>
          {title}
        </span>
      </summary>
      <div class="govuk-details__text">{children as 'safe'}</div>
    </details>
  );
}
