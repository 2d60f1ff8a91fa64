import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Compile } from 'typebox/compile';
import { demoForms } from '../../../seed/forms';
import { khaiSinh } from './definitions/khai-sinh';
import { thuongTru } from './definitions/thuong-tru';
import { ALL_KINDS, CTX, KHAI_SINH_POST, THUONG_TRU_POST, TODAY } from './fixtures.test-helper';
import {
  applyFormAction,
  type FieldDef,
  type FormDefinition,
  type GroupField,
  type ValidationContext,
  checkDefinition,
  parseFormAction,
  parseFormBody,
  prefill,
  maxItemsOf,
  minItemsOf,
  RAW_LIST_LIMIT,
  toJsonSchema,
  validateAnswers,
} from './model';

// ---------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------

function formOf(...fields: FieldDef[]): FormDefinition {
  return { procedureCode: '9.000001', version: 1, title: 'Thử', fields };
}

/** Validates one answer for a one-field form. */
function answer(field: FieldDef, raw: unknown, ctx: ValidationContext = CTX) {
  return validateAnswers(formOf(field), raw === undefined ? {} : { [field.name]: raw }, ctx);
}

function cleaned(field: FieldDef, raw: unknown, ctx: ValidationContext = CTX): unknown {
  const r = answer(field, raw, ctx);
  assert.deepEqual(r.errors, [], `expected ${JSON.stringify(raw)} to be accepted`);
  return r.value?.[field.name];
}

function message(field: FieldDef, raw: unknown, ctx: ValidationContext = CTX): string | undefined {
  const r = answer(field, raw, ctx);
  assert.equal(r.value, undefined, `expected ${JSON.stringify(raw)} to be refused`);
  assert.equal(r.errors.length, 1, JSON.stringify(r.errors));
  return r.errors[0]?.message;
}

/** field → message, for forms with several errors. */
function errorMap(def: FormDefinition, raw: unknown, ctx: ValidationContext = CTX): Record<string, string> {
  return Object.fromEntries(validateAnswers(def, raw, ctx).errors.map((e) => [e.field, e.message]));
}

function definitionErrors(def: unknown): Record<string, string> {
  return Object.fromEntries(checkDefinition(def).map((e) => [e.field, e.message]));
}

const NAME: FieldDef = { kind: 'text', name: 'fullName', label: 'Họ và tên', required: true };
const GENDER: FieldDef = {
  kind: 'choice',
  name: 'gender',
  label: 'Giới tính',
  required: true,
  options: [
    { value: 'nam', label: 'Nam' },
    { value: 'nu', label: 'Nữ' },
  ],
};
const DOCS: FieldDef = {
  kind: 'multiChoice',
  name: 'docs',
  label: 'Giấy tờ kèm theo',
  required: true,
  options: [
    { value: 'gcs', label: 'Giấy chứng sinh' },
    { value: 'kh', label: 'Giấy chứng nhận kết hôn' },
    { value: 'uq', label: 'Văn bản ủy quyền' },
  ],
};
const HOME: FieldDef = { kind: 'address', name: 'home', label: 'Nơi cư trú', required: true };
const MEMBERS: GroupField = {
  kind: 'group',
  name: 'members',
  label: 'Thành viên hộ gia đình',
  itemLabel: 'thành viên',
  minItems: 1,
  maxItems: 2,
  fields: [
    { kind: 'text', name: 'fullName', label: 'Họ và tên', required: true },
    { kind: 'date', name: 'birthDate', label: 'Ngày sinh', required: true, maxDate: 'today' },
    {
      kind: 'choice',
      name: 'relation',
      label: 'Quan hệ',
      required: true,
      options: [
        { value: 'con', label: 'Con' },
        { value: 'khac', label: 'Khác' },
      ],
    },
    { kind: 'text', name: 'relationOther', label: 'Quan hệ cụ thể', required: true, showIf: { field: 'relation', equals: 'khac' } },
  ],
};
const MEMBER = { fullName: 'Trần Thị Mai', birthDate: '05/11/1990', relation: 'con' };

// ---------------------------------------------------------------------------------------
// field kinds
// ---------------------------------------------------------------------------------------

describe('text', () => {
  test('a text answer is trimmed, its inner spaces collapsed and its letters composed (NFC)', () => {
    assert.equal(cleaned(NAME, '  Nguyễn   Văn \t An '), 'Nguyễn Văn An');
    assert.equal(cleaned(NAME, 'Nguye\u0302\u0303n'), 'Nguyễn');
  });

  test('a required text left blank asks to enter it, naming the field in lower case', () => {
    assert.equal(message(NAME, ''), 'Nhập họ và tên');
    assert.equal(message(NAME, '   '), 'Nhập họ và tên');
    assert.equal(message(NAME, undefined), 'Nhập họ và tên');
  });

  test('a label that starts with an abbreviation keeps its capitals in the message', () => {
    assert.equal(message({ kind: 'text', name: 'cccd', label: 'CCCD của mẹ', required: true }, ''), 'Nhập CCCD của mẹ');
  });

  test('a definition can replace the message for a missing answer', () => {
    assert.equal(message({ ...NAME, requiredMessage: 'Nhập họ, chữ đệm và tên của trẻ' }, ''), 'Nhập họ, chữ đệm và tên của trẻ');
  });

  test('an optional text left blank is left out of the cleaned answers', () => {
    const r = answer({ ...NAME, required: false }, '  ');
    assert.deepEqual(r, { errors: [], value: {} });
  });

  test('minLength and maxLength count characters, not UTF-16 units', () => {
    const f: FieldDef = { ...NAME, minLength: 2, maxLength: 5 };
    assert.equal(message(f, 'A'), 'Họ và tên phải có ít nhất 2 ký tự');
    assert.equal(message(f, 'Nguyễn'), 'Họ và tên không được dài quá 5 ký tự');
    assert.equal(cleaned({ ...NAME, maxLength: 3 }, '😀😀😀'), '😀😀😀');
  });

  test('a text without maxLength is limited to 500 characters', () => {
    assert.equal((cleaned(NAME, 'a'.repeat(500)) as string).length, 500);
    assert.equal(message(NAME, 'a'.repeat(501)), 'Họ và tên không được dài quá 500 ký tự');
  });

  test('a text that does not match the pattern gets the pattern message of the definition', () => {
    const f: FieldDef = { ...NAME, pattern: "^[\\p{L} ']+$", patternMessage: 'Họ và tên chỉ gồm chữ cái' };
    assert.equal(cleaned(f, "H'Hen Niê"), "H'Hen Niê");
    assert.equal(message(f, 'Nguyễn Văn 2'), 'Họ và tên chỉ gồm chữ cái');
  });

  test('control characters and lone surrogates are refused', () => {
    assert.equal(message(NAME, 'An\u0000'), 'Họ và tên chứa ký tự không hợp lệ');
    assert.equal(message(NAME, 'An\ud800'), 'Họ và tên chứa ký tự không hợp lệ');
  });

  test('a text answer that is not a string is refused', () => {
    assert.equal(message(NAME, 5), 'Họ và tên không hợp lệ');
    assert.equal(message(NAME, ['An', 'Bình']), 'Họ và tên không hợp lệ');
  });
});

