// Acting for someone else (issue 9, item 2): pure rules, no I/O. A citizen submits online for
// a family member (thân nhân) or as an authorised person (người được ủy quyền, with the giấy ủy
// quyền attached), or a staff member submits for their organisation. The person the dossier is
// about fills the tờ khai's applicant fields; who submitted, and in what capacity, is recorded
// beside it (drafts.acting_for, dossiers.acting_for).
import type { ActingFor } from '../../platform/db/schema';
import type { FieldError } from '../../platform/errors';
import type { DossierComponent } from '../catalogue';

export type { ActingFor };

/** What the citizen chooses when starting a draft. */
export const CAPACITIES = ['self', 'relative', 'authorised'] as const;
export type Capacity = (typeof CAPACITIES)[number];

export const CAPACITY_LABELS: Record<Capacity, string> = {
  self: 'Cho bản thân tôi',
  relative: 'Nộp thay cho thân nhân (cha, mẹ, vợ, chồng, con…)',
  authorised: 'Là người được ủy quyền (có giấy ủy quyền)',
};

/** The family relationships a citizen may submit for, as the subject is to the submitter. */
export const RELATIONSHIPS = [
  { value: 'cha', label: 'Cha' },
  { value: 'me', label: 'Mẹ' },
  { value: 'vo', label: 'Vợ' },
  { value: 'chong', label: 'Chồng' },
  { value: 'con', label: 'Con' },
  { value: 'anh-chi-em', label: 'Anh, chị, em ruột' },
  { value: 'ong-ba', label: 'Ông, bà' },
  { value: 'chau', label: 'Cháu' },
] as const;

export function relationshipLabel(value: string): string {
  return RELATIONSHIPS.find((r) => r.value === value)?.label ?? value;
}

export interface ActingForInput {
  capacity?: string;
  subjectName?: string;
  subjectIdNumber?: string;
  relationship?: string;
}

const BAD_CHARS = /[<>{}\\]|\p{Cc}/u;

/**
 * Checks the choice made when starting a draft. `undefined` value: the citizen submits for
 * themself. The subject's ID number must differ from the submitter's own.
 */
export function checkActingFor(input: ActingForInput, submitterIdNumber: string | null): { errors: FieldError[]; value?: ActingFor | undefined } {
  const capacity = CAPACITIES.find((c) => c === (input.capacity ?? 'self'));
  if (!capacity) return { errors: [{ field: 'capacity', message: 'Chọn bạn nộp hồ sơ cho ai' }] };
  if (capacity === 'self') return { errors: [] };
  const errors: FieldError[] = [];
  const who = capacity === 'relative' ? 'thân nhân' : 'người ủy quyền';
  const name = (input.subjectName ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
  if (name.length < 2) errors.push({ field: 'subjectName', message: `Nhập họ và tên của ${who}` });
  else if (name.length > 100) errors.push({ field: 'subjectName', message: `Họ và tên của ${who} không được dài quá 100 ký tự` });
  else if (BAD_CHARS.test(name)) errors.push({ field: 'subjectName', message: `Họ và tên của ${who} chứa ký tự không hợp lệ` });
  const idNumber = (input.subjectIdNumber ?? '').replace(/\s+/g, '');
  if (!idNumber) errors.push({ field: 'subjectIdNumber', message: `Nhập số định danh cá nhân của ${who}` });
  else if (!/^\d{12}$/.test(idNumber)) errors.push({ field: 'subjectIdNumber', message: `Số định danh cá nhân của ${who} phải gồm đúng 12 chữ số` });
  else if (submitterIdNumber && idNumber === submitterIdNumber) {
    errors.push({ field: 'subjectIdNumber', message: `Số định danh cá nhân của ${who} trùng với của bạn; nếu nộp cho bản thân, hãy chọn “${CAPACITY_LABELS.self}”` });
  }
  let relationship = '';
  if (capacity === 'relative') {
    relationship = RELATIONSHIPS.find((r) => r.value === input.relationship)?.value ?? '';
    if (!relationship) errors.push({ field: 'relationship', message: 'Chọn quan hệ của thân nhân với bạn trong danh sách' });
  }
  if (errors.length > 0) return { errors };
  return { errors, value: capacity === 'relative' ? { capacity, name, idNumber, relationship } : { capacity, name, idNumber } };
}

/** The code of the extra slot an authorised person attaches the power of attorney to. */
export const POWER_OF_ATTORNEY_CODE = 'giay-uy-quyen';

/** BLDS 2015 Điều 562, NĐ 61/2018 Điều 8: whoever submits for another on a power of attorney shows it. */
export const POWER_OF_ATTORNEY: DossierComponent = {
  code: POWER_OF_ATTORNEY_CODE,
  name: 'Giấy ủy quyền (văn bản ủy quyền nộp hồ sơ)',
  form: 'ban_chup',
  quantity: 1,
  required: true,
  note: 'Bản chụp hoặc bản scan giấy ủy quyền có chữ ký của người ủy quyền.',
};

/** The components a draft's files go to: the procedure's, and the power of attorney after them when one is needed. */
export function componentsForDraft(components: readonly DossierComponent[], actingFor: ActingFor | null | undefined): DossierComponent[] {
  return actingFor?.capacity === 'authorised' ? [...components, POWER_OF_ATTORNEY] : [...components];
}

/** "Người nộp Nguyễn Văn An nộp thay cho Nguyễn Thị Bình (thân nhân: Mẹ, số định danh 020…)". */
export function describeActingFor(a: ActingFor, submitterName: string, applicantName: string): string {
  switch (a.capacity) {
    case 'relative':
      return `Người nộp ${submitterName} nộp thay cho ${a.name} (thân nhân: ${relationshipLabel(a.relationship)}, số định danh cá nhân ${a.idNumber})`;
    case 'authorised':
      return `Người nộp ${submitterName} nộp thay cho ${a.name} (theo giấy ủy quyền, số định danh cá nhân ${a.idNumber})`;
    case 'staff':
      return `Người nộp ${a.submitterName} nộp thay cho ${applicantName} (nhân viên của tổ chức)`;
  }
}

/** The person who signs as NGƯỜI NỘP HỒ SƠ on the receipt (Mẫu 01). */
export function submitterOf(a: ActingFor, submitterName: string): string {
  return a.capacity === 'staff' ? a.submitterName : submitterName;
}
