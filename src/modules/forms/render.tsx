// Server-side rendering of e-forms with GOV.UK Frontend markup. Everything works without
// JavaScript: repeatable groups add and remove items with submit buttons (`_action`), the
// commune list of an address is refreshed with a submit button, and conditional fields stay
// on the page with a hint saying when to fill them (`data-show-if` lets a script hide them).
// Every text that comes from a definition or an answer is escaped.
//
// Dates are one text box "dd/MM/yyyy" rather than GOV.UK's three boxes: it is how Vietnamese
// paper forms and the national portal ask for dates, it keeps one value and one error anchor per
// date for the POST and the JSON API alike, and the validator also takes 27-03-2019, 27.03.2019
// and 27032019, so a phone's numeric keypad (inputmode="numeric", without "/") is enough.
//
// The page's <form> should carry `novalidate` (the browser's own checks would speak English and
// block the add/remove buttons); those buttons also carry `formnovalidate`.
import type { FieldError } from '../../platform/errors';
import { formatDate, localDate } from '../../platform/format';
import { fieldId } from '../../web/components';
import { TWO_TIER_DATE } from '../org';
import {
  type AddressField,
  type AddressOptions,
  type Answers,
  answerLines,
  asRecord,
  type ChoiceField,
  conditionHolds,
  conditionText,
  CONTINUE_ACTION,
  type FieldDef,
  type FormDefinition,
  formatNumberInput,
  formatThousands,
  type GroupField,
  isBlankItem,
  isIsoDate,
  itemTitle,
  lowerFirst,
  maxItemsOf,
  minItemsOf,
  type MultiChoiceField,
  own,
  type PrefillKey,
  upperFirst,
  type YesNoField,
} from './model';

type Segment = string | number;

/** ['members', 1, 'birthDate'] → members[1][birthDate], the name parseFormBody reads back. */
function htmlName(segments: Segment[]): string {
  return segments.map((s, i) => (i === 0 ? String(s) : `[${s}]`)).join('');
}

/** ['members', 1, 'birthDate'] → members[1].birthDate, the path of validateAnswers' errors. */
function errorPath(segments: Segment[]): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

interface Ctx {
  errors: FieldError[];
  address?: AddressOptions | undefined;
  today: string;
  verified?: VerifiedValues | undefined;
}

/** The applicant's attributes verified by the national electronic identity, by prefill key. */
export type VerifiedValues = Partial<Record<PrefillKey, string>>;

/** What every field's markup needs: its ids, name, texts and error. */
interface Common {
  id: string;
  name: string;
  path: string;
  label: string;
  hint?: string | undefined;
  cond?: string | undefined;
  error?: string | undefined;
  showIf?: string | undefined;
  /** The box holds the value verified by the national electronic identity. */
  verified?: boolean | undefined;
}

function common(f: FieldDef, segments: Segment[], scope: readonly FieldDef[], ctx: Ctx): Common {
  const path = errorPath(segments);
  const optional = f.kind === 'group' ? minItemsOf(f) === 0 : !f.required;
  let showIf: string | undefined;
  if (f.showIf) {
    const wanted = 'in' in f.showIf ? f.showIf.in : [f.showIf.equals];
    showIf = JSON.stringify({ field: htmlName([...segments.slice(0, -1), f.showIf.field]), values: wanted.map(String) });
  }
  return {
    id: fieldId(path),
    name: htmlName(segments),
    path,
    label: optional ? `${f.label} (không bắt buộc)` : f.label,
    hint: f.hint,
    cond: f.showIf ? conditionText(f.showIf, scope) : undefined,
    error: ctx.errors.find((e) => e.field === path)?.message,
    showIf,
  };
}

