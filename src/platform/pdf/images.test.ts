import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import sharp, { type Sharp } from 'sharp';
import { pdfPageCount, photosToPdf, readableImage, shrinkPhoto } from './images';

const image = (width: number, height: number, format: 'jpeg' | 'png', extra: (s: Sharp) => Sharp = (s) => s) => {
  const img = extra(sharp({ create: { width, height, channels: 3, background: { r: 240, g: 235, b: 220 } } }));
  return (format === 'jpeg' ? img.jpeg() : img.png()).toBuffer();
};

test('a phone photo is shrunk to 1600 px on its long side, as JPEG, without its metadata', async () => {
  const big = await image(4032, 3024, 'jpeg', (s) => s.withExif({ IFD0: { Make: 'Điện thoại', Model: 'X' } }));
  const out = await shrinkPhoto(big);
  assert.deepEqual([out.width, out.height], [1600, 1200]);
  const meta = await sharp(out.jpeg).metadata();
  assert.equal(meta.format, 'jpeg');
  assert.equal(meta.exif, undefined, 'no camera data or position travels with the file');
});

test('a photo taken sideways is turned upright by its EXIF orientation', async () => {
  // stored 3000×2000 with orientation 6: it is shown (and must print) 2000 wide, 3000 high
  const sideways = await image(3000, 2000, 'jpeg', (s) => s.withMetadata({ orientation: 6 }));
  const out = await shrinkPhoto(sideways);
  assert.deepEqual([out.width, out.height], [1067, 1600]);
});

test('a small image is not enlarged, and a PNG becomes a JPEG', async () => {
  const out = await shrinkPhoto(await image(800, 600, 'png'));
  assert.deepEqual([out.width, out.height], [800, 600]);
  assert.equal((await sharp(out.jpeg).metadata()).format, 'jpeg');
});

test('photos become one PDF, a page each, portrait or landscape as the photo is', async () => {
  const pdf = await photosToPdf([await image(1200, 1600, 'jpeg'), await image(1600, 1200, 'png'), await image(500, 700, 'jpeg')], 'Giấy chứng sinh');
  assert.equal(pdf.pages, 3);
  const doc = await PDFDocument.load(pdf.bytes);
  assert.equal(doc.getPageCount(), 3);
  const sizes = doc.getPages().map((p) => p.getSize());
  assert.ok(sizes[0]!.height > sizes[0]!.width, 'portrait');
  assert.ok(sizes[1]!.width > sizes[1]!.height, 'landscape');
  assert.equal(doc.getTitle(), 'Giấy chứng sinh');
  assert.equal(await pdfPageCount(pdf.bytes), 3);
});

test('bytes that are not an image or a PDF are told apart', async () => {
  assert.equal(await readableImage(Buffer.from('\xff\xd8\xff\xe0 not really a jpeg')), false);
  assert.equal(await readableImage(await image(10, 10, 'png')), true);
  assert.equal(await pdfPageCount(Buffer.from('%PDF-1.4 broken')), undefined);
});
