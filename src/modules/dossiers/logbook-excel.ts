// Mẫu 06 as an Excel workbook: the same columns as the printed form (two header levels with
// merged cells), dates as dd/MM/yyyy text so they read the same in any locale, landscape A4
// with the header repeated on every printed page.
import ExcelJS from 'exceljs';
import { formatDate } from '../../platform/format';
import { MAU06_COLUMNS } from './forms/mau06';
import { contactOf, noteOf, type LogbookEntry, type LogbookUnit, type Period } from './logbook';

const TITLE_ROW = 1;
const UNIT_ROW = 2;
const PERIOD_ROW = 3;
const HEADER_TOP = 5;
const HEADER_SUB = 6;
const NUMBERS_ROW = 7;
const FIRST_DATA_ROW = 8;

/** Width of each of the 16 columns, in characters. */
const WIDTHS = [6, 27, 40, 9, 24, 16, 26, 12, 12, 12, 8, 12, 8, 12, 8, 30];
const COLUMNS = WIDTHS.length;
/** Columns whose cells are centred: numbers and dates. */
const CENTRED = new Set([1, 4, 8, 9, 10, 12, 14]);

const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF000000' } };
const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
const FONT = 'Times New Roman';

// characters XML 1.0 cannot hold; a name pasted from elsewhere may carry them
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function cellText(value: string): string {
  return value.replace(NOT_XML, '');
}

function optionalDay(d: Date | null): string {
  return d ? formatDate(d) : '';
}

function values(e: LogbookEntry, index: number): Array<string | number> {
  return [
    e.serial ?? index + 1,
    e.code,
    e.procedureName,
    e.sets,
    e.applicantName,
    contactOf(e),
    e.leadAgency,
    formatDate(e.receivedAt),
    optionalDay(e.dueAt),
    optionalDay(e.handedOverAt),
    '',
    optionalDay(e.resultBackAt),
    '',
    optionalDay(e.deliveredAt),
    '',
    noteOf(e),
  ].map((v) => (typeof v === 'string' ? cellText(v) : v));
}

function mergedLine(ws: ExcelJS.Worksheet, row: number, text: string, font: Partial<ExcelJS.Font>): void {
  ws.mergeCells(row, 1, row, COLUMNS);
  const cell = ws.getCell(row, 1);
  cell.value = cellText(text);
  cell.font = { name: FONT, ...font };
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
}

/** The two header rows: a grouped column spans its sub-columns, the others span both rows. */
function writeHeader(ws: ExcelJS.Worksheet): void {
  let col = 1;
  for (const c of MAU06_COLUMNS) {
    if (c.sub?.length) {
      ws.mergeCells(HEADER_TOP, col, HEADER_TOP, col + c.sub.length - 1);
      ws.getCell(HEADER_TOP, col).value = c.label;
      c.sub.forEach((s, i) => (ws.getCell(HEADER_SUB, col + i).value = s));
      col += c.sub.length;
    } else {
      ws.mergeCells(HEADER_TOP, col, HEADER_SUB, col);
      ws.getCell(HEADER_TOP, col).value = c.label;
      col += 1;
    }
  }
  for (let i = 1; i <= COLUMNS; i++) ws.getCell(NUMBERS_ROW, i).value = `(${i})`;
  for (const r of [HEADER_TOP, HEADER_SUB, NUMBERS_ROW]) {
    for (let i = 1; i <= COLUMNS; i++) {
      const cell = ws.getCell(r, i);
      cell.font = { name: FONT, size: 11, bold: r !== NUMBERS_ROW, italic: r === NUMBERS_ROW };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = BOX;
      if (r !== NUMBERS_ROW) cell.fill = HEADER_FILL;
    }
  }
  ws.getRow(HEADER_TOP).height = 48;
}

export async function logbookWorkbook(book: { unit: LogbookUnit; rows: LogbookEntry[] }, period: Period): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Một Cửa';
  wb.title = `Sổ theo dõi hồ sơ – ${book.unit.name}`;
  const ws = wb.addWorksheet('Sổ theo dõi hồ sơ', {
    views: [{ state: 'frozen', xSplit: 0, ySplit: NUMBERS_ROW }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${HEADER_TOP}:${NUMBERS_ROW}`,
      margins: { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&CTrang &P/&N' },
  });
  WIDTHS.forEach((w, i) => {
    const col = ws.getColumn(i + 1);
    col.width = w;
    // text, never a number or a date Excel reformats: codes keep their zeros, dates their order
    if (i + 1 !== 1 && i + 1 !== 4) col.numFmt = '@';
  });

  mergedLine(ws, TITLE_ROW, 'SỔ THEO DÕI HỒ SƠ', { size: 14, bold: true });
  mergedLine(ws, UNIT_ROW, `Đơn vị: ${book.unit.name}`, { size: 12, bold: true });
  mergedLine(ws, PERIOD_ROW, `Từ ngày ${formatDate(period.from)} đến ngày ${formatDate(period.to)}`, { size: 12, italic: true });
  writeHeader(ws);

  if (book.rows.length === 0) {
    mergedLine(ws, FIRST_DATA_ROW, 'Không có hồ sơ trong kỳ.', { size: 11, italic: true });
    ws.getCell(FIRST_DATA_ROW, 1).border = BOX;
  }
  book.rows.forEach((e, index) => {
    const row = ws.getRow(FIRST_DATA_ROW + index);
    row.values = values(e, index);
    for (let i = 1; i <= COLUMNS; i++) {
      const cell = row.getCell(i);
      cell.font = { name: FONT, size: 11 };
      cell.alignment = { horizontal: CENTRED.has(i) ? 'center' : 'left', vertical: 'top', wrapText: true };
      cell.border = BOX;
    }
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
