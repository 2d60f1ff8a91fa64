import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addMonths, componentKindOf, resultFitsComponent, resultStatus, resultTitles, submittedValidity } from './model';

const ID_CARD = 'Giấy tờ tùy thân (hộ chiếu, thẻ căn cước, căn cước điện tử…) để chứng minh nhân thân';
const MARITAL = 'Giấy xác nhận tình trạng hôn nhân (trường hợp đăng ký kết hôn không tại nơi thường trú và không khai thác được thông tin)';
const given = new Date('2026-01-31T03:00:00Z');

describe('documents the citizen gave', () => {
  test('components are told apart by name: declarations, papers valid for a short time, the rest', () => {
    assert.equal(componentKindOf('Tờ khai đăng ký khai sinh theo mẫu'), 'declaration');
    assert.equal(componentKindOf('Đơn đăng ký dự tuyển vào lớp 6 theo mẫu'), 'declaration');
    assert.equal(componentKindOf('Văn bản đề nghị hưởng trợ cấp hưu trí xã hội (Mẫu số 01)'), 'declaration');
    assert.equal(componentKindOf(MARITAL), 'time_limited');
    assert.equal(componentKindOf('Phiếu lý lịch tư pháp số 1'), 'time_limited');
    assert.equal(componentKindOf(ID_CARD), 'standing');
    assert.equal(componentKindOf('Bản sao Giấy khai sinh'), 'standing');
  });

  test('a paper is usable for its kind’s months from when it was given, to the same day of the month', () => {
    const received = { givenAt: given, dossierState: 'IN_PROCESSING' as const, receivedAt: given };
    const id = submittedValidity({ componentName: ID_CARD, ...received }, new Date('2027-01-30T00:00:00Z'));
    assert.deepEqual(id, { status: 'valid', until: new Date('2027-01-31T03:00:00Z'), reusable: true });
    assert.equal(submittedValidity({ componentName: ID_CARD, ...received }, new Date('2027-01-31T03:00:01Z')).status, 'expired');
    // 31 January + 6 months is 31 July; 31 August + 6 months is the end of February
    assert.deepEqual(submittedValidity({ componentName: MARITAL, ...received }, new Date('2026-07-31T00:00:00Z')).until, new Date('2026-07-31T03:00:00Z'));
    assert.equal(submittedValidity({ componentName: MARITAL, ...received }, new Date('2026-08-01T00:00:00Z')).reusable, false);
    assert.deepEqual(addMonths(new Date('2026-08-31T00:00:00Z'), 6), new Date('2027-02-28T00:00:00Z'));
  });

  test('declarations are never reused; papers of a dossier refused at reception are not; unchecked ones are, as pending', () => {
    const now = new Date('2026-02-01T00:00:00Z');
    assert.deepEqual(submittedValidity({ componentName: 'Tờ khai đăng ký khai sinh', givenAt: given, dossierState: 'DELIVERED', receivedAt: given }, now), { status: 'single_use', until: null, reusable: false });
    assert.equal(submittedValidity({ componentName: ID_CARD, givenAt: given, dossierState: 'REJECTED_AT_RECEPTION', receivedAt: null }, now).status, 'not_accepted');
    const pending = submittedValidity({ componentName: ID_CARD, givenAt: given, dossierState: 'SUBMITTED', receivedAt: null }, now);
    assert.equal(pending.status, 'pending');
    assert.equal(pending.reusable, true);
    // a copy of a result revoked since: never
    assert.equal(submittedValidity({ componentName: ID_CARD, givenAt: given, dossierState: 'DELIVERED', receivedAt: given, revoked: true }, now).reusable, false);
  });
});

describe('results issued to the citizen', () => {
  test('a result is valid until revoked', () => {
    assert.equal(resultStatus({ revokedAt: null }), 'valid');
    assert.equal(resultStatus({ revokedAt: given }), 'revoked');
  });

  test('result titles are the papers’ names, without notes in brackets and without refusals', () => {
    assert.deepEqual(resultTitles(['Giấy khai sinh (bản chính, bản điện tử)', 'Bản sao Giấy khai sinh (nếu có yêu cầu)']), ['giấy khai sinh', 'giấy khai sinh']);
    assert.deepEqual(resultTitles(['Thông báo kết quả giải quyết (mẫu CT08)', 'Văn bản từ chối nêu rõ lý do (mẫu CT06) nếu không đủ điều kiện']), ['thông báo kết quả giải quyết']);
    // a positive result that has "từ chối" in its name stays
    assert.deepEqual(resultTitles(['Văn bản từ chối nhận di sản đã được chứng thực']), ['văn bản từ chối nhận di sản đã được chứng thực']);
  });

  test('a component fits a result when it asks for that very paper, as a copy or not; a declaration naming it does not', () => {
    const birth = resultTitles(['Giấy khai sinh (bản chính, bản điện tử)']);
    assert.equal(resultFitsComponent(birth, 'Bản sao Giấy khai sinh (không phải nộp nếu khai thác được từ Cơ sở dữ liệu quốc gia về dân cư)'), true);
    assert.equal(resultFitsComponent(birth, 'Giấy khai sinh của con chưa đủ 18 tuổi (nếu thân nhân hưởng trợ cấp tuất là con)'), true);
    assert.equal(resultFitsComponent(birth, 'Giấy khai sinh'), true);
    assert.equal(resultFitsComponent(birth, 'Giấy chứng sinh'), false);
    assert.equal(resultFitsComponent(birth, 'Giấy khai sinhx'), false);
    const marital = resultTitles(['Giấy xác nhận tình trạng hôn nhân']);
    assert.equal(resultFitsComponent(marital, MARITAL), true);
    assert.equal(resultFitsComponent(marital, 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu'), false);
  });
});
