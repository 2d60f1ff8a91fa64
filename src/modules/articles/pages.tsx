import type { FieldError } from '../../platform/errors';
import { formatDate, formatDateTime } from '../../platform/format';
import type { PageContext } from '../../platform/http/context';
import { Button, CsrfField, ErrorSummary, errorFor, fieldId, Input, Pagination, SummaryList, Textarea } from '../../web/components';
import { Layout } from '../../web/layout';
import {
  type Article,
  type ArticleForm,
  articleState,
  type ArticleState,
  CATEGORIES,
  CATEGORY_LABELS,
  type Category,
  pageCount,
  renderMarkdown,
  STATE_LABELS,
} from './model';
import type { PublicArticle, Paged } from './service';
import type { ArticleListItem } from './store';

export const PUBLIC_PATH = '/huong-dan';
export const ADMIN_PATH = '/quan-tri/bai-viet';

export function articleUrl(slug: string): string {
  return `${PUBLIC_PATH}/${slug}`;
}

// ---------------------------------------------------------------------------------------
// Small pieces
// ---------------------------------------------------------------------------------------

function CategoryRadios({ value, error }: { value: string; error: string | undefined }) {
  const id = fieldId('category');
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset class="govuk-fieldset" aria-describedby={error ? `${id}-error` : undefined}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Loại bài viết</legend>
        {error ? (
          <p id={`${id}-error`} class="govuk-error-message">
            <span class="govuk-visually-hidden">Lỗi:</span> <span safe>{error}</span>
          </p>
        ) : (
          ''
        )}
        <div class="govuk-radios govuk-radios--small" data-module="govuk-radios">
          {CATEGORIES.map((c, i) => (
            <div class="govuk-radios__item">
              {/* the error summary links to the first radio, as GOV.UK does */}
              <input class="govuk-radios__input" id={i === 0 ? id : `${id}-${c}`} name="category" type="radio" value={c} checked={value === c} />
              <label class="govuk-label govuk-radios__label" for={i === 0 ? id : `${id}-${c}`} safe>
                {CATEGORY_LABELS[c]}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

const STATE_TAG_CLASS: Record<ArticleState, string> = {
  draft: 'govuk-tag govuk-tag--grey',
  scheduled: 'govuk-tag govuk-tag--yellow',
  published: 'govuk-tag govuk-tag--green',
};

function StateTag({ state }: { state: ArticleState }) {
  return (
    <strong class={STATE_TAG_CLASS[state]} safe>
      {STATE_LABELS[state]}
    </strong>
  );
}


function listHref(category: Category | undefined, page: number): string {
  const q = new URLSearchParams();
  if (category) q.set('loai', category);
  if (page > 1) q.set('trang', String(page));
  const s = q.toString();
  return s ? `${PUBLIC_PATH}?${s}` : PUBLIC_PATH;
}

// ---------------------------------------------------------------------------------------
// Public pages
// ---------------------------------------------------------------------------------------

export function ArticleListPage({ ctx, view, category }: { ctx: PageContext; view: Paged<ArticleListItem>; category: Category | undefined }) {
  const filters: { value: Category | undefined; label: string }[] = [{ value: undefined, label: 'Tất cả' }, ...CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))];
  const title = category ? CATEGORY_LABELS[category] : 'Hướng dẫn, tin tức và hỏi đáp';
  const pages = pageCount(view.total, view.pageSize);
  return (
    <Layout ctx={ctx} title={view.page > 1 ? `${title} (trang ${view.page})` : title}>
      <h1 class="govuk-heading-l" safe>
        {title}
      </h1>
      <p class="govuk-body">Hướng dẫn sử dụng dịch vụ công trực tuyến, giải đáp các câu hỏi thường gặp và tin tức của tỉnh về cải cách thủ tục hành chính.</p>
      <nav aria-label="Loại bài viết">
        <ul class="govuk-list">
          {filters.map((f) => (
            <li class="govuk-!-display-inline-block govuk-!-margin-right-4">
              {f.value === category ? (
                <strong aria-current="page" safe>
                  {f.label}
                </strong>
              ) : (
                <a class="govuk-link" href={listHref(f.value, 1)} safe>
                  {f.label}
                </a>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {view.items.length === 0 ? (
        <p class="govuk-body">
          {view.page > 1 ? (
            <>
              Trang này không có bài viết.{' '}
              <a class="govuk-link" href={listHref(category, 1)}>
                Về trang đầu
              </a>
              .
            </>
          ) : (
            'Chưa có bài viết nào.'
          )}
        </p>
      ) : (
        <>
          <p class="govuk-body-s mc-muted" safe>
            {`${view.total} bài viết${pages > 1 ? `, trang ${view.page}/${pages}` : ''}`}
          </p>
          <ul class="mc-card-list">
            {view.items.map((a) => (
              <li class="mc-card">
                <h2 class="mc-card__title">
                  <a class="govuk-link mc-card__link" href={articleUrl(a.slug)} safe>
                    {a.title}
                  </a>
                </h2>
                <p class="mc-card__meta" safe>
                  {`${CATEGORY_LABELS[a.category]} · ${a.publishAt ? formatDate(a.publishAt) : ''}`}
                </p>
                {a.summary ? (
                  <p class="mc-card__body" safe>
                    {a.summary}
                  </p>
                ) : (
                  ''
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <Pagination page={view.page} total={view.total} pageSize={view.pageSize} href={(p) => listHref(category, p)} />
    </Layout>
  );
}

export function ArticlePage({ ctx, view }: { ctx: PageContext; view: PublicArticle }) {
  const { article: a, procedures } = view;
  return (
    <Layout ctx={ctx} title={a.title}>
      <nav class="govuk-breadcrumbs" aria-label="Vị trí trang">
        <ol class="govuk-breadcrumbs__list">
          <li class="govuk-breadcrumbs__list-item">
            <a class="govuk-breadcrumbs__link" href="/">
              Trang chủ
            </a>
          </li>
          <li class="govuk-breadcrumbs__list-item">
            <a class="govuk-breadcrumbs__link" href={PUBLIC_PATH}>
              Hướng dẫn
            </a>
          </li>
          <li class="govuk-breadcrumbs__list-item">
            <a class="govuk-breadcrumbs__link" href={listHref(a.category, 1)} safe>
              {CATEGORY_LABELS[a.category]}
            </a>
          </li>
        </ol>
      </nav>
      <article>
        <span class="govuk-caption-l" safe>
          {CATEGORY_LABELS[a.category]}
        </span>
        <h1 class="govuk-heading-l" safe>
          {a.title}
        </h1>
        <p class="govuk-body-s mc-muted" safe>
          {`Đăng ngày ${a.publishAt ? formatDate(a.publishAt) : ''}`}
        </p>
        {a.summary ? (
          <p class="govuk-body-l" safe>
            {a.summary}
          </p>
        ) : (
          ''
        )}
        {/* rendered by model.renderMarkdown: raw HTML escaped, links limited to safe schemes */}
        {renderMarkdown(a.bodyMd) as 'safe'}
      </article>
      {procedures.length > 0 ? (
        <>
          <h2 class="govuk-heading-m">Thủ tục liên quan</h2>
          <ul class="govuk-list">
            {procedures.map((p) => (
              <li>
                <a class="govuk-link" href={`/thu-tuc/${p.code}`} safe>
                  {p.name}
                </a>{' '}
                <span class="govuk-body-s mc-muted mc-nowrap" safe>
                  {`(${p.code})`}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      <p class="govuk-body govuk-!-margin-top-6">
        <a class="govuk-link" href={PUBLIC_PATH}>
          Xem tất cả bài viết hướng dẫn
        </a>
      </p>
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------
// Administration
// ---------------------------------------------------------------------------------------

export function AdminListPage({ ctx, view, now }: { ctx: PageContext; view: Paged<ArticleListItem>; now: Date }) {
  return (
    <Layout ctx={ctx} title="Bài viết hướng dẫn" wide>
      <h1 class="govuk-heading-l">Bài viết hướng dẫn</h1>
      <a href={`${ADMIN_PATH}/moi`} role="button" draggable="false" class="govuk-button" data-module="govuk-button">
        Viết bài mới
      </a>
      {view.items.length === 0 ? (
        <p class="govuk-body">Chưa có bài viết nào.</p>
      ) : (
        <div class="mc-table-scroll" role="region" aria-label="Danh sách bài viết" tabindex="0">
          <table class="govuk-table mc-table--compact">
            <caption class="govuk-table__caption govuk-table__caption--m" safe>
              {`${view.total} bài viết, mới sửa trước`}
            </caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  Tiêu đề
                </th>
                <th scope="col" class="govuk-table__header">
                  Loại
                </th>
                <th scope="col" class="govuk-table__header">
                  Trạng thái
                </th>
                <th scope="col" class="govuk-table__header">
                  Thời điểm đăng
                </th>
                <th scope="col" class="govuk-table__header">
                  Sửa lần cuối
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {view.items.map((a) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={`${ADMIN_PATH}/${a.id}`} safe>
                      {a.title}
                    </a>
                  </td>
                  <td class="govuk-table__cell" safe>
                    {CATEGORY_LABELS[a.category]}
                  </td>
                  <td class="govuk-table__cell">
                    <StateTag state={articleState(a, now)} />
                  </td>
                  <td class="govuk-table__cell mc-nowrap">
                    {a.publishAt ? formatDateTime(a.publishAt) : '—'}
                  </td>
                  <td class="govuk-table__cell mc-nowrap" safe>
                    {formatDateTime(a.updatedAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={view.page} total={view.total} pageSize={view.pageSize} href={(p) => (p > 1 ? `${ADMIN_PATH}?trang=${p}` : ADMIN_PATH)} />
    </Layout>
  );
}

function StatusPanel({ ctx, article, now }: { ctx: PageContext; article: Article; now: Date }) {
  const state = articleState(article, now);
  return (
    <>
      <SummaryList
        rows={[
          { key: 'Trạng thái', value: <StateTag state={state} /> },
          {
            key: 'Thời điểm đăng',
            value: (
              <span>
                {article.publishAt ? formatDateTime(article.publishAt) : 'Chưa đặt: bài viết được đăng ngay khi bấm “Xuất bản”'}
              </span>
            ),
          },
          {
            key: 'Địa chỉ trên cổng',
            value:
              state === 'published' ? (
                <a class="govuk-link" href={articleUrl(article.slug)} safe>
                  {articleUrl(article.slug)}
                </a>
              ) : (
                <span safe>{`${articleUrl(article.slug)} (chưa hiển thị công khai)`}</span>
              ),
          },
        ]}
      />
      {article.status === 'draft' ? (
        <form method="post" action={`${ADMIN_PATH}/${article.id}/xuat-ban`}>
          <CsrfField token={ctx.csrfToken()} />
          <p class="govuk-body-s">Lưu các thay đổi trong biểu mẫu dưới đây trước khi xuất bản.</p>
          <Button>Xuất bản</Button>
        </form>
      ) : (
        <form method="post" action={`${ADMIN_PATH}/${article.id}/ngung-dang`}>
          <CsrfField token={ctx.csrfToken()} />
          <Button secondary>Ngừng đăng (chuyển về bản nháp)</Button>
        </form>
      )}
    </>
  );
}

export interface FormPageProps {
  ctx: PageContext;
  /** The article being edited; absent on the new-article page. */
  article?: Article | undefined;
  values: ArticleForm;
  errors: FieldError[];
  /** The rendered body after "Xem trước". */
  preview?: string | undefined;
  now: Date;
}

export function ArticleFormPage({ ctx, article, values, errors, preview, now }: FormPageProps) {
  const heading = article ? 'Sửa bài viết' : 'Viết bài mới';
  const action = article ? `${ADMIN_PATH}/${article.id}` : `${ADMIN_PATH}/moi`;
  return (
    <Layout ctx={ctx} title={errors.length > 0 ? `Lỗi: ${heading}` : heading}>
      <a href={ADMIN_PATH} class="govuk-back-link">
        Danh sách bài viết
      </a>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          {article ? (
            <span class="govuk-caption-l" safe>
              {article.title}
            </span>
          ) : (
            ''
          )}
          <h1 class="govuk-heading-l">{heading}</h1>
          {article ? <StatusPanel ctx={ctx} article={article} now={now} /> : ''}
          {preview !== undefined ? (
            <section aria-labelledby="xem-truoc" class="govuk-!-margin-bottom-8">
              <h2 class="govuk-heading-m" id="xem-truoc">
                Xem trước
              </h2>
              <p class="govuk-body-s mc-muted">Bản xem trước chưa được lưu. Bấm “Lưu” để lưu các thay đổi.</p>
              <div class="govuk-inset-text">
                <p class="govuk-heading-m" safe>
                  {values.title || '(Chưa có tiêu đề)'}
                </p>
                {preview as 'safe'}
              </div>
            </section>
          ) : (
            ''
          )}
          <form method="post" action={action} novalidate>
            <CsrfField token={ctx.csrfToken()} />
            <Input name="title" label="Tiêu đề" value={values.title} error={errorFor(errors, 'title')} />
            <Input
              name="slug"
              label="Đường dẫn"
              hint={`Phần cuối của địa chỉ bài viết (${PUBLIC_PATH}/…): chữ thường không dấu, số và dấu gạch ngang. Để trống để tạo từ tiêu đề.`}
              value={values.slug}
              error={errorFor(errors, 'slug')}
              spellcheck={false}
            />
            <CategoryRadios value={values.category} error={errorFor(errors, 'category')} />
            <Textarea name="summary" label="Tóm tắt (không bắt buộc)" hint="Một hoặc hai câu, hiện trong danh sách bài viết." value={values.summary} error={errorFor(errors, 'summary')} rows={3} />
            <Textarea
              name="body"
              label="Nội dung"
              hint="Viết bằng Markdown: ## Tiêu đề mục, **chữ đậm**, - danh sách, 1. danh sách đánh số, [chữ hiển thị](https://địa-chỉ) hoặc [chữ](/thu-tuc). Mã HTML sẽ hiện nguyên văn."
              value={values.body}
              error={errorFor(errors, 'body')}
              rows={20}
            />
            <Input
              name="publishAt"
              label="Thời điểm đăng (không bắt buộc)"
              hint="Theo giờ Việt Nam, dạng dd/MM/yyyy HH:mm, ví dụ 05/03/2026 08:30. Để trống thì bài được đăng ngay khi bấm “Xuất bản”; thời điểm trong tương lai thì bài chỉ hiện khi đến giờ."
              value={values.publishAt}
              error={errorFor(errors, 'publishAt')}
              width="20"
              spellcheck={false}
            />
            <Textarea
              name="procedureCodes"
              label="Mã thủ tục liên quan (không bắt buộc)"
              hint="Mỗi dòng một mã thủ tục, ví dụ 1.001193. Bài viết sẽ được giới thiệu trên trang của các thủ tục này."
              value={values.procedureCodes}
              error={errorFor(errors, 'procedureCodes')}
              rows={4}
              spellcheck={false}
            />
            <div class="govuk-button-group">
              <Button name="action" value="save">
                Lưu
              </Button>
              <Button secondary name="action" value="preview">
                Xem trước
              </Button>
            </div>
          </form>
        </div>
      </div>
    </Layout>
  );
}
