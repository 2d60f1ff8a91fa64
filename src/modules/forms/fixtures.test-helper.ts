// Fixtures shared by the e-form tests: a small unit lookup with units before and after
// 01/07/2025 (codes made up for the tests), a form with every kind of field, and realistic
// filled-in posts of the two demo forms.
import type { AddressOptions, FormDefinition } from './model';

export const TODAY = '2026-03-15';

/** Lạng Sơn with one old commune (before 01/07/2025) and two new ones; Hà Nội with one ward. */
export const ADDRESS: AddressOptions = {
  provinces: [
    { code: '20', name: 'Tỉnh Lạng Sơn' },
    { code: '01', name: 'Thành phố Hà Nội' },
  ],
  communesOf(provinceCode, onDate) {
    if (provinceCode === '01') return [{ code: '00004', name: 'Phường Ba Đình' }];
    if (provinceCode !== '20') return [];
    return onDate < '2025-07-01'
      ? [
          { code: '06040', name: 'Thị trấn Đình Lập' },
          { code: '06043', name: 'Xã Bắc Xa' },
        ]
      : [
          { code: '06100', name: 'Xã Đình Lập' },
          { code: '06110', name: 'Phường Lương Văn Tri' },
        ];
  },
};

export const CTX = { today: TODAY, address: ADDRESS };

/** Every kind of field once, most optional, with conditions and a group. */
export const ALL_KINDS: FormDefinition = {
  procedureCode: '9.000001',
  version: 1,
  title: 'Biểu mẫu thử mọi loại trường',
  fields: [
    { kind: 'text', name: 'fullName', label: 'Họ và tên', required: true, maxLength: 50, prefill: 'fullName', section: 'Thông tin chung' },
    { kind: 'longText', name: 'note', label: 'Ghi chú', maxLength: 200 },
    { kind: 'number', name: 'children', label: 'Số con', min: 0, max: 20 },
    { kind: 'number', name: 'area', label: 'Diện tích', decimal: true, min: 0 },
    { kind: 'money', name: 'income', label: 'Thu nhập', max: 1_000_000_000 },
    { kind: 'date', name: 'birthDate', label: 'Ngày sinh', maxDate: 'today', prefill: 'birthDate' },
    {
      kind: 'choice',
      name: 'gender',
      label: 'Giới tính',
      options: [
        { value: 'nam', label: 'Nam' },
        { value: 'nu', label: 'Nữ' },
      ],
    },
    {
      kind: 'choice',
      name: 'province',
      label: 'Tỉnh nơi sinh',
      display: 'select',
      options: [
        { value: 'ls', label: 'Lạng Sơn' },
        { value: 'hn', label: 'Hà Nội' },
      ],
    },
    {
      kind: 'multiChoice',
      name: 'docs',
      label: 'Giấy tờ kèm theo',
      options: [
        { value: 'gcs', label: 'Giấy chứng sinh' },
        { value: 'kh', label: 'Giấy chứng nhận kết hôn' },
        { value: 'uq', label: 'Văn bản ủy quyền' },
      ],
    },
    { kind: 'text', name: 'proxyName', label: 'Họ và tên người được ủy quyền', required: true, showIf: { field: 'docs', equals: 'uq' } },
    { kind: 'yesNo', name: 'married', label: 'Đã kết hôn chưa?', section: 'Gia đình' },
    { kind: 'text', name: 'spouseName', label: 'Họ và tên vợ hoặc chồng', required: true, showIf: { field: 'married', equals: true } },
    { kind: 'phone', name: 'phone', label: 'Số điện thoại', prefill: 'phone' },
    { kind: 'email', name: 'email', label: 'Thư điện tử', prefill: 'email' },
    { kind: 'cccd', name: 'idNumber', label: 'Số định danh cá nhân', prefill: 'idNumber' },
    { kind: 'taxCode', name: 'taxCode', label: 'Mã số thuế' },
    { kind: 'address', name: 'home', label: 'Nơi cư trú', prefill: 'address' },
    {
      kind: 'group',
      name: 'members',
      label: 'Thành viên hộ gia đình',
      itemLabel: 'thành viên',
      maxItems: 3,
      fields: [
        { kind: 'text', name: 'fullName', label: 'Họ và tên', required: true },
        { kind: 'date', name: 'birthDate', label: 'Ngày sinh', required: true, maxDate: 'today' },
        {
          kind: 'choice',
          name: 'relation',
          label: 'Quan hệ',
          required: true,
          options: [
            { value: 'con', label: 'Con' },
            { value: 'khac', label: 'Khác' },
          ],
        },
        { kind: 'text', name: 'relationOther', label: 'Quan hệ cụ thể', required: true, showIf: { field: 'relation', equals: 'khac' } },
        { kind: 'cccd', name: 'idNumber', label: 'Số định danh cá nhân' },
      ],
    },
  ],
};

