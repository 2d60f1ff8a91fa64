// An appendix as an Excel workbook laid out like the seed's template: "Phụ lục I" and the bold
// title lines on top, the italic line of the covering letter, then the table with the same
// headings (the group "Mức độ DVCTT đang cung cấp" merged over its two columns, the other
// headings merged over both header rows), A/B/C and I/II rows in bold.
import ExcelJS from 'exceljs';
import type { Column, ReportTable } from './model';

const FONT = 'Times New Roman';
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF000000' } };
const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** The first header row: below the label, the title lines, the covering letter, the scope and a blank row. */
export function headerTop(table: ReportTable): number {
  return table.title.length + 5;
}

export function hasGroups(columns: readonly Column[]): boolean {
  return columns.some((c) => c.group);
}

function widthOf(c: Column): number {
  if (c.label === 'STT') return 7;
  if (c.label === 'Lĩnh vực/DVCTT') return 60;
  if (c.label === 'Cấp chính quyền') return 20;
  if (c.label === 'Lý do không đủ điều kiện') return 50;
  if (c.label === 'Ghi chú') return 24;
  return c.label.length > 20 ? 20 : 16;
}

function line(ws: ExcelJS.Worksheet, row: number, columns: number, text: string, font: Partial<ExcelJS.Font>): void {
  ws.mergeCells(row, 1, row, columns);
  const cell = ws.getCell(row, 1);
  cell.value = text;
  cell.font = { name: FONT, size: 13, ...font };
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
}

/** One header row, or two when a group spans some columns. Returns the first data row. */
function writeHeader(ws: ExcelJS.Worksheet, columns: readonly Column[], top: number): number {
  const two = hasGroups(columns);
  const bottom = two ? top + 1 : top;
  let col = 1;
  while (col <= columns.length) {
    const c = columns[col - 1]!;
    if (c.group) {
      let span = 1;
      while (columns[col - 1 + span]?.group === c.group) span++;
      ws.mergeCells(top, col, top, col + span - 1);
      ws.getCell(top, col).value = c.group;
      for (let i = 0; i < span; i++) ws.getCell(bottom, col + i).value = columns[col - 1 + i]!.label;
      col += span;
    } else {
      if (two) ws.mergeCells(top, col, bottom, col);
      ws.getCell(top, col).value = c.label;
      col++;
    }
  }
  for (let r = top; r <= bottom; r++) {
    for (let i = 1; i <= columns.length; i++) {
      const cell = ws.getCell(r, i);
      cell.font = { name: FONT, size: 12, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = BOX;
    }
  }
  return bottom + 1;
}

export async function appendixWorkbook(table: ReportTable): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Một Cửa';
  wb.title = `${table.label} – ${table.title.join(' ')}`;
  const n = table.columns.length;
  const top = headerTop(table);
  const ws = wb.addWorksheet(table.label, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: top + (hasGroups(table.columns) ? 1 : 0) }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: table.landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${top}:${top + (hasGroups(table.columns) ? 1 : 0)}`,
      margins: { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&CTrang &P/&N' },
  });
  table.columns.forEach((c, i) => (ws.getColumn(i + 1).width = widthOf(c)));

  const above: [string, Partial<ExcelJS.Font>][] = [
    [table.label, { bold: true }],
    ...table.title.map((t): [string, Partial<ExcelJS.Font>] => [t, { bold: true }]),
    [table.attachedTo, { italic: true, size: 12 }],
    [table.scopeLine, { italic: true, size: 12 }],
  ];
  above.forEach(([text, font], i) => line(ws, i + 1, n, text, font));

  let row = writeHeader(ws, table.columns, top);
  for (const tr of table.rows) {
    const bold = tr.style === 'tier' || tr.style === 'field' || tr.style === 'total';
    if (tr.style === 'empty') {
      ws.getCell(row, 1).value = String(tr.cells[0] ?? '');
      ws.mergeCells(row, 2, row, n);
      ws.getCell(row, 2).value = String(tr.cells[1] ?? '');
    } else {
      tr.cells.forEach((v, i) => (ws.getCell(row, i + 1).value = v));
    }
    for (let i = 1; i <= n; i++) {
      const cell = ws.getCell(row, i);
      cell.font = { name: FONT, size: 12, bold, italic: tr.style === 'empty' };
      const centred = tr.style !== 'empty' && table.columns[i - 1]!.centred === true;
      cell.alignment = { horizontal: centred ? 'center' : 'left', vertical: 'top', wrapText: true };
      cell.border = BOX;
    }
    row++;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
