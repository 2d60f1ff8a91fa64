// Shared building blocks for the demo procedure records (seed/procedures/*.ts).
//
// Sources used for the demo data (all public, read in November 2026; see each record's
// `confidence.note`):
//  - [DVCQG] a crawl of dichvucong.gov.vn detail pages (July 2026) kept in a public
//    repository: codes, names, processing times, fee texts, legal bases, components.
//  - [CA] the official text of the residence procedures of the Ministry of Public Security
//    (thủ tục đăng ký, quản lý cư trú) as copied into a public repository.
//  - [QĐ] provincial publication decisions (Quyết định công bố TTHC) quoted in public
//    repositories (Hà Giang QĐ 378/QĐ-UBND 2022; TP.HCM, Đà Nẵng, Lâm Đồng 2025–2026 lists).
//  - DOMAIN.md §10 (the project's own reference list).
// A value seen in one of these only is tagged [S]; in two independent ones [C]; recalled or
// inferred [U]. `procedureType` is never shown in the sources read, so it is always [U].
import type { AgencyRef, Agencies, Channel, Confidence, ConfidenceTag, Field, FeeRule, LegalDoc, TierPeriod } from '../../src/modules/catalogue/model';

// ---------------------------------------------------------------------------------------
// Dates of the 2025 reforms
// ---------------------------------------------------------------------------------------

/** Provincial departments merged on this day (Sở TN&MT + Sở NN&PTNT → Sở NN&MT, …). */
export const DEPT_MERGE = '2025-03-01';
export const BEFORE_DEPT_MERGE = '2025-02-28';
/** Two-tier local government from this day (district tier abolished). */
export const REFORM = '2025-07-01';
export const DISTRICT_END = '2025-06-30';

// ---------------------------------------------------------------------------------------
// Agencies (unit codes of the demo organisation tree, seed/org.ts)
// ---------------------------------------------------------------------------------------

/** Unit codes of the demo organisation tree (seed/org.ts) that procedures may reference. */
export const DEMO_UNIT_CODES: ReadonlySet<string> = new Set([
  'ubnd-tinh', 'vp-ubnd', 'ttpvhcc', 'so-tu-phap', 'so-xay-dung', 'so-nn-mt', 'so-tn-mt', 'so-nn-ptnt', 'so-tai-chinh', 'so-kh-dt',
  'so-noi-vu', 'so-ldtbxh', 'so-y-te', 'so-gd-dt', 'so-cong-thuong', 'cong-an-tinh',
  'huyen-dinh-lap', 'hdl-tu-phap', 'hdl-tn-mt', 'hdl-ldtbxh', 'hdl-kt-ht', 'hdl-tc-kh',
  'tp-lang-son', 'tpls-tu-phap', 'tpls-qldt', 'tpls-tn-mt',
]);

export const XA: AgencyRef = { unitKind: 'ubnd_xa', label: 'UBND cấp xã' };
export const CA_XA: AgencyRef = { unitKind: 'cong_an_xa', label: 'Công an cấp xã' };

export const unit = (unitCode: string, label?: string): AgencyRef => (label ? { unitCode, label } : { unitCode });

export function agencies(competent: AgencyRef[], authorised: AgencyRef[] = [], cooperating: AgencyRef[] = []): Agencies {
  return { competent, authorised, cooperating };
}

/** Who handled a procedure in the two demo districts before 01/07/2025. */
export function districtAgencies(dinhLap: string, langSon: string, cooperating: AgencyRef[] = []): Agencies {
  return agencies([unit(dinhLap), unit(langSon)], [], cooperating);
}

// ---------------------------------------------------------------------------------------
// Tier periods
// ---------------------------------------------------------------------------------------

/** Commune tier since `from`, never anything else. */
export const communeSince = (from: string): TierPeriod[] => [{ tier: 'xa', validFrom: from }];

/** Provincial tier since `from`. */
export const provinceSince = (from: string): TierPeriod[] => [{ tier: 'tinh', validFrom: from }];

/** District tier until 30/06/2025 (with the old district units), commune tier from 01/07/2025. */
export function districtThenCommune(from: string, district: Agencies): TierPeriod[] {
  return [
    { tier: 'huyen', validFrom: from, validTo: DISTRICT_END, agencies: district },
    { tier: 'xa', validFrom: REFORM },
  ];
}

/** Provincial tier throughout, with a different department before the 01/03/2025 merger. */
export function provinceBeforeAndAfterMerge(from: string, before: Agencies): TierPeriod[] {
  return [
    { tier: 'tinh', validFrom: from, validTo: BEFORE_DEPT_MERGE, agencies: before },
    { tier: 'tinh', validFrom: DEPT_MERGE },
  ];
}

