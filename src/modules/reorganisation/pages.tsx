// The administrators' page of the reorganisation tool: the mapping as JSON (the demo province's
// by default), the dry run's counts and lists, and the apply button.
import type { FieldError } from '../../platform/errors';
import { formatDate, formatDateTime } from '../../platform/format';
import type { PageContext } from '../../platform/http/context';
import { Button, CsrfField, ErrorSummary, Notification, Textarea } from '../../web/components';
import { Layout } from '../../web/layout';
import { COUNT_LABELS, type PlanCounts } from './model';
import type { Plan } from './service';

export const REORG_PATH = '/quan-tri/sap-xep-don-vi';

const STATE_LABELS: Record<string, string> = {
  SUBMITTED: 'Chờ tiếp nhận',
  RETURNED_FOR_COMPLETION: 'Yêu cầu bổ sung khi tiếp nhận',
  RECEIVED: 'Đã tiếp nhận',
  IN_PROCESSING: 'Đang thụ lý',
  SUPPLEMENT_REQUESTED: 'Yêu cầu bổ sung khi thụ lý',
  CONSULTING: 'Chờ phối hợp',
  AWAITING_APPROVAL: 'Trình ký',
  RESULT_READY: 'Có kết quả, chờ trả',
  REFUSED: 'Không giải quyết',
};
const TIER_TEXT: Record<string, string> = { tinh: 'Cấp tỉnh', huyen: 'Cấp huyện', xa: 'Cấp xã' };

