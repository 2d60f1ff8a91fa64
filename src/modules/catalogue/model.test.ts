import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  agenciesAt,
  computeFee,
  deriveOnlineLevel,
  formComponentIndex,
  hasUnpricedFee,
  isEligibleFullOnline,
  isFree,
  isProcedureCode,
  isValidDate,
  latestTier,
  parseProcedure,
  tierAt,
  validateProcedure,
  type FeeRule,
  type OnlineFlags,
  type Procedure,
} from './model';

/** A complete, valid record (modelled on 2.000815, chứng thực bản sao). */
function sample(over: Partial<Procedure> = {}): Procedure {
  return {
    code: '2.000815',
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản',
    field: { code: 'chung-thuc', name: 'Chứng thực' },
    tierHistory: [
      { tier: 'huyen', validFrom: '2015-04-10', validTo: '2025-06-30' },
      { tier: 'xa', validFrom: '2025-07-01' },
    ],
    procedureType: 'TTHC được luật giao quy định chi tiết',
    steps: ['Người yêu cầu xuất trình bản chính và bản sao.', 'Người thực hiện chứng thực đối chiếu và ký.'],
    channels: [{ kind: 'truc_tiep', description: 'Nộp tại Bộ phận Một cửa UBND cấp xã.' }],
    components: [
      { code: 'TP1', name: 'Bản chính giấy tờ, văn bản làm cơ sở chứng thực', form: 'ban_chinh', quantity: 1, required: true },
      { code: 'TP2', name: 'Bản sao cần chứng thực', form: 'ban_chup', quantity: 1, required: true },
    ],
    numberOfSets: 1,
    processingTime: { amount: 1, unit: 'same_day', cutoff: '15:00' },
    fees: [
      { type: 'per_page', kind: 'phi', label: 'Phí chứng thực bản sao', setByProvince: false, firstPages: 2, firstPagesPrice: 2000, laterPagesPrice: 1000, capPerCopy: 200000 },
    ],
    applicants: [{ kind: 'cong_dan' }],
    agencies: { competent: [{ unitKind: 'ubnd_xa', label: 'UBND cấp xã' }], authorised: [], cooperating: [] },
    results: ['Bản sao được chứng thực từ bản chính'],
    conditions: [],
    legalBasis: [{ number: '23/2015/NĐ-CP', title: 'Nghị định về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính', date: '2015-02-16' }],
    relatedCodes: ['2.000884'],
    legacyLevel: 3,
    onlineLevel: 'mot_phan',
    requiresPresence: true,
    requiresSiteInspection: false,
    feePayableOnline: true,
    resultDeliverableOnlineOrPost: true,
    ineligibleReason: 'Người yêu cầu phải xuất trình bản chính để đối chiếu.',
    ...over,
  };
}

const fullOnlineFlags: OnlineFlags = {
  requiresPresence: false,
  requiresSiteInspection: false,
  feePayableOnline: true,
  resultDeliverableOnlineOrPost: true,
};

const fieldsOf = (p: unknown) => validateProcedure(p).map((e) => e.field);

test('a complete record has no validation errors', () => {
  assert.deepEqual(validateProcedure(sample()), []);
});

test('the national code must be one digit, a dot and six digits', () => {
  assert.equal(isProcedureCode('1.001193'), true);
  for (const bad of ['1001193', '1.00119', '1.0011934', 'A.001193', '12.001193', ' 1.001193']) {
    assert.equal(isProcedureCode(bad), false, bad);
  }
  const errors = validateProcedure(sample({ code: '1.00119' }));
  assert.equal(errors.length, 1);
  assert.equal(errors[0]?.field, 'code');
  assert.match(errors[0]?.message ?? '', /Mã thủ tục phải có dạng d\.dddddd/);
});

test('an empty or blank name is refused on the name field', () => {
  assert.deepEqual(fieldsOf(sample({ name: '' })), ['name']);
  assert.deepEqual(fieldsOf(sample({ name: '   ' })), ['name']);
});

test('an unknown tier is refused with the path of the period', () => {
  const p = sample({ tierHistory: [{ tier: 'quan' as never, validFrom: '2020-01-01' }] });
  assert.deepEqual(fieldsOf(p), ['tierHistory[0].tier']);
});

test('a district-tier period may not run past 30 June 2025', () => {
  const open = sample({ tierHistory: [{ tier: 'huyen', validFrom: '2020-01-01' }] });
  assert.deepEqual(fieldsOf(open), ['tierHistory[0].validTo']);
  const late = sample({ tierHistory: [{ tier: 'huyen', validFrom: '2020-01-01', validTo: '2025-07-01' }] });
  assert.deepEqual(fieldsOf(late), ['tierHistory[0].validTo']);
});

