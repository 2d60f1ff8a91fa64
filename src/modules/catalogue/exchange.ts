// Import and export of the whole procedure catalogue as an Excel workbook (.xlsx) or a CSV
// file, in the column layout of the national TTHC database export (CSDLQG về TTHC), with
// everything else a `Procedure` holds in extra columns and sheets, so that
// export → import gives back every record exactly.
//
// WORKBOOK (.xlsx)
//   'Thủ tục'                one row per procedure (row 1 = headers).
//   'Thành phần hồ sơ'       one row per dossier component, keyed by 'Mã thủ tục', in order.
//   'Phí, lệ phí'            one row per fee rule, keyed by 'Mã thủ tục', in order.
//   'Cơ quan theo giai đoạn' one row per tier period that has its own agencies, keyed by
//                            'Mã thủ tục' + 'Từ ngày' (the period's first day).
//   'Hướng dẫn'              this documentation, for the officer editing the file.
//   Columns are found by header text (case, spacing and Unicode form do not matter; a few
//   aliases of the national export are accepted, e.g. 'Địa chỉ tiếp nhận HS'); unknown
//   columns are ignored; 'STT', 'Cơ quan thực hiện', 'Tên thủ tục' on the child sheets and
//   'Giai đoạn' are shown for reading only and never read back.
//
// CSV
//   One row per procedure: every column of 'Thủ tục' plus 'Thành phần hồ sơ', 'Phí, lệ phí'
//   and 'Cơ quan theo giai đoạn', whose cells hold one child record per item (below) as
//   "Tiêu đề cột: giá trị | Tiêu đề cột: giá trị", with the child sheet's own headers.
//   UTF-8 with BOM, RFC 4180 quoting, CRLF between rows, LF inside cells. On import the BOM
//   is optional, rows may end in LF, and ';' or tab separators (Excel in a Vietnamese
//   locale, "sep=;" line) are recognised. A cell that would start with = + - @ is written
//   with a leading apostrophe (spreadsheet formula injection) that the import removes.
//
// CELL ENCODINGS (what an officer types in Excel; Alt+Enter starts a new line in a cell)
//   text          as is; "(trống)" stands for an empty text that is present (e.g. note: '').
//   list          one item per line. A line that starts with a space or a tab continues the
//                 item above (the export indents such lines by two spaces), so an item may
//                 span several lines. Blank lines are ignored.
//   escapes       a backslash protects the next character where it would mean something:
//                 "\|" in "a | b" segments, "\;" in time limits, "\ " for a space at the
//                 edge of a value, "\r" for a carriage return, "\\" for a backslash. Anywhere
//                 else a backslash is itself. The export only writes these in rare text.
//   dates         dd/mm/yyyy (yyyy-mm-dd and Excel date cells are accepted).
//   yes/no        "Có" / "Không" (also x, 1, 0, true, false).
//   money         whole đồng: 8000 or 8.000.
//   Mã thủ tục    d.dddddd as text (an Excel number cell 1.0019 is read as 1.001900).
//   Cấp thực hiện one period per line: "Cấp xã: từ 01/07/2025" or
//                 "Cấp huyện: 10/04/2015 – 30/06/2025".
//   Thời hạn      "5 ngày làm việc" | "8 giờ làm việc" | "15 ngày" | "Trong ngày", then
//                 optional parts after ";": "tiếp nhận sau 15:00 tính từ ngày làm việc tiếp
//                 theo"; "không quá 5 ngày làm việc khi <trường hợp>"; "ghi chú: <ghi chú>".
//   Cơ quan       one per line: "so-tu-phap" (unit code), "Sở Tư pháp (mã đơn vị: so-tu-phap)"
//                 (code with a display name), "UBND cấp xã (loại đơn vị: ubnd_xa)" (every
//                 unit of a kind, with its display name).
//   Cách thức     one per line: "Trực tiếp | Thời hạn: <thời hạn> | Phí: <ghi chú phí> |
//                 Mô tả: <mô tả>" (Thời hạn and Phí only where they differ).
//   Đối tượng     one per line: the label ("Công dân Việt Nam") or "label: extra text".
//   Căn cứ pháp lý one per line: "23/2015/NĐ-CP ngày 16/02/2015: <trích yếu>".
//   Quyết định công bố "1234/QĐ-UBND ngày 15/03/2024 của Chủ tịch UBND tỉnh".
//   Thủ tục liên quan codes separated by commas.
//   Mức độ DVCTT  "Toàn trình" | "Một phần" | "Không cung cấp trực tuyến";
//   Mức độ theo NĐ 43/2011: 1–4.
//   Độ tin cậy    "S; theo trường: fees=U, processingTime=S; ghi chú: <ghi chú>".
//   Fees sheet    'Cách tính' Cố định | Theo bản | Theo trang | Theo nghị quyết HĐND tỉnh |
//                 Miễn, with only the amount columns of that kind filled; 'Mức giảm' one
//                 per line "sinh_vien, tre_em: 100000 đồng – <mô tả>"; 'Đối tượng được
//                 miễn' one category per line; 'Áp dụng cho cách thức' "Trực tiếp, Trực
//                 tuyến" (empty = every channel); "(trống)" in 'Mức giảm' = an empty list.
//
// Reading never validates a record: `fromWorkbook`/`fromCsv` return the record as read plus
// the cells that could not be read (`problems`, Vietnamese, naming row and column); the
// catalogue service validates with parseProcedure and reports row errors.
// Known limits: control characters (U+0000–U+001F except tab and line ends) cannot be stored
// in .xlsx; a value made only of spaces is read as empty.
import ExcelJS from 'exceljs';
import { AppError } from '../../platform/errors';
import {
  APPLICANT_CATEGORIES,
  APPLICANT_KIND_LABELS,
  APPLICANT_KINDS,
  CHANNEL_KINDS,
  CHANNEL_LABELS,
  COMPONENT_FORM_LABELS,
  COMPONENT_FORMS,
  CONFIDENCE_TAGS,
  FEE_KIND_LABELS,
  FEE_KINDS,
  ONLINE_LEVEL_LABELS,
  ONLINE_LEVELS,
  TIER_LABELS,
  TIERS,
  TIME_UNIT_LABELS,
  TIME_UNITS,
  UNIT_KINDS,
  type Agencies,
  type AgencyRef,
  type Channel,
  type Confidence,
  type DossierComponent,
  type FeeReduction,
  type FeeRule,
  type FieldError,
  type LegalDoc,
  type Procedure,
  type PublicationDecision,
  type TierPeriod,
  type TimeLimit,
  type TimeUnit,
  type UnitKind,
} from './model';

// ---------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------

/** One procedure as read from a file, before validation; or an orphan child row. */
export interface ImportRow {
  /** Excel row number (header = row 1); for CSV the record number counted the same way. */
  row: number;
  sheet: string;
  /** The procedure record as read (null for a child row that belongs to no procedure). */
  record: unknown;
  /** Cells that could not be read, with Vietnamese messages naming row and column. */
  problems: FieldError[];
}

/** The file is not a workbook/CSV of the catalogue at all (wrong type, no headers…). */
export class ExchangeFormatError extends AppError {
  constructor(message: string) {
    super('exchange_format', 400, message);
    this.name = 'ExchangeFormatError';
  }
}

export const SHEETS = {
  main: 'Thủ tục',
  components: 'Thành phần hồ sơ',
  fees: 'Phí, lệ phí',
  periods: 'Cơ quan theo giai đoạn',
  guide: 'Hướng dẫn',
} as const;

// ---------------------------------------------------------------------------------------
// Escapes (see the top of the file)
// ---------------------------------------------------------------------------------------

interface Level {
  /** Characters that always take a backslash. */
  specials: string;
  /** Carriage return written as \r. */
  cr: boolean;
  /** Which white space takes a backslash: none, the first character, or both edges. */
  ws: 'none' | 'leading' | 'edges';
}
/** A plain text cell. */
const TEXT: Level = { specials: '', cr: true, ws: 'none' };
/** One item of a list cell (leading white space would read as a continuation line). */
const ITEM: Level = { specials: '', cr: true, ws: 'leading' };
/** A value between " | " separators. */
const SEG: Level = { specials: '|', cr: false, ws: 'edges' };
/** A part of a time limit or confidence cell, between "; ". */
const PART: Level = { specials: ';', cr: false, ws: 'edges' };
/** A word in a short list: categories, field paths, document numbers. */
const WORD: Level = { specials: ',:=;', cr: false, ws: 'edges' };

const isWs = (c: string | undefined): boolean => c !== undefined && /\s/u.test(c);

function afterBackslash(L: Level, n: string, at: number): boolean {
  return n === '\\' || L.specials.includes(n) || (L.cr && n === 'r') || (isWs(n) && (L.ws === 'edges' || (L.ws === 'leading' && at === 0)));
}

function esc(s: string, L: Level): string {
  const escaped = (i: number): boolean => {
    const c = s[i];
    if (c === undefined) return false;
    if (L.cr && c === '\r') return true;
    if (L.specials.includes(c)) return true;
    if (!isWs(c)) return false;
    return L.ws === 'edges' ? i === 0 || i === s.length - 1 : L.ws === 'leading' && i === 0;
  };
  // most text has nothing to escape
  if (!s.includes('\\') && !(L.cr && s.includes('\r')) && ![...L.specials].some((c) => s.includes(c)) && !escaped(0) && !escaped(s.length - 1)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (L.cr && c === '\r') out += '\\r';
    else if (escaped(i)) out += '\\' + c;
    else if (c === '\\') {
      const n = s[i + 1];
      out += n === undefined || escaped(i + 1) || afterBackslash(L, n, i) ? '\\\\' : '\\';
    } else out += c;
  }
  return out;
}

/** Decodes escapes; at an `edges` level also trims white space that was not escaped. */
function unesc(s: string, L: Level): string {
  if (!s.includes('\\') && !(L.cr && s.includes('\r'))) return L.ws === 'edges' ? s.trim() : s;
  const chars: string[] = [];
  /** Index in `chars` of the first and after the last escaped character (trimming stops there). */
  let firstEsc = Infinity;
  let lastEsc = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const n = s[i + 1];
    if (c === '\\' && n !== undefined && afterBackslash(L, n, i)) {
      firstEsc = Math.min(firstEsc, chars.length);
      lastEsc = chars.length + 1;
      chars.push(L.cr && n === 'r' ? '\r' : n);
      i++;
    } else if (L.cr && c === '\r' && (n === undefined || n === '\n')) {
      // a carriage return of a CRLF file: lines end in LF here (a real one is written \r)
    } else chars.push(c);
  }
  if (L.ws !== 'edges') return chars.join('');
  let a = 0;
  let b = chars.length;
  while (a < b && a < firstEsc && isWs(chars[a])) a++;
  while (b > a && b > lastEsc && isWs(chars[b - 1])) b--;
  return chars.slice(a, b).join('');
}

/** Splits on `sep` where it is not escaped; the pieces keep their escapes. */
function split(s: string, sep: string, L: Level, limit = Infinity): string[] {
  if (!s.includes('\\') && limit === Infinity) return s.split(sep);
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const n = s[i + 1];
    if (c === '\\' && n !== undefined && afterBackslash(L, n, i)) {
      cur += c + n;
      i++;
    } else if (c === sep && parts.length < limit - 1) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts;
}

/** A list cell: one item per line, continuation lines indented. */
function encList(items: readonly string[]): string {
  const lines: string[] = [];
  for (const item of items) {
    const [first, ...rest] = esc(item, ITEM).split('\n');
    lines.push(first ?? '', ...rest.map((l) => '  ' + l));
  }
  return lines.join('\n');
}