// ---------------------------------------------------------------------------------------
// Receiving addresses
// ---------------------------------------------------------------------------------------

export const ADDRESS_TTPVHCC = 'Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn, số 2 đường Hùng Vương, phường Lương Văn Tri, tỉnh Lạng Sơn';
export const ADDRESS_XA = 'Trung tâm Phục vụ hành chính công (Bộ phận Một cửa) của UBND xã, phường nơi người yêu cầu cư trú; hoặc nộp trực tuyến trên Cổng Dịch vụ công quốc gia';
export const ADDRESS_CA_XA = 'Trụ sở Công an xã, phường nơi có chỗ ở hợp pháp; hoặc trực tuyến qua Cổng Dịch vụ công quốc gia, Cổng Dịch vụ công Bộ Công an, ứng dụng VNeID';

// ---------------------------------------------------------------------------------------
// Channels
// ---------------------------------------------------------------------------------------

export const desk = (description: string, extra: Partial<Channel> = {}): Channel => ({ kind: 'truc_tiep', description, ...extra });
export const online = (description: string, extra: Partial<Channel> = {}): Channel => ({ kind: 'truc_tuyen', description, ...extra });
export const post = (description: string, extra: Partial<Channel> = {}): Channel => ({ kind: 'buu_chinh', description, ...extra });

export const ONLINE_DVCQG = 'Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia (dichvucong.gov.vn) hoặc ứng dụng VNeID; thanh toán phí, lệ phí trực tuyến.';
export const POST_BCCI = 'Gửi hồ sơ và nhận kết quả qua dịch vụ bưu chính công ích.';

// ---------------------------------------------------------------------------------------
// Fee rules used by many records
// ---------------------------------------------------------------------------------------

/** Luật Hộ tịch Điều 11: no civil-status charge for these people. */
export const HO_TICH_EXEMPTION: FeeRule = {
  type: 'exemption',
  kind: 'le_phi',
  label: 'Miễn lệ phí đăng ký hộ tịch',
  setByProvince: false,
  categories: ['nguoi_co_cong', 'ho_ngheo', 'nguoi_khuyet_tat'],
  description: 'Người thuộc gia đình có công với cách mạng; người thuộc hộ nghèo; người khuyết tật (Điều 11 Luật Hộ tịch).',
  exempts: ['le_phi'],
  legalBasis: '60/2014/QH13',
};

/** Copies of civil-status extracts asked for with a registration: 8.000 đ per copy. */
export const BAN_SAO_TRICH_LUC_FEE: FeeRule = {
  type: 'per_copy',
  kind: 'phi',
  label: 'Phí cấp bản sao trích lục hộ tịch (nếu có yêu cầu)',
  setByProvince: false,
  amountPerCopy: 8000,
  variant: 'cap_ban_sao',
  legalBasis: '281/2016/TT-BTC',
};

/** Residence charges are waived for these people (Điều 4 TT 75/2022/TT-BTC) [S]. */
export const CU_TRU_EXEMPTION: FeeRule = {
  type: 'exemption',
  kind: 'le_phi',
  label: 'Miễn lệ phí đăng ký cư trú',
  setByProvince: false,
  categories: ['tre_em', 'nguoi_cao_tuoi', 'nguoi_khuyet_tat', 'nguoi_co_cong', 'than_nhan_liet_si', 'dan_toc_thieu_so', 'xa_dbkk', 'ho_ngheo'],
  description:
    'Trẻ em, người cao tuổi, người khuyết tật, người có công với cách mạng và thân nhân, đồng bào dân tộc thiểu số ở xã có điều kiện kinh tế - xã hội đặc biệt khó khăn, công dân thường trú tại xã biên giới, công dân thuộc hộ nghèo (Điều 4 Thông tư 75/2022/TT-BTC); phải xuất trình giấy tờ chứng minh nếu thông tin chưa có trong Cơ sở dữ liệu quốc gia về dân cư.',
  exempts: ['le_phi'],
  legalBasis: '75/2022/TT-BTC',
};

export function lePhiHdnd(label: string, note?: string, variant?: string): FeeRule {
  return { type: 'by_resolution', kind: 'le_phi', label, setByProvince: true, legalBasis: '85/2019/TT-BTC', ...(note ? { note } : {}), ...(variant ? { variant } : {}) };
}

// ---------------------------------------------------------------------------------------
// Legal documents cited by several records
// ---------------------------------------------------------------------------------------

const doc = (number: string, title: string, date?: string): LegalDoc => (date ? { number, title, date } : { number, title });

