// Y tế: food safety certificates within the Ministry of Health's remit. Sở Y tế for larger
// establishments; communes for small ones (the portal lists both as receiving bodies).
import type { Procedure } from '../../src/modules/catalogue/model';
import { ADDRESS_TTPVHCC, FIELDS, ONLINE_DVCQG, POST_BCCI, TYPE_LAW, agencies, conf, desk, online, post, provinceSince, unit } from './common';

export const yTeProcedures: Procedure[] = [
  {
    code: '1.013855',
    name: 'Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh dịch vụ ăn uống, cơ sở sản xuất thực phẩm thuộc phạm vi quản lý của Bộ Y tế',
    field: FIELDS.antoanThucPham,
    tierHistory: provinceSince('2025-07-01'),
    procedureType: TYPE_LAW,
    steps: [
      'Cơ sở nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh (Sở Y tế) hoặc UBND cấp xã theo phân cấp, trực tiếp, qua bưu chính hoặc trực tuyến.',
      'Cơ quan tiếp nhận kiểm tra tính hợp lệ của hồ sơ; hồ sơ chưa hợp lệ thì thông báo bằng văn bản để bổ sung.',
      'Cơ quan có thẩm quyền thành lập đoàn thẩm định thực tế tại cơ sở; lập biên bản thẩm định.',
      'Cơ sở đạt yêu cầu thì được cấp Giấy chứng nhận; không đạt thì thông báo bằng văn bản, nêu rõ lý do; cơ sở chờ hoàn thiện thì được thẩm định lại.',
    ],
    channels: [desk('Nộp trực tiếp tại Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn.'), online(ONLINE_DVCQG + ' Hồ sơ được chuyển sang hệ thống dịch vụ công của Bộ Y tế.'), post(POST_BCCI)],
    components: [
      { code: 'DON', name: 'Đơn đề nghị cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm (Mẫu số 01 Phụ lục I Nghị định số 155/2018/NĐ-CP)', form: 'ban_chinh', quantity: 1, required: true, templateFile: 'don-de-nghi-cap-gcn-co-so-du-dieu-kien-attp-mau-01.docx' },
      { code: 'DKKD', name: 'Bản sao Giấy chứng nhận đăng ký doanh nghiệp hoặc đăng ký hộ kinh doanh có ngành nghề phù hợp', form: 'ban_chup', quantity: 1, required: true },
      { code: 'TM', name: 'Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ bảo đảm điều kiện vệ sinh an toàn thực phẩm', form: 'ban_chinh', quantity: 1, required: true },
      { code: 'SK', name: 'Giấy xác nhận đủ sức khỏe của chủ cơ sở và người trực tiếp sản xuất, kinh doanh thực phẩm', form: 'ban_chup', quantity: 1, required: true },
      { code: 'TH', name: 'Danh sách người đã được tập huấn kiến thức an toàn thực phẩm có xác nhận của chủ cơ sở', form: 'ban_chinh', quantity: 1, required: true },
    ],
    numberOfSets: 1,
    processingTime: { amount: 20, unit: 'working_days', note: 'Kể từ ngày nhận đủ hồ sơ hợp lệ, gồm thời gian thẩm định thực tế tại cơ sở.' },
    fees: [
      { type: 'fixed', kind: 'phi', label: 'Phí thẩm định cơ sở kinh doanh dịch vụ ăn uống phục vụ dưới 200 suất ăn', setByProvince: false, amount: 700000, variant: 'an_uong_duoi_200_suat' },
      { type: 'fixed', kind: 'phi', label: 'Phí thẩm định cơ sở kinh doanh dịch vụ ăn uống phục vụ từ 200 suất ăn trở lên', setByProvince: false, amount: 1000000, variant: 'an_uong_tu_200_suat' },
      { type: 'fixed', kind: 'phi', label: 'Phí thẩm định cơ sở sản xuất thực phẩm (trừ cơ sở nhỏ lẻ)', setByProvince: false, amount: 2500000, variant: 'co_so_san_xuat' },
    ],
    applicants: [{ kind: 'doanh_nghiep' }, { kind: 'hop_tac_xa' }, { kind: 'cong_dan', text: 'Hộ kinh doanh dịch vụ ăn uống, sản xuất thực phẩm' }],
    agencies: agencies([unit('so-y-te')], [{ unitKind: 'ubnd_xa', label: 'UBND cấp xã (cơ sở quy mô nhỏ theo phân cấp của UBND tỉnh)' }]),
    receivingAddress: ADDRESS_TTPVHCC,
    results: ['Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm (hiệu lực 03 năm)'],
    conditions: ['Cơ sở đáp ứng điều kiện bảo đảm an toàn thực phẩm theo Luật An toàn thực phẩm và Nghị định số 155/2018/NĐ-CP.'],
    legalBasis: [
      { number: '55/2010/QH12', title: 'Luật An toàn thực phẩm', date: '2010-06-17' },
      { number: '15/2018/NĐ-CP', title: 'Nghị định quy định chi tiết thi hành một số điều của Luật An toàn thực phẩm', date: '2018-02-02' },
      { number: '155/2018/NĐ-CP', title: 'Nghị định sửa đổi, bổ sung một số quy định liên quan đến điều kiện đầu tư kinh doanh thuộc phạm vi quản lý nhà nước của Bộ Y tế', date: '2018-11-12' },
      { number: '67/2021/TT-BTC', title: 'Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí trong công tác an toàn thực phẩm' },
    ],
    relatedCodes: [],
    legacyLevel: 3,
    onlineLevel: 'mot_phan',
    requiresPresence: false,
    requiresSiteInspection: true,
    feePayableOnline: true,
    resultDeliverableOnlineOrPost: true,
    ineligibleReason: 'Phải thẩm định thực tế điều kiện an toàn thực phẩm tại cơ sở.',
    confidence: conf('S', { code: 'S', name: 'S', tierHistory: 'U', processingTime: 'U', fees: 'U' }, 'Mã, tên, thành phần theo cấu hình cổng dịch vụ công Bộ Y tế 2026 [S] (Sở Y tế và UBND cấp xã cùng tiếp nhận). Thời hạn 20 ngày làm việc và mức phí theo TT 67/2021/TT-BTC là nhớ lại, chưa đối chiếu [U]; mã hiện hành có từ khi phân cấp năm 2025 [U].'),
  },
];
