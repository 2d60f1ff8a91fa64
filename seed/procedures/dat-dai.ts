// Đất đai (land). Procedures published by UBND tỉnh Lạng Sơn itself in July 2026 (Quyết định
// 28/2026/QĐ-UBND under Nghị định 49/2026/NĐ-CP), read from the dichvucong.gov.vn crawl [DVCQG].
// First registration and first certificates for households were a district matter (Phòng Tài
// nguyên và Môi trường) until 30/06/2025 and a commune matter afterwards (Nghị định 151/2025);
// the codes 1.1157xx are the province's republished ones.
import type { Procedure } from '../../src/modules/catalogue/model';
import { ADDRESS_TTPVHCC, ADDRESS_XA, FIELDS, LAW, POST_BCCI, TYPE_LOCAL, XA, agencies, conf, desk, districtAgencies, districtThenCommune, lePhiHdnd, online, post, provinceBeforeAndAfterMerge, unit } from './common';

const DD_LAWS = [LAW.datDai, LAW.nd151_2025, { number: '254/2025/QH15', title: 'Nghị quyết quy định một số cơ chế, chính sách tháo gỡ khó khăn, vướng mắc trong tổ chức thi hành Luật Đất đai' }, LAW.nd49_2026, LAW.qd28_2026_ls];
const DESK_XA = 'Nộp trực tiếp tại Trung tâm Phục vụ hành chính công cấp xã; được nộp bản sao kèm bản chính để đối chiếu hoặc bản sao có công chứng, chứng thực.';
const ONLINE_DD = 'Nộp trực tuyến tại https://dichvucong.gov.vn; hồ sơ phải được số hóa từ bản chính hoặc bản sao đã công chứng, chứng thực.';
const LAND_FEES = [
  lePhiHdnd('Lệ phí cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất'),
  { type: 'by_resolution', kind: 'phi', label: 'Phí thẩm định hồ sơ cấp Giấy chứng nhận', setByProvince: true, legalBasis: '85/2019/TT-BTC' } as const,
];
const DON_15 = { code: 'DON15', name: 'Đơn đăng ký đất đai, tài sản gắn liền với đất (Mẫu số 15)', form: 'ban_chinh', quantity: 1, required: true, templateFile: 'mau-so-15-don-dang-ky-dat-dai.doc' } as const;

