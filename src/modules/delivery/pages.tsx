// Pages of delivery by post: the step on the applicant's dossier page, the address form, the
// desk's list of shipments (returned ones first, with their reason) and a dossier's shipments.
import type { FieldError } from '../../platform/errors';
import { formatDateTime, formatMoney } from '../../platform/format';
import type { PageContext } from '../../platform/http/context';
import { Button, CsrfField, ErrorSummary, errorFor, fieldId, Input, SummaryList } from '../../web/components';
import { Layout } from '../../web/layout';
import { addressLine, type DeliveryAddress, type DeliveryChoice, type Place, SHIPMENT_STATE_LABELS, type ShipmentState } from './model';
import type { DeliveryStepView, dossierShipments, shipmentsForDesk } from './service';

export function choosePath(code: string): string {
  return `/ho-so-cua-toi/${encodeURIComponent(code)}/nhan-qua-buu-chinh`;
}

function postage(dong: number | null | undefined): string {
  return dong === null || dong === undefined ? 'chưa có' : formatMoney(dong);
}

function ChoiceSummary({ choice }: { choice: DeliveryChoice }) {
  return (
    <SummaryList
      rows={[
        { key: 'Người nhận', value: <span safe>{choice.recipient}</span> },
        { key: 'Số điện thoại', value: <span safe>{choice.phone}</span> },
        { key: 'Địa chỉ nhận', value: <span safe>{addressLine(choice.address)}</span> },
        { key: 'Cước phí bưu chính', value: <strong safe>{formatMoney(choice.postage)}</strong> },
      ]}
    />
  );
}