test('tier periods may not overlap and must end after they start', () => {
  const overlap = sample({
    tierHistory: [
      { tier: 'huyen', validFrom: '2020-01-01', validTo: '2025-06-30' },
      { tier: 'xa', validFrom: '2025-06-01' },
    ],
  });
  assert.deepEqual(fieldsOf(overlap), ['tierHistory[1].validFrom']);
  const backwards = sample({ tierHistory: [{ tier: 'xa', validFrom: '2025-07-01', validTo: '2025-01-01' }] });
  assert.deepEqual(fieldsOf(backwards), ['tierHistory[0].validTo']);
  const badDate = sample({ tierHistory: [{ tier: 'xa', validFrom: '2025-02-30' }] });
  assert.deepEqual(fieldsOf(badDate), ['tierHistory[0].validFrom']);
});

test('time limits must be sane: positive whole amounts, bounded, same day is one, cutoff HH:mm', () => {
  assert.deepEqual(fieldsOf(sample({ processingTime: { amount: 0, unit: 'working_days' } })), ['processingTime.amount']);
  assert.deepEqual(fieldsOf(sample({ processingTime: { amount: 2.5, unit: 'working_days' } })), ['processingTime.amount']);
  assert.deepEqual(fieldsOf(sample({ processingTime: { amount: 2, unit: 'same_day' } })), ['processingTime.amount']);
  assert.deepEqual(fieldsOf(sample({ processingTime: { amount: 300, unit: 'working_hours' } })), ['processingTime.amount']);
  assert.deepEqual(fieldsOf(sample({ processingTime: { amount: 1, unit: 'same_day', cutoff: '25:00' } })), ['processingTime.cutoff']);
  assert.deepEqual(fieldsOf(sample({ processingTime: { amount: 3, unit: 'weeks' as never } })), ['processingTime.unit']);
  const ext = sample({ processingTime: { amount: 3, unit: 'working_days', extension: { amount: 23, unit: 'calendar_days', when: '' } } });
  assert.deepEqual(fieldsOf(ext), ['processingTime.extension.when']);
});

test('a channel time limit is checked like the procedure one, and a channel kind appears once', () => {
  const p = sample({
    channels: [
      { kind: 'truc_tiep', description: 'Tại quầy', timeLimit: { amount: -1, unit: 'working_days' } },
      { kind: 'truc_tiep', description: 'Lần nữa' },
    ],
  });
  assert.deepEqual(fieldsOf(p), ['channels[0].timeLimit.amount', 'channels[1].kind']);
});

test('fees must be non-negative whole đồng', () => {
  const negative = sample({ fees: [{ type: 'fixed', kind: 'le_phi', label: 'Lệ phí', setByProvince: false, amount: -5000 }] });
  assert.deepEqual(fieldsOf(negative), ['fees[0].amount']);
  const fraction = sample({ fees: [{ type: 'per_copy', kind: 'phi', label: 'Phí', setByProvince: false, amountPerCopy: 8000.5 }] });
  assert.deepEqual(fieldsOf(fraction), ['fees[0].amountPerCopy']);
});

test('the per-copy cap of a per-page fee may not be below a page price', () => {
  const p = sample({
    fees: [{ type: 'per_page', kind: 'phi', label: 'Phí', setByProvince: false, firstPages: 2, firstPagesPrice: 2000, laterPagesPrice: 1000, capPerCopy: 1500 }],
  });
  const errors = validateProcedure(p);
  assert.deepEqual(errors.map((e) => e.field), ['fees[0].capPerCopy']);
  assert.match(errors[0]?.message ?? '', /tối đa/);
});

test('online services at legacy level 3 or 4 need at least one dossier component', () => {
  assert.deepEqual(fieldsOf(sample({ components: [] })), ['components']);
  const infoOnly = sample({ components: [], legacyLevel: 2, onlineLevel: 'none' });
  assert.deepEqual(fieldsOf(infoOnly), []);
});

test('component errors name the component by its index', () => {
  const p = sample();
  p.components.push({ code: 'TP3', name: '', form: 'ban_goc' as never, quantity: 0, required: true });
  assert.deepEqual(fieldsOf(p), ['components[2].name', 'components[2].form', 'components[2].quantity']);
  const dup = sample();
  dup.components.push({ code: 'TP1', name: 'Trùng mã', form: 'ban_chup', quantity: 1, required: false });
  assert.deepEqual(fieldsOf(dup), ['components[2].code']);
});

