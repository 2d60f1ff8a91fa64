// Giáo dục trung học: admission to lower-secondary (commune from 01/07/2025, district education
// office before) and to upper-secondary schools (Sở Giáo dục và Đào tạo). Codes from two
// provincial systems (Hà Giang one-stop integration code; a 2026 commune Q&A data set).
import type { Procedure } from '../../src/modules/catalogue/model';
import { ADDRESS_TTPVHCC, ADDRESS_XA, FIELDS, ONLINE_DVCQG, TYPE_NOT_LAW, XA, agencies, conf, desk, districtThenCommune, online, provinceSince, unit } from './common';

const GD_LAWS = [
  { number: '43/2019/QH14', title: 'Luật Giáo dục', date: '2019-06-14' },
  { number: '30/2024/TT-BGDĐT', title: 'Thông tư ban hành Quy chế tuyển sinh trung học cơ sở và tuyển sinh trung học phổ thông' },
];

export const giaoDucProcedures: Procedure[] = [
  {
    code: '3.000182',
    name: 'Tuyển sinh trung học cơ sở',
    field: FIELDS.giaoDucTrungHoc,
    tierHistory: districtThenCommune('2021-01-01', agencies([unit('huyen-dinh-lap', 'UBND huyện Đình Lập (Phòng Giáo dục và Đào tạo)'), unit('tp-lang-son', 'UBND thành phố Lạng Sơn (Phòng Giáo dục và Đào tạo)')])),
    procedureType: TYPE_NOT_LAW,
    steps: [
      'Cha, mẹ hoặc người giám hộ học sinh đăng ký dự tuyển vào lớp 6 trực tuyến hoặc nộp hồ sơ tại trường trung học cơ sở theo kế hoạch tuyển sinh được UBND cấp xã phê duyệt.',
      'Trường trung học cơ sở tiếp nhận, kiểm tra hồ sơ và tổ chức xét tuyển theo tuyến tuyển sinh.',
      'Hội đồng tuyển sinh lập danh sách học sinh trúng tuyển, trình UBND cấp xã phê duyệt.',
      'Nhà trường công bố kết quả tuyển sinh và thông báo cho cha, mẹ học sinh.',
    ],
    channels: [desk('Nộp hồ sơ tại trường trung học cơ sở được phân tuyến.'), online(ONLINE_DVCQG + ' hoặc hệ thống tuyển sinh đầu cấp của tỉnh.')],
    components: [
      { code: 'DON', name: 'Đơn đăng ký dự tuyển vào lớp 6 theo mẫu', form: 'ban_chinh', quantity: 1, required: true, templateFile: 'don-dang-ky-du-tuyen-lop-6.docx' },
      { code: 'KS', name: 'Bản sao Giấy khai sinh (không phải nộp nếu khai thác được từ Cơ sở dữ liệu quốc gia về dân cư)', form: 'ban_chup', quantity: 1, required: false },
      { code: 'HB', name: 'Học bạ cấp tiểu học hoặc giấy xác nhận hoàn thành chương trình tiểu học', form: 'ban_chinh', quantity: 1, required: true },
      { code: 'UT', name: 'Giấy xác nhận chế độ ưu tiên, khuyến khích do cơ quan có thẩm quyền cấp (nếu có)', form: 'ban_chinh_hoac_ban_sao', quantity: 1, required: false },
    ],
    numberOfSets: 1,
    processingTime: { amount: 15, unit: 'working_days', note: 'Theo kế hoạch tuyển sinh hằng năm được UBND cấp xã phê duyệt.' },
    fees: [],
    applicants: [{ kind: 'cong_dan', text: 'Học sinh đã hoàn thành chương trình tiểu học (cha, mẹ hoặc người giám hộ đăng ký)' }],
    agencies: agencies([XA], [], [unit('so-gd-dt', 'Sở Giáo dục và Đào tạo (hướng dẫn tuyển sinh)')]),
    receivingAddress: ADDRESS_XA,
    results: ['Quyết định phê duyệt danh sách học sinh trúng tuyển vào lớp 6'],
    conditions: ['Học sinh đã hoàn thành chương trình tiểu học, trong độ tuổi theo quy định của Điều lệ trường trung học.'],
    legalBasis: GD_LAWS,
    relatedCodes: ['3.000181'],
    legacyLevel: 4,
    onlineLevel: 'toan_trinh',
    requiresPresence: false,
    requiresSiteInspection: false,
    feePayableOnline: false,
    resultDeliverableOnlineOrPost: true,
    confidence: conf('S', { code: 'C', tierHistory: 'S', processingTime: 'U', components: 'U', onlineLevel: 'U' }, 'Mã và tên theo hai nguồn (mã tích hợp một cửa Hà Giang "3.000182.000.00.00.H22" và bộ dữ liệu thủ tục cấp xã 2026). Thời hạn, thành phần là giả định theo quy chế tuyển sinh [U].'),
  },
  {
    code: '3.000181',
    name: 'Tuyển sinh trung học phổ thông',
    field: FIELDS.giaoDucTrungHoc,
    tierHistory: provinceSince('2021-01-01'),
    procedureType: TYPE_NOT_LAW,
    steps: [
      'Học sinh đăng ký dự tuyển, dự thi vào lớp 10 tại trường trung học cơ sở đang học hoặc trực tuyến theo kế hoạch của Sở Giáo dục và Đào tạo.',
      'Sở Giáo dục và Đào tạo tổ chức kỳ thi tuyển hoặc xét tuyển vào lớp 10.',
      'Sở Giáo dục và Đào tạo phê duyệt điểm chuẩn và danh sách trúng tuyển của các trường trung học phổ thông.',
      'Học sinh trúng tuyển nộp hồ sơ nhập học tại trường trung học phổ thông.',
    ],
    channels: [desk('Đăng ký tại trường trung học cơ sở hoặc điểm tiếp nhận của Sở Giáo dục và Đào tạo.'), online('Đăng ký dự tuyển trực tuyến trên hệ thống tuyển sinh của Sở Giáo dục và Đào tạo.')],
    components: [
      { code: 'PDK', name: 'Phiếu đăng ký dự thi, dự tuyển vào lớp 10 theo mẫu', form: 'ban_chinh', quantity: 1, required: true, templateFile: 'phieu-dang-ky-du-thi-lop-10.docx' },
      { code: 'HB', name: 'Học bạ trung học cơ sở', form: 'ban_chinh', quantity: 1, required: true },
      { code: 'TN', name: 'Bằng tốt nghiệp trung học cơ sở hoặc giấy chứng nhận tốt nghiệp tạm thời', form: 'ban_chinh_hoac_ban_sao', quantity: 1, required: true },
      { code: 'UT', name: 'Giấy xác nhận chế độ ưu tiên, khuyến khích (nếu có)', form: 'ban_chinh_hoac_ban_sao', quantity: 1, required: false },
    ],
    numberOfSets: 1,
    processingTime: { amount: 30, unit: 'calendar_days', note: 'Theo kế hoạch tuyển sinh hằng năm của Sở Giáo dục và Đào tạo.' },
    fees: [{ type: 'by_resolution', kind: 'phi', label: 'Phí tuyển sinh vào lớp 10 (nếu có)', setByProvince: true, note: 'Theo nghị quyết của HĐND tỉnh.' }],
    applicants: [{ kind: 'cong_dan', text: 'Học sinh đã tốt nghiệp trung học cơ sở' }],
    agencies: agencies([unit('so-gd-dt')]),
    receivingAddress: ADDRESS_TTPVHCC,
    results: ['Quyết định phê duyệt danh sách học sinh trúng tuyển vào lớp 10'],
    conditions: ['Đã tốt nghiệp trung học cơ sở, trong độ tuổi theo quy định.'],
    legalBasis: GD_LAWS,
    relatedCodes: ['3.000182'],
    legacyLevel: 3,
    onlineLevel: 'mot_phan',
    requiresPresence: true,
    requiresSiteInspection: false,
    feePayableOnline: true,
    resultDeliverableOnlineOrPost: true,
    ineligibleReason: 'Thí sinh phải dự thi tuyển trực tiếp tại điểm thi.',
    confidence: conf('U', { code: 'S', name: 'S', processingTime: 'U', fees: 'U', components: 'U' }, 'Mã và tên theo mã tích hợp một cửa Hà Giang "3.000181.000.00.00.H22" [S]; thời hạn, phí, thành phần là giả định theo quy chế tuyển sinh [U].'),
  },
];
