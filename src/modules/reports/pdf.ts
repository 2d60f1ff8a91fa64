// An appendix as a PDF: the label, the title lines and the table of the seed's template, on
// landscape A4 for the lists (Phụ lục II–IV) and portrait for the counts (Phụ lục I). The
// header rows repeat on every page.
import { type Content, renderPdf } from '../../platform/pdf';
import type { Column, ReportTable } from './model';

/** Widths in points: landscape A4 leaves 742 between the margins, portrait 495. */
function widthOf(c: Column, landscape: boolean): number | string {
  if (c.label === 'STT') return 30;
  if (c.label === 'Lĩnh vực/DVCTT' || c.label === 'Cấp chính quyền') return '*';
  if (c.label === 'Lý do không đủ điều kiện') return 230;
  if (c.label === 'Ghi chú') return 125;
  if (c.label.length > 20) return 110;
  // two level columns hold "Mức độ DVCTT đang cung cấp" on one line
  return landscape ? 78 : 52;
}

function headerRows(columns: readonly Column[]): Content[][] {
  const cell = (text: string, extra: object = {}) => ({ text, bold: true, alignment: 'center', ...extra });
  if (!columns.some((c) => c.group)) return [columns.map((c) => cell(c.label))];
  const top: Content[] = [];
  const bottom: Content[] = [];
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i]!;
    if (!c.group) {
      top.push(cell(c.label, { rowSpan: 2 }));
      bottom.push({});
      continue;
    }
    let span = 1;
    while (columns[i + span]?.group === c.group) span++;
    top.push(cell(c.group, { colSpan: span }), ...Array.from({ length: span - 1 }, () => ({})));
    for (let j = 0; j < span; j++) bottom.push(cell(columns[i + j]!.label));
    i += span - 1;
  }
  return [top, bottom];
}

export function appendixDoc(table: ReportTable) {
  const n = table.columns.length;
  const body: Content[][] = table.rows.map((r) => {
    if (r.style === 'empty') {
      return [{ text: String(r.cells[0] ?? '') }, { text: String(r.cells[1] ?? ''), italics: true, colSpan: n - 1 }, ...Array.from({ length: n - 2 }, () => ({}))];
    }
    const bold = r.style !== 'item';
    return r.cells.map((v, i) => ({ text: String(v), bold, alignment: table.columns[i]!.centred ? 'center' : 'left' }));
  });
  const header = headerRows(table.columns);
  return {
    title: `${table.label} – ${table.title.join(' ')}`,
    pageOrientation: table.landscape ? ('landscape' as const) : ('portrait' as const),
    footer: table.label,
    content: [
      { text: table.label, bold: true, alignment: 'center', fontSize: 14 },
      ...table.title.map((t) => ({ text: t, bold: true, alignment: 'center', fontSize: 14 })),
      { text: table.attachedTo, italics: true, alignment: 'center', fontSize: 12, margin: [0, 4, 0, 0] },
      { text: table.scopeLine, italics: true, alignment: 'center', fontSize: 12, margin: [0, 0, 0, 10] },
      {
        table: { headerRows: header.length, dontBreakRows: true, widths: table.columns.map((c) => widthOf(c, table.landscape)), body: [...header, ...body] },
        layout: { paddingLeft: () => 3, paddingRight: () => 3, paddingTop: () => 2, paddingBottom: () => 2 },
        fontSize: 11,
        lineHeight: 1.05,
      },
    ],
  };
}

export async function appendixPdf(table: ReportTable): Promise<Buffer> {
  return renderPdf(appendixDoc(table));
}
