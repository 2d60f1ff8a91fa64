// Mẫu số 06, Thông tư 01/2018/TT-VPCP: Sổ theo dõi hồ sơ, the desk's logbook of every dossier
// received in a period. Landscape A4; the header rows repeat on every page and a row never
// splits across pages, so a printed page can be read and signed on its own.
import { formatDate } from '../../../platform/format';
import { renderPdf, type Content, type DocOptions } from '../../../platform/pdf/index';
import { day, formRef, groupedHeader, header, orDots, title, type HeaderColumn, type IssuingUnit } from './common';

export interface LogbookRow {
  no: number;
  code: string;
  procedureName: string;
  sets: number;
  applicantName: string;
  addressPhone: string;
  leadAgency: string;
  receivedAt: Date;
  /** Dotted for the hand when missing. */
  dueAt?: Date;
  /** Chuyển hồ sơ đến cơ quan giải quyết. */
  handedToAgencyAt?: Date;
  /** Nhận kết quả từ cơ quan giải quyết. */
  resultBackAt?: Date;
  /** Trả kết quả cho tổ chức, cá nhân. */
  deliveredAt?: Date;
  note?: string;
}

export interface Mau06Data {
  unit: IssuingUnit;
  /** The period covered; a calendar date 'YYYY-MM-DD' or a moment (shown as its day in Vietnam). */
  period: { from: Date | string; to: Date | string };
  /** Quyển số. */
  book?: string;
  printedAt?: Date;
  rows: LogbookRow[];
}

const dateAndSign = ['Ngày', 'Ký'];

/** The form's column headings, two levels; the Excel copy of the book uses the same. */
export const MAU06_COLUMNS: readonly HeaderColumn[] = [
  { label: 'TT' },
  { label: 'Mã hồ sơ' },
  { label: 'Tên thủ tục hành chính' },
  { label: 'Số lượng hồ sơ (bộ)' },
  { label: 'Tên tổ chức, cá nhân' },
  { label: 'Địa chỉ, số điện thoại' },
  { label: 'Cơ quan chủ trì giải quyết' },
  { label: 'Nhận hồ sơ' },
  { label: 'Hẹn trả kết quả' },
  { label: 'Chuyển hồ sơ đến cơ quan giải quyết', sub: dateAndSign },
  { label: 'Nhận kết quả từ cơ quan giải quyết', sub: dateAndSign },
  { label: 'Trả kết quả cho tổ chức, cá nhân', sub: dateAndSign },
  { label: 'Ghi chú' },
];

const COLUMNS = 16;

function headerRows(): Content[][] {
  return [
    ...groupedHeader([...MAU06_COLUMNS]),
    Array.from({ length: COLUMNS }, (_, i) => ({ text: `(${i + 1})`, alignment: 'center', italics: true })),
  ];
}

function row(r: LogbookRow): Content[] {
  const optionalDay = (d: Date | undefined) => (d ? formatDate(d) : '');
  const c = (text: string | number, alignment = 'left') => ({ text: String(text), alignment });
  return [
    c(r.no, 'center'),
    c(r.code),
    c(orDots(r.procedureName)),
    c(r.sets, 'center'),
    c(orDots(r.applicantName)),
    c(orDots(r.addressPhone)),
    c(orDots(r.leadAgency)),
    c(day(r.receivedAt), 'center'),
    c(day(r.dueAt), 'center'),
    c(optionalDay(r.handedToAgencyAt), 'center'),
    c(''),
    c(optionalDay(r.resultBackAt), 'center'),
    c(''),
    c(optionalDay(r.deliveredAt), 'center'),
    c(''),
    c(r.note ?? ''),
  ];
}

export function mau06Doc(d: Mau06Data): DocOptions {
  const body = d.rows.length
    ? d.rows.map(row)
    : [[{ text: 'Không có hồ sơ trong kỳ.', colSpan: COLUMNS, alignment: 'center', italics: true }, ...Array.from({ length: COLUMNS - 1 }, () => ({}))]];
  return {
    title: `Sổ theo dõi hồ sơ – ${d.unit.name}`,
    pageOrientation: 'landscape',
    footer: `Sổ theo dõi hồ sơ – ${d.unit.name}`,
    content: [
      formRef('logbook'),
      header(d.unit, { number: null, date: d.printedAt }),
      ...title('SỔ THEO DÕI HỒ SƠ', `Từ ngày ${formatDate(d.period.from)} đến ngày ${formatDate(d.period.to)}${d.book ? ` – Quyển số: ${d.book}` : ''}`),
      {
        table: {
          headerRows: 3,
          dontBreakRows: true,
          // landscape A4 leaves 742 pt between the margins; at 8 pt a dossier code needs 94 pt
          // (it has no break opportunity) and a date 38 pt; the procedure name takes the rest
          widths: [16, 94, '*', 22, 58, 64, 54, 38, 38, 38, 20, 38, 20, 38, 20, 36],
          body: [...headerRows(), ...body],
        },
        layout: { paddingLeft: () => 2, paddingRight: () => 2, paddingTop: () => 1, paddingBottom: () => 1 },
        fontSize: 8,
        lineHeight: 1.05,
      },
    ],
  };
}

export async function renderMau06(data: Mau06Data): Promise<Buffer> {
  return renderPdf(mau06Doc(data));
}
