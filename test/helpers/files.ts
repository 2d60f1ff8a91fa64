// Small real files for upload tests.
import { spawnSync } from 'node:child_process';

export { samplePdf } from '../../seed/sample-pdf';

/** The text of a PDF as poppler's pdftotext extracts it (diacritics included). */
export function pdfText(pdf: Buffer): string {
  const r = spawnSync('pdftotext', ['-layout', '-', '-'], { input: pdf });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr?.toString() ?? r.error?.message}`);
  return r.stdout.toString('utf8');
}