describe('long text', () => {
  const NOTE: FieldDef = { kind: 'longText', name: 'note', label: 'Nội dung đề nghị', required: true, maxLength: 20 };

  test('a long text keeps its lines, with Windows line ends made \\n, and is trimmed', () => {
    assert.equal(cleaned(NOTE, '  Dòng một\r\nDòng\thai \n'), 'Dòng một\nDòng\thai');
  });

  test('a long text refuses control characters other than line ends and tabs', () => {
    assert.equal(message(NOTE, 'chuông\u0007'), 'Nội dung đề nghị chứa ký tự không hợp lệ');
  });

  test('a long text over its maxLength is refused', () => {
    assert.equal(message(NOTE, 'x'.repeat(21)), 'Nội dung đề nghị không được dài quá 20 ký tự');
  });
});

describe('number', () => {
  const YEAR: FieldDef = { kind: 'number', name: 'year', label: 'Năm sinh', required: true, min: 1900, max: 2100 };
  const AREA: FieldDef = { kind: 'number', name: 'area', label: 'Diện tích', required: true, decimal: true, min: 0.5 };

  test('a whole number is read from digits, from dotted thousands, or from a JSON number', () => {
    assert.equal(cleaned(YEAR, '1990'), 1990);
    assert.equal(cleaned(YEAR, ' 1 990 '), 1990);
    assert.equal(cleaned(YEAR, 1990), 1990);
    assert.equal(cleaned({ ...YEAR, min: undefined, max: undefined }, '1.250.000'), 1250000);
    assert.equal(cleaned({ ...YEAR, min: -10 }, '-5'), -5);
  });

  test('a whole-number field refuses decimals and words', () => {
    assert.equal(message(YEAR, '1990,5'), 'Năm sinh phải là một số nguyên');
    assert.equal(message(YEAR, 1990.5), 'Năm sinh phải là một số nguyên');
    assert.equal(message(YEAR, 'năm 1990'), 'Năm sinh phải là một số nguyên');
  });

  test('a decimal field takes a comma before the decimals, as Vietnamese is written', () => {
    assert.equal(cleaned(AREA, '12,5'), 12.5);
    assert.equal(cleaned(AREA, '1.200,75'), 1200.75);
    assert.equal(message(AREA, '12.5'), 'Diện tích phải là một số, phần thập phân viết sau dấu phẩy (ví dụ 12,5)');
  });

  test('a number below min or above max is refused with the bound', () => {
    assert.equal(message(YEAR, '1899'), 'Năm sinh phải từ 1900 trở lên');
    assert.equal(message(YEAR, '2101'), 'Năm sinh không được lớn hơn 2100');
    assert.equal(message(AREA, '0,25'), 'Diện tích phải từ 0,5 trở lên');
  });

  test('infinite and unsafe numbers are refused', () => {
    assert.equal(message(YEAR, Number.POSITIVE_INFINITY), 'Năm sinh không hợp lệ');
    assert.equal(message({ ...YEAR, max: undefined }, '99999999999999999999'), 'Năm sinh quá lớn');
  });
});

describe('money', () => {
  const FEE: FieldDef = { kind: 'money', name: 'fee', label: 'Lệ phí', required: true, min: 1000, max: 5_000_000 };

  test('money is integer đồng, typed with dots, commas or nothing between thousands, with or without the currency', () => {
    for (const typed of ['1.250.000', '1250000', '1,250,000', '1.250.000 đ', '1.250.000₫', '1 250 000 đồng', '1.250.000 VNĐ']) {
      assert.equal(cleaned(FEE, typed), 1_250_000, typed);
    }
    assert.equal(cleaned(FEE, 1_250_000), 1_250_000);
  });

  test('money with decimals, a minus sign or badly grouped digits is refused', () => {
    for (const typed of ['1.25', '1.250,50', '-1000', '12.34.567', 'một triệu']) {
      assert.equal(message(FEE, typed), 'Lệ phí phải là số tiền bằng đồng, ví dụ 1.250.000', typed);
    }
    assert.equal(message(FEE, 1500.5), 'Lệ phí phải là số tiền bằng đồng, ví dụ 1.250.000');
  });

  test('money outside its bounds is refused with the bound written as money', () => {
    assert.equal(message(FEE, '500'), 'Lệ phí phải từ 1.000\u00a0₫ trở lên');
    assert.equal(message(FEE, '5.000.001'), 'Lệ phí không được lớn hơn 5.000.000\u00a0₫');
  });
});

describe('date', () => {
  const BIRTH: FieldDef = { kind: 'date', name: 'birthDate', label: 'Ngày sinh', required: true, maxDate: 'today' };

  test('a date typed dd/MM/yyyy is kept as YYYY-MM-DD', () => {
    assert.equal(cleaned(BIRTH, '27/03/2019'), '2019-03-27');
  });

  test('a date is also read as d/M/yyyy, with - . or space, as eight digits, or as YYYY-MM-DD', () => {
    for (const typed of ['7/3/2019', '07-03-2019', '07.03.2019', '07 03 2019', '07032019', '2019-03-07']) {
      assert.equal(cleaned(BIRTH, typed), '2019-03-07', typed);
    }
  });

  test('a date in another shape asks for dd/MM/yyyy', () => {
    for (const typed of ['2019/03/27', '27/03/19', 'hôm qua', '27 tháng 3']) {
      assert.equal(message(BIRTH, typed), 'Ngày sinh phải có dạng dd/MM/yyyy', typed);
    }
  });

  test('a day that does not exist is refused, leap days are accepted', () => {
    assert.equal(message(BIRTH, '31/02/2020'), 'Ngày sinh phải là một ngày có thật');
    assert.equal(message(BIRTH, '29/02/2023'), 'Ngày sinh phải là một ngày có thật');
    assert.equal(message(BIRTH, '00/01/2020'), 'Ngày sinh phải là một ngày có thật');
    assert.equal(message(BIRTH, '2020-13-01'), 'Ngày sinh phải là một ngày có thật');
    assert.equal(cleaned(BIRTH, '29/02/2024'), '2024-02-29');
  });

  test('maxDate today refuses tomorrow and accepts today', () => {
    assert.equal(message(BIRTH, '16/03/2026'), 'Ngày sinh không được sau ngày hôm nay');
    assert.equal(cleaned(BIRTH, '15/03/2026'), TODAY);
  });

  test('minDate today refuses yesterday', () => {
    assert.equal(message({ kind: 'date', name: 'hen', label: 'Ngày hẹn', minDate: 'today' }, '14/03/2026'), 'Ngày hẹn không được trước ngày hôm nay');
  });

  test('fixed date bounds are named dd/MM/yyyy in the message', () => {
    const f: FieldDef = { kind: 'date', name: 'd', label: 'Ngày cấp', minDate: '2025-07-01', maxDate: '2025-12-31' };
    assert.equal(message(f, '30/06/2025'), 'Ngày cấp không được trước ngày 01/07/2025');
    assert.equal(message(f, '01/01/2026'), 'Ngày cấp không được sau ngày 31/12/2025');
  });
});

