import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DossierComponent } from '../catalogue';
import {
  acceptAttribute,
  acceptedKinds,
  checkDraftFiles,
  checkSize,
  checkType,
  contentDisposition,
  DEFAULT_LIMITS,
  describeKinds,
  formatFileSize,
  photosPdfName,
  refusals,
  toSlots,
} from './model';

const component = (over: Partial<DossierComponent> = {}): DossierComponent => ({ code: 'GCS', name: 'Giấy chứng sinh', form: 'ban_chinh', quantity: 1, required: true, ...over });
const PDF = { ext: 'pdf', mime: 'application/pdf' };
const JPG = { ext: 'jpg', mime: 'image/jpeg' };
const DOCX = { ext: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };
const EXE = { ext: 'exe', mime: 'application/x-msdownload' };
const CFB = { ext: 'cfb', mime: 'application/x-cfb' };

describe('what a component accepts', () => {
  test('PDF and photos by default', () => {
    assert.deepEqual(acceptedKinds(component()), ['pdf', 'image']);
    assert.equal(describeKinds(acceptedKinds(component())), 'PDF, JPG hoặc PNG');
  });

  test('Word or Excel too when the blank form is published in that format', () => {
    assert.deepEqual(acceptedKinds(component({ templateFile: 'to-khai.docx' })), ['pdf', 'image', 'word']);
    assert.deepEqual(acceptedKinds(component({ templateFile: 'bang-ke.xlsx' })), ['pdf', 'image', 'excel']);
    assert.equal(describeKinds(['pdf', 'image', 'word']), 'PDF, JPG, PNG hoặc Word (DOCX)');
  });

  test('a component that lists its kinds gets exactly those', () => {
    const c = { ...component(), attachmentKinds: ['excel', 'nonsense'] } as DossierComponent;
    assert.deepEqual(acceptedKinds(c), ['excel']);
  });

  test('the accept attribute lets phones offer the camera and the right files', () => {
    assert.equal(acceptAttribute(['pdf', 'image']), 'application/pdf,.pdf,image/jpeg,image/png,.jpg,.jpeg,.png');
  });
});

describe('checks of one file', () => {
  test('the type is judged by content: a program or unknown bytes named .pdf are refused', () => {
    assert.deepEqual(checkType('x.pdf', component(), PDF), { kind: 'pdf', mime: 'application/pdf' });
    for (const sniffed of [EXE, undefined, DOCX, CFB]) {
      const r = checkType('x.pdf', component(), sniffed);
      assert.ok('code' in r && r.code === 'wrong_type', JSON.stringify(sniffed));
      assert.equal(r.message, 'Tệp “x.pdf” cho thành phần “Giấy chứng sinh” không phải PDF, JPG hoặc PNG.');
    }
    assert.deepEqual(checkType('to-khai.docx', component({ templateFile: 'a.docx' }), DOCX), { kind: 'word', mime: DOCX.mime });
    assert.deepEqual(checkType('anh.jpg', component(), JPG), { kind: 'image', mime: 'image/jpeg' });
  });

  test('empty, too large and over the dossier total are refused with the reason', () => {
    const c = component();
    assert.equal(checkSize('a.pdf', c, 0, 0, DEFAULT_LIMITS)?.message, 'Tệp “a.pdf” cho thành phần “Giấy chứng sinh” không có nội dung (0 byte). Hãy chọn lại tệp.');
    assert.match(checkSize('a.pdf', c, 12.4 * 1024 * 1024, 0, DEFAULT_LIMITS)!.message, /có dung lượng 12,4 MB, vượt quá giới hạn 10 MB cho mỗi tệp/);
    assert.equal(checkSize('a.pdf', c, 10 * 1024 * 1024, 0, DEFAULT_LIMITS), undefined, 'exactly the limit is allowed');
    assert.match(checkSize('a.pdf', c, 5 * 1024 * 1024, 46 * 1024 * 1024, DEFAULT_LIMITS)!.message, /tổng dung lượng các tệp của hồ sơ sẽ vượt quá 50 MB/);
    assert.equal(checkSize('a.pdf', c, 4 * 1024 * 1024, 46 * 1024 * 1024, DEFAULT_LIMITS), undefined);
  });

  test('a long component name is shortened in messages', () => {
    const long = component({ name: 'Giấy tờ chứng minh nơi cư trú, chỉ khi cơ quan đăng ký không khai thác được thông tin cư trú theo khoản 2 Điều 14' });
    assert.match(refusals.empty('a.pdf', long).message, /thành phần “Giấy tờ chứng minh nơi cư trú, chỉ khi cơ quan đăng ký không khai thác được…”/);
  });

  test('an infected file is named with the signature', () => {
    assert.equal(refusals.infected('a.pdf', component(), 'Eicar-Test-Signature').message, 'Tệp “a.pdf” cho thành phần “Giấy chứng sinh” có chứa mã độc (Eicar-Test-Signature) nên không được nhận.');
  });
});

describe('slots and required files', () => {
  const components = [component({ name: 'Tờ khai' }), component(), component({ name: 'Biên bản', required: false })];

  test('a required component without a file is named: "Đính kèm <tên thành phần>"', () => {
    assert.deepEqual(checkDraftFiles(components, [{ componentIndex: 0 }]), [{ field: 'files-1', message: 'Đính kèm Giấy chứng sinh' }]);
    assert.deepEqual(checkDraftFiles(components, [{ componentIndex: 0 }, { componentIndex: 1 }, { componentIndex: 1 }]), []);
  });

  test('slots may say a required component needs no upload (the e-form fills it)', () => {
    const slots = toSlots(components).map((s) => (s.index === 0 ? { ...s, required: false } : s));
    assert.deepEqual(checkDraftFiles(slots, [{ componentIndex: 1 }]), []);
  });
});

describe('wording and headers', () => {
  test('sizes are written the Vietnamese way', () => {
    assert.equal(formatFileSize(12), '12 byte');
    assert.equal(formatFileSize(350 * 1024), '350 KB');
    assert.equal(formatFileSize(1.25 * 1024 * 1024), '1,3 MB');
    assert.equal(formatFileSize(10 * 1024 * 1024), '10 MB');
  });

  test('a download keeps its Vietnamese name in RFC 5987 form with an ASCII fallback', () => {
    assert.equal(contentDisposition('Đơn xin (bản 2)*.pdf'), `attachment; filename="Don xin (ban 2)*.pdf"; filename*=UTF-8''%C4%90%C6%A1n%20xin%20%28b%E1%BA%A3n%202%29%2A.pdf`);
    assert.equal(contentDisposition('a"b;c\\d.pdf'), `attachment; filename="a_b_c_d.pdf"; filename*=UTF-8''a%22b%3Bc%5Cd.pdf`);
  });

  test('the PDF of a component’s photos is named after the component', () => {
    assert.equal(photosPdfName(component(), 1), 'anh-chup-GCS.pdf');
    assert.equal(photosPdfName(component({ code: 'Đ/1' }), 4), 'anh-chup-1.pdf');
  });
});
