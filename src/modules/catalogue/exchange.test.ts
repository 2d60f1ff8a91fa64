import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { ExchangeFormatError, fromCsv, fromWorkbook, type ImportRow, toCsv, toWorkbook } from './exchange';
import { birthRegistration, certifiedCopy, exchangeFixtures, permanentResidence } from './fixtures/exchange-procedures';
import { type Procedure, validateProcedure } from './model';

const records = (rows: ImportRow[]) => rows.map((r) => r.record);
const problemsOf = (rows: ImportRow[]) => rows.flatMap((r) => r.problems);

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}

/** Column number of a header in row 1, found independently of exchange.ts. */
function col(ws: ExcelJS.Worksheet, header: string): number {
  let found = 0;
  ws.getRow(1).eachCell((cell, n) => {
    if (cell.value === header) found = n;
  });
  assert.ok(found > 0, `no column “${header}” on sheet ${ws.name}`);
  return found;
}

test('the fixtures are valid procedure records', () => {
  for (const p of exchangeFixtures()) assert.deepEqual(validateProcedure(p), [], p.code);
});

test('workbook round trip gives back every procedure exactly', async () => {
  const procedures = exchangeFixtures();
  const rows = await fromWorkbook(await toWorkbook(procedures));
  assert.deepEqual(problemsOf(rows), []);
  assert.deepEqual(
    rows.map((r) => [r.row, r.sheet]),
    procedures.map((_, i) => [i + 2, 'Thủ tục']),
  );
  assert.deepEqual(records(rows), procedures);
});

test('CSV round trip gives back every procedure exactly', () => {
  const procedures = exchangeFixtures();
  const csv = toCsv(procedures);
  assert.ok(csv.startsWith('\uFEFFSTT,Mã thủ tục,Tên thủ tục,'));
  assert.ok(csv.endsWith('\r\n'));
  const rows = fromCsv(csv);
  assert.deepEqual(problemsOf(rows), []);
  assert.deepEqual(
    rows.map((r) => [r.row, r.sheet]),
    procedures.map((_, i) => [i + 2, 'Thủ tục']),
  );
  assert.deepEqual(records(rows), procedures);
});

test('the CSV is RFC 4180: CRLF between records only, quoted fields, formulas defused', () => {
  const csv = toCsv(exchangeFixtures()).slice(1);
  // every CR is part of a record end (the CRLF inside a text is written \r)
  assert.equal(csv.split('\r\n').length - 1, 5);
  assert.equal((csv.match(/\r/g) ?? []).length, 5);
  // a name starting with '=' is written '=… so Excel does not run it
  assert.ok(csv.includes(`"'=Cấp giấy phép ""đặc biệt"", loại A; thử công thức"`));
});

test('CSV import tolerates a missing BOM and LF line ends', () => {
  const procedures = exchangeFixtures();
  const lf = toCsv(procedures).slice(1).replace(/\r\n/g, '\n');
  const rows = fromCsv(lf);
  assert.deepEqual(problemsOf(rows), []);
  assert.deepEqual(records(rows), procedures);
  // and CRLF inside quoted cells too (a file converted by another tool)
  const crlfEverywhere = lf.replace(/\n/g, '\r\n');
  assert.deepEqual(records(fromCsv(crlfEverywhere)), procedures);
});