describe('choice and multiple choice', () => {
  test('a choice keeps one of its option values', () => {
    assert.equal(cleaned(GENDER, 'nu'), 'nu');
  });

  test('a required choice left empty asks to choose it', () => {
    assert.equal(message(GENDER, ''), 'Chọn giới tính');
  });

  test('a value that is not an option is refused without echoing it', () => {
    assert.equal(message(GENDER, '<b>khác</b>'), 'Chọn giới tính trong danh sách');
    assert.equal(message(GENDER, ['nam']), 'Giới tính không hợp lệ');
  });

  test('multiple choice takes one string or a list, and keeps the options in their order without repeats', () => {
    assert.deepEqual(cleaned(DOCS, 'kh'), ['kh']);
    assert.deepEqual(cleaned(DOCS, ['uq', 'gcs', 'uq', '']), ['gcs', 'uq']);
  });

  test('a required multiple choice with nothing ticked asks to choose', () => {
    assert.equal(message(DOCS, []), 'Chọn giấy tờ kèm theo');
    assert.equal(message(DOCS, ['', '']), 'Chọn giấy tờ kèm theo');
  });

  test('a multiple choice with an unknown value is refused', () => {
    assert.equal(message(DOCS, ['gcs', 'x']), 'Chọn giấy tờ kèm theo trong danh sách');
  });
});

describe('yes/no', () => {
  const Q: FieldDef = { kind: 'yesNo', name: 'married', label: 'Đã kết hôn chưa?', required: true };

  test('yes/no becomes a boolean from the radio values or from JSON', () => {
    assert.equal(cleaned(Q, 'true'), true);
    assert.equal(cleaned(Q, 'false'), false);
    assert.equal(cleaned(Q, true), true);
    assert.equal(cleaned(Q, false), false);
  });

  test('an unanswered or unknown yes/no asks for Có or Không, quoting the question', () => {
    assert.equal(message(Q, undefined), 'Chọn “Có” hoặc “Không” cho câu hỏi “Đã kết hôn chưa?”');
    assert.equal(message(Q, 'yes'), 'Chọn “Có” hoặc “Không” cho câu hỏi “Đã kết hôn chưa?”');
  });
});

describe('phone, e-mail, personal ID, tax code', () => {
  const PHONE: FieldDef = { kind: 'phone', name: 'phone', label: 'Số điện thoại', required: true };
  const EMAIL: FieldDef = { kind: 'email', name: 'email', label: 'Thư điện tử', required: true };
  const ID: FieldDef = { kind: 'cccd', name: 'idNumber', label: 'Số định danh cá nhân', required: true };
  const TAX: FieldDef = { kind: 'taxCode', name: 'taxCode', label: 'Mã số thuế', required: true };

  test('a Vietnamese phone number is normalised to 0xxxxxxxxx', () => {
    for (const typed of ['0912 345 678', '0912.345.678', '+84 912 345 678', '84912345678']) {
      assert.equal(cleaned(PHONE, typed), '0912345678', typed);
    }
  });

  test('a phone number of the wrong length is refused with an example', () => {
    assert.equal(message(PHONE, '091234567'), 'Số điện thoại không đúng định dạng, ví dụ 0912345678');
    assert.equal(message(PHONE, '+1 202 555 0100'), 'Số điện thoại không đúng định dạng, ví dụ 0912345678');
  });

  test('an e-mail address is trimmed and lower-cased', () => {
    assert.equal(cleaned(EMAIL, ' An.Nguyen@Example.VN '), 'an.nguyen@example.vn');
  });

  test('a malformed e-mail address is refused with an example', () => {
    assert.equal(message(EMAIL, 'an@'), 'Thư điện tử không đúng định dạng, ví dụ ten@vidu.vn');
    assert.equal(message(EMAIL, 'an nguyen@vidu.vn'), 'Thư điện tử không đúng định dạng, ví dụ ten@vidu.vn');
  });

  test('a personal ID number is exactly 12 digits; spaces and dots typed between them are dropped', () => {
    assert.equal(cleaned(ID, '020090001234'), '020090001234');
    assert.equal(cleaned(ID, '020 090 001 234'), '020090001234');
  });

  test('a personal ID number of 11 or 13 digits, with a letter, or sent as a JSON number is refused', () => {
    for (const typed of ['02009000123', '0200900012345', '02009000123a', 20090001234]) {
      assert.equal(message(ID, typed), 'Số định danh cá nhân phải gồm đúng 12 chữ số', String(typed));
    }
  });

  test('a tax code is 10 digits, or 10 digits, a hyphen and 3 digits for a branch', () => {
    assert.equal(cleaned(TAX, '0101234567'), '0101234567');
    assert.equal(cleaned(TAX, '0101234567-001'), '0101234567-001');
  });

  test('a tax code of another shape is refused', () => {
    for (const typed of ['010123456', '0101234567-01', '0101234567001', '0101234567-ABC']) {
      assert.equal(
        message(TAX, typed),
        'Mã số thuế phải gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số với đơn vị phụ thuộc (ví dụ 0101234567-001)',
        typed,
      );
    }
  });
});

describe('address', () => {
  test('an address keeps the province and commune codes and the detail with spaces collapsed', () => {
    assert.deepEqual(cleaned(HOME, { provinceCode: '20', communeCode: '06100', detail: '  Thôn  Bản Chắt ' }), {
      provinceCode: '20',
      communeCode: '06100',
      detail: 'Thôn Bản Chắt',
    });
  });

  test('a required address left entirely blank gives one error, on the province', () => {
    const r = answer(HOME, { provinceCode: '', communeCode: '', detail: '' });
    assert.deepEqual(r.errors, [{ field: 'home.provinceCode', message: 'Nhập nơi cư trú' }]);
  });

  test('a half-filled address names each missing part', () => {
    assert.deepEqual(errorMap(formOf(HOME), { home: { provinceCode: '20' } }), {
      'home.communeCode': 'Nơi cư trú: chọn xã, phường',
      'home.detail': 'Nơi cư trú: nhập số nhà, đường, thôn, tổ dân phố',
    });
  });

  test('a province that is not in the list is refused', () => {
    assert.deepEqual(errorMap(formOf(HOME), { home: { provinceCode: '99', communeCode: '06100', detail: 'Thôn A' } }), {
      'home.provinceCode': 'Nơi cư trú: tỉnh, thành phố không có trong danh sách',
    });
  });

  test('a commune of another province is refused', () => {
    assert.deepEqual(errorMap(formOf(HOME), { home: { provinceCode: '01', communeCode: '06100', detail: 'Số 1' } }), {
      'home.communeCode': 'Nơi cư trú: xã, phường không thuộc tỉnh, thành phố đã chọn',
    });
  });

  test('communes are those of today by default, so a commune abolished on 01/07/2025 is refused', () => {
    assert.deepEqual(errorMap(formOf(HOME), { home: { provinceCode: '20', communeCode: '06040', detail: 'Khu 1' } }), {
      'home.communeCode': 'Nơi cư trú: xã, phường không thuộc tỉnh, thành phố đã chọn',
    });
  });

  test('an address field dated before 01/07/2025 offers the old communes', () => {
    const old: FieldDef = { ...HOME, label: 'Nơi sinh', asOf: '2025-06-30' };
    assert.deepEqual(cleaned(old, { provinceCode: '20', communeCode: '06040', detail: 'Khu 1' }), { provinceCode: '20', communeCode: '06040', detail: 'Khu 1' });
    assert.deepEqual(errorMap(formOf(old), { home: { provinceCode: '20', communeCode: '06100', detail: 'Khu 1' } }), {
      'home.communeCode': 'Nơi sinh: xã, phường không thuộc tỉnh, thành phố đã chọn',
    });
  });

  test('without a unit lookup the codes are checked for shape only', () => {
    const ctx = { today: TODAY };
    assert.deepEqual(cleaned(HOME, { provinceCode: '99', communeCode: '12345', detail: 'Số 1' }, ctx), { provinceCode: '99', communeCode: '12345', detail: 'Số 1' });
    assert.deepEqual(errorMap(formOf(HOME), { home: { provinceCode: '<b>', communeCode: '1 2', detail: 'Số 1' } }, ctx), {
      'home.provinceCode': 'Nơi cư trú: tỉnh, thành phố không có trong danh sách',
      'home.communeCode': 'Nơi cư trú: xã, phường không có trong danh sách',
    });
  });

  test('an address that is not an object, or whose parts are not strings, is refused', () => {
    assert.equal(message(HOME, 'Lạng Sơn'), 'Nơi cư trú không hợp lệ');
    assert.equal(message(HOME, { provinceCode: 20, communeCode: '06100', detail: 'x' }), 'Nơi cư trú không hợp lệ');
  });

  test('an optional address left blank is left out', () => {
    assert.deepEqual(answer({ ...HOME, required: false }, { provinceCode: '', communeCode: '', detail: ' ' }), { errors: [], value: {} });
  });
});

