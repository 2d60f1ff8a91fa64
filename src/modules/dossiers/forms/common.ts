// Pieces shared by the standard forms of Thông tư 01/2018/TT-VPCP (Mẫu 01–06): the header,
// labelled lines, tables and signature blocks, laid out like the paper templates.
import { formatDate, formatTime } from '../../../platform/format';
import { nationalHeader, type Content } from '../../../platform/pdf/index';

/** What paper forms leave for the hand to fill in. */
export const DOTS = '…………';

/** The issuing body: the parent unit above, the unit itself below, and where it sits. */
export interface IssuingUnit {
  /** e.g. "UBND tỉnh Lạng Sơn"; printed in capitals above the unit name. */
  parent?: string;
  /** e.g. "Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn". */
  name: string;
  /** The place in the date line, e.g. "Lạng Sơn". */
  place: string;
}

/** The person or organisation the dossier belongs to, with how to reach them. */
export interface Applicant {
  name: string;
  address?: string;
  phone?: string;
  email?: string;
}

/** A value, or dots when it is missing or blank. */
export function orDots(value: string | number | undefined | null): string {
  if (value === undefined || value === null) return DOTS;
  const s = String(value).trim();
  return s === '' ? DOTS : s;
}

/** dd/MM/yyyy in Vietnam, or dots. */
export function day(value: Date | undefined): string {
  return value ? formatDate(value) : '……/……/……';
}

/** "08 giờ 30 phút, ngày 02/03/2026" in Vietnam whatever the zone of the server, or dots. */
export function moment(value: Date | undefined): string {
  if (!value) return '…… giờ …… phút, ngày ……/……/……';
  const [hh, mm] = formatTime(value).split(':');
  return `${hh} giờ ${mm} phút, ngày ${formatDate(value)}`;
}

export type FormKind = 'receipt' | 'completion' | 'refusal' | 'apology' | 'control' | 'logbook';

/**
 * The numbers of the standard forms by circular. TT 01/2018/TT-VPCP is confirmed; TT 03/2025/TT-VPCP
 * (seven forms, a new "stop" notice as 05, the control sheet 06 and the logbook 07) is from one
 * secondary source and unconfirmed [U: DOMAIN.md 4]. Chosen by FORM_NUMBERING.
 */
export const FORM_NUMBERINGS = {
  'tt01-2018': { circular: 'Thông tư số 01/2018/TT-VPCP', numbers: { receipt: '01', completion: '02', refusal: '03', apology: '04', control: '05', logbook: '06' } },
  'tt03-2025': { circular: 'Thông tư số 03/2025/TT-VPCP', numbers: { receipt: '01', completion: '02', refusal: '03', apology: '04', control: '06', logbook: '07' } },
} as const satisfies Record<string, { circular: string; numbers: Record<FormKind, string> }>;

let numbering: keyof typeof FORM_NUMBERINGS = 'tt01-2018';

/** Set once at start from the configuration (buildApp). */
export function useFormNumbering(name: keyof typeof FORM_NUMBERINGS): void {
  numbering = name;
}

/** The small reference to the template, top right, as the circular prints it. */
export function formRef(kind: FormKind): Content {
  const n = FORM_NUMBERINGS[numbering];
  return { text: `Mẫu số ${n.numbers[kind]} – ${n.circular}`, alignment: 'right', italics: true, fontSize: 10, margin: [0, -20, 0, 8] };
}

export function header(unit: IssuingUnit, opts: { number?: string | null; date?: Date }): Content {
  return nationalHeader({
    parent: unit.parent,
    agency: unit.name,
    // null: the form has no number at all; undefined: a number is due but not given yet
    number: opts.number === null ? undefined : orDots(opts.number),
    place: unit.place,
    date: opts.date,
  });
}

export function title(text: string, subtitle?: string): Content[] {
  return [{ text, style: 'title' }, ...(subtitle ? [{ text: subtitle, style: 'subtitle' }] : [])];
}

