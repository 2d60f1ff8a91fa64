import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { qrCode } from '../../../platform/pdf/qr';
import {
  DOTS,
  mau01Doc,
  renderMau01,
  renderMau02,
  renderMau03,
  renderMau04,
  renderMau05,
  renderMau06,
  type IssuingUnit,
  type LogbookRow,
  type Mau01Data,
  type Mau02Data,
  type Mau03Data,
  type Mau04Data,
  type Mau05Data,
  type Mau06Data,
  useFormNumbering,
} from './index';

// The forms must show Vietnam's time whatever the zone of the machine; run them in UTC.
const savedTz = process.env.TZ;
before(() => {
  process.env.TZ = 'UTC';
});
after(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

const dir = mkdtempSync(path.join(tmpdir(), 'forms-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The text of a PDF as pdftotext -layout gives it, pages split on form feeds, runs of spaces folded. */
function pdfText(pdf: Buffer): string {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const out = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  assert.equal(out.error, undefined, 'pdftotext is needed for these tests: install poppler-utils');
  assert.equal(out.status, 0, out.stderr);
  return out.stdout.normalize('NFC').replace(/[ \t]+/g, ' ');
}

/** Each string is on one line, or in one paragraph that wraps over several. */
function assertIncludes(text: string, expected: string[]): void {
  const flat = text.replace(/\s+/g, ' ');
  for (const s of expected) assert.ok(text.includes(s) || flat.includes(s), `missing “${s}” in:\n${text}`);
}

const center: IssuingUnit = { parent: 'UBND tỉnh Lạng Sơn', name: 'Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn', place: 'Lạng Sơn' };
const applicant = { name: 'Hoàng Thị Hương', address: 'Số 12 đường Bà Triệu, phường Lương Văn Tri, tỉnh Lạng Sơn', phone: '0912 345 678', email: 'huong.ht@example.vn' };
const code = '000.00.17.H21-260302-0001';
const trackingUrl = `https://dichvucong.langson.gov.vn/tra-cuu-ho-so?ma=${code}`;

const mau01: Mau01Data = {
  code,
  number: '125/TNHS',
  unit: center,
  receivedAt: new Date('2026-03-02T01:30:00Z'),
  dueAt: new Date('2026-03-16T09:00:00Z'),
  applicant,
  matter: 'Đăng ký khai sinh kết hợp nhận cha, mẹ, con',
  components: [
    { name: 'Tờ khai đăng ký khai sinh', form: 'Bản chính', quantity: 1 },
    { name: 'Giấy chứng sinh do Bệnh viện Đa khoa tỉnh Lạng Sơn cấp', form: 'Bản chính', quantity: 1, note: 'Đã đối chiếu' },
    { name: 'Giấy tờ chứng minh quan hệ cha, con', form: 'Bản sao', quantity: 2 },
  ],
  sets: 1,
  processingTime: '10 ngày làm việc',
  logbook: { book: '03/2026', serial: 125 },
  resultChannel: 'Qua dịch vụ bưu chính',
  trackingUrl,
  officer: { name: 'Lộc Thị Mai' },
};

test('Mẫu 01 prints the receipt with the code, the components and both times in Vietnam time', async () => {
  const text = pdfText(await renderMau01(mau01));
  assertIncludes(text, [
    'Mẫu số 01 – Thông tư số 01/2018/TT-VPCP',
    'UBND TỈNH LẠNG SƠN',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    'Số: 125/TNHS',
    'Lạng Sơn, ngày 02 tháng 03 năm 2026',
    'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
    `Mã hồ sơ: ${code}`,
    'Tiếp nhận hồ sơ của: Hoàng Thị Hương',
    'Địa chỉ: Số 12 đường Bà Triệu, phường Lương Văn Tri, tỉnh Lạng Sơn',
    'Số điện thoại: 0912 345 678; Email: huong.ht@example.vn',
    'Nội dung yêu cầu giải quyết: Đăng ký khai sinh kết hợp nhận cha, mẹ, con',
    'Tờ khai đăng ký khai sinh',
    'Giấy chứng sinh do Bệnh viện Đa',
    'Đã đối chiếu',
    'Bản sao',
    '2. Số lượng hồ sơ: 1 (bộ)',
    '3. Thời gian giải quyết hồ sơ theo quy định là: 10 ngày làm việc',
    '4. Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày 02/03/2026',
    '5. Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 00 phút, ngày 16/03/2026',
    '6. Đăng ký nhận kết quả tại: Qua dịch vụ bưu chính',
    `Tra cứu tình trạng hồ sơ tại dichvucong.langson.gov.vn bằng mã hồ sơ ${code}`,
    trackingUrl,
    'Quyển số: 03/2026, Số thứ tự: 125',
    'NGƯỜI NỘP HỒ SƠ',
    'NGƯỜI TIẾP NHẬN HỒ SƠ',
    '(Ký và ghi rõ họ tên)',
    'Lộc Thị Mai',
  ]);
  // the table lists the components in order, numbered from 1
  assert.match(text, /1 Tờ khai đăng ký khai sinh Bản chính 1/);
  assert.match(text, /3 Giấy tờ chứng minh quan hệ cha, con Bản sao 2/);
});

test('Mẫu 01 dates the receipt by the day in Vietnam, not the day on the server', async () => {
  // 23:30 on 1 March in UTC is 06:30 on 2 March in Vietnam
  const text = pdfText(await renderMau01({ ...mau01, receivedAt: new Date('2026-03-01T23:30:00Z') }));
  assertIncludes(text, ['Lạng Sơn, ngày 02 tháng 03 năm 2026', '4. Thời gian nhận hồ sơ: 06 giờ 30 phút, ngày 02/03/2026']);
});

test('Mẫu 01 carries a QR code of the tracking link with the link printed under it', () => {
  const content = mau01Doc(mau01).content as unknown[];
  const block = content.find((n) => typeof n === 'object' && n !== null && 'stack' in n && (n as { stack: unknown[] }).stack.some((s) => typeof s === 'object' && s !== null && 'qr' in s));
  assert.ok(block, 'no QR block in Mẫu 01');
  const [qr, caption] = (block as { stack: Array<Record<string, unknown>> }).stack;
  assert.equal(qr?.qr, trackingUrl);
  assert.ok(typeof qr?.fit === 'number' && qr.fit >= 72, 'the code is printed at least 2.5 cm wide');
  assert.equal(caption?.text, trackingUrl);
});

test('a QR code refuses empty text and text too long to print legibly', () => {
  assert.throws(() => qrCode(''), RangeError);
  assert.throws(() => qrCode(`https://dichvucong.langson.gov.vn/?q=${'ư'.repeat(600)}`), RangeError);
  assert.deepEqual(qrCode('https://x.vn').qr, 'https://x.vn');
});

test('Mẫu 01 prints dots where optional values are missing', async () => {
  const text = pdfText(await renderMau01({ ...mau01, number: undefined, applicant: { name: 'Hoàng Thị Hương' }, components: [] }));
  assertIncludes(text, [`Số: ${DOTS}`, `Địa chỉ: ${DOTS}`, `Số điện thoại: ${DOTS}; Email: ${DOTS}`]);
});

const mau02: Mau02Data = {
  number: '18/PYCBS',
  unit: { parent: 'UBND huyện Cao Lộc', name: 'Bộ phận Một cửa huyện Cao Lộc', place: 'Cao Lộc' },
  // 20:00 UTC on 4 March is 03:00 on 5 March in Vietnam
  issuedAt: new Date('2026-03-04T20:00:00Z'),
  applicant,
  matter: 'Cấp Giấy chứng nhận quyền sử dụng đất lần đầu',
  code: '000.00.20.H21-260304-0007',
  items: [
    { component: 'Bản sao Giấy chứng nhận kết hôn', reason: 'Bản chụp không rõ nét', explanation: 'Nộp bản sao có chứng thực hoặc xuất trình bản chính để đối chiếu' },
    { component: 'Sơ đồ thửa đất', reason: 'Thiếu chữ ký của hộ liền', explanation: '' },
  ],
  officer: { name: 'Vi Văn Thắng', phone: '0205 3812 345' },
  rulesAt: 'Cổng Dịch vụ công tỉnh Lạng Sơn',
};

test('Mẫu 02 lists each item to add with its reason and names whom to ask', async () => {
  const text = pdfText(await renderMau02(mau02));
  assertIncludes(text, [
    'Mẫu số 02 – Thông tư số 01/2018/TT-VPCP',
    'UBND HUYỆN CAO LỘC',
    'BỘ PHẬN MỘT CỬA',
    'Số: 18/PYCBS',
    'Cao Lộc, ngày 05 tháng 03 năm 2026',
    'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
    'Mã hồ sơ: 000.00.20.H21-260304-0007',
    'Hồ sơ của: Hoàng Thị Hương',
    'Nội dung yêu cầu giải quyết: Cấp Giấy chứng nhận quyền sử dụng đất lần đầu',
    'Bản sao Giấy chứng nhận kết hôn',
    'Bản chụp không rõ nét',
    'Sơ đồ thửa đất',
    'Thiếu chữ ký của hộ liền',
    'công khai tại: Cổng Dịch vụ công tỉnh Lạng Sơn',
    'Ông/Bà liên hệ với Vi Văn Thắng, số điện thoại 0205 3812 345',
    'NGƯỜI HƯỚNG DẪN',
  ]);
});

const mau03: Mau03Data = {
  number: '04/PTC',
  unit: center,
  issuedAt: new Date('2026-03-05T02:15:00Z'),
  applicant: { name: 'Công ty TNHH Thương mại Đồng Đăng', address: 'Thị trấn Đồng Đăng, huyện Cao Lộc', phone: '0205 3851 000' },
  matter: 'Cấp Giấy phép xây dựng công trình',
  reason: {
    label: 'Hồ sơ không thuộc thẩm quyền giải quyết',
    explanation: 'Công trình cấp III trong đô thị do UBND huyện Cao Lộc cấp phép; đề nghị nộp hồ sơ tại Bộ phận Một cửa huyện Cao Lộc.',
    legalBasis: 'Điều 103 Luật Xây dựng',
  },
  officer: { name: 'Lộc Thị Mai' },
};

test('Mẫu 03 states the reason for refusing, label and explanation', async () => {
  const text = pdfText(await renderMau03(mau03));
  assertIncludes(text, [
    'Mẫu số 03 – Thông tư số 01/2018/TT-VPCP',
    'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
    'Số: 04/PTC',
    'Lạng Sơn, ngày 05 tháng 03 năm 2026',
    'Tiếp nhận hồ sơ của: Công ty TNHH Thương mại Đồng Đăng',
    'Cấp Giấy phép xây dựng công trình',
    'theo quy định tại Điều 103 Luật Xây dựng',
    'Hồ sơ không thuộc thẩm quyền giải quyết',
    'Công trình cấp III trong đô thị do UBND huyện Cao Lộc cấp phép',
    'Xin thông báo để Ông/Bà được biết và thực hiện./.',
    'NGƯỜI TIẾP NHẬN HỒ SƠ',
    'Lộc Thị Mai',
  ]);
});

const mau04: Mau04Data = {
  number: '07/PXL-STP',
  unit: { parent: 'UBND tỉnh Lạng Sơn', name: 'Sở Tư pháp', place: 'Lạng Sơn' },
  issuedAt: new Date('2026-03-16T03:00:00Z'),
  addressee: 'Bà Hoàng Thị Hương',
  code,
  matter: 'Cấp Phiếu lý lịch tư pháp',
  receivedAt: new Date('2026-03-02T01:30:00Z'),
  originalDueAt: new Date('2026-03-16T09:00:00Z'),
  reason: 'Cần xác minh thông tin tại Công an tỉnh Cao Bằng, chưa nhận được kết quả xác minh.',
  newDueAt: new Date('2026-03-23T02:00:00Z'),
  signatory: { position: 'Giám đốc', name: 'Lương Văn Quân' },
};

test('Mẫu 04 apologises, gives the reason and the new appointment, signed by the head of the agency', async () => {
  const text = pdfText(await renderMau04(mau04));
  assertIncludes(text, [
    'Mẫu số 04 – Thông tư số 01/2018/TT-VPCP',
    'SỞ TƯ PHÁP',
    'Số: 07/PXL-STP',
    'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
    'Kính gửi: Bà Hoàng Thị Hương',
    'Ngày 02/03/2026, Sở Tư pháp tiếp nhận hồ sơ',
    'Cấp Phiếu lý lịch tư pháp',
    code,
    'Thời gian hẹn trả kết quả giải quyết hồ sơ: 16 giờ 00 phút, ngày 16/03/2026',
    'Cần xác minh thông tin tại Công an tỉnh Cao Bằng',
    'Sở Tư pháp thành thật xin lỗi Ông/Bà',
    'Thời gian hẹn trả kết quả mới: 09 giờ 00 phút, ngày 23/03/2026',
    'GIÁM ĐỐC',
    'Lương Văn Quân',
    'Nơi nhận:',
  ]);
});

const mau05: Mau05Data = {
  code,
  unit: center,
  issuedAt: new Date('2026-03-02T01:30:00Z'),
  applicantName: 'Hoàng Thị Hương',
  matter: 'Cấp Phiếu lý lịch tư pháp',
  leadAgency: 'Sở Tư pháp tỉnh Lạng Sơn',
  cooperatingAgencies: ['Công an tỉnh Lạng Sơn', 'Công an tỉnh Cao Bằng'],
  rows: [
    { step: 'Chuyển hồ sơ đến cơ quan giải quyết', from: 'Bộ phận TN&TKQ', sentAt: new Date('2026-03-02T02:00:00Z'), to: 'Sở Tư pháp', receivedAt: new Date('2026-03-02T07:10:00Z'), result: 'Đúng hạn', note: '' },
    { step: 'Xác minh thông tin', from: 'Sở Tư pháp', sentAt: new Date('2026-03-03T01:00:00Z'), to: 'Công an tỉnh Cao Bằng', receivedAt: new Date('2026-03-04T03:00:00Z'), result: 'Quá hạn', note: 'Chậm 5 ngày' },
    { step: 'Trả kết quả về Bộ phận một cửa', from: 'Sở Tư pháp', sentAt: new Date('2026-03-20T08:00:00Z'), to: 'Bộ phận TN&TKQ', result: '' },
  ],
};

test('the forms carry the numbers of the circular the configuration names', async () => {
  useFormNumbering('tt03-2025');
  try {
    assertIncludes(pdfText(await renderMau05(mau05)), ['Mẫu số 06 – Thông tư số 03/2025/TT-VPCP', 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ']);
  } finally {
    useFormNumbering('tt01-2018');
  }
  assertIncludes(pdfText(await renderMau05(mau05)), ['Mẫu số 05 – Thông tư số 01/2018/TT-VPCP']);
});

test('Mẫu 05 shows each handover with who gave, who took, when and the result', async () => {
  const text = pdfText(await renderMau05(mau05));
  assertIncludes(text, [
    'Mẫu số 05 – Thông tư số 01/2018/TT-VPCP',
    'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
    `Mã hồ sơ: ${code}`,
    'Cơ quan (bộ phận) giải quyết hồ sơ: Sở Tư pháp tỉnh Lạng Sơn',
    'Cơ quan phối hợp giải quyết hồ sơ: Công an tỉnh Lạng Sơn; Công an tỉnh Cao Bằng',
    'Giao',
    'Nhận',
    'Bộ phận TN&TKQ',
    '09 giờ 00 phút',
    'ngày 02/03/2026',
    '14 giờ 10 phút',
    'Đúng hạn',
    'Quá hạn',
    'Chậm 5 ngày',
    'Người giao (ký)',
    'Người nhận (ký)',
  ]);
  // the last handover is not received yet: its time is left for the hand
  assert.ok(text.includes('…… giờ …… phút'), 'the missing receipt time is dotted');
});

function logbookRows(n: number): LogbookRow[] {
  const names = ['Hoàng Thị Hương', 'Nông Văn Dũng', 'Lộc Thị Mai', 'Vi Đức Thắng', 'Lương Thị Ánh'];
  return Array.from({ length: n }, (_, i) => {
    const received = new Date(Date.UTC(2026, 2, 2 + (i % 20), 1, 30));
    return {
      no: i + 1,
      code: `000.00.17.H21-2603${String(2 + (i % 20)).padStart(2, '0')}-${String(i + 1).padStart(4, '0')}`,
      procedureName: i % 3 === 0 ? 'Đăng ký khai sinh kết hợp nhận cha, mẹ, con' : 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam',
      sets: 1,
      applicantName: names[i % names.length] ?? '',
      addressPhone: `Phường Đông Kinh, Lạng Sơn; 0912 000 ${String(i).padStart(3, '0')}`,
      leadAgency: 'Sở Tư pháp',
      receivedAt: received,
      dueAt: new Date(received.getTime() + 10 * 86_400_000),
      handedToAgencyAt: i % 2 === 0 ? received : undefined,
      note: i % 7 === 0 ? 'Trả qua bưu chính' : undefined,
    };
  });
}

const mau06: Mau06Data = {
  unit: center,
  period: { from: '2026-03-01', to: '2026-03-31' },
  book: '03/2026',
  printedAt: new Date('2026-04-01T02:00:00Z'),
  rows: logbookRows(300),
};

test('Mẫu 06 prints 300 rows on landscape pages with the column headers repeated on every page', async () => {
  const pdf = await renderMau06(mau06);
  const pages = pdfText(pdf).split('\f').filter((p) => p.trim());
  assert.ok(pages.length >= 3, `expected several pages, got ${pages.length}`);
  assertIncludes(pages[0] ?? '', ['Mẫu số 06 – Thông tư số 01/2018/TT-VPCP', 'SỔ THEO DÕI HỒ SƠ', 'Từ ngày 01/03/2026 đến ngày 31/03/2026 – Quyển số: 03/2026', 'Nông Văn Dũng', '000.00.17.H21-260302-0001', '02/03/2026', '12/03/2026']);
  const second = pages[1] ?? '';
  assert.ok(!second.includes('SỔ THEO DÕI HỒ SƠ\n'), 'the title is printed once');
  assertIncludes(second, ['TT', 'Mã hồ sơ', 'Tên thủ tục hành', 'Ghi chú', 'Chuyển hồ sơ đến', 'Ngày Ký Ngày Ký Ngày Ký', '(1)', '(16)', `Trang 2/${pages.length}`]);
  assertIncludes(pages.at(-1) ?? '', ['300', '0300']);
  // landscape: the page box is wider than tall
  const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'));
  assert.ok(box && Number(box[1]) > Number(box[2]), 'the logbook is landscape');
});

test('Mẫu 06 with no dossiers in the period says so', async () => {
  const text = pdfText(await renderMau06({ ...mau06, rows: [] }));
  assertIncludes(text, ['SỔ THEO DÕI HỒ SƠ', 'Không có hồ sơ trong kỳ.']);
});

// names, addresses and reasons come from citizens: any Vietnamese text, empty, long or odd, must render
const vietnamese = 'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ';
const letters = [...vietnamese, ...vietnamese.toUpperCase(), ' ', ' ', '-', ',', '.', '/', '(', ')', '0', '9', '\n'];
const viText = fc.oneof(fc.string({ unit: fc.constantFrom(...letters), maxLength: 120 }), fc.string({ unit: 'grapheme', maxLength: 40 }));

test('every form renders whatever Vietnamese text the names and reasons hold', async () => {
  await fc.assert(
    fc.asyncProperty(viText, viText, viText, fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), async (name, place, reason, at) => {
      const unit = { parent: place, name, place };
      const who = { name, address: place, phone: reason, email: name };
      const pdfs = await Promise.all([
        renderMau01({ ...mau01, unit, applicant: who, receivedAt: at, dueAt: at, matter: reason, components: [{ name, form: place, quantity: 1, note: reason }], officer: { name } }),
        renderMau02({ ...mau02, unit, applicant: who, issuedAt: at, items: [{ component: name, reason, explanation: place }], officer: { name, phone: reason } }),
        renderMau03({ ...mau03, unit, applicant: who, issuedAt: at, reason: { label: reason, explanation: name } }),
        renderMau04({ ...mau04, unit, addressee: name, reason, newDueAt: at, signatory: { position: place, name } }),
        renderMau05({ ...mau05, unit, leadAgency: name, cooperatingAgencies: [place, reason], rows: [{ step: reason, from: name, sentAt: at, to: place, result: '' }] }),
        renderMau06({ ...mau06, unit, rows: logbookRows(2).map((r) => ({ ...r, applicantName: name, addressPhone: place, procedureName: reason, receivedAt: at })) }),
      ]);
      for (const pdf of pdfs) assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    }),
    { numRuns: 8 },
  );
});