test('odd text survives both formats (property)', async () => {
  const unit = fc.constantFrom(' ', '  ', '\n', '\r\n', '\r', '\t', '\\', '|', ';', ',', ':', '=', '"', "'", '(', ')', '–', '-', '+', '@', 'a', 'Đ', 'ố', 'r', 'n', '1', '/', '\\r', '\\|', '\\ ');
  const raw = fc.string({ unit, maxLength: 10 });
  const text = raw.map((s) => (s.trim() === '' ? s + 'x' : s));
  const maybeEmpty = fc.oneof(fc.constant(''), text);
  const name = raw.map((s) => (s.trim().length < 3 ? s + 'abc' : s));
  const inputs = fc.record({
    name,
    step: text,
    result: text,
    condition: text,
    description: text,
    feeNote: maybeEmpty,
    when: text,
    timeNote: maybeEmpty,
    componentNote: maybeEmpty,
    componentName: text,
    template: text,
    feeLabel: text,
    feeLegal: maybeEmpty,
    exemptionText: text,
    category: text,
    reductionText: text,
    reductionCategory: text,
    resolutionNote: maybeEmpty,
    applicantText: maybeEmpty,
    agencyLabel: text,
    unitLabel: text,
    docNumber: text,
    docTitle: text,
    decisionNumber: text,
    issuer: text,
    address: text,
    reason: text,
    fieldName: text,
    confidenceNote: maybeEmpty,
    confidenceKey: maybeEmpty,
    localCode: text,
    procedureType: text,
  });
  await fc.assert(
    fc.asyncProperty(inputs, async (x) => {
      const a = structuredClone(certifiedCopy);
      a.name = x.name;
      a.steps[1] = x.step;
      a.results[0] = x.result;
      a.conditions[0] = x.condition;
      a.channels[0]!.description = x.description;
      a.channels[1]!.feeNote = x.feeNote;
      a.channels[0]!.timeLimit!.extension!.when = x.when;
      a.channels[0]!.timeLimit!.note = x.timeNote;
      a.processingTime.note = x.timeNote;
      a.components[0]!.note = x.componentNote;
      a.components[1]!.name = x.componentName;
      a.components[1]!.templateFile = x.template;
      a.fees[0]!.label = x.feeLabel;
      a.fees[0]!.legalBasis = x.feeLegal;
      const exemption = a.fees[1]!;
      if (exemption.type === 'exemption') {
        exemption.description = x.exemptionText;
        exemption.categories[1] = x.category;
      }
      a.agencies.competent[0] = { unitKind: 'ubnd_xa', label: x.agencyLabel };
      a.tierHistory[0]!.agencies!.competent[0] = { unitCode: 'phong-tu-phap-dinh-lap', label: x.unitLabel };
      a.legalBasis[0] = { number: x.docNumber, title: x.docTitle, date: '2015-02-16' };
      a.publicationDecision = { number: x.decisionNumber, date: '2024-03-15', issuer: x.issuer };
      a.receivingAddress = x.address;
      a.ineligibleReason = x.reason;
      a.field.name = x.fieldName;
      a.localCode = x.localCode;
      a.procedureType = x.procedureType;
      a.confidence = { level: 'S', fields: { [x.confidenceKey]: 'U', fees: 'C' }, note: x.confidenceNote };
      const b = structuredClone(birthRegistration);
      b.applicants[1]!.text = x.applicantText;
      const fixed = b.fees[0]!;
      if (fixed.type === 'fixed') fixed.reductions![0] = { categories: [x.reductionCategory, 'tre_em'], amount: 4000, description: x.reductionText };
      const resolution = b.fees[2]!;
      if (resolution.type === 'by_resolution') resolution.note = x.resolutionNote;
      const procedures: Procedure[] = [a, b];
      for (const p of procedures) assert.deepEqual(validateProcedure(p), [], p.code);

      const fromXlsx = await fromWorkbook(await toWorkbook(procedures));
      assert.deepEqual(problemsOf(fromXlsx), []);
      assert.deepEqual(records(fromXlsx), procedures);
      const fromText = fromCsv(toCsv(procedures));
      assert.deepEqual(problemsOf(fromText), []);
      assert.deepEqual(records(fromText), procedures);
    }),
    // EXCHANGE_RUNS=2000 for a longer, randomly seeded search
    process.env.EXCHANGE_RUNS ? { numRuns: Number(process.env.EXCHANGE_RUNS) } : { numRuns: 60, seed: 20260101 },
  );
});