/** A filled-in Tờ khai đăng ký khai sinh, as the browser posts it (flat names, strings). */
export const KHAI_SINH_POST: Record<string, string> = {
  requesterName: 'Hoàng Văn Dũng',
  requesterIdNumber: '020090001234',
  requesterPhone: '0912 345 678',
  requesterEmail: '',
  'requesterAddress[provinceCode]': '20',
  'requesterAddress[communeCode]': '06100',
  'requesterAddress[detail]': 'Thôn Bản Chắt',
  relationship: 'cha',
  relationshipDetail: '',
  childName: 'Hoàng Minh Khang',
  childGender: 'nam',
  childBirthDate: '02/03/2026',
  childBirthPlace: 'Bệnh viện Đa khoa tỉnh Lạng Sơn, phường Lương Văn Tri, tỉnh Lạng Sơn',
  childHometown: 'Xã Đình Lập, tỉnh Lạng Sơn',
  childEthnicity: 'Tày',
  childNationality: 'Việt Nam',
  motherName: 'Lương Thị Hoa',
  motherBirthYear: '1995',
  motherEthnicity: 'Nùng',
  motherNationality: 'Việt Nam',
  'motherAddress[provinceCode]': '20',
  'motherAddress[communeCode]': '06100',
  'motherAddress[detail]': 'Thôn Bản Chắt',
  coCha: 'true',
  fatherName: 'Hoàng Văn Dũng',
  fatherBirthYear: '1990',
  fatherEthnicity: 'Tày',
  fatherNationality: 'Việt Nam',
  'fatherAddress[provinceCode]': '20',
  'fatherAddress[communeCode]': '06100',
  'fatherAddress[detail]': 'Thôn Bản Chắt',
  banSao: 'true',
  soBanSao: '2',
  _csrf: 'token',
  _action: 'continue',
};

/** A filled-in CT01 for đăng ký thường trú with two household members and the spare empty item. */
export const THUONG_TRU_POST: Record<string, string> = {
  fullName: 'Nguyễn Văn An',
  birthDate: '14/08/1988',
  gender: 'nam',
  idNumber: '001088012345',
  phone: '+84 983 111 222',
  email: 'An.Nguyen@Example.VN',
  laChuHo: 'false',
  headName: 'Nguyễn Văn Bình',
  headIdNumber: '020060004321',
  relationToHead: 'con',
  'newAddress[provinceCode]': '20',
  'newAddress[communeCode]': '06110',
  'newAddress[detail]': 'Số 12 đường Trần Đăng Ninh',
  housingBasis: 've_o_voi_nguoi_than',
  request: 'Đề nghị đăng ký thường trú cho tôi, vợ và con về ở cùng bố tôi.\r\nXin cảm ơn.',
  'members[0][fullName]': 'Trần Thị Mai',
  'members[0][birthDate]': '05/11/1990',
  'members[0][gender]': 'nu',
  'members[0][idNumber]': '001190054321',
  'members[0][relationToHead]': 'khac',
  'members[0][relationDetail]': 'Con dâu',
  'members[1][fullName]': 'Nguyễn Minh Châu',
  'members[1][birthDate]': '20/01/2018',
  'members[1][gender]': 'nu',
  'members[1][idNumber]': '001318009876',
  'members[1][relationToHead]': 'chau',
  'members[1][relationDetail]': '',
  'members[2][fullName]': '',
  'members[2][birthDate]': '',
  'members[2][idNumber]': '',
  'members[2][relationToHead]': '',
  'members[2][relationDetail]': '',
  _csrf: 'token',
  _action: 'continue',
};