function Counts({ counts, caption }: { counts: PlanCounts; caption: string }) {
  return (
    <table class="govuk-table" id="so-luong">
      <caption class="govuk-table__caption govuk-table__caption--m" safe>
        {caption}
      </caption>
      <tbody class="govuk-table__body">
        {(Object.keys(COUNT_LABELS) as (keyof PlanCounts)[]).map((k) => (
          <tr class="govuk-table__row" data-count={k}>
            <th scope="row" class="govuk-table__header" safe>
              {COUNT_LABELS[k]}
            </th>
            <td class="govuk-table__cell govuk-table__cell--numeric" safe>{String(counts[k])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function List({ id, title, head, rows }: { id: string; title: string; head: string[]; rows: string[][] }) {
  if (rows.length === 0) return <></>;
  return (
    <table class="govuk-table" id={id}>
      <caption class="govuk-table__caption govuk-table__caption--s" safe>
        {`${title} (${rows.length})`}
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          {head.map((h) => (
            <th scope="col" class="govuk-table__header" safe>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {rows.map((r) => (
          <tr class="govuk-table__row">
            {r.map((c) => (
              <td class="govuk-table__cell" safe>
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PlanView({ plan }: { plan: Plan }) {
  const n = (code: string | null) => (code ? `${plan.names[code] ?? code} (${code})` : '—');
  return (
    <>
      <Counts counts={plan.counts} caption={`Chạy thử: những gì sẽ thay đổi từ ngày ${formatDate(plan.mapping.effectiveDate)}`} />
      <List id="don-vi-cham-dut" title="Đơn vị chấm dứt hoạt động" head={['Đơn vị', 'Hoạt động đến', 'Đơn vị kế thừa']} rows={plan.unitsEnding.map((u) => [n(u.code), formatDate(plan.lastDay), n(plan.mapping.units.find((e) => e.from === u.code)?.to ?? null)])} />
      <List id="don-vi-moi" title="Đơn vị mới bắt đầu hoạt động" head={['Đơn vị', 'Từ ngày']} rows={plan.unitsStarting.map((u) => [`${u.name} (${u.code})`, formatDate(plan.mapping.effectiveDate)])} />
      <List id="ke-thua" title="Quan hệ kế thừa được ghi nhận" head={['Đơn vị cũ', 'Đơn vị kế thừa']} rows={plan.successions.map((s) => [n(s.from), n(s.to)])} />
      <List id="thu-tuc" title="Thủ tục được giao lại" head={['Thủ tục', 'Trước', 'Sau']} rows={plan.procedures.map((p) => [`${p.code} ${p.name}`, `${p.fromTier ? TIER_TEXT[p.fromTier] : '—'}: ${p.fromText}`, `${p.toTier ? TIER_TEXT[p.toTier] : '—'}: ${p.toText}`])} />
      <List
        id="ho-so"
        title="Hồ sơ đang giải quyết"
        head={['Mã hồ sơ', 'Trạng thái', 'Nơi tiếp nhận', 'Đơn vị đang giữ', 'Hạn giải quyết (giữ nguyên)']}
        rows={plan.dossiers.map((d) => [
          d.code,
          STATE_LABELS[d.state] ?? d.state,
          d.receivingFrom === d.receivingTo ? n(d.receivingTo) : `${n(d.receivingFrom)} → ${n(d.receivingTo)}`,
          d.holderFrom === d.holderTo ? n(d.holderTo) : `${n(d.holderFrom)} → ${n(d.holderTo)}`,
          d.dueAt ? formatDateTime(d.dueAt) : '—',
        ])}
      />
      <List
        id="hang-cho"
        title="Việc trong hàng chờ"
        head={['Việc', 'Đơn vị cũ', 'Đơn vị mới', 'Hạn (giữ nguyên)']}
        rows={[
          ...plan.handovers.map((h) => [`Hồ sơ ${h.dossierCode}: ${h.stepName}`, n(h.unitFrom), n(h.unitTo), h.dueAt ? formatDateTime(h.dueAt) : '—']),
          ...plan.drafts.map((d) => [`Hồ sơ nháp của công dân (thủ tục ${d.procedureCode})`, n(d.unitFrom), n(d.unitTo), '—']),
        ]}
      />
      <List id="quy-trinh" title="Quy trình nội bộ" head={['Thủ tục', 'Phiên bản mới']} rows={plan.workflows.map((w) => [w.procedureCode, String(w.version)])} />
      <List id="tai-khoan" title="Tài khoản" head={['Tài khoản', 'Họ và tên', 'Đơn vị cũ', 'Đơn vị mới']} rows={plan.accounts.map((a) => [a.username, a.fullName, n(a.unitFrom), n(a.unitTo)])} />
    </>
  );
}

export function ReorganisationPage(p: {
  ctx: PageContext;
  text: string;
  errors: FieldError[];
  plan?: Plan | undefined;
  result?: { message: string; changed: boolean; counts: PlanCounts } | undefined;
  history: { title: string; effectiveDate: string; appliedAt: Date }[];
}) {
  const title = 'Sắp xếp đơn vị';
  return (
    <Layout ctx={p.ctx} title={`${p.errors.length ? 'Lỗi: ' : ''}${title}`} wide>
      <ErrorSummary errors={p.errors} />
      {p.ctx.flash ? <Notification text={p.ctx.flash} success /> : ''}
      {p.result ? <Notification text={p.result.message} success={p.result.changed} /> : ''}
      <h1 class="govuk-heading-l">Sắp xếp đơn vị (sáp nhập, giải thể, chuyển giao)</h1>
      <p class="govuk-body">
        Sơ đồ sắp xếp nêu ngày có hiệu lực, đơn vị kế thừa của từng đơn vị cũ, các đơn vị mới và các thủ tục được giao lại. Chạy thử để xem mọi thủ tục, hồ sơ đang giải quyết, việc trong hàng chờ, quy trình nội bộ và tài khoản sẽ được
        chuyển; áp dụng thì chuyển tất cả trong một lần. Hạn giải quyết và lịch sử của hồ sơ được giữ nguyên.
      </p>
      {p.result ? <Counts counts={p.result.counts} caption="Đã thay đổi" /> : ''}
      <form method="post" action={`${REORG_PATH}/chay-thu`} novalidate>
        <CsrfField token={p.ctx.csrfToken()} />
        <Textarea
          name="mapping"
          label="Sơ đồ sắp xếp (JSON)"
          hint='title, effectiveDate (YYYY-MM-DD), legalBasis, newUnits [{code, name, kind, tier, parentCode, eid}], units [{from, to, kind, note}], procedures [{code, tier, competent: [{"unitCode": "…"} hoặc {"unitKind": "ubnd_xa", "label": "…"}]}]'
          error={p.errors.length > 0 ? 'Sơ đồ sắp xếp có lỗi, xem danh sách ở đầu trang' : undefined}
          value={p.text}
          rows={20}
          spellcheck={false}
        />
        <Button secondary>Chạy thử</Button>
      </form>
      {p.plan ? (
        <>
          <PlanView plan={p.plan} />
          <form method="post" action={`${REORG_PATH}/ap-dung`} novalidate>
            <CsrfField token={p.ctx.csrfToken()} />
            <input type="hidden" name="mapping" value={p.text} />
            <div class="govuk-warning-text">
              <span class="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong class="govuk-warning-text__text">
                <span class="govuk-visually-hidden">Lưu ý: </span>Áp dụng sẽ chuyển tất cả những mục trên trong một lần và ghi nhật ký. Áp dụng lại cùng sơ đồ không thay đổi gì thêm.
              </strong>
            </div>
            <Button>Áp dụng sơ đồ sắp xếp</Button>
          </form>
        </>
      ) : (
        ''
      )}
      {p.history.length > 0 ? (
        <List id="da-ap-dung" title="Các lần đã áp dụng" head={['Đợt sắp xếp', 'Hiệu lực từ', 'Áp dụng lúc']} rows={p.history.map((h) => [h.title, formatDate(h.effectiveDate), formatDateTime(h.appliedAt)])} />
      ) : (
        ''
      )}
    </Layout>
  );
}