function decList(cell: string): string[] {
  const raws: string[] = [];
  for (const line of cell.split('\n')) {
    const indented = /^[ \t]/.test(line);
    if (indented && raws.length > 0) {
      raws[raws.length - 1] += '\n' + (line.startsWith('  ') ? line.slice(2) : line.slice(1));
    } else if (line.trim() !== '') raws.push(indented ? line.trimStart() : line);
  }
  return raws.map((r) => unesc(r, ITEM));
}

// ---------------------------------------------------------------------------------------
// Small vocabularies and value formats
// ---------------------------------------------------------------------------------------

/** Stands for an empty text or list that is present (absent = empty cell). */
const EMPTY = '(trống)';
const YES = 'Có';
const NO = 'Không';

const FEE_TYPES = ['fixed', 'per_copy', 'per_page', 'by_resolution', 'exemption'] as const;
type FeeType = (typeof FEE_TYPES)[number];
const FEE_TYPE_LABELS: Record<FeeType, string> = {
  fixed: 'Cố định',
  per_copy: 'Theo bản',
  per_page: 'Theo trang',
  by_resolution: 'Theo nghị quyết HĐND tỉnh',
  exemption: 'Miễn',
};

/** For the guide sheet only: the organisation module names kinds in its own pages. */
const UNIT_KIND_HINTS: Record<UnitKind, string> = {
  ubnd_tinh: 'UBND tỉnh',
  van_phong: 'Văn phòng UBND tỉnh',
  ttpvhcc: 'Trung tâm Phục vụ hành chính công',
  so: 'Sở, ban, ngành tỉnh',
  cong_an_tinh: 'Công an tỉnh',
  ubnd_huyen: 'UBND cấp huyện (đến 30/6/2025)',
  phong: 'Phòng chuyên môn',
  bo_phan_mot_cua: 'Bộ phận Một cửa',
  ubnd_xa: 'UBND cấp xã',
  cong_an_xa: 'Công an cấp xã',
};

const norm = (s: string): string => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

function pick<K extends string>(text: string, keys: readonly K[], labels: Record<K, string>, aliases: Record<string, K> = {}): K | undefined {
  const n = norm(text);
  for (const k of keys) if (n === norm(labels[k]) || n === k) return k;
  return aliases[n];
}

const orList = (labels: readonly string[]): string => labels.map((l) => `“${l}”`).join(', ');
const shown = (s: string): string => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 60 ? one.slice(0, 57) + '…' : one;
};
const unreadable = (s: string, hint: string): string => `không đọc được “${shown(s)}”; ${hint}.`;

const t = (s: string | undefined): string | undefined => (s === undefined ? undefined : s === '' ? EMPTY : s);
const pad2 = (s: string): string => s.padStart(2, '0');

function toDmy(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
const DATE_SRC = '\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{4}|\\d{4}-\\d{1,2}-\\d{1,2}';
function toIso(text: string): string | undefined {
  const s = text.trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return `${m[3]}-${pad2(m[2]!)}-${pad2(m[1]!)}`;
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return `${m[1]}-${pad2(m[2]!)}-${pad2(m[3]!)}`;
  return undefined;
}
const dmyOfDate = (d: Date): string => `${pad2(String(d.getUTCDate()))}/${pad2(String(d.getUTCMonth() + 1))}/${d.getUTCFullYear()}`;

// --- time limits ---------------------------------------------------------------------------

const UNIT_SRC = 'ngày làm việc|giờ làm việc|ngày|working_days|working_hours|calendar_days';
function unitOf(word: string): TimeUnit | undefined {
  return pick(word, TIME_UNITS, TIME_UNIT_LABELS, { 'ngày lịch': 'calendar_days', 'giờ': 'working_hours' });
}
const TIME_HINT = 'ghi theo dạng “3 ngày làm việc”, “8 giờ làm việc”, “15 ngày” hoặc “Trong ngày”';

function fmtTime(x: TimeLimit): string {
  const parts = [x.unit === 'same_day' ? (x.amount === 1 ? 'Trong ngày' : `${x.amount} trong ngày`) : `${x.amount} ${TIME_UNIT_LABELS[x.unit] ?? x.unit}`];
  if (x.cutoff !== undefined) parts.push(`tiếp nhận sau ${esc(x.cutoff, PART)} tính từ ngày làm việc tiếp theo`);
  if (x.extension) parts.push(`không quá ${x.extension.amount} ${TIME_UNIT_LABELS[x.extension.unit] ?? x.extension.unit} khi ${esc(x.extension.when, PART)}`);
  if (x.note !== undefined) parts.push(`ghi chú:${x.note === '' ? '' : ' ' + esc(x.note, PART)}`);
  return parts.join('; ');
}

function parseTime(text: string, bad: (m: string) => void): TimeLimit | string {
  const parts = split(text, ';', PART);
  const head = unesc(parts[0] ?? '', PART);
  const out: Record<string, unknown> = {};
  let m = new RegExp(`^(\\d+)\\s*(${UNIT_SRC})$`, 'iu').exec(head);
  const same = /^(?:(\d+)\s+)?trong ngày(?: làm việc)?$/iu.exec(head);
  if (same) {
    out.amount = same[1] === undefined ? 1 : Number(same[1]);
    out.unit = 'same_day';
  } else if (m && unitOf(m[2]!)) {
    out.amount = Number(m[1]);
    out.unit = unitOf(m[2]!);
  } else {
    bad(unreadable(head || text, TIME_HINT));
    return text;
  }
  let last: 'when' | 'note' | undefined;
  let whenRaw = '';
  let noteRaw = '';
  let amountUnit: { amount: number; unit: TimeUnit } | undefined;
  for (const raw of parts.slice(1)) {
    const p = raw.trimStart();
    if ((m = /^(?:tiếp nhận\s+|nhận\s+)?sau\s+(\d{1,2})[:h](\d{2})?\b/iu.exec(p)) || (m = /^giờ chốt\s*:?\s*(\d{1,2})[:h](\d{2})?/iu.exec(p))) {
      const exact = /^tiếp nhận sau (\S+) tính từ ngày làm việc tiếp theo\s*$/u.exec(p);
      out.cutoff = exact ? unesc(exact[1]!, PART) : `${pad2(m[1]!)}:${m[2] ?? '00'}`;
      last = undefined;
    } else if ((m = new RegExp(`^(?:kéo dài\\s+)?(?:không quá|tối đa|đến)\\s+(\\d+)\\s+(${UNIT_SRC})\\s+(?:khi|nếu)\\s([\\s\\S]*)$`, 'iu').exec(p))) {
      const unit = unitOf(m[2]!);
      if (!unit) bad(unreadable(p, 'ghi thời hạn kéo dài theo dạng “không quá 5 ngày làm việc khi cần xác minh”'));
      else amountUnit = { amount: Number(m[1]), unit };
      whenRaw = m[3]!;
      last = 'when';
    } else if ((m = /^ghi chú\s*:([\s\S]*)$/iu.exec(p))) {
      noteRaw = m[1]!;
      last = 'note';
    } else if (last === 'when') whenRaw += ';' + raw;
    else if (last === 'note') noteRaw += ';' + raw;
    else bad(`không hiểu phần “${shown(p)}” của thời hạn; sau dấu “;” chỉ ghi “tiếp nhận sau 15:00 tính từ ngày làm việc tiếp theo”, “không quá 5 ngày làm việc khi …” hoặc “ghi chú: …”.`);
    if (last === 'when' && amountUnit) out.extension = { ...amountUnit, when: unesc(whenRaw, PART) };
    if (last === 'note') out.note = unesc(noteRaw, PART);
  }
  return out as unknown as TimeLimit;
}

// --- agencies ------------------------------------------------------------------------------

function fmtAgency(a: AgencyRef): string {
  if ('unitKind' in a) return `${a.label} (loại đơn vị: ${a.unitKind})`;
  return a.label === undefined ? a.unitCode : `${a.label} (mã đơn vị: ${a.unitCode})`;
}

const AGENCY_HINT = 'ghi mã đơn vị (ví dụ “so-tu-phap”), “Sở Tư pháp (mã đơn vị: so-tu-phap)” hoặc “UBND cấp xã (loại đơn vị: ubnd_xa)”';
function parseAgency(text: string, bad: (m: string) => void): AgencyRef | undefined {
  const m = /^(?:([\s\S]*) )?\(\s*(mã đơn vị|mã|loại đơn vị|loại)\s*:\s*([^()]*?)\s*\)$/iu.exec(text);
  if (m) {
    const label = m[1];
    const value = m[3]!;
    if (norm(m[2]!).startsWith('mã')) return label === undefined ? { unitCode: value } : { unitCode: value, label };
    if (!(UNIT_KINDS as readonly string[]).includes(value)) {
      bad(`loại đơn vị “${shown(value)}” không có trong danh mục; dùng một trong: ${UNIT_KINDS.join(', ')}.`);
      return undefined;
    }
    if (label === undefined) {
      bad(`cơ quan “${shown(text)}” cần tên hiển thị, ví dụ “UBND cấp xã (loại đơn vị: ubnd_xa)”.`);
      return undefined;
    }
    return { unitKind: value as UnitKind, label };
  }
  const code = text.trim();
  if (/^[a-z0-9][a-z0-9-]{1,62}$/.test(code)) return { unitCode: code };
  bad(unreadable(text, AGENCY_HINT));
  return undefined;
}

function readAgencies(items: string[], bad: (m: string, item?: number) => void): AgencyRef[] {
  const out: AgencyRef[] = [];
  items.forEach((s, i) => {
    const a = parseAgency(s, (m) => bad(m, i + 1));
    if (a) out.push(a);
  });
  return out;
}

// --- applicants, documents, decision, confidence, tiers -------------------------------------

function fmtApplicant(a: { kind: string; text?: string }): string {
  const label = APPLICANT_KIND_LABELS[a.kind as keyof typeof APPLICANT_KIND_LABELS] ?? a.kind;
  return a.text === undefined ? label : a.text === '' ? `${label}:` : `${label}: ${a.text}`;
}

function parseApplicants(text: string, bad: (m: string) => void): { kind: string; text?: string }[] {
  const cands = APPLICANT_KINDS.flatMap((k) => [
    { k, c: APPLICANT_KIND_LABELS[k] },
    { k, c: k as string },
  ]).sort((a, b) => b.c.length - a.c.length);
  const starts = (s: string, c: string): number => (s.startsWith(c) || s.toLowerCase().startsWith(c.toLowerCase()) ? c.length : -1);
  // the exported forms: "label" or "label: text"
  for (const { k, c } of cands) {
    const len = starts(text, c);
    if (len < 0) continue;
    const rest = text.slice(len);
    if (rest.trim() === '') return [{ kind: k }];
    if (rest.startsWith(':')) return [{ kind: k, text: rest.startsWith(': ') ? rest.slice(2) : rest.slice(1) }];
  }
  // "Công dân Việt Nam, Người nước ngoài" as the national portal lists them
  const out: { kind: string }[] = [];
  let rest = text.trim();
  while (rest !== '') {
    const hit = cands.find(({ c }) => starts(rest, c) >= 0);
    if (!hit) {
      bad(unreadable(text, `ghi một đối tượng mỗi dòng: ${orList(APPLICANT_KINDS.map((k) => APPLICANT_KIND_LABELS[k]))}, có thể thêm “: mô tả”`));
      return [];
    }
    out.push({ kind: hit.k });
    rest = rest.slice(hit.c.length).replace(/^\s*[,;]\s*/, '');
  }
  return out;
}

function fmtLegalDoc(d: LegalDoc): string {
  return `${esc(d.number, WORD)}${d.date !== undefined ? ` ngày ${toDmy(d.date)}` : ''}: ${d.title}`;
}

function parseLegalDoc(text: string, bad: (m: string) => void): LegalDoc | undefined {
  const [head, rest] = split(text, ':', WORD, 2);
  if (rest === undefined) {
    bad(unreadable(text, 'ghi theo dạng “23/2015/NĐ-CP ngày 16/02/2015: Nghị định về …”'));
    return undefined;
  }
  const out: Record<string, unknown> = {};
  // the number is made of plain characters or escape pairs, so an escaped space stays in it
  const m = new RegExp(`^((?:[^\\\\]|\\\\[\\s\\S])*?)\\s+ngày\\s+(${DATE_SRC})\\s*$`, 'iu').exec(head!);
  out.number = unesc(m ? m[1]! : head!, WORD);
  if (m) out.date = toIso(m[2]!);
  out.title = rest.startsWith(' ') ? rest.slice(1) : rest;
  return out as unknown as LegalDoc;
}

function fmtDecision(d: PublicationDecision): string {
  return `${d.number}${d.date !== undefined ? ` ngày ${toDmy(d.date)}` : ''}${d.issuer !== undefined ? ` của ${d.issuer}` : ''}`;
}

function parseDecision(text: string): PublicationDecision {
  const m = new RegExp(`^([\\s\\S]*?)(?: ngày (${DATE_SRC}))?(?: của ([\\s\\S]*))?$`, 'u').exec(text)!;
  const out: Record<string, unknown> = { number: m[1] };
  if (m[2] !== undefined) out.date = toIso(m[2]);
  if (m[3] !== undefined) out.issuer = m[3];
  return out as unknown as PublicationDecision;
}

function fmtConfidence(c: Confidence): string {
  const parts: string[] = [c.level];
  if (c.fields !== undefined) {
    parts.push(`theo trường: ${Object.entries(c.fields).map(([k, v]) => `${esc(k, WORD)}=${v}`).join(', ')}`.trimEnd());
  }
  if (c.note !== undefined) parts.push(`ghi chú:${c.note === '' ? '' : ' ' + esc(c.note, PART)}`);
  return parts.join('; ');
}

function parseConfidence(text: string, bad: (m: string) => void): Confidence | string {
  const parts = split(text, ';', PART);
  const level = unesc(parts[0] ?? '', PART).toUpperCase();
  const tag = /^([CSU])\b/.exec(level)?.[1];
  if (!tag) {
    bad(unreadable(text, 'ghi C (đã xác nhận), S (một nguồn thứ cấp) hoặc U (chưa xác nhận), có thể thêm “; theo trường: fees=U; ghi chú: …”'));
    return text;
  }
  const out: Record<string, unknown> = { level: tag };
  let noteRaw: string | undefined;
  for (const raw of parts.slice(1)) {
    const p = raw.trimStart();
    let m: RegExpExecArray | null;
    if (noteRaw === undefined && (m = /^theo trường\s*:([\s\S]*)$/iu.exec(p))) {
      const fields: Record<string, string> = {};
      for (const pair of split(m[1]!, ',', WORD)) {
        if (pair.trim() === '') continue;
        const [k, v] = split(pair, '=', WORD, 2);
        const tagOf = unesc(v ?? '', WORD).toUpperCase();
        if (v === undefined || !(CONFIDENCE_TAGS as readonly string[]).includes(tagOf)) bad(unreadable(pair, 'ghi từng trường theo dạng “fees=U”, cách nhau bởi dấu phẩy'));
        else fields[unesc(k!, WORD)] = tagOf;
      }
      out.fields = fields;
    } else if (noteRaw === undefined && (m = /^ghi chú\s*:([\s\S]*)$/iu.exec(p))) noteRaw = m[1]!;
    else if (noteRaw !== undefined) noteRaw += ';' + raw;
    else bad(`không hiểu phần “${shown(p)}”; sau mức tin cậy chỉ ghi “theo trường: …” hoặc “ghi chú: …”.`);
  }
  if (noteRaw !== undefined) out.note = unesc(noteRaw, PART);
  return out as unknown as Confidence;
}

function fmtPeriod(p: TierPeriod): string {
  const tier = TIER_LABELS[p.tier] ?? p.tier;
  return p.validTo === undefined ? `${tier}: từ ${toDmy(p.validFrom)}` : `${tier}: ${toDmy(p.validFrom)} – ${toDmy(p.validTo)}`;
}

const TIER_HINT = 'ghi mỗi giai đoạn một dòng, ví dụ “Cấp xã: từ 01/07/2025” hoặc “Cấp huyện: 10/04/2015 – 30/06/2025”';
function parsePeriod(text: string, bad: (m: string) => void): TierPeriod | undefined {
  const m = new RegExp(`^(.+?)\\s*:\\s*(?:từ\\s+)?(${DATE_SRC})(?:\\s*(?:[–—-]|đến)\\s*(${DATE_SRC}))?\\s*$`, 'iu').exec(text.trim());
  const tier = m ? pick(m[1]!, TIERS, TIER_LABELS, { 'tỉnh': 'tinh', 'huyện': 'huyen', 'xã': 'xa', 'cấp xã, phường': 'xa' }) : undefined;
  if (!m || !tier) {
    bad(unreadable(text, TIER_HINT));
    return undefined;
  }
  const out: Record<string, unknown> = { tier, validFrom: toIso(m[2]!) };
  if (m[3] !== undefined) out.validTo = toIso(m[3]);
  return out as unknown as TierPeriod;
}

function fmtReduction(r: FeeReduction): string {
  return `${r.categories.map((c) => esc(c, WORD)).join(', ')}: ${r.amount} đồng – ${r.description}`;
}

function parseReduction(text: string, bad: (m: string) => void): FeeReduction | undefined {
  const [cats, rest] = split(text, ':', WORD, 2);
  const m = rest === undefined ? null : /^\s*(\d[\d.,\s]*?)\s*(?:đồng|đ)?(?:\s*[–—-] ?([\s\S]*))?$/iu.exec(rest);
  const amount = m ? moneyOf(m[1]!) : undefined;
  if (!m || amount === undefined || amount === null) {
    bad(unreadable(text, 'ghi mỗi mức giảm một dòng, ví dụ “sinh_vien, tre_em: 100000 đồng – Học sinh, sinh viên được giảm 50%”'));
    return undefined;
  }
  const out: Record<string, unknown> = {
    categories: split(cats!, ',', WORD).map((c) => unesc(c, WORD)).filter((c) => c !== ''),
    amount,
  };
  if (m[2] !== undefined) out.description = m[2];
  return out as unknown as FeeReduction;
}

function moneyOf(s: string): number | null | undefined {
  const x = s.trim().replace(/\s*(đồng|đ|vnđ|vnd)$/iu, '');
  if (x === '') return undefined;
  if (/^\d+$/.test(x)) return Number(x);
  if (/^\d{1,3}(?:([.,\s])\d{3})(?:\1\d{3})*$/u.test(x)) return Number(x.replace(/[.,\s]/gu, ''));
  return null;
}

// ---------------------------------------------------------------------------------------
// Cells and where they are
// ---------------------------------------------------------------------------------------

type Raw = string | number | boolean | Date | undefined;
type Out = string | number | undefined;

/** The logical values of one row (a sheet row, a CSV record, or a "a: b | c: d" item). */
interface Cells {
  has(h: string): boolean;
  raw(h: string): Raw;
  /** Undefined when empty; "(trống)" gives ''. */
  text(h: string): string | undefined;
  /** List items; undefined when empty; "(trống)" gives []. */
  items(h: string): string[] | undefined;
}

const isEmpty = (v: Raw): boolean => v === undefined || (typeof v === 'string' && v.trim() === '');

function rawText(v: Raw): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? YES : NO;
  return dmyOfDate(v);
}