test('the workbook read back by exceljs itself has the national columns and Vietnamese sheets', async () => {
  const wb = await load(await toWorkbook(exchangeFixtures()));
  assert.deepEqual(
    wb.worksheets.map((w) => w.name),
    ['Thủ tục', 'Thành phần hồ sơ', 'Phí, lệ phí', 'Cơ quan theo giai đoạn', 'Hướng dẫn'],
  );
  const main = wb.getWorksheet('Thủ tục')!;
  const headers = (main.getRow(1).values as unknown[]).slice(1);
  assert.deepEqual(headers.slice(0, 20), [
    'STT',
    'Mã thủ tục',
    'Tên thủ tục',
    'Lĩnh vực',
    'Cấp thực hiện',
    'Loại thủ tục',
    'Trình tự thực hiện',
    'Cách thức thực hiện',
    'Thời hạn giải quyết',
    'Đối tượng thực hiện',
    'Cơ quan thực hiện',
    'Cơ quan có thẩm quyền',
    'Cơ quan được ủy quyền',
    'Cơ quan phối hợp',
    'Địa chỉ tiếp nhận',
    'Kết quả thực hiện',
    'Căn cứ pháp lý',
    'Yêu cầu, điều kiện',
    'Quyết định công bố',
    'Mức độ DVCTT',
  ]);
  assert.ok(!headers.includes('Thành phần hồ sơ') && !headers.includes('Phí, lệ phí'), 'components and fees have their own sheets');
  // looks: bold wrapped header, frozen first row
  assert.equal(main.getCell('B1').font?.bold, true);
  assert.equal(main.getCell('B1').alignment?.wrapText, true);
  assert.equal(main.views[0]?.state, 'frozen');
  assert.equal((main.views[0] as { ySplit?: number }).ySplit, 1);
  assert.ok((main.getColumn(3).width ?? 0) >= 30);
  // values an officer sees
  assert.equal(main.getCell(2, col(main, 'Mã thủ tục')).value, '2.000815');
  assert.equal(main.getCell(2, col(main, 'Thời hạn giải quyết')).value, 'Trong ngày; tiếp nhận sau 15:00 tính từ ngày làm việc tiếp theo');
  assert.equal(main.getCell(2, col(main, 'Cấp thực hiện')).value, 'Cấp huyện: 10/04/2015 – 30/06/2025\nCấp xã: từ 01/07/2025');
  assert.equal(main.getCell(2, col(main, 'Cơ quan có thẩm quyền')).value, 'UBND cấp xã (loại đơn vị: ubnd_xa)');
  assert.equal(main.getCell(2, col(main, 'Mức độ DVCTT')).value, 'Một phần');

  const fees = wb.getWorksheet('Phí, lệ phí')!;
  assert.deepEqual((fees.getRow(1).values as unknown[]).slice(1, 6), ['Mã thủ tục', 'Tên thủ tục', 'Loại khoản thu', 'Tên khoản thu', 'Cách tính']);
  assert.equal(fees.getCell(2, col(fees, 'Cách tính')).value, 'Theo trang');
  assert.equal(fees.getCell(2, col(fees, 'Tối đa mỗi bản (đồng)')).value, 200000);
  const components = wb.getWorksheet('Thành phần hồ sơ')!;
  assert.deepEqual((components.getRow(1).values as unknown[]).slice(1), ['Mã thủ tục', 'Tên thủ tục', 'Mã thành phần', 'Tên giấy tờ', 'Hình thức', 'Số lượng', 'Bắt buộc', 'Ghi chú', 'Mẫu đơn, tờ khai']);
  assert.equal(components.getCell(2, col(components, 'Hình thức')).value, 'Bản chính');
  const periods = wb.getWorksheet('Cơ quan theo giai đoạn')!;
  assert.equal(periods.getCell(2, col(periods, 'Từ ngày')).value, '10/04/2015');

  const guide = wb.getWorksheet('Hướng dẫn')!;
  const documented = new Set<string>();
  guide.eachRow((row) => documented.add(`${row.getCell(1).value} › ${row.getCell(2).value}`));
  for (const h of headers) assert.ok(documented.has(`Thủ tục › ${String(h)}`), `guide explains ${String(h)}`);
  assert.ok(documented.has('Phí, lệ phí › Mức giảm'));
  assert.ok(documented.has('Tệp CSV › Thành phần hồ sơ'));
});