// ---------------------------------------------------------------------------------------
// conditions and groups
// ---------------------------------------------------------------------------------------

describe('conditional fields', () => {
  const FORM = formOf(
    { kind: 'yesNo', name: 'coCha', label: 'Có khai thông tin người cha không?', required: true },
    { kind: 'text', name: 'fatherName', label: 'Họ và tên người cha', required: true, showIf: { field: 'coCha', equals: true } },
    { kind: 'yesNo', name: 'fatherAlive', label: 'Người cha còn sống?', required: true, showIf: { field: 'coCha', equals: true } },
    { kind: 'text', name: 'fatherPhone', label: 'Số điện thoại người cha', required: true, showIf: { field: 'fatherAlive', equals: true } },
  );

  test('a conditional field is required when its condition holds', () => {
    assert.deepEqual(errorMap(FORM, { coCha: 'true', fatherAlive: 'false' }), { fatherName: 'Nhập họ và tên người cha' });
  });

  test('a conditional field is not required when its condition does not hold', () => {
    assert.deepEqual(validateAnswers(FORM, { coCha: 'false' }, CTX), { errors: [], value: { coCha: false } });
  });

  test('the answers of hidden fields are dropped, even invalid ones', () => {
    const r = validateAnswers(FORM, { coCha: 'false', fatherName: 'Hoàng Văn Dũng', fatherAlive: 'maybe', fatherPhone: '' }, CTX);
    assert.deepEqual(r, { errors: [], value: { coCha: false } });
  });

  test('a field that depends on a hidden field is hidden too', () => {
    const r = validateAnswers(FORM, { coCha: 'false', fatherAlive: 'true' }, CTX);
    assert.deepEqual(r.value, { coCha: false });
  });

  test('a field whose condition field was answered wrongly is not checked', () => {
    assert.deepEqual(errorMap(FORM, { coCha: 'có' }), { coCha: 'Chọn “Có” hoặc “Không” cho câu hỏi “Có khai thông tin người cha không?”' });
  });

  test('an "in" condition holds for any of its values', () => {
    const form = formOf(
      {
        kind: 'choice',
        name: 'relationship',
        label: 'Quan hệ',
        required: true,
        options: [
          { value: 'cha', label: 'Cha' },
          { value: 'ong_ba', label: 'Ông, bà' },
          { value: 'khac', label: 'Khác' },
        ],
      },
      { kind: 'text', name: 'detail', label: 'Quan hệ cụ thể', required: true, showIf: { field: 'relationship', in: ['ong_ba', 'khac'] } },
    );
    assert.deepEqual(errorMap(form, { relationship: 'khac' }), { detail: 'Nhập quan hệ cụ thể' });
    assert.deepEqual(errorMap(form, { relationship: 'ong_ba' }), { detail: 'Nhập quan hệ cụ thể' });
    assert.deepEqual(errorMap(form, { relationship: 'cha' }), {});
  });

  test('a condition on a multiple choice holds when that option is among the ticked ones', () => {
    const form = formOf({ ...DOCS, required: false }, { kind: 'text', name: 'proxy', label: 'Người được ủy quyền', required: true, showIf: { field: 'docs', equals: 'uq' } });
    assert.deepEqual(errorMap(form, { docs: ['gcs', 'uq'] }), { proxy: 'Nhập người được ủy quyền' });
    assert.deepEqual(errorMap(form, { docs: ['gcs'] }), {});
    assert.deepEqual(errorMap(form, {}), {});
  });
});

describe('repeatable groups', () => {
  const FORM = formOf(MEMBERS);

  test('a group with no item, or only blank items, asks for its minimum', () => {
    assert.deepEqual(errorMap(FORM, {}), { members: 'Cần ít nhất 1 thành viên' });
    assert.deepEqual(errorMap(FORM, { members: [{ fullName: '', birthDate: '', relation: '' }] }), { members: 'Cần ít nhất 1 thành viên' });
  });

  test('a group over its maximum is refused', () => {
    assert.deepEqual(errorMap(FORM, { members: [MEMBER, MEMBER, MEMBER] }), { members: 'Chỉ được khai tối đa 2 thành viên' });
  });

  test('errors inside an item name the item by path and in the message', () => {
    const r = validateAnswers(FORM, { members: [MEMBER, { ...MEMBER, birthDate: '16/03/2026' }] }, CTX);
    assert.deepEqual(r.errors, [{ field: 'members[1].birthDate', message: 'Ngày sinh không được sau ngày hôm nay (thành viên 2)' }]);
  });

  test('blank items are dropped from the value but item paths keep the posted index', () => {
    const blank = { fullName: '', birthDate: '', relation: '' };
    assert.deepEqual(errorMap(FORM, { members: [blank, { ...MEMBER, fullName: ' ' }] }), { 'members[1].fullName': 'Nhập họ và tên (thành viên 2)' });
    const r = validateAnswers(FORM, { members: [MEMBER, blank] }, CTX);
    assert.deepEqual(r.value, { members: [{ fullName: 'Trần Thị Mai', birthDate: '1990-11-05', relation: 'con' }] });
  });

  test('conditions inside an item look at the same item', () => {
    const r = validateAnswers(FORM, { members: [{ ...MEMBER, relation: 'khac' }, { ...MEMBER, relationOther: 'bỏ qua' }] }, CTX);
    assert.deepEqual(r.errors, [{ field: 'members[0].relationOther', message: 'Nhập quan hệ cụ thể (thành viên 1)' }]);
    const ok = validateAnswers(FORM, { members: [{ ...MEMBER, relation: 'khac', relationOther: 'Con dâu' }, { ...MEMBER, relationOther: 'bỏ qua' }] }, CTX);
    assert.deepEqual(ok.value?.members, [
      { fullName: 'Trần Thị Mai', birthDate: '1990-11-05', relation: 'khac', relationOther: 'Con dâu' },
      { fullName: 'Trần Thị Mai', birthDate: '1990-11-05', relation: 'con' },
    ]);
  });

  test('a shown group with no items is an empty list in the value', () => {
    assert.deepEqual(validateAnswers(formOf({ ...MEMBERS, minItems: 0 }), {}, CTX).value, { members: [] });
  });

  test('a group answer that is not a list, or a list longer than any page can post, is refused', () => {
    assert.deepEqual(errorMap(FORM, { members: 'Trần Thị Mai' }), { members: 'Thành viên hộ gia đình không hợp lệ' });
    assert.deepEqual(errorMap(FORM, { members: new Array(RAW_LIST_LIMIT + 1).fill(MEMBER) }), { members: 'Chỉ được khai tối đa 2 thành viên' });
  });

  test('a group hidden by its condition is dropped with its items', () => {
    const form = formOf({ kind: 'yesNo', name: 'withFamily', label: 'Đăng ký cùng gia đình?', required: true }, { ...MEMBERS, showIf: { field: 'withFamily', equals: true } });
    assert.deepEqual(validateAnswers(form, { withFamily: 'false', members: [{ fullName: 'x' }] }, CTX), { errors: [], value: { withFamily: false } });
    assert.deepEqual(errorMap(form, { withFamily: 'true' }), { members: 'Cần ít nhất 1 thành viên' });
  });
});

