// The appendix workbooks open in LibreOffice Calc and print as the template: each of Phụ lục
// I–IV (both level models) is converted to PDF by `soffice --headless --convert-to pdf`, and
// the PDF's text and page orientation are checked. Needs Debian's libreoffice-calc-nogui and
// poppler-utils, so it is not part of `npm test`; CI runs it as its own step:
//   apt-get install -y --no-install-recommends libreoffice-calc-nogui
//   node --import tsx --test test/tools/libreoffice.test.ts
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type AppendixNo, appendixWorkbook, buildReport, type CatalogueEntry, type LevelModel, tableOf } from '../../src/modules/reports';
import { pdfText } from '../helpers/files';

const ENTRIES: CatalogueEntry[] = [
  { code: '1.000001', name: 'Cấp phiếu lý lịch tư pháp', field: { code: 'ly-lich-tu-phap', name: 'Lý lịch tư pháp' }, tier: 'tinh', legacyLevel: 2, onlineLevel: 'none', eligible: false, ineligibleReason: 'Phải có mặt để đối chiếu' },
  { code: '1.000002', name: 'Công chứng bản dịch', field: { code: 'cong-chung', name: 'Công chứng' }, tier: 'tinh', legacyLevel: 3, onlineLevel: 'mot_phan', eligible: true, ineligibleReason: null },
  { code: '2.000003', name: 'Chứng thực bản sao từ bản chính', field: { code: 'chung-thuc', name: 'Chứng thực' }, tier: 'huyen', legacyLevel: 3, onlineLevel: 'mot_phan', eligible: false, ineligibleReason: 'Phải xuất trình bản chính' },
  { code: '1.000004', name: 'Đăng ký khai sinh', field: { code: 'ho-tich', name: 'Hộ tịch' }, tier: 'xa', legacyLevel: 4, onlineLevel: 'toan_trinh', eligible: true, ineligibleReason: null },
];

const CASES: { appendix: AppendixNo; model: LevelModel; expect: string[]; landscape: boolean }[] = [
  { appendix: 1, model: 'legacy', landscape: false, expect: ['Phụ lục I', 'Cấp chính quyền', 'Tổng số TTHC', 'Mức độ 4', 'Cấp huyện', 'Tổng'] },
  { appendix: 1, model: 'new', landscape: false, expect: ['Phụ lục I', 'toàn trình, một phần', 'Toàn trình', 'Một phần'] },
  { appendix: 2, model: 'legacy', landscape: true, expect: ['Phụ lục II', 'Lĩnh vực/DVCTT', 'Cấp tỉnh', 'Công chứng bản dịch', 'Cấp huyện', 'Chứng thực bản sao từ bản chính', 'Cấp xã', 'Đăng ký khai sinh'] },
  { appendix: 2, model: 'new', landscape: true, expect: ['Phụ lục II', 'Toàn trình', 'Đăng ký khai sinh'] },
  { appendix: 3, model: 'legacy', landscape: true, expect: ['Phụ lục III', 'Mức độ DVCTT đang cung cấp', 'Công chứng bản dịch', 'Không có dịch vụ công nào'] },
  { appendix: 3, model: 'new', landscape: true, expect: ['Phụ lục III', 'Chưa trực tuyến', 'Công chứng bản dịch'] },
  { appendix: 4, model: 'legacy', landscape: true, expect: ['Phụ lục IV', 'Lý do không đủ điều kiện', 'Phải có mặt để đối chiếu', 'Phải xuất trình bản chính'] },
  { appendix: 4, model: 'new', landscape: true, expect: ['Phụ lục IV', 'Lý do không đủ điều kiện', 'Cấp phiếu lý lịch tư pháp'] },
];

let dir: string;
const nameOf = (c: { appendix: AppendixNo; model: LevelModel }) => `phu-luc-${c.appendix}-${c.model}`;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'motcua-lo-'));
  const files: string[] = [];
  for (const c of CASES) {
    const report = buildReport({ appendix: c.appendix, model: c.model, year: 2024, date: '2024-12-31', provinceName: 'Lạng Sơn', entries: ENTRIES });
    const file = path.join(dir, `${nameOf(c)}.xlsx`);
    writeFileSync(file, await appendixWorkbook(tableOf(report)));
    files.push(file);
  }
  // a profile of its own, so that a running LibreOffice or a shared home never interferes
  const profile = pathToFileURL(path.join(dir, 'profile')).href;
  const r = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, ...files], { timeout: 180_000, encoding: 'utf8' });
  assert.equal(r.status, 0, `soffice failed: ${r.stderr || r.error?.message}`);
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function pageSize(pdf: string): { width: number; height: number; pages: number } {
  const r = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(r.stdout);
  const pages = /Pages:\s+(\d+)/.exec(r.stdout);
  assert.ok(size && pages, r.stdout);
  return { width: Number(size[1]), height: Number(size[2]), pages: Number(pages[1]) };
}

for (const c of CASES) {
  test(`LibreOffice prints ${nameOf(c)}.xlsx with its title, headings and rows, ${c.landscape ? 'landscape' : 'portrait'}`, () => {
    const pdf = path.join(dir, `${nameOf(c)}.pdf`);
    const text = pdfText(readFileSync(pdf)).replace(/\s+/g, ' ');
    for (const expected of c.expect) assert.ok(text.includes(expected), `“${expected}” in ${nameOf(c)}.pdf:\n${text}`);
    const { width, height, pages } = pageSize(pdf);
    assert.equal(width > height, c.landscape, `orientation of ${nameOf(c)}: ${width} x ${height}`);
    assert.equal(pages, 1, 'fits one page');
  });
}
