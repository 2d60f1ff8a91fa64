import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { nationalHeader, renderPdf } from './index';

test('a PDF starts with the PDF signature and embeds the Vietnamese text', async () => {
  const pdf = await renderPdf({
    title: 'Thử',
    content: [nationalHeader({ agency: 'Ủy ban nhân dân xã Đình Lập', place: 'Đình Lập', date: new Date(2026, 10, 23) }), { text: 'TỜ KHAI ĐĂNG KÝ KHAI SINH', style: 'title' }, 'Nguyễn Thị Ngọc Ánh – Ỷ La – 1.250.000 ₫'],
  });
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.ok(pdf.length > 1000);
});

test('pdftotext extracts the national header and diacritics exactly (when poppler-utils is installed)', async (t) => {
  if (!existsSync('/usr/bin/pdftotext')) {
    t.diagnostic('pdftotext not installed here; CI installs poppler-utils and runs this check');
    assert.ok(process.env.CI !== 'true', 'CI must have pdftotext');
    return;
  }
  const pdf = await renderPdf({ title: 'Thử', content: [nationalHeader({ agency: 'Sở Tư pháp', place: 'Lạng Sơn' }), 'Nguyễn Thị Ngọc Ánh, Ỷ La, Đắk Lắk'] });
  const dir = mkdtempSync(path.join(tmpdir(), 'pdf-'));
  writeFileSync(path.join(dir, 'a.pdf'), pdf);
  const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'a.pdf'), '-'], { encoding: 'utf8' }).normalize('NFC');
  for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'SỞ TƯ PHÁP', 'Nguyễn Thị Ngọc Ánh, Ỷ La, Đắk Lắk']) assert.ok(text.includes(s), `missing “${s}” in:\n${text}`);
});
