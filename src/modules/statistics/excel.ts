// The statistics and the indicators as tables (one list of rows per report), written as an
// Excel workbook (exceljs) or as CSV in UTF-8 with a byte-order mark, so that Excel opens the
// Vietnamese text correctly. Page, workbook and CSV read the same figures.
import ExcelJS from 'exceljs';
import { formatDate } from '../../platform/format';
import { daysText, LATE_AT_UNIT_DEF, MEASURE_KEYS, MEASURES, percentText, PROCESSING_FORMULA, SCORE_NOTE } from './model';
import type { Indicators, ReportQuery, Statistics } from './service';

export type Cell = string | number;

export interface ExportTable {
  title: string;
  /** Lines under the title: unit, period, filters. */
  subtitle: string[];
  header: string[];
  rows: Cell[][];
}

function subtitle(q: ReportQuery): string[] {
  return [
    `Đơn vị: ${q.unit.name}`,
    `Kỳ: từ ngày ${formatDate(q.period.from)} đến ngày ${formatDate(q.period.to)}`,
    ...(q.field ? [`Lĩnh vực: ${q.field.name}`] : []),
    ...(q.procedure ? [`Thủ tục: ${q.procedure.code} ${q.procedure.name}`] : []),
  ];
}

export function statisticsTable(s: Statistics): ExportTable {
  const rows: Cell[][] = MEASURE_KEYS.map((k) => [MEASURES[k].label, s.counts[k], MEASURES[k].formula]);
  rows.push(['Tỷ lệ giải quyết đúng hạn', percentText(s.onTime), `${s.onTime.numerator} ÷ ${s.onTime.denominator}: đúng hạn ÷ đã giải quyết`]);
  rows.push(['Tỷ lệ người dân tự nộp trực tuyến', percentText(s.online), `${s.online.numerator} ÷ ${s.online.denominator}: tự nộp trực tuyến ÷ tiếp nhận`]);
  rows.push(['Thời gian giải quyết trung bình', daysText(s.processing.averageDays), `${PROCESSING_FORMULA} (${s.processing.dossiers} hồ sơ, ${Math.round(s.processing.officeMinutes)} phút làm việc, ${s.processing.minutesPerDay} phút/ngày)`]);
  for (const l of s.lateByUnit) rows.push([`${LATE_AT_UNIT_DEF.label}: ${l.unitName}`, l.dossiers, LATE_AT_UNIT_DEF.formula]);
  return { title: 'THỐNG KÊ TÌNH HÌNH GIẢI QUYẾT HỒ SƠ', subtitle: subtitle(s.query), header: ['Chỉ tiêu', 'Số liệu', 'Cách tính'], rows };
}

export function indicatorsTable(r: Indicators): ExportTable {
  const rows: Cell[][] = [];
  for (const g of r.groups) {
    rows.push([g.code, '', `${g.name} (tối đa ${g.maxPoints} điểm)`, '', '', '', g.points === null ? 'chưa có dữ liệu' : `${g.points} điểm (đề xuất)`, '']);
    for (const v of g.indicators) {
      const missing = v.rate === null;
      rows.push([
        g.code,
        v.def.code,
        v.def.label,
        missing ? '' : v.rate!.numerator,
        missing ? '' : v.rate!.denominator,
        missing ? 'chưa có dữ liệu' : v.def.countOnly && v.def.code === 'TDGQ.2' ? String(v.rate!.numerator) : percentText(v.rate),
        v.def.formula,
        v.def.missing ?? '',
      ]);
    }
  }
  rows.push(['', '', 'Tổng điểm (đề xuất)', '', '', '', r.total ? `${r.total.points} / ${r.total.outOf}` : 'chưa có dữ liệu', SCORE_NOTE]);
  return {
    title: 'BỘ CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP (QĐ 766/QĐ-TTg)',
    subtitle: subtitle(r.query),
    header: ['Nhóm', 'Mã', 'Chỉ số', 'Tử số', 'Mẫu số', 'Giá trị', 'Cách tính', 'Ghi chú'],
    rows,
  };
}

// characters XML 1.0 cannot hold
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export async function workbook(t: ExportTable): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Một Cửa';
  wb.title = t.title;
  const ws = wb.addWorksheet('Báo cáo', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const width = t.header.length;
  const line = (row: number, value: string, font: Partial<ExcelJS.Font>) => {
    ws.mergeCells(row, 1, row, width);
    const cell = ws.getCell(row, 1);
    cell.value = value.replace(NOT_XML, '');
    cell.font = { name: 'Times New Roman', ...font };
    cell.alignment = { horizontal: 'center', wrapText: true };
  };
  line(1, t.title, { size: 14, bold: true });
  t.subtitle.forEach((s, i) => line(2 + i, s, { size: 12, italic: true }));
  const headerRow = 3 + t.subtitle.length;
  const thin: ExcelJS.Border = { style: 'thin', color: { argb: 'FF000000' } };
  const box = { top: thin, left: thin, bottom: thin, right: thin };
  ws.getRow(headerRow).values = t.header;
  t.rows.forEach((r, i) => (ws.getRow(headerRow + 1 + i).values = r.map((c) => (typeof c === 'string' ? c.replace(NOT_XML, '') : c))));
  for (let r = headerRow; r <= headerRow + t.rows.length; r++) {
    for (let c = 1; c <= width; c++) {
      const cell = ws.getCell(r, c);
      cell.border = box;
      cell.font = { name: 'Times New Roman', size: 11, bold: r === headerRow };
      cell.alignment = { vertical: 'top', wrapText: true };
    }
  }
  ws.views = [{ state: 'frozen', ySplit: headerRow }];
  t.header.forEach((h, i) => (ws.getColumn(i + 1).width = h === 'Cách tính' || h === 'Ghi chú' ? 60 : h === 'Chỉ tiêu' || h === 'Chỉ số' ? 45 : 14));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function csvCell(c: Cell): string {
  const s = String(c);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** CSV (RFC 4180, CRLF) in UTF-8 with a byte-order mark. */
export function csv(t: ExportTable): Buffer {
  const lines = [[t.title], ...t.subtitle.map((s) => [s]), t.header, ...t.rows].map((r) => r.map(csvCell).join(','));
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}