// ---------------------------------------------------------------------------------------
// form posts, buttons, prefill
// ---------------------------------------------------------------------------------------

describe('parseFormBody', () => {
  test('bracketed names become nested objects and lists', () => {
    assert.deepEqual(parseFormBody({ 'members[0][fullName]': 'An', 'members[0][home][detail]': 'Thôn A', 'members[1][fullName]': 'Bình', name: 'Chi' }), {
      members: [{ fullName: 'An', home: { detail: 'Thôn A' } }, { fullName: 'Bình' }],
      name: 'Chi',
    });
  });

  test('a repeated name (ticked check boxes) stays a list, and [] appends', () => {
    assert.deepEqual(parseFormBody({ docs: ['gcs', 'uq'], 'tags[]': ['a', 'b'] }), { docs: ['gcs', 'uq'], tags: ['a', 'b'] });
  });

  test('holes between list indices are closed up', () => {
    assert.deepEqual(parseFormBody({ 'm[0][a]': '1', 'm[5][a]': '2' }), { m: [{ a: '1' }, { a: '2' }] });
  });

  test('list indices from 1000 up and names deeper than six levels are ignored', () => {
    assert.deepEqual(parseFormBody({ 'm[999][a]': 'x', 'm[1000][a]': 'y', 'a[b][c][d][e][f][g]': 'z' }), { m: [{ a: 'x' }] });
  });

  test('prototype names are ignored and do not pollute objects', () => {
    const parsed = parseFormBody({ '__proto__[polluted]': 'yes', 'a[constructor][prototype][polluted]': 'yes', 'b[__proto__]': 'x', ok: '1' });
    assert.deepEqual(parsed, { ok: '1' });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test('names that clash with another are ignored, the first one wins', () => {
    assert.deepEqual(parseFormBody({ a: '1', 'a[b]': '2', 'c[0]': 'x', 'c[d]': 'y' }), { a: '1', c: ['x'] });
  });

  test('malformed bracket names are ignored', () => {
    assert.deepEqual(parseFormBody({ 'a]b': '1', 'a[b': '2', '[a]': '3', ok: '4' }), { ok: '4' });
  });
});

describe('form actions', () => {
  test('button values become actions, and anything else means continue', () => {
    assert.deepEqual(parseFormAction('add:members'), { kind: 'add', group: 'members' });
    assert.deepEqual(parseFormAction('remove:members:1'), { kind: 'remove', group: 'members', index: 1 });
    assert.deepEqual(parseFormAction('refresh'), { kind: 'refresh' });
    for (const v of [undefined, 'continue', 'add:', 'remove:members:x', ['add:members'], 'add:Members']) assert.deepEqual(parseFormAction(v), { kind: 'continue' });
  });

  test('adding appends an empty item after a filled one', () => {
    assert.deepEqual(applyFormAction(formOf(MEMBERS), { members: [MEMBER] }, { kind: 'add', group: 'members' }), { members: [MEMBER, {}] });
  });

  test('adding does nothing while the last item is still blank or the group is full', () => {
    const blank = { fullName: '' };
    assert.deepEqual(applyFormAction(formOf(MEMBERS), { members: [MEMBER, blank] }, { kind: 'add', group: 'members' }), { members: [MEMBER, blank] });
    assert.deepEqual(applyFormAction(formOf(MEMBERS), { members: [MEMBER, MEMBER] }, { kind: 'add', group: 'members' }), { members: [MEMBER, MEMBER] });
  });

  test('removing takes out the item at that index and keeps the other answers', () => {
    const other = { ...MEMBER, fullName: 'Nguyễn Minh Châu' };
    assert.deepEqual(applyFormAction(formOf(NAME, MEMBERS), { fullName: 'An', members: [MEMBER, other] }, { kind: 'remove', group: 'members', index: 0 }), {
      fullName: 'An',
      members: [other],
    });
  });

  test('actions on a group the form does not have change nothing', () => {
    assert.deepEqual(applyFormAction(formOf(MEMBERS), { members: [MEMBER] }, { kind: 'remove', group: 'children', index: 0 }), { members: [MEMBER] });
  });
});

describe('prefill', () => {
  const PROFILE = {
    fullName: 'Nguyễn Văn An',
    phone: '0983111222',
    email: 'an@vidu.vn',
    idNumber: '001088012345',
    birthDate: '1988-08-14',
    address: { provinceCode: '20', communeCode: '06110', detail: 'Số 12 đường Trần Đăng Ninh' },
  };

  test('fields marked prefill take the profile values; the rest take their defaults', () => {
    assert.deepEqual(prefill(thuongTru, PROFILE), {
      fullName: 'Nguyễn Văn An',
      birthDate: '1988-08-14',
      idNumber: '001088012345',
      phone: '0983111222',
      email: 'an@vidu.vn',
    });
    const ks = prefill(khaiSinh, PROFILE);
    assert.deepEqual(ks.requesterAddress, PROFILE.address);
    assert.equal(ks.childNationality, 'Việt Nam');
    assert.equal(ks.banSao, false);
  });

  test('a profile without a value leaves the field empty', () => {
    assert.deepEqual(prefill(thuongTru, { fullName: 'An' }), { fullName: 'An' });
  });

  test('prefilled answers pass the validator as they are (ISO birth date included)', () => {
    const r = validateAnswers(formOf(...ALL_KINDS.fields.filter((f) => f.prefill)), prefill(ALL_KINDS, PROFILE), CTX);
    assert.deepEqual(r.errors, []);
    assert.equal(r.value?.birthDate, '1988-08-14');
  });
});

// ---------------------------------------------------------------------------------------
// definitions
// ---------------------------------------------------------------------------------------

describe('checkDefinition', () => {
  const ok = formOf(NAME, GENDER);

  test('the demo definitions have no problem', () => {
    assert.equal(demoForms.length, 2);
    for (const def of demoForms) assert.deepEqual(checkDefinition(def), [], def.procedureCode);
    assert.deepEqual(checkDefinition(ALL_KINDS), []);
  });

  test('the demo forms are those of procedures 1.001193 and 1.004222', () => {
    assert.deepEqual(
      demoForms.map((d) => d.procedureCode),
      ['1.001193', '1.004222'],
    );
  });

  test('the form itself needs a procedure code, a version from 1, a title and fields', () => {
    assert.deepEqual(definitionErrors({ procedureCode: '1001193', version: 0, title: ' ', fields: [] }), {
      procedureCode: 'Mã thủ tục phải có dạng d.dddddd, ví dụ 1.001193',
      version: 'Phiên bản phải là số nguyên từ 1 trở lên',
      title: 'Nhập tên biểu mẫu',
      fields: 'Biểu mẫu phải có ít nhất một trường',
    });
    assert.deepEqual(checkDefinition('{}'), [{ field: '', message: 'Định nghĩa biểu mẫu phải là một đối tượng JSON' }]);
  });

  test('field names must be stable keys and unique', () => {
    assert.deepEqual(definitionErrors({ ...ok, fields: [{ ...NAME, name: 'Họ tên' }, NAME, { ...GENDER, name: 'fullName' }] }), {
      'fields[0].name': 'Tên trường bắt đầu bằng chữ thường không dấu, chỉ gồm chữ không dấu, chữ số và dấu gạch dưới',
      'fields[2].name': 'Tên trường “fullName” bị trùng với trường thứ 2',
    });
  });

  test('a field needs a label and a known kind', () => {
    assert.deepEqual(definitionErrors({ ...ok, fields: [{ ...NAME, label: '' }, { name: 'x', label: 'X', kind: 'signature' }] }), {
      'fields[0].label': 'Nhập nhãn của trường',
      'fields[1].kind': 'Loại trường “signature” không được hỗ trợ',
    });
  });

  test('a property that does not belong to the kind is reported (catches typos)', () => {
    assert.deepEqual(definitionErrors({ ...ok, fields: [{ ...NAME, maxlength: 10 }, { ...GENDER, maxLength: 3 }] }), {
      'fields[0].maxlength': 'Thuộc tính “maxlength” không dùng được cho trường loại “Văn bản ngắn”',
      'fields[1].maxLength': 'Thuộc tính “maxLength” không dùng được cho trường loại “Chọn một”',
    });
  });

  test('showIf must point at an earlier field of the same scope', () => {
    const later = { ...NAME, showIf: { field: 'gender', equals: 'nam' } };
    assert.deepEqual(definitionErrors({ ...ok, fields: [later, GENDER] }), {
      'fields[0].showIf.field': 'Điều kiện hiển thị phải dựa vào một trường đứng trước; “gender” đứng sau',
    });
    assert.deepEqual(definitionErrors({ ...ok, fields: [{ ...NAME, showIf: { field: 'nothing', equals: 'x' } }] }), {
      'fields[0].showIf.field': 'Không có trường “nothing” (trong cùng biểu mẫu hoặc cùng nhóm) để làm điều kiện hiển thị',
    });
    assert.deepEqual(definitionErrors({ ...ok, fields: [{ ...GENDER, showIf: { field: 'gender', equals: 'nam' } }] }), {
      'fields[0].showIf.field': 'Điều kiện hiển thị không được dựa vào chính trường này',
    });
  });

  test('a field inside a group cannot depend on a field outside it', () => {
    const group = { ...MEMBERS, fields: [{ ...NAME, showIf: { field: 'gender', equals: 'nam' } }] };
    assert.deepEqual(definitionErrors({ ...ok, fields: [GENDER, group] }), {
      'fields[1].fields[0].showIf.field': 'Không có trường “gender” (trong cùng biểu mẫu hoặc cùng nhóm) để làm điều kiện hiển thị',
    });
  });

  test('showIf values must fit the field they depend on', () => {
    const yes = { kind: 'yesNo', name: 'q', label: 'Q?' };
    assert.deepEqual(
      definitionErrors({
        ...ok,
        fields: [
          NAME,
          GENDER,
          yes,
          { ...NAME, name: 'a', showIf: { field: 'fullName', equals: 'An' } },
          { ...NAME, name: 'b', showIf: { field: 'gender', equals: 'khac' } },
          { ...NAME, name: 'c', showIf: { field: 'q', equals: 'true' } },
          { ...NAME, name: 'd', showIf: { field: 'gender', equals: 'nam', in: ['nu'] } },
          { ...NAME, name: 'e', showIf: { field: 'gender', in: [] } },
        ],
      }),
      {
        'fields[3].showIf.field': 'Điều kiện hiển thị chỉ dựa được vào trường chọn một, chọn nhiều hoặc có/không',
        'fields[4].showIf.equals': 'Giá trị “khac” không phải là lựa chọn của trường “gender”',
        'fields[5].showIf': 'Với câu hỏi có/không, điều kiện phải là equals: true hoặc equals: false',
        'fields[6].showIf': 'Điều kiện hiển thị phải có đúng một trong hai: “equals” hoặc “in”',
        'fields[7].showIf.in': 'Danh sách giá trị của điều kiện không được để trống',
      },
    );
  });

  test('choices need options with unique values and labels', () => {
    assert.deepEqual(
      definitionErrors({
        ...ok,
        fields: [
          { ...GENDER, options: [] },
          { ...GENDER, name: 'g2', options: [{ value: 'nam', label: 'Nam' }] },
          {
            ...DOCS,
            options: [
              { value: 'a', label: 'A' },
              { value: 'a', label: 'B' },
              { value: 'c d', label: '' },
            ],
          },
        ],
      }),
      {
        'fields[0].options': 'Phải có ít nhất 2 lựa chọn',
        'fields[1].options': 'Phải có ít nhất 2 lựa chọn',
        'fields[2].options[1].value': 'Giá trị lựa chọn “a” bị trùng',
        'fields[2].options[2].value': 'Giá trị lựa chọn chỉ gồm chữ không dấu, chữ số, dấu gạch dưới hoặc gạch ngang',
        'fields[2].options[2].label': 'Nhập nhãn của lựa chọn',
      },
    );
  });

  test('groups do not nest, need fields and an item label, and keep min ≤ max ≤ 100', () => {
    assert.deepEqual(
      definitionErrors({
        ...ok,
        fields: [
          { ...MEMBERS, fields: [NAME, { ...MEMBERS, name: 'inner' }] },
          { ...MEMBERS, name: 'g2', itemLabel: '', fields: [] },
          { ...MEMBERS, name: 'g3', minItems: 3, maxItems: 2 },
          { ...MEMBERS, name: 'g4', maxItems: 101 },
        ],
      }),
      {
        'fields[0].fields[1].kind': 'Nhóm lặp lại không được nằm trong một nhóm lặp lại khác',
        'fields[1].itemLabel': 'Nhập tên gọi một mục của nhóm, ví dụ “thành viên”',
        'fields[1].fields': 'Nhóm lặp lại phải có ít nhất một trường',
        'fields[2].minItems': 'Giá trị “minItems” không được lớn hơn “maxItems”',
        'fields[3].maxItems': 'Giá trị “maxItems” phải là số nguyên từ 0 đến 100',
      },
    );
  });

  test('length, number and date bounds must be sensible', () => {
    assert.deepEqual(
      definitionErrors({
        ...ok,
        fields: [
          { ...NAME, minLength: 10, maxLength: 5 },
          { kind: 'money', name: 'fee', label: 'Lệ phí', min: -1, max: 1.5 },
          { kind: 'date', name: 'd', label: 'Ngày', minDate: '2025-12-31', maxDate: '2025-01-01' },
          { kind: 'date', name: 'e', label: 'Ngày', maxDate: '31/12/2025' },
        ],
      }),
      {
        'fields[0].minLength': 'Giá trị “minLength” không được lớn hơn “maxLength”',
        'fields[1].min': 'Giá trị “min” phải là số nguyên từ 0 trở lên',
        'fields[1].max': 'Giá trị “max” phải là số nguyên từ 0 trở lên',
        'fields[2].minDate': 'Ngày sớm nhất không được sau ngày muộn nhất',
        'fields[3].maxDate': 'Giới hạn ngày phải là “today” hoặc một ngày có thật dạng YYYY-MM-DD',
      },
    );
  });

  test('a pattern must compile and come with its message', () => {
    assert.deepEqual(definitionErrors({ ...ok, fields: [{ ...NAME, pattern: '([a-z' }] }), {
      'fields[0].pattern': 'Mẫu kiểm tra không phải là biểu thức chính quy hợp lệ',
      'fields[0].patternMessage': 'Nhập thông báo lỗi khi câu trả lời không khớp mẫu kiểm tra',
    });
  });

  test('prefill must name profile data that fits the kind, outside groups', () => {
    assert.deepEqual(
      definitionErrors({
        ...ok,
        fields: [
          { ...NAME, prefill: 'birthDate' },
          { ...GENDER, prefill: 'gender' },
          { ...MEMBERS, fields: [{ ...NAME, prefill: 'fullName' }] },
        ],
      }),
      {
        'fields[0].prefill': 'Thông tin “birthDate” chỉ tự điền được vào trường loại “Ngày”',
        'fields[1].prefill': 'Không có thông tin “gender” trong hồ sơ công dân để tự điền',
        'fields[2].fields[0].prefill': 'Trường trong nhóm lặp lại không tự điền được',
      },
    );
  });

  test('a default must be one of the options, and sections start at the top level only', () => {
    assert.deepEqual(definitionErrors({ ...ok, fields: [{ ...GENDER, defaultValue: 'khac' }, { ...MEMBERS, fields: [{ ...NAME, section: 'Mục' }] }] }), {
      'fields[0].defaultValue': 'Giá trị mặc định phải là một trong các lựa chọn',
      'fields[1].fields[0].section': 'Trường trong nhóm lặp lại không bắt đầu mục mới được',
    });
  });
});

// ---------------------------------------------------------------------------------------
// the demo forms filled in
// ---------------------------------------------------------------------------------------

describe('demo forms', () => {
  test('a realistic Tờ khai đăng ký khai sinh passes with typed values', () => {
    const r = validateAnswers(khaiSinh, parseFormBody(KHAI_SINH_POST), CTX);
    assert.deepEqual(r.errors, []);
    assert.equal(r.value?.requesterPhone, '0912345678');
    assert.equal(r.value?.childBirthDate, '2026-03-02');
    assert.equal(r.value?.motherBirthYear, 1995);
    assert.equal(r.value?.coCha, true);
    assert.equal(r.value?.soBanSao, 2);
    assert.equal(r.value?.fatherName, 'Hoàng Văn Dũng');
    assert.equal('requesterEmail' in (r.value ?? {}), false);
    assert.equal('_csrf' in (r.value ?? {}), false);
  });

  test('a birth registration without a father needs no father fields and keeps none', () => {
    const post = { ...KHAI_SINH_POST, coCha: 'false', fatherName: '', fatherBirthYear: '', 'fatherAddress[provinceCode]': '' };
    const r = validateAnswers(khaiSinh, parseFormBody(post), CTX);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      Object.keys(r.value ?? {}).filter((k) => k.startsWith('father')),
      [],
    );
  });

  test('a birth registration with a father but no father details names each missing field', () => {
    const post = { ...KHAI_SINH_POST, fatherName: '', fatherBirthYear: '', fatherEthnicity: '', 'fatherAddress[provinceCode]': '', 'fatherAddress[communeCode]': '', 'fatherAddress[detail]': '' };
    assert.deepEqual(errorMap(khaiSinh, parseFormBody(post)), {
      fatherName: 'Nhập họ, chữ đệm, tên người cha',
      fatherBirthYear: 'Nhập năm sinh của người cha',
      fatherEthnicity: 'Nhập dân tộc của người cha',
      'fatherAddress.provinceCode': 'Nhập nơi cư trú của người cha',
    });
  });

  test('a child born tomorrow is refused', () => {
    assert.deepEqual(errorMap(khaiSinh, parseFormBody({ ...KHAI_SINH_POST, childBirthDate: '16/03/2026' })), { childBirthDate: 'Ngày sinh không được sau ngày hôm nay' });
  });

  test('a realistic CT01 with two members and the spare empty item passes', () => {
    const r = validateAnswers(thuongTru, parseFormBody(THUONG_TRU_POST), CTX);
    assert.deepEqual(r.errors, []);
    assert.equal(r.value?.phone, '0983111222');
    assert.equal(r.value?.email, 'an.nguyen@example.vn');
    assert.equal(r.value?.request, 'Đề nghị đăng ký thường trú cho tôi, vợ và con về ở cùng bố tôi.\nXin cảm ơn.');
    assert.deepEqual(r.value?.members, [
      { fullName: 'Trần Thị Mai', birthDate: '1990-11-05', gender: 'nu', idNumber: '001190054321', relationToHead: 'khac', relationDetail: 'Con dâu' },
      { fullName: 'Nguyễn Minh Châu', birthDate: '2018-01-20', gender: 'nu', idNumber: '001318009876', relationToHead: 'chau' },
    ]);
  });

  test('the household head is asked only when the declarant is not the head', () => {
    const post = { ...THUONG_TRU_POST, laChuHo: 'true', headName: '', headIdNumber: '', relationToHead: '' };
    const r = validateAnswers(thuongTru, parseFormBody(post), CTX);
    assert.deepEqual(r.errors, []);
    assert.equal('headName' in (r.value ?? {}), false);
    assert.deepEqual(errorMap(thuongTru, parseFormBody({ ...post, laChuHo: 'false' })), {
      headName: 'Nhập họ, chữ đệm và tên chủ hộ',
      headIdNumber: 'Nhập số định danh cá nhân của chủ hộ',
      relationToHead: 'Chọn quan hệ với chủ hộ',
    });
  });

  test('a member with a bad personal ID is named by its index', () => {
    const post = { ...THUONG_TRU_POST, 'members[1][idNumber]': '00131800987' };
    assert.deepEqual(errorMap(thuongTru, parseFormBody(post)), { 'members[1].idNumber': 'Số định danh cá nhân phải gồm đúng 12 chữ số (thành viên 2)' });
  });
});

// ---------------------------------------------------------------------------------------
// JSON Schema
// ---------------------------------------------------------------------------------------

describe('toJsonSchema', () => {
  const compiled = new Map(demoForms.concat(ALL_KINDS).map((d) => [d, Compile(toJsonSchema(d) as never)]));
  const schemaOf = (d: FormDefinition) => compiled.get(d) as ReturnType<typeof Compile>;

  test('the schema of each demo form compiles with TypeBox and accepts the cleaned realistic answers', () => {
    for (const [def, post] of [
      [khaiSinh, KHAI_SINH_POST],
      [thuongTru, THUONG_TRU_POST],
    ] as const) {
      const value = validateAnswers(def, parseFormBody(post), CTX).value;
      assert.ok(value);
      assert.equal(schemaOf(def).Check(value), true, JSON.stringify([...schemaOf(def).Errors(value)]));
    }
  });

  test('the schema refuses a missing required answer, an extra property and a wrong type', () => {
    const value = validateAnswers(thuongTru, parseFormBody(THUONG_TRU_POST), CTX).value as Record<string, unknown>;
    const { fullName: _dropped, ...missing } = value;
    assert.equal(schemaOf(thuongTru).Check(missing), false);
    assert.equal(schemaOf(thuongTru).Check({ ...value, extra: 1 }), false);
    assert.equal(schemaOf(thuongTru).Check({ ...value, phone: '+84983111222' }), false);
  });

  test('the schema requires a shown conditional field and refuses a hidden one', () => {
    const value = validateAnswers(khaiSinh, parseFormBody(KHAI_SINH_POST), CTX).value as Record<string, unknown>;
    const { fatherName: _dropped, ...noFatherName } = value;
    assert.equal(schemaOf(khaiSinh).Check(noFatherName), false);
    assert.equal(schemaOf(khaiSinh).Check({ ...value, coCha: false }), false);
  });

  test('fields carry their Vietnamese label as title, and the form its procedure and version', () => {
    const schema = toJsonSchema(khaiSinh) as { description: string; properties: Record<string, { title: string }> };
    assert.equal(schema.properties.childBirthDate?.title, 'Ngày sinh');
    assert.equal(schema.description, 'Dữ liệu tờ khai của thủ tục 1.001193, phiên bản 1');
  });

  // Answers as a person might send them, in every shape the validator takes (form strings and
  // JSON values): mostly within the field's rules, now and then anything at all.
  const letters = [...'aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạỳ ', 'e\u0301', 'NGUYỄN'];
  const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
  const noise = fc.oneof(fc.constant(''), fc.constant(undefined), fc.string({ maxLength: 8 }), fc.integer(), fc.boolean());

  function arbValid(f: FieldDef): fc.Arbitrary<unknown> {
    switch (f.kind) {
      case 'text':
      case 'longText': {
        const max = Math.min(f.maxLength ?? 40, 40);
        const words = fc.string({ unit: fc.constantFrom(...letters), minLength: 1, maxLength: max });
        return fc.oneof(fc.constantFrom('Nguyễn Văn An', '  Trần   Thị Bình ', "H'Hen Niê"), f.kind === 'longText' ? words.map((w) => `${w}\r\n${w}`) : words);
      }
      case 'number': {
        const n = fc.integer({ min: f.min ?? -1000, max: f.max ?? 3000 });
        return fc.oneof(n, n.map(String), ...(f.decimal ? [n.map((x) => `${x},25`)] : []));
      }
      case 'money': {
        const n = fc.integer({ min: f.min ?? 0, max: f.max ?? Number.MAX_SAFE_INTEGER });
        return fc.oneof(n, n.map((x) => x.toLocaleString('vi-VN')), n.map((x) => `${x} đ`));
      }
      case 'date':
        return fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date(`${f.maxDate === 'today' ? TODAY : '2030-12-31'}T00:00:00Z`), noInvalidDate: true }).chain((d) => {
          const iso = d.toISOString().slice(0, 10);
          const [y, m, day] = iso.split('-');
          return fc.constantFrom(iso, `${day}/${m}/${y}`, `${Number(day)}/${Number(m)}/${y}`, `${day}${m}${y}`);
        });
      case 'choice':
        return fc.constantFrom(...f.options.map((o) => o.value));
      case 'multiChoice': {
        const values = f.options.map((o) => o.value);
        return fc.oneof(fc.subarray(values, { minLength: 1 }), fc.constantFrom(...values));
      }
      case 'yesNo':
        return fc.constantFrom('true', 'false', true, false);
      case 'phone':
        return fc.tuple(fc.constantFrom('0', '+84 ', '84'), digits(9)).map(([p, d]) => `${p}${d.slice(0, 3)} ${d.slice(3)}`);
      case 'email':
        return fc.oneof(fc.emailAddress(), fc.constantFrom('An.Nguyen@Example.VN', ' ten@vidu.vn '));
      case 'cccd':
        return fc.oneof(digits(12), digits(12).map((d) => `${d.slice(0, 4)} ${d.slice(4)}`));
      case 'taxCode':
        return fc.oneof(digits(10), fc.tuple(digits(10), digits(3)).map(([a, b]) => `${a}-${b}`));
      case 'address':
        return fc.record({
          provinceCode: fc.constant('20'),
          communeCode: fc.constantFrom('06100', '06110'),
          detail: fc.constantFrom('Thôn Bản Chắt', ' Số 1  phố Huế '),
        });
      case 'group':
        return fc.array(arbItem(f.fields), { minLength: minItemsOf(f), maxLength: Math.min(maxItemsOf(f), 4) });
    }
  }

  function arbAnswer(f: FieldDef): fc.Arbitrary<unknown> {
    return fc.oneof({ arbitrary: arbValid(f), weight: 30 }, { arbitrary: noise, weight: 1 });
  }

  function arbItem(fields: FieldDef[]): fc.Arbitrary<Record<string, unknown>> {
    return fc.record(Object.fromEntries(fields.map((f) => [f.name, arbAnswer(f)])));
  }

  for (const def of [ALL_KINDS, khaiSinh, thuongTru]) {
    test(`every answer the validator accepts for ${def.procedureCode} passes the JSON Schema, and validates again to itself`, () => {
      const schema = schemaOf(def);
      let accepted = 0;
      fc.assert(
        fc.property(arbItem(def.fields), (raw) => {
          const r = validateAnswers(def, raw, CTX);
          if (!r.value) return;
          accepted++;
          assert.equal(schema.Check(r.value), true, JSON.stringify([...schema.Errors(r.value)]));
          assert.deepEqual(validateAnswers(def, r.value, CTX), { errors: [], value: r.value });
        }),
        { numRuns: 400, seed: 20260315 },
      );
      // the property means nothing unless plenty of answers got through
      assert.ok(accepted >= 20, `only ${accepted} answers were accepted`);
    });
  }
});

describe('shared with the browser', () => {
  test('model.ts imports nothing that does I/O or needs Node', () => {
    const source = readFileSync(new URL('./model.ts', import.meta.url), 'utf8');
    const imports = [...source.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    assert.deepEqual(imports, ['../../platform/errors', '../../platform/format', '../accounts/model']);
    for (const path of ['../../platform/format.ts', '../accounts/model.ts']) {
      const dep = readFileSync(new URL(path, import.meta.url), 'utf8');
      assert.deepEqual(
        [...dep.matchAll(/^import (?!type ).* from '([^']+)';$/gm)].map((m) => m[1]),
        [],
        path,
      );
    }
  });
});
