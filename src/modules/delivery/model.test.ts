import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canMove, checkChoice, normalisePhone, s10Valid, SHIPMENT_MOVES, timelineNote, type ShipmentState } from './model';

test('a shipment only moves forward; delivered, returned and cancelled are final', () => {
  assert.ok(canMove('pending', 'accepted'));
  assert.ok(canMove('accepted', 'in_transit'), 'a lost webhook may be skipped');
  assert.ok(canMove('out_for_delivery', 'returned'));
  assert.ok(!canMove('delivered', 'in_transit'));
  assert.ok(!canMove('in_transit', 'picked_up'), 'a late report does not move it back');
  assert.ok(!canMove('accepted', 'accepted'), 'the same status twice is no change');
  assert.ok(!canMove('picked_up', 'cancelled'), 'no cancelling once the post has it');
  for (const end of ['delivered', 'returned', 'cancelled'] as ShipmentState[]) assert.deepEqual(SHIPMENT_MOVES[end], []);
});

test('the timeline says each step in Vietnamese, with the number and the reason of a return', () => {
  assert.equal(timelineNote('picked_up', 'EB123456785VN'), 'Bưu điện đã nhận bưu gửi kết quả (số hiệu bưu gửi EB123456785VN).');
  assert.match(timelineNote('in_transit', 'EB123456785VN'), /^Đang vận chuyển/);
  assert.match(timelineNote('delivered', null), /^Đã phát thành công/);
  assert.match(timelineNote('returned', 'EB123456785VN', 'Sai địa chỉ'), /^Chuyển hoàn: Sai địa chỉ \(số hiệu bưu gửi EB123456785VN\)/);
});

test('the address form names every wrong field in Vietnamese; a good one is kept tidy', () => {
  const provinces = [{ code: 'ubnd-tinh', name: 'tỉnh Lạng Sơn' }];
  const communes = [{ code: 'p-luong-van-tri', name: 'phường Lương Văn Tri' }];
  const bad = checkChoice({ province: 'x', commune: 'y', detail: ' ', recipient: 'A', phone: '0123' }, provinces, communes);
  assert.deepEqual(bad.errors.map((e) => e.field), ['province', 'commune', 'detail', 'recipient', 'phone']);
  assert.ok(bad.errors.every((e) => /^(Tỉnh, thành phố|Xã, phường|Địa chỉ chi tiết|Người nhận|Số điện thoại người nhận):/.test(e.message)));
  const ok = checkChoice({ province: 'ubnd-tinh', commune: 'p-luong-van-tri', detail: '  Số 5   ngõ 2 ', recipient: ' Hoàng  Thị Mai ', phone: '+84 912.345.678' }, provinces, communes);
  assert.deepEqual(ok.errors, []);
  assert.deepEqual(ok.value, { recipient: 'Hoàng Thị Mai', phone: '0912345678', address: { provinceCode: 'ubnd-tinh', province: 'tỉnh Lạng Sơn', communeCode: 'p-luong-van-tri', commune: 'phường Lương Văn Tri', detail: 'Số 5 ngõ 2' } });
  assert.equal(checkChoice({ ...ok.value, province: 'ubnd-tinh', commune: 'p-luong-van-tri', detail: 'Số 5 ngõ 2', phone: '0212345678' }, provinces, communes).errors[0]?.field, 'phone', 'a landline cannot take the postman’s call');
});

test('phone numbers are read as people write them', () => {
  assert.equal(normalisePhone('0912 345 678'), '0912345678');
  assert.equal(normalisePhone('84912345678'), '0912345678');
  assert.equal(normalisePhone('(091) 234-5678'), '0912345678');
});

test('S10 tracking numbers carry a check digit that catches a mistyped digit', () => {
  assert.ok(s10Valid('EB123456785VN'));
  assert.ok(!s10Valid('EB123456786VN'));
  assert.ok(!s10Valid('EB12345678VN'));
  assert.ok(s10Valid('RR473124829GB'), 'a published S10 example');
});