test('a broken workbook gives the problems with sheet and row numbers', async () => {
  const wb = await load(await toWorkbook(exchangeFixtures()));
  const main = wb.getWorksheet('Thủ tục')!;
  main.getCell(3, col(main, 'Thời hạn giải quyết')).value = 'ba ngày';
  main.getCell(4, col(main, 'Mức độ DVCTT')).value = 'Toàn phần';
  main.getCell(4, col(main, 'Mức độ theo NĐ 43/2011')).value = 'năm';
  // row 6: a second row for 1.001193
  main.getCell(6, col(main, 'Mã thủ tục')).value = '1.001193';
  main.getCell(6, col(main, 'Tên thủ tục')).value = 'Đăng ký khai sinh (trùng)';
  const fees = wb.getWorksheet('Phí, lệ phí')!;
  const feeRow = fees.rowCount + 1;
  fees.getCell(feeRow, col(fees, 'Mã thủ tục')).value = '9.999999';
  fees.getCell(feeRow, col(fees, 'Tên khoản thu')).value = 'Lệ phí lạc';
  fees.getCell(2, col(fees, 'Mức thu (đồng)')).value = 5000; // row 2 is a per-page fee of 2.000815
  const components = wb.getWorksheet('Thành phần hồ sơ')!;
  components.getCell(3, col(components, 'Hình thức')).value = 'Bản nháp';
  const periods = wb.getWorksheet('Cơ quan theo giai đoạn')!;
  periods.getCell(3, col(periods, 'Từ ngày')).value = '02/07/2021';

  const rows = await fromWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
  const at = (row: number, sheet = 'Thủ tục') => rows.find((r) => r.row === row && r.sheet === sheet);

  assert.deepEqual(at(3)?.problems, [
    { field: 'Thời hạn giải quyết', message: 'Dòng 3, cột “Thời hạn giải quyết”: không đọc được “ba ngày”; ghi theo dạng “3 ngày làm việc”, “8 giờ làm việc”, “15 ngày” hoặc “Trong ngày”.' },
  ]);
  assert.deepEqual(at(4)?.problems.map((p) => p.field), ['Mức độ theo NĐ 43/2011', 'Mức độ DVCTT', 'Cơ quan theo giai đoạn / Từ ngày']);
  assert.match(at(4)!.problems[1]!.message, /^Dòng 4, cột “Mức độ DVCTT”: không đọc được “Toàn phần”; ghi một trong: “Toàn trình”, “Một phần”, “Không cung cấp trực tuyến”\.$/);
  assert.match(at(4)!.problems[2]!.message, /^Trang “Cơ quan theo giai đoạn”, dòng 3, cột “Từ ngày”: không có giai đoạn nào bắt đầu ngày 02\/07\/2021 ở cột “Cấp thực hiện” của dòng 4/);
  assert.deepEqual(at(6)?.problems, [{ field: 'Mã thủ tục', message: 'Dòng 6, cột “Mã thủ tục”: mã thủ tục 1.001193 trùng với dòng 3; mỗi thủ tục chỉ ghi một dòng.' }]);
  // problems in the child sheets are reported on the procedure's own row, naming the sheet
  assert.deepEqual(at(2)?.problems.map((p) => p.message), [
    'Trang “Thành phần hồ sơ”, dòng 3, cột “Hình thức”: không đọc được “Bản nháp”; ghi một trong: “Bản chính”, “Bản sao có chứng thực”, “Bản chụp”, “Bản chính hoặc bản sao”.',
    'Trang “Phí, lệ phí”, dòng 2, cột “Mức thu (đồng)”: cách tính “Theo trang” không dùng cột này; hãy để trống.',
  ]);
  assert.deepEqual(at(feeRow, 'Phí, lệ phí'), {
    row: feeRow,
    sheet: 'Phí, lệ phí',
    record: null,
    problems: [{ field: 'Phí, lệ phí / Mã thủ tục', message: `Trang “Phí, lệ phí”, dòng ${feeRow}, cột “Mã thủ tục”: mã thủ tục “9.999999” không có ở trang “Thủ tục”.` }],
  });
  assert.deepEqual(at(5)?.problems, []);
  assert.deepEqual(at(5)?.record, exchangeFixtures()[3]);
});