test('legacy levels 1 and 2 must map to not-online', () => {
  const p = sample({ legacyLevel: 2, onlineLevel: 'mot_phan' });
  assert.deepEqual(fieldsOf(p), ['onlineLevel']);
});

test('legacy level 3 must map to một phần', () => {
  const p = sample({ legacyLevel: 3, onlineLevel: 'toan_trinh', ...fullOnlineFlags, ineligibleReason: undefined });
  assert.deepEqual(fieldsOf(p), ['onlineLevel']);
});

test('legacy level 4 may be toàn trình only when the four conditions hold', () => {
  const presence = sample({ legacyLevel: 4, onlineLevel: 'toan_trinh' });
  assert.deepEqual(fieldsOf(presence), ['onlineLevel']);
  const ok = sample({ legacyLevel: 4, onlineLevel: 'toan_trinh', ...fullOnlineFlags, ineligibleReason: undefined });
  assert.deepEqual(fieldsOf(ok), []);
  const partial = sample({ legacyLevel: 4, onlineLevel: 'mot_phan' });
  assert.deepEqual(fieldsOf(partial), []);
  const none = sample({ legacyLevel: 4, onlineLevel: 'none' });
  assert.deepEqual(fieldsOf(none), ['onlineLevel']);
});

test('a procedure that is not eligible for toàn trình must give a reason', () => {
  const p = sample({ ineligibleReason: undefined });
  const errors = validateProcedure(p);
  assert.deepEqual(errors.map((e) => e.field), ['ineligibleReason']);
  assert.match(errors[0]?.message ?? '', /lý do/);
  assert.deepEqual(fieldsOf(sample({ ineligibleReason: '  ' })), ['ineligibleReason']);
});

test('agencies need a competent body and each reference is a unit code or a unit kind, not both', () => {
  const none = sample({ agencies: { competent: [], authorised: [], cooperating: [] } });
  assert.deepEqual(fieldsOf(none), ['agencies.competent']);
  const both = sample({ agencies: { competent: [{ unitCode: 'so-tu-phap', unitKind: 'so' } as never], authorised: [], cooperating: [] } });
  assert.deepEqual(fieldsOf(both), ['agencies.competent[0]']);
  const badKind = sample({ agencies: { competent: [{ unitKind: 'bo' as never, label: 'Bộ' }], authorised: [], cooperating: [] } });
  assert.deepEqual(fieldsOf(badKind), ['agencies.competent[0].unitKind']);
  const noLabel = sample({ agencies: { competent: [{ unitKind: 'ubnd_xa', label: '' }], authorised: [], cooperating: [] } });
  assert.deepEqual(fieldsOf(noLabel), ['agencies.competent[0].label']);
});

test('legal basis dates and related codes are checked', () => {
  const p = sample({
    legalBasis: [{ number: '60/2014/QH13', title: 'Luật Hộ tịch', date: '2014-13-01' }],
    relatedCodes: ['2.000815', 'abc'],
  });
  assert.deepEqual(fieldsOf(p), ['legalBasis[0].date', 'relatedCodes[0]', 'relatedCodes[1]']);
});

test('validation never throws on malformed input and reports the top level', () => {
  assert.deepEqual(fieldsOf(null), ['']);
  assert.deepEqual(fieldsOf('1.001193'), ['']);
  const messy = validateProcedure({ code: 5, tierHistory: 'x', fees: [null], channels: [{}], agencies: [] });
  assert.ok(messy.length > 5);
  for (const e of messy) assert.ok(e.message.length > 0);
});

test('every message is Vietnamese with diacritics', () => {
  const messy = validateProcedure({});
  assert.ok(messy.length > 10);
  for (const e of messy) assert.match(e.message, /[àáảãạăâđèéêìíòóôơùúưỳýạ-ỹ]/i, e.message);
});

test('parseProcedure returns the value when valid and the errors otherwise', () => {
  const good = parseProcedure(sample());
  assert.equal(good.ok, true);
  const bad = parseProcedure(sample({ name: '' }));
  assert.equal(bad.ok, false);
  if (!bad.ok) assert.equal(bad.errors[0]?.field, 'name');
});

test('toàn trình eligibility needs all four conditions', () => {
  const base = { ...fullOnlineFlags, fees: [] as FeeRule[] };
  assert.equal(isEligibleFullOnline(base), true);
  assert.equal(isEligibleFullOnline({ ...base, requiresPresence: true }), false);
  assert.equal(isEligibleFullOnline({ ...base, requiresSiteInspection: true }), false);
  assert.equal(isEligibleFullOnline({ ...base, resultDeliverableOnlineOrPost: false }), false);
});

