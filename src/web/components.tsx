// Shared page components following GOV.UK Frontend patterns (error summary linked to
// fields, hints under labels). Everything a person types is escaped: children and
// attributes are escaped by @kitajs/html unless marked `safe`, which we never do for input.
import type { FieldError } from '../platform/errors';

export function ErrorSummary({ errors }: { errors: FieldError[] }) {
  if (errors.length === 0) return <></>;
  return (
    <div class="govuk-error-summary" data-module="govuk-error-summary" tabindex="-1" role="alert" aria-labelledby="error-summary-title">
      <h2 class="govuk-error-summary__title" id="error-summary-title">
        Có lỗi cần sửa
      </h2>
      <div class="govuk-error-summary__body">
        <ul class="govuk-list govuk-error-summary__list">
          {errors.map((e) => (
            <li>
              <a href={`#${fieldId(e.field)}`} safe>
                {e.message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** The HTML id of a field's input, from its field name ('components[2].name' → 'f-components-2-name'). */
export function fieldId(field: string): string {
  return 'f-' + field.replace(/[^a-zA-Z0-9_]+/g, '-').replace(/-+$/, '');
}

export function errorFor(errors: FieldError[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.message;
}

interface FieldProps {
  name: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
}

/** Label, hint and error message of a form field, wrapped around its control. */
function FieldShell(p: FieldProps & { children: JSX.Element }) {
  const id = fieldId(p.name);
  return (
    <div class={`govuk-form-group${p.error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label" for={id} safe>
        {p.label}
      </label>
      {p.hint ? (
        <div id={`${id}-hint`} class="govuk-hint" safe>
          {p.hint}
        </div>
      ) : (
        ''
      )}
      {p.error ? (
        <p id={`${id}-error`} class="govuk-error-message">
          <span class="govuk-visually-hidden">Lỗi:</span> <span safe>{p.error}</span>
        </p>
      ) : (
        ''
      )}
      {p.children as 'safe'}
    </div>
  );
}

function describedBy(p: FieldProps): string | undefined {
  const id = fieldId(p.name);
  return [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

interface InputProps extends FieldProps {
  value?: string | undefined;
  type?: 'text' | 'email' | 'tel' | 'password' | 'search' | 'date' | 'number';
  autocomplete?: string;
  inputmode?: 'numeric' | 'tel' | 'email' | 'text' | 'search';
  width?: 'full' | '20' | '10' | '5';
  required?: boolean;
  spellcheck?: boolean;
}

export function Input(p: InputProps) {
  const widthClass = p.width && p.width !== 'full' ? ` govuk-input--width-${p.width}` : '';
  return (
    <FieldShell name={p.name} label={p.label} hint={p.hint} error={p.error}>
      <input
        class={`govuk-input${widthClass}${p.error ? ' govuk-input--error' : ''}`}
        id={fieldId(p.name)}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.type === 'password' ? undefined : p.value}
        autocomplete={p.autocomplete}
        inputmode={p.inputmode}
        aria-describedby={describedBy(p)}
        spellcheck={p.spellcheck === false ? 'false' : undefined}
        required={p.required}
      />
    </FieldShell>
  );
}

export function Textarea(p: FieldProps & { value?: string | undefined; rows: number; spellcheck?: boolean }) {
  return (
    <FieldShell name={p.name} label={p.label} hint={p.hint} error={p.error}>
      <textarea
        class={`govuk-textarea${p.error ? ' govuk-textarea--error' : ''}`}
        id={fieldId(p.name)}
        name={p.name}
        rows={String(p.rows)}
        aria-describedby={describedBy(p)}
        spellcheck={p.spellcheck === false ? 'false' : undefined}
        safe
      >
        {p.value ?? ''}
      </textarea>
    </FieldShell>
  );
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

export function Button({ children, secondary, name, value }: { children: JSX.Element; secondary?: boolean; name?: string; value?: string }) {
  return (
    <button type="submit" class={`govuk-button${secondary ? ' govuk-button--secondary' : ''}`} data-module="govuk-button" name={name} value={value}>
      {children}
    </button>
  );
}

export function Notification({ text, success }: { text: string; success?: boolean }) {
  return (
    <div
      class={`govuk-notification-banner${success ? ' govuk-notification-banner--success' : ''}`}
      role={success ? 'alert' : 'region'}
      aria-labelledby="notification-title"
      data-module="govuk-notification-banner"
    >
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id="notification-title">
          {success ? 'Thành công' : 'Thông báo'}
        </h2>
      </div>
      <div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading" safe>
          {text}
        </p>
      </div>
    </div>
  );
}

export function SummaryList({ rows }: { rows: { key: string; value: JSX.Element }[] }) {
  return (
    <dl class="govuk-summary-list">
      {rows.map((r) => (
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key" safe>
            {r.key}
          </dt>
          <dd class="govuk-summary-list__value">{r.value as 'safe'}</dd>
        </div>
      ))}
    </dl>
  );
}

/** GOV.UK pagination: previous, numbered pages (first, last, current and neighbours), next. */
export function Pagination({ page, total, pageSize, href }: { page: number; total: number; pageSize: number; href: (page: number) => string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return <></>;
  return (
    <nav class="govuk-pagination" aria-label="Phân trang">
      {page > 1 ? (
        <div class="govuk-pagination__prev">
          <a class="govuk-link govuk-pagination__link" href={href(page - 1)} rel="prev">
            <svg class="govuk-pagination__icon govuk-pagination__icon--prev" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13">
              <path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path>
            </svg>
            <span class="govuk-pagination__link-title">Trang trước</span>
          </a>
        </div>
      ) : (
        ''
      )}
      <ul class="govuk-pagination__list">
        {pageNumbers(page, pages).map((n) =>
          n === null ? (
            <li class="govuk-pagination__item govuk-pagination__item--ellipses">…</li>
          ) : (
            <li class={`govuk-pagination__item${n === page ? ' govuk-pagination__item--current' : ''}`}>
              <a class="govuk-link govuk-pagination__link" href={href(n)} aria-label={`Trang ${n}`} aria-current={n === page ? 'page' : undefined}>
                {n}
              </a>
            </li>
          ),
        )}
      </ul>
      {page < pages ? (
        <div class="govuk-pagination__next">
          <a class="govuk-link govuk-pagination__link" href={href(page + 1)} rel="next">
            <span class="govuk-pagination__link-title">Trang sau</span>
            <svg class="govuk-pagination__icon govuk-pagination__icon--next" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13">
              <path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"></path>
            </svg>
          </a>
        </div>
      ) : (
        ''
      )}
    </nav>
  );
}

/** Page numbers to show: the first, the last, and the current one with its neighbours; null is a gap. */
export function pageNumbers(page: number, pages: number): (number | null)[] {
  const wanted = new Set([1, pages, page - 1, page, page + 1].filter((n) => n >= 1 && n <= pages));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const n of sorted) {
    const prev = out[out.length - 1];
    if (typeof prev === 'number' && n - prev > 1) out.push(null);
    out.push(n);
  }
  return out;
}
