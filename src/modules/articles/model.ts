// Guidance articles (hướng dẫn, tin tức, hỏi đáp): pure rules, no I/O. Slugs from
// Vietnamese titles, the admin form's validation, visibility by status and publish time,
// and the Markdown renderer that is the only way an article's body reaches a page.
import MarkdownIt, { type MarkdownIt as Markdown, type RendererRule } from 'markdown-it';
import type { FieldError } from '../../platform/errors';
import { formatDate, formatTime } from '../../platform/format';

export const CATEGORIES = ['huong_dan', 'tin_tuc', 'hoi_dap'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
  huong_dan: 'Hướng dẫn',
  tin_tuc: 'Tin tức',
  hoi_dap: 'Hỏi đáp',
};

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}

export type ArticleStatus = 'draft' | 'published';

export interface Article {
  id: string;
  slug: string;
  title: string;
  category: Category;
  summary: string | null;
  bodyMd: string;
  status: ArticleStatus;
  publishAt: Date | null;
  authorId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Articles per page, on the public list, the API and the admin list. */
export const PAGE_SIZE = 20;

export function pageCount(total: number, size = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}


// ---------------------------------------------------------------------------------------
// Visibility
// ---------------------------------------------------------------------------------------

/** Citizens see an article once it is published and its publish time has come. */
export function isVisible(a: Pick<Article, 'status' | 'publishAt'>, now: Date): boolean {
  return a.status === 'published' && a.publishAt !== null && a.publishAt.getTime() <= now.getTime();
}

export type ArticleState = 'draft' | 'scheduled' | 'published';

export const STATE_LABELS: Record<ArticleState, string> = {
  draft: 'Bản nháp',
  scheduled: 'Chờ đến giờ đăng',
  published: 'Đã đăng',
};

/** What the administrator's list shows: a published article whose time has not come is "scheduled". */
export function articleState(a: Pick<Article, 'status' | 'publishAt'>, now: Date): ArticleState {
  if (a.status === 'draft') return 'draft';
  return isVisible(a, now) ? 'published' : 'scheduled';
}

// ---------------------------------------------------------------------------------------
// Slugs
// ---------------------------------------------------------------------------------------

export const SLUG_MAX = 150;
const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** "Hướng dẫn đăng ký tài khoản" → "huong-dan-dang-ky-tai-khoan": no diacritics, đ → d, hyphens between words. */
export function slugify(title: string): string {
  const ascii = title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
  const slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug.slice(0, SLUG_MAX).replace(/-+$/, '');
}

export function isValidSlug(slug: string): boolean {
  return slug.length >= 2 && slug.length <= SLUG_MAX && SLUG_RE.test(slug);
}

// ---------------------------------------------------------------------------------------
// Publish time: dd/MM/yyyy HH:mm in Vietnam
// ---------------------------------------------------------------------------------------

// Asia/Ho_Chi_Minh is UTC+7 all year: Vietnam has had no daylight saving time since 1975.
const VN_OFFSET_HOURS = 7;

/** Reads "05/03/2026 08:30" as that moment in Vietnam; null when the text is not such a moment. */
export function parsePublishAt(text: string): Date | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [day, month, year, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (year < 2000 || year > 2100 || month < 1 || month > 12 || hour > 23 || minute > 59) return null;
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCDate() !== day || calendar.getUTCMonth() !== month - 1) return null; // 31/02 and the like
  return new Date(Date.UTC(year, month - 1, day, hour - VN_OFFSET_HOURS, minute));
}

/** The form's text for a moment: "05/03/2026 08:30". */
export function formatPublishAt(at: Date): string {
  return `${formatDate(at)} ${formatTime(at)}`;
}

// ---------------------------------------------------------------------------------------
// The administrator's form
// ---------------------------------------------------------------------------------------

/** What the form sends, as typed. */
export interface ArticleForm {
  title: string;
  slug: string;
  category: string;
  summary: string;
  body: string;
  publishAt: string;
  procedureCodes: string;
}

/** A checked article, ready to store. */
export interface ArticleValues {
  title: string;
  slug: string;
  category: Category;
  summary: string | null;
  bodyMd: string;
  publishAt: Date | null;
  procedureCodes: string[];
}

export const TITLE_MIN = 3;
export const TITLE_MAX = 300;
export const SUMMARY_MAX = 500;
export const BODY_MAX = 100_000;
export const CODES_MAX = 50;
const PROCEDURE_CODE_RE = /^\d\.\d{6}$/;