function describedBy(c: Common): string | undefined {
  return [c.hint ? `${c.id}-hint` : '', c.verified ? `${c.id}-verified` : '', c.cond ? `${c.id}-cond` : '', c.error ? `${c.id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

function groupClass(error: string | undefined): string {
  return error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group';
}

const AUTOCOMPLETE: Record<PrefillKey, string> = {
  fullName: 'name',
  phone: 'tel',
  email: 'email',
  idNumber: 'off',
  birthDate: 'bday',
  address: 'street-address',
};

/** A raw or cleaned answer as the text box shows it: 1.250.000, 12,5, 27/03/2019. */
function displayValue(f: FieldDef, v: unknown): string {
  if (typeof v === 'string') return f.kind === 'date' && isIsoDate(v) ? formatDate(v) : v;
  if (typeof v === 'number' && Number.isFinite(v)) return f.kind === 'money' ? formatThousands(v) : formatNumberInput(v);
  return '';
}

// ---------------------------------------------------------------------------------------
// The form
// ---------------------------------------------------------------------------------------

export interface FormFieldsProps {
  def: FormDefinition;
  /** Raw answers (parseFormBody of a POST, prefill, a draft) or cleaned ones. */
  values: unknown;
  errors: FieldError[];
  /** Provinces and communes; without it, the unit codes are plain text boxes. */
  address?: AddressOptions | undefined;
  /** YYYY-MM-DD, for the communes offered; default: today in Vietnam. */
  today?: string | undefined;
  /** The applicant's verified attributes: a prefilled box still holding one is marked as verified. */
  verified?: VerifiedValues | undefined;
}

/**
 * Every field of the form, to put inside the page's <form> (with its CSRF field, error summary
 * and main button). It starts with a hidden default button (`_action=continue`), so that pressing
 * Enter in a text box submits the form instead of pressing the first "Xóa" button.
 */
export function FormFields(p: FormFieldsProps) {
  const ctx: Ctx = { errors: p.errors, address: p.address, today: p.today ?? localDate(new Date()), verified: p.verified };
  return (
    <>
      <button type="submit" name="_action" value={CONTINUE_ACTION} class="govuk-visually-hidden" tabindex="-1" aria-hidden="true">
        Tiếp tục
      </button>
      <Fields fields={p.def.fields} raw={asRecord(p.values)} segments={[]} ctx={ctx} />
    </>
  );
}

function Fields({ fields, raw, segments, ctx }: { fields: readonly FieldDef[]; raw: Answers; segments: Segment[]; ctx: Ctx }) {
  return (
    <>
      {fields.map((f) => (
        <>
          {f.section ? (
            <h2 class="govuk-heading-m" safe>
              {f.section}
            </h2>
          ) : (
            ''
          )}
          <Field f={f} value={own(raw, f.name)} segments={[...segments, f.name]} scope={fields} ctx={ctx} />
        </>
      ))}
    </>
  );
}

function Field({ f, value, segments, scope, ctx }: { f: FieldDef; value: unknown; segments: Segment[]; scope: readonly FieldDef[]; ctx: Ctx }) {
  const auto = f.prefill ? AUTOCOMPLETE[f.prefill] : undefined;
  const text = displayValue(f, value);
  const proven = f.prefill && segments.length === 1 ? ctx.verified?.[f.prefill] : undefined;
  const c = { ...common(f, segments, scope, ctx), verified: proven !== undefined && text !== '' && displayValue(f, proven) === text };
  switch (f.kind) {
    case 'text':
      return <TextInput c={c} value={text} autocomplete={f.autocomplete ?? auto} />;
    case 'longText':
      return (
        <LabelShell c={c}>
          <textarea class={`govuk-textarea${c.error ? ' govuk-textarea--error' : ''}`} id={c.id} name={c.name} rows={String(f.rows ?? 5)} aria-describedby={describedBy(c)} safe>
            {text}
          </textarea>
        </LabelShell>
      );
    case 'number':
      return <TextInput c={c} value={text} inputmode={f.decimal ? 'decimal' : 'numeric'} width="10" spellcheck={false} />;
    case 'money':
      return <TextInput c={c} value={text} inputmode="numeric" width="10" spellcheck={false} suffix="đồng" />;
    case 'date':
      return <TextInput c={{ ...c, hint: c.hint ?? 'Ví dụ: 27/03/2019' }} value={text} inputmode="numeric" width="10" spellcheck={false} autocomplete={auto} />;
    case 'phone':
      return <TextInput c={c} value={text} type="tel" width="20" autocomplete={auto} spellcheck={false} />;
    case 'email':
      return <TextInput c={c} value={text} type="email" autocomplete={auto} spellcheck={false} />;
    case 'cccd':
      return <TextInput c={c} value={text} inputmode="numeric" width="20" autocomplete={auto} spellcheck={false} />;
    case 'taxCode':
      return <TextInput c={c} value={text} width="20" spellcheck={false} />;
    case 'choice':
      return f.display === 'select' ? <Select c={c} f={f} value={value} /> : <Radios c={c} options={f.options} value={typeof value === 'string' ? value : undefined} />;
    case 'multiChoice':
      return <Checkboxes c={c} f={f} value={value} />;
    case 'yesNo':
      return <YesNo c={c} f={f} value={value} />;
    case 'address':
      return <Address c={c} f={f} value={value} segments={segments} ctx={ctx} />;
    case 'group':
      return <Group c={c} f={f} value={value} segments={segments} ctx={ctx} />;
  }
}

// ---------------------------------------------------------------------------------------
// Shells: label or legend, hints, error
// ---------------------------------------------------------------------------------------

function ErrorMessage({ c }: { c: Pick<Common, 'id' | 'error'> }) {
  if (!c.error) return <></>;
  return (
    <p id={`${c.id}-error`} class="govuk-error-message">
      <span class="govuk-visually-hidden">Lỗi:</span> <span safe>{c.error}</span>
    </p>
  );
}

function Hints({ c }: { c: Common }) {
  return (
    <>
      {c.hint ? (
        <div id={`${c.id}-hint`} class="govuk-hint" safe>
          {c.hint}
        </div>
      ) : (
        ''
      )}
      {c.verified ? (
        <div id={`${c.id}-verified`} class="govuk-hint">
          <strong class="govuk-tag govuk-tag--green">Đã xác thực</strong> qua tài khoản định danh điện tử
        </div>
      ) : (
        ''
      )}
      {c.cond ? (
        <div id={`${c.id}-cond`} class="govuk-hint" safe>
          {c.cond}
        </div>
      ) : (
        ''
      )}
      <ErrorMessage c={c} />
    </>
  );
}

function LabelShell({ c, children }: { c: Common; children: JSX.Element }) {
  return (
    <div class={groupClass(c.error)} data-show-if={c.showIf}>
      <label class="govuk-label" for={c.id} safe>
        {c.label}
      </label>
      <Hints c={c} />
      {children as 'safe'}
    </div>
  );
}

function FieldsetShell({ c, children, size = 's', id }: { c: Common; children: JSX.Element; size?: 's' | 'm'; id?: string }) {
  return (
    <div class={groupClass(c.error)} data-show-if={c.showIf}>
      <fieldset class="govuk-fieldset" id={id} aria-describedby={describedBy(c)}>
        <legend class={`govuk-fieldset__legend govuk-fieldset__legend--${size}`} safe>
          {c.label}
        </legend>
        <Hints c={c} />
        {children as 'safe'}
      </fieldset>
    </div>
  );
}

// ---------------------------------------------------------------------------------------
// Controls
// ---------------------------------------------------------------------------------------

interface TextInputProps {
  c: Common;
  value: string;
  type?: 'text' | 'tel' | 'email';
  inputmode?: 'numeric' | 'decimal';
  width?: '10' | '20';
  autocomplete?: string | undefined;
  spellcheck?: boolean;
  suffix?: string;
}

function TextInput(p: TextInputProps) {
  const { c } = p;
  const cls = `govuk-input${p.width ? ` govuk-input--width-${p.width}` : ''}${c.error ? ' govuk-input--error' : ''}`;
  const input = (
    <input
      class={cls}
      id={c.id}
      name={c.name}
      type={p.type ?? 'text'}
      value={p.value}
      inputmode={p.inputmode}
      autocomplete={p.autocomplete}
      spellcheck={p.spellcheck === false ? 'false' : undefined}
      aria-describedby={describedBy(c)}
    />
  );
  return (
    <LabelShell c={c}>
      {p.suffix ? (
        <div class="govuk-input__wrapper">
          {input as 'safe'}
          <div class="govuk-input__suffix" aria-hidden="true" safe>
            {p.suffix}
          </div>
        </div>
      ) : (
        (input as 'safe')
      )}
    </LabelShell>
  );
}

function Select({ c, f, value }: { c: Common; f: ChoiceField; value: unknown }) {
  return (
    <LabelShell c={c}>
      <select class={`govuk-select${c.error ? ' govuk-select--error' : ''}`} id={c.id} name={c.name} aria-describedby={describedBy(c)}>
        <option value="">Chọn</option>
        {f.options.map((o) => (
          <option value={o.value} selected={o.value === value} safe>
            {o.label}
          </option>
        ))}
      </select>
    </LabelShell>
  );
}

/** The first control takes the field's id, so that the error summary's link lands on it. */
function optionId(c: Common, index: number): string {
  return index === 0 ? c.id : `${c.id}-${index + 1}`;
}

function Radios({ c, options, value, inline }: { c: Common; options: { value: string; label: string }[]; value: string | undefined; inline?: boolean }) {
  return (
    <FieldsetShell c={c}>
      <div class={`govuk-radios${inline ? ' govuk-radios--inline' : ''}`} data-module="govuk-radios">
        {options.map((o, i) => (
          <div class="govuk-radios__item">
            <input class="govuk-radios__input" id={optionId(c, i)} name={c.name} type="radio" value={o.value} checked={o.value === value} />
            <label class="govuk-label govuk-radios__label" for={optionId(c, i)} safe>
              {o.label}
            </label>
          </div>
        ))}
      </div>
    </FieldsetShell>
  );
}

function YesNo({ c, value }: { c: Common; f: YesNoField; value: unknown }) {
  const current = value === true || value === 'true' ? 'true' : value === false || value === 'false' ? 'false' : undefined;
  return (
    <Radios
      c={c}
      inline
      options={[
        { value: 'true', label: 'Có' },
        { value: 'false', label: 'Không' },
      ]}
      value={current}
    />
  );
}

function Checkboxes({ c, f, value }: { c: Common; f: MultiChoiceField; value: unknown }) {
  const chosen = Array.isArray(value) ? value : [value];
  return (
    <FieldsetShell c={c}>
      <div class="govuk-checkboxes" data-module="govuk-checkboxes">
        {f.options.map((o, i) => (
          <div class="govuk-checkboxes__item">
            <input class="govuk-checkboxes__input" id={optionId(c, i)} name={c.name} type="checkbox" value={o.value} checked={chosen.includes(o.value)} />
            <label class="govuk-label govuk-checkboxes__label" for={optionId(c, i)} safe>
              {o.label}
            </label>
          </div>
        ))}
      </div>
    </FieldsetShell>
  );
}

function partOf(segments: Segment[], key: string, label: string, ctx: Ctx): Common {
  const path = errorPath([...segments, key]);
  return { id: fieldId(path), name: htmlName([...segments, key]), path, label, error: ctx.errors.find((e) => e.field === path)?.message };
}

function Address({ c, f, value, segments, ctx }: { c: Common; f: AddressField; value: unknown; segments: Segment[]; ctx: Ctx }) {
  const v = asRecord(value);
  const text = (key: string) => {
    const x = own(v, key);
    return typeof x === 'string' ? x : '';
  };
  const province = text('provinceCode');
  const commune = text('communeCode');
  const asOf = f.asOf === undefined || f.asOf === 'today' ? ctx.today : f.asOf;
  const lookup = ctx.address;
  const communes = lookup && province && lookup.provinces.some((x) => x.code === province) ? lookup.communesOf(province, asOf) : [];
  const pc = partOf(segments, 'provinceCode', lookup ? 'Tỉnh, thành phố' : 'Mã tỉnh, thành phố', ctx);
  // Thị trấn ended and đặc khu began with the two-tier local government of 01/07/2025.
  const communeKinds = asOf < TWO_TIER_DATE ? 'xã, phường, thị trấn' : 'xã, phường, đặc khu';
  const cc = partOf(segments, 'communeCode', lookup ? upperFirst(communeKinds) : `Mã ${communeKinds}`, ctx);
  const dc = partOf(segments, 'detail', 'Số nhà, đường, thôn, tổ dân phố', ctx);
  const ownAddress = f.prefill === 'address';
  const outer = { ...c, error: undefined };
  return (
    <div class={groupClass(pc.error ?? cc.error ?? dc.error)} data-show-if={c.showIf}>
      <fieldset class="govuk-fieldset" role="group" aria-describedby={describedBy(outer)}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s" safe>
          {c.label}
        </legend>
        <Hints c={outer} />
        {lookup ? (
          <>
            <div class={groupClass(pc.error)}>
              <label class="govuk-label" for={pc.id} safe>
                {pc.label}
              </label>
              <ErrorMessage c={pc} />
              <select
                class={`govuk-select${pc.error ? ' govuk-select--error' : ''}`}
                id={pc.id}
                name={pc.name}
                autocomplete={ownAddress ? 'address-level1' : undefined}
                aria-describedby={pc.error ? `${pc.id}-error` : undefined}
              >
                <option value="">Chọn tỉnh, thành phố</option>
                {lookup.provinces.map((x) => (
                  <option value={x.code} selected={x.code === province} safe>
                    {x.name}
                  </option>
                ))}
              </select>{' '}
              <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" name="_action" value="refresh" formnovalidate data-refresh-communes>
                Hiện danh sách xã, phường
              </button>
            </div>
            <div class={groupClass(cc.error)}>
              <label class="govuk-label" for={cc.id} safe>
                {cc.label}
              </label>
              <ErrorMessage c={cc} />
              <select
                class={`govuk-select${cc.error ? ' govuk-select--error' : ''}`}
                id={cc.id}
                name={cc.name}
                autocomplete={ownAddress ? 'address-level2' : undefined}
                aria-describedby={cc.error ? `${cc.id}-error` : undefined}
              >
                <option value="">{communes.length > 0 ? 'Chọn xã, phường' : 'Chọn tỉnh, thành phố trước'}</option>
                {communes.map((x) => (
                  <option value={x.code} selected={x.code === commune} safe>
                    {x.name}
                  </option>
                ))}
              </select>
            </div>
          </>
        ) : (
          <>
            <PartInput c={pc} value={province} width="10" />
            <PartInput c={cc} value={commune} width="10" />
          </>
        )}
        <PartInput c={dc} value={text('detail')} autocomplete={ownAddress ? 'address-line1' : undefined} />
      </fieldset>
    </div>
  );
}

function PartInput({ c, value, width, autocomplete }: { c: Common; value: string; width?: '10'; autocomplete?: string | undefined }) {
  return (
    <div class={groupClass(c.error)}>
      <label class="govuk-label" for={c.id} safe>
        {c.label}
      </label>
      <ErrorMessage c={c} />
      <input
        class={`govuk-input${width ? ` govuk-input--width-${width}` : ''}${c.error ? ' govuk-input--error' : ''}`}
        id={c.id}
        name={c.name}
        type="text"
        value={value}
        autocomplete={autocomplete}
        aria-describedby={c.error ? `${c.id}-error` : undefined}
      />
    </div>
  );
}

/**
 * The items posted so far, padded to the minimum, plus one empty item when the last one is
 * filled in (the validator ignores items left blank). Each posted item has its "Xóa" button.
 */
function Group({ c, f, value, segments, ctx }: { c: Common; f: GroupField; value: unknown; segments: Segment[]; ctx: Ctx }) {
  const posted: unknown[] = Array.isArray(value) ? value : [];
  const items = [...posted];
  while (items.length < minItemsOf(f)) items.push({});
  if (items.length < maxItemsOf(f) && (items.length === 0 || !isBlankItem(f.fields, items[items.length - 1]))) items.push({});
  return (
    <FieldsetShell c={c} size="m" id={c.id}>
      <>
        {items.map((item, i) => (
          <fieldset class="govuk-fieldset app-group-item">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s" safe>
              {itemTitle(f, i)}
            </legend>
            <Fields fields={f.fields} raw={asRecord(item)} segments={[...segments, i]} ctx={ctx} />
            {i < posted.length ? (
              <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" name="_action" value={`remove:${f.name}:${i}`} formnovalidate>
                Xóa
                <span class="govuk-visually-hidden" safe>
                  {` ${f.itemLabel} ${i + 1}`}
                </span>
              </button>
            ) : (
              ''
            )}
          </fieldset>
        ))}
        {items.length < maxItemsOf(f) ? (
          <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" name="_action" value={`add:${f.name}`} formnovalidate safe>
            {`Thêm ${f.itemLabel}`}
          </button>
        ) : (
          ''
        )}
      </>
    </FieldsetShell>
  );
}

// ---------------------------------------------------------------------------------------
// "Kiểm tra lại thông tin"
// ---------------------------------------------------------------------------------------

export interface AnswersSummaryProps {
  def: FormDefinition;
  /** The cleaned answers (validateAnswers' value). */
  value: Answers;
  /** To show province and commune names instead of codes. */
  address?: AddressOptions | undefined;
  today?: string | undefined;
  /** The form page; each row then links to `${changeHref}#<field id>`. */
  changeHref?: string | undefined;
}

type Block = { heading?: string | undefined; rows: FieldDef[] } | { group: GroupField };

/** The answers as GOV.UK summary lists, one per section; each group item as a summary card. */
export function AnswersSummary(p: AnswersSummaryProps) {
  const opts = { today: p.today ?? localDate(new Date()), address: p.address };
  const blocks: Block[] = [{ rows: [] }];
  for (const f of p.def.fields) {
    if (f.showIf && !conditionHolds(f.showIf, p.value)) continue;
    if (f.section) blocks.push({ heading: f.section, rows: [] });
    if (f.kind === 'group') blocks.push({ group: f }, { rows: [] });
    else (blocks[blocks.length - 1] as { rows: FieldDef[] }).rows.push(f);
  }
  return (
    <>
      {blocks.map((b) =>
        'group' in b ? (
          <GroupSummary f={b.group} items={own(p.value, b.group.name)} opts={opts} changeHref={p.changeHref} />
        ) : (
          <>
            {b.heading ? (
              <h2 class="govuk-heading-m" safe>
                {b.heading}
              </h2>
            ) : (
              ''
            )}
            {b.rows.length > 0 ? <SummaryRows fields={b.rows} value={p.value} segments={[]} opts={opts} changeHref={p.changeHref} /> : ''}
          </>
        ),
      )}
    </>
  );
}

type Opts = { today: string; address?: AddressOptions | undefined };

function SummaryRows({ fields, value, segments, opts, changeHref }: { fields: FieldDef[]; value: Answers; segments: Segment[]; opts: Opts; changeHref?: string | undefined }) {
  return (
    <dl class="govuk-summary-list">
      {fields.map((f) => (
        <SummaryRow f={f} v={own(value, f.name)} path={errorPath([...segments, f.name, ...(f.kind === 'address' ? ['provinceCode'] : [])])} opts={opts} changeHref={changeHref} />
      ))}
    </dl>
  );
}

function SummaryRow({ f, v, path, opts, changeHref }: { f: FieldDef; v: unknown; path: string; opts: Opts; changeHref?: string | undefined }) {
  const lines = answerLines(f, v, opts);
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key" safe>
        {f.label}
      </dt>
      <dd class="govuk-summary-list__value">
        {lines.length === 0 ? (
          <span class="govuk-hint">Không khai</span>
        ) : lines.length === 1 ? (
          <span safe>{lines[0]}</span>
        ) : (
          <ul class="govuk-list">
            {lines.map((l) => (
              <li safe>{l}</li>
            ))}
          </ul>
        )}
      </dd>
      {changeHref !== undefined ? (
        <dd class="govuk-summary-list__actions">
          <a class="govuk-link" href={`${changeHref}#${fieldId(path)}`}>
            Thay đổi
            <span class="govuk-visually-hidden" safe>
              {` ${lowerFirst(f.label)}`}
            </span>
          </a>
        </dd>
      ) : (
        ''
      )}
    </div>
  );
}

function GroupSummary({ f, items, opts, changeHref }: { f: GroupField; items: unknown; opts: Opts; changeHref?: string | undefined }) {
  const list = Array.isArray(items) ? items.map(asRecord) : [];
  return (
    <>
      <h3 class="govuk-heading-s" safe>
        {f.label}
      </h3>
      {list.length === 0 ? (
        <p class="govuk-body">Không khai</p>
      ) : (
        list.map((item, i) => (
          <div class="govuk-summary-card">
            <div class="govuk-summary-card__title-wrapper">
              <h4 class="govuk-summary-card__title" safe>
                {itemTitle(f, i)}
              </h4>
            </div>
            <div class="govuk-summary-card__content">
              <SummaryRows fields={f.fields.filter((x) => !x.showIf || conditionHolds(x.showIf, item))} value={item} segments={[f.name, i]} opts={opts} changeHref={changeHref} />
            </div>
          </div>
        ))
      )}
    </>
  );
}
