// Pieces shared by the demo form definitions.
import type { ChoiceOption, TextField } from '../model';

/** Letters (any script, with their marks), spaces, apostrophes, dots and hyphens: H'Hen Niê, Lò Văn A. */
export const PERSON_NAME_PATTERN = "^[\\p{L}\\p{M}' .\\-]+$";

/** A person's full name, as the civil-status forms ask for it ("Họ, chữ đệm, tên …"). */
export function personName(name: string, label: string, extra: Partial<TextField> = {}): TextField {
  return {
    kind: 'text',
    name,
    label,
    required: true,
    maxLength: 100,
    pattern: PERSON_NAME_PATTERN,
    patternMessage: `${label} chỉ gồm chữ cái, dấu cách, dấu nháy đơn hoặc dấu gạch ngang`,
    ...extra,
  };
}

export const GENDERS: ChoiceOption[] = [
  { value: 'nam', label: 'Nam' },
  { value: 'nu', label: 'Nữ' },
];

export const ETHNICITY_HINT = 'Ví dụ: Kinh, Tày, Nùng';