test('a procedure without any fee is eligible even when payment cannot be made online', () => {
  const flags = { ...fullOnlineFlags, feePayableOnline: false };
  assert.equal(isEligibleFullOnline({ ...flags, fees: [] }), true);
  const paid: FeeRule[] = [{ type: 'fixed', kind: 'le_phi', label: 'Lệ phí', setByProvince: false, amount: 10000 }];
  assert.equal(isEligibleFullOnline({ ...flags, fees: paid }), false);
  const unpriced: FeeRule[] = [{ type: 'by_resolution', kind: 'le_phi', label: 'Lệ phí', setByProvince: true }];
  assert.equal(isEligibleFullOnline({ ...flags, fees: unpriced }), false);
  const exemptOnly: FeeRule[] = [{ type: 'exemption', kind: 'le_phi', label: 'Miễn', setByProvince: false, categories: ['ho_ngheo'], description: 'Hộ nghèo' }];
  assert.equal(isFree(exemptOnly), true);
});

test('deriveOnlineLevel maps legacy levels as DOMAIN.md 2.3 says', () => {
  assert.equal(deriveOnlineLevel(1, fullOnlineFlags), 'none');
  assert.equal(deriveOnlineLevel(2, fullOnlineFlags), 'none');
  assert.equal(deriveOnlineLevel(3, fullOnlineFlags), 'mot_phan');
  assert.equal(deriveOnlineLevel(4, fullOnlineFlags), 'toan_trinh');
  assert.equal(deriveOnlineLevel(4, { ...fullOnlineFlags, requiresPresence: true }), 'mot_phan');
  assert.equal(deriveOnlineLevel(4, { ...fullOnlineFlags, feePayableOnline: false }), 'mot_phan');
  assert.equal(deriveOnlineLevel(4, { ...fullOnlineFlags, feePayableOnline: false, noFee: true }), 'toan_trinh');
});

test('tierAt gives the tier on a date, inclusive at both ends, and nothing before the first period', () => {
  const p = sample();
  assert.equal(tierAt(p, '2015-04-09'), undefined);
  assert.equal(tierAt(p, '2015-04-10'), 'huyen');
  assert.equal(tierAt(p, '2025-06-30'), 'huyen');
  assert.equal(tierAt(p, '2025-07-01'), 'xa');
  assert.equal(tierAt(p, '2030-01-01'), 'xa');
  assert.equal(latestTier(p), 'xa');
});

test('agenciesAt prefers the period agencies and falls back to the current ones', () => {
  const district = { competent: [{ unitCode: 'hdl-tu-phap' }], authorised: [], cooperating: [] };
  const p = sample({
    tierHistory: [
      { tier: 'huyen', validFrom: '2015-04-10', validTo: '2025-06-30', agencies: district },
      { tier: 'xa', validFrom: '2025-07-01' },
    ],
  });
  assert.deepEqual(agenciesAt(p, '2024-01-01'), district);
  assert.deepEqual(agenciesAt(p, '2025-07-01'), p.agencies);
  assert.equal(agenciesAt(p, '2000-01-01'), undefined);
});

const chungThuc: FeeRule[] = [
  { type: 'per_page', kind: 'phi', label: 'Phí chứng thực bản sao', setByProvince: false, firstPages: 2, firstPagesPrice: 2000, laterPagesPrice: 1000, capPerCopy: 200000 },
];

test('the per-page fee charges 2.000 đ for pages 1–2 and 1.000 đ from page 3', () => {
  assert.equal(computeFee(chungThuc, { pages: 1 }), 2000);
  assert.equal(computeFee(chungThuc, { pages: 2 }), 4000);
  assert.equal(computeFee(chungThuc, { pages: 3 }), 5000);
  assert.equal(computeFee(chungThuc, { pages: 10 }), 12000);
});

test('the per-page fee is capped at 200.000 đ per copy and multiplied by copies', () => {
  assert.equal(computeFee(chungThuc, { pages: 197 }), 199000);
  assert.equal(computeFee(chungThuc, { pages: 198 }), 200000);
  assert.equal(computeFee(chungThuc, { pages: 500 }), 200000);
  assert.equal(computeFee(chungThuc, { pages: 3, copies: 2 }), 10000);
  assert.equal(computeFee(chungThuc, { pages: 500, copies: 3 }), 600000);
});