/** "Label: value" with the value as given or dots. */
export function field(label: string, value: string | number | undefined, opts: { bold?: boolean } = {}): Content {
  return { text: [`${label}: `, { text: orDots(value), bold: opts.bold ?? false }], margin: [0, 1, 0, 1] };
}

/** Several labelled values on one line, e.g. phone and email. */
export function fields(pairs: Array<[string, string | number | undefined]>): Content {
  const parts: Content[] = [];
  pairs.forEach(([label, value], i) => {
    if (i > 0) parts.push(';  ');
    parts.push(`${label}: `, orDots(value));
  });
  return { text: parts, margin: [0, 1, 0, 1] };
}

export function applicantLines(applicant: Applicant, lead = 'Tiếp nhận hồ sơ của'): Content[] {
  return [
    field(lead, applicant.name, { bold: true }),
    field('Địa chỉ', applicant.address),
    fields([
      ['Số điện thoại', applicant.phone],
      ['Email', applicant.email],
    ]),
  ];
}

export interface Column {
  header: string;
  width: number | string;
  align?: 'left' | 'center' | 'right';
}

/** A ruled table with a bold header row repeated on every page. */
export function table(columns: Column[], rows: Array<Array<string | number>>, opts: { fontSize?: number } = {}): Content {
  const head = columns.map((c) => ({ text: c.header, bold: true, alignment: 'center' }));
  const body: Content[][] = rows.map((row) => row.map((cell, i) => ({ text: String(cell), alignment: columns[i]?.align ?? 'left' })));
  // an empty list still prints a row to fill in by hand
  if (body.length === 0) body.push([{ text: DOTS, colSpan: columns.length, alignment: 'center' }, ...columns.slice(1).map(() => ({}))]);
  return {
    table: { headerRows: 1, dontBreakRows: true, widths: columns.map((c) => c.width), body: [head, ...body] },
    fontSize: opts.fontSize ?? 12,
    margin: [0, 4, 0, 8],
  };
}

export interface Signer {
  /** The heading in capitals, e.g. "NGƯỜI TIẾP NHẬN HỒ SƠ". */
  role: string;
  /** Under the heading, e.g. "(Ký và ghi rõ họ tên)". */
  hint?: string;
  name?: string;
}

/** Signature blocks side by side, space to sign, the name under the space. */
export function signatures(signers: Signer[]): Content {
  return {
    columns: signers.map((s) => ({
      width: '*',
      stack: [
        { text: s.role, bold: true, alignment: 'center' },
        { text: s.hint ?? '(Ký và ghi rõ họ tên)', italics: true, alignment: 'center' },
        { text: s.name?.trim() ? s.name : ' ', bold: true, alignment: 'center', margin: [0, 48, 0, 0] },
      ],
    })),
    columnGap: 16,
    margin: [0, 8, 0, 0],
    unbreakable: true,
  };
}

/** A header column; with `sub`, the label spans sub-columns named on the second row. */
export interface HeaderColumn {
  label: string;
  sub?: string[];
}

/**
 * Two header rows where ungrouped labels look as if they spanned both rows. pdfmake lets a
 * rowSpan cell taller than its rows overflow into the body, so instead the label sits in
 * the first row and the cell under it is blank, with no rule between them.
 */
export function groupedHeader(columns: HeaderColumn[]): Content[][] {
  const top: Content[] = [];
  const bottom: Content[] = [];
  for (const c of columns) {
    if (c.sub?.length) {
      top.push({ text: c.label, bold: true, alignment: 'center', colSpan: c.sub.length }, ...c.sub.slice(1).map(() => ({})));
      bottom.push(...c.sub.map((s) => ({ text: s, bold: true, alignment: 'center' })));
    } else {
      top.push({ text: c.label, bold: true, alignment: 'center', border: [true, true, true, false] });
      bottom.push({ text: '', border: [true, false, true, true] });
    }
  }
  return [top, bottom];
}
