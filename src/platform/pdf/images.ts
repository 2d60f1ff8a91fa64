// Photos of paper documents (taken with a phone camera, or scanned to JPEG/PNG) turned into
// one PDF: each image turned upright by its EXIF orientation, shrunk to at most 1600 px on
// its long side, re-encoded as JPEG quality 75 without its metadata (no camera, no GPS
// position), and put on its own A4 page, portrait or landscape as the image is.
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';

export const PHOTO_MAX_PX = 1600;
export const PHOTO_JPEG_QUALITY = 75;

/** A4 in PDF points, with a small margin so printers do not cut the edge. */
const A4 = { short: 595.28, long: 841.89, margin: 18 };

export interface PhotoPdf {
  bytes: Buffer;
  pages: number;
}

/** Upright, at most PHOTO_MAX_PX on the long side, JPEG, metadata stripped. */
export async function shrinkPhoto(image: Buffer): Promise<{ jpeg: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(image, { failOn: 'error' })
    .rotate()
    .resize({ width: PHOTO_MAX_PX, height: PHOTO_MAX_PX, fit: 'inside', withoutEnlargement: true })
    // transparent PNG areas become white paper, not black
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: PHOTO_JPEG_QUALITY, mozjpeg: true })
    .toBuffer({ resolveWithObject: true });
  return { jpeg: data, width: info.width, height: info.height };
}

/** Whether the bytes decode as an image sharp can read (checked when a photo is uploaded). */
export async function readableImage(image: Buffer): Promise<boolean> {
  try {
    const m = await sharp(image, { failOn: 'error' }).metadata();
    return Boolean(m.width && m.height);
  } catch {
    return false;
  }
}

/** One PDF page per image, in the order given. */
export async function photosToPdf(images: Buffer[], title?: string): Promise<PhotoPdf> {
  if (images.length === 0) throw new Error('photosToPdf: no images');
  const pdf = await PDFDocument.create();
  if (title) pdf.setTitle(title);
  pdf.setProducer('Một Cửa');
  pdf.setCreator('Một Cửa');
  // a fixed date keeps the output the same for the same photos (content-addressed storage)
  pdf.setCreationDate(new Date(0));
  pdf.setModificationDate(new Date(0));
  for (const image of images) {
    const photo = await shrinkPhoto(image);
    const embedded = await pdf.embedJpg(photo.jpeg);
    const landscape = photo.width > photo.height;
    const [pw, ph] = landscape ? [A4.long, A4.short] : [A4.short, A4.long];
    const scale = Math.min((pw - 2 * A4.margin) / photo.width, (ph - 2 * A4.margin) / photo.height);
    const w = photo.width * scale;
    const h = photo.height * scale;
    const page = pdf.addPage([pw, ph]);
    page.drawImage(embedded, { x: (pw - w) / 2, y: (ph - h) / 2, width: w, height: h });
  }
  const bytes = Buffer.from(await pdf.save({ useObjectStreams: true }));
  return { bytes, pages: images.length };
}

/** The number of pages of a PDF, or undefined when pdf-lib cannot read it (encrypted, damaged). */
export async function pdfPageCount(bytes: Buffer): Promise<number | undefined> {
  try {
    const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
    return doc.getPageCount();
  } catch {
    return undefined;
  }
}
