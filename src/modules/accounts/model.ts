// Accounts and roles: pure rules, no I/O.
import type { FieldError } from '../../platform/errors';
import type { Role } from '../../platform/db/schema';

export type { Role };

export const ROLES: readonly Role[] = ['citizen', 'business', 'counter', 'specialist', 'leader', 'admin', 'auditor'];
export const APPLICANT_ROLES: readonly Role[] = ['citizen', 'business'];
export const OFFICER_ROLES: readonly Role[] = ['counter', 'specialist', 'leader', 'admin', 'auditor'];

export const ROLE_LABELS: Record<Role, string> = {
  citizen: 'Công dân',
  business: 'Tổ chức, doanh nghiệp',
  counter: 'Cán bộ một cửa',
  specialist: 'Chuyên viên',
  leader: 'Lãnh đạo',
  admin: 'Quản trị',
  auditor: 'Kiểm tra',
};

export function isOfficer(role: Role): boolean {
  return OFFICER_ROLES.includes(role);
}

/** Vietnamese mobile and landline numbers: 0 + 9 digits, or +84 / 84 + 9 digits. */
export function normalizePhone(input: string): string | null {
  const digits = input.replace(/[\s.\-()]/g, '');
  const m = /^(?:\+?84|0)(\d{9})$/.exec(digits);
  return m ? `0${m[1]}` : null;
}

export function normalizeEmail(input: string): string | null {
  const e = input.trim().toLowerCase();
  return /^[^\s@]{1,64}@[^\s@]{1,253}\.[a-z]{2,}$/.test(e) ? e : null;
}

/** What a person types to log in: a user name, a phone number or an e-mail address. */
export function loginKey(input: string): { username: string; phone: string | null; email: string | null } {
  const trimmed = input.trim();
  return { username: trimmed.toLowerCase(), phone: normalizePhone(trimmed), email: normalizeEmail(trimmed) };
}

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export function passwordProblems(password: string, field: string, contact?: string): FieldError[] {
  if (password.length < PASSWORD_MIN) return [{ field, message: `Mật khẩu phải có ít nhất ${PASSWORD_MIN} ký tự` }];
  if (password.length > PASSWORD_MAX) return [{ field, message: `Mật khẩu không được dài quá ${PASSWORD_MAX} ký tự` }];
  if (/^(.)\1*$/.test(password)) return [{ field, message: 'Mật khẩu không được chỉ gồm một ký tự lặp lại' }];
  if (contact && password.toLowerCase().includes(contact.toLowerCase())) {
    return [{ field, message: 'Mật khẩu không được chứa số điện thoại hoặc thư điện tử của bạn' }];
  }
  return [];
}

export interface RegistrationInput {
  fullName: string;
  contact: string;
  password: string;
  passwordConfirm: string;
  kind: 'citizen' | 'business';
}

export interface Registration {
  fullName: string;
  username: string;
  phone: string | null;
  email: string | null;
  role: 'citizen' | 'business';
}

export function checkRegistration(input: RegistrationInput): { errors: FieldError[]; value?: Registration } {
  const errors: FieldError[] = [];
  const fullName = input.fullName.trim().replace(/\s+/g, ' ');
  if (fullName.length < 2) errors.push({ field: 'fullName', message: 'Nhập họ và tên (hoặc tên tổ chức)' });
  else if (fullName.length > 200) errors.push({ field: 'fullName', message: 'Họ và tên không được dài quá 200 ký tự' });
  else if (/[<>{}\\]|\p{Cc}/u.test(fullName)) errors.push({ field: 'fullName', message: 'Họ và tên chứa ký tự không hợp lệ' });

  const contact = input.contact.trim();
  const phone = normalizePhone(contact);
  const email = phone ? null : normalizeEmail(contact);
  if (!contact) errors.push({ field: 'contact', message: 'Nhập số điện thoại hoặc địa chỉ thư điện tử' });
  else if (!phone && !email) {
    errors.push({ field: 'contact', message: 'Số điện thoại hoặc thư điện tử không đúng định dạng (ví dụ: 0912345678 hoặc ten@vidu.vn)' });
  }

  errors.push(...passwordProblems(input.password, 'password', phone ?? email ?? undefined));
  if (input.password !== input.passwordConfirm) errors.push({ field: 'passwordConfirm', message: 'Mật khẩu nhập lại không khớp' });
  if (input.kind !== 'citizen' && input.kind !== 'business') errors.push({ field: 'kind', message: 'Chọn loại tài khoản' });

  if (errors.length > 0) return { errors };
  return { errors, value: { fullName, username: (phone ?? email) as string, phone, email, role: input.kind } };
}

/** Lock-out after repeated wrong passwords. */
export interface LockoutPolicy {
  maxFailures: number;
  lockMinutes: number;
}

export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}

export function afterFailedLogin(failedLogins: number, now: Date, policy: LockoutPolicy): { failedLogins: number; lockedUntil: Date | null } {
  const failures = failedLogins + 1;
  if (failures >= policy.maxFailures) return { failedLogins: 0, lockedUntil: new Date(now.getTime() + policy.lockMinutes * 60_000) };
  return { failedLogins: failures, lockedUntil: null };
}
