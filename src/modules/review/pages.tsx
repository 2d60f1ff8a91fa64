// Pages of the yearly review: the start page (open a year; a unit's own lists), the province's
// progress page (per unit and overall, against the targets, with raw counts beside every
// percentage, and what to move next), and one unit's list (the unit's form, or the province's
// review form). Every form is a plain POST with its CSRF token and the version the person saw.
import type { FieldError } from '../../platform/errors';
import { formatDateTime, formatNumber } from '../../platform/format';
import type { PageContext } from '../../platform/http/context';
import { Button, CsrfField, ErrorSummary, errorFor, fieldId, Input, Textarea } from '../../web/components';
import { Layout } from '../../web/layout';
import { ONLINE_LEVEL_LABELS, type OnlineLevel } from '../catalogue';
import {
  ACTION_LABELS,
  CONDITIONS,
  failingConditions,
  type ItemDecision,
  itemField,
  type ListAction,
  percent,
  PROPOSAL_LABELS,
  REASONS,
  STATE_LABELS,
  TARGETS,
  WHY_LABELS,
} from './model';
import type { ListView, Overview, Progress } from './service';
import type { ItemRow, ListRow } from './store';

export const reviewPath = (year: number) => `/quan-tri/ra-soat/${year}`;
export const listPath = (year: number, unitCode: string) => `/quan-tri/ra-soat/${year}/${encodeURIComponent(unitCode)}`;

const levelText = (legacy: number, online: OnlineLevel) => `Mức độ ${legacy} – ${ONLINE_LEVEL_LABELS[online]}`;
const ratio = (part: number, whole: number) => `${formatNumber(part)}/${formatNumber(whole)}`;

function StateTag({ state }: { state: ListRow['state'] }) {
  const colour = state === 'approved' ? ' govuk-tag--green' : state === 'revision_requested' ? ' govuk-tag--red' : state === 'submitted' ? ' govuk-tag--blue' : ' govuk-tag--grey';
  return (
    <strong class={`govuk-tag${colour}`} safe>
      {STATE_LABELS[state]}
    </strong>
  );
}

// ---------------------------------------------------------------------------------------------
// Start page
// ---------------------------------------------------------------------------------------------

