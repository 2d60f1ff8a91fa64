// VNPay signing against fixed vectors. The expected strings are written out by hand from VNPay's
// documented algorithm and the hashes were computed outside this code, with
//   printf '%s' '<string>' | openssl dgst -sha512 -hmac 'test-hash-secret-0123456789'
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { apiHash, outcomeOf, parseVnpDate, QUERYDR_REQUEST_ORDER, REFUND_REQUEST_ORDER, verifyParams, vnpDate, VnpayGateway } from './vnpay';

const SECRET = 'test-hash-secret-0123456789';
const gateway = new VnpayGateway({ url: 'https://sandbox.vnpayment.vn/paymentv2/vpcpay.html', apiUrl: 'https://sandbox.vnpayment.vn/merchant_webapi/api/transaction', tmnCode: 'TEST0001', hashSecret: SECRET });

// sorted by name, values encodeURIComponent with %20 as '+', joined by '&'
const SIGNED =
  'vnp_Amount=1600000&vnp_Command=pay&vnp_CreateDate=20260315103000&vnp_CurrCode=VND&vnp_ExpireDate=20260315104500&vnp_IpAddr=127.0.0.1&vnp_Locale=vn' +
  '&vnp_OrderInfo=Nop+phi+ho+so+H37.01-260315-0001&vnp_OrderType=billpayment&vnp_ReturnUrl=http%3A%2F%2Flocalhost%3A3000%2Fthanh-toan%2Fvnpay%2Fket-qua' +
  '&vnp_TmnCode=TEST0001&vnp_TxnRef=MC260315103000123456&vnp_Version=2.1.0';
const SIGNED_HASH = 'd6136d96c3c3eb14b732c1c98f11a6eefa716150fc74fb10022a8826985ee0d1da662971cb14f108b4825891b95cb6a9be85c49498bdd7ad7e7e8f3859ba33ef';

function paymentUrl(): string {
  return gateway.paymentUrl({
    txnRef: 'MC260315103000123456',
    amount: 16_000,
    orderInfo: 'Nop phi ho so H37.01-260315-0001',
    returnUrl: 'http://localhost:3000/thanh-toan/vnpay/ket-qua',
    ipAddr: '127.0.0.1',
    createdAt: new Date('2026-03-15T03:30:00Z'), // 10:30 in Vietnam
    expiresAt: new Date('2026-03-15T03:45:00Z'),
  });
}

test('the payment URL carries the sorted, encoded parameters and their HMAC-SHA512 as VNPay documents it', () => {
  assert.equal(createHmac('sha512', SECRET).update(SIGNED).digest('hex'), SIGNED_HASH, 'the hand-made vector holds');
  assert.equal(paymentUrl(), `https://sandbox.vnpayment.vn/paymentv2/vpcpay.html?${SIGNED}&vnp_SecureHash=${SIGNED_HASH}`);
});

test('dates are yyyyMMddHHmmss in GMT+7 whatever the server zone, and parse back', () => {
  assert.equal(vnpDate(new Date('2026-12-31T17:00:00Z')), '20270101000000');
  assert.equal(parseVnpDate('20270101000000')?.toISOString(), '2026-12-31T17:00:00.000Z');
  assert.equal(parseVnpDate('2027-01-01'), null);
});

test('a result is verified over every vnp_ parameter except the hash and its type', () => {
  const q = Object.fromEntries(new URL(paymentUrl()).searchParams);
  assert.equal(q.vnp_OrderInfo, 'Nop phi ho so H37.01-260315-0001', "'+' decodes to a space");
  assert.ok(verifyParams(SECRET, q));
  assert.ok(verifyParams(SECRET, { ...q, vnp_SecureHashType: 'HmacSHA512' }), 'vnp_SecureHashType is not signed');
  assert.ok(!verifyParams(SECRET, { ...q, vnp_Amount: '1600100' }), 'a changed amount breaks it');
  assert.ok(!verifyParams(SECRET, { ...q, vnp_Extra: 'x' }), 'an added vnp_ parameter breaks it');
  assert.ok(!verifyParams('another-secret-000', q), 'another secret breaks it');
  const { vnp_SecureHash: _h, ...unsigned } = q;
  assert.ok(!verifyParams(SECRET, unsigned), 'no hash, no trust');
});

test("querydr and refund hash their fields joined by '|' in VNPay's documented order", () => {
  const query = {
    vnp_RequestId: 'req001',
    vnp_Version: '2.1.0',
    vnp_Command: 'querydr',
    vnp_TmnCode: 'TEST0001',
    vnp_TxnRef: 'MC260315103000123456',
    vnp_OrderInfo: 'Nop phi ho so H37.01-260315-0001',
    vnp_TransactionDate: '20260315103000',
    vnp_CreateDate: '20260315110000',
    vnp_IpAddr: '127.0.0.1',
  };
  // 'req001|2.1.0|querydr|TEST0001|MC260315103000123456|20260315103000|20260315110000|127.0.0.1|Nop phi ho so H37.01-260315-0001'
  assert.equal(apiHash(SECRET, QUERYDR_REQUEST_ORDER, query), 'ae936fa4c702e94dd1900767d348f319892d78204931865493b715ceeaec11e805a2da3e6f5f30580e6463728a00aa5d4d0e06789acd4fd8cb0e44b5306056e3');
  const refund = {
    vnp_RequestId: 'req002',
    vnp_Version: '2.1.0',
    vnp_Command: 'refund',
    vnp_TmnCode: 'TEST0001',
    vnp_TransactionType: '03',
    vnp_TxnRef: 'MC260315103000123456',
    vnp_Amount: '800000',
    vnp_TransactionNo: '14000001',
    vnp_TransactionDate: '20260315103000',
    vnp_CreateBy: 'chutichxa',
    vnp_CreateDate: '20260316090000',
    vnp_IpAddr: '127.0.0.1',
    vnp_OrderInfo: 'Hoan phi',
  };
  // 'req002|2.1.0|refund|TEST0001|03|MC260315103000123456|800000|14000001|20260315103000|chutichxa|20260316090000|127.0.0.1|Hoan phi'
  assert.equal(apiHash(SECRET, REFUND_REQUEST_ORDER, refund), '3c2d843c60ab492e8e9c8d47a4b566b97275ef1ae766e97372d81cc68c81db076aec9be6f4210002f35a1b56e1717a873f4b856d8016173f4dea4864507457dd');
});

test('response codes map to outcomes: both 00 succeed, 24 cancelled, 11 expired, others failed', () => {
  assert.equal(outcomeOf('00', '00'), 'succeeded');
  assert.equal(outcomeOf('00', '02'), 'failed');
  assert.equal(outcomeOf('24', '02'), 'cancelled');
  assert.equal(outcomeOf('11', '02'), 'expired');
  assert.equal(outcomeOf('51', '02'), 'failed');
  assert.equal(outcomeOf('99', '01'), 'pending');
});

test('the IPN answers are VNPay\'s', () => {
  assert.deepEqual(gateway.notificationAnswer('00'), { RspCode: '00', Message: 'Confirm Success' });
  assert.deepEqual(gateway.notificationAnswer('97'), { RspCode: '97', Message: 'Invalid signature' });
});
