// PDF documents with Vietnamese text: pdfmake with Tinos (the metric twin of Times New
// Roman, the typeface of Vietnamese administrative documents), embedded as subsets so
// pdftotext extracts the text with its diacritics.
import { createRequire } from 'node:module';
import path from 'node:path';
import { localDate } from '../format';

const require = createRequire(import.meta.url);
const fontDir = path.dirname(require.resolve('@expo-google-fonts/tinos/package.json'));

interface PdfMake {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (p: string) => boolean): void;
  createPdf(doc: object): { getBuffer(): Promise<Buffer> };
}

let pdfmake: PdfMake | undefined;

function engine(): PdfMake {
  if (pdfmake) return pdfmake;
  const pm = require('pdfmake') as PdfMake;
  pm.setFonts({
    Tinos: {
      normal: path.join(fontDir, '400Regular/Tinos_400Regular.ttf'),
      bold: path.join(fontDir, '700Bold/Tinos_700Bold.ttf'),
      italics: path.join(fontDir, '400Regular_Italic/Tinos_400Regular_Italic.ttf'),
      bolditalics: path.join(fontDir, '700Bold_Italic/Tinos_700Bold_Italic.ttf'),
    },
  });
  // documents never fetch anything: no URLs, and local files only from the font folder
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy((p) => path.resolve(p).startsWith(fontDir));
  pdfmake = pm;
  return pm;
}

export type Content = unknown;

export interface DocOptions {
  title: string;
  content: Content[];
  /** Shown at the bottom of every page. */
  footer?: string;
  /** Wide tables (logbooks, control sheets) print on landscape A4. */
  pageOrientation?: 'portrait' | 'landscape';
}

export async function renderPdf(opts: DocOptions): Promise<Buffer> {
  const doc = {
    info: { title: opts.title, creator: 'Một Cửa', producer: 'Một Cửa' },
    pageSize: 'A4',
    pageOrientation: opts.pageOrientation ?? 'portrait',
    pageMargins: [57, 57, 43, 57], // 2 cm top and bottom, 2 cm left, 1.5 cm right (Nghị định 30/2020 layout)
    defaultStyle: { font: 'Tinos', fontSize: 13, lineHeight: 1.15 },
    styles: {
      title: { fontSize: 14, bold: true, alignment: 'center', margin: [0, 12, 0, 4] },
      subtitle: { fontSize: 13, italics: true, alignment: 'center', margin: [0, 0, 0, 12] },
      small: { fontSize: 11 },
    },
    content: opts.content,
    footer: opts.footer ? (page: number, pages: number) => ({ text: `${opts.footer} – Trang ${page}/${pages}`, alignment: 'center', fontSize: 9, margin: [0, 20, 0, 0] }) : undefined,
  };
  return engine().createPdf(doc).getBuffer();
}

/** The national header: the issuing body on the left, the national motto on the right. */
export function nationalHeader(opts: { parent?: string; agency: string; number?: string; place: string; date?: Date }): Content {
  // the date in Vietnam, whatever the zone of the server
  const [year, month, day] = opts.date ? localDate(opts.date).split('-') : [];
  const dateLine = opts.date
    ? `${opts.place}, ngày ${day} tháng ${month} năm ${year}`
    : `${opts.place}, ngày ..... tháng ..... năm .......`;
  return {
    columns: [
      {
        width: '42%',
        stack: [
          ...(opts.parent ? [{ text: opts.parent.toUpperCase(), alignment: 'center', fontSize: 12 }] : []),
          { text: opts.agency.toUpperCase(), alignment: 'center', bold: true, fontSize: 12 },
          // centred whatever the column width, portrait or landscape
          { canvas: [{ type: 'line', x1: 0, y1: 2, x2: 80, y2: 2, lineWidth: 0.5 }], alignment: 'center' },
          ...(opts.number ? [{ text: `Số: ${opts.number}`, alignment: 'center', margin: [0, 4, 0, 0] }] : []),
        ],
      },
      {
        width: '58%',
        stack: [
          { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', alignment: 'center', bold: true, fontSize: 12 },
          { text: 'Độc lập - Tự do - Hạnh phúc', alignment: 'center', bold: true },
          { canvas: [{ type: 'line', x1: 0, y1: 2, x2: 155, y2: 2, lineWidth: 0.5 }], alignment: 'center' },
          { text: dateLine, alignment: 'center', italics: true, margin: [0, 6, 0, 0] },
        ],
      },
    ],
    columnGap: 8,
    margin: [0, 0, 0, 12],
  };
}
