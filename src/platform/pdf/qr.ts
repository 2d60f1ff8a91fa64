// QR codes in PDF documents. pdfmake 0.3 draws `{ qr: text }` natively as vector squares
// (byte mode, UTF-8), so no image library is needed; we only add what paper forms need:
// a quiet zone around the code and the text printed under it for people who cannot scan.
import type { Content } from './index';

export type EccLevel = 'L' | 'M' | 'Q' | 'H';

export interface QrNode {
  qr: string;
  fit: number;
  eccLevel: EccLevel;
  margin: [number, number, number, number];
}

// version 40 at level M holds 2 331 bytes; a tracking link is far shorter, and a long
// payload would give modules too small to print at 2–3 cm
const MAX_BYTES = 1000;

/** A pdfmake QR node; `fit` is the printed size in points (72 pt = 2.54 cm). */
export function qrCode(text: string, opts: { fit?: number; eccLevel?: EccLevel } = {}): QrNode {
  if (text.length === 0) throw new RangeError('QR: nội dung mã QR trống');
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_BYTES) throw new RangeError(`QR: nội dung dài ${bytes} byte, tối đa ${MAX_BYTES} byte`);
  // the quiet zone (4 modules in ISO/IEC 18004) comes from the margin and the white page
  return { qr: text, fit: opts.fit ?? 90, eccLevel: opts.eccLevel ?? 'M', margin: [0, 6, 0, 4] };
}

/** The QR code of a link with the link printed under it. */
export function qrWithCaption(url: string, opts: { fit?: number; fontSize?: number } = {}): Content {
  return {
    stack: [qrCode(url, { fit: opts.fit }), { text: url, fontSize: opts.fontSize ?? 10, margin: [0, 0, 0, 4] }],
    unbreakable: true,
  };
}
