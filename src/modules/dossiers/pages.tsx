import { formatDate, formatDateTime } from '../../platform/format';
import type { PageContext } from '../../platform/http/context';
import { Button, CsrfField, ErrorSummary, SummaryList } from '../../web/components';
import { Layout } from '../../web/layout';
import { type DossierState, STATE_LABELS, TRANSITIONS } from './model';
import type { TrackingView } from './service';

export function TrackingPage({ ctx, code, view, error }: { ctx: PageContext; code: string | undefined; view: TrackingView | undefined; error?: string | undefined }) {
  return (
    <Layout ctx={ctx} title={view ? `Hồ sơ ${view.code}` : 'Tra cứu hồ sơ'}>
      {error ? <ErrorSummary errors={[{ field: 'ma', message: error }]} /> : ''}
      <h1 class="govuk-heading-l">Tra cứu hồ sơ</h1>
      <form method="get" action="/tra-cuu-ho-so" class="mc-search" role="search">
        <label class="govuk-label govuk-label--s" for="f-ma">
          Mã hồ sơ
        </label>
        <div class="govuk-hint" id="f-ma-hint">
          Ghi trên giấy tiếp nhận hoặc tin nhắn, ví dụ 000.40.01.H39-261123-0001
        </div>
        <div class="mc-search__row">
          <input class="govuk-input mc-search__input" id="f-ma" name="ma" type="search" value={code} aria-describedby="f-ma-hint" maxlength="60" spellcheck="false" autocomplete="off" />
          <button type="submit" class="govuk-button mc-search__button">
            Tra cứu
          </button>
        </div>
      </form>
      {view ? <TrackingResult view={view} /> : ''}
    </Layout>
  );
}