/** Cells of a sheet row or a CSV record: text cells carry TEXT escapes, list cells are lists. */
function tableCells(get: (h: string) => Raw, has: (h: string) => boolean): Cells {
  return {
    has,
    raw: get,
    text(h) {
      const v = get(h);
      if (isEmpty(v)) return undefined;
      const s = rawText(v);
      return s.trim() === EMPTY ? '' : typeof v === 'string' ? unesc(s, TEXT) : s;
    },
    items(h) {
      const v = get(h);
      if (isEmpty(v)) return undefined;
      const s = rawText(v);
      return s.trim() === EMPTY ? [] : decList(s);
    },
  };
}

/** Cells of one "Tiêu đề: giá trị | Tiêu đề: giá trị" item (values already unescaped). */
function segmentCells(values: Map<string, string>): Cells {
  const get = (h: string) => values.get(norm(h));
  return {
    has: (h) => values.has(norm(h)),
    raw: get,
    text(h) {
      const v = get(h);
      if (v === undefined || v.trim() === '') return undefined;
      return v.trim() === EMPTY ? '' : v;
    },
    items(h) {
      const v = get(h);
      if (v === undefined || v.trim() === '') return undefined;
      return v.trim() === EMPTY ? [] : decList(v);
    },
  };
}

/** Reports a problem: column, message, and the item number inside a list cell. */
type Say = (column: string, message: string, item?: number) => void;

function sayInRow(problems: FieldError[], sheet: string, row: number, main: boolean): Say {
  return (column, message, item) => {
    const where = main ? `Dòng ${row}, cột “${column}”` : `Trang “${sheet}”, dòng ${row}, cột “${column}”`;
    problems.push({ field: main ? column : `${sheet} / ${column}`, message: `${where}${item ? `, mục ${item}` : ''}: ${message}` });
  };
}

function sayInItem(problems: FieldError[], row: number, container: string, item: number): Say {
  return (column, message, sub) => {
    problems.push({ field: container, message: `Dòng ${row}, cột “${container}”, mục ${item}, phần “${column}”${sub ? ` (dòng thứ ${sub})` : ''}: ${message}` });
  };
}

// --- typed reads on Cells --------------------------------------------------------------------

function readInt(c: Cells, h: string, say: Say, hint: string): number | string | undefined {
  const v = c.raw(h);
  if (isEmpty(v)) return undefined;
  if (typeof v === 'number') return v;
  const s = rawText(v);
  const n = moneyOf(s);
  if (n === null || n === undefined) {
    say(h, unreadable(s, hint));
    return s;
  }
  return n;
}

function readBool(c: Cells, h: string, say: Say): boolean | string | undefined {
  const v = c.raw(h);
  if (isEmpty(v)) return undefined;
  if (typeof v === 'boolean') return v;
  const s = norm(rawText(v));
  if (['có', 'x', '1', 'true', 'yes', 'đúng', 'c'].includes(s)) return true;
  if (['không', 'khong', '0', 'false', 'no', 'sai', 'k'].includes(s)) return false;
  say(h, unreadable(rawText(v), 'ghi “Có” hoặc “Không”'));
  return rawText(v);
}

function readEnum<K extends string>(c: Cells, h: string, say: Say, keys: readonly K[], labels: Record<K, string>, aliases: Record<string, K> = {}): K | string | undefined {
  const s = c.text(h);
  if (s === undefined) return undefined;
  const k = pick(s, keys, labels, aliases);
  if (k === undefined) {
    say(h, unreadable(s, `ghi một trong: ${orList(keys.map((x) => labels[x]))}`));
    return s;
  }
  return k;
}

function readChannelKinds(text: string, say: (m: string) => void): string[] {
  const out: string[] = [];
  for (const w of text.split(/[,;\n]/)) {
    if (w.trim() === '') continue;
    const k = pick(w, CHANNEL_KINDS, CHANNEL_LABELS, { 'bưu chính': 'buu_chinh', 'trực tuyến (cổng dvc)': 'truc_tuyen' });
    if (k) out.push(k);
    else say(unreadable(w, `ghi ${orList(CHANNEL_KINDS.map((k) => CHANNEL_LABELS[k]))}, cách nhau bởi dấu phẩy`));
  }
  return out;
}

