// The general request form (đơn đề nghị): what every procedure without its own e-form uses, online
// until an administrator writes one, and at the desk for procedures that are not online at all.
import type { FormDefinition } from '../model';

export function generalRequestForm(procedureCode: string, procedureName: string, version = 1): FormDefinition {
  return {
    procedureCode,
    version,
    title: `Đơn đề nghị: ${procedureName}`.slice(0, 200),
    fields: [
      { kind: 'text', name: 'fullName', label: 'Họ, chữ đệm và tên người đề nghị', required: true, maxLength: 100, prefill: 'fullName', autocomplete: 'name', section: 'Người đề nghị' },
      { kind: 'cccd', name: 'idNumber', label: 'Số định danh cá nhân', required: true, prefill: 'idNumber' },
      { kind: 'phone', name: 'phone', label: 'Số điện thoại', required: true, prefill: 'phone' },
      { kind: 'email', name: 'email', label: 'Thư điện tử', prefill: 'email' },
      { kind: 'address', name: 'address', label: 'Nơi cư trú', required: true, prefill: 'address' },
      { kind: 'longText', name: 'request', label: 'Nội dung đề nghị', hint: 'Trình bày ngắn gọn việc đề nghị cơ quan giải quyết.', required: true, maxLength: 2000, section: 'Nội dung' },
    ],
  };
}
