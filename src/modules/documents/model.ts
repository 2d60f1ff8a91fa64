// Pure rules of issued documents: the public verification code, what a check of an uploaded
// file concludes, and the revocation reason.
import { randomBytes } from 'node:crypto';
import type { FieldError } from '../../platform/errors';

// Crockford base32: no I, L, O, U, so a code read aloud or typed from paper is unambiguous
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

/** 80 random bits as XXXX-XXXX-XXXX-XXXX: printed on the document, impossible to guess. */
export function newVerificationCode(bytes: Buffer = randomBytes(10)): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes.subarray(0, 10)) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out.match(/.{4}/g)!.join('-');
}

/** A code as a person typed it (lower case, spaces, O for 0, I or L for 1) in its printed form; undefined if it cannot be one. */
export function normaliseCode(input: string): string | undefined {
  const raw = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(raw)) return undefined;
  return raw.match(/.{4}/g)!.join('-');
}

export function verifyUrl(publicUrl: string, code: string): string {
  return `${publicUrl}/xac-thuc/${code}`;
}

export type DocumentKind = 'result' | 'receipt';
export const KIND_LABELS: Record<DocumentKind, string> = {
  result: 'Kết quả giải quyết thủ tục hành chính',
  receipt: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
};

/** What a check of an uploaded PDF concludes. */
export type Verdict = 'valid' | 'tampered' | 'unknown' | 'revoked';

export const VERDICT_TITLES: Record<Verdict, string> = {
  valid: 'Văn bản hợp lệ',
  tampered: 'Văn bản đã bị thay đổi sau khi ký',
  unknown: 'Không xác định được văn bản',
  revoked: 'Văn bản đã bị thu hồi',
};

/** Why an upload is unknown, in words for the person who uploaded it. */
export const UNKNOWN_REASONS = {
  unsigned: 'Tệp không có chữ ký số. Bản điện tử có giá trị pháp lý do hệ thống cấp luôn có chữ ký số của cơ quan ban hành.',
  untrusted: 'Tệp có chữ ký số, nhưng chữ ký không thuộc cơ quan nhà nước nào được hệ thống tin cậy.',
  unregistered: 'Tệp có chữ ký số hợp lệ nhưng không trùng khớp với văn bản nào do hệ thống cấp. Hãy kiểm tra bằng mã xác thực in trên văn bản.',
} as const;

export const REVOKE_REASON_MIN = 10;
export const REVOKE_REASON_MAX = 500;

export function checkRevokeReason(reason: string | undefined): FieldError[] {
  const r = reason?.trim() ?? '';
  if (r.length < REVOKE_REASON_MIN) return [{ field: 'reason', message: `Nhập lý do thu hồi (ít nhất ${REVOKE_REASON_MIN} ký tự)` }];
  if (r.length > REVOKE_REASON_MAX) return [{ field: 'reason', message: `Lý do thu hồi dài quá ${REVOKE_REASON_MAX} ký tự` }];
  return [];
}

/** The SHA-256 for people: groups of 8 hex digits. */
export function groupedHash(hex: string): string {
  return hex.match(/.{1,8}/g)?.join(' ') ?? hex;
}
