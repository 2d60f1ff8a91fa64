import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  checkItem,
  checkRevision,
  checkYear,
  consolidate,
  failingConditions,
  type ItemDecision,
  levelAfter,
  LIST_ACTIONS,
  LIST_STATES,
  nextState,
  nextToMove,
  percent,
  type ProcedureFacts,
  targets,
  type UnitProposal,
} from './model';

const ALL_OK = { requiresPresence: false, requiresSiteInspection: false, feePayableOnline: true, resultDeliverableOnlineOrPost: true };
const item = (d: Partial<ItemDecision> & { noFee?: boolean } = {}) => ({
  procedureCode: '1.001193',
  procedureName: 'Đăng ký khai sinh',
  noFee: false,
  ...ALL_OK,
  proposal: null,
  reasonCode: null,
  explanation: null,
  ...d,
});

describe('states of a unit list', () => {
  test('the unit saves and submits a draft; the province sends back or approves a submitted list; an approved list is final', () => {
    assert.equal(nextState('draft', 'save'), 'draft');
    assert.equal(nextState('draft', 'submit'), 'submitted');
    assert.equal(nextState('submitted', 'requestRevision'), 'revision_requested');
    assert.equal(nextState('revision_requested', 'save'), 'revision_requested');
    assert.equal(nextState('revision_requested', 'submit'), 'submitted');
    assert.equal(nextState('submitted', 'approve'), 'approved');
    for (const a of LIST_ACTIONS) assert.equal(nextState('approved', a), undefined, `approved ${a}`);
  });

  test('nothing is approved or sent back before it was submitted, and a submitted list is not edited', () => {
    for (const s of LIST_STATES.filter((x) => x !== 'submitted')) {
      assert.equal(nextState(s, 'approve'), undefined, s);
      assert.equal(nextState(s, 'requestRevision'), undefined, s);
    }
    assert.equal(nextState('submitted', 'save'), undefined);
    assert.equal(nextState('submitted', 'submit'), undefined);
  });
});

describe('checking one item', () => {
  test('a not-eligible proposal without a reason is refused, naming the procedure and the reason field', () => {
    const errors = checkItem(item({ proposal: 'not_eligible', requiresPresence: true, explanation: 'Hai bên phải ký trực tiếp vào sổ.' }), { complete: false });
    assert.deepEqual(
      errors.map((e) => e.field),
      ['reason-1.001193'],
    );
    assert.match(errors[0]!.message, /Thủ tục 1\.001193 \(Đăng ký khai sinh\): không đủ điều kiện thì phải chọn lý do/);
  });

  test('a not-eligible proposal needs a plain explanation of at least 10 characters', () => {
    const errors = checkItem(item({ proposal: 'not_eligible', requiresPresence: true, reasonCode: 'co_mat_truc_tiep', explanation: 'ngắn' }), { complete: true });
    assert.deepEqual(
      errors.map((e) => e.field),
      ['explanation-1.001193'],
    );
  });

  test('the reason must agree with the conditions: "presence required" while presence is not ticked is refused', () => {
    const errors = checkItem(item({ proposal: 'not_eligible', reasonCode: 'co_mat_truc_tiep', explanation: 'Luật Hộ tịch yêu cầu có mặt.' }), { complete: true });
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.field, 'reason-1.001193');
    assert.match(errors[0]!.message, /không khớp với điều kiện đã khai/);
  });

  test('not eligible while every condition holds is refused, even with a reason without its own condition', () => {
    const errors = checkItem(item({ proposal: 'not_eligible', reasonCode: 'chua_ket_noi', explanation: 'Chưa kết nối CSDL hộ tịch.' }), { complete: true });
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.message, /ít nhất một điều kiện toàn trình chưa đáp ứng/);
    assert.deepEqual(checkItem(item({ proposal: 'not_eligible', reasonCode: 'chua_ket_noi', resultDeliverableOnlineOrPost: false, explanation: 'Chưa kết nối CSDL hộ tịch.' }), { complete: true }), []);
  });

  test('eligible while a condition fails needs an explanation; with one it is accepted', () => {
    const failing = item({ proposal: 'eligible', feePayableOnline: false });
    const errors = checkItem(failing, { complete: true });
    assert.equal(errors[0]!.field, 'explanation-1.001193');
    assert.match(errors[0]!.message, /phí, lệ phí chưa thanh toán trực tuyến được/);
    assert.deepEqual(checkItem({ ...failing, explanation: 'Kết nối thanh toán trong quý II.' }, { complete: true }), []);
    assert.deepEqual(checkItem(item({ proposal: 'eligible' }), { complete: true }), []);
  });

  test('a free procedure is not blocked by online payment', () => {
    assert.deepEqual(failingConditions({ ...ALL_OK, feePayableOnline: false }, true), []);
    assert.deepEqual(failingConditions({ ...ALL_OK, feePayableOnline: false }, false), ['feePayableOnline']);
    assert.deepEqual(checkItem(item({ proposal: 'eligible', feePayableOnline: false, noFee: true }), { complete: true }), []);
  });

  test('an undecided item is fine in a saved draft and refused on submission', () => {
    assert.deepEqual(checkItem(item(), { complete: false }), []);
    const errors = checkItem(item(), { complete: true });
    assert.equal(errors[0]!.field, 'proposal-1.001193');
    assert.match(errors[0]!.message, /chưa chọn đủ điều kiện hay không đủ điều kiện/);
  });

  test('a revision request needs flagged items and a reason', () => {
    assert.deepEqual(
      checkRevision('', []).map((e) => e.field),
      ['flag', 'revisionReason'],
    );
    assert.deepEqual(checkRevision('Thủ tục khai sinh phải ghi rõ lý do.', ['1.001193']), []);
  });
});