/** 'Mã thủ tục' read tolerantly: Excel turns 1.001193 into a number. */
function codeOf(v: Raw): string | undefined {
  if (isEmpty(v)) return undefined;
  if (typeof v === 'number') return v.toFixed(6);
  const s = rawText(v).trim();
  return /^\d,\d{6}$/.test(s) ? s.replace(',', '.') : unesc(s, TEXT);
}

function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
}

// ---------------------------------------------------------------------------------------
// Columns
// ---------------------------------------------------------------------------------------

type Kind = 'text' | 'list' | 'number';
interface Col<T> {
  header: string;
  aliases?: string[];
  width: number;
  kind: Kind;
  /** Shown for reading; never read back. */
  display?: boolean;
  /** Only in the CSV (the workbook has a sheet instead). */
  csvOnly?: boolean;
  /** Values offered in a drop-down in the workbook. */
  choices?: string[];
  doc: string;
  example?: string;
  put(x: T): Out;
}

const H = {
  stt: 'STT',
  code: 'Mã thủ tục',
  name: 'Tên thủ tục',
  field: 'Lĩnh vực',
  tier: 'Cấp thực hiện',
  type: 'Loại thủ tục',
  steps: 'Trình tự thực hiện',
  channels: 'Cách thức thực hiện',
  time: 'Thời hạn giải quyết',
  applicants: 'Đối tượng thực hiện',
  doers: 'Cơ quan thực hiện',
  competent: 'Cơ quan có thẩm quyền',
  authorised: 'Cơ quan được ủy quyền',
  cooperating: 'Cơ quan phối hợp',
  address: 'Địa chỉ tiếp nhận',
  results: 'Kết quả thực hiện',
  legal: 'Căn cứ pháp lý',
  conditions: 'Yêu cầu, điều kiện',
  decision: 'Quyết định công bố',
  online: 'Mức độ DVCTT',
  localCode: 'Mã thủ tục tại địa phương',
  fieldCode: 'Mã lĩnh vực',
  sets: 'Số bộ hồ sơ',
  related: 'Thủ tục liên quan',
  legacy: 'Mức độ theo NĐ 43/2011',
  presence: 'Phải có mặt trực tiếp',
  site: 'Phải kiểm tra thực địa',
  payOnline: 'Thanh toán phí trực tuyến được',
  deliver: 'Trả kết quả trực tuyến hoặc qua bưu chính',
  reason: 'Lý do chưa đủ điều kiện toàn trình',
  confidence: 'Độ tin cậy dữ liệu',
  components: 'Thành phần hồ sơ',
  fees: 'Phí, lệ phí',
  periods: 'Cơ quan theo giai đoạn',
} as const;

const bool = (b: boolean | undefined): string | undefined => (b === undefined ? undefined : b ? YES : NO);
type Row = { p: Procedure; i: number };

const CHANNEL_SEG = { time: 'Thời hạn', fee: 'Phí', description: 'Mô tả' } as const;

function fmtChannel(c: Channel): string {
  const segs = [esc(CHANNEL_LABELS[c.kind] ?? c.kind, SEG)];
  if (c.timeLimit) segs.push(`${CHANNEL_SEG.time}: ${esc(fmtTime(c.timeLimit), SEG)}`);
  if (c.feeNote !== undefined) segs.push(`${CHANNEL_SEG.fee}: ${esc(t(c.feeNote)!, SEG)}`);
  if (c.description !== undefined) segs.push(`${CHANNEL_SEG.description}: ${esc(t(c.description)!, SEG)}`);
  return segs.join(' | ');
}