test('a per-copy fee is multiplied by the copies requested and defaults to one copy', () => {
  const rules: FeeRule[] = [{ type: 'per_copy', kind: 'phi', label: 'Phí cấp bản sao trích lục', setByProvince: false, amountPerCopy: 8000 }];
  assert.equal(computeFee(rules), 8000);
  assert.equal(computeFee(rules, { copies: 3 }), 24000);
  assert.equal(computeFee(rules, { copies: 0 }), 0);
});

test('an exemption zeroes only the fee kinds it exempts, for matching categories', () => {
  const rules: FeeRule[] = [
    { type: 'fixed', kind: 'le_phi', label: 'Lệ phí', setByProvince: true, amount: 10000 },
    { type: 'per_copy', kind: 'phi', label: 'Phí bản sao', setByProvince: false, amountPerCopy: 8000 },
    { type: 'exemption', kind: 'le_phi', label: 'Miễn lệ phí', setByProvince: false, categories: ['ho_ngheo', 'nguoi_khuyet_tat'], description: 'Hộ nghèo, người khuyết tật', exempts: ['le_phi'] },
  ];
  assert.equal(computeFee(rules), 18000);
  assert.equal(computeFee(rules, { category: 'ho_ngheo' }), 8000);
  assert.equal(computeFee(rules, { category: 'sinh_vien' }), 18000);
  const all: FeeRule[] = [...rules.slice(0, 2), { type: 'exemption', kind: 'le_phi', label: 'Miễn', setByProvince: false, categories: ['nguoi_co_cong'], description: 'Người có công' }];
  assert.equal(computeFee(all, { category: 'nguoi_co_cong' }), 0);
});

test('a reduction replaces the amount for its categories', () => {
  const lltp: FeeRule[] = [
    {
      type: 'fixed',
      kind: 'phi',
      label: 'Phí cung cấp thông tin lý lịch tư pháp',
      setByProvince: false,
      amount: 200000,
      reductions: [{ categories: ['sinh_vien', 'nguoi_co_cong'], amount: 100000, description: 'Sinh viên, người có công' }],
    },
  ];
  assert.equal(computeFee(lltp), 200000);
  assert.equal(computeFee(lltp, { category: 'sinh_vien' }), 100000);
});

test('channel-specific rules apply only on their channel, and the desk is the default', () => {
  const rules: FeeRule[] = [
    { type: 'fixed', kind: 'le_phi', label: 'Lệ phí nộp trực tiếp', setByProvince: false, amount: 20000, channels: ['truc_tiep', 'buu_chinh'] },
    { type: 'fixed', kind: 'le_phi', label: 'Lệ phí nộp trực tuyến', setByProvince: false, amount: 10000, channels: ['truc_tuyen'] },
  ];
  assert.equal(computeFee(rules), 20000);
  assert.equal(computeFee(rules, { channel: 'buu_chinh' }), 20000);
  assert.equal(computeFee(rules, { channel: 'truc_tuyen' }), 10000);
});

test('variant rules apply only to their case, and unpriced provincial fees count as zero', () => {
  const rules: FeeRule[] = [
    { type: 'fixed', kind: 'le_phi', label: 'Lệ phí khai sinh quá hạn', setByProvince: true, amount: 5000, variant: 'qua_han' },
    { type: 'by_resolution', kind: 'phi', label: 'Phí theo HĐND', setByProvince: true },
  ];
  assert.equal(computeFee(rules), 0);
  assert.equal(computeFee(rules, { variant: 'qua_han' }), 5000);
  assert.equal(hasUnpricedFee(rules), true);
  assert.equal(hasUnpricedFee(chungThuc), false);
});

test('fee results are whole đồng even for odd inputs', () => {
  assert.equal(computeFee(chungThuc, { pages: 2.7, copies: 1.9 }), 4000);
  assert.ok(Number.isInteger(computeFee(chungThuc, { pages: Number.NaN })));
});

test('isValidDate accepts real calendar dates only', () => {
  assert.equal(isValidDate('2024-02-29'), true);
  assert.equal(isValidDate('2025-02-29'), false);
  assert.equal(isValidDate('2025-7-1'), false);
  assert.equal(isValidDate(20250701), false);
});

test('the e-form stands for the first required tờ khai, not an alternative one', () => {
  const ct01 = { name: 'Tờ khai thay đổi thông tin cư trú (Mẫu CT01)', required: true };
  const ct02 = { name: 'Tờ khai thay đổi thông tin cư trú (Mẫu CT02)', required: false };
  const paper = { name: 'Giấy tờ chứng minh chỗ ở hợp pháp', required: true };
  assert.equal(formComponentIndex([paper, ct02, ct01]), 2);
  assert.equal(formComponentIndex([paper, ct02]), 1);
  assert.equal(formComponentIndex([paper]), undefined);
});
