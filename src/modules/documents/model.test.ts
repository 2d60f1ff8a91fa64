import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkRevokeReason, CODE_PATTERN, newVerificationCode, normaliseCode } from './model';

test('a verification code carries all 80 random bits, in four groups of unambiguous characters', () => {
  assert.equal(newVerificationCode(Buffer.alloc(10, 0)), '0000-0000-0000-0000');
  assert.equal(newVerificationCode(Buffer.alloc(10, 0xff)), 'ZZZZ-ZZZZ-ZZZZ-ZZZZ');
  // one bit changed anywhere changes the code
  const codes = new Set(Array.from({ length: 80 }, (_, bit) => {
    const b = Buffer.alloc(10, 0);
    b[bit >> 3] = 0x80 >> (bit & 7);
    return newVerificationCode(b);
  }));
  assert.equal(codes.size, 80);
  for (let i = 0; i < 200; i++) assert.match(newVerificationCode(), CODE_PATTERN);
  assert.doesNotMatch(newVerificationCode(), /[ILOU]/);
});

test('a code typed from paper is read as printed: case, spaces, dashes, O for 0 and I or L for 1', () => {
  assert.equal(normaliseCode('pdns cgcc 2qt1 tjzr'), 'PDNS-CGCC-2QT1-TJZR');
  assert.equal(normaliseCode('PDNS-CGCC-2QTI-TJZR'), 'PDNS-CGCC-2QT1-TJZR');
  assert.equal(normaliseCode('o0o0-l1l1-0000-0000'), '0000-1111-0000-0000');
  assert.equal(normaliseCode('PDNS-CGCC-2QT1'), undefined);
  assert.equal(normaliseCode('PDNS-CGCC-2QT1-TJZU'), undefined, 'U is not in the alphabet');
  assert.equal(normaliseCode('<script>'), undefined);
});

test('a revocation needs a reason of 10 to 500 characters, named by its field', () => {
  assert.deepEqual(checkRevokeReason('   ngắn  ').map((e) => e.field), ['reason']);
  assert.deepEqual(checkRevokeReason(undefined).map((e) => e.field), ['reason']);
  assert.deepEqual(checkRevokeReason('x'.repeat(501)).map((e) => e.message), ['Lý do thu hồi dài quá 500 ký tự']);
  assert.deepEqual(checkRevokeReason('Cấp nhầm số định danh.'), []);
});
