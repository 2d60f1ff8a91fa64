// Lý lịch tư pháp (criminal record certificates). Issued by the provincial Sở Tư pháp until
// 28/02/2025; from 01/03/2025 the function moved to the provincial police (Công an tỉnh)
// [C: announcements of the hand-over in Tiền Giang and TP.HCM, Feb 2025]. The procedure is
// now published by the Ministry of Public Security under code 3.000333 [C: two crawls of the
// Ministry's portal]; the code it had under the Ministry of Justice is not recorded [U].
import type { Procedure } from '../../src/modules/catalogue/model';
import { ADDRESS_TTPVHCC, BEFORE_DEPT_MERGE, DEPT_MERGE, FIELDS, TYPE_LAW, agencies, conf, desk, online, post, unit } from './common';

export const tuPhapTinhProcedures: Procedure[] = [
  {
    code: '3.000333',
    name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam',
    field: FIELDS.lyLichTuPhap,
    tierHistory: [
      { tier: 'tinh', validFrom: '2010-07-01', validTo: BEFORE_DEPT_MERGE, agencies: agencies([unit('so-tu-phap')], [], [unit('cong-an-tinh', 'Công an tỉnh (tra cứu, xác minh thông tin án tích)')]) },
      { tier: 'tinh', validFrom: DEPT_MERGE },
    ],
    procedureType: TYPE_LAW,
    steps: [
      'Người yêu cầu nộp Tờ khai và giấy tờ kèm theo tại Trung tâm Phục vụ hành chính công tỉnh (bộ phận tiếp nhận của Công an tỉnh), qua bưu chính, hoặc trực tuyến trên Cổng Dịch vụ công/ứng dụng VNeID.',
      'Cán bộ tiếp nhận kiểm tra hồ sơ, thu phí và cấp giấy hẹn trả kết quả.',
      'Phòng Hồ sơ nghiệp vụ Công an tỉnh tra cứu, xác minh thông tin lý lịch tư pháp trong Cơ sở dữ liệu lý lịch tư pháp và với các cơ quan liên quan.',
      'Lãnh đạo Công an tỉnh ký Phiếu lý lịch tư pháp; trả kết quả trực tiếp, qua bưu chính hoặc bản điện tử trên VNeID.',
    ],
    channels: [
      desk('Nộp trực tiếp tại Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn.'),
      online('Nộp trực tuyến trên Cổng Dịch vụ công quốc gia, Cổng Dịch vụ công Bộ Công an hoặc ứng dụng VNeID (tài khoản định danh mức 2); thanh toán phí trực tuyến; nhận Phiếu bản điện tử hoặc qua bưu chính.'),
      post('Gửi hồ sơ qua dịch vụ bưu chính công ích kèm bản sao có chứng thực giấy tờ tùy thân; nhận Phiếu qua bưu chính.'),
    ],
    components: [
      { code: 'TK', name: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (Mẫu số 03/2024/LLTP dùng cho cá nhân)', form: 'ban_chinh', quantity: 1, required: true, templateFile: 'to-khai-yeu-cau-cap-phieu-ly-lich-tu-phap-mau-03.docx' },
      { code: 'TK_UQ', name: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp dùng cho trường hợp ủy quyền (Mẫu số 04/2024/LLTP)', form: 'ban_chinh', quantity: 1, required: false, templateFile: 'to-khai-yeu-cau-cap-phieu-ly-lich-tu-phap-mau-04.docx' },
      { code: 'GTTT', name: 'Bản chụp giấy tờ tùy thân (thẻ căn cước, hộ chiếu) của người được cấp Phiếu', form: 'ban_chup', quantity: 1, required: true, note: 'Xuất trình bản chính để đối chiếu khi nộp trực tiếp.' },
      { code: 'CT', name: 'Giấy tờ chứng minh nơi cư trú (chỉ khi không khai thác được từ Cơ sở dữ liệu quốc gia về dân cư)', form: 'ban_chup', quantity: 1, required: false },
      { code: 'UQ', name: 'Văn bản ủy quyền có công chứng, chứng thực (trường hợp ủy quyền, trừ khi người được ủy quyền là cha, mẹ, vợ, chồng, con)', form: 'ban_chinh', quantity: 1, required: false },
      { code: 'MIEN', name: 'Giấy tờ chứng minh thuộc đối tượng được miễn, giảm phí (nếu có)', form: 'ban_chup', quantity: 1, required: false },
    ],
    numberOfSets: 1,
    processingTime: {
      amount: 10,
      unit: 'calendar_days',
      extension: { amount: 15, unit: 'calendar_days', when: 'Người được cấp Phiếu là công dân Việt Nam đã cư trú ở nhiều nơi, người nước ngoài, hoặc trường hợp phải xác minh (không quá 15 ngày)' },
    },
    fees: [
      {
        type: 'fixed',
        kind: 'phi',
        label: 'Phí cung cấp thông tin lý lịch tư pháp',
        setByProvince: false,
        amount: 200000,
        reductions: [{ categories: ['sinh_vien', 'nguoi_co_cong', 'than_nhan_liet_si'], amount: 100000, description: 'Sinh viên, người có công với cách mạng, thân nhân liệt sĩ' }],
      },
      { type: 'per_copy', kind: 'phi', label: 'Phí cấp Phiếu lý lịch tư pháp từ Phiếu thứ 3 trở đi', setByProvince: false, amountPerCopy: 5000, variant: 'tu_phieu_thu_3' },
      {
        type: 'exemption',
        kind: 'phi',
        label: 'Miễn phí cung cấp thông tin lý lịch tư pháp',
        setByProvince: false,
        categories: ['tre_em', 'nguoi_cao_tuoi', 'nguoi_khuyet_tat', 'ho_ngheo', 'xa_dbkk'],
        description: 'Trẻ em, người cao tuổi, người khuyết tật, người thuộc hộ nghèo, người cư trú tại xã đặc biệt khó khăn, xã biên giới.',
      },
    ],
    applicants: [{ kind: 'cong_dan' }, { kind: 'nguoi_nuoc_ngoai', text: 'Người nước ngoài đang cư trú hoặc đã cư trú tại Việt Nam' }],
    agencies: agencies([unit('cong-an-tinh', 'Công an tỉnh (Phòng Hồ sơ nghiệp vụ)')], [], [unit('so-tu-phap', 'Sở Tư pháp (bàn giao dữ liệu lý lịch tư pháp trước 01/3/2025)')]),
    receivingAddress: ADDRESS_TTPVHCC,
    results: ['Phiếu lý lịch tư pháp số 1 hoặc số 2 (bản giấy hoặc bản điện tử)'],
    conditions: ['Phiếu lý lịch tư pháp số 2 chỉ cấp cho chính người đó, không ủy quyền.'],
    legalBasis: [
      { number: '28/2009/QH12', title: 'Luật Lý lịch tư pháp', date: '2009-06-17' },
      { number: '111/2010/NĐ-CP', title: 'Nghị định quy định chi tiết và hướng dẫn thi hành một số điều của Luật Lý lịch tư pháp', date: '2010-11-23' },
      { number: '06/2024/TT-BTP', title: 'Thông tư sửa đổi, bổ sung một số điều của các Thông tư ban hành và hướng dẫn sử dụng biểu mẫu và mẫu sổ lý lịch tư pháp', date: '2024-06-19' },
      { number: '244/2016/TT-BTC', title: 'Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí cung cấp thông tin lý lịch tư pháp' },
    ],
    relatedCodes: [],
    legacyLevel: 4,
    onlineLevel: 'toan_trinh',
    requiresPresence: false,
    requiresSiteInspection: false,
    feePayableOnline: true,
    resultDeliverableOnlineOrPost: true,
    confidence: conf('S', { code: 'C', tierHistory: 'C', processingTime: 'S', fees: 'S', legalBasis: 'U' }, 'Mã 3.000333 và cơ quan Công an tỉnh theo hai bản khảo sát Cổng DVC Bộ Công an 2026; chuyển từ Sở Tư pháp sang Công an tỉnh từ 01/3/2025 theo tin bàn giao ở Tiền Giang và TP.HCM. Phí theo TT 244/2016/TT-BTC như nhớ; cổng Bộ Công an dẫn TT 16/2025/TT-BTC chưa đọc được [U].'),
  },
];