describe('the year of a review', () => {
  test('this year and next year are accepted; later, earlier than 2011 and non-numbers are refused naming the year', () => {
    assert.equal(checkYear('2026', 2026).year, 2026);
    assert.equal(checkYear(' 2027 ', 2026).year, 2027);
    const late = checkYear('2028', 2026);
    assert.equal(late.year, undefined);
    assert.equal(late.errors[0]!.field, 'year');
    assert.match(late.errors[0]!.message, /không được sau năm 2027/);
    assert.match(checkYear('2010', 2026).errors[0]!.message, /từ năm 2011/);
    assert.match(checkYear('hai', 2026).errors[0]!.message, /4 chữ số/);
  });
});

describe('from proposals to one catalogue decision', () => {
  const p = (unitName: string, d: Partial<ItemDecision>): UnitProposal => ({ unitName, ...ALL_OK, proposal: 'eligible', reasonCode: null, explanation: null, ...d });

  test('one unit saying not eligible makes the procedure not eligible, with each unit’s reason named', () => {
    const d = consolidate(
      [p('UBND phường A', {}), p('UBND xã B', { proposal: 'not_eligible', requiresPresence: true, reasonCode: 'co_mat_truc_tiep', explanation: 'Hai bên phải có mặt khi ký.' })],
      true,
      2026,
    );
    assert.equal(d.eligible, false);
    assert.equal(d.requiresPresence, true);
    assert.equal(d.ineligibleReason, 'UBND xã B: Luật yêu cầu có mặt trực tiếp – Hai bên phải có mặt khi ký.');
  });

  test('every unit eligible with every condition met: eligible and no reason', () => {
    const d = consolidate([p('A', {}), p('B', {})], false, 2026);
    assert.deepEqual(d, { ...ALL_OK, eligible: true });
  });

  test('a single unit’s reason carries no unit name; an eligible plan with a failing condition keeps its plan as the reason', () => {
    assert.equal(consolidate([p('A', { proposal: 'not_eligible', requiresSiteInspection: true, reasonCode: 'tham_dinh_thuc_te', explanation: 'Phải đo đạc thực địa.' })], false, 2026).ineligibleReason, 'Phải thẩm định, kiểm tra thực tế – Phải đo đạc thực địa.');
    const d = consolidate([p('A', { feePayableOnline: false, explanation: 'Kết nối thanh toán trong quý II.' })], false, 2026);
    assert.equal(d.eligible, true);
    assert.equal(d.ineligibleReason, 'Rà soát năm 2026: đề xuất đủ điều kiện, còn “phí, lệ phí chưa thanh toán trực tuyến được” cần khắc phục (Kết nối thanh toán trong quý II.).');
  });

  test('level 4 stays toàn trình only while the conditions hold', () => {
    assert.equal(levelAfter(4, ALL_OK, false), 'toan_trinh');
    assert.equal(levelAfter(4, { ...ALL_OK, requiresPresence: true }, false), 'mot_phan');
    assert.equal(levelAfter(3, ALL_OK, false), 'mot_phan');
    assert.equal(levelAfter(2, ALL_OK, false), 'none');
  });
});

describe('progress against the targets', () => {
  const f = (code: string, legacyLevel: number, dossierCount: number, free: boolean, eligible: boolean): ProcedureFacts => ({
    code,
    name: `Thủ tục ${code}`,
    legacyLevel,
    onlineLevel: legacyLevel === 4 ? 'toan_trinh' : legacyLevel === 3 ? 'mot_phan' : 'none',
    dossierCount,
    free,
    eligible,
  });
  // five procedures: two at level 3/4 (40 %); priority = receives dossiers and free: A, B, C (A at 3)
  const set = [f('1.000001', 3, 5, true, true), f('1.000002', 2, 9, true, false), f('1.000003', 1, 2, true, false), f('1.000004', 4, 0, false, true), f('1.000005', 2, 50, false, true)];

  test('counts level 3/4, priority procedures and eligible ones at level 4, by hand', () => {
    assert.deepEqual(targets(set), { total: 5, level34: 2, priority: 3, priorityAt34: 1, eligible: 3, eligibleAt4: 1, level34Met: true, eligibleAt4Met: false });
    assert.equal(targets([f('1.000001', 2, 0, true, false), f('1.000002', 2, 0, true, false), f('1.000003', 2, 0, true, false), f('1.000004', 2, 0, true, false), f('1.000005', 3, 0, true, false)]).level34Met, true, '1 of 5 is exactly 20 %');
    assert.equal(targets([f('1.000001', 2, 0, true, false), f('1.000002', 2, 0, true, false), f('1.000003', 2, 0, true, false), f('1.000004', 2, 0, true, false), f('1.000005', 2, 0, true, false), f('1.000006', 3, 0, true, false)]).level34Met, false, '1 of 6 is under 20 %');
  });

  test('what to move next: dossiers first, free first, most dossiers first', () => {
    const next = nextToMove(set);
    // 1.000001: eligible at 3; 1.000002 and 1.000003: priority at 1–2; 1.000005: eligible at 2, not free; 1.000004 is done
    assert.deepEqual(
      next.map((n) => n.code),
      ['1.000002', '1.000001', '1.000003', '1.000005'],
    );
    assert.deepEqual(next[0]!.why, ['priority_not_3']);
    assert.deepEqual(next[1]!.why, ['eligible_not_4']);
    assert.deepEqual(next[3]!.why, ['eligible_not_4']);
  });

  test('percentages have one decimal with a Vietnamese comma, and a dash when there is nothing to count', () => {
    assert.equal(percent(1, 3), '33,3 %');
    assert.equal(percent(44, 47), '93,6 %');
    assert.equal(percent(2, 2), '100,0 %');
    assert.equal(percent(0, 0), '–');
  });
});
