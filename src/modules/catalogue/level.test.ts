// The online level as a function of the procedure's configuration (NĐ 42/2022 Điều 11,
// DOMAIN.md §2.3–2.4): the level and every condition that keeps a procedure from toàn trình.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blankProcedure } from './service';
import { type FeeRule, levelGaps, onlineLevelOf, type OnlineFlags, validateProcedure } from './model';

const FULL: OnlineFlags = { requiresPresence: false, requiresSiteInspection: false, feePayableOnline: true, resultDeliverableOnlineOrPost: true };
const FEE: FeeRule[] = [{ type: 'fixed', kind: 'le_phi', label: 'Lệ phí', setByProvince: false, amount: 50_000 }];

test('a level 4 procedure that meets the four conditions is toàn trình, with nothing to explain', () => {
  assert.deepEqual(onlineLevelOf({ ...FULL, legacyLevel: 4, fees: FEE }), { level: 'toan_trinh', gaps: [] });
});

test('each condition that fails makes it một phần and is named with its field', () => {
  const cases: [Partial<OnlineFlags>, string, RegExp][] = [
    [{ requiresPresence: true }, 'requiresPresence', /có mặt trực tiếp/],
    [{ requiresSiteInspection: true }, 'requiresSiteInspection', /thực địa/],
    [{ feePayableOnline: false }, 'feePayableOnline', /phí, lệ phí chưa nộp trực tuyến/],
    [{ resultDeliverableOnlineOrPost: false }, 'resultDeliverableOnlineOrPost', /bưu chính công ích/],
  ];
  for (const [flags, field, reason] of cases) {
    const r = onlineLevelOf({ ...FULL, ...flags, legacyLevel: 4, fees: FEE });
    assert.equal(r.level, 'mot_phan', field);
    assert.deepEqual(r.gaps.map((g) => g.field), [field]);
    assert.match(r.gaps[0]!.reason, reason);
  }
  const all = onlineLevelOf({ requiresPresence: true, requiresSiteInspection: true, feePayableOnline: false, resultDeliverableOnlineOrPost: false, legacyLevel: 4, fees: FEE });
  assert.equal(all.gaps.length, 4, 'every failing condition, not only the first');
});

test('a procedure without a fee does not need online payment; one with a fee, or an amount left to the province, does', () => {
  const noPay = { ...FULL, feePayableOnline: false, legacyLevel: 4 as const };
  assert.equal(onlineLevelOf({ ...noPay, fees: [] }).level, 'toan_trinh');
  const exemptionOnly: FeeRule[] = [{ type: 'exemption', kind: 'le_phi', label: 'Miễn', setByProvince: false, categories: ['ho_ngheo'], description: 'Hộ nghèo' }];
  assert.equal(onlineLevelOf({ ...noPay, fees: exemptionOnly }).level, 'toan_trinh');
  assert.equal(onlineLevelOf({ ...noPay, fees: FEE }).level, 'mot_phan');
  assert.equal(onlineLevelOf({ ...noPay, fees: [{ type: 'by_resolution', kind: 'le_phi', label: 'Lệ phí', setByProvince: true }] }).level, 'mot_phan');
});

test('levels 1–2 are not online services; level 3 is at most một phần, with its reason', () => {
  assert.equal(levelGaps({ ...FULL, legacyLevel: 1, noFee: true }).level, 'none');
  assert.equal(levelGaps({ ...FULL, legacyLevel: 2, noFee: true }).level, 'none');
  const three = levelGaps({ ...FULL, legacyLevel: 3, noFee: true });
  assert.equal(three.level, 'mot_phan');
  assert.deepEqual(three.gaps.map((g) => g.field), ['legacyLevel']);
});

function record(over: Record<string, unknown>) {
  return {
    ...blankProcedure(),
    code: '9.000024',
    name: 'Thủ tục thử',
    field: { code: 'ho-tich', name: 'Hộ tịch' },
    steps: ['Nộp hồ sơ'],
    results: ['Giấy xác nhận'],
    legalBasis: [{ number: '60/2014/QH13', title: 'Luật Hộ tịch' }],
    agencies: { competent: [{ unitCode: 'so-tu-phap' }], authorised: [], cooperating: [] },
    channels: [{ kind: 'truc_tuyen', description: 'Nộp trực tuyến' }],
    components: [{ code: 'TP1', name: 'Tờ khai', form: 'ban_chinh', quantity: 1, required: true }],
    legacyLevel: 4,
    fees: FEE,
    ...FULL,
    ...over,
  };
}

test('validation: claiming toàn trình the configuration does not support is refused on onlineLevel, naming why', () => {
  const errors = validateProcedure(record({ onlineLevel: 'toan_trinh', requiresPresence: true, ineligibleReason: 'Phải đối chiếu bản chính' }));
  const e = errors.find((x) => x.field === 'onlineLevel');
  assert.ok(e, JSON.stringify(errors));
  assert.match(e.message, /^Mức độ trực tuyến: không ghi toàn trình được vì người yêu cầu phải có mặt trực tiếp/);
  assert.deepEqual(validateProcedure(record({ onlineLevel: 'toan_trinh' })), [], 'the same record with the conditions met is accepted');
});

test('validation: a configuration that supports toàn trình cannot be called một phần, and level 4 cannot be called not online', () => {
  assert.match(validateProcedure(record({ onlineLevel: 'mot_phan' })).find((x) => x.field === 'onlineLevel')?.message ?? '', /nên là toàn trình/);
  assert.match(validateProcedure(record({ onlineLevel: 'none' })).find((x) => x.field === 'onlineLevel')?.message ?? '', /phải là toàn trình/);
  assert.deepEqual(validateProcedure(record({ onlineLevel: 'mot_phan', feePayableOnline: false, ineligibleReason: 'Chưa kết nối thanh toán' })), []);
});