export const LAW = {
  hoTich: doc('60/2014/QH13', 'Luật Hộ tịch', '2014-11-20'),
  honNhan: doc('52/2014/QH13', 'Luật Hôn nhân và gia đình', '2014-06-19'),
  nd123: doc('123/2015/NĐ-CP', 'Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch', '2015-11-15'),
  tt04: doc('04/2020/TT-BTP', 'Thông tư quy định chi tiết thi hành một số điều của Luật Hộ tịch và Nghị định số 123/2015/NĐ-CP', '2020-05-28'),
  nd87: doc('87/2020/NĐ-CP', 'Nghị định quy định về Cơ sở dữ liệu hộ tịch điện tử, đăng ký hộ tịch trực tuyến', '2020-07-28'),
  nd104: doc('104/2022/NĐ-CP', 'Nghị định sửa đổi, bổ sung một số điều của các nghị định liên quan đến việc nộp, xuất trình sổ hộ khẩu, sổ tạm trú giấy khi thực hiện thủ tục hành chính, cung cấp dịch vụ công', '2022-12-21'),
  nd07_2025: doc('07/2025/NĐ-CP', 'Nghị định sửa đổi, bổ sung một số điều của các nghị định trong lĩnh vực hộ tịch, quốc tịch, chứng thực'),
  nd120_2025: doc('120/2025/NĐ-CP', 'Nghị định quy định về phân định thẩm quyền của chính quyền địa phương 02 cấp trong lĩnh vực quản lý nhà nước của Bộ Tư pháp', '2025-06-11'),
  tt08_2025: doc('08/2025/TT-BTP', 'Thông tư quy định về phân định thẩm quyền của chính quyền địa phương 02 cấp và phân cấp trong lĩnh vực quản lý nhà nước của Bộ Tư pháp', '2025-06-12'),
  tt85: doc('85/2019/TT-BTC', 'Thông tư hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của Hội đồng nhân dân tỉnh, thành phố trực thuộc Trung ương', '2019-11-29'),
  tt281: doc('281/2016/TT-BTC', 'Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí khai thác, sử dụng thông tin trong cơ sở dữ liệu hộ tịch, phí xác nhận có quốc tịch Việt Nam, phí xác nhận là người gốc Việt Nam, lệ phí quốc tịch', '2016-11-14'),
  nd23: doc('23/2015/NĐ-CP', 'Nghị định về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch', '2015-02-16'),
  tt01_2020: doc('01/2020/TT-BTP', 'Thông tư quy định chi tiết và hướng dẫn thi hành một số điều của Nghị định số 23/2015/NĐ-CP'),
  tt226: doc('226/2016/TT-BTC', 'Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí chứng thực'),
  cuTru: doc('68/2020/QH14', 'Luật Cư trú', '2020-11-13'),
  nd62: doc('62/2021/NĐ-CP', 'Nghị định quy định chi tiết một số điều của Luật Cư trú', '2021-06-29'),
  tt55: doc('55/2021/TT-BCA', 'Thông tư quy định chi tiết một số điều và biện pháp thi hành Luật Cư trú', '2021-05-15'),
  tt56: doc('56/2021/TT-BCA', 'Thông tư quy định về biểu mẫu trong đăng ký, quản lý cư trú', '2021-05-15'),
  tt57: doc('57/2021/TT-BCA', 'Thông tư quy định về quy trình đăng ký cư trú', '2021-05-15'),
  tt66: doc('66/2023/TT-BCA', 'Thông tư sửa đổi, bổ sung một số điều của các Thông tư số 55/2021/TT-BCA, 56/2021/TT-BCA và 57/2021/TT-BCA', '2023-11-17'),
  tt75: doc('75/2022/TT-BTC', 'Thông tư quy định mức thu, chế độ thu, nộp và quản lý lệ phí đăng ký cư trú', '2022-12-22'),
  doanhNghiep: doc('59/2020/QH14', 'Luật Doanh nghiệp', '2020-06-17'),
  luat76_2025: doc('76/2025/QH15', 'Luật sửa đổi, bổ sung một số điều của Luật Doanh nghiệp'),
  nd168_2025: doc('168/2025/NĐ-CP', 'Nghị định về đăng ký doanh nghiệp', '2025-06-30'),
  tt68_2025: doc('68/2025/TT-BTC', 'Thông tư ban hành biểu mẫu sử dụng trong đăng ký doanh nghiệp, đăng ký hộ kinh doanh'),
  tt47_2019: doc('47/2019/TT-BTC', 'Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí cung cấp thông tin doanh nghiệp, lệ phí đăng ký doanh nghiệp'),
  xayDung: doc('50/2014/QH13', 'Luật Xây dựng', '2014-06-18'),
  xayDungSua: doc('62/2020/QH14', 'Luật sửa đổi, bổ sung một số điều của Luật Xây dựng', '2020-06-17'),
  nd175_2024: doc('175/2024/NĐ-CP', 'Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Xây dựng về quản lý hoạt động xây dựng', '2024-12-30'),
  nd140_2025: doc('140/2025/NĐ-CP', 'Nghị định quy định về phân định thẩm quyền của chính quyền địa phương 02 cấp trong lĩnh vực quản lý nhà nước của Bộ Xây dựng'),
  nd144_2025: doc('144/2025/NĐ-CP', 'Nghị định quy định về phân quyền, phân cấp trong lĩnh vực quản lý nhà nước của Bộ Xây dựng'),
  datDai: doc('31/2024/QH15', 'Luật Đất đai', '2024-01-18'),
  nd151_2025: doc('151/2025/NĐ-CP', 'Nghị định quy định về phân định thẩm quyền của chính quyền địa phương 02 cấp, phân quyền, phân cấp trong lĩnh vực đất đai', '2025-06-12'),
  nd49_2026: doc('49/2026/NĐ-CP', 'Nghị định quy định chi tiết và hướng dẫn một số điều của Nghị quyết số 254/2025/QH15 về cơ chế, chính sách tháo gỡ khó khăn, vướng mắc trong tổ chức thi hành Luật Đất đai', '2026-01-31'),
  qd28_2026_ls: doc('28/2026/QĐ-UBND', 'Quyết định của UBND tỉnh Lạng Sơn quy định về phân cấp và trình tự, thủ tục hành chính trong lĩnh vực đất đai', '2026-06-20'),
  nd20_2021: doc('20/2021/NĐ-CP', 'Nghị định quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội', '2021-03-15'),
  nd176_2025: doc('176/2025/NĐ-CP', 'Nghị định quy định chi tiết về trợ cấp hưu trí xã hội'),
  nguoiKhuyetTat: doc('51/2010/QH12', 'Luật Người khuyết tật', '2010-06-17'),
  phapLenhNcc: doc('02/2020/UBTVQH14', 'Pháp lệnh Ưu đãi người có công với cách mạng', '2020-12-09'),
  nd131_2021: doc('131/2021/NĐ-CP', 'Nghị định quy định chi tiết và biện pháp thi hành Pháp lệnh Ưu đãi người có công với cách mạng', '2021-12-30'),
} satisfies Record<string, LegalDoc>;