/** The order of the fields on the form, which is the order of the error summary. */
export const FIELD_ORDER = ['title', 'slug', 'category', 'summary', 'body', 'publishAt', 'procedureCodes'] as const;

export function sortErrors(errors: FieldError[]): FieldError[] {
  const rank = (f: string) => {
    const i = (FIELD_ORDER as readonly string[]).indexOf(f);
    return i < 0 ? FIELD_ORDER.length : i;
  };
  return [...errors].sort((a, b) => rank(a.field) - rank(b.field));
}

/** One code per line (commas and spaces also separate); blanks and repeats dropped. */
export function splitCodes(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter(Boolean))];
}

export interface CheckedArticle {
  errors: FieldError[];
  /** Present when there are no errors. */
  value?: ArticleValues;
  /** The slug to check for uniqueness (typed, or made from the title), when it is well formed. */
  slug?: string;
  /** The procedure codes to look up, when they are all well formed. */
  codes?: string[];
}

// Control characters other than tab and line breaks have no place in an article.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function checkArticle(form: ArticleForm): CheckedArticle {
  const errors: FieldError[] = [];

  const title = form.title.trim().replace(/\s+/g, ' ');
  if (!title) errors.push({ field: 'title', message: 'Nhập tiêu đề bài viết' });
  else if (title.length < TITLE_MIN || title.length > TITLE_MAX) {
    errors.push({ field: 'title', message: `Tiêu đề bài viết phải có từ ${TITLE_MIN} đến ${TITLE_MAX} ký tự` });
  } else if (CONTROL_RE.test(title)) errors.push({ field: 'title', message: 'Tiêu đề bài viết chứa ký tự không hợp lệ' });

  const typedSlug = form.slug.trim();
  const slug = typedSlug || slugify(title);
  let slugOk = false;
  if (!slug) {
    if (title) errors.push({ field: 'slug', message: 'Nhập đường dẫn: không tạo được đường dẫn từ tiêu đề này' });
  } else if (slug.length > SLUG_MAX) {
    errors.push({ field: 'slug', message: `Đường dẫn không được dài quá ${SLUG_MAX} ký tự` });
  } else if (!isValidSlug(slug)) {
    errors.push({ field: 'slug', message: 'Đường dẫn chỉ gồm chữ thường không dấu, số và dấu gạch ngang' });
  } else slugOk = true;

  const category = form.category.trim();
  if (!isCategory(category)) errors.push({ field: 'category', message: 'Chọn loại bài viết' });

  const summary = form.summary.trim().replace(/\s+/g, ' ');
  if (summary.length > SUMMARY_MAX) errors.push({ field: 'summary', message: `Tóm tắt không được dài quá ${SUMMARY_MAX} ký tự` });
  else if (CONTROL_RE.test(summary)) errors.push({ field: 'summary', message: 'Tóm tắt chứa ký tự không hợp lệ' });

  const body = form.body.replace(/\r\n?/g, '\n').trim();
  if (!body) errors.push({ field: 'body', message: 'Nhập nội dung bài viết' });
  else if (body.length > BODY_MAX) errors.push({ field: 'body', message: `Nội dung bài viết không được dài quá ${BODY_MAX.toLocaleString('vi-VN')} ký tự` });
  else if (CONTROL_RE.test(body)) errors.push({ field: 'body', message: 'Nội dung bài viết chứa ký tự không hợp lệ' });

  let publishAt: Date | null = null;
  if (form.publishAt.trim()) {
    publishAt = parsePublishAt(form.publishAt);
    if (!publishAt) {
      const shaped = /^\d{1,2}\/\d{1,2}\/\d{4}\s+\d{1,2}:\d{2}$/.test(form.publishAt.trim());
      errors.push({
        field: 'publishAt',
        message: shaped ? 'Thời điểm đăng không có thật: kiểm tra lại ngày, tháng, giờ và phút' : 'Thời điểm đăng phải có dạng dd/MM/yyyy HH:mm',
      });
    }
  }

  const codes = splitCodes(form.procedureCodes);
  const badCode = codes.find((c) => !PROCEDURE_CODE_RE.test(c));
  let codesOk = false;
  if (badCode !== undefined) {
    const shown = badCode.length > 20 ? `${badCode.slice(0, 20)}…` : badCode;
    errors.push({ field: 'procedureCodes', message: `Mã thủ tục “${shown}” không đúng dạng: một chữ số, dấu chấm và sáu chữ số (ví dụ 1.001193)` });
  } else if (codes.length > CODES_MAX) {
    errors.push({ field: 'procedureCodes', message: `Chỉ liên kết được tối đa ${CODES_MAX} thủ tục với một bài viết` });
  } else codesOk = true;

  const checked: CheckedArticle = { errors, ...(slugOk ? { slug } : {}), ...(codesOk ? { codes } : {}) };
  if (errors.length > 0) return checked;
  return {
    ...checked,
    value: { title, slug, category: category as Category, summary: summary || null, bodyMd: body, publishAt, procedureCodes: codes },
  };
}