export const datDaiProcedures: Procedure[] = [
  {
    code: '1.115748',
    name: 'Đăng ký đất đai, tài sản gắn liền với đất lần đầu đối với cá nhân, cộng đồng dân cư, hộ gia đình đang sử dụng đất',
    field: FIELDS.datDai,
    tierHistory: districtThenCommune('2024-08-01', districtAgencies('hdl-tn-mt', 'tpls-tn-mt')),
    procedureType: TYPE_LOCAL,
    steps: [
      'Người đề nghị nộp hồ sơ tại Trung tâm Phục vụ hành chính công cấp xã; Trung tâm kiểm tra thành phần hồ sơ, cấp Giấy tiếp nhận hồ sơ và hẹn trả kết quả, chuyển UBND cấp xã nơi có đất.',
      'UBND cấp xã xác nhận hiện trạng sử dụng đất, nhà ở, công trình; tình trạng tranh chấp; nguồn gốc và thời điểm sử dụng đất; sự phù hợp với quy hoạch.',
      'UBND cấp xã niêm yết công khai kết quả kiểm tra tại trụ sở và khu dân cư nơi có đất trong 15 ngày, xem xét ý kiến phản ánh.',
      'Không có nhu cầu hoặc không đủ điều kiện cấp Giấy chứng nhận: ban hành Thông báo xác nhận kết quả đăng ký đất đai (Mẫu số 22) và chuyển Văn phòng đăng ký đất đai cập nhật hồ sơ địa chính.',
      'Có nhu cầu và đủ điều kiện: gửi Phiếu chuyển thông tin (Mẫu số 11) để cơ quan thuế xác định nghĩa vụ tài chính, sau đó chuyển sang thủ tục cấp Giấy chứng nhận.',
    ],
    channels: [desk(DESK_XA), online(ONLINE_DD), post(POST_BCCI)],
    components: [
      DON_15,
      { code: 'GT137', name: 'Một trong các loại giấy tờ quy định tại Điều 137, khoản 1 và khoản 5 Điều 148, khoản 1 và khoản 5 Điều 149 Luật Đất đai; sơ đồ nhà ở, công trình xây dựng (nếu có)', form: 'ban_chinh_hoac_ban_sao', quantity: 1, required: false },
      { code: 'TK', name: 'Giấy tờ về nhận thừa kế quyền sử dụng đất (trường hợp nhận thừa kế)', form: 'ban_chinh_hoac_ban_sao', quantity: 1, required: false },
      { code: 'XP', name: 'Quyết định xử phạt vi phạm hành chính trong lĩnh vực đất đai và giấy tờ chứng minh đã thực hiện (nếu có vi phạm)', form: 'ban_chinh_hoac_ban_sao', quantity: 1, required: false },
      { code: 'LK', name: 'Hợp đồng, văn bản thỏa thuận hoặc quyết định của Tòa án về quyền đối với thửa đất liền kề kèm sơ đồ (nếu đăng ký quyền đối với thửa đất liền kề)', form: 'ban_chinh_hoac_ban_sao', quantity: 1, required: false },
      { code: 'HGD', name: 'Văn bản xác định các thành viên có chung quyền sử dụng đất của hộ gia đình (trường hợp hộ gia đình đang sử dụng đất)', form: 'ban_chinh', quantity: 1, required: false },
    ],
    numberOfSets: 1,
    processingTime: { amount: 20, unit: 'working_days', note: 'Không tính thời gian niêm yết công khai, xác định và thực hiện nghĩa vụ tài chính [U].' },
    fees: LAND_FEES,
    applicants: [{ kind: 'cong_dan', text: 'Cá nhân, hộ gia đình đang sử dụng đất' }, { kind: 'to_chuc', text: 'Cộng đồng dân cư' }],
    agencies: agencies([XA], [], [unit('so-nn-mt', 'Sở Nông nghiệp và Môi trường (Văn phòng đăng ký đất đai)')]),
    receivingAddress: ADDRESS_XA,
    results: ['Thông báo xác nhận kết quả đăng ký đất đai (Mẫu số 22)', 'Hồ sơ địa chính, cơ sở dữ liệu đất đai được cập nhật'],
    conditions: [],
    legalBasis: DD_LAWS,
    relatedCodes: ['1.115750'],
    legacyLevel: 3,
    onlineLevel: 'mot_phan',
    requiresPresence: false,
    requiresSiteInspection: true,
    feePayableOnline: true,
    resultDeliverableOnlineOrPost: true,
    ineligibleReason: 'Phải kiểm tra thực địa, xác nhận hiện trạng sử dụng đất và niêm yết công khai tại khu dân cư.',
    confidence: conf('S', { code: 'S', processingTime: 'S', fees: 'S', tierHistory: 'U' }, 'Thủ tục đặc thù tỉnh Lạng Sơn (QĐ 28/2026/QĐ-UBND) theo [DVCQG]; thời hạn 20 ngày làm việc. Giai đoạn cấp huyện là của thủ tục tiền thân theo Luật Đất đai 2024 (hiệu lực 01/8/2024) [U]. Thành phần hồ sơ trên cổng dùng mã H37 cho Lạng Sơn (org.ts đang ghi H39 [U]).'),
  },
  {
    code: '1.115750',
    name: 'Cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu (cấp xã)',
    field: FIELDS.datDai,
    tierHistory: districtThenCommune('2024-08-01', districtAgencies('hdl-tn-mt', 'tpls-tn-mt')),
    procedureType: TYPE_LOCAL,
    steps: [
      'Người đề nghị nộp hồ sơ tại Trung tâm Phục vụ hành chính công cấp xã; Trung tâm chuyển hồ sơ đến UBND cấp xã nơi có đất.',
      'Cơ quan quản lý đất đai cấp xã kiểm tra, khai thác thông tin hoặc chứng từ chứng minh đã hoàn thành nghĩa vụ tài chính; chưa hoàn thành thì chuyển thông tin nghĩa vụ tài chính đến cơ quan thuế.',
      'Sau khi người sử dụng đất hoàn thành nghĩa vụ tài chính, cơ quan quản lý đất đai cấp xã viết Giấy chứng nhận và trình lãnh đạo UBND cấp xã ký.',
      'Chuyển hồ sơ đã cấp Giấy chứng nhận (dạng số và dạng giấy) đến Chi nhánh Văn phòng đăng ký đất đai để cập nhật hồ sơ địa chính và trả kết quả.',
    ],
    channels: [desk(DESK_XA), online(ONLINE_DD), post(POST_BCCI)],
    components: [
      DON_15,
      { code: 'NVTC', name: 'Chứng từ thực hiện nghĩa vụ tài chính, giấy tờ liên quan đến việc miễn, giảm nghĩa vụ tài chính về đất đai, tài sản gắn liền với đất (nếu có)', form: 'ban_chinh', quantity: 1, required: false },
    ],
    numberOfSets: 1,
    processingTime: { amount: 3, unit: 'working_days', note: 'Không tính thời gian xác định và thực hiện nghĩa vụ tài chính về đất đai.' },
    fees: LAND_FEES,
    applicants: [{ kind: 'cong_dan' }],
    agencies: agencies([XA], [], [unit('so-nn-mt', 'Sở Nông nghiệp và Môi trường (Chi nhánh Văn phòng đăng ký đất đai khu vực)')]),
    receivingAddress: ADDRESS_XA,
    results: ['Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất'],
    conditions: ['Đã có kết quả đăng ký đất đai lần đầu đủ điều kiện cấp Giấy chứng nhận và đã hoàn thành nghĩa vụ tài chính (hoặc được ghi nợ, miễn, giảm).'],
    legalBasis: DD_LAWS,
    relatedCodes: ['1.115748'],
    legacyLevel: 3,
    onlineLevel: 'mot_phan',
    requiresPresence: true,
    requiresSiteInspection: false,
    feePayableOnline: true,
    resultDeliverableOnlineOrPost: false,
    ineligibleReason: 'Giấy chứng nhận là bản giấy có chữ ký, phải nhận trực tiếp sau khi hoàn thành nghĩa vụ tài chính với cơ quan thuế.',
    confidence: conf('S', { code: 'S', processingTime: 'S', fees: 'S', tierHistory: 'U', onlineLevel: 'U' }, 'Thủ tục đặc thù tỉnh Lạng Sơn theo [DVCQG] (công bố 17/7/2026); giai đoạn cấp huyện là của thủ tục tiền thân [U].'),
  },
  {
    code: '1.115744',
    name: 'Đăng ký đất đai lần đầu đối với trường hợp được Nhà nước giao đất để quản lý',
    field: FIELDS.datDai,
    tierHistory: provinceBeforeAndAfterMerge('2024-08-01', agencies([unit('so-tn-mt', 'Sở Tài nguyên và Môi trường (Văn phòng đăng ký đất đai)')])),
    procedureType: TYPE_LOCAL,
    steps: [
      'Tổ chức được Nhà nước giao đất để quản lý nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh.',
      'Văn phòng đăng ký đất đai kiểm tra hồ sơ, trích lục hoặc trích đo bản đồ địa chính thửa đất.',
      'Văn phòng đăng ký đất đai cập nhật thông tin vào hồ sơ địa chính, cơ sở dữ liệu đất đai và thông báo kết quả đăng ký.',
    ],
    channels: [desk('Nộp trực tiếp tại Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn.')],
    components: [
      DON_15,
      { code: 'QD', name: 'Quyết định giao đất để quản lý của cơ quan nhà nước có thẩm quyền', form: 'ban_sao_chung_thuc', quantity: 1, required: true },
    ],
    numberOfSets: 1,
    processingTime: { amount: 20, unit: 'working_days' },
    fees: [],
    applicants: [{ kind: 'to_chuc', text: 'Tổ chức được Nhà nước giao đất để quản lý' }, { kind: 'co_quan_nha_nuoc' }],
    agencies: agencies([unit('so-nn-mt', 'Sở Nông nghiệp và Môi trường (Văn phòng Đăng ký đất đai tỉnh)')]),
    receivingAddress: ADDRESS_TTPVHCC,
    results: ['Thông báo xác nhận kết quả đăng ký đất đai; hồ sơ địa chính được cập nhật'],
    conditions: [],
    legalBasis: DD_LAWS,
    relatedCodes: ['1.115748'],
    legacyLevel: 2,
    onlineLevel: 'none',
    requiresPresence: true,
    requiresSiteInspection: true,
    feePayableOnline: false,
    resultDeliverableOnlineOrPost: true,
    ineligibleReason: 'Chỉ cung cấp thông tin, biểu mẫu trực tuyến; hồ sơ nộp trực tiếp và phải trích đo thực địa.',
    confidence: conf('U', { code: 'S', name: 'S', processingTime: 'U', fees: 'U', channels: 'U', onlineLevel: 'U', tierHistory: 'U' }, 'Chỉ biết mã, tên và cơ quan thực hiện (Văn phòng Đăng ký đất đai tỉnh Lạng Sơn, Chi nhánh khu vực) từ danh mục [DVCQG]; thời hạn, phí, cách thức là giả định của bản demo [U].'),
  },
];