const MAIN_COLS: Col<Row>[] = [
  { header: H.stt, width: 6, kind: 'number', display: true, doc: 'Số thứ tự, chỉ để xem; khi nhập không đọc cột này.', put: ({ i }) => i + 1 },
  { header: H.code, width: 12, kind: 'text', doc: 'Mã thủ tục trên CSDL quốc gia về TTHC, dạng d.dddddd. Mỗi mã chỉ một dòng. Là khóa để nối các trang khác.', example: '2.000815', put: ({ p }) => p.code },
  { header: H.name, width: 40, kind: 'text', doc: 'Tên thủ tục.', example: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản', put: ({ p }) => p.name },
  { header: H.field, width: 18, kind: 'text', doc: 'Tên lĩnh vực.', example: 'Chứng thực', put: ({ p }) => p.field?.name },
  { header: H.tier, width: 30, kind: 'list', doc: 'Các giai đoạn cấp thực hiện, mỗi giai đoạn một dòng: “Cấp …: từ dd/mm/yyyy” (đang áp dụng) hoặc “Cấp …: dd/mm/yyyy – dd/mm/yyyy”. Cấp: Cấp tỉnh, Cấp huyện (chỉ đến 30/06/2025), Cấp xã.', example: 'Cấp huyện: 10/04/2015 – 30/06/2025\nCấp xã: từ 01/07/2025', put: ({ p }) => encList(p.tierHistory.map(fmtPeriod)) },
  { header: H.type, width: 24, kind: 'text', doc: 'Loại thủ tục, ghi như CSDL quốc gia.', example: 'TTHC được luật giao quy định chi tiết', put: ({ p }) => p.procedureType },
  { header: H.steps, width: 60, kind: 'list', doc: 'Mỗi bước một dòng. Muốn xuống dòng trong cùng một bước thì bắt đầu dòng tiếp theo bằng dấu cách.', example: 'Bước 1: Nộp hồ sơ tại Bộ phận Một cửa.\nBước 2: Công chức kiểm tra hồ sơ:\n  - nếu đầy đủ thì tiếp nhận;\n  - nếu chưa đầy đủ thì hướng dẫn bổ sung.', put: ({ p }) => encList(p.steps) },
  {
    header: H.channels,
    width: 60,
    kind: 'list',
    doc: `Mỗi cách thức một dòng: “Trực tiếp”, “Trực tuyến” hoặc “Dịch vụ bưu chính”, rồi các phần cách nhau bởi “ | ”: “Thời hạn: …” (chỉ khi khác thời hạn chung, cùng cách ghi như cột Thời hạn giải quyết), “Phí: …” (ghi chú phí riêng của cách thức này), “Mô tả: …”.`,
    example: 'Trực tiếp | Mô tả: Nộp tại Bộ phận Một cửa UBND cấp xã.\nTrực tuyến | Thời hạn: 2 ngày làm việc | Phí: Giảm 50% lệ phí | Mô tả: Nộp qua Cổng Dịch vụ công quốc gia.',
    put: ({ p }) => encList(p.channels.map(fmtChannel)),
  },
  { header: H.time, width: 30, kind: 'text', doc: `Thời hạn chung: “3 ngày làm việc”, “8 giờ làm việc”, “15 ngày” (ngày lịch) hoặc “Trong ngày”; thêm sau dấu “;” nếu có: “tiếp nhận sau 15:00 tính từ ngày làm việc tiếp theo”, “không quá 5 ngày làm việc khi <trường hợp>”, “ghi chú: <ghi chú>”.`, example: 'Trong ngày; tiếp nhận sau 15:00 tính từ ngày làm việc tiếp theo; không quá 2 ngày làm việc khi hồ sơ phức tạp', put: ({ p }) => (p.processingTime ? fmtTime(p.processingTime) : undefined) },
  { header: H.applicants, width: 30, kind: 'list', doc: `Mỗi đối tượng một dòng: ${orList(APPLICANT_KINDS.map((k) => APPLICANT_KIND_LABELS[k]))}; có thể thêm “: mô tả”.`, example: 'Công dân Việt Nam\nNgười nước ngoài: thường trú tại Việt Nam', put: ({ p }) => encList(p.applicants.map(fmtApplicant)) },
  { header: H.doers, width: 30, kind: 'list', display: true, doc: 'Tổng hợp cơ quan có thẩm quyền và được ủy quyền, chỉ để xem; khi nhập không đọc cột này.', put: ({ p }) => encList([...new Set([...p.agencies.competent, ...p.agencies.authorised].map((a) => a.label ?? ('unitCode' in a ? a.unitCode : '')))]) },
  { header: H.competent, width: 34, kind: 'list', doc: 'Mỗi cơ quan một dòng: mã đơn vị trong cơ cấu tổ chức (“so-tu-phap”), hoặc “Tên hiển thị (mã đơn vị: so-tu-phap)”, hoặc mọi đơn vị cùng loại “UBND cấp xã (loại đơn vị: ubnd_xa)”.', example: 'UBND cấp xã (loại đơn vị: ubnd_xa)', put: ({ p }) => encList(p.agencies.competent.map(fmtAgency)) },
  { header: H.authorised, width: 30, kind: 'list', doc: 'Như cột Cơ quan có thẩm quyền; để trống nếu không có.', put: ({ p }) => encList(p.agencies.authorised.map(fmtAgency)) },
  { header: H.cooperating, width: 30, kind: 'list', doc: 'Như cột Cơ quan có thẩm quyền; để trống nếu không có.', example: 'Công an cấp xã (loại đơn vị: cong_an_xa)', put: ({ p }) => encList(p.agencies.cooperating.map(fmtAgency)) },
  { header: H.address, aliases: ['Địa chỉ tiếp nhận HS', 'Địa chỉ tiếp nhận hồ sơ'], width: 36, kind: 'text', doc: 'Địa chỉ tiếp nhận hồ sơ.', put: ({ p }) => p.receivingAddress },
  { header: H.results, width: 36, kind: 'list', doc: 'Mỗi kết quả một dòng.', example: 'Bản sao được chứng thực từ bản chính', put: ({ p }) => encList(p.results) },
  { header: H.legal, width: 50, kind: 'list', doc: 'Mỗi văn bản một dòng: “số hiệu ngày dd/mm/yyyy: trích yếu” (ngày có thể bỏ).', example: '23/2015/NĐ-CP ngày 16/02/2015: Nghị định về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính', put: ({ p }) => encList(p.legalBasis.map(fmtLegalDoc)) },
  { header: H.conditions, aliases: ['Yêu cầu, điều kiện thực hiện', 'Yêu cầu hoặc điều kiện thực hiện'], width: 40, kind: 'list', doc: 'Mỗi yêu cầu, điều kiện một dòng; để trống nếu không có.', put: ({ p }) => encList(p.conditions) },
  { header: H.decision, aliases: ['Số quyết định'], width: 30, kind: 'text', doc: '“số hiệu ngày dd/mm/yyyy của cơ quan ban hành” (ngày và cơ quan có thể bỏ).', example: '1234/QĐ-UBND ngày 15/03/2024 của Chủ tịch UBND tỉnh', put: ({ p }) => (p.publicationDecision ? fmtDecision(p.publicationDecision) : undefined) },
  { header: H.online, aliases: ['Mức độ dịch vụ công trực tuyến', 'Mức độ'], width: 18, kind: 'text', choices: ONLINE_LEVELS.map((k) => ONLINE_LEVEL_LABELS[k]), doc: `${orList(ONLINE_LEVELS.map((k) => ONLINE_LEVEL_LABELS[k]))} (NĐ 42/2022).`, example: 'Một phần', put: ({ p }) => ONLINE_LEVEL_LABELS[p.onlineLevel] ?? p.onlineLevel },
  { header: H.localCode, width: 24, kind: 'text', doc: 'Mã thủ tục tại địa phương, nếu có.', example: '2.000815.000.00.00.H37', put: ({ p }) => p.localCode },
  { header: H.fieldCode, width: 14, kind: 'text', doc: 'Mã lĩnh vực: chữ thường không dấu, chữ số, gạch ngang. Để trống thì tạo từ tên lĩnh vực.', example: 'chung-thuc', put: ({ p }) => p.field?.code },
  { header: H.sets, width: 8, kind: 'number', doc: 'Số bộ hồ sơ (1–20).', example: '1', put: ({ p }) => p.numberOfSets },
  { header: H.related, width: 18, kind: 'text', doc: 'Mã các thủ tục liên quan, cách nhau bởi dấu phẩy.', example: '2.000884, 2.000908', put: ({ p }) => p.relatedCodes.join(', ') },
  { header: H.legacy, width: 10, kind: 'number', choices: ['1', '2', '3', '4'], doc: 'Mức độ cũ theo NĐ 43/2011: 1, 2, 3 hoặc 4.', example: '3', put: ({ p }) => p.legacyLevel },
  { header: H.presence, width: 10, kind: 'text', choices: [YES, NO], doc: '“Có” nếu người yêu cầu phải có mặt trực tiếp.', put: ({ p }) => bool(p.requiresPresence) },
  { header: H.site, width: 10, kind: 'text', choices: [YES, NO], doc: '“Có” nếu phải kiểm tra thực địa.', put: ({ p }) => bool(p.requiresSiteInspection) },
  { header: H.payOnline, width: 10, kind: 'text', choices: [YES, NO], doc: '“Có” nếu nộp phí, lệ phí trực tuyến được.', put: ({ p }) => bool(p.feePayableOnline) },
  { header: H.deliver, width: 10, kind: 'text', choices: [YES, NO], doc: '“Có” nếu trả kết quả trực tuyến hoặc qua bưu chính công ích được.', put: ({ p }) => bool(p.resultDeliverableOnlineOrPost) },
  { header: H.reason, width: 30, kind: 'text', doc: 'Bắt buộc khi thủ tục chưa đủ điều kiện toàn trình.', put: ({ p }) => t(p.ineligibleReason) },
  { header: H.confidence, width: 20, kind: 'text', doc: 'C (đã xác nhận), S (một nguồn thứ cấp) hoặc U (chưa xác nhận); thêm nếu cần “; theo trường: fees=U, processingTime=S” và “; ghi chú: …”.', example: 'S; theo trường: fees=U; ghi chú: Chưa đối chiếu quyết định công bố', put: ({ p }) => (p.confidence ? fmtConfidence(p.confidence) : undefined) },
  { header: H.components, width: 60, kind: 'list', csvOnly: true, doc: `Chỉ có trong tệp CSV: mỗi thành phần một mục “Mã thành phần: … | Tên giấy tờ: … | …” với các tiêu đề cột của trang “${SHEETS.components}”.`, put: ({ p }) => (p.components ? encList(p.components.map((c) => recordLine(COMPONENT_COLS, c))) : undefined) },
  { header: H.fees, width: 60, kind: 'list', csvOnly: true, doc: `Chỉ có trong tệp CSV: mỗi khoản một mục “Loại khoản thu: … | Tên khoản thu: … | …” với các tiêu đề cột của trang “${SHEETS.fees}”.`, put: ({ p }) => (p.fees ? encList(p.fees.map((f) => recordLine(FEE_COLS, f))) : undefined) },
  { header: H.periods, width: 40, kind: 'list', csvOnly: true, doc: `Chỉ có trong tệp CSV: mỗi giai đoạn có cơ quan riêng một mục “Từ ngày: … | Cơ quan có thẩm quyền: …” với các tiêu đề cột của trang “${SHEETS.periods}”.`, put: ({ p }) => encList(p.tierHistory.filter((x) => x.agencies).map((x) => recordLine(PERIOD_COLS, x))) },
];

// --- child tables --------------------------------------------------------------------------

const KEY_COLS = (sheet: string): Col<{ p: Procedure }>[] => [
  { header: H.code, width: 12, kind: 'text', doc: `Mã thủ tục (phải có ở trang “${SHEETS.main}”).`, put: ({ p }) => p.code },
  { header: H.name, width: 30, kind: 'text', display: true, doc: `Tên thủ tục, chỉ để xem; khi nhập không đọc cột này trên trang “${sheet}”.`, put: ({ p }) => p.name },
];

const C = {
  code: 'Mã thành phần',
  name: 'Tên giấy tờ',
  form: 'Hình thức',
  quantity: 'Số lượng',
  required: 'Bắt buộc',
  note: 'Ghi chú',
  template: 'Mẫu đơn, tờ khai',
} as const;

const COMPONENT_COLS: Col<DossierComponent>[] = [
  { header: C.code, width: 12, kind: 'text', doc: 'Mã thành phần, không trùng trong một thủ tục (hồ sơ đã nộp dẫn chiếu mã này).', example: 'TP1', put: (c) => c.code },
  { header: C.name, width: 50, kind: 'text', doc: 'Tên giấy tờ.', example: 'Tờ khai đăng ký khai sinh', put: (c) => c.name },
  { header: C.form, width: 20, kind: 'text', choices: COMPONENT_FORMS.map((k) => COMPONENT_FORM_LABELS[k]), doc: orList(COMPONENT_FORMS.map((k) => COMPONENT_FORM_LABELS[k])) + '.', example: 'Bản chính', put: (c) => COMPONENT_FORM_LABELS[c.form] ?? c.form },
  { header: C.quantity, width: 8, kind: 'number', doc: 'Số lượng (1–50).', example: '1', put: (c) => c.quantity },
  { header: C.required, width: 9, kind: 'text', choices: [YES, NO], doc: '“Có” hoặc “Không”.', put: (c) => bool(c.required) },
  { header: C.note, width: 36, kind: 'text', doc: 'Ghi chú, nếu có.', put: (c) => t(c.note) },
  { header: C.template, width: 24, kind: 'text', doc: 'Tên tệp mẫu đơn, tờ khai (trong kho mẫu của thủ tục), nếu có.', example: 'to-khai-khai-sinh.docx', put: (c) => c.templateFile },
];

const F = {
  kind: 'Loại khoản thu',
  label: 'Tên khoản thu',
  type: 'Cách tính',
  amount: 'Mức thu (đồng)',
  firstPages: 'Số trang tính theo mức đầu',
  firstPrice: 'Mức thu mỗi trang đầu (đồng)',
  laterPrice: 'Mức thu mỗi trang tiếp theo (đồng)',
  cap: 'Tối đa mỗi bản (đồng)',
  reductions: 'Mức giảm',
  categories: 'Đối tượng được miễn',
  exempts: 'Khoản được miễn',
  text: 'Mô tả, ghi chú',
  province: 'Do HĐND tỉnh quy định',
  channels: 'Áp dụng cho cách thức',
  variant: 'Trường hợp áp dụng',
  legal: 'Căn cứ',
} as const;

const FEE_COLS: Col<FeeRule>[] = [
  { header: F.kind, width: 10, kind: 'text', choices: FEE_KINDS.map((k) => FEE_KIND_LABELS[k]), doc: '“Lệ phí” hoặc “Phí” (với dòng miễn: loại khoản ghi nhận việc miễn).', put: (r) => FEE_KIND_LABELS[r.kind] ?? r.kind },
  { header: F.label, width: 30, kind: 'text', doc: 'Tên khoản thu.', example: 'Lệ phí đăng ký khai sinh', put: (r) => r.label },
  { header: F.type, width: 16, kind: 'text', choices: FEE_TYPES.map((k) => FEE_TYPE_LABELS[k]), doc: `${orList(FEE_TYPES.map((k) => FEE_TYPE_LABELS[k]))}. Chỉ ghi các cột mức thu của cách tính đó.`, example: 'Theo trang', put: (r) => FEE_TYPE_LABELS[r.type] ?? r.type },
  { header: F.amount, width: 12, kind: 'number', doc: 'Cố định: mức thu mỗi lần; Theo bản: mức thu mỗi bản. Số nguyên đồng.', example: '8000', put: (r) => (r.type === 'fixed' ? r.amount : r.type === 'per_copy' ? r.amountPerCopy : undefined) },
  { header: F.firstPages, width: 10, kind: 'number', doc: 'Theo trang: số trang đầu tính theo mức đầu (ví dụ 2).', example: '2', put: (r) => (r.type === 'per_page' ? r.firstPages : undefined) },
  { header: F.firstPrice, width: 12, kind: 'number', doc: 'Theo trang: mức thu mỗi trang đầu.', example: '2000', put: (r) => (r.type === 'per_page' ? r.firstPagesPrice : undefined) },
  { header: F.laterPrice, width: 12, kind: 'number', doc: 'Theo trang: mức thu mỗi trang từ trang tiếp theo.', example: '1000', put: (r) => (r.type === 'per_page' ? r.laterPagesPrice : undefined) },
  { header: F.cap, width: 12, kind: 'number', doc: 'Theo trang: mức thu tối đa mỗi bản.', example: '200000', put: (r) => (r.type === 'per_page' ? r.capPerCopy : undefined) },
  { header: F.reductions, width: 40, kind: 'list', doc: 'Cố định, Theo bản: mỗi mức giảm một dòng “đối tượng, đối tượng: số tiền đồng – mô tả”; đối tượng ghi theo mã ở danh mục dưới đây hoặc bằng chữ. “(trống)” = danh sách rỗng.', example: 'sinh_vien: 100000 đồng – Sinh viên được giảm 50%', put: (r) => ((r.type === 'fixed' || r.type === 'per_copy') && r.reductions !== undefined ? (r.reductions.length === 0 ? EMPTY : encList(r.reductions.map(fmtReduction))) : undefined) },
  { header: F.categories, width: 24, kind: 'list', doc: 'Miễn: mỗi đối tượng được miễn một dòng (mã ở danh mục dưới đây hoặc bằng chữ).', example: 'nguoi_co_cong\nho_ngheo', put: (r) => (r.type === 'exemption' && r.categories !== undefined ? (r.categories.length === 0 ? EMPTY : encList(r.categories)) : undefined) },
  { header: F.exempts, width: 12, kind: 'text', doc: 'Miễn: “Lệ phí”, “Phí” hoặc “Lệ phí, Phí”; để trống = miễn mọi khoản.', example: 'Lệ phí', put: (r) => (r.type === 'exemption' && r.exempts !== undefined ? (r.exempts.length === 0 ? EMPTY : r.exempts.map((k) => FEE_KIND_LABELS[k] ?? k).join(', ')) : undefined) },
  { header: F.text, width: 36, kind: 'text', doc: 'Miễn: mô tả đối tượng được miễn (bắt buộc). Theo nghị quyết HĐND tỉnh: ghi chú, nếu có.', put: (r) => (r.type === 'exemption' ? t(r.description) : r.type === 'by_resolution' ? t(r.note) : undefined) },
  { header: F.province, width: 10, kind: 'text', choices: [YES, NO], doc: '“Có” nếu mức thu do HĐND tỉnh quy định.', put: (r) => bool(r.setByProvince) },
  { header: F.channels, width: 18, kind: 'text', doc: `Chỉ áp dụng cho các cách thức này (${orList(CHANNEL_KINDS.map((k) => CHANNEL_LABELS[k]))}, cách nhau bởi dấu phẩy); để trống = mọi cách thức.`, example: 'Trực tuyến', put: (r) => (r.channels === undefined ? undefined : r.channels.length === 0 ? EMPTY : r.channels.map((k) => CHANNEL_LABELS[k] ?? k).join(', ')) },
  { header: F.variant, width: 16, kind: 'text', doc: 'Chỉ áp dụng cho trường hợp này (mã trường hợp, ví dụ dang_ky_tre_han); để trống = mọi trường hợp.', put: (r) => r.variant },
  { header: F.legal, width: 24, kind: 'text', doc: 'Văn bản quy định mức thu, nếu có.', example: '85/2019/TT-BTC', put: (r) => t(r.legalBasis) },
];

const P = { from: 'Từ ngày', period: 'Giai đoạn' } as const;
const PERIOD_COLS: Col<TierPeriod>[] = [
  { header: P.from, width: 12, kind: 'text', doc: `Ngày bắt đầu của giai đoạn (dd/mm/yyyy), phải trùng một giai đoạn ở cột “${H.tier}” trang “${SHEETS.main}”.`, example: '10/04/2015', put: (x) => toDmy(x.validFrom) },
  { header: P.period, width: 30, kind: 'text', display: true, doc: 'Giai đoạn, chỉ để xem; khi nhập không đọc cột này.', put: (x) => fmtPeriod(x) },
  { header: H.competent, width: 34, kind: 'list', doc: `Cơ quan có thẩm quyền trong giai đoạn này, cách ghi như trang “${SHEETS.main}”.`, example: 'ubnd-huyen-dinh-lap', put: (x) => (x.agencies ? encList(x.agencies.competent.map(fmtAgency)) : undefined) },
  { header: H.authorised, width: 30, kind: 'list', doc: 'Cơ quan được ủy quyền trong giai đoạn này.', put: (x) => (x.agencies ? encList(x.agencies.authorised.map(fmtAgency)) : undefined) },
  { header: H.cooperating, width: 30, kind: 'list', doc: 'Cơ quan phối hợp trong giai đoạn này.', put: (x) => (x.agencies ? encList(x.agencies.cooperating.map(fmtAgency)) : undefined) },
];

/** A child record as one "Tiêu đề: giá trị | …" line (empty cells left out). */
function recordLine<T>(cols: readonly Col<T>[], x: T): string {
  const segs: string[] = [];
  for (const c of cols) {
    if (c.display) continue;
    const v = c.put(x);
    if (v === undefined || v === '') continue;
    segs.push(`${c.header}: ${esc(String(v), SEG)}`);
  }
  return segs.join(' | ');
}

// ---------------------------------------------------------------------------------------
// Reading one procedure and its children
// ---------------------------------------------------------------------------------------

type Rec = Record<string, unknown>;

function setIf(rec: Rec, key: string, v: unknown): void {
  if (v !== undefined) rec[key] = v;
}

function readMain(c: Cells, say: Say): Rec {
  const rec: Rec = {};
  setIf(rec, 'code', codeOf(c.raw(H.code)));
  setIf(rec, 'localCode', c.text(H.localCode));
  setIf(rec, 'name', c.text(H.name));

  const fieldName = c.text(H.field);
  const fieldCode = c.text(H.fieldCode) ?? (fieldName ? slug(fieldName) : undefined);
  if (fieldName !== undefined || fieldCode !== undefined) {
    const f: Rec = {};
    setIf(f, 'code', fieldCode);
    setIf(f, 'name', fieldName);
    rec.field = f;
  }

  rec.tierHistory = (c.items(H.tier) ?? []).flatMap((s, i) => parsePeriod(s, (m) => say(H.tier, m, i + 1)) ?? []);
  setIf(rec, 'procedureType', c.text(H.type));
  rec.steps = c.items(H.steps) ?? [];

  rec.channels = (c.items(H.channels) ?? []).flatMap((s, i) => readChannel(s, (col, m) => say(H.channels, col ? `phần “${col}”: ${m}` : m, i + 1)) ?? []);

  setIf(rec, 'numberOfSets', readInt(c, H.sets, say, 'ghi một số, ví dụ “1”'));
  const time = c.text(H.time);
  if (time !== undefined) rec.processingTime = parseTime(time, (m) => say(H.time, m));

  rec.applicants = (c.items(H.applicants) ?? []).flatMap((s, i) => parseApplicants(s, (m) => say(H.applicants, m, i + 1)));
  const agencies = (h: string) => readAgencies(c.items(h) ?? [], (m, i) => say(h, m, i));
  rec.agencies = { competent: agencies(H.competent), authorised: agencies(H.authorised), cooperating: agencies(H.cooperating) };
  setIf(rec, 'receivingAddress', c.text(H.address));
  rec.results = c.items(H.results) ?? [];
  rec.conditions = c.items(H.conditions) ?? [];
  rec.legalBasis = (c.items(H.legal) ?? []).flatMap((s, i) => parseLegalDoc(s, (m) => say(H.legal, m, i + 1)) ?? []);
  const decision = c.text(H.decision);
  if (decision !== undefined) rec.publicationDecision = parseDecision(decision);
  const related = c.text(H.related);
  rec.relatedCodes = related === undefined ? [] : related.split(/[\s,;]+/).filter((x) => x !== '').map((x) => (/^\d,\d{6}$/.test(x) ? x.replace(',', '.') : x));

  const legacy = c.raw(H.legacy);
  if (!isEmpty(legacy)) {
    const s = rawText(legacy).trim();
    const m = /^(?:mức(?: độ)?\s*)?([1-4])$/iu.exec(s);
    if (typeof legacy === 'number') rec.legacyLevel = legacy;
    else if (m) rec.legacyLevel = Number(m[1]);
    else {
      say(H.legacy, unreadable(s, 'ghi 1, 2, 3 hoặc 4'));
      rec.legacyLevel = s;
    }
  }
  setIf(rec, 'onlineLevel', readEnum(c, H.online, say, ONLINE_LEVELS, ONLINE_LEVEL_LABELS, {
    'dvctt toàn trình': 'toan_trinh',
    'dịch vụ công trực tuyến toàn trình': 'toan_trinh',
    'dvctt một phần': 'mot_phan',
    'dịch vụ công trực tuyến một phần': 'mot_phan',
    'không': 'none',
    'thông tin trực tuyến': 'none',
  }));
  setIf(rec, 'requiresPresence', readBool(c, H.presence, say));
  setIf(rec, 'requiresSiteInspection', readBool(c, H.site, say));
  setIf(rec, 'feePayableOnline', readBool(c, H.payOnline, say));
  setIf(rec, 'resultDeliverableOnlineOrPost', readBool(c, H.deliver, say));
  setIf(rec, 'ineligibleReason', c.text(H.reason));
  const conf = c.text(H.confidence);
  if (conf !== undefined) rec.confidence = parseConfidence(conf, (m) => say(H.confidence, m));
  return rec;
}

function readChannel(text: string, bad: (column: string | undefined, m: string) => void): Rec | undefined {
  const [head, ...rest] = split(text, '|', SEG);
  const kindText = unesc(head ?? '', SEG);
  const kind = pick(kindText, CHANNEL_KINDS, CHANNEL_LABELS, { 'bưu chính': 'buu_chinh', 'qua dịch vụ bưu chính công ích': 'buu_chinh' });
  if (!kind) {
    bad(undefined, unreadable(kindText, `mỗi dòng bắt đầu bằng ${orList(CHANNEL_KINDS.map((k) => CHANNEL_LABELS[k]))}, rồi “ | Thời hạn: … | Phí: … | Mô tả: …”`));
    return undefined;
  }
  const out: Rec = { kind };
  for (const raw of rest) {
    const i = raw.indexOf(':');
    const label = i < 0 ? '' : norm(raw.slice(0, i));
    const value = i < 0 ? '' : unesc(raw.slice(i + 1), SEG);
    const text = value.trim() === EMPTY ? '' : value;
    if (label === norm(CHANNEL_SEG.time) || label === 'thời hạn giải quyết') {
      out.timeLimit = parseTime(text, (m) => bad(CHANNEL_SEG.time, m));
    } else if (label === norm(CHANNEL_SEG.fee) || label === 'phí, lệ phí' || label === 'lệ phí') out.feeNote = text;
    else if (label === norm(CHANNEL_SEG.description)) out.description = text;
    else bad(undefined, `không hiểu phần “${shown(raw)}”; sau tên cách thức chỉ ghi “Thời hạn: …”, “Phí: …”, “Mô tả: …”, cách nhau bởi “ | ”.`);
  }
  return out;
}

function readComponent(c: Cells, say: Say): Rec {
  const x: Rec = {};
  setIf(x, 'code', c.text(C.code));
  setIf(x, 'name', c.text(C.name));
  setIf(x, 'form', readEnum(c, C.form, say, COMPONENT_FORMS, COMPONENT_FORM_LABELS, { 'bản sao': 'ban_sao_chung_thuc', 'bản sao chứng thực': 'ban_sao_chung_thuc', 'bản photo': 'ban_chup', 'bản chụp (photo)': 'ban_chup' }));
  setIf(x, 'quantity', readInt(c, C.quantity, say, 'ghi một số, ví dụ “1”'));
  setIf(x, 'required', readBool(c, C.required, say));
  setIf(x, 'note', c.text(C.note));
  setIf(x, 'templateFile', c.text(C.template));
  return x;
}

/** Columns each fee type uses (besides the common ones). */
const FEE_TYPE_COLS: Record<FeeType, string[]> = {
  fixed: [F.amount, F.reductions],
  per_copy: [F.amount, F.reductions],
  per_page: [F.firstPages, F.firstPrice, F.laterPrice, F.cap],
  by_resolution: [F.text],
  exemption: [F.categories, F.exempts, F.text],
};
const FEE_REQUIRED: Record<FeeType, string[]> = {
  fixed: [F.amount],
  per_copy: [F.amount],
  per_page: [F.firstPages, F.firstPrice, F.laterPrice, F.cap],
  by_resolution: [],
  exemption: [F.categories, F.text],
};

function readFee(c: Cells, say: Say): Rec {
  const x: Rec = {};
  setIf(x, 'kind', readEnum(c, F.kind, say, FEE_KINDS, FEE_KIND_LABELS));
  setIf(x, 'label', c.text(F.label));
  const type = readEnum(c, F.type, say, FEE_TYPES, FEE_TYPE_LABELS, {
    'cố định': 'fixed',
    'mỗi bản': 'per_copy',
    'theo số trang': 'per_page',
    'theo nghị quyết': 'by_resolution',
    'theo mức hđnd tỉnh': 'by_resolution',
    'miễn phí': 'exemption',
    'miễn': 'exemption',
  });
  setIf(x, 'type', type);
  setIf(x, 'setByProvince', readBool(c, F.province, say));
  const channels = c.text(F.channels);
  if (channels !== undefined) x.channels = readChannelKinds(channels, (m) => say(F.channels, m));
  setIf(x, 'variant', c.text(F.variant));
  setIf(x, 'legalBasis', c.text(F.legal));
  if (!(FEE_TYPES as readonly string[]).includes(type as string)) return x;
  const ft = type as FeeType;

  const used = new Set(FEE_TYPE_COLS[ft]);
  for (const h of new Set(Object.values(FEE_TYPE_COLS).flat())) {
    if (!used.has(h) && c.raw(h) !== undefined && !isEmpty(c.raw(h))) say(h, `cách tính “${FEE_TYPE_LABELS[ft]}” không dùng cột này; hãy để trống.`);
  }
  for (const h of FEE_REQUIRED[ft]) if (isEmpty(c.raw(h))) say(h, `cách tính “${FEE_TYPE_LABELS[ft]}” cần ghi cột này.`);
  const money = (h: string) => readInt(c, h, say, 'ghi số tiền bằng số nguyên đồng, ví dụ “8000” hoặc “8.000”');
  switch (ft) {
    case 'fixed':
    case 'per_copy': {
      setIf(x, ft === 'fixed' ? 'amount' : 'amountPerCopy', money(F.amount));
      const items = c.items(F.reductions);
      if (items !== undefined) x.reductions = items.flatMap((s, i) => parseReduction(s, (m) => say(F.reductions, m, i + 1)) ?? []);
      break;
    }
    case 'per_page':
      setIf(x, 'firstPages', readInt(c, F.firstPages, say, 'ghi số trang, ví dụ “2”'));
      setIf(x, 'firstPagesPrice', money(F.firstPrice));
      setIf(x, 'laterPagesPrice', money(F.laterPrice));
      setIf(x, 'capPerCopy', money(F.cap));
      break;
    case 'by_resolution':
      setIf(x, 'note', c.text(F.text));
      break;
    case 'exemption': {
      const items = c.items(F.categories);
      if (items !== undefined) {
        // "ho_ngheo, tre_em": known category codes typed on one line
        x.categories = items.flatMap((s) => (s.includes(',') && s.split(',').every((w) => w.trim() in APPLICANT_CATEGORIES) ? s.split(',').map((w) => w.trim()) : [s]));
      }
      setIf(x, 'description', c.text(F.text));
      const exempts = c.text(F.exempts);
      if (exempts !== undefined) {
        x.exempts = exempts
          .split(/[,;\n]/)
          .filter((w) => w.trim() !== '')
          .flatMap((w) => {
            const k = pick(w, FEE_KINDS, FEE_KIND_LABELS);
            if (!k) say(F.exempts, unreadable(w, 'ghi “Lệ phí”, “Phí” hoặc “Lệ phí, Phí”'));
            return k ? [k] : [];
          });
      }
      break;
    }
  }
  return x;
}

function readPeriodAgencies(c: Cells, say: Say): { from?: string; agencies: Agencies } {
  const fromRaw = c.raw(P.from);
  let from: string | undefined;
  if (fromRaw instanceof Date) from = toIso(dmyOfDate(fromRaw));
  else if (!isEmpty(fromRaw)) {
    from = toIso(rawText(fromRaw));
    if (!from) say(P.from, unreadable(rawText(fromRaw), 'ghi ngày theo dạng dd/mm/yyyy'));
  } else say(P.from, 'thiếu ngày bắt đầu của giai đoạn.');
  const list = (h: string) => readAgencies(c.items(h) ?? [], (m, i) => say(h, m, i));
  const out: { from?: string; agencies: Agencies } = { agencies: { competent: list(H.competent), authorised: list(H.authorised), cooperating: list(H.cooperating) } };
  if (from) out.from = from;
  return out;
}

// ---------------------------------------------------------------------------------------
// Tables (a sheet or the CSV) → ImportRow[]
// ---------------------------------------------------------------------------------------

interface TableRow {
  row: number;
  cells: Cells;
  /** The raw 'Mã thủ tục'. */
  code: Raw;
}
interface Table {
  sheet: string;
  has(h: string): boolean;
  rows: TableRow[];
}

/** Where the child records come from: their own sheet, a column of the main table, or nowhere. */
type Source = { kind: 'sheet'; table: Table } | { kind: 'column' } | { kind: 'none' };

interface Child<T> {
  sheet: string;
  column: string;
  cols: readonly Col<T>[];
}
const COMPONENTS: Child<DossierComponent> = { sheet: SHEETS.components, column: H.components, cols: COMPONENT_COLS };
const FEES: Child<FeeRule> = { sheet: SHEETS.fees, column: H.fees, cols: FEE_COLS };
const PERIODS: Child<TierPeriod> = { sheet: SHEETS.periods, column: H.periods, cols: PERIOD_COLS };

/** The items of a CSV column as Cells, each with its own problem reporter. */
function columnItems(main: TableRow, child: Child<unknown>, problems: FieldError[]): { cells: Cells; say: Say }[] {
  const items = main.cells.items(child.column) ?? [];
  const known = new Map(child.cols.filter((c) => !c.display).map((c) => [norm(c.header), c.header]));
  for (const c of child.cols) for (const a of c.aliases ?? []) known.set(norm(a), c.header);
  return items.map((item, i) => {
    const say = sayInItem(problems, main.row, child.column, i + 1);
    const values = new Map<string, string>();
    for (const raw of split(item, '|', SEG)) {
      if (raw.trim() === '') continue;
      const at = raw.indexOf(':');
      const header = at < 0 ? undefined : known.get(norm(raw.slice(0, at)));
      if (!header) {
        problems.push({ field: child.column, message: `Dòng ${main.row}, cột “${child.column}”, mục ${i + 1}: không hiểu “${shown(raw)}”; mỗi phần ghi “Tiêu đề cột: giá trị” với tiêu đề cột của trang “${child.sheet}”, cách nhau bởi “ | ”.` });
        continue;
      }
      if (values.has(norm(header))) say(header, 'phần này được ghi hai lần.');
      values.set(norm(header), unesc(raw.slice(at + 1), SEG));
    }
    return { cells: segmentCells(values), say };
  });
}

function assemble(main: Table, sources: { components: Source; fees: Source; periods: Source }): ImportRow[] {
  const out: ImportRow[] = [];
  const byCode = new Map<string, { row: number; record: Rec; problems: FieldError[]; tableRow: TableRow }>();

  for (const r of main.rows) {
    const problems: FieldError[] = [];
    const say = sayInRow(problems, main.sheet, r.row, true);
    const record = readMain(r.cells, say);
    const code = typeof record.code === 'string' ? record.code : undefined;
    if (code === undefined) say(H.code, 'thiếu mã thủ tục.');
    else {
      const first = byCode.get(code);
      if (first) say(H.code, `mã thủ tục ${code} trùng với dòng ${first.row}; mỗi thủ tục chỉ ghi một dòng.`);
      else byCode.set(code, { row: r.row, record, problems, tableRow: r });
    }
    out.push({ row: r.row, sheet: main.sheet, record, problems });
  }

  type Owner = { row: number; record: Rec; problems: FieldError[]; tableRow: TableRow };
  /** Child rows of a sheet, given to their procedure; rows of unknown procedures become their own ImportRow. */
  const fromSheet = (child: Child<unknown>, table: Table, each: (owner: Owner, cells: Cells, say: Say) => void) => {
    for (const r of table.rows) {
      const code = codeOf(r.code);
      const owner = code === undefined ? undefined : byCode.get(code);
      if (!owner) {
        const problems: FieldError[] = [];
        const message = code === undefined ? 'thiếu mã thủ tục.' : `mã thủ tục “${code}” không có ở trang “${main.sheet}”.`;
        sayInRow(problems, child.sheet, r.row, false)(H.code, message);
        out.push({ row: r.row, sheet: child.sheet, record: null, problems });
        continue;
      }
      each(owner, r.cells, sayInRow(owner.problems, child.sheet, r.row, false));
    }
  };
  /** Every child of every procedure, from its sheet or from the main table's column. */
  const children = (child: Child<unknown>, source: Source, each: (owner: Owner, cells: Cells, say: Say) => void) => {
    if (source.kind === 'sheet') fromSheet(child, source.table, each);
    else if (source.kind === 'column') {
      for (const o of byCode.values()) for (const { cells, say } of columnItems(o.tableRow, child, o.problems)) each(o, cells, say);
    }
  };

  // Components and fees: no sheet and no column leaves the list out (the validator says so).
  for (const [child, source, key, read] of [
    [COMPONENTS, sources.components, 'components', readComponent],
    [FEES, sources.fees, 'fees', readFee],
  ] as const) {
    if (source.kind === 'none') continue;
    for (const o of byCode.values()) o.record[key] = [];
    children(child as Child<unknown>, source, (o, cells, say) => (o.record[key] as Rec[]).push(read(cells, say)));
  }

  // Agencies of tier periods, matched on the period's first day.
  const seen = new Map<Owner, Set<string>>();
  children(PERIODS as Child<unknown>, sources.periods, (o, cells, say) => {
    const read = readPeriodAgencies(cells, say);
    if (!read.from) return;
    const done = seen.get(o) ?? new Set<string>();
    seen.set(o, done);
    const periods = Array.isArray(o.record.tierHistory) ? (o.record.tierHistory as Rec[]) : [];
    const period = periods.find((x) => x.validFrom === read.from);
    if (done.has(read.from)) say(P.from, `giai đoạn bắt đầu ngày ${toDmy(read.from)} đã được ghi ở một dòng khác.`);
    else if (!period) say(P.from, `không có giai đoạn nào bắt đầu ngày ${toDmy(read.from)} ở cột “${H.tier}” của dòng ${o.row} trang “${main.sheet}”.`);
    else period.agencies = read.agencies;
    done.add(read.from);
  });
  return out;
}

// ---------------------------------------------------------------------------------------
// Workbook
// ---------------------------------------------------------------------------------------

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

function colLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function addTableSheet<T>(wb: ExcelJS.Workbook, name: string, cols: readonly Col<T>[], items: readonly T[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  ws.columns = cols.map((c) => ({ header: c.header, width: c.width }));
  cols.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.alignment = { wrapText: true, vertical: 'top' };
    col.numFmt = c.kind === 'number' ? '#,##0' : '@';
  });
  for (const x of items) {
    ws.addRow(
      cols.map((c) => {
        const v = c.put(x);
        if (v === undefined) return null;
        return typeof v === 'number' ? v : c.kind === 'text' ? esc(v, TEXT) : v;
      }),
    );
  }
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.border = { bottom: { style: 'thin' } };
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: cols.length } };
  const last = Math.max(1000, items.length + 500);
  const validations = (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  cols.forEach((c, i) => {
    if (!c.choices) return;
    const letter = colLetter(i + 1);
    validations.add(`${letter}2:${letter}${last}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${c.choices.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'warning',
      // Excel refuses an error title over 32 characters; the message stays under 255
      error: `“${c.header}”: chọn một trong ${c.choices.join(', ')}.`,
    });
  });
  return ws;
}

function addGuide(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet(SHEETS.guide, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: 'Trang', width: 22 },
    { header: 'Cột', width: 30 },
    { header: 'Cách ghi', width: 90 },
    { header: 'Ví dụ', width: 60 },
  ];
  const rule = (col: string, text: string, example = '') => ws.addRow(['Quy tắc chung', col, text, example]);
  rule('Dòng tiêu đề', 'Dòng 1 của mỗi trang là tiêu đề cột; không đổi tên cột. Thứ tự cột không quan trọng, cột lạ được bỏ qua. Mỗi thủ tục một dòng ở trang “Thủ tục”; các trang khác nối với thủ tục qua cột “Mã thủ tục”.');
  rule('Danh sách trong một ô', 'Mỗi mục một dòng (Alt+Enter để xuống dòng trong ô). Dòng bắt đầu bằng dấu cách là phần tiếp theo của mục ngay trên (tệp xuất ra thụt vào hai dấu cách). Dòng trống được bỏ qua.', 'Bước 1: Nộp hồ sơ.\nBước 2: Kiểm tra hồ sơ:\n  - nếu đủ thì tiếp nhận.');
  rule('Các phần “ | ”', 'Một số ô ghi nhiều phần cách nhau bởi “ | ”, mỗi phần “Tiêu đề: giá trị”.', 'Trực tuyến | Thời hạn: 2 ngày làm việc | Mô tả: Nộp qua Cổng DVC quốc gia');
  rule('Dấu \\', 'Dấu gạch chéo ngược \\ giữ nguyên ký tự ngay sau nó khi ký tự đó có nghĩa riêng: “\\|” là dấu | trong phần “ | ”, “\\;” là dấu ; trong ô thời hạn, “\\ ” là dấu cách ở đầu hoặc cuối giá trị, “\\r” là ký tự về đầu dòng, “\\\\” là một dấu \\. Ở chỗ khác dấu \\ giữ nguyên.');
  rule('(trống)', '“(trống)” nghĩa là có ghi nhưng rỗng (ví dụ ghi chú rỗng, danh sách mức giảm rỗng); ô để trống nghĩa là không có.');
  rule('Ngày, có/không, tiền', 'Ngày ghi dd/mm/yyyy. Có/không ghi “Có” hoặc “Không”. Tiền ghi số nguyên đồng, ví dụ 8000 hoặc 8.000.');
  rule('Tệp CSV', 'Tệp CSV có đúng các cột của trang “Thủ tục” và thêm ba cột “Thành phần hồ sơ”, “Phí, lệ phí”, “Cơ quan theo giai đoạn”: mỗi mục là một dòng của trang tương ứng, ghi “Tiêu đề cột: giá trị | Tiêu đề cột: giá trị”. Mã hóa UTF-8 (có BOM).', 'Mã thành phần: TP1 | Tên giấy tờ: Tờ khai | Hình thức: Bản chính | Số lượng: 1 | Bắt buộc: Có');
  const describe = (sheet: string, cols: readonly { header: string; doc: string; example?: string }[]) => {
    for (const c of cols) ws.addRow([sheet, c.header, c.doc, c.example ?? '']);
  };
  describe(SHEETS.main, MAIN_COLS.filter((c) => !c.csvOnly));
  describe(SHEETS.components, [...KEY_COLS(SHEETS.components), ...COMPONENT_COLS]);
  describe(SHEETS.fees, [...KEY_COLS(SHEETS.fees), ...FEE_COLS]);
  describe(SHEETS.periods, [...KEY_COLS(SHEETS.periods), ...PERIOD_COLS]);
  describe('Tệp CSV', MAIN_COLS.filter((c) => c.csvOnly));
  ws.addRow(['Danh mục', 'Loại đơn vị', UNIT_KINDS.map((k) => `${k}: ${UNIT_KIND_HINTS[k]}`).join('\n'), 'UBND cấp xã (loại đơn vị: ubnd_xa)']);
  ws.addRow(['Danh mục', 'Đối tượng miễn, giảm phí', Object.entries(APPLICANT_CATEGORIES).map(([k, v]) => `${k}: ${v}`).join('\n'), 'ho_ngheo']);
  ws.addRow(['Danh mục', 'Đối tượng thực hiện', APPLICANT_KINDS.map((k) => APPLICANT_KIND_LABELS[k]).join('\n'), 'Công dân Việt Nam']);
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  header.eachCell((cell) => (cell.fill = HEADER_FILL));
  for (let i = 1; i <= 4; i++) ws.getColumn(i).alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(1).alignment = { wrapText: true, vertical: 'middle' };
}

type ChildItem<T> = { p: Procedure; x: T };

function childCols<T>(sheet: string, cols: readonly Col<T>[]): Col<ChildItem<T>>[] {
  return [...KEY_COLS(sheet).map((k) => ({ ...k, put: ({ p }: ChildItem<T>) => k.put({ p }) })), ...cols.map((c) => ({ ...c, put: ({ x }: ChildItem<T>) => c.put(x) }))];
}

/** The catalogue as .xlsx bytes. */
export async function toWorkbook(procedures: Procedure[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Một Cửa';
  wb.title = 'Danh mục thủ tục hành chính';
  addTableSheet(wb, SHEETS.main, MAIN_COLS.filter((c) => !c.csvOnly), procedures.map((p, i) => ({ p, i })));
  addTableSheet(wb, SHEETS.components, childCols(SHEETS.components, COMPONENT_COLS), procedures.flatMap((p) => (p.components ?? []).map((x) => ({ p, x }))));
  addTableSheet(wb, SHEETS.fees, childCols(SHEETS.fees, FEE_COLS), procedures.flatMap((p) => (p.fees ?? []).map((x) => ({ p, x }))));
  addTableSheet(wb, SHEETS.periods, childCols(SHEETS.periods, PERIOD_COLS), procedures.flatMap((p) => p.tierHistory.filter((x) => x.agencies).map((x) => ({ p, x }))));
  addGuide(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellRaw(v: ExcelJS.CellValue): Raw {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((x) => x.text).join('');
    if ('result' in v) return cellRaw(v.result as ExcelJS.CellValue);
    if ('formula' in v || 'sharedFormula' in v) return undefined;
    if ('text' in v) return cellRaw(v.text as ExcelJS.CellValue);
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

/** Known headers (canonical) by normalised text, aliases included. */
function headerIndex(cols: readonly Col<unknown>[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const c of cols) {
    if (c.display) continue;
    m.set(norm(c.header), c.header);
    for (const a of c.aliases ?? []) m.set(norm(a), c.header);
  }
  return m;
}
const headerNorm = (s: string): string => norm(s.replace(/\s*[*:]\s*$/, ''));

function sheetTable(ws: ExcelJS.Worksheet, cols: readonly Col<unknown>[], required: string[]): Table | undefined {
  const known = headerIndex(cols);
  const last = ws.rowCount;
  for (let hr = 1; hr <= Math.min(10, last); hr++) {
    const at = new Map<string, number>();
    ws.getRow(hr).eachCell({ includeEmpty: false }, (cell, col) => {
      const h = known.get(headerNorm(rawText(cellRaw(cell.value))));
      if (h && !at.has(h)) at.set(h, col);
    });
    if (!required.every((h) => at.has(h))) continue;
    const rows: TableRow[] = [];
    for (let r = hr + 1; r <= last; r++) {
      const row = ws.getRow(r);
      const get = (h: string): Raw => {
        const col = at.get(h);
        return col === undefined ? undefined : cellRaw(row.getCell(col).value);
      };
      if ([...at.keys()].every((h) => isEmpty(get(h)))) continue;
      rows.push({ row: r, cells: tableCells(get, (h) => at.has(h)), code: get(H.code) });
    }
    return { sheet: ws.name, has: (h) => at.has(h), rows };
  }
  return undefined;
}

const MAIN_REQUIRED = [H.code, H.name];

/** Reads a catalogue workbook; throws ExchangeFormatError when it is not one. */
export async function fromWorkbook(bytes: Buffer): Promise<ImportRow[]> {
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0xd0cf11e0) {
    throw new ExchangeFormatError('Tệp là bảng tính Excel 97–2003 (.xls), chưa đọc được. Hãy mở tệp bằng Excel và lưu lại dưới dạng “Excel Workbook (.xlsx)” rồi nhập lại.');
  }
  if (bytes.length < 4 || bytes.readUInt32BE(0) !== 0x504b0304) {
    throw new ExchangeFormatError('Tệp không phải bảng tính Excel (.xlsx). Hãy chọn tệp .xlsx đã xuất từ hệ thống, hoặc tệp CSV.');
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw new ExchangeFormatError('Không mở được tệp Excel: tệp bị hỏng hoặc không phải bảng tính .xlsx.');
  }
  const named = (name: string) => wb.worksheets.find((w) => norm(w.name) === norm(name));
  const mainCols = MAIN_COLS as readonly Col<unknown>[];
  let main: Table | undefined;
  const mainSheet = named(SHEETS.main);
  if (mainSheet) {
    main = sheetTable(mainSheet, mainCols, MAIN_REQUIRED);
    if (!main) throw new ExchangeFormatError(`Trang “${SHEETS.main}” thiếu cột bắt buộc: ${orList(MAIN_REQUIRED)} (dòng tiêu đề phải là dòng 1).`);
  } else {
    const childNames = new Set([SHEETS.components, SHEETS.fees, SHEETS.periods, SHEETS.guide].map(norm));
    for (const ws of wb.worksheets) {
      if (childNames.has(norm(ws.name))) continue;
      main = sheetTable(ws, mainCols, MAIN_REQUIRED);
      if (main) break;
    }
    if (!main) throw new ExchangeFormatError(`Tệp không có trang “${SHEETS.main}” (hoặc trang nào có cột ${orList(MAIN_REQUIRED)}).`);
  }
  const source = (child: Child<unknown>): Source => {
    const ws = named(child.sheet);
    if (ws) {
      const table = sheetTable(ws, [...KEY_COLS(child.sheet), ...child.cols] as readonly Col<unknown>[], [H.code]);
      if (!table) throw new ExchangeFormatError(`Trang “${child.sheet}” thiếu cột “${H.code}” ở dòng tiêu đề.`);
      return { kind: 'sheet', table };
    }
    return main!.has(child.column) ? { kind: 'column' } : { kind: 'none' };
  };
  return assemble(main, {
    components: source(COMPONENTS as Child<unknown>),
    fees: source(FEES as Child<unknown>),
    periods: source(PERIODS as Child<unknown>),
  });
}

// ---------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------

const BOM = '\uFEFF';

function csvField(v: string): string {
  const s = /^'*[=+\-@\t\r]/.test(v) ? "'" + v : v;
  return /[",;\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The catalogue as CSV text (with BOM, CRLF between rows). */
export function toCsv(procedures: Procedure[]): string {
  const cols = MAIN_COLS;
  const lines = [cols.map((c) => csvField(c.header)).join(',')];
  procedures.forEach((p, i) => {
    lines.push(
      cols
        .map((c) => {
          const v = c.put({ p, i });
          if (v === undefined) return '';
          return csvField(typeof v === 'number' ? String(v) : c.kind === 'text' ? esc(v, TEXT) : v);
        })
        .join(','),
    );
  });
  return BOM + lines.join('\r\n') + '\r\n';
}

function parseCsv(text: string, d: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let f = '';
  let quoted = false;
  let start = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          f += '"';
          i++;
        } else quoted = false;
      } else f += c;
      continue;
    }
    if (c === '"' && start) {
      quoted = true;
      start = false;
    } else if (c === d) {
      row.push(f);
      f = '';
      start = true;
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(f);
      rows.push(row);
      row = [];
      f = '';
      start = true;
    } else {
      f += c;
      start = false;
    }
  }
  if (quoted) throw new ExchangeFormatError('Tệp CSV bị hỏng: có một dấu ngoặc kép (") mở mà không đóng.');
  if (f !== '' || row.length > 0) {
    row.push(f);
    rows.push(row);
  }
  return rows;
}

const unformula = (s: string): string => (/^'+[=+\-@\t\r]/.test(s) ? s.slice(1) : s);

/** Reads a catalogue CSV; throws ExchangeFormatError when the headers are missing. */
export function fromCsv(text: string): ImportRow[] {
  let body = text.startsWith(BOM) ? text.slice(1) : text;
  let forced: string | undefined;
  const sep = /^"?sep=(.)"?\r?\n/i.exec(body);
  if (sep) {
    forced = sep[1];
    body = body.slice(sep[0].length);
  }
  const known = headerIndex(MAIN_COLS as readonly Col<unknown>[]);
  for (const d of forced ? [forced] : [',', ';', '\t']) {
    let rows: string[][];
    try {
      rows = parseCsv(body, d);
    } catch (e) {
      if (d === (forced ?? '\t')) throw e;
      continue;
    }
    const header = rows[0] ?? [];
    const at = new Map<string, number>();
    header.forEach((h, i) => {
      const k = known.get(headerNorm(h));
      if (k && !at.has(k)) at.set(k, i);
    });
    if (!MAIN_REQUIRED.every((h) => at.has(h))) continue;
    const table: Table = { sheet: SHEETS.main, has: (h) => at.has(h), rows: [] };
    rows.slice(1).forEach((fields, i) => {
      const get = (h: string): Raw => {
        const col = at.get(h);
        const v = col === undefined ? undefined : fields[col];
        return v === undefined ? undefined : unformula(v);
      };
      if ([...at.keys()].every((h) => isEmpty(get(h)))) return;
      table.rows.push({ row: i + 2, cells: tableCells(get, (h) => at.has(h)), code: get(H.code) });
    });
    const src = (child: Child<unknown>): Source => (at.has(child.column) ? { kind: 'column' } : { kind: 'none' });
    return assemble(table, { components: src(COMPONENTS as Child<unknown>), fees: src(FEES as Child<unknown>), periods: src(PERIODS as Child<unknown>) });
  }
  throw new ExchangeFormatError(`Tệp CSV không có dòng tiêu đề với các cột ${orList(MAIN_REQUIRED)}. Dòng đầu tiên của tệp phải là tiêu đề cột, như tệp xuất từ hệ thống.`);
}
