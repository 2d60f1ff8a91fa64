// Tờ khai đăng ký khai sinh (mẫu ban hành kèm Thông tư 04/2020/TT-BTP) for procedure 1.001193
// Đăng ký khai sinh, as an interactive e-form. Sections follow the paper form: người yêu cầu,
// người được khai sinh, cha, mẹ, and the request for copies.
//
// The father's block is conditional: when the father is not determined, the part about the
// father is left empty and the child takes the mother's family name, ethnicity, home town and
// nationality (Nghị định 123/2015/NĐ-CP, Điều 15 [S]).
import type { FormDefinition } from '../model';
import { ETHNICITY_HINT, GENDERS, personName } from './common';

const BIRTH_YEAR = { kind: 'number', min: 1900, max: 2100 } as const;

export const khaiSinh: FormDefinition = {
  procedureCode: '1.001193',
  version: 1,
  title: 'Tờ khai đăng ký khai sinh',
  fields: [
    personName('requesterName', 'Họ, chữ đệm, tên người yêu cầu', { section: 'Người yêu cầu', prefill: 'fullName', autocomplete: 'name' }),
    { kind: 'cccd', name: 'requesterIdNumber', label: 'Số định danh cá nhân của người yêu cầu', required: true, prefill: 'idNumber' },
    { kind: 'phone', name: 'requesterPhone', label: 'Số điện thoại', hint: 'Để nhận thông báo về hồ sơ', required: true, prefill: 'phone' },
    { kind: 'email', name: 'requesterEmail', label: 'Thư điện tử', prefill: 'email' },
    { kind: 'address', name: 'requesterAddress', label: 'Nơi cư trú của người yêu cầu', required: true, prefill: 'address' },
    {
      kind: 'choice',
      name: 'relationship',
      label: 'Quan hệ với người được khai sinh',
      required: true,
      options: [
        { value: 'cha', label: 'Cha' },
        { value: 'me', label: 'Mẹ' },
        { value: 'ong_ba', label: 'Ông, bà' },
        { value: 'nguoi_than', label: 'Người thân thích khác' },
        { value: 'nguoi_nuoi_duong', label: 'Cá nhân, tổ chức đang nuôi dưỡng trẻ' },
      ],
    },
    {
      kind: 'text',
      name: 'relationshipDetail',
      label: 'Ghi rõ quan hệ',
      hint: 'Ví dụ: cô ruột, anh ruột, cơ sở trợ giúp xã hội đang nuôi dưỡng',
      required: true,
      requiredMessage: 'Ghi rõ quan hệ với người được khai sinh',
      maxLength: 100,
      showIf: { field: 'relationship', in: ['nguoi_than', 'nguoi_nuoi_duong'] },
    },

    personName('childName', 'Họ, chữ đệm, tên người được khai sinh', { section: 'Người được khai sinh' }),
    { kind: 'choice', name: 'childGender', label: 'Giới tính', required: true, options: GENDERS },
    { kind: 'date', name: 'childBirthDate', label: 'Ngày sinh', required: true, maxDate: 'today' },
    {
      kind: 'text',
      name: 'childBirthPlace',
      label: 'Nơi sinh',
      hint: 'Tên cơ sở y tế và địa chỉ; sinh ngoài cơ sở y tế thì ghi địa chỉ nơi sinh',
      required: true,
      maxLength: 250,
    },
    { kind: 'text', name: 'childHometown', label: 'Quê quán', hint: 'Theo quê quán của cha hoặc mẹ, theo thỏa thuận của cha, mẹ', required: true, maxLength: 250 },
    { kind: 'text', name: 'childEthnicity', label: 'Dân tộc của người được khai sinh', hint: ETHNICITY_HINT, required: true, maxLength: 50 },
    { kind: 'text', name: 'childNationality', label: 'Quốc tịch của người được khai sinh', required: true, maxLength: 50, defaultValue: 'Việt Nam' },

    personName('motherName', 'Họ, chữ đệm, tên người mẹ', { section: 'Người mẹ' }),
    { ...BIRTH_YEAR, name: 'motherBirthYear', label: 'Năm sinh của người mẹ', required: true },
    { kind: 'text', name: 'motherEthnicity', label: 'Dân tộc của người mẹ', hint: ETHNICITY_HINT, required: true, maxLength: 50 },
    { kind: 'text', name: 'motherNationality', label: 'Quốc tịch của người mẹ', required: true, maxLength: 50, defaultValue: 'Việt Nam' },
    { kind: 'address', name: 'motherAddress', label: 'Nơi cư trú của người mẹ', required: true },

    {
      kind: 'yesNo',
      name: 'coCha',
      label: 'Có khai thông tin người cha không?',
      hint: 'Chọn “Không” nếu chưa xác định được cha của trẻ; phần về người cha sẽ để trống.',
      required: true,
      requiredMessage: 'Chọn “Có” nếu khai thông tin người cha, “Không” nếu chưa xác định được cha',
      section: 'Người cha',
    },
    personName('fatherName', 'Họ, chữ đệm, tên người cha', { showIf: { field: 'coCha', equals: true } }),
    { ...BIRTH_YEAR, name: 'fatherBirthYear', label: 'Năm sinh của người cha', required: true, showIf: { field: 'coCha', equals: true } },
    { kind: 'text', name: 'fatherEthnicity', label: 'Dân tộc của người cha', hint: ETHNICITY_HINT, required: true, maxLength: 50, showIf: { field: 'coCha', equals: true } },
    { kind: 'text', name: 'fatherNationality', label: 'Quốc tịch của người cha', required: true, maxLength: 50, defaultValue: 'Việt Nam', showIf: { field: 'coCha', equals: true } },
    { kind: 'address', name: 'fatherAddress', label: 'Nơi cư trú của người cha', required: true, showIf: { field: 'coCha', equals: true } },

    {
      kind: 'yesNo',
      name: 'banSao',
      label: 'Đề nghị cấp bản sao Giấy khai sinh?',
      required: true,
      defaultValue: false,
      section: 'Bản sao',
    },
    { kind: 'number', name: 'soBanSao', label: 'Số bản sao', hint: 'Tối đa 10 bản', required: true, min: 1, max: 10, showIf: { field: 'banSao', equals: true } },
  ],
};