export function IndexPage({ ctx, o, errors, year }: { ctx: PageContext; o: Overview; errors: FieldError[]; year: string }) {
  return (
    <Layout ctx={ctx} title={`${errors.length ? 'Lỗi: ' : ''}Rà soát dịch vụ công trực tuyến`}>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">Rà soát thủ tục đủ điều kiện cung cấp dịch vụ công trực tuyến toàn trình</h1>
      <p class="govuk-body">
        Mỗi năm, Văn phòng UBND tỉnh mở đợt rà soát; mỗi cơ quan có thẩm quyền giải quyết thủ tục nhận danh sách thủ tục của mình, đề xuất thủ tục đủ hoặc không đủ điều kiện lên toàn trình
        (mức độ 4) kèm lý do, rồi gửi về tỉnh xem xét, phê duyệt.
      </p>
      {o.manager ? (
        <>
          <h2 class="govuk-heading-m">Các đợt rà soát</h2>
          {o.reviews.length === 0 ? (
            <p class="govuk-body">Chưa mở đợt rà soát nào.</p>
          ) : (
            <ul class="govuk-list">
              {o.reviews.map((r) => (
                <li>
                  <a class="govuk-link" href={reviewPath(r.year)} safe>
                    {`Rà soát năm ${r.year} (mở ngày ${formatDateTime(r.openedAt)})`}
                  </a>
                </li>
              ))}
            </ul>
          )}
          <h2 class="govuk-heading-m">Mở đợt rà soát mới</h2>
          <form method="post" action="/quan-tri/ra-soat" novalidate>
            <CsrfField token={ctx.csrfToken()} />
            <Input
              name="year"
              label="Năm rà soát"
              hint={`Mỗi năm một đợt; mở được cho năm nay hoặc năm sau (đến năm ${o.currentYear + 1}).`}
              value={year}
              inputmode="numeric"
              width="5"
              error={errorFor(errors, 'year')}
            />
            <Button>Mở rà soát</Button>
          </form>
        </>
      ) : (
        ''
      )}
      <h2 class="govuk-heading-m">Danh sách của đơn vị bạn</h2>
      {o.ownLists.length === 0 ? (
        <p class="govuk-body">Đơn vị của bạn không có danh sách rà soát nào.</p>
      ) : (
        <ul class="govuk-list">
          {o.ownLists.map((l) => (
            <li>
              <a class="govuk-link" href={listPath(l.year, l.unitCode)} safe>
                {`Năm ${l.year}: ${l.unitName}`}
              </a>{' '}
              <StateTag state={l.state} />
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// Progress
// ---------------------------------------------------------------------------------------------

function Figure({ id, part, whole }: { id: string; part: number; whole: number }) {
  return (
    <>
      <td class="govuk-table__cell govuk-table__cell--numeric" id={`${id}-pct`} safe>
        {percent(part, whole)}
      </td>
      <td class="govuk-table__cell govuk-table__cell--numeric" id={`${id}-raw`} safe>
        {ratio(part, whole)}
      </td>
    </>
  );
}

export function ProgressPage({ ctx, p }: { ctx: PageContext; p: Progress }) {
  const t = p.targets;
  const year = p.review.year;
  return (
    <Layout ctx={ctx} title={`Rà soát năm ${year}: tiến độ`} wide>
      <a href="/quan-tri/ra-soat" class="govuk-back-link">
        Các đợt rà soát
      </a>
      <h1 class="govuk-heading-l" safe>{`Rà soát năm ${year}: tiến độ`}</h1>
      <p class="govuk-body" safe>{`Danh sách lập theo cơ cấu tổ chức và thẩm quyền ngày ${p.review.asOf.split('-').reverse().join('/')}.`}</p>

      <div class="mc-table-scroll" role="region" aria-label="Tiến độ chung" tabindex="0">
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m">Tiến độ chung</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">Nội dung</th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">Tỷ lệ</th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">Số lượng</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">Mục thủ tục đã được đơn vị quyết định</th>
              <Figure id="p-decided" part={p.items.decided} whole={p.items.total} />
            </tr>
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">Danh sách đơn vị đã gửi (chờ xem xét hoặc đã phê duyệt)</th>
              <Figure id="p-submitted" part={p.lists.submitted} whole={p.lists.total} />
            </tr>
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">Danh sách đã phê duyệt</th>
              <Figure id="p-approved" part={p.lists.approved} whole={p.lists.total} />
            </tr>
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">Thủ tục đã cập nhật vào danh mục (mọi đơn vị thực hiện đã được phê duyệt)</th>
              <Figure id="p-written" part={p.procedures.written} whole={p.procedures.total} />
            </tr>
          </tbody>
        </table>
      </div>

      <div class="mc-table-scroll" role="region" aria-label="Chỉ tiêu" tabindex="0">
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m">Chỉ tiêu (theo danh mục thủ tục hiện hành)</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">Chỉ tiêu</th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">Tỷ lệ</th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">Số lượng</th>
              <th scope="col" class="govuk-table__header">Mục tiêu</th>
              <th scope="col" class="govuk-table__header">Kết quả</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">Thủ tục cung cấp dịch vụ công trực tuyến mức độ 3, 4</th>
              <Figure id="t-level34" part={t.level34} whole={t.total} />
              <td class="govuk-table__cell" safe>{`Tối thiểu ${TARGETS.level34Share * 100} %`}</td>
              <td class="govuk-table__cell">{t.level34Met ? <strong class="govuk-tag govuk-tag--green">Đạt</strong> : <strong class="govuk-tag govuk-tag--red">Chưa đạt</strong>}</td>
            </tr>
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">Trong đó thủ tục ưu tiên (có phát sinh hồ sơ, không thu phí) ở mức độ 3, 4</th>
              <Figure id="t-priority" part={t.priorityAt34} whole={t.priority} />
              <td class="govuk-table__cell">Ưu tiên lựa chọn trước</td>
              <td class="govuk-table__cell" safe>{t.priority === 0 ? 'Không có thủ tục ưu tiên' : `${formatNumber(t.priority - t.priorityAt34)} thủ tục chưa lên`}</td>
            </tr>
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">Thủ tục đủ điều kiện đã ở mức độ 4</th>
              <Figure id="t-eligible4" part={t.eligibleAt4} whole={t.eligible} />
              <td class="govuk-table__cell">100 %</td>
              <td class="govuk-table__cell">{t.eligibleAt4Met ? <strong class="govuk-tag govuk-tag--green">Đạt</strong> : <strong class="govuk-tag govuk-tag--red">Chưa đạt</strong>}</td>
            </tr>
          </tbody>
        </table>
      </div>

      <div class="mc-table-scroll" role="region" aria-label="Tiến độ từng đơn vị" tabindex="0">
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m">Từng đơn vị</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">Đơn vị</th>
              <th scope="col" class="govuk-table__header">Tình trạng</th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">Đã quyết định</th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">Đề xuất đủ điều kiện</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {p.units.map((u) => (
              <tr class="govuk-table__row" id={`u-${u.list.unitCode}`}>
                <th scope="row" class="govuk-table__header">
                  <a class="govuk-link" href={listPath(year, u.list.unitCode)} safe>
                    {u.list.unitName}
                  </a>
                </th>
                <td class="govuk-table__cell">
                  <StateTag state={u.list.state} />
                </td>
                <td class="govuk-table__cell govuk-table__cell--numeric" safe>{`${ratio(u.decided, u.total)} (${percent(u.decided, u.total)})`}</td>
                <td class="govuk-table__cell govuk-table__cell--numeric" safe>{`${ratio(u.proposedEligible, u.total)} (${percent(u.proposedEligible, u.total)})`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 class="govuk-heading-m" id="nen-chuyen">
        Nên chuyển tiếp theo
      </h2>
      <p class="govuk-body">Thủ tục đủ điều kiện nhưng chưa ở mức độ 4, và thủ tục ưu tiên chưa ở mức độ 3: thủ tục có phát sinh hồ sơ trước, không thu phí trước, nhiều hồ sơ trước.</p>
      {p.next.length === 0 ? (
        <p class="govuk-body">Không còn thủ tục nào cần chuyển.</p>
      ) : (
        <div class="mc-table-scroll" role="region" aria-label="Nên chuyển tiếp theo" tabindex="0">
          <table class="govuk-table" id="next-table">
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">STT</th>
                <th scope="col" class="govuk-table__header">Thủ tục</th>
                <th scope="col" class="govuk-table__header">Mức độ hiện tại</th>
                <th scope="col" class="govuk-table__header govuk-table__header--numeric">Hồ sơ phát sinh</th>
                <th scope="col" class="govuk-table__header">Phí, lệ phí</th>
                <th scope="col" class="govuk-table__header">Vì sao</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {p.next.map((n, i) => (
                <tr class="govuk-table__row" data-code={n.code}>
                  <td class="govuk-table__cell">{i + 1}</td>
                  <th scope="row" class="govuk-table__header" safe>{`${n.code} ${n.name}`}</th>
                  <td class="govuk-table__cell" safe>{levelText(n.legacyLevel, n.onlineLevel)}</td>
                  <td class="govuk-table__cell govuk-table__cell--numeric" safe>{formatNumber(n.dossierCount)}</td>
                  <td class="govuk-table__cell">{n.free ? 'Không thu' : 'Có thu'}</td>
                  <td class="govuk-table__cell" safe>{n.why.map((w) => WHY_LABELS[w]).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// One unit's list
// ---------------------------------------------------------------------------------------------

function ErrorLine({ message, id }: { message: string | undefined; id: string }) {
  if (!message) return <></>;
  return (
    <p id={id} class="govuk-error-message">
      <span class="govuk-visually-hidden">Lỗi:</span> <span safe>{message}</span>
    </p>
  );
}

/** One procedure on the unit's form: the four conditions, the proposal, the reason and the explanation. */
function ItemFields({ item, d, errors }: { item: ItemRow; d: ItemDecision; errors: FieldError[] }) {
  const code = item.procedureCode;
  const proposalField = itemField.proposal(code);
  const reasonField = itemField.reason(code);
  const explanationField = itemField.explanation(code);
  const proposalError = errorFor(errors, proposalField);
  const reasonError = errorFor(errors, reasonField);
  const explanationError = errorFor(errors, explanationField);
  const bad = proposalError || reasonError || explanationError;
  return (
    <div class={`govuk-form-group mc-review-item${bad ? ' govuk-form-group--error' : ''}`} id={`tt-${code.replace('.', '-')}`}>
      <input type="hidden" name="item" value={code} />
      <fieldset class="govuk-fieldset">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
          <h2 class="govuk-fieldset__heading" safe>{`${code} ${item.procedureName}`}</h2>
        </legend>
        <p class="govuk-body-s" safe>{`${levelText(item.legacyLevel, item.onlineLevel)} · ${item.noFee ? 'không thu phí, lệ phí' : 'có thu phí, lệ phí'}`}</p>
        {item.flagged ? <p class="govuk-body"><strong class="govuk-tag govuk-tag--red">Tỉnh yêu cầu rà soát lại thủ tục này</strong></p> : ''}
        <fieldset class="govuk-fieldset govuk-!-margin-bottom-4">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Điều kiện (đánh dấu điều nào đúng)</legend>
          <div class="govuk-checkboxes govuk-checkboxes--small">
            {CONDITIONS.map((c) => {
              const name = itemField.condition(code, c.key);
              return (
                <div class="govuk-checkboxes__item">
                  <input class="govuk-checkboxes__input" id={fieldId(name)} name={name} type="checkbox" value="1" checked={d[c.key]} />
                  <label class="govuk-label govuk-checkboxes__label" for={fieldId(name)} safe>
                    {c.key === 'feePayableOnline' && item.noFee ? `${c.question} (thủ tục không thu phí nên không bắt buộc)` : c.question}
                  </label>
                </div>
              );
            })}
          </div>
        </fieldset>
        <fieldset class="govuk-fieldset govuk-!-margin-bottom-4" aria-describedby={proposalError ? `${fieldId(proposalField)}-error` : undefined}>
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Đề xuất</legend>
          <ErrorLine message={proposalError} id={`${fieldId(proposalField)}-error`} />
          <div class="govuk-radios govuk-radios--small">
            {(['eligible', 'not_eligible'] as const).map((value, i) => {
              const id = i === 0 ? fieldId(proposalField) : `${fieldId(proposalField)}-khong`;
              return (
                <div class="govuk-radios__item">
                  <input class="govuk-radios__input" id={id} name={proposalField} type="radio" value={value} checked={d.proposal === value} />
                  <label class="govuk-label govuk-radios__label" for={id} safe>
                    {PROPOSAL_LABELS[value]}
                  </label>
                </div>
              );
            })}
          </div>
        </fieldset>
        <div class="govuk-!-margin-bottom-4">
          <label class="govuk-label govuk-label--s" for={fieldId(reasonField)}>
            Lý do không đủ điều kiện
          </label>
          <div class="govuk-hint">Bắt buộc khi đề xuất không đủ điều kiện.</div>
          <ErrorLine message={reasonError} id={`${fieldId(reasonField)}-error`} />
          <select class={`govuk-select${reasonError ? ' govuk-select--error' : ''}`} id={fieldId(reasonField)} name={reasonField} aria-describedby={reasonError ? `${fieldId(reasonField)}-error` : undefined}>
            <option value="">Chọn lý do</option>
            {Object.entries(REASONS).map(([value, r]) => (
              <option value={value} selected={d.reasonCode === value} safe>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        <Textarea
          name={explanationField}
          label="Giải thích"
          hint="Bằng lời dễ hiểu: vì sao không đủ điều kiện, hoặc khi đề xuất đủ điều kiện mà còn điều kiện chưa đáp ứng thì khắc phục thế nào."
          rows={3}
          value={d.explanation ?? ''}
          error={explanationError}
        />
      </fieldset>
    </div>
  );
}

function Decisions({ items, withFlags }: { items: ItemRow[]; withFlags: boolean }) {
  return (
    <div class="mc-table-scroll" role="region" aria-label="Danh sách thủ tục" tabindex="0">
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m">Đề xuất của đơn vị</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">Thủ tục</th>
            <th scope="col" class="govuk-table__header">Mức độ hiện tại</th>
            <th scope="col" class="govuk-table__header">Điều kiện chưa đáp ứng</th>
            <th scope="col" class="govuk-table__header">Đề xuất</th>
            <th scope="col" class="govuk-table__header">Lý do, giải thích</th>
            {withFlags ? <th scope="col" class="govuk-table__header">Cần rà soát lại</th> : ''}
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {items.map((i) => {
            const failing = failingConditions(i, i.noFee);
            const flag = itemField.flag(i.procedureCode);
            return (
              <tr class="govuk-table__row" data-code={i.procedureCode}>
                <th scope="row" class="govuk-table__header">
                  <span safe>{`${i.procedureCode} ${i.procedureName}`}</span>
                  {i.flagged ? (
                    <>
                      {' '}
                      <strong class="govuk-tag govuk-tag--red">Yêu cầu rà soát lại</strong>
                    </>
                  ) : (
                    ''
                  )}
                </th>
                <td class="govuk-table__cell" safe>{levelText(i.legacyLevel, i.onlineLevel)}</td>
                <td class="govuk-table__cell" safe>{failing.length === 0 ? 'Không' : failing.map((k) => CONDITIONS.find((c) => c.key === k)!.blocking).join('; ')}</td>
                <td class="govuk-table__cell">{i.proposal ? PROPOSAL_LABELS[i.proposal] : 'Chưa quyết định'}</td>
                <td class="govuk-table__cell" safe>{[i.reasonCode ? REASONS[i.reasonCode]?.label : '', i.explanation ?? ''].filter(Boolean).join(': ')}</td>
                {withFlags ? (
                  <td class="govuk-table__cell">
                    <div class="govuk-checkboxes govuk-checkboxes--small">
                      <div class="govuk-checkboxes__item">
                        <input class="govuk-checkboxes__input" id={fieldId(flag)} name="flag" type="checkbox" value={i.procedureCode} />
                        <label class="govuk-label govuk-checkboxes__label" for={fieldId(flag)}>
                          <span class="govuk-visually-hidden" safe>{`Yêu cầu rà soát lại thủ tục ${i.procedureCode}`}</span>
                          <span aria-hidden="true">Chọn</span>
                        </label>
                      </div>
                    </div>
                  </td>
                ) : (
                  ''
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const EVENT_LABELS: Record<string, string> = { ...ACTION_LABELS, save: 'Lưu danh sách', submit: 'Gửi danh sách về tỉnh' };

export function ListPage({ ctx, v, errors, posted, revisionReason }: { ctx: PageContext; v: ListView; errors: FieldError[]; posted?: ReadonlyMap<string, ItemDecision>; revisionReason?: string }) {
  const { list, items } = v;
  const editable = v.actions.includes('save');
  const decides = v.actions.includes('approve');
  const decided = items.filter((i) => i.proposal !== null).length;
  const title = `Rà soát năm ${list.year}: ${list.unitName}`;
  const can = (a: ListAction) => v.actions.includes(a);
  return (
    <Layout ctx={ctx} title={`${errors.length ? 'Lỗi: ' : ''}${title}`} wide>
      <a href={v.access.manager ? reviewPath(list.year) : '/quan-tri/ra-soat'} class="govuk-back-link">
        {v.access.manager ? 'Tiến độ rà soát' : 'Rà soát dịch vụ công trực tuyến'}
      </a>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l" safe>
        {title}
      </h1>
      <p class="govuk-body">
        <StateTag state={list.state} /> <span safe>{` Đã quyết định ${ratio(decided, items.length)} thủ tục.`}</span>
      </p>
      {list.revisionReason ? (
        <div class="govuk-inset-text">
          <p class="govuk-body govuk-!-font-weight-bold">Tỉnh yêu cầu rà soát lại:</p>
          <p class="govuk-body" safe>
            {list.revisionReason}
          </p>
          <p class="govuk-body" safe>{`Thủ tục cần rà soát lại: ${items.filter((i) => i.flagged).map((i) => `${i.procedureCode} ${i.procedureName}`).join('; ') || 'không nêu'}.`}</p>
        </div>
      ) : (
        ''
      )}

      {editable ? (
        <form method="post" action={listPath(list.year, list.unitCode)} novalidate>
          <CsrfField token={ctx.csrfToken()} />
          <input type="hidden" name="version" value={String(list.version)} />
          <p class="govuk-body">
            Với từng thủ tục: sửa các điều kiện nếu danh mục chưa đúng, chọn đủ hay không đủ điều kiện lên toàn trình; không đủ điều kiện thì chọn lý do và giải thích. Có thể lưu nhiều lần; khi gửi, mọi thủ
            tục phải được quyết định.
          </p>
          {items.map((i) => (
            <ItemFields item={i} d={posted?.get(i.procedureCode) ?? i} errors={errors} />
          ))}
          <div class="govuk-button-group">
            <Button name="_action" value="save" secondary>
              Lưu
            </Button>
            {can('submit') ? (
              <Button name="_action" value="submit">
                Gửi danh sách về tỉnh
              </Button>
            ) : (
              ''
            )}
          </div>
        </form>
      ) : decides ? (
        <form method="post" action={listPath(list.year, list.unitCode)} novalidate>
          <CsrfField token={ctx.csrfToken()} />
          <input type="hidden" name="version" value={String(list.version)} />
          <Decisions items={items} withFlags />
          <h2 class="govuk-heading-m">Xem xét danh sách</h2>
          {errorFor(errors, 'flag') ? <ErrorLine message={errorFor(errors, 'flag')} id={`${fieldId('flag')}-error`} /> : ''}
          <span id={fieldId('flag')}></span>
          <Textarea
            name="revisionReason"
            label="Lý do yêu cầu rà soát lại"
            hint="Bắt buộc khi yêu cầu rà soát lại; đánh dấu thủ tục cần sửa ở cột cuối của bảng. Đơn vị sẽ đọc nội dung này."
            rows={4}
            value={revisionReason ?? ''}
            error={errorFor(errors, 'revisionReason')}
          />
          <div class="govuk-button-group">
            <Button name="_action" value="approve">
              Phê duyệt và cập nhật danh mục
            </Button>
            <Button name="_action" value="requestRevision" secondary>
              Yêu cầu rà soát lại
            </Button>
          </div>
        </form>
      ) : (
        <Decisions items={items} withFlags={false} />
      )}

      <h2 class="govuk-heading-m" id="lich-su">
        Quá trình
      </h2>
      {v.events.length === 0 ? (
        <p class="govuk-body">Chưa có thao tác nào.</p>
      ) : (
        <ul class="govuk-list">
          {v.events.map((e) => (
            <li safe>{`${formatDateTime(e.at)} · ${e.actorName ?? 'Hệ thống'} · ${EVENT_LABELS[e.action] ?? e.action}${e.toState ? ` → ${STATE_LABELS[e.toState as ListRow['state']] ?? e.toState}` : ''}${e.reason ? ` · ${e.reason}` : ''}`}</li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
