// Delivery by the public postal service (BCCI): the states of a shipment, the changes a status
// report may make, what the timeline says at each, and the check of a delivery address.
import type { ShipmentState } from '../../platform/db/schema';
import type { FieldError } from '../../platform/errors';

export type { ShipmentState };

/** An envelope with the result (a few A4 sheets): the weight the postage is quoted for. */
export const RESULT_WEIGHT_GRAMS = 100;

/** For the desk's pages. */
export const SHIPMENT_STATE_LABELS: Record<ShipmentState, string> = {
  pending: 'Chờ gửi yêu cầu cho bưu điện',
  accepted: 'Bưu điện đã nhận yêu cầu',
  picked_up: 'Bưu điện đã nhận bưu gửi',
  in_transit: 'Đang vận chuyển',
  out_for_delivery: 'Đang phát',
  delivered: 'Đã phát thành công',
  returned: 'Chuyển hoàn',
  cancelled: 'Đã hủy',
};

/**
 * The changes a shipment may make. A status report may skip ahead (a lost webhook), never go
 * back: a late report of an earlier status is recorded and changes nothing.
 */
export const SHIPMENT_MOVES = {
  pending: ['accepted', 'picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'returned', 'cancelled'],
  accepted: ['picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'returned', 'cancelled'],
  picked_up: ['in_transit', 'out_for_delivery', 'delivered', 'returned'],
  in_transit: ['out_for_delivery', 'delivered', 'returned'],
  out_for_delivery: ['delivered', 'returned'],
  delivered: [],
  returned: [],
  cancelled: [],
} as const satisfies Record<ShipmentState, readonly ShipmentState[]>;

export function canMove(from: ShipmentState, to: ShipmentState): boolean {
  return (SHIPMENT_MOVES[from] as readonly ShipmentState[]).includes(to);
}

/** The line on the dossier's public timeline (tracking page, the applicant's page) for a status. */
export function timelineNote(state: ShipmentState, trackingNumber: string | null, reason?: string | null): string {
  const no = trackingNumber ? ` (số hiệu bưu gửi ${trackingNumber})` : '';
  switch (state) {
    case 'pending':
      return 'Đang chuẩn bị gửi kết quả qua bưu chính công ích.';
    case 'accepted':
      return `Đã gửi yêu cầu chuyển phát kết quả qua bưu chính công ích${no}.`;
    case 'picked_up':
      return `Bưu điện đã nhận bưu gửi kết quả${no}.`;
    case 'in_transit':
      return `Đang vận chuyển kết quả${no}.`;
    case 'out_for_delivery':
      return `Bưu tá đang phát kết quả${no}.`;
    case 'delivered':
      return `Đã phát thành công kết quả cho người nhận${no}.`;
    case 'returned':
      return `Chuyển hoàn: ${reason?.trim() || 'bưu điện không phát được'}${no}. Vui lòng liên hệ bộ phận một cửa để nhận kết quả.`;
    case 'cancelled':
      return `Đã hủy yêu cầu chuyển phát kết quả${no}.`;
  }
}

// ---------------------------------------------------------------------------------------------
// The applicant's choice: where and to whom the result goes
// ---------------------------------------------------------------------------------------------

export interface DeliveryAddress {
  provinceCode: string;
  province: string;
  communeCode: string;
  commune: string;
  detail: string;
}

export interface DeliveryChoice {
  recipient: string;
  phone: string;
  address: DeliveryAddress;
  /** The postage quoted by the postal service for this address, integer đồng. */
  postage: number;
  weightGrams: number;
  zone: string;
  chosenAt: string;
  /**
   * The postage is paid online (an online dossier on a portal with a payment gateway): the desk
   * may not post the result before it is paid (issue 10). Absent on older choices: paid at the desk.
   */
  payOnline?: boolean;
}

export interface ChoiceInput {
  province?: string;
  commune?: string;
  detail?: string;
  recipient?: string;
  phone?: string;
}

export interface Place {
  code: string;
  name: string;
}

/** 0912 345 678, +84 912 345 678, 84912345678 → 0912345678 */
export function normalisePhone(raw: string): string {
  const digits = raw.replace(/[\s.\-()]/g, '');
  if (/^\+?84\d{9}$/.test(digits)) return `0${digits.replace(/^\+?84/, '')}`;
  return digits;
}

/** "Ủy ban nhân dân phường Lương Văn Tri" → "phường Lương Văn Tri"; "… tỉnh Lạng Sơn" → "tỉnh Lạng Sơn". */
export function placeName(unitName: string): string {
  return unitName.replace(/^(Ủy ban nhân dân|UBND)\s+/iu, '').trim();
}

/** Checks the address form; every error names its field in Vietnamese. */
export function checkChoice(input: ChoiceInput, provinces: readonly Place[], communes: readonly Place[]): { value?: Omit<DeliveryChoice, 'postage' | 'weightGrams' | 'zone' | 'chosenAt' | 'payOnline'>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const province = provinces.find((p) => p.code === input.province);
  if (!province) errors.push({ field: 'province', message: 'Tỉnh, thành phố: chọn trong danh sách' });
  const commune = communes.find((c) => c.code === input.commune);
  if (!commune) errors.push({ field: 'commune', message: 'Xã, phường: chọn xã, phường nơi nhận kết quả trong danh sách' });
  const detail = (input.detail ?? '').trim().replace(/\s+/g, ' ');
  if (detail.length < 5) errors.push({ field: 'detail', message: 'Địa chỉ chi tiết: nhập số nhà, tên đường hoặc thôn, xóm (ít nhất 5 ký tự)' });
  else if (detail.length > 200) errors.push({ field: 'detail', message: 'Địa chỉ chi tiết: dài quá 200 ký tự' });
  const recipient = (input.recipient ?? '').trim().replace(/\s+/g, ' ');
  if (recipient.length < 3) errors.push({ field: 'recipient', message: 'Người nhận: nhập họ và tên người nhận kết quả' });
  else if (recipient.length > 100) errors.push({ field: 'recipient', message: 'Người nhận: họ và tên dài quá 100 ký tự' });
  else if (/[<>{}\d]/.test(recipient)) errors.push({ field: 'recipient', message: 'Người nhận: họ và tên không chứa chữ số hoặc ký tự đặc biệt' });
  const phone = normalisePhone(input.phone ?? '');
  if (!/^0[35789]\d{8}$/.test(phone)) errors.push({ field: 'phone', message: 'Số điện thoại người nhận: nhập số di động 10 chữ số, bắt đầu bằng 0 (ví dụ 0912345678)' });
  if (errors.length > 0) return { errors };
  return {
    value: { recipient, phone, address: { provinceCode: province!.code, province: province!.name, communeCode: commune!.code, commune: commune!.name, detail } },
    errors,
  };
}

/** One line for labels and pages: "Số 5 ngõ 2, phường Lương Văn Tri, tỉnh Lạng Sơn". */
export function addressLine(a: Pick<DeliveryAddress, 'detail' | 'commune' | 'province'>): string {
  return `${a.detail}, ${a.commune}, ${a.province}`;
}

/** A tracking number as VNPost prints it (UPU S10): two letters, eight digits, a check digit, VN. */
export const TRACKING_NUMBER_PATTERN = /^[A-Z]{2}\d{9}[A-Z]{2}$/;

/** Whether the S10 check digit of a tracking number is right (typos when the desk types one). */
export function s10Valid(no: string): boolean {
  if (!TRACKING_NUMBER_PATTERN.test(no)) return false;
  const digits = no.slice(2, 10);
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  const sum = [...digits].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  const c = 11 - (sum % 11);
  return Number(no[10]) === (c === 10 ? 0 : c === 11 ? 5 : c);
}