/** The step on the applicant's dossier page (ApplicantDossierPage's `delivery` slot). */
export function DeliveryPanel({ ctx, v }: { ctx: PageContext; v: DeliveryStepView }) {
  const s = v.shipment;
  if (s) {
    return (
      <section aria-labelledby="buu-chinh">
        <h2 class="govuk-heading-m" id="buu-chinh">
          Nhận kết quả qua bưu chính
        </h2>
        <SummaryList
          rows={[
            { key: 'Tình trạng bưu gửi', value: <strong class="govuk-tag" safe>{SHIPMENT_STATE_LABELS[s.state]}</strong> },
            ...(s.trackingNumber ? [{ key: 'Số hiệu bưu gửi', value: <span safe>{s.trackingNumber}</span> }] : []),
            ...(s.returnReason ? [{ key: 'Lý do chuyển hoàn', value: <span safe>{s.returnReason}</span> }] : []),
            { key: 'Người nhận', value: <span safe>{s.recipientName}</span> },
            { key: 'Địa chỉ nhận', value: <span safe>{addressLine(s.address as unknown as DeliveryAddress)}</span> },
            { key: 'Cước phí bưu chính', value: <span safe>{postage(s.postage)}</span> },
          ]}
        />
      </section>
    );
  }
  if (!v.open) return <></>;
  if (!v.offered) {
    return (
      <section aria-labelledby="buu-chinh">
        <h2 class="govuk-heading-m" id="buu-chinh">
          Nhận kết quả qua bưu chính
        </h2>
        <p class="govuk-body">Cổng chưa kết nối dịch vụ bưu chính công ích nên chưa nhận kết quả qua bưu chính được. Bạn nhận kết quả trực tuyến hoặc tại bộ phận một cửa.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="buu-chinh">
      <h2 class="govuk-heading-m" id="buu-chinh">
        Nhận kết quả qua bưu chính
      </h2>
      {v.choice ? (
        <>
          <p class="govuk-body">Bộ phận một cửa sẽ gửi kết quả qua dịch vụ bưu chính công ích đến địa chỉ dưới đây. Cước phí do người nộp trả.</p>
          <ChoiceSummary choice={v.choice} />
          <p class="govuk-body">
            <a class="govuk-link" href={choosePath(v.code)}>
              Đổi địa chỉ nhận kết quả
            </a>
          </p>
          <form method="post" action={`${choosePath(v.code)}/huy`}>
            <CsrfField token={ctx.csrfToken()} />
            <Button secondary>Không nhận qua bưu chính nữa</Button>
          </form>
        </>
      ) : (
        <p class="govuk-body">
          Bạn có thể nhận kết quả tại nhà qua dịch vụ bưu chính công ích (cước phí do người nộp trả).{' '}
          <a class="govuk-link" href={choosePath(v.code)}>
            Đăng ký nhận kết quả qua bưu chính
          </a>
        </p>
      )}
    </section>
  );
}

function Select({ name, label, options, value, error, hint }: { name: string; label: string; options: Place[]; value: string | undefined; error: string | undefined; hint?: string }) {
  const id = fieldId(name);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label" for={id} safe>
        {label}
      </label>
      {hint ? (
        <div class="govuk-hint" id={`${id}-hint`} safe>
          {hint}
        </div>
      ) : (
        ''
      )}
      {error ? (
        <p id={`${id}-error`} class="govuk-error-message">
          <span class="govuk-visually-hidden">Lỗi:</span> <span safe>{error}</span>
        </p>
      ) : (
        ''
      )}
      <select class={`govuk-select${error ? ' govuk-select--error' : ''}`} id={id} name={name} aria-describedby={describedBy}>
        {options.length > 1 ? <option value="">Chọn</option> : ''}
        {options.map((o) => (
          <option value={o.code} selected={o.code === value} safe>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The address form: province and commune from the organisation data, the detail, the recipient and phone. */
export function ChoosePage({
  ctx,
  v,
  places,
  errors,
  values,
  defaults,
}: {
  ctx: PageContext;
  v: DeliveryStepView;
  places: { provinces: Place[]; communes: Place[] };
  errors: FieldError[];
  values: Record<string, string>;
  defaults: { recipient: string; phone: string };
}) {
  const c = v.choice;
  const value = (k: string, fallback: string | undefined) => values[k] ?? fallback ?? '';
  return (
    <Layout ctx={ctx} title={`${errors.length ? 'Lỗi: ' : ''}Nhận kết quả qua bưu chính`}>
      <a class="govuk-back-link" href={`/ho-so-cua-toi/${encodeURIComponent(v.code)}`} safe>
        {`Hồ sơ ${v.code}`}
      </a>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">Nhận kết quả qua bưu chính</h1>
      {!v.offered ? (
        <p class="govuk-body">Cổng chưa kết nối dịch vụ bưu chính công ích nên chưa nhận kết quả qua bưu chính được. Bạn nhận kết quả trực tuyến hoặc tại bộ phận một cửa.</p>
      ) : !v.open ? (
        <p class="govuk-body">Kết quả của hồ sơ đã được trả hoặc đã gửi; không đổi được cách nhận kết quả.</p>
      ) : (
        <>
          <p class="govuk-body">Kết quả được gửi qua dịch vụ bưu chính công ích (QĐ 45/2016/QĐ-TTg). Bưu điện tính cước theo địa chỉ nhận; cước phí do người nộp trả và được hiển thị sau khi bạn lưu địa chỉ.</p>
          {c ? <ChoiceSummary choice={c} /> : ''}
          <form method="post" action={choosePath(v.code)} novalidate>
            <CsrfField token={ctx.csrfToken()} />
            <Select name="province" label="Tỉnh, thành phố" options={places.provinces} value={value('province', c?.address.provinceCode ?? places.provinces[0]?.code)} error={errorFor(errors, 'province')} />
            <Select name="commune" label="Xã, phường" hint="Theo địa giới hành chính từ 01/07/2025" options={places.communes} value={value('commune', c?.address.communeCode)} error={errorFor(errors, 'commune')} />
            <Input name="detail" label="Địa chỉ chi tiết" hint="Số nhà, tên đường; hoặc thôn, xóm, tổ dân phố" value={value('detail', c?.address.detail)} error={errorFor(errors, 'detail')} autocomplete="street-address" />
            <Input name="recipient" label="Họ và tên người nhận" value={value('recipient', c?.recipient ?? defaults.recipient)} error={errorFor(errors, 'recipient')} autocomplete="name" />
            <Input name="phone" label="Số điện thoại người nhận" hint="Bưu tá gọi số này khi phát" type="tel" width="20" value={value('phone', c?.phone ?? defaults.phone)} error={errorFor(errors, 'phone')} autocomplete="tel" inputmode="tel" />
            <Button>Lưu địa chỉ và xem cước phí</Button>
          </form>
        </>
      )}
    </Layout>
  );
}

type DeskRow = Awaited<ReturnType<typeof shipmentsForDesk>>[number];

/** The desk's shipments: returned ones first, each with its reason. */
export function DeskShipmentsPage({ ctx, rows, returnedOnly }: { ctx: PageContext; rows: DeskRow[]; returnedOnly: boolean }) {
  return (
    <Layout ctx={ctx} title="Bưu gửi của bộ phận một cửa" wide>
      <h1 class="govuk-heading-l">Bưu gửi kết quả và hồ sơ qua bưu chính</h1>
      <p class="govuk-body">
        {returnedOnly ? (
          <a class="govuk-link" href="/mot-cua/buu-chinh">
            Xem tất cả bưu gửi
          </a>
        ) : (
          <a class="govuk-link" href="/mot-cua/buu-chinh?chuyen-hoan=1">
            Chỉ xem bưu gửi bị chuyển hoàn
          </a>
        )}
      </p>
      {rows.length === 0 ? (
        <p class="govuk-body">Không có bưu gửi nào.</p>
      ) : (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--s">{returnedOnly ? 'Bưu gửi bị chuyển hoàn' : 'Bưu gửi (chuyển hoàn trước)'}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">Hồ sơ</th>
              <th scope="col" class="govuk-table__header">Chiều</th>
              <th scope="col" class="govuk-table__header">Số hiệu</th>
              <th scope="col" class="govuk-table__header">Tình trạng</th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">Cước phí</th>
              <th scope="col" class="govuk-table__header">Cập nhật</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {rows.map((r) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={`/mot-cua/ho-so/${encodeURIComponent(r.code)}/buu-chinh`} safe>
                    {r.code}
                  </a>
                  <br />
                  <span class="govuk-body-s" safe>
                    {r.procedureName}
                  </span>
                </td>
                <td class="govuk-table__cell">{r.direction === 'outbound' ? 'Gửi kết quả' : 'Nhận hồ sơ'}</td>
                <td class="govuk-table__cell" safe>
                  {r.trackingNumber ?? '—'}
                </td>
                <td class="govuk-table__cell">
                  <strong class={`govuk-tag${r.state === 'returned' ? ' govuk-tag--red' : r.state === 'delivered' ? ' govuk-tag--green' : ''}`} safe>
                    {SHIPMENT_STATE_LABELS[r.state as ShipmentState]}
                  </strong>
                  {r.returnReason ? <p class="govuk-body-s" safe>{`Lý do: ${r.returnReason}`}</p> : ''}
                  {r.state === 'pending' && r.lastError ? <p class="govuk-body-s">Chưa gửi được yêu cầu cho bưu điện; hệ thống đang thử lại.</p> : ''}
                </td>
                <td class="govuk-table__cell govuk-table__cell--numeric" safe>
                  {postage(r.postage)}
                </td>
                <td class="govuk-table__cell" safe>
                  {formatDateTime(r.updatedAt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

type DossierShipmentsView = Awaited<ReturnType<typeof dossierShipments>>;

/** One dossier's shipments for the desk, the return by post, and the inbound tracking number. */
export function DossierShipmentsPage({ ctx, v, errors, values }: { ctx: PageContext; v: DossierShipmentsView; errors: FieldError[]; values: Record<string, string> }) {
  const d = v.dossier;
  const code = encodeURIComponent(d.code);
  const outbound = v.shipments.find((s) => s.direction === 'outbound');
  const inbound = v.shipments.find((s) => s.direction === 'inbound');
  const desk = ctx.actor?.role === 'counter';
  return (
    <Layout ctx={ctx} title={`${errors.length ? 'Lỗi: ' : ''}Bưu chính: hồ sơ ${d.code}`}>
      <a class="govuk-back-link" href={`/mot-cua/ho-so/${code}`} safe>
        {`Hồ sơ ${d.code}`}
      </a>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l" safe>{`Bưu chính: hồ sơ ${d.code}`}</h1>

      <h2 class="govuk-heading-m">Trả kết quả qua bưu chính</h2>
      {v.choice ? <ChoiceSummary choice={v.choice} /> : <p class="govuk-body">Người nộp chưa đăng ký nhận kết quả qua bưu chính.</p>}
      {outbound ? (
        <>
          <SummaryList
            rows={[
              { key: 'Tình trạng bưu gửi', value: <strong class={`govuk-tag${outbound.state === 'returned' ? ' govuk-tag--red' : ''}`} safe>{SHIPMENT_STATE_LABELS[outbound.state]}</strong> },
              { key: 'Số hiệu bưu gửi', value: <span safe>{outbound.trackingNumber ?? 'chưa có (đang gửi yêu cầu cho bưu điện)'}</span> },
              ...(outbound.returnReason ? [{ key: 'Lý do chuyển hoàn', value: <span safe>{outbound.returnReason}</span> }] : []),
              { key: 'Cước phí', value: <span safe>{postage(outbound.postage)}</span> },
            ]}
          />
          {outbound.events.length > 0 ? (
            <ol class="govuk-list">
              {outbound.events.map((e) => (
                <li safe>{`${formatDateTime(e.at)}: ${SHIPMENT_STATE_LABELS[e.status as ShipmentState] ?? e.status}${e.location ? ` (${e.location})` : ''}${e.reason ? `: ${e.reason}` : ''}${e.applied ? '' : ' (báo muộn hoặc trùng, không thay đổi tình trạng)'}`}</li>
              ))}
            </ol>
          ) : (
            ''
          )}
        </>
      ) : desk && v.choice && (d.state === 'RESULT_READY' || d.state === 'REFUSED') ? (
        <form method="post" action={`/mot-cua/ho-so/${code}/thao-tac`}>
          <CsrfField token={ctx.csrfToken()} />
          <input type="hidden" name="_action" value="deliver" />
          <input type="hidden" name="channel" value="post" />
          <input type="hidden" name="version" value={String(d.version)} />
          <Button>Trả kết quả qua bưu chính</Button>
        </form>
      ) : (
        ''
      )}

      {d.channel === 'post' ? (
        <>
          <h2 class="govuk-heading-m">Hồ sơ giấy nhận qua bưu chính</h2>
          {inbound ? (
            <p class="govuk-body" safe>{`Số hiệu bưu gửi: ${inbound.trackingNumber ?? ''} (ghi nhận lúc ${formatDateTime(inbound.createdAt)}).`}</p>
          ) : desk ? (
            <form method="post" action={`/mot-cua/ho-so/${code}/buu-chinh/nhan-den`} novalidate>
              <CsrfField token={ctx.csrfToken()} />
              <Input name="trackingNumber" label="Số hiệu bưu gửi trên phong bì" hint="13 ký tự, ví dụ EB123456785VN" width="20" value={values.trackingNumber} error={errorFor(errors, 'trackingNumber')} spellcheck={false} />
              <Button secondary>Ghi số hiệu bưu gửi</Button>
            </form>
          ) : (
            <p class="govuk-body">Chưa ghi số hiệu bưu gửi.</p>
          )}
        </>
      ) : (
        ''
      )}
    </Layout>
  );
}
