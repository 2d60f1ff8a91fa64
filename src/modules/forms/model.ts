// E-forms as data (issue 6): a procedure's tờ khai is a versioned list of typed fields.
// One pure validator checks the answers for the server (whose word is final) and for the
// browser, so nothing here may do I/O or use Node-only APIs: this file is bundled for the
// browser too. Rendering is in render.tsx; the definitions of the demo procedures are in
// definitions/.
import type { FieldError } from '../../platform/errors';
import { formatDate, formatMoney } from '../../platform/format';
// accounts/index.ts also re-exports its services (database, argon2), which cannot go to the
// browser; these two normalisers are pure, so they are taken from its model.
import { normalizeEmail, normalizePhone } from '../accounts/model';

// ---------------------------------------------------------------------------------------
// Definitions
// ---------------------------------------------------------------------------------------

export const FIELD_KINDS = [
  'text',
  'longText',
  'number',
  'money',
  'date',
  'choice',
  'multiChoice',
  'yesNo',
  'phone',
  'email',
  'cccd',
  'taxCode',
  'address',
  'group',
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** How the admin editor names each kind. */
export const KIND_LABELS: Record<FieldKind, string> = {
  text: 'Văn bản ngắn',
  longText: 'Văn bản dài',
  number: 'Số',
  money: 'Số tiền',
  date: 'Ngày',
  choice: 'Chọn một',
  multiChoice: 'Chọn nhiều',
  yesNo: 'Có/Không',
  phone: 'Số điện thoại',
  email: 'Thư điện tử',
  cccd: 'Số định danh cá nhân',
  taxCode: 'Mã số thuế',
  address: 'Địa chỉ',
  group: 'Nhóm lặp lại',
};

/** The stable key of a field: what the cleaned data, the HTML names and the error paths use. */
export const FIELD_NAME_PATTERN = /^[a-z][a-zA-Z0-9_]*$/;

/** Profile data a field can be filled from, and the kind of field each one fits. */
export const PREFILL_KINDS = {
  fullName: 'text',
  phone: 'phone',
  email: 'email',
  idNumber: 'cccd',
  birthDate: 'date',
  address: 'address',
} as const satisfies Record<string, FieldKind>;
export type PrefillKey = keyof typeof PREFILL_KINDS;

export interface ChoiceOption {
  value: string;
  label: string;
}

/**
 * The field is shown, and required if it is `required`, only when an earlier field of the same
 * scope (the form, or the same group item) has one of these answers. The earlier field is a
 * choice, a multiple choice (any of its answers counts) or a yes/no (`equals: true|false`).
 */
export type ShowIf = { field: string; equals: string | boolean } | { field: string; in: string[] };

interface FieldBase {
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  /** Replaces the default "Nhập …" / "Chọn …" message. */
  requiredMessage?: string;
  showIf?: ShowIf;
  /** Starts a new section (a heading) with this title; top-level fields only. */
  section?: string;
  /** Filled from the citizen's profile; the field's kind must fit (PREFILL_KINDS). */
  prefill?: PrefillKey;
}

export interface TextField extends FieldBase {
  kind: 'text';
  minLength?: number;
  /** Default TEXT_MAX_LENGTH. Lengths count characters (code points), as JSON Schema does. */
  maxLength?: number;
  /** Checked with the `u` flag against the trimmed text; needs `patternMessage`. */
  pattern?: string;
  patternMessage?: string;
  defaultValue?: string;
  autocomplete?: string;
}
export interface LongTextField extends FieldBase {
  kind: 'longText';
  minLength?: number;
  /** Default LONG_TEXT_MAX_LENGTH. */
  maxLength?: number;
  rows?: number;
}
export interface NumberField extends FieldBase {
  kind: 'number';
  min?: number;
  max?: number;
  /** Allow a decimal part, written with a comma (12,5). Default: whole numbers only. */
  decimal?: boolean;
}
/** Integer đồng, entered and shown with dots between thousands (1.250.000). */
export interface MoneyField extends FieldBase {
  kind: 'money';
  min?: number;
  max?: number;
}
/** Entered dd/MM/yyyy, kept as YYYY-MM-DD. Bounds are 'today' or YYYY-MM-DD, inclusive. */
export interface DateField extends FieldBase {
  kind: 'date';
  minDate?: string;
  maxDate?: string;
}
export interface ChoiceField extends FieldBase {
  kind: 'choice';
  options: ChoiceOption[];
  /** Radios (default) or a drop-down list for long lists. */
  display?: 'radios' | 'select';
  defaultValue?: string;
}
export interface MultiChoiceField extends FieldBase {
  kind: 'multiChoice';
  options: ChoiceOption[];
}
export interface YesNoField extends FieldBase {
  kind: 'yesNo';
  defaultValue?: boolean;
}
export interface PlainField extends FieldBase {
  kind: 'phone' | 'email' | 'cccd' | 'taxCode';
}
/** Province and commune from the organisation data, plus the house number, street, hamlet. */
export interface AddressField extends FieldBase {
  kind: 'address';
  /** The date whose units are offered: 'today' (default) or YYYY-MM-DD (e.g. before 01/07/2025). */
  asOf?: string;
}
/** A repeatable group (e.g. household members). Groups do not nest. */
export interface GroupField extends FieldBase {
  kind: 'group';
  /** What one item is called, in lower case: "thành viên" → "Thêm thành viên", "Thành viên 2". */
  itemLabel: string;
  fields: FieldDef[];
  /** Default 0, or 1 when `required`. */
  minItems?: number;
  /** Default GROUP_MAX_ITEMS. */
  maxItems?: number;
}

export type FieldDef =
  | TextField
  | LongTextField
  | NumberField
  | MoneyField
  | DateField
  | ChoiceField
  | MultiChoiceField
  | YesNoField
  | PlainField
  | AddressField
  | GroupField;

export interface FormDefinition {
  /** National procedure code, d.dddddd. */
  procedureCode: string;
  /** A dossier keeps the version it was filled in; a changed form gets a new version. */
  version: number;
  title: string;
  fields: FieldDef[];
}

export const TEXT_MAX_LENGTH = 500;
export const LONG_TEXT_MAX_LENGTH = 5000;
export const ADDRESS_DETAIL_MAX_LENGTH = 200;
export const GROUP_MAX_ITEMS = 50;
/** No definition may allow more items than this. */
export const GROUP_ITEMS_LIMIT = 100;
/** parseFormBody ignores list indices above this; validateAnswers refuses longer lists. */
export const RAW_LIST_LIMIT = 1000;

export interface Unit {
  code: string;
  name: string;
}

/** Provinces and their communes, from the organisation data; communes as they were on a date. */
export interface AddressOptions {
  provinces: Unit[];
  communesOf(provinceCode: string, onDate: string): Unit[];
}

export interface AddressValue {
  provinceCode: string;
  communeCode: string;
  detail: string;
}

export interface ValidationContext {
  /** Today in Vietnam, YYYY-MM-DD (platform/format localDate). */
  today: string;
  /** Without it, province and commune codes are checked for shape only. */
  address?: AddressOptions;
}

export type Answers = Record<string, unknown>;

// ---------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------

type Rec = Record<string, unknown>;

function isRecord(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An answer by field name, own properties only (a field named `constructor` reads nothing). */
export function own(rec: Rec, key: string): unknown {
  return Object.hasOwn(rec, key) ? rec[key] : undefined;
}

/** The answers object of a raw value; anything that is not an object counts as no answers. */
export function asRecord(v: unknown): Answers {
  return isRecord(v) ? v : {};
}

function isText(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}

/** Nothing was answered: no value, blank text, or lists and objects of blanks. */
export function isBlank(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (Array.isArray(v)) return v.every(isBlank);
  if (isRecord(v)) return Object.values(v).every(isBlank);
  return false;
}

/** A group item in which none of the group's fields was answered (the spare item of the page). */
export function isBlankItem(fields: readonly FieldDef[], item: unknown): boolean {
  if (!isRecord(item)) return isBlank(item);
  return fields.every((f) => isBlank(own(item, f.name)));
}

/** "Họ và tên" → "họ và tên", but "CCCD" and "Email" keep their capitals. */
export function lowerFirst(label: string): string {
  return /^\p{Lu}\p{Ll}/u.test(label) ? label.charAt(0).toLocaleLowerCase('vi') + label.slice(1) : label;
}

export function upperFirst(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isoDate(y: number, m: number, d: number): string | undefined {
  if (y < 1800 || y > 9999 || m < 1 || m > 12 || d < 1) return undefined;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return undefined;
  return `${String(y)}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function isIsoDate(v: unknown): v is string {
  const m = typeof v === 'string' ? ISO_DATE.exec(v) : null;
  return m !== null && isoDate(Number(m[1]), Number(m[2]), Number(m[3])) === v;
}

/**
 * A date as a person types it: dd/MM/yyyy (also d/M/yyyy, with - . or space between, or the
 * eight digits alone so that a phone's numeric keypad is enough), or YYYY-MM-DD as JSON sends it.
 */
export function parseDateInput(input: string): { date: string } | { problem: 'format' | 'invalid' } {
  const s = input.trim();
  const iso = ISO_DATE.exec(s);
  const dmy = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$/.exec(s) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  let date: string | undefined;
  if (iso) date = isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  else if (dmy) date = isoDate(Number(dmy[3]), Number(dmy[2]), Number(dmy[1]));
  else return { problem: 'format' };
  return date ? { date } : { problem: 'invalid' };
}

function resolveDate(bound: string, today: string): string {
  return bound === 'today' ? today : bound;
}

/** 1.250.000: the number part of a money answer as a person types it. */
export function formatThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** A number as it is shown in a field: no grouping (years stay 1990), a comma before decimals. */
export function formatNumberInput(n: number): string {
  return String(n).replace('.', ',');
}

// The e-mail shape normalizeEmail accepts, for the JSON Schema (a test keeps the two in step).
const EMAIL_PATTERN = '^[^\\s@]{1,64}@[^\\s@]{1,253}\\.[a-z]{2,}$';
const CODE_PATTERN = /^\d\.\d{6}$/; // catalogue's procedure code, d.dddddd
const UNIT_CODE_PATTERN = /^[A-Za-z0-9_.-]{1,40}$/;
const OPTION_VALUE_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
// Control characters and lone surrogates: PostgreSQL's jsonb refuses \u0000 and lone surrogates.
const BAD_CHARS = /[\p{Cc}\p{Cs}]/u;
const BAD_CHARS_MULTILINE = /[^\P{Cc}\n\t]|\p{Cs}/u;

export function minItemsOf(f: GroupField): number {
  return f.minItems ?? (f.required ? 1 : 0);
}

export function maxItemsOf(f: GroupField): number {
  return f.maxItems ?? GROUP_MAX_ITEMS;
}

/** Whether a field's condition holds, given the cleaned answers of its scope so far. */
export function conditionHolds(showIf: ShowIf, scope: Answers): boolean {
  const v = own(scope, showIf.field);
  if (v === undefined) return false;
  const wanted: (string | boolean)[] = 'in' in showIf ? showIf.in : [showIf.equals];
  if (Array.isArray(v)) return v.some((x) => wanted.includes(x as string));
  return wanted.includes(v as string | boolean);
}

// ---------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------

function requiredMessage(f: FieldDef): string {
  if (f.requiredMessage) return f.requiredMessage;
  switch (f.kind) {
    case 'choice':
    case 'multiChoice':
      return `Chọn ${lowerFirst(f.label)}`;
    case 'yesNo':
      return `Chọn “Có” hoặc “Không” cho câu hỏi “${f.label}”`;
    default:
      return `Nhập ${lowerFirst(f.label)}`;
  }
}

function invalidMessage(f: FieldDef): string {
  return `${f.label} không hợp lệ`;
}

function formatBound(f: NumberField | MoneyField, n: number): string {
  return f.kind === 'money' ? formatMoney(n) : formatNumberInput(n);
}

// ---------------------------------------------------------------------------------------
// Validation of answers
// ---------------------------------------------------------------------------------------

interface Scope {
  ctx: ValidationContext;
  errors: FieldError[];
  /** Added to every message inside a group item: " (thành viên 2)". */
  suffix: string;
}

function fail(s: Scope, field: string, message: string): undefined {
  s.errors.push({ field, message: message + s.suffix });
  return undefined;
}

/**
 * Checks and cleans the answers to a form. `raw` is a form POST after parseFormBody (strings,
 * arrays of strings for check boxes) or JSON (numbers, booleans, YYYY-MM-DD dates are accepted
 * too, so a cleaned value validates again to itself). Every error names its field by path
 * (`members[1].birthDate`, `requesterAddress.communeCode`); the indices of group items are those
 * of `raw`, so that they match the page that was posted.
 *
 * The cleaned value holds only the fields that are shown and answered: texts trimmed (NFC,
 * spaces collapsed), numbers as numbers, money as integer đồng, dates as YYYY-MM-DD, yes/no as
 * booleans, phones as 0xxxxxxxxx, e-mails in lower case, check boxes in option order, group items
 * that were left blank dropped. Hidden fields are dropped whatever was sent for them.
 */
export function validateAnswers(def: FormDefinition, raw: unknown, ctx: ValidationContext): { errors: FieldError[]; value?: Answers } {
  const s: Scope = { ctx, errors: [], suffix: '' };
  const value = cleanScope(def.fields, isRecord(raw) ? raw : {}, '', s);
  return s.errors.length > 0 ? { errors: s.errors } : { errors: [], value };
}

function cleanScope(fields: readonly FieldDef[], raw: Rec, prefix: string, s: Scope): Answers {
  const out: Answers = {};
  for (const f of fields) {
    if (f.showIf && !conditionHolds(f.showIf, out)) continue;
    const v = cleanField(f, own(raw, f.name), prefix ? `${prefix}.${f.name}` : f.name, s);
    if (v !== undefined) out[f.name] = v;
  }
  return out;
}

function cleanField(f: FieldDef, v: unknown, path: string, s: Scope): unknown {
  if (f.kind === 'group') return cleanGroup(f, v, path, s);
  if (f.kind === 'address') return cleanAddress(f, v, path, s);
  if (isBlank(v)) return f.required ? fail(s, path, requiredMessage(f)) : undefined;
  switch (f.kind) {
    case 'text':
    case 'longText':
      return cleanText(f, v, path, s);
    case 'number':
      return cleanNumber(f, v, path, s);
    case 'money':
      return cleanMoney(f, v, path, s);
    case 'date':
      return cleanDate(f, v, path, s);
    case 'choice':
      return cleanChoice(f, v, path, s);
    case 'multiChoice':
      return cleanMultiChoice(f, v, path, s);
    case 'yesNo':
      if (v === true || v === 'true') return true;
      if (v === false || v === 'false') return false;
      return fail(s, path, requiredMessage(f));
    case 'phone':
      return (typeof v === 'string' && normalizePhone(v)) || fail(s, path, `${f.label} không đúng định dạng, ví dụ 0912345678`);
    case 'email':
      return (typeof v === 'string' && normalizeEmail(v)) || fail(s, path, `${f.label} không đúng định dạng, ví dụ ten@vidu.vn`);
    case 'cccd':
      return cleanDigits(v, /^\d{12}$/, path, s, `${f.label} phải gồm đúng 12 chữ số`);
    case 'taxCode':
      return cleanDigits(v, /^\d{10}(-\d{3})?$/, path, s, `${f.label} phải gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số với đơn vị phụ thuộc (ví dụ 0101234567-001)`);
  }
}

function cleanText(f: TextField | LongTextField, v: unknown, path: string, s: Scope): string | undefined {
  if (typeof v !== 'string') return fail(s, path, invalidMessage(f));
  const multiline = f.kind === 'longText';
  const text = multiline ? v.normalize('NFC').replace(/\r\n?/g, '\n').trim() : v.normalize('NFC').replace(/\s+/g, ' ').trim();
  if ((multiline ? BAD_CHARS_MULTILINE : BAD_CHARS).test(text)) return fail(s, path, `${f.label} chứa ký tự không hợp lệ`);
  const length = [...text].length;
  if (f.minLength !== undefined && length < f.minLength) return fail(s, path, `${f.label} phải có ít nhất ${f.minLength} ký tự`);
  const max = f.maxLength ?? (multiline ? LONG_TEXT_MAX_LENGTH : TEXT_MAX_LENGTH);
  if (length > max) return fail(s, path, `${f.label} không được dài quá ${max} ký tự`);
  if (f.kind === 'text' && f.pattern && !new RegExp(f.pattern, 'u').test(text)) {
    return fail(s, path, f.patternMessage ?? `${f.label} không đúng định dạng`);
  }
  return text;
}

function cleanNumber(f: NumberField, v: unknown, path: string, s: Scope): number | undefined {
  let n: number;
  if (typeof v === 'number') {
    n = v;
  } else if (typeof v === 'string') {
    // Vietnamese writing: dots between thousands, a comma before the decimals (1.250,5).
    const m = /^(-?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/.exec(v.replace(/\s/g, ''));
    if (!m) {
      return fail(s, path, f.decimal ? `${f.label} phải là một số, phần thập phân viết sau dấu phẩy (ví dụ 12,5)` : `${f.label} phải là một số nguyên`);
    }
    n = Number(`${m[1]}${(m[2] ?? '').replace(/\./g, '')}${m[3] ? `.${m[3]}` : ''}`);
  } else {
    return fail(s, path, invalidMessage(f));
  }
  if (!Number.isFinite(n)) return fail(s, path, invalidMessage(f));
  if (!f.decimal && !Number.isInteger(n)) return fail(s, path, `${f.label} phải là một số nguyên`);
  if (Math.abs(n) > Number.MAX_SAFE_INTEGER) return fail(s, path, `${f.label} quá lớn`);
  if (f.min !== undefined && n < f.min) return fail(s, path, `${f.label} phải từ ${formatBound(f, f.min)} trở lên`);
  if (f.max !== undefined && n > f.max) return fail(s, path, `${f.label} không được lớn hơn ${formatBound(f, f.max)}`);
  return n === 0 ? 0 : n; // no -0
}

function cleanMoney(f: MoneyField, v: unknown, path: string, s: Scope): number | undefined {
  const message = `${f.label} phải là số tiền bằng đồng, ví dụ 1.250.000`;
  let n: number;
  if (typeof v === 'number') {
    n = v;
  } else if (typeof v === 'string') {
    const t = v
      .replace(/\s/g, '')
      .replace(/(?:₫|đồng|vnđ|vnd|đ)$/iu, '');
    if (!/^(?:\d+|\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+)$/.test(t)) return fail(s, path, message);
    n = Number(t.replace(/[.,]/g, ''));
  } else {
    return fail(s, path, invalidMessage(f));
  }
  if (!Number.isInteger(n) || n < 0) return fail(s, path, message);
  if (!Number.isSafeInteger(n)) return fail(s, path, `${f.label} quá lớn`);
  if (f.min !== undefined && n < f.min) return fail(s, path, `${f.label} phải từ ${formatBound(f, f.min)} trở lên`);
  if (f.max !== undefined && n > f.max) return fail(s, path, `${f.label} không được lớn hơn ${formatBound(f, f.max)}`);
  return n;
}

function cleanDate(f: DateField, v: unknown, path: string, s: Scope): string | undefined {
  if (typeof v !== 'string') return fail(s, path, invalidMessage(f));
  const parsed = parseDateInput(v);
  if ('problem' in parsed) {
    return fail(s, path, parsed.problem === 'format' ? `${f.label} phải có dạng dd/MM/yyyy` : `${f.label} phải là một ngày có thật`);
  }
  const { date } = parsed;
  const today = s.ctx.today;
  if (f.minDate !== undefined && date < resolveDate(f.minDate, today)) {
    return fail(s, path, `${f.label} không được trước ${f.minDate === 'today' ? 'ngày hôm nay' : `ngày ${formatDate(f.minDate)}`}`);
  }
  if (f.maxDate !== undefined && date > resolveDate(f.maxDate, today)) {
    return fail(s, path, `${f.label} không được sau ${f.maxDate === 'today' ? 'ngày hôm nay' : `ngày ${formatDate(f.maxDate)}`}`);
  }
  return date;
}

function cleanChoice(f: ChoiceField, v: unknown, path: string, s: Scope): string | undefined {
  if (typeof v !== 'string') return fail(s, path, invalidMessage(f));
  const value = v.trim();
  return f.options.some((o) => o.value === value) ? value : fail(s, path, `Chọn ${lowerFirst(f.label)} trong danh sách`);
}

function cleanMultiChoice(f: MultiChoiceField, v: unknown, path: string, s: Scope): string[] | undefined {
  const list = Array.isArray(v) ? v : [v];
  if (!list.every((x) => typeof x === 'string')) return fail(s, path, invalidMessage(f));
  const chosen = new Set(list.map((x) => x.trim()).filter((x) => x !== ''));
  if (![...chosen].every((x) => f.options.some((o) => o.value === x))) return fail(s, path, `Chọn ${lowerFirst(f.label)} trong danh sách`);
  return f.options.filter((o) => chosen.has(o.value)).map((o) => o.value);
}

function cleanDigits(v: unknown, pattern: RegExp, path: string, s: Scope, message: string): string | undefined {
  if (typeof v !== 'string') return fail(s, path, message);
  const t = v.replace(/[\s.]/g, '');
  return pattern.test(t) ? t : fail(s, path, message);
}

function cleanAddress(f: AddressField, v: unknown, path: string, s: Scope): AddressValue | undefined {
  if (isBlank(v)) return f.required ? fail(s, `${path}.provinceCode`, requiredMessage(f)) : undefined;
  if (!isRecord(v)) return fail(s, `${path}.provinceCode`, invalidMessage(f));
  const part = (key: string): string | undefined => {
    const x = own(v, key);
    if (x === undefined || x === null) return '';
    return typeof x === 'string' ? x.normalize('NFC').replace(/\s+/g, ' ').trim() : undefined;
  };
  const provinceCode = part('provinceCode');
  const communeCode = part('communeCode');
  const detail = part('detail');
  if (provinceCode === undefined || communeCode === undefined || detail === undefined) return fail(s, `${path}.provinceCode`, invalidMessage(f));

  const before = s.errors.length;
  const lookup = s.ctx.address;
  const label = f.label;
  let provinceOk = false;
  if (!provinceCode) fail(s, `${path}.provinceCode`, `${label}: chọn tỉnh, thành phố`);
  else if (lookup ? !lookup.provinces.some((p) => p.code === provinceCode) : !UNIT_CODE_PATTERN.test(provinceCode)) {
    fail(s, `${path}.provinceCode`, `${label}: tỉnh, thành phố không có trong danh sách`);
  } else provinceOk = true;

  if (!communeCode) fail(s, `${path}.communeCode`, `${label}: chọn xã, phường`);
  else if (!UNIT_CODE_PATTERN.test(communeCode)) fail(s, `${path}.communeCode`, `${label}: xã, phường không có trong danh sách`);
  else if (lookup && provinceOk) {
    const communes = lookup.communesOf(provinceCode, resolveDate(f.asOf ?? 'today', s.ctx.today));
    if (!communes.some((c) => c.code === communeCode)) fail(s, `${path}.communeCode`, `${label}: xã, phường không thuộc tỉnh, thành phố đã chọn`);
  }

  if (!detail) fail(s, `${path}.detail`, `${label}: nhập số nhà, đường, thôn, tổ dân phố`);
  else if (BAD_CHARS.test(detail)) fail(s, `${path}.detail`, `${label}: số nhà, đường, thôn, tổ dân phố chứa ký tự không hợp lệ`);
  else if ([...detail].length > ADDRESS_DETAIL_MAX_LENGTH) {
    fail(s, `${path}.detail`, `${label}: số nhà, đường, thôn, tổ dân phố không được dài quá ${ADDRESS_DETAIL_MAX_LENGTH} ký tự`);
  }
  return s.errors.length === before ? { provinceCode, communeCode, detail } : undefined;
}

function cleanGroup(f: GroupField, v: unknown, path: string, s: Scope): Answers[] | undefined {
  const min = minItemsOf(f);
  const max = maxItemsOf(f);
  if (!isBlank(v) && !Array.isArray(v)) return fail(s, path, invalidMessage(f));
  const list: unknown[] = Array.isArray(v) ? v : [];
  if (list.length > RAW_LIST_LIMIT) return fail(s, path, `Chỉ được khai tối đa ${max} ${f.itemLabel}`);
  const items: Answers[] = [];
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (isBlankItem(f.fields, item)) continue; // the spare empty item of the page
    const inner: Scope = { ...s, suffix: `${s.suffix} (${f.itemLabel} ${i + 1})` };
    items.push(cleanScope(f.fields, isRecord(item) ? item : {}, `${path}[${i}]`, inner));
  }
  if (items.length < min) return fail(s, path, `Cần ít nhất ${min} ${f.itemLabel}`);
  if (items.length > max) return fail(s, path, `Chỉ được khai tối đa ${max} ${f.itemLabel}`);
  return items;
}

// ---------------------------------------------------------------------------------------
// Form posts
// ---------------------------------------------------------------------------------------

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_KEY_DEPTH = 6;

/**
 * Turns the flat names of a form post into nested answers: `members[0][fullName]` →
 * `{ members: [{ fullName }] }`, `docs[]` appends, a repeated name stays an array. List
 * indices above RAW_LIST_LIMIT - 1, names deeper than six levels, prototype names and names
 * that clash with another (`a=1` and `a[b]=2`) are ignored; holes in lists are closed up.
 */
export function parseFormBody(flat: Record<string, string | string[]>): Answers {
  const root: Rec = {};
  for (const [key, value] of Object.entries(flat)) {
    const segments = splitName(key);
    if (segments) put(root, segments, value);
  }
  return compact(root) as Answers;
}

type Segment = string | number | null; // null: `[]`, append

function splitName(key: string): Segment[] | undefined {
  const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!m || m[1] === undefined) return undefined;
  const parts = [m[1], ...[...(m[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1] ?? '')];
  if (parts.length > MAX_KEY_DEPTH) return undefined;
  const segments: Segment[] = [];
  for (const [i, part] of parts.entries()) {
    if (UNSAFE_KEYS.has(part)) return undefined;
    if (i > 0 && part === '') segments.push(null);
    else if (i > 0 && /^\d+$/.test(part)) {
      const index = Number(part);
      if (index >= RAW_LIST_LIMIT) return undefined;
      segments.push(index);
    } else segments.push(part);
  }
  return segments;
}

function put(root: Rec, segments: Segment[], value: string | string[]): void {
  let node: Rec | unknown[] = root;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] as Segment;
    const last = i === segments.length - 1;
    if (Array.isArray(node) !== (typeof seg === 'number' || seg === null)) return; // clash
    if (last) {
      if (seg === null) (node as unknown[]).push(...(Array.isArray(value) ? value : [value]));
      else if (slot(node, seg) === undefined) setSlot(node, seg, value);
      return;
    }
    const next = segments[i + 1];
    const wantList = typeof next === 'number' || next === null;
    let child = seg === null ? undefined : slot(node, seg);
    if (child === undefined) {
      child = wantList ? [] : {};
      if (seg === null) (node as unknown[]).push(child);
      else setSlot(node, seg, child);
    }
    if (wantList ? !Array.isArray(child) : !isRecord(child)) return; // clash
    node = child as Rec | unknown[];
  }
}

function slot(node: Rec | unknown[], seg: string | number): unknown {
  return Array.isArray(node) ? node[seg as number] : own(node, seg as string);
}

function setSlot(node: Rec | unknown[], seg: string | number, value: unknown): void {
  if (Array.isArray(node)) node[seg as number] = value;
  else node[seg as string] = value;
}

function compact(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter(() => true).map(compact); // filter skips holes
  if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, compact(x)]));
  return v;
}

/** The value of the default submit button that FormFields puts first in the form. */
export const CONTINUE_ACTION = 'continue';

/** What a submit button of the form asked for (`name="_action"`). */
export type FormAction =
  | { kind: 'continue' }
  /** Re-render, e.g. to list the communes of the chosen province. */
  | { kind: 'refresh' }
  | { kind: 'add'; group: string }
  | { kind: 'remove'; group: string; index: number };

export function parseFormAction(value: unknown): FormAction {
  if (value === 'refresh') return { kind: 'refresh' };
  if (typeof value !== 'string') return { kind: 'continue' };
  const add = /^add:([a-z][a-zA-Z0-9_]*)$/.exec(value);
  if (add?.[1]) return { kind: 'add', group: add[1] };
  const remove = /^remove:([a-z][a-zA-Z0-9_]*):(\d{1,4})$/.exec(value);
  if (remove?.[1] && remove[2]) return { kind: 'remove', group: remove[1], index: Number(remove[2]) };
  return { kind: 'continue' };
}

/**
 * The answers after an "add"/"remove" button (the no-JavaScript pattern: the route re-renders
 * the form with what this returns, without errors). Adding does nothing when the last item is
 * still blank (the page already shows an empty one) or the group is full.
 */
export function applyFormAction(def: FormDefinition, raw: unknown, action: FormAction): Answers {
  const values: Answers = isRecord(raw) ? { ...raw } : {};
  if (action.kind !== 'add' && action.kind !== 'remove') return values;
  const group = def.fields.find((f): f is GroupField => f.kind === 'group' && f.name === action.group);
  if (!group) return values;
  const current = own(values, group.name);
  const items = Array.isArray(current) ? [...(current as unknown[])] : [];
  if (action.kind === 'remove') {
    if (action.index < items.length) items.splice(action.index, 1);
  } else if (items.length < maxItemsOf(group) && (items.length === 0 || !isBlankItem(group.fields, items[items.length - 1]))) {
    items.push({});
  }
  values[group.name] = items;
  return values;
}

// ---------------------------------------------------------------------------------------
// Prefill
// ---------------------------------------------------------------------------------------

export interface Profile {
  fullName?: string;
  phone?: string;
  email?: string;
  idNumber?: string;
  /** YYYY-MM-DD */
  birthDate?: string;
  address?: AddressValue;
}

/**
 * The starting answers of a form: each top-level field with `prefill` takes the profile's value
 * (the citizen can still change it), other fields their `defaultValue`. Group items start empty.
 */
export function prefill(def: FormDefinition, profile: Profile): Answers {
  const out: Answers = {};
  for (const f of def.fields) {
    const fromProfile = f.prefill ? profile[f.prefill] : undefined;
    if (fromProfile !== undefined && !isBlank(fromProfile)) out[f.name] = typeof fromProfile === 'string' ? fromProfile : { ...fromProfile };
    else if ('defaultValue' in f && f.defaultValue !== undefined) out[f.name] = f.defaultValue;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Showing answers
// ---------------------------------------------------------------------------------------

/**
 * A cleaned answer as lines of text for a summary or a PDF: dates dd/MM/yyyy, money 1.250.000 ₫,
 * option labels, Có/Không, an address as "detail, commune, province" (names when `address` is
 * given). No lines when there is no answer; groups are laid out by the caller.
 */
export function answerLines(f: FieldDef, v: unknown, opts: { today: string; address?: AddressOptions }): string[] {
  if (v === undefined || v === null || v === '') return [];
  switch (f.kind) {
    case 'longText':
      return String(v).split('\n');
    case 'number':
      return [formatNumberInput(v as number)];
    case 'money':
      return [formatMoney(v as number)];
    case 'date':
      return [formatDate(v as string)];
    case 'choice':
      return [f.options.find((o) => o.value === v)?.label ?? String(v)];
    case 'multiChoice':
      return (v as string[]).map((x) => f.options.find((o) => o.value === x)?.label ?? x);
    case 'yesNo':
      return [v === true ? 'Có' : 'Không'];
    case 'address': {
      const a = v as AddressValue;
      const province = opts.address?.provinces.find((p) => p.code === a.provinceCode);
      const commune = province ? opts.address?.communesOf(a.provinceCode, resolveDate(f.asOf ?? 'today', opts.today)).find((c) => c.code === a.communeCode) : undefined;
      return [[a.detail, commune?.name ?? a.communeCode, province?.name ?? a.provinceCode].join(', ')];
    }
    case 'group':
      return [];
    default:
      return [String(v)];
  }
}

/** "(chỉ điền nếu “Có khai thông tin người cha không?” là “Có”)" for a conditional field. */
export function conditionText(showIf: ShowIf, scope: readonly FieldDef[]): string {
  const source = scope.find((f) => f.name === showIf.field);
  const wanted: (string | boolean)[] = 'in' in showIf ? showIf.in : [showIf.equals];
  const labels = wanted.map((w) => {
    if (typeof w === 'boolean') return w ? 'Có' : 'Không';
    const options = source && (source.kind === 'choice' || source.kind === 'multiChoice') ? source.options : [];
    return options.find((o) => o.value === w)?.label ?? w;
  });
  return `(chỉ điền nếu “${source?.label ?? showIf.field}” là ${labels.map((l) => `“${l}”`).join(' hoặc ')})`;
}

/** "thành viên" → "Thành viên 2". */
export function itemTitle(f: GroupField, index: number): string {
  return `${upperFirst(f.itemLabel)} ${index + 1}`;
}

// ---------------------------------------------------------------------------------------
// JSON Schema of the cleaned data
// ---------------------------------------------------------------------------------------

export type JsonSchema = { [key: string]: unknown };

/**
 * The JSON Schema (draft 2020-12 keywords that TypeBox's Compile understands) of what
 * validateAnswers returns, for the API documentation and for checking stored data. Conditional
 * fields become if/then/else: required when the condition holds if they are `required`, absent
 * when it does not. Date bounds relative to today cannot be expressed and are left out.
 */
export function toJsonSchema(def: FormDefinition): JsonSchema {
  return {
    title: def.title,
    description: `Dữ liệu tờ khai của thủ tục ${def.procedureCode}, phiên bản ${def.version}`,
    ...objectSchema(def.fields),
  };
}

function objectSchema(fields: readonly FieldDef[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const allOf: JsonSchema[] = [];
  for (const f of fields) {
    properties[f.name] = { title: f.label, ...(f.hint ? { description: f.hint } : {}), ...valueSchema(f) };
    // A shown group is always a list, empty or not; other fields are left out when blank.
    const present = f.required === true || f.kind === 'group';
    if (!f.showIf) {
      if (present) required.push(f.name);
      continue;
    }
    const source = fields.find((x) => x.name === f.showIf?.field);
    const match = 'in' in f.showIf ? { enum: f.showIf.in } : { const: f.showIf.equals };
    allOf.push({
      if: { required: [f.showIf.field], properties: { [f.showIf.field]: source?.kind === 'multiChoice' ? { contains: match } : match } },
      ...(present ? { then: { required: [f.name] } } : {}),
      else: { not: { required: [f.name] } },
    });
  }
  return {
    type: 'object',
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
    ...(allOf.length > 0 ? { allOf } : {}),
  };
}

function valueSchema(f: FieldDef): JsonSchema {
  switch (f.kind) {
    case 'text':
    case 'longText':
      return {
        type: 'string',
        minLength: Math.max(1, f.minLength ?? 0),
        maxLength: f.maxLength ?? (f.kind === 'text' ? TEXT_MAX_LENGTH : LONG_TEXT_MAX_LENGTH),
        ...(f.kind === 'text' && f.pattern ? { pattern: f.pattern } : {}),
      };
    case 'number':
      return { type: f.decimal ? 'number' : 'integer', ...(f.min !== undefined ? { minimum: f.min } : {}), ...(f.max !== undefined ? { maximum: f.max } : {}) };
    case 'money':
      return { type: 'integer', minimum: f.min ?? 0, maximum: f.max ?? Number.MAX_SAFE_INTEGER };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'choice':
      return { type: 'string', enum: f.options.map((o) => o.value) };
    case 'multiChoice':
      return { type: 'array', items: { type: 'string', enum: f.options.map((o) => o.value) }, uniqueItems: true, minItems: 1 };
    case 'yesNo':
      return { type: 'boolean' };
    case 'phone':
      return { type: 'string', pattern: '^0\\d{9}$' };
    case 'email':
      return { type: 'string', pattern: EMAIL_PATTERN };
    case 'cccd':
      return { type: 'string', pattern: '^\\d{12}$' };
    case 'taxCode':
      return { type: 'string', pattern: '^\\d{10}(-\\d{3})?$' };
    case 'address':
      return {
        type: 'object',
        properties: {
          provinceCode: { type: 'string', pattern: UNIT_CODE_PATTERN.source },
          communeCode: { type: 'string', pattern: UNIT_CODE_PATTERN.source },
          detail: { type: 'string', minLength: 1, maxLength: ADDRESS_DETAIL_MAX_LENGTH },
        },
        required: ['provinceCode', 'communeCode', 'detail'],
        additionalProperties: false,
      };
    case 'group':
      return { type: 'array', minItems: minItemsOf(f), maxItems: maxItemsOf(f), items: objectSchema(f.fields) };
  }
}

// ---------------------------------------------------------------------------------------
// Checking a definition (the admin editor shows these errors)
// ---------------------------------------------------------------------------------------

const BASE_KEYS = ['name', 'label', 'hint', 'kind', 'required', 'requiredMessage', 'showIf', 'section', 'prefill'];
const KIND_KEYS: Record<FieldKind, string[]> = {
  text: ['minLength', 'maxLength', 'pattern', 'patternMessage', 'defaultValue', 'autocomplete'],
  longText: ['minLength', 'maxLength', 'rows'],
  number: ['min', 'max', 'decimal'],
  money: ['min', 'max'],
  date: ['minDate', 'maxDate'],
  choice: ['options', 'display', 'defaultValue'],
  multiChoice: ['options'],
  yesNo: ['defaultValue'],
  phone: [],
  email: [],
  cccd: [],
  taxCode: [],
  address: ['asOf'],
  group: ['itemLabel', 'fields', 'minItems', 'maxItems'],
};

type Err = (field: string, message: string) => void;

/**
 * Problems with a form definition, each with its path (`fields[3].showIf.field`) and a
 * Vietnamese message. Takes `unknown` because the admin editor sends JSON.
 */
export function checkDefinition(def: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const err: Err = (field, message) => errors.push({ field, message });
  if (!isRecord(def)) return [{ field: '', message: 'Định nghĩa biểu mẫu phải là một đối tượng JSON' }];
  if (typeof def.procedureCode !== 'string' || !CODE_PATTERN.test(def.procedureCode)) err('procedureCode', 'Mã thủ tục phải có dạng d.dddddd, ví dụ 1.001193');
  if (typeof def.version !== 'number' || !Number.isInteger(def.version) || def.version < 1) err('version', 'Phiên bản phải là số nguyên từ 1 trở lên');
  if (!isText(def.title)) err('title', 'Nhập tên biểu mẫu');
  if (!Array.isArray(def.fields) || def.fields.length === 0) err('fields', 'Biểu mẫu phải có ít nhất một trường');
  else checkFields(def.fields, 'fields', 0, err);
  return errors;
}

function checkFields(list: unknown[], path: string, depth: number, err: Err): void {
  const earlier = new Map<string, Rec>();
  const names = list.map((f) => (isRecord(f) ? f.name : undefined));
  list.forEach((f, i) => {
    const p = `${path}[${i}]`;
    if (!isRecord(f)) return err(p, 'Trường không hợp lệ');
    const name = f.name;
    if (typeof name !== 'string' || !FIELD_NAME_PATTERN.test(name)) {
      err(`${p}.name`, 'Tên trường bắt đầu bằng chữ thường không dấu, chỉ gồm chữ không dấu, chữ số và dấu gạch dưới');
    } else if (earlier.has(name)) {
      err(`${p}.name`, `Tên trường “${name}” bị trùng với trường thứ ${names.indexOf(name) + 1}`);
    }
    if (!isText(f.label)) err(`${p}.label`, 'Nhập nhãn của trường');
    for (const key of ['hint', 'requiredMessage'] as const) {
      if (f[key] !== undefined && !isText(f[key])) err(`${p}.${key}`, 'Nội dung phải là văn bản, không để trống');
    }
    if (f.required !== undefined && typeof f.required !== 'boolean') err(`${p}.required`, 'Bắt buộc phải là có hoặc không');
    if (f.section !== undefined) {
      if (depth > 0) err(`${p}.section`, 'Trường trong nhóm lặp lại không bắt đầu mục mới được');
      else if (!isText(f.section)) err(`${p}.section`, 'Nhập tên mục');
    }

    const kind = f.kind;
    if (typeof kind !== 'string' || !(FIELD_KINDS as readonly string[]).includes(kind)) {
      err(`${p}.kind`, `Loại trường “${String(kind)}” không được hỗ trợ`);
    } else {
      const k = kind as FieldKind;
      for (const key of Object.keys(f)) {
        if (!BASE_KEYS.includes(key) && !KIND_KEYS[k].includes(key)) err(`${p}.${key}`, `Thuộc tính “${key}” không dùng được cho trường loại “${KIND_LABELS[k]}”`);
      }
      checkKind(f, k, p, depth, err);
      if (f.prefill !== undefined) {
        const fits = (PREFILL_KINDS as Record<string, FieldKind>)[String(f.prefill)];
        if (!fits) err(`${p}.prefill`, `Không có thông tin “${String(f.prefill)}” trong hồ sơ công dân để tự điền`);
        else if (depth > 0) err(`${p}.prefill`, 'Trường trong nhóm lặp lại không tự điền được');
        else if (fits !== k) err(`${p}.prefill`, `Thông tin “${String(f.prefill)}” chỉ tự điền được vào trường loại “${KIND_LABELS[fits]}”`);
      }
    }
    if (f.showIf !== undefined) checkShowIf(f.showIf, name, earlier, names, `${p}.showIf`, err);
    if (typeof name === 'string' && !earlier.has(name)) earlier.set(name, f);
  });
}

function checkKind(f: Rec, kind: FieldKind, p: string, depth: number, err: Err): void {
  switch (kind) {
    case 'text':
    case 'longText':
      checkRange(f, 'minLength', 'maxLength', p, err, { integer: true, min: 0 });
      if (f.maxLength !== undefined && f.maxLength === 0) err(`${p}.maxLength`, 'Độ dài tối đa phải từ 1 trở lên');
      if (f.pattern !== undefined) {
        if (typeof f.pattern !== 'string' || !compiles(f.pattern)) err(`${p}.pattern`, 'Mẫu kiểm tra không phải là biểu thức chính quy hợp lệ');
        if (!isText(f.patternMessage)) err(`${p}.patternMessage`, 'Nhập thông báo lỗi khi câu trả lời không khớp mẫu kiểm tra');
      } else if (f.patternMessage !== undefined) err(`${p}.patternMessage`, 'Thông báo lỗi này chỉ dùng khi có mẫu kiểm tra');
      if (f.defaultValue !== undefined && typeof f.defaultValue !== 'string') err(`${p}.defaultValue`, 'Giá trị mặc định phải là văn bản');
      if (f.autocomplete !== undefined && (typeof f.autocomplete !== 'string' || !/^[a-z][a-z0-9 -]*$/.test(f.autocomplete))) {
        err(`${p}.autocomplete`, 'Giá trị autocomplete chỉ gồm chữ thường không dấu, chữ số, dấu cách và gạch ngang');
      }
      if (f.rows !== undefined && !(Number.isInteger(f.rows) && (f.rows as number) >= 2 && (f.rows as number) <= 20)) err(`${p}.rows`, 'Số dòng phải là số nguyên từ 2 đến 20');
      return;
    case 'number':
      checkRange(f, 'min', 'max', p, err, {});
      if (f.decimal !== undefined && typeof f.decimal !== 'boolean') err(`${p}.decimal`, 'Cho phép số thập phân phải là có hoặc không');
      return;
    case 'money':
      checkRange(f, 'min', 'max', p, err, { integer: true, min: 0 });
      return;
    case 'date':
      for (const key of ['minDate', 'maxDate'] as const) {
        if (f[key] !== undefined && f[key] !== 'today' && !isIsoDate(f[key])) err(`${p}.${key}`, 'Giới hạn ngày phải là “today” hoặc một ngày có thật dạng YYYY-MM-DD');
      }
      if (isIsoDate(f.minDate) && isIsoDate(f.maxDate) && f.minDate > f.maxDate) err(`${p}.minDate`, 'Ngày sớm nhất không được sau ngày muộn nhất');
      return;
    case 'choice':
    case 'multiChoice': {
      const values = checkOptions(f.options, kind === 'choice' ? 2 : 1, `${p}.options`, err);
      if (kind === 'choice' && f.display !== undefined && f.display !== 'radios' && f.display !== 'select') err(`${p}.display`, 'Cách hiển thị phải là “radios” hoặc “select”');
      if (f.defaultValue !== undefined && !values.includes(f.defaultValue as string)) err(`${p}.defaultValue`, 'Giá trị mặc định phải là một trong các lựa chọn');
      return;
    }
    case 'yesNo':
      if (f.defaultValue !== undefined && typeof f.defaultValue !== 'boolean') err(`${p}.defaultValue`, 'Giá trị mặc định phải là true hoặc false');
      return;
    case 'address':
      if (f.asOf !== undefined && f.asOf !== 'today' && !isIsoDate(f.asOf)) err(`${p}.asOf`, 'Ngày lấy danh sách đơn vị hành chính phải là “today” hoặc dạng YYYY-MM-DD');
      return;
    case 'group':
      if (depth > 0) err(`${p}.kind`, 'Nhóm lặp lại không được nằm trong một nhóm lặp lại khác');
      if (!isText(f.itemLabel)) err(`${p}.itemLabel`, 'Nhập tên gọi một mục của nhóm, ví dụ “thành viên”');
      checkRange(f, 'minItems', 'maxItems', p, err, { integer: true, min: 0, max: GROUP_ITEMS_LIMIT });
      if (f.maxItems === 0) err(`${p}.maxItems`, 'Số mục tối đa phải từ 1 trở lên');
      if (!Array.isArray(f.fields) || f.fields.length === 0) err(`${p}.fields`, 'Nhóm lặp lại phải có ít nhất một trường');
      else if (depth === 0) checkFields(f.fields, `${p}.fields`, depth + 1, err);
      return;
    default:
      return;
  }
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

function checkRange(f: Rec, minKey: string, maxKey: string, p: string, err: Err, rule: { integer?: boolean; min?: number; max?: number }): void {
  const ok = (v: unknown): v is number =>
    typeof v === 'number' && Number.isFinite(v) && (!rule.integer || Number.isSafeInteger(v)) && (rule.min === undefined || v >= rule.min) && (rule.max === undefined || v <= rule.max);
  const what = rule.integer ? 'số nguyên' : 'số';
  const range = rule.max !== undefined ? ` từ ${rule.min ?? 0} đến ${rule.max}` : rule.min !== undefined ? ` từ ${rule.min} trở lên` : '';
  for (const key of [minKey, maxKey]) {
    if (f[key] !== undefined && !ok(f[key])) err(`${p}.${key}`, `Giá trị “${key}” phải là ${what}${range}`);
  }
  if (ok(f[minKey]) && ok(f[maxKey]) && f[minKey] > f[maxKey]) err(`${p}.${minKey}`, `Giá trị “${minKey}” không được lớn hơn “${maxKey}”`);
}

function checkOptions(options: unknown, least: number, p: string, err: Err): string[] {
  if (!Array.isArray(options) || options.length < least) {
    err(p, least > 1 ? `Phải có ít nhất ${least} lựa chọn` : 'Phải có ít nhất một lựa chọn');
    return [];
  }
  const values: string[] = [];
  options.forEach((o: unknown, i) => {
    if (!isRecord(o)) return err(`${p}[${i}]`, 'Lựa chọn không hợp lệ');
    if (typeof o.value !== 'string' || !OPTION_VALUE_PATTERN.test(o.value)) {
      err(`${p}[${i}].value`, 'Giá trị lựa chọn chỉ gồm chữ không dấu, chữ số, dấu gạch dưới hoặc gạch ngang');
    } else if (values.includes(o.value)) {
      err(`${p}[${i}].value`, `Giá trị lựa chọn “${o.value}” bị trùng`);
    } else values.push(o.value);
    if (!isText(o.label)) err(`${p}[${i}].label`, 'Nhập nhãn của lựa chọn');
  });
  return values;
}

function checkShowIf(showIf: unknown, self: unknown, earlier: Map<string, Rec>, names: unknown[], p: string, err: Err): void {
  if (!isRecord(showIf) || typeof showIf.field !== 'string') return err(p, 'Điều kiện hiển thị phải nêu trường làm căn cứ');
  const target = showIf.field;
  const source = earlier.get(target);
  if (!source) {
    if (target === self) return err(`${p}.field`, 'Điều kiện hiển thị không được dựa vào chính trường này');
    if (names.includes(target)) return err(`${p}.field`, `Điều kiện hiển thị phải dựa vào một trường đứng trước; “${target}” đứng sau`);
    return err(`${p}.field`, `Không có trường “${target}” (trong cùng biểu mẫu hoặc cùng nhóm) để làm điều kiện hiển thị`);
  }
  const hasEquals = 'equals' in showIf;
  const hasIn = 'in' in showIf;
  if (hasEquals === hasIn) return err(p, 'Điều kiện hiển thị phải có đúng một trong hai: “equals” hoặc “in”');
  const kind = source.kind;
  if (kind === 'yesNo') {
    if (!hasEquals || typeof showIf.equals !== 'boolean') err(p, 'Với câu hỏi có/không, điều kiện phải là equals: true hoặc equals: false');
    return;
  }
  if (kind !== 'choice' && kind !== 'multiChoice') return err(`${p}.field`, 'Điều kiện hiển thị chỉ dựa được vào trường chọn một, chọn nhiều hoặc có/không');
  const values = Array.isArray(source.options) ? source.options.map((o: unknown) => (isRecord(o) ? o.value : undefined)) : [];
  const wanted = hasEquals ? [showIf.equals] : showIf.in;
  if (!Array.isArray(wanted) || wanted.length === 0) return err(`${p}.in`, 'Danh sách giá trị của điều kiện không được để trống');
  for (const w of wanted) {
    if (typeof w !== 'string' || !values.includes(w)) err(hasEquals ? `${p}.equals` : `${p}.in`, `Giá trị “${String(w)}” không phải là lựa chọn của trường “${target}”`);
  }
}