// ---------------------------------------------------------------------------------------
// Markdown, sanitised on output
// ---------------------------------------------------------------------------------------

/**
 * Links may go to the web (http, https), to an e-mail address, within this site ("/thu-tuc/…",
 * but not "//host", which is another site) or within the article ("#…"). Everything else —
 * javascript:, data:, vbscript:, file:, relative paths — is refused, and markdown-it then
 * prints the link's source as plain text.
 */
export function isAllowedLink(url: string): boolean {
  const s = url.trim();
  return /^https?:\/\/[^/\\\s]/i.test(s) || /^mailto:[^\s]/i.test(s) || /^\/(?![/\\])/.test(s) || /^#/.test(s);
}

function isExternal(href: string): boolean {
  return /^https?:\/\//i.test(href);
}

type Rule = RendererRule;

function createRenderer(): Markdown {
  // html: false escapes raw HTML; linkify: false makes links only where the author wrote one.
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });
  md.validateLink = isAllowedLink;

  const rules = md.renderer.rules;
  const withClass =
    (cls: string): Rule =>
    (tokens, idx, options, _env, self) => {
      tokens[idx]!.attrJoin('class', cls);
      return self.renderToken(tokens, idx, options);
    };

  // The page's title is its only h1: "# x" in an article becomes a section heading.
  const headingTag = (tag: string) => (tag === 'h1' ? 'h2' : tag);
  rules.heading_open = (tokens, idx, options, _env, self) => {
    const t = tokens[idx]!;
    t.tag = headingTag(t.tag);
    t.attrJoin('class', t.tag === 'h2' ? 'govuk-heading-m' : 'govuk-heading-s');
    return self.renderToken(tokens, idx, options);
  };
  rules.heading_close = (tokens, idx, options, _env, self) => {
    tokens[idx]!.tag = headingTag(tokens[idx]!.tag);
    return self.renderToken(tokens, idx, options);
  };
  rules.paragraph_open = withClass('govuk-body');
  rules.bullet_list_open = withClass('govuk-list govuk-list--bullet');
  rules.ordered_list_open = withClass('govuk-list govuk-list--number');
  rules.blockquote_open = withClass('govuk-inset-text');
  rules.hr = withClass('govuk-section-break govuk-section-break--m govuk-section-break--visible');

  rules.link_open = (tokens, idx, options, _env, self) => {
    const t = tokens[idx]!;
    t.attrJoin('class', 'govuk-link');
    if (isExternal(String(t.attrGet('href') ?? ''))) t.attrSet('rel', 'nofollow noopener');
    return self.renderToken(tokens, idx, options);
  };

  // Tables scroll on their own on a phone; alignment by class, since the CSP forbids style attributes.
  rules.table_open = (tokens, idx, options, _env, self) => {
    tokens[idx]!.attrJoin('class', 'govuk-table');
    return `<div class="mc-table-scroll" role="region" aria-label="Bảng" tabindex="0">${self.renderToken(tokens, idx, options)}`;
  };
  rules.table_close = (tokens, idx, options, _env, self) => `${self.renderToken(tokens, idx, options)}</div>\n`;
  rules.thead_open = withClass('govuk-table__head');
  rules.tbody_open = withClass('govuk-table__body');
  rules.tr_open = withClass('govuk-table__row');
  const cell =
    (cls: string): Rule =>
    (tokens, idx, options, _env, self) => {
      const t = tokens[idx]!;
      const right = /text-align:\s*right/.test(String(t.attrGet('style') ?? ''));
      t.attrs = (t.attrs ?? []).filter(([name]) => name !== 'style');
      t.attrJoin('class', right ? `${cls} ${cls}--numeric` : cls);
      if (t.tag === 'th') t.attrSet('scope', 'col');
      return self.renderToken(tokens, idx, options);
    };
  rules.th_open = cell('govuk-table__header');
  rules.td_open = cell('govuk-table__cell');
  return md;
}

const renderer = createRenderer();

/** An article's Markdown as HTML that is safe to put in a page as it is. */
export function renderMarkdown(markdown: string): string {
  return renderer.render(markdown);
}
