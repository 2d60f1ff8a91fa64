// A minimal valid one-page PDF, for the demo year's files and results and for the tests' uploads.

/** A minimal valid one-page PDF whose content stream carries `label` (so each sample differs). */
export function samplePdf(label = 'Ho so mau - du lieu minh hoa', padTo = 0): Buffer {
  const shown = `BT /F1 12 Tf 72 720 Td (${label.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/[()\\]/g, '')}) Tj ET`;
  // a scan-sized file: comment lines after the text operators (ignored by readers)
  const text = padTo > 0 ? shown + '\n' + '% ' + 'x'.repeat(Math.max(0, padTo - shown.length - 600)) : shown;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