// ---------------------------------------------------------------------------------------
// Fields (lĩnh vực)
// ---------------------------------------------------------------------------------------

export const FIELDS = {
  hoTich: { code: 'ho-tich', name: 'Hộ tịch' },
  chungThuc: { code: 'chung-thuc', name: 'Chứng thực' },
  cuTru: { code: 'cu-tru', name: 'Đăng ký, quản lý cư trú' },
  hoKinhDoanh: { code: 'ho-kinh-doanh', name: 'Thành lập và hoạt động của hộ kinh doanh' },
  baoTroXaHoi: { code: 'bao-tro-xa-hoi', name: 'Bảo trợ xã hội' },
  nguoiCoCong: { code: 'nguoi-co-cong', name: 'Người có công' },
  lyLichTuPhap: { code: 'ly-lich-tu-phap', name: 'Lý lịch tư pháp' },
  doanhNghiep: { code: 'thanh-lap-doanh-nghiep', name: 'Thành lập và hoạt động doanh nghiệp' },
  xayDung: { code: 'hoat-dong-xay-dung', name: 'Hoạt động xây dựng' },
  datDai: { code: 'dat-dai', name: 'Đất đai' },
  antoanThucPham: { code: 'an-toan-thuc-pham', name: 'An toàn thực phẩm' },
  giaoDucTrungHoc: { code: 'giao-duc-trung-hoc', name: 'Giáo dục trung học' },
  luuThongHangHoa: { code: 'luu-thong-hang-hoa', name: 'Lưu thông hàng hóa trong nước' },
  laoDong: { code: 'lao-dong-tien-luong', name: 'Lao động, tiền lương' },
} satisfies Record<string, Field>;

// ---------------------------------------------------------------------------------------
// Confidence
// ---------------------------------------------------------------------------------------

/** Confidence with `procedureType` always tagged [U] (no source shows it). */
export function conf(level: ConfidenceTag, fields: Record<string, ConfidenceTag>, note: string): Confidence {
  return { level, fields: { procedureType: 'U', ...fields }, note };
}

export const TYPE_LAW = 'TTHC được luật giao quy định chi tiết';
export const TYPE_NOT_LAW = 'TTHC không được luật giao quy định chi tiết';
export const TYPE_LOCAL = 'TTHC đặc thù của địa phương';
