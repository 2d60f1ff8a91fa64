// The verification box stamped at the bottom of the last page before signing: the QR code of
// /xac-thuc/{code}, the link and the code written out, in Tinos (Vietnamese text) drawn by
// pdfmake on a scratch page and placed onto the document with pdf-lib.
import { createRequire } from 'node:module';
import { PDFDocument, rgb } from 'pdf-lib';
import { renderPdf } from '../../platform/pdf';
import { qrCode } from '../../platform/pdf/qr';

const require = createRequire(import.meta.url);
const qrEncoder = (require('pdfmake/js/qrEnc.js') as { default: { measure(node: { qr: string; eccLevel: string }): { _width: number } } }).default;

// pdfmake draws whole-point modules: 2 pt (0.7 mm) scans well from paper
const MODULE = 2;
const TEXT = 236;
const PAD = 3;
// pdfmake's A4 page (842 pt high) with our 57 pt left and top margins
const LEFT = 57;
const TOP = 842 - 57;

/** The printed size of the QR code of `text` (pdfmake measures 5 pt modules when not told a size). */
function qrSize(text: string): number {
  return (qrEncoder.measure({ qr: text, eccLevel: 'M' })._width / 5) * MODULE;
}

export interface StampText {
  url: string;
  code: string;
  issuer: string;
}

async function renderBox(s: StampText, qr: number): Promise<Buffer> {
  return renderPdf({
    title: 'Xác thực',
    content: [
      {
        table: {
          widths: [qr, TEXT],
          heights: [qr],
          body: [
            [
              { ...qrCode(s.url, { fit: qr, eccLevel: 'M' }), margin: [0, 0, 0, 0] },
              {
                stack: [
                  { text: `Văn bản điện tử có chữ ký số của ${s.issuer}.`, bold: true },
                  { text: `Xác thực: ${s.url}` },
                  { text: `Mã xác thực: ${s.code}` },
                  { text: 'Quét mã QR hoặc mở địa chỉ trên để kiểm tra văn bản còn hiệu lực.', italics: true },
                ],
                fontSize: 7.5,
                lineHeight: 1.05,
              },
            ],
          ],
        },
        layout: {
          hLineWidth: () => 0.5,
          vLineWidth: () => 0.5,
          paddingLeft: () => PAD,
          paddingRight: () => PAD,
          paddingTop: () => PAD,
          paddingBottom: () => PAD,
        },
      },
    ],
  });
}

/** The PDF with the verification box at the bottom right of its last page (unsigned: sign it next). */
export async function stampVerification(pdf: Buffer, s: StampText): Promise<Buffer> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const qr = qrSize(s.url);
  // the table's outer size: QR and text columns with their padding, and the half-point lines
  const width = qr + TEXT + 4 * PAD + 1.5;
  const height = qr + 2 * PAD + 1;
  const box = (await PDFDocument.load(await renderBox(s, qr))).getPage(0);
  const embedded = await doc.embedPage(box, { left: LEFT - 1, bottom: TOP - height - 1, right: LEFT + width + 1, top: TOP + 1 });
  const page = doc.getPages()[doc.getPageCount() - 1]!;
  const pageWidth = page.getSize().width;
  const x = Math.max(4, pageWidth - embedded.width - 28);
  const y = 6;
  // on white, whatever the page carries there
  page.drawRectangle({ x, y, width: embedded.width, height: embedded.height, color: rgb(1, 1, 1) });
  page.drawPage(embedded, { x, y });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