function TrackingResult({ view }: { view: TrackingView }) {
  return (
    <section aria-labelledby="ket-qua">
      <h2 class="govuk-heading-m" id="ket-qua" safe>{`Hồ sơ ${view.code}`}</h2>
      <SummaryList
        rows={[
          { key: 'Thủ tục', value: <a class="govuk-link" href={`/thu-tuc/${view.procedureCode}`} safe>{view.procedureName}</a> },
          { key: 'Tình trạng', value: <strong class="govuk-tag" safe>{view.stateLabel}</strong> },
          { key: 'Ngày nộp', value: <span safe>{formatDateTime(view.submittedAt)}</span> },
          ...(view.receivedAt ? [{ key: 'Ngày tiếp nhận', value: <span safe>{formatDateTime(view.receivedAt)}</span> }] : []),
          ...(view.dueAt
            ? [{ key: 'Hẹn trả kết quả', value: <span safe>{formatDateTime(view.dueAt)}</span> }]
            : view.expectedDueAt && view.state === 'SUBMITTED'
              ? [{ key: 'Dự kiến trả kết quả', value: <span safe>{`${formatDate(view.expectedDueAt)} (nếu hồ sơ được tiếp nhận ngay; ngày hẹn chính thức ghi trên giấy tiếp nhận)`}</span> }]
              : []),
          ...(view.holder ? [{ key: 'Đơn vị đang giữ hồ sơ', value: <span safe>{view.holder}</span> }] : []),
          ...(view.applicant ? [{ key: 'Người nộp', value: <span safe>{view.applicant.name}</span> }] : []),
        ]}
      />
      <h3 class="govuk-heading-s">Quá trình xử lý</h3>
      <ol class="govuk-list mc-timeline">
        {view.history.map((h) => (
          <li>
            <span class="govuk-body-s mc-muted" safe>
              {formatDateTime(h.at)}
            </span>{' '}
            <span safe>{h.note ?? h.state ?? ''}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

export interface MyDossier {
  code: string;
  receivedAt: Date | null;
  procedureName: string;
  state: DossierState;
  submittedAt: Date;
  expectedDueAt: Date | null;
  dueAt: Date | null;
  version: number;
}

export interface MyDraft {
  id: string;
  procedureCode: string;
  procedureName: string | null;
  updatedAt: Date;
}

export function MyDossiersPage({ ctx, items, drafts = [] }: { ctx: PageContext; items: MyDossier[]; drafts?: MyDraft[] }) {
  return (
    <Layout ctx={ctx} title="Hồ sơ của tôi">
      <h1 class="govuk-heading-l">Hồ sơ của tôi</h1>
      <p class="govuk-body">
        <a class="govuk-link" href="/ho-so-cua-toi/kho-du-lieu">
          Kho dữ liệu của tôi: kết quả đã cấp và giấy tờ đã nộp
        </a>
      </p>
      {drafts.length > 0 ? (
        <>
          <h2 class="govuk-heading-m">Bản nháp chưa nộp</h2>
          <ul class="mc-card-list">
            {drafts.map((d) => (
              <li class="mc-card">
                <h3 class="mc-card__title">
                  <a class="govuk-link mc-card__link" href={`/nop-ho-so/ho-so-nhap/${d.id}`} safe>
                    {d.procedureName ?? d.procedureCode}
                  </a>
                </h3>
                <p class="mc-card__meta" safe>{`Lưu lúc ${formatDateTime(d.updatedAt)}`}</p>
                <form method="post" action={`/nop-ho-so/ho-so-nhap/${d.id}/xoa`}>
                  <CsrfField token={ctx.csrfToken()} />
                  <Button secondary>
                    <>
                      Xóa bản nháp<span class="govuk-visually-hidden" safe>{` ${d.procedureName ?? d.procedureCode}`}</span>
                    </>
                  </Button>
                </form>
              </li>
            ))}
          </ul>
          <h2 class="govuk-heading-m">Hồ sơ đã nộp</h2>
        </>
      ) : (
        ''
      )}
      {items.length === 0 ? (
        <p class="govuk-body">
          Bạn chưa nộp hồ sơ nào.{' '}
          <a class="govuk-link" href="/thu-tuc?mucdo=toan_trinh">
            Tìm thủ tục để nộp trực tuyến
          </a>
          .
        </p>
      ) : (
        <ul class="mc-card-list">
          {items.map((d) => (
            <li class="mc-card">
              <h2 class="mc-card__title">
                <a class="govuk-link mc-card__link" href={`/ho-so-cua-toi/${encodeURIComponent(d.code)}`} safe>
                  {d.procedureName}
                </a>
              </h2>
              <p class="mc-card__meta" safe>{`${d.code} · nộp ${formatDate(d.submittedAt)}`}</p>
              <p class="mc-card__tags">
                <strong class="govuk-tag" safe>
                  {STATE_LABELS[d.state]}
                </strong>
              </p>
              {d.receivedAt ? (
                <p class="govuk-body">
                  <a class="govuk-link" href={`/ho-so/${encodeURIComponent(d.code)}/giay-tiep-nhan.pdf`}>
                    Tải giấy tiếp nhận hồ sơ và hẹn trả kết quả (PDF)
                  </a>
                </p>
              ) : (
                ''
              )}
              {'withdraw' in TRANSITIONS[d.state] ? <WithdrawForm ctx={ctx} code={d.code} version={d.version} /> : ''}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

function WithdrawForm({ ctx, code, version }: { ctx: PageContext; code: string; version: number }) {
  return (
    <form method="post" action={`/ho-so-cua-toi/${encodeURIComponent(code)}/rut`}>
      <CsrfField token={ctx.csrfToken()} />
      <input type="hidden" name="version" value={String(version)} />
      <Button secondary>
        <>
          Rút hồ sơ<span class="govuk-visually-hidden" safe>{` ${code}`}</span>
        </>
      </Button>
    </form>
  );
}

export interface QueueItem {
  code: string;
  procedureName: string;
  applicantName: string;
  submittedAt: Date;
}