test('a broken CSV gives the problems with record numbers, whatever the line breaks inside cells', () => {
  const csv = toCsv(exchangeFixtures())
    .replace('7 ngày làm việc; không quá 15 ngày khi', 'bảy ngày; không quá 15 ngày khi')
    .replace('Loại khoản thu: Phí | Tên khoản thu: Phí cấp bản sao | Cách tính: Theo bản | Mức thu (đồng): 8000', 'Loại khoản thu: Phí | Tên khoản thu: Phí cấp bản sao | Cách tính: Theo bản | Mức thu (đồng): tám nghìn | Màu: đỏ');
  const rows = fromCsv(csv);
  assert.deepEqual(rows.map((r) => r.problems.length), [0, 0, 3, 0]);
  assert.deepEqual(rows[2]!.problems, [
    { field: 'Thời hạn giải quyết', message: 'Dòng 4, cột “Thời hạn giải quyết”: không đọc được “bảy ngày”; ghi theo dạng “3 ngày làm việc”, “8 giờ làm việc”, “15 ngày” hoặc “Trong ngày”.' },
    { field: 'Phí, lệ phí', message: 'Dòng 4, cột “Phí, lệ phí”, mục 3: không hiểu “Màu: đỏ”; mỗi phần ghi “Tiêu đề cột: giá trị” với tiêu đề cột của trang “Phí, lệ phí”, cách nhau bởi “ | ”.' },
    { field: 'Phí, lệ phí', message: 'Dòng 4, cột “Phí, lệ phí”, mục 3, phần “Mức thu (đồng)”: không đọc được “tám nghìn”; ghi số tiền bằng số nguyên đồng, ví dụ “8000” hoặc “8.000”.' },
  ]);
});

test('a hand-typed CSV from Excel (semicolons, national-portal wording) is read', () => {
  const header = ['Mã thủ tục', 'Tên thủ tục', 'Lĩnh vực', 'Cấp thực hiện', 'Thời hạn giải quyết', 'Đối tượng thực hiện', 'Cơ quan có thẩm quyền', 'Địa chỉ tiếp nhận HS', 'Mức độ DVCTT', 'Phải có mặt trực tiếp', 'Phí, lệ phí', 'Thành phần hồ sơ'];
  const row = [
    '1,001193',
    'Đăng ký khai sinh',
    'Hộ tịch',
    'Cấp xã: từ 1/7/2025',
    '"Trong ngày; nhận sau 15h"',
    'Công dân Việt Nam, Người nước ngoài',
    '"UBND cấp xã (loại đơn vị: ubnd_xa)\nso-tu-phap"',
    '"UBND xã; hoặc trực tuyến"',
    'DVCTT toàn trình',
    'x',
    '"Loại khoản thu: Lệ phí | Tên khoản thu: Lệ phí | Cách tính: Cố định | Mức thu (đồng): 8.000 | Do HĐND tỉnh quy định: có\nLoại khoản thu: Lệ phí | Tên khoản thu: Miễn | Cách tính: Miễn | Đối tượng được miễn: ho_ngheo, tre_em | Mô tả, ghi chú: Miễn cho trẻ em"',
    '',
  ];
  const text = `sep=;\n${header.map((h) => (h.includes(',') ? `"${h}"` : h)).join(';')}\n${row.join(';')}\n`;
  const [r] = fromCsv(text);
  assert.deepEqual(r!.problems, []);
  assert.equal(r!.row, 2);
  const p = r!.record as Record<string, unknown>;
  assert.equal(p.code, '1.001193');
  assert.deepEqual(p.field, { code: 'ho-tich', name: 'Hộ tịch' });
  assert.deepEqual(p.tierHistory, [{ tier: 'xa', validFrom: '2025-07-01' }]);
  assert.deepEqual(p.processingTime, { amount: 1, unit: 'same_day', cutoff: '15:00' });
  assert.deepEqual(p.applicants, [{ kind: 'cong_dan' }, { kind: 'nguoi_nuoc_ngoai' }]);
  assert.deepEqual((p.agencies as { competent: unknown }).competent, [{ unitKind: 'ubnd_xa', label: 'UBND cấp xã' }, { unitCode: 'so-tu-phap' }]);
  assert.equal(p.receivingAddress, 'UBND xã; hoặc trực tuyến');
  assert.equal(p.onlineLevel, 'toan_trinh');
  assert.equal(p.requiresPresence, true);
  assert.deepEqual(p.fees, [
    { kind: 'le_phi', label: 'Lệ phí', type: 'fixed', amount: 8000, setByProvince: true },
    { kind: 'le_phi', label: 'Miễn', type: 'exemption', categories: ['ho_ngheo', 'tre_em'], description: 'Miễn cho trẻ em' },
  ]);
  assert.deepEqual(p.components, []);
  assert.equal('numberOfSets' in p, false, 'missing columns are left out for the validator to report');
});

