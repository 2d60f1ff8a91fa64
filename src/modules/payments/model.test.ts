import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FeeRule } from '../catalogue';
import { amountDue, feeLines, feeQueryFrom, holdsMoney, newTxnRef, nextPaymentState, POSTAGE_LABEL, receiptNumber, refundable } from './model';

test('the payment state machine: only the listed moves, refunds only after success', () => {
  assert.equal(nextPaymentState('created', 'redirect'), 'pending');
  assert.equal(nextPaymentState('pending', 'succeed'), 'succeeded');
  assert.equal(nextPaymentState('pending', 'cancel'), 'cancelled');
  assert.equal(nextPaymentState('succeeded', 'succeed'), undefined, 'a second success is no move');
  assert.equal(nextPaymentState('failed', 'succeed'), undefined);
  assert.equal(nextPaymentState('pending', 'refundFull'), undefined);
  assert.equal(nextPaymentState('succeeded', 'refundPartly'), 'partly_refunded');
  assert.equal(nextPaymentState('partly_refunded', 'refundFull'), 'refunded');
  assert.equal(nextPaymentState('refunded', 'refundPartly'), undefined);
});

const rules: FeeRule[] = [
  { type: 'by_resolution', kind: 'le_phi', label: 'Lệ phí quá hạn', setByProvince: true, variant: 'qua_han' },
  { type: 'exemption', kind: 'le_phi', label: 'Miễn lệ phí', setByProvince: false, categories: ['ho_ngheo'], description: 'Hộ nghèo', exempts: ['le_phi'] },
  { type: 'per_copy', kind: 'phi', label: 'Phí cấp bản sao', setByProvince: false, amountPerCopy: 8000, variant: 'cap_ban_sao' },
  { type: 'fixed', kind: 'le_phi', label: 'Lệ phí (nộp trực tiếp)', setByProvince: false, amount: 20000, channels: ['truc_tiep'] },
  { type: 'fixed', kind: 'le_phi', label: 'Lệ phí (nộp trực tuyến)', setByProvince: false, amount: 10000, channels: ['truc_tuyen'] },
];

test('the fee comes from the answers: copies asked for, the online rate, exemptions by category', () => {
  assert.deepEqual(feeLines(rules, feeQueryFrom({ banSao: true, soBanSao: 2 })), {
    lines: [
      { label: 'Phí cấp bản sao', amount: 16000 },
      { label: 'Lệ phí (nộp trực tuyến)', amount: 10000 },
    ],
    total: 26000,
  });
  assert.equal(feeLines(rules, feeQueryFrom({ banSao: 'false', soBanSao: '3' })).total, 10000, 'no copies asked, no copy fee');
  assert.equal(feeLines(rules, feeQueryFrom({ banSao: 'true', soBanSao: '3', doiTuong: 'ho_ngheo' })).total, 24000, 'the exemption removes the lệ phí only');
});

test('references, receipts and the refundable rest', () => {
  assert.match(newTxnRef(new Date('2026-03-15T03:30:00Z'), () => 0.5), /^MC260315103000500000$/);
  assert.equal(receiptNumber(2026, 42), 'BL26-000042');
  assert.equal(refundable({ amount: 16000, refundedAmount: 6000 }, 4000), 6000);
  assert.equal(refundable({ amount: 16000, refundedAmount: 16000 }, 0), 0);
});

test('what is due: the fee with the postage at first, the postage alone (or what is missing of it) after the fee was paid', () => {
  const fee = { lines: [{ label: 'Phí cấp bản sao', amount: 16000 }], total: 16000 };
  assert.deepEqual(amountDue(fee, 0, []), { purpose: 'fee', lines: fee.lines, total: 16000, postage: 0 });
  assert.deepEqual(amountDue(fee, 13000, []), { purpose: 'fee', lines: [...fee.lines, { label: POSTAGE_LABEL, amount: 13000 }], total: 29000, postage: 13000 });
  assert.equal(amountDue(fee, 0, [{ purpose: 'fee', postage: 0 }]), undefined, 'paid: nothing more');
  assert.deepEqual(amountDue(fee, 13000, [{ purpose: 'fee', postage: 0 }]), { purpose: 'postage', lines: [{ label: POSTAGE_LABEL, amount: 13000 }], total: 13000, postage: 13000 });
  assert.equal(amountDue(fee, 13000, [{ purpose: 'fee', postage: 13000 }]), undefined, 'the postage went with the fee');
  // a farther address after paying: only the difference
  assert.deepEqual(amountDue(fee, 20000, [{ purpose: 'fee', postage: 13000 }])?.total, 7000);
  assert.match(amountDue(fee, 20000, [{ purpose: 'fee', postage: 13000 }])!.lines[0]!.label, /phần còn thiếu/);
  // no fee at all: the postage is still paid online
  assert.deepEqual(amountDue({ lines: [], total: 0 }, 13000, []), { purpose: 'postage', lines: [{ label: POSTAGE_LABEL, amount: 13000 }], total: 13000, postage: 13000 });
  assert.equal(amountDue({ lines: [], total: 0 }, 0, []), undefined);
});

test('a payment holds money when paid and not flagged for a refund as paid twice', () => {
  assert.equal(holdsMoney({ state: 'succeeded', refundDue: false }), true);
  assert.equal(holdsMoney({ state: 'partly_refunded', refundDue: false }), true);
  assert.equal(holdsMoney({ state: 'succeeded', refundDue: true }), false);
  assert.equal(holdsMoney({ state: 'refunded', refundDue: false }), false);
  assert.equal(holdsMoney({ state: 'pending', refundDue: false }), false);
});
