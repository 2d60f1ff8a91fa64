import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fieldId } from '../../web/components';
import { khaiSinh } from './definitions/khai-sinh';
import { thuongTru } from './definitions/thuong-tru';
import { ADDRESS, ALL_KINDS, CTX, KHAI_SINH_POST, THUONG_TRU_POST, TODAY } from './fixtures.test-helper';
import { type FieldDef, type FormDefinition, parseFormBody, validateAnswers } from './model';
import { AnswersSummary, FormFields } from './render';

// ---------------------------------------------------------------------------------------
// helpers: the markup is small and regular enough to read with regular expressions
// ---------------------------------------------------------------------------------------

interface Tag {
  name: string;
  attrs: Record<string, string>;
}

function tags(html: string): Tag[] {
  return [...html.matchAll(/<([a-z0-9]+)((?:\s+[a-z-]+(?:="[^"]*")?)*)\s*\/?>/g)].map((m) => ({
    name: m[1] ?? '',
    attrs: Object.fromEntries([...(m[2] ?? '').matchAll(/([a-z-]+)(?:="([^"]*)")?/g)].map((a) => [a[1], a[2] ?? ''])),
  }));
}

function byId(html: string, id: string): Tag | undefined {
  return tags(html).find((t) => t.attrs.id === id);
}

/** The text inside the element with this id (no nesting of the same tag assumed). */
function textOf(html: string, id: string): string | undefined {
  const m = new RegExp(`<([a-z0-9]+)[^>]* id="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  return m?.[2]?.replace(/<[^>]+>/g, '');
}

/**
 * Escaped means: no `"` got into an attribute value unescaped (nothing broke out of one), and
 * outside attribute values there is no tag but ours. kitajs escapes `"` and `&` in attributes
 * and `<` in text, so `<script>` may stay literal inside a quoted value, where it is inert.
 */
function assertEscaped(html: string): void {
  assert.doesNotMatch(html, /"><script/);
  const outsideAttributes = html.replace(/="[^"]*"/g, '=""');
  assert.doesNotMatch(outsideAttributes, /<script|<\/textarea>&/i);
  assert.match(outsideAttributes, /&lt;script>/);
}

async function form(def: FormDefinition, values: unknown = {}, errors = validateAnswers(def, values, CTX).errors.slice(0, 0)) {
  return FormFields({ def, values, errors, address: ADDRESS, today: TODAY });
}

function formOf(...fields: FieldDef[]): FormDefinition {
  return { procedureCode: '9.000001', version: 1, title: 'Thử', fields };
}

// ---------------------------------------------------------------------------------------
// FormFields
// ---------------------------------------------------------------------------------------

describe('FormFields', () => {
  test('every label is tied to an input, select or text area with that id', async () => {
    for (const [def, post] of [
      [ALL_KINDS, { 'members[0][fullName]': 'An' }],
      [khaiSinh, KHAI_SINH_POST],
      [thuongTru, THUONG_TRU_POST],
    ] as const) {
      const html = await form(def, parseFormBody(post));
      const labels = tags(html).filter((t) => t.name === 'label');
      assert.ok(labels.length > 10);
      for (const label of labels) {
        const control = byId(html, label.attrs.for ?? '');
        assert.ok(control && ['input', 'select', 'textarea'].includes(control.name), `label for="${label.attrs.for}" has no control`);
      }
    }
  });

  test('ids are unique on the page, group items included', async () => {
    const html = await form(thuongTru, parseFormBody(THUONG_TRU_POST));
    const ids = tags(html)
      .map((t) => t.attrs.id)
      .filter(Boolean);
    assert.deepEqual(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      [],
    );
  });

  test('every error of an empty submission has an element with its id, for the error summary links', async () => {
    for (const def of [ALL_KINDS, khaiSinh, thuongTru]) {
      const values = parseFormBody({ coCha: 'true', laChuHo: 'false', 'members[0][relation]': 'khac', 'members[0][fullName]': '' });
      const { errors } = validateAnswers(def, values, CTX);
      assert.ok(errors.length > 3);
      const html = await FormFields({ def, values, errors, address: ADDRESS, today: TODAY });
      for (const e of errors) assert.ok(byId(html, fieldId(e.field)), `${def.procedureCode}: nothing has the id of ${e.field}`);
    }
  });

  test('an error is shown above its control, which points to it with aria-describedby', async () => {
    const errors = validateAnswers(khaiSinh, parseFormBody({ ...KHAI_SINH_POST, childBirthDate: '31/02/2026' }), CTX).errors;
    const html = await form(khaiSinh, parseFormBody({ ...KHAI_SINH_POST, childBirthDate: '31/02/2026' }), errors);
    const input = byId(html, 'f-childBirthDate');
    assert.equal(input?.attrs.class, 'govuk-input govuk-input--width-10 govuk-input--error');
    assert.equal(input?.attrs['aria-describedby'], 'f-childBirthDate-hint f-childBirthDate-error');
    assert.equal(textOf(html, 'f-childBirthDate-error'), 'Lỗi: Ngày sinh phải là một ngày có thật');
    assert.match(html, /<div class="govuk-form-group govuk-form-group--error"><label class="govuk-label" for="f-childBirthDate">/);
  });

  test('an error on radios is described on the fieldset and its link lands on the first radio', async () => {
    const errors = [{ field: 'childGender', message: 'Chọn giới tính' }];
    const html = await form(khaiSinh, {}, errors);
    assert.match(html, /<fieldset class="govuk-fieldset" aria-describedby="f-childGender-error"><legend/);
    assert.equal(byId(html, 'f-childGender')?.attrs.type, 'radio');
    assert.equal(byId(html, 'f-childGender')?.attrs.value, 'nam');
    assert.equal(byId(html, 'f-childGender-2')?.attrs.value, 'nu');
  });

  test('an error on one part of an address is shown at that part', async () => {
    const values = { requesterAddress: { provinceCode: '20', communeCode: '', detail: '' } };
    const errors = validateAnswers(khaiSinh, values, CTX).errors.filter((e) => e.field.startsWith('requesterAddress'));
    const html = await form(khaiSinh, values, errors);
    assert.equal(textOf(html, 'f-requesterAddress-communeCode-error'), 'Lỗi: Nơi cư trú của người yêu cầu: chọn xã, phường');
    assert.equal(byId(html, 'f-requesterAddress-communeCode')?.attrs['aria-describedby'], 'f-requesterAddress-communeCode-error');
    assert.equal(byId(html, 'f-requesterAddress-provinceCode-error'), undefined);
  });

  test('hostile text in labels, hints, options, sections, item labels and answers is escaped', async () => {
    const evil = '"><script>alert(1)</script>';
    const def = formOf(
      { kind: 'text', name: 'a', label: evil, hint: evil, section: evil },
      { kind: 'choice', name: 'b', label: evil, options: [{ value: 'x', label: evil }, { value: 'y', label: 'Y' }], display: 'select' },
      { kind: 'multiChoice', name: 'c', label: evil, options: [{ value: 'x', label: evil }] },
      { kind: 'longText', name: 'd', label: 'D' },
      { kind: 'text', name: 'e', label: 'E', showIf: { field: 'b', equals: 'x' } },
      { kind: 'group', name: 'g', label: evil, itemLabel: evil, fields: [{ kind: 'text', name: 'n', label: evil }] },
      { kind: 'address', name: 'h', label: evil },
    );
    const values = { a: evil, d: `</textarea>${evil}`, g: [{ n: evil }], h: { provinceCode: '20', communeCode: evil, detail: evil } };
    const errors = [{ field: 'a', message: evil }];
    const html = await FormFields({ def, values, errors, address: ADDRESS, today: TODAY });
    assertEscaped(html);
    assert.equal(byId(html, 'f-a')?.attrs.value, '&#34;><script>alert(1)</script>');
    assert.match(html, /rows="5">&lt;\/textarea>&#34;>&lt;script>alert\(1\)&lt;\/script><\/textarea>/);
  });

  test('each kind gets the input type, inputmode and width a phone keyboard needs', async () => {
    const html = await form(ALL_KINDS);
    const at = (id: string) => byId(html, id)?.attrs ?? {};
    assert.equal(at('f-phone').type, 'tel');
    assert.equal(at('f-email').type, 'email');
    assert.equal(at('f-email').spellcheck, 'false');
    assert.equal(at('f-idNumber').inputmode, 'numeric');
    assert.equal(at('f-children').inputmode, 'numeric');
    assert.equal(at('f-area').inputmode, 'decimal');
    assert.equal(at('f-income').inputmode, 'numeric');
    assert.equal(at('f-birthDate').inputmode, 'numeric');
    assert.equal(at('f-birthDate').class, 'govuk-input govuk-input--width-10');
    assert.equal(at('f-note').rows, '5');
    assert.equal(byId(html, 'f-province')?.name, 'select');
    assert.equal(at('f-docs').type, 'checkbox');
    assert.equal(at('f-married').type, 'radio');
    assert.match(html, /<div class="govuk-input__suffix" aria-hidden="true">đồng<\/div>/);
  });

  test('fields filled from the profile carry autocomplete hints', async () => {
    const html = await form(ALL_KINDS);
    const auto = (id: string) => byId(html, id)?.attrs.autocomplete;
    assert.deepEqual([auto('f-fullName'), auto('f-phone'), auto('f-email'), auto('f-birthDate'), auto('f-home-provinceCode')], ['name', 'tel', 'email', 'bday', 'address-level1']);
    assert.equal(auto('f-members-0-fullName'), undefined);
  });

  test('a prefilled box still holding the value verified by the national electronic identity is marked as verified', async () => {
    const verified = { fullName: 'Hoàng Thị Mai', phone: '0987654321', birthDate: '1995-03-02' };
    const html = await FormFields({ def: ALL_KINDS, values: { fullName: 'Hoàng Thị Mai', phone: '0912000111', birthDate: '1995-03-02' }, errors: [], address: ADDRESS, today: TODAY, verified });
    assert.equal(textOf(html, 'f-fullName-verified'), 'Đã xác thực qua tài khoản định danh điện tử');
    assert.match(byId(html, 'f-fullName')?.attrs['aria-describedby'] ?? '', /\bf-fullName-verified\b/);
    assert.equal(textOf(html, 'f-birthDate-verified'), 'Đã xác thực qua tài khoản định danh điện tử', 'the date shown dd/MM/yyyy is the verified one');
    // changed by the applicant: no longer what was verified
    assert.equal(byId(html, 'f-phone-verified'), undefined);
    // nothing verified: no mark
    assert.doesNotMatch(await form(ALL_KINDS, { fullName: 'Hoàng Thị Mai' }), /Đã xác thực/);
  });

  test('a date is one dd/MM/yyyy box with an example, and a stored YYYY-MM-DD date is shown dd/MM/yyyy', async () => {
    const html = await form(ALL_KINDS, { birthDate: '1988-08-14', members: [{ birthDate: '5/11/1990' }] });
    assert.equal(byId(html, 'f-birthDate')?.attrs.value, '14/08/1988');
    assert.equal(textOf(html, 'f-birthDate-hint'), 'Ví dụ: 27/03/2019');
    assert.equal(byId(html, 'f-members-0-birthDate')?.attrs.value, '5/11/1990');
  });

  test('money is shown with dots between thousands, decimals with a comma, typed text as typed', async () => {
    const html = await form(ALL_KINDS, { income: 1250000, area: 12.5, children: '1.0' });
    assert.equal(byId(html, 'f-income')?.attrs.value, '1.250.000');
    assert.equal(byId(html, 'f-area')?.attrs.value, '12,5');
    assert.equal(byId(html, 'f-children')?.attrs.value, '1.0');
  });

  test('chosen radios, options, check boxes and yes/no are marked from raw or cleaned answers', async () => {
    const html = await form(ALL_KINDS, { gender: 'nu', province: 'hn', docs: ['gcs', 'uq'], married: false });
    assert.equal(byId(html, 'f-gender-2')?.attrs.checked, '');
    assert.equal(byId(html, 'f-gender')?.attrs.checked, undefined);
    assert.match(html, /<option value="hn" selected>Hà Nội<\/option>/);
    assert.deepEqual(
      ['f-docs', 'f-docs-2', 'f-docs-3'].map((id) => byId(html, id)?.attrs.checked),
      ['', undefined, ''],
    );
    assert.equal(byId(html, 'f-married-2')?.attrs.checked, '');
    const single = await form(ALL_KINDS, { docs: 'kh', married: 'true' });
    assert.equal(byId(single, 'f-docs-2')?.attrs.checked, '');
    assert.equal(byId(single, 'f-married')?.attrs.checked, '');
  });

  test('optional fields say so in their label', async () => {
    const html = await form(ALL_KINDS);
    assert.match(html, /<label class="govuk-label" for="f-note">Ghi chú \(không bắt buộc\)<\/label>/);
    assert.match(html, /<label class="govuk-label" for="f-fullName">Họ và tên<\/label>/);
  });

  test('a conditional field is always rendered, marked with data-show-if and a hint saying when to fill it', async () => {
    const html = await form(khaiSinh);
    assert.match(
      html,
      /<div class="govuk-form-group" data-show-if="\{&#34;field&#34;:&#34;coCha&#34;,&#34;values&#34;:\[&#34;true&#34;\]\}"><label class="govuk-label" for="f-fatherName">/,
    );
    assert.equal(textOf(html, 'f-fatherName-cond'), '(chỉ điền nếu “Có khai thông tin người cha không?” là “Có”)');
    assert.equal(byId(html, 'f-fatherName')?.attrs['aria-describedby'], 'f-fatherName-cond');
    assert.equal(textOf(html, 'f-relationshipDetail-cond'), '(chỉ điền nếu “Quan hệ với người được khai sinh” là “Người thân thích khác” hoặc “Cá nhân, tổ chức đang nuôi dưỡng trẻ”)');
  });

  test('a condition inside a group item names the same item’s field', async () => {
    const html = await form(thuongTru, parseFormBody(THUONG_TRU_POST));
    assert.match(html, /data-show-if="\{&#34;field&#34;:&#34;members\[1\]\[relationToHead\]&#34;,&#34;values&#34;:\[&#34;khac&#34;\]\}"><label class="govuk-label" for="f-members-1-relationDetail">/);
  });

  test('a group shows its posted items, one empty item, an add button and a remove button per posted item', async () => {
    const values = { members: [{ fullName: 'Trần Thị Mai' }, { fullName: 'Nguyễn Minh Châu' }] };
    const html = await form(thuongTru, values);
    assert.deepEqual(
      [...html.matchAll(/<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">(Thành viên \d)<\/legend>/g)].map((m) => m[1]),
      ['Thành viên 1', 'Thành viên 2', 'Thành viên 3'],
    );
    assert.equal(byId(html, 'f-members-2-fullName')?.attrs.value, '');
    assert.equal(byId(html, 'f-members-2-fullName')?.attrs.name, 'members[2][fullName]');
    assert.match(html, /<button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" name="_action" value="add:members" formnovalidate>Thêm thành viên<\/button>/);
    assert.deepEqual(
      [...html.matchAll(/value="(remove:members:\d)"/g)].map((m) => m[1]),
      ['remove:members:0', 'remove:members:1'],
    );
    assert.match(html, /Xóa<span class="govuk-visually-hidden"> thành viên 2<\/span>/);
  });

  test('a group whose last posted item is blank gets no second empty item', async () => {
    const html = await form(thuongTru, parseFormBody(THUONG_TRU_POST));
    assert.ok(byId(html, 'f-members-2-fullName'));
    assert.equal(byId(html, 'f-members-3-fullName'), undefined);
  });

  test('a group is padded to its minimum and loses its add button when full', async () => {
    const def = formOf({ kind: 'group', name: 'm', label: 'Người', itemLabel: 'người', minItems: 2, maxItems: 2, fields: [{ kind: 'text', name: 'n', label: 'Tên', required: true }] });
    const empty = await form(def);
    assert.ok(byId(empty, 'f-m-1-n'));
    assert.doesNotMatch(empty, /value="add:m"/);
    assert.doesNotMatch(empty, /remove:m/);
  });

  test('the first submit button is a hidden "continue", so Enter never presses "Xóa"', async () => {
    const html = await form(thuongTru, parseFormBody(THUONG_TRU_POST));
    const first = tags(html).find((t) => t.name === 'button');
    assert.deepEqual(first?.attrs, { type: 'submit', name: '_action', value: 'continue', class: 'govuk-visually-hidden', tabindex: '-1', 'aria-hidden': 'true' });
  });

  test('an address lists the communes of the chosen province, with a button to refresh them without JavaScript', async () => {
    const html = await form(thuongTru, { newAddress: { provinceCode: '20', communeCode: '06110' } });
    assert.match(html, /<option value="20" selected>Tỉnh Lạng Sơn<\/option>/);
    assert.match(html, /<option value="06110" selected>Phường Lương Văn Tri<\/option>/);
    assert.doesNotMatch(html, /Thị trấn Đình Lập/);
    assert.match(html, /<label class="govuk-label" for="f-newAddress-communeCode">Xã, phường, đặc khu<\/label>/);
    assert.match(html, /name="_action" value="refresh" formnovalidate data-refresh-communes>Hiện danh sách xã, phường<\/button>/);
  });

  test('an address without a province asks to choose the province first', async () => {
    const html = await form(thuongTru);
    assert.match(html, /<select class="govuk-select" id="f-newAddress-communeCode" name="newAddress\[communeCode\]"><option value="">Chọn tỉnh, thành phố trước<\/option><\/select>/);
  });

  test('an address dated before 01/07/2025 offers the old communes, thị trấn included', async () => {
    const def = formOf({ kind: 'address', name: 'birthPlace', label: 'Nơi sinh', asOf: '2025-06-30' });
    const html = await form(def, { birthPlace: { provinceCode: '20' } });
    assert.match(html, /for="f-birthPlace-communeCode">Xã, phường, thị trấn<\/label>/);
    assert.match(html, /<option value="06040">Thị trấn Đình Lập<\/option>/);
  });

  test('without a unit lookup an address asks for the codes in text boxes', async () => {
    const html = await FormFields({ def: formOf({ kind: 'address', name: 'h', label: 'Nơi ở' }), values: { h: { provinceCode: '20' } }, errors: [], today: TODAY });
    assert.equal(byId(html, 'f-h-provinceCode')?.attrs.value, '20');
    assert.equal(byId(html, 'f-h-provinceCode')?.name, 'input');
    assert.match(html, /for="f-h-communeCode">Mã xã, phường, đặc khu<\/label>/);
  });

  test('a rendered form posted back unchanged gives the same answers', async () => {
    // What a browser would send: every input's name and value, checked radios and boxes only.
    const values = parseFormBody(THUONG_TRU_POST);
    const html = await form(thuongTru, values);
    const flat: Record<string, string | string[]> = {};
    for (const t of tags(html)) {
      const { name, value, type, checked } = t.attrs;
      if (!name || name === '_action' || t.name !== 'input') continue;
      if ((type === 'radio' || type === 'checkbox') && checked === undefined) continue;
      flat[name] = (value ?? '').replace(/&#34;/g, '"').replace(/&amp;/g, '&');
    }
    for (const m of html.matchAll(/<select[^>]* name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
      flat[m[1] ?? ''] = /<option value="([^"]*)" selected>/.exec(m[2] ?? '')?.[1] ?? '';
    }
    for (const m of html.matchAll(/<textarea[^>]* name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) flat[m[1] ?? ''] = m[2] ?? '';
    assert.deepEqual(validateAnswers(thuongTru, parseFormBody(flat), CTX), validateAnswers(thuongTru, values, CTX));
  });
});

// ---------------------------------------------------------------------------------------
// AnswersSummary
// ---------------------------------------------------------------------------------------

describe('AnswersSummary', () => {
  const ksValue = validateAnswers(khaiSinh, parseFormBody(KHAI_SINH_POST), CTX).value ?? {};
  const ttValue = validateAnswers(thuongTru, parseFormBody(THUONG_TRU_POST), CTX).value ?? {};

  function row(html: string, key: string): string | undefined {
    const m = new RegExp(`<dt class="govuk-summary-list__key">${key.replace(/[?()]/g, '\\$&')}</dt><dd class="govuk-summary-list__value">([\\s\\S]*?)</dd>`).exec(html);
    return m?.[1]?.replace(/<[^>]+>/g, '|').replace(/\|+/g, '|').replace(/^\||\|$/g, '');
  }

  test('answers are shown as people read them: dates dd/MM/yyyy, option labels, Có/Không, unit names', async () => {
    const html = await AnswersSummary({ def: khaiSinh, value: ksValue, address: ADDRESS, today: TODAY });
    assert.equal(row(html, 'Ngày sinh'), '02/03/2026');
    assert.equal(row(html, 'Giới tính'), 'Nam');
    assert.equal(row(html, 'Quan hệ với người được khai sinh'), 'Cha');
    assert.equal(row(html, 'Có khai thông tin người cha không?'), 'Có');
    assert.equal(row(html, 'Nơi cư trú của người yêu cầu'), 'Thôn Bản Chắt, Xã Đình Lập, Tỉnh Lạng Sơn');
    assert.equal(row(html, 'Số bản sao'), '2');
  });

  test('money is shown as 1.250.000 ₫ and several choices as a list', async () => {
    const value = validateAnswers(ALL_KINDS, { fullName: 'An', income: '1.250.000', docs: ['gcs', 'kh'], note: 'Một\nHai' }, CTX).value ?? {};
    const html = await AnswersSummary({ def: ALL_KINDS, value, address: ADDRESS, today: TODAY });
    assert.equal(row(html, 'Thu nhập'), '1.250.000\u00a0₫');
    assert.equal(row(html, 'Giấy tờ kèm theo'), 'Giấy chứng sinh|Giấy chứng nhận kết hôn');
    assert.equal(row(html, 'Ghi chú'), 'Một|Hai');
    assert.equal(row(html, 'Số con'), 'Không khai');
  });

  test('hidden conditional fields are not listed', async () => {
    const value = validateAnswers(khaiSinh, parseFormBody({ ...KHAI_SINH_POST, coCha: 'false', banSao: 'false' }), CTX).value ?? {};
    const html = await AnswersSummary({ def: khaiSinh, value, address: ADDRESS, today: TODAY });
    assert.doesNotMatch(html, /người cha<\/dt>/);
    assert.doesNotMatch(html, /Số bản sao/);
    assert.equal(row(html, 'Có khai thông tin người cha không?'), 'Không');
  });

  test('sections become headings and each group item a summary card', async () => {
    const html = await AnswersSummary({ def: thuongTru, value: ttValue, address: ADDRESS, today: TODAY });
    assert.deepEqual(
      [...html.matchAll(/<h2 class="govuk-heading-m">([^<]+)<\/h2>/g)].map((m) => m[1]),
      ['Người kê khai', 'Chủ hộ', 'Nơi đề nghị đăng ký thường trú', 'Thành viên hộ gia đình'],
    );
    assert.deepEqual(
      [...html.matchAll(/<h4 class="govuk-summary-card__title">([^<]+)<\/h4>/g)].map((m) => m[1]),
      ['Thành viên 1', 'Thành viên 2'],
    );
    assert.match(html, /<dt class="govuk-summary-list__key">Quan hệ với chủ hộ<\/dt><dd class="govuk-summary-list__value"><span>Cháu<\/span><\/dd>/);
  });

  test('each row links back to its field on the form when a change address is given', async () => {
    const html = await AnswersSummary({ def: thuongTru, value: ttValue, address: ADDRESS, today: TODAY, changeHref: '/nop-ho-so/1.004222' });
    assert.match(html, /<a class="govuk-link" href="\/nop-ho-so\/1.004222#f-birthDate">Thay đổi<span class="govuk-visually-hidden"> ngày sinh<\/span><\/a>/);
    assert.match(html, /href="\/nop-ho-so\/1.004222#f-newAddress-provinceCode"/);
    assert.match(html, /href="\/nop-ho-so\/1.004222#f-members-1-idNumber"/);
  });

  test('hostile answers and labels are escaped in the summary', async () => {
    const evil = '"><script>alert(1)</script>';
    const def = formOf({ kind: 'text', name: 'a', label: evil, section: evil }, { kind: 'group', name: 'g', label: evil, itemLabel: evil, fields: [{ kind: 'longText', name: 'n', label: evil }] });
    const html = await AnswersSummary({ def, value: { a: evil, g: [{ n: `${evil}\n${evil}` }] }, today: TODAY, changeHref: '/x"><script>' });
    assertEscaped(html);
  });
});