test('an Excel number cell in “Mã thủ tục” is read back as the code', async () => {
  const wb = await load(await toWorkbook([structuredClone(permanentResidence)]));
  const main = wb.getWorksheet('Thủ tục')!;
  main.getCell(2, col(main, 'Mã thủ tục')).value = 1.00422; // Excel dropped the trailing zero
  for (const name of ['Thành phần hồ sơ', 'Phí, lệ phí', 'Cơ quan theo giai đoạn']) {
    const ws = wb.getWorksheet(name)!;
    for (let r = 2; r <= ws.rowCount; r++) ws.getCell(r, col(ws, 'Mã thủ tục')).value = 1.00422;
  }
  const rows = await fromWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
  assert.equal(rows.length, 1);
  assert.deepEqual(rows[0]!.problems, []);
  assert.deepEqual(rows[0]!.record, { ...structuredClone(permanentResidence), code: '1.004220' });
});

test('files that are not a catalogue are refused with ExchangeFormatError', async () => {
  await assert.rejects(fromWorkbook(Buffer.from('Mã thủ tục,Tên thủ tục\n1.001193,Khai sinh\n')), (e: unknown) => e instanceof ExchangeFormatError && /không phải bảng tính Excel/.test(e.message));
  await assert.rejects(fromWorkbook(Buffer.from('PK\u0003\u0004 không phải zip')), ExchangeFormatError);
  await assert.rejects(fromWorkbook(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])), (e: unknown) => e instanceof ExchangeFormatError && /\.xls/.test(e.message));

  const other = new ExcelJS.Workbook();
  other.addWorksheet('Sheet1').addRow(['Họ tên', 'Ngày sinh']);
  await assert.rejects(fromWorkbook(Buffer.from(await other.xlsx.writeBuffer())), (e: unknown) => e instanceof ExchangeFormatError && /Thủ tục/.test(e.message));
  const noHeaders = new ExcelJS.Workbook();
  noHeaders.addWorksheet('Thủ tục').addRow(['1.001193', 'Đăng ký khai sinh']);
  await assert.rejects(fromWorkbook(Buffer.from(await noHeaders.xlsx.writeBuffer())), (e: unknown) => e instanceof ExchangeFormatError && /thiếu cột bắt buộc/.test(e.message));

  assert.throws(() => fromCsv('1.001193,Đăng ký khai sinh\r\n'), (e: unknown) => e instanceof ExchangeFormatError && /dòng tiêu đề/.test(e.message));
  assert.throws(() => fromCsv(''), ExchangeFormatError);
  assert.throws(() => fromCsv('\uFEFFMã thủ tục,Tên thủ tục\r\n"1.001193,Khai sinh\r\n'), ExchangeFormatError);
});

test('an empty catalogue exports headers only and reads back as no rows', async () => {
  assert.deepEqual(await fromWorkbook(await toWorkbook([])), []);
  assert.deepEqual(fromCsv(toCsv([])), []);
});
