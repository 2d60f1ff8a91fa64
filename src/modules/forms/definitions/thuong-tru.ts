// Tờ khai thay đổi thông tin cư trú (Mẫu CT01, Thông tư 66/2023/TT-BCA [S]) as filled for
// procedure 1.004222 Đăng ký thường trú: the person declaring, the household head (asked only
// when the declarant is not the head), the place of permanent residence asked for, the
// grounds and request, and the household members who move with the declarant.
import type { ChoiceOption, FormDefinition } from '../model';
import { GENDERS, personName } from './common';

/** Quan hệ với chủ hộ. */
const RELATIONS: ChoiceOption[] = [
  { value: 'vo', label: 'Vợ' },
  { value: 'chong', label: 'Chồng' },
  { value: 'con', label: 'Con' },
  { value: 'cha', label: 'Cha' },
  { value: 'me', label: 'Mẹ' },
  { value: 'ong', label: 'Ông' },
  { value: 'ba', label: 'Bà' },
  { value: 'chau', label: 'Cháu' },
  { value: 'anh_chi_em', label: 'Anh, chị, em' },
  { value: 'khac', label: 'Quan hệ khác' },
];

const NOT_HEAD = { field: 'laChuHo', equals: false } as const;

export const thuongTru: FormDefinition = {
  procedureCode: '1.004222',
  version: 1,
  title: 'Tờ khai thay đổi thông tin cư trú (đăng ký thường trú)',
  fields: [
    personName('fullName', 'Họ, chữ đệm và tên', { section: 'Người kê khai', prefill: 'fullName', autocomplete: 'name' }),
    { kind: 'date', name: 'birthDate', label: 'Ngày sinh', required: true, maxDate: 'today', prefill: 'birthDate' },
    { kind: 'choice', name: 'gender', label: 'Giới tính', required: true, options: GENDERS },
    { kind: 'cccd', name: 'idNumber', label: 'Số định danh cá nhân', required: true, prefill: 'idNumber' },
    { kind: 'phone', name: 'phone', label: 'Số điện thoại', required: true, prefill: 'phone' },
    { kind: 'email', name: 'email', label: 'Thư điện tử', prefill: 'email' },

    {
      kind: 'yesNo',
      name: 'laChuHo',
      label: 'Người kê khai có phải là chủ hộ không?',
      required: true,
      requiredMessage: 'Chọn “Có” nếu người kê khai là chủ hộ, “Không” nếu không phải',
      section: 'Chủ hộ',
    },
    personName('headName', 'Họ, chữ đệm và tên chủ hộ', { showIf: NOT_HEAD }),
    { kind: 'cccd', name: 'headIdNumber', label: 'Số định danh cá nhân của chủ hộ', required: true, showIf: NOT_HEAD },
    { kind: 'choice', name: 'relationToHead', label: 'Quan hệ với chủ hộ', required: true, display: 'select', options: RELATIONS, showIf: NOT_HEAD },

    {
      kind: 'address',
      name: 'newAddress',
      label: 'Nơi đề nghị đăng ký thường trú',
      hint: 'Chọn tỉnh, thành phố và xã, phường theo đơn vị hành chính hiện nay',
      required: true,
      section: 'Nơi đề nghị đăng ký thường trú',
    },
    {
      kind: 'choice',
      name: 'housingBasis',
      label: 'Căn cứ đăng ký thường trú',
      required: true,
      // Luật Cư trú 2020, Điều 20
      options: [
        { value: 'so_huu', label: 'Chỗ ở hợp pháp thuộc quyền sở hữu của người kê khai' },
        { value: 've_o_voi_nguoi_than', label: 'Về ở với vợ, chồng, cha, mẹ, con hoặc người thân có chỗ ở hợp pháp (được chủ hộ đồng ý)' },
        { value: 'thue_muon_o_nho', label: 'Thuê, mượn, ở nhờ chỗ ở hợp pháp (được chủ sở hữu đồng ý)' },
        { value: 'khac', label: 'Trường hợp khác: cơ sở tín ngưỡng, tôn giáo, cơ sở trợ giúp xã hội, phương tiện…' },
      ],
    },
    {
      kind: 'longText',
      name: 'request',
      label: 'Nội dung đề nghị',
      hint: 'Ví dụ: Đề nghị đăng ký thường trú cho tôi và các thành viên hộ gia đình về ở tại chỗ ở hợp pháp mới.',
      required: true,
      maxLength: 1000,
      rows: 4,
    },

    {
      kind: 'group',
      name: 'members',
      label: 'Thành viên hộ gia đình cùng thay đổi',
      hint: 'Khai từng người cùng đăng ký thường trú với người kê khai. Để trống nếu chỉ đăng ký cho bản thân.',
      section: 'Thành viên hộ gia đình',
      itemLabel: 'thành viên',
      minItems: 0,
      maxItems: 20,
      fields: [
        personName('fullName', 'Họ, chữ đệm và tên'),
        { kind: 'date', name: 'birthDate', label: 'Ngày sinh', required: true, maxDate: 'today' },
        { kind: 'choice', name: 'gender', label: 'Giới tính', required: true, options: GENDERS },
        { kind: 'cccd', name: 'idNumber', label: 'Số định danh cá nhân', required: true },
        { kind: 'choice', name: 'relationToHead', label: 'Quan hệ với chủ hộ', required: true, display: 'select', options: RELATIONS },
        { kind: 'text', name: 'relationDetail', label: 'Ghi rõ quan hệ', requiredMessage: 'Ghi rõ quan hệ với chủ hộ', required: true, maxLength: 100, showIf: { field: 'relationToHead', equals: 'khac' } },
      ],
    },
  ],
};
