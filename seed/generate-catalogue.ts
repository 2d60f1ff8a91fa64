// Deterministic generator of a large, realistic-looking procedure catalogue for benchmarks.
// Every record is FICTIONAL (codes start with "9.", which the national catalogue does not use
// in the demo data) and carries confidence U. Same (n, seed) → same output; no Math.random.
//
//   npx tsx seed/generate-catalogue.ts [n=2000] [seed=1] > catalogue.json
import type { AgencyRef, Agencies, Channel, DossierComponent, FeeRule, Field, LegacyLevel, LegalDoc, OnlineLevel, Procedure, TierPeriod, TimeLimit } from '../src/modules/catalogue/model';
import { CA_XA, DEPT_MERGE, BEFORE_DEPT_MERGE, DISTRICT_END, FIELDS, LAW, REFORM, XA } from './procedures/common';

// ---------------------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------------------

/** mulberry32: small, fast, good enough for test data. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }
  /** Up to `k` distinct items, order kept from the list. */
  sample<T>(list: readonly T[], k: number): T[] {
    const idx = list.map((_, i) => i);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [idx[i], idx[j]] = [idx[j] as number, idx[i] as number];
    }
    return idx.slice(0, Math.min(k, idx.length)).sort((a, b) => a - b).map((i) => list[i] as T);
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return (items[items.length - 1] as readonly [T, number])[0];
  }
}

// ---------------------------------------------------------------------------------------
// Vocabularies per field
// ---------------------------------------------------------------------------------------

interface FieldVocab {
  field: Field;
  weight: number;
  /** Department (province tier) and, if it absorbed another on 01/03/2025, the old one. */
  dept: string;
  deptBefore?: readonly string[];
  /** District units that handled the field before 01/07/2025: Đình Lập, TP Lạng Sơn. */
  district: readonly [string, string];
  commune: AgencyRef;
  /** Documents that are issued, renewed, amended, revoked. */
  documents: readonly string[];
  /** Other acts, full names. */
  acts: readonly string[];
  components: readonly string[];
  laws: readonly LegalDoc[];
}

const doc = (number: string, title: string): LegalDoc => ({ number, title });

const VOCAB: readonly FieldVocab[] = [
  {
    field: FIELDS.hoTich, weight: 8, dept: 'so-tu-phap', district: ['hdl-tu-phap', 'tpls-tu-phap'], commune: XA,
    documents: ['bản sao Trích lục hộ tịch', 'Giấy xác nhận tình trạng hôn nhân', 'Trích lục ghi chú ly hôn', 'Trích lục đăng ký giám hộ', 'bản sao Giấy khai sinh'],
    acts: ['Đăng ký khai sinh lưu động', 'Đăng ký kết hôn lưu động', 'Đăng ký khai tử lưu động', 'Đăng ký lại kết hôn', 'Đăng ký lại khai tử', 'Đăng ký chấm dứt giám hộ', 'Ghi vào Sổ hộ tịch việc thay đổi hộ tịch theo bản án, quyết định của cơ quan nhà nước có thẩm quyền', 'Đăng ký giám sát việc giám hộ'],
    components: ['Tờ khai theo mẫu', 'Giấy tờ tùy thân của người yêu cầu', 'Giấy tờ chứng minh nơi cư trú', 'Văn bản ủy quyền (nếu có)', 'Giấy tờ làm căn cứ đăng ký'],
    laws: [LAW.hoTich, LAW.nd123, LAW.tt04, LAW.nd120_2025],
  },
  {
    field: FIELDS.chungThuc, weight: 4, dept: 'so-tu-phap', district: ['hdl-tu-phap', 'tpls-tu-phap'], commune: XA,
    documents: ['bản sao từ sổ gốc', 'bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng thực'],
    acts: ['Chứng thực chữ ký người dịch', 'Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản', 'Chứng thực di chúc', 'Chứng thực văn bản thỏa thuận phân chia di sản', 'Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch', 'Sửa lỗi sai sót trong hợp đồng, giao dịch'],
    components: ['Phiếu yêu cầu chứng thực', 'Dự thảo hợp đồng, giao dịch', 'Bản sao giấy tờ tùy thân', 'Bản sao giấy chứng nhận quyền sở hữu tài sản'],
    laws: [LAW.nd23, LAW.tt01_2020, LAW.tt226],
  },
  {
    field: FIELDS.cuTru, weight: 4, dept: 'cong-an-tinh', district: ['huyen-dinh-lap', 'tp-lang-son'], commune: CA_XA,
    documents: ['Xác nhận thông tin về cư trú', 'Phiếu khai báo tạm vắng'],
    acts: ['Điều chỉnh thông tin về cư trú trong Cơ sở dữ liệu về cư trú', 'Khai báo thông tin về cư trú đối với người chưa đủ điều kiện đăng ký thường trú, tạm trú', 'Thông báo lưu trú', 'Xóa đăng ký tạm trú', 'Đăng ký tạm trú theo danh sách'],
    components: ['Tờ khai thay đổi thông tin cư trú (Mẫu CT01)', 'Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp', 'Văn bản đồng ý của chủ hộ', 'Giấy tờ chứng minh quan hệ nhân thân'],
    laws: [LAW.cuTru, LAW.nd62, LAW.tt55, LAW.tt66],
  },
  {
    field: FIELDS.hoKinhDoanh, weight: 4, dept: 'so-tai-chinh', deptBefore: ['so-kh-dt'], district: ['hdl-tc-kh', 'tp-lang-son'], commune: XA,
    documents: ['Giấy chứng nhận đăng ký hộ kinh doanh', 'Giấy xác nhận tạm ngừng kinh doanh của hộ kinh doanh'],
    acts: ['Đăng ký thay đổi chủ hộ kinh doanh', 'Đăng ký địa điểm kinh doanh của hộ kinh doanh', 'Thông báo thay đổi thông tin đăng ký thuế của hộ kinh doanh'],
    components: ['Giấy đề nghị theo mẫu', 'Bản sao giấy tờ pháp lý của chủ hộ', 'Biên bản họp thành viên hộ gia đình', 'Văn bản ủy quyền'],
    laws: [LAW.doanhNghiep, LAW.nd168_2025, LAW.tt68_2025],
  },
  {
    field: FIELDS.doanhNghiep, weight: 5, dept: 'so-tai-chinh', deptBefore: ['so-kh-dt'], district: ['hdl-tc-kh', 'tp-lang-son'], commune: XA,
    documents: ['Giấy chứng nhận đăng ký doanh nghiệp', 'Giấy chứng nhận đăng ký hoạt động chi nhánh, văn phòng đại diện', 'Giấy chứng nhận đăng ký địa điểm kinh doanh'],
    acts: ['Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên', 'Đăng ký thành lập công ty cổ phần', 'Đăng ký thay đổi người đại diện theo pháp luật', 'Thông báo tạm ngừng kinh doanh của doanh nghiệp', 'Giải thể doanh nghiệp', 'Chuyển đổi loại hình doanh nghiệp'],
    components: ['Giấy đề nghị đăng ký doanh nghiệp', 'Điều lệ công ty', 'Danh sách thành viên, cổ đông sáng lập', 'Bản sao giấy tờ pháp lý của cá nhân', 'Nghị quyết, quyết định của chủ sở hữu'],
    laws: [LAW.doanhNghiep, LAW.luat76_2025, LAW.nd168_2025],
  },
  {
    field: FIELDS.baoTroXaHoi, weight: 5, dept: 'so-y-te', deptBefore: ['so-ldtbxh'], district: ['hdl-ldtbxh', 'tp-lang-son'], commune: XA,
    documents: ['Giấy xác nhận khuyết tật', 'Giấy phép hoạt động cơ sở trợ giúp xã hội'],
    acts: ['Trợ giúp xã hội khẩn cấp về hỗ trợ làm nhà ở', 'Tiếp nhận đối tượng bảo trợ xã hội có hoàn cảnh đặc biệt khó khăn vào cơ sở trợ giúp xã hội', 'Chi trả trợ cấp xã hội khi đối tượng thay đổi nơi cư trú', 'Hỗ trợ chi phí mai táng đối với đối tượng hưởng trợ cấp hưu trí xã hội', 'Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm'],
    components: ['Tờ khai đề nghị trợ giúp xã hội', 'Giấy tờ chứng minh đối tượng', 'Giấy xác nhận khuyết tật', 'Biên bản xác minh hoàn cảnh'],
    laws: [LAW.nd20_2021, LAW.nguoiKhuyetTat, LAW.nd176_2025],
  },
  {
    field: FIELDS.nguoiCoCong, weight: 4, dept: 'so-noi-vu', deptBefore: ['so-ldtbxh'], district: ['hdl-ldtbxh', 'tp-lang-son'], commune: XA,
    documents: ['Giấy chứng nhận thương binh', 'Bằng "Tổ quốc ghi công"', 'Giấy xác nhận thân nhân người có công'],
    acts: ['Giải quyết chế độ mai táng phí đối với cựu chiến binh', 'Giải quyết chế độ ưu đãi đối với Bà mẹ Việt Nam anh hùng', 'Hỗ trợ người có công cải thiện nhà ở', 'Giám định lại thương tật do vết thương cũ tái phát', 'Cấp trang thiết bị phục hồi chức năng cho người có công'],
    components: ['Đơn đề nghị theo mẫu', 'Bản sao giấy tờ chứng minh người có công', 'Trích lục khai tử', 'Biên bản họp gia đình'],
    laws: [LAW.phapLenhNcc, LAW.nd131_2021],
  },
  {
    field: FIELDS.xayDung, weight: 5, dept: 'so-xay-dung', district: ['hdl-kt-ht', 'tpls-qldt'], commune: XA,
    documents: ['giấy phép xây dựng công trình cấp III, cấp IV', 'giấy phép di dời công trình', 'chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III', 'chứng chỉ năng lực hoạt động xây dựng', 'giấy phép xây dựng có thời hạn'],
    acts: ['Thẩm định thiết kế xây dựng triển khai sau thiết kế cơ sở', 'Thẩm định Báo cáo kinh tế - kỹ thuật đầu tư xây dựng', 'Kiểm tra công tác nghiệm thu hoàn thành công trình', 'Thông báo khởi công xây dựng công trình'],
    components: ['Đơn đề nghị theo mẫu', 'Giấy tờ hợp pháp về đất đai', 'Bản vẽ thiết kế xây dựng', 'Quyết định phê duyệt dự án', 'Kết quả thẩm duyệt phòng cháy, chữa cháy'],
    laws: [LAW.xayDung, LAW.xayDungSua, LAW.nd175_2024, LAW.nd140_2025],
  },
  {
    field: FIELDS.datDai, weight: 7, dept: 'so-nn-mt', deptBefore: ['so-tn-mt'], district: ['hdl-tn-mt', 'tpls-tn-mt'], commune: XA,
    documents: ['Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', 'trích lục bản đồ địa chính', 'Giấy chứng nhận đã cấp do bị mất'],
    acts: ['Đăng ký biến động quyền sử dụng đất do chuyển nhượng, tặng cho, thừa kế', 'Tách thửa hoặc hợp thửa đất', 'Chuyển mục đích sử dụng đất', 'Gia hạn sử dụng đất nông nghiệp', 'Hòa giải tranh chấp đất đai', 'Xóa đăng ký thế chấp quyền sử dụng đất', 'Đính chính Giấy chứng nhận đã cấp'],
    components: ['Đơn đăng ký biến động đất đai (Mẫu số 11/ĐK)', 'Giấy chứng nhận đã cấp', 'Hợp đồng, văn bản về chuyển quyền sử dụng đất', 'Trích đo địa chính thửa đất', 'Chứng từ thực hiện nghĩa vụ tài chính'],
    laws: [LAW.datDai, LAW.nd151_2025, LAW.nd49_2026],
  },
  {
    field: FIELDS.antoanThucPham, weight: 3, dept: 'so-y-te', district: ['huyen-dinh-lap', 'tp-lang-son'], commune: XA,
    documents: ['Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm', 'Giấy tiếp nhận bản tự công bố sản phẩm', 'Giấy xác nhận nội dung quảng cáo thực phẩm'],
    acts: ['Tiếp nhận bản tự công bố sản phẩm thực phẩm', 'Đăng ký bản công bố sản phẩm dinh dưỡng y học'],
    components: ['Đơn đề nghị theo mẫu', 'Bản thuyết minh cơ sở vật chất, trang thiết bị', 'Giấy xác nhận đủ sức khỏe', 'Danh sách người được tập huấn kiến thức an toàn thực phẩm'],
    laws: [doc('55/2010/QH12', 'Luật An toàn thực phẩm'), doc('15/2018/NĐ-CP', 'Nghị định quy định chi tiết thi hành một số điều của Luật An toàn thực phẩm')],
  },
  {
    field: { code: 'kham-chua-benh', name: 'Khám bệnh, chữa bệnh' }, weight: 3, dept: 'so-y-te', district: ['huyen-dinh-lap', 'tp-lang-son'], commune: XA,
    documents: ['giấy phép hành nghề khám bệnh, chữa bệnh', 'giấy phép hoạt động phòng khám đa khoa', 'giấy phép hoạt động phòng khám chuyên khoa', 'giấy phép hoạt động trạm y tế cấp xã'],
    acts: ['Công bố cơ sở đủ điều kiện thực hiện khám sức khỏe', 'Công nhận biết chữ tiếng Việt thành thạo cho người nước ngoài hành nghề khám bệnh, chữa bệnh'],
    components: ['Đơn đề nghị theo mẫu', 'Bản sao văn bằng chuyên môn', 'Giấy xác nhận quá trình thực hành', 'Giấy chứng nhận đủ sức khỏe', 'Danh sách nhân sự'],
    laws: [doc('15/2023/QH15', 'Luật Khám bệnh, chữa bệnh'), doc('96/2023/NĐ-CP', 'Nghị định quy định chi tiết một số điều của Luật Khám bệnh, chữa bệnh')],
  },
  {
    field: FIELDS.giaoDucTrungHoc, weight: 4, dept: 'so-gd-dt', district: ['huyen-dinh-lap', 'tp-lang-son'], commune: XA,
    documents: ['quyết định cho phép trường trung học cơ sở hoạt động giáo dục', 'bản sao văn bằng, chứng chỉ từ sổ gốc', 'giấy phép tổ chức hoạt động dạy thêm, học thêm'],
    acts: ['Chuyển trường và tiếp nhận học sinh', 'Tiếp nhận học sinh Việt Nam từ nước ngoài về nước', 'Xét, cấp học bổng chính sách', 'Sáp nhập, chia, tách trường trung học cơ sở', 'Giải thể trường trung học cơ sở', 'Xét duyệt học sinh bán trú được hỗ trợ'],
    components: ['Đơn đề nghị theo mẫu', 'Học bạ', 'Bản sao giấy khai sinh', 'Giấy giới thiệu chuyển trường', 'Đề án, tờ trình'],
    laws: [doc('43/2019/QH14', 'Luật Giáo dục')],
  },
  {
    field: FIELDS.luuThongHangHoa, weight: 4, dept: 'so-cong-thuong', district: ['hdl-kt-ht', 'tp-lang-son'], commune: XA,
    documents: ['Giấy phép bán lẻ sản phẩm thuốc lá', 'Giấy phép sản xuất rượu thủ công nhằm mục đích kinh doanh', 'Giấy chứng nhận đủ điều kiện cửa hàng bán lẻ LPG chai', 'Giấy xác nhận đủ điều kiện làm đại lý bán lẻ xăng dầu', 'Giấy phép bán buôn rượu'],
    acts: ['Tiếp nhận thông báo thực hiện khuyến mại', 'Đăng ký tổ chức hội chợ, triển lãm thương mại', 'Cấp giấy tiếp nhận thông báo kinh doanh xăng dầu bằng thiết bị bán xăng dầu quy mô nhỏ'],
    components: ['Đơn đề nghị theo mẫu', 'Bản sao Giấy chứng nhận đăng ký doanh nghiệp, hộ kinh doanh', 'Tài liệu chứng minh địa điểm kinh doanh', 'Văn bản giới thiệu của thương nhân cung cấp'],
    laws: [doc('83/2014/NĐ-CP', 'Nghị định về kinh doanh xăng dầu'), doc('105/2017/NĐ-CP', 'Nghị định về kinh doanh rượu'), doc('67/2013/NĐ-CP', 'Nghị định về kinh doanh thuốc lá')],
  },
  {
    field: FIELDS.laoDong, weight: 3, dept: 'so-noi-vu', deptBefore: ['so-ldtbxh'], district: ['hdl-ldtbxh', 'tp-lang-son'], commune: XA,
    documents: ['giấy phép lao động cho người lao động nước ngoài', 'giấy xác nhận không thuộc diện cấp giấy phép lao động', 'giấy phép hoạt động cho thuê lại lao động'],
    acts: ['Đăng ký nội quy lao động', 'Đăng ký hợp đồng nhận lao động thực tập', 'Rút tiền ký quỹ của doanh nghiệp cho thuê lại lao động', 'Báo cáo giải trình nhu cầu sử dụng người lao động nước ngoài'],
    components: ['Văn bản đề nghị theo mẫu', 'Giấy chứng nhận sức khỏe', 'Bản sao hộ chiếu', 'Văn bản chứng minh nhà quản lý, chuyên gia', 'Phiếu lý lịch tư pháp'],
    laws: [doc('45/2019/QH14', 'Bộ luật Lao động'), doc('219/2025/NĐ-CP', 'Nghị định về người lao động nước ngoài làm việc tại Việt Nam')],
  },
  {
    field: { code: 'moi-truong', name: 'Môi trường' }, weight: 3, dept: 'so-nn-mt', deptBefore: ['so-tn-mt'], district: ['hdl-tn-mt', 'tpls-tn-mt'], commune: XA,
    documents: ['giấy phép môi trường', 'giấy phép môi trường điều chỉnh'],
    acts: ['Thẩm định báo cáo đánh giá tác động môi trường', 'Đăng ký môi trường', 'Vận hành thử nghiệm công trình xử lý chất thải', 'Xác nhận kế hoạch bảo vệ môi trường'],
    components: ['Văn bản đề nghị theo mẫu', 'Báo cáo đề xuất cấp giấy phép môi trường', 'Bản sao báo cáo nghiên cứu khả thi', 'Kết quả quan trắc môi trường'],
    laws: [doc('72/2020/QH14', 'Luật Bảo vệ môi trường'), doc('08/2022/NĐ-CP', 'Nghị định quy định chi tiết một số điều của Luật Bảo vệ môi trường')],
  },
  {
    field: { code: 'trong-trot-bao-ve-thuc-vat', name: 'Trồng trọt và bảo vệ thực vật' }, weight: 2, dept: 'so-nn-mt', deptBefore: ['so-nn-ptnt'], district: ['huyen-dinh-lap', 'tp-lang-son'], commune: XA,
    documents: ['Giấy chứng nhận đủ điều kiện buôn bán thuốc bảo vệ thực vật', 'Giấy chứng nhận đủ điều kiện buôn bán phân bón', 'Giấy chứng nhận cây đầu dòng'],
    acts: ['Công nhận vườn cây đầu dòng', 'Chuyển đổi cơ cấu cây trồng trên đất trồng lúa', 'Cấp mã số vùng trồng'],
    components: ['Đơn đề nghị theo mẫu', 'Bản thuyết minh điều kiện cơ sở', 'Bản sao giấy chứng nhận bồi dưỡng chuyên môn'],
    laws: [doc('31/2018/QH14', 'Luật Trồng trọt'), doc('41/2013/QH13', 'Luật Bảo vệ và kiểm dịch thực vật')],
  },
  {
    field: { code: 'thi-dua-khen-thuong', name: 'Thi đua, khen thưởng' }, weight: 2, dept: 'so-noi-vu', district: ['huyen-dinh-lap', 'tp-lang-son'], commune: XA,
    documents: ['Giấy khen của Chủ tịch UBND cấp xã', 'Bằng khen của Chủ tịch UBND tỉnh'],
    acts: ['Tặng danh hiệu Chiến sĩ thi đua cấp tỉnh', 'Tặng danh hiệu Gia đình văn hóa', 'Khen thưởng theo đợt, chuyên đề', 'Khen thưởng đột xuất'],
    components: ['Tờ trình đề nghị khen thưởng', 'Báo cáo thành tích', 'Biên bản họp Hội đồng thi đua - khen thưởng'],
    laws: [doc('06/2022/QH15', 'Luật Thi đua, khen thưởng'), doc('98/2023/NĐ-CP', 'Nghị định quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng')],
  },
  {
    field: { code: 'cong-chung', name: 'Công chứng' }, weight: 2, dept: 'so-tu-phap', district: ['hdl-tu-phap', 'tpls-tu-phap'], commune: XA,
    documents: ['thẻ công chứng viên', 'quyết định cho phép thành lập Văn phòng công chứng'],
    acts: ['Đăng ký hành nghề công chứng', 'Đăng ký hoạt động Văn phòng công chứng', 'Chuyển nhượng Văn phòng công chứng', 'Hợp nhất, sáp nhập Văn phòng công chứng'],
    components: ['Đơn đề nghị theo mẫu', 'Bản sao quyết định bổ nhiệm công chứng viên', 'Giấy tờ chứng minh trụ sở', 'Đề án thành lập'],
    laws: [doc('46/2024/QH15', 'Luật Công chứng')],
  },
];

// ---------------------------------------------------------------------------------------
// Shared phrases
// ---------------------------------------------------------------------------------------

const DOC_VERBS = ['Cấp', 'Cấp lại', 'Cấp đổi', 'Điều chỉnh', 'Gia hạn', 'Thu hồi', 'Cấp sửa đổi, bổ sung'] as const;
const QUALIFIERS = ['', '', '', ' đối với cá nhân', ' đối với tổ chức', ' có yếu tố nước ngoài', ' trên môi trường điện tử', ' tại khu vực biên giới', ' trong trường hợp bị mất, hư hỏng', ' theo yêu cầu của cơ quan nhà nước'] as const;
const RESULT_KIND = ['Quyết định', 'Văn bản chấp thuận', 'Thông báo kết quả', 'Giấy xác nhận'] as const;
const FORMS = ['ban_chinh', 'ban_sao_chung_thuc', 'ban_chup', 'ban_chinh_hoac_ban_sao'] as const;
const REASONS = {
  presence: ['Phải xuất trình bản chính để đối chiếu.', 'Người yêu cầu phải có mặt ký trước người có thẩm quyền.', 'Phải có mặt để kiểm tra, đối chiếu nhân thân.'],
  site: ['Phải kiểm tra thực địa.', 'Phải thẩm định thực tế tại cơ sở.', 'Phải niêm yết công khai và xác minh tại khu dân cư.'],
  fee: ['Phí, lệ phí chưa thanh toán trực tuyến được.'],
  result: ['Kết quả là bản giấy phải nhận trực tiếp.', 'Hồ sơ gốc chuyển giữa các cơ quan bằng văn bản giấy.'],
} as const;

/** Departments created by the 01/03/2025 merger (they cannot be named before it). */
const NEW_DEPTS = new Set(['so-nn-mt']);

const START_DATES = ['2015-01-01', '2015-07-01', '2016-01-01', '2017-03-15', '2018-07-01', '2019-10-01', '2020-05-28', '2021-01-01', '2021-07-01', '2022-02-15', '2023-01-01', '2024-08-01'] as const;
const AMOUNTS = [5000, 10000, 15000, 20000, 25000, 50000, 100000, 150000, 200000, 300000, 500000, 700000, 1000000, 1200000, 2500000] as const;

function pad6(n: number): string {
  return String(n).padStart(6, '0');
}

// ---------------------------------------------------------------------------------------
// One record
// ---------------------------------------------------------------------------------------

function makeTierHistory(rng: Rng, v: FieldVocab, tier: 'tinh' | 'xa', own: Agencies): TierPeriod[] {
  const from = rng.pick(START_DATES);
  const districtAgencies: Agencies = { competent: [{ unitCode: v.district[0] }, { unitCode: v.district[1] }], authorised: [], cooperating: [] };
  if (tier === 'xa') {
    // ~35% of commune procedures were district procedures before the 2025 reform.
    if (rng.chance(0.35)) return [{ tier: 'huyen', validFrom: from, validTo: DISTRICT_END, agencies: districtAgencies }, { tier: 'xa', validFrom: REFORM }];
    return [{ tier: 'xa', validFrom: rng.chance(0.1) ? REFORM : from }];
  }
  const r = rng.float();
  if (r < 0.08) return [{ tier: 'huyen', validFrom: from, validTo: DISTRICT_END, agencies: districtAgencies }, { tier: 'tinh', validFrom: REFORM, agencies: own }];
  // Sở NN&MT only exists from 01/03/2025, so its older procedures always show the merger.
  if (v.deptBefore && (r < 0.55 || NEW_DEPTS.has(v.dept))) {
    const before: Agencies = { competent: [{ unitCode: rng.pick(v.deptBefore) }], authorised: [], cooperating: [] };
    return [{ tier: 'tinh', validFrom: from, validTo: BEFORE_DEPT_MERGE, agencies: before }, { tier: 'tinh', validFrom: DEPT_MERGE }];
  }
  return [{ tier: 'tinh', validFrom: from }];
}

function makeTime(rng: Rng): TimeLimit {
  const kind = rng.weighted([['same', 12], ['wd', 70], ['cd', 15], ['wh', 3]] as const);
  if (kind === 'same') {
    const t: TimeLimit = { amount: 1, unit: 'same_day', cutoff: '15:00' };
    if (rng.chance(0.4)) t.extension = { amount: rng.pick([2, 3, 5]), unit: 'working_days', when: 'Cần xác minh thêm thông tin' };
    return t;
  }
  if (kind === 'wh') return { amount: rng.pick([4, 8, 16]), unit: 'working_hours' };
  if (kind === 'cd') return { amount: rng.pick([10, 15, 20, 30, 45, 60]), unit: 'calendar_days' };
  const t: TimeLimit = { amount: rng.pick([1, 2, 3, 5, 7, 10, 12, 15, 20, 25, 30]), unit: 'working_days' };
  if (rng.chance(0.15)) t.extension = { amount: t.amount + rng.pick([3, 5, 10]), unit: 'working_days', when: 'Trường hợp phức tạp phải lấy ý kiến cơ quan liên quan' };
  return t;
}

function makeFees(rng: Rng, name: string): FeeRule[] {
  const kind = rng.weighted([['none', 35], ['fixed', 22], ['resolution', 15], ['channel', 10], ['per_copy', 8], ['per_page', 4], ['variants', 6]] as const);
  const fees: FeeRule[] = [];
  const leOrPhi = rng.chance(0.5) ? 'le_phi' : 'phi';
  const label = `${leOrPhi === 'le_phi' ? 'Lệ phí' : 'Phí thẩm định'} ${name.charAt(0).toLowerCase()}${name.slice(1)}`.slice(0, 200);
  switch (kind) {
    case 'none':
      break;
    case 'fixed': {
      const amount = rng.pick(AMOUNTS);
      const rule: FeeRule = { type: 'fixed', kind: leOrPhi, label, setByProvince: false, amount };
      if (rng.chance(0.2)) rule.reductions = [{ categories: ['sinh_vien', 'nguoi_co_cong'], amount: Math.floor(amount / 2), description: 'Sinh viên, người có công với cách mạng' }];
      fees.push(rule);
      break;
    }
    case 'resolution':
      fees.push({ type: 'by_resolution', kind: leOrPhi, label, setByProvince: true, note: 'Theo nghị quyết của HĐND tỉnh.' });
      break;
    case 'channel': {
      const desk = rng.pick([10000, 20000, 30000, 50000, 100000]);
      fees.push({ type: 'fixed', kind: 'le_phi', label: `${label} (nộp trực tiếp)`, setByProvince: false, amount: desk, channels: ['truc_tiep', 'buu_chinh'] });
      fees.push({ type: 'fixed', kind: 'le_phi', label: `${label} (nộp trực tuyến)`, setByProvince: false, amount: Math.floor(desk / 2), channels: ['truc_tuyen'] });
      break;
    }
    case 'per_copy':
      fees.push({ type: 'per_copy', kind: 'phi', label: 'Phí cấp bản sao', setByProvince: false, amountPerCopy: rng.pick([3000, 5000, 8000, 10000]) });
      break;
    case 'per_page':
      fees.push({ type: 'per_page', kind: 'phi', label: 'Phí chứng thực theo trang', setByProvince: false, firstPages: 2, firstPagesPrice: 2000, laterPagesPrice: 1000, capPerCopy: 200000 });
      break;
    case 'variants':
      fees.push({ type: 'fixed', kind: 'phi', label: `${label} (khu vực thành phố)`, setByProvince: false, amount: rng.pick([600000, 1000000, 1200000]), variant: 'khu_vuc_thanh_pho' });
      fees.push({ type: 'fixed', kind: 'phi', label: `${label} (khu vực khác)`, setByProvince: false, amount: rng.pick([300000, 500000, 600000]), variant: 'khu_vuc_khac' });
      break;
  }
  if (fees.length > 0 && rng.chance(0.3)) {
    fees.push({ type: 'exemption', kind: 'le_phi', label: 'Miễn lệ phí', setByProvince: false, categories: rng.sample(['nguoi_co_cong', 'ho_ngheo', 'nguoi_khuyet_tat', 'tre_em', 'nguoi_cao_tuoi', 'xa_dbkk'], rng.int(1, 3)), description: 'Các đối tượng được miễn theo quy định.', exempts: ['le_phi'] });
  }
  return fees;
}

function makeComponents(rng: Rng, v: FieldVocab, legacy: LegacyLevel): DossierComponent[] {
  const count = legacy <= 2 && rng.chance(0.1) ? 0 : rng.int(1, Math.min(6, v.components.length));
  return rng.sample(v.components, count).map((name, i) => {
    const c: DossierComponent = { code: `TP${i + 1}`, name, form: i === 0 ? 'ban_chinh' : rng.pick(FORMS), quantity: rng.chance(0.85) ? 1 : rng.int(2, 3), required: i === 0 || rng.chance(0.6) };
    if (i === 0 && /mẫu|Tờ khai|Đơn|Giấy đề nghị|Phiếu/.test(name) && rng.chance(0.7)) c.templateFile = `mau-${v.field.code}-${i + 1}.docx`;
    if (rng.chance(0.15)) c.note = 'Không phải nộp nếu thông tin đã có trong cơ sở dữ liệu quốc gia.';
    return c;
  });
}

interface Levels {
  legacyLevel: LegacyLevel;
  onlineLevel: OnlineLevel;
  requiresPresence: boolean;
  requiresSiteInspection: boolean;
  feePayableOnline: boolean;
  resultDeliverableOnlineOrPost: boolean;
  ineligibleReason?: string;
}

function makeLevels(rng: Rng): Levels {
  const kind = rng.weighted([['full', 35], ['partial4', 10], ['partial3', 40], ['info2', 10], ['info1', 5]] as const);
  if (kind === 'full') return { legacyLevel: 4, onlineLevel: 'toan_trinh', requiresPresence: false, requiresSiteInspection: false, feePayableOnline: true, resultDeliverableOnlineOrPost: true };
  const flags = { requiresPresence: false, requiresSiteInspection: false, feePayableOnline: true, resultDeliverableOnlineOrPost: true };
  const failing = rng.weighted([['presence', 45], ['site', 25], ['fee', 10], ['result', 20]] as const);
  if (failing === 'presence') flags.requiresPresence = true;
  if (failing === 'site') flags.requiresSiteInspection = true;
  if (failing === 'fee') flags.feePayableOnline = false;
  if (failing === 'result') flags.resultDeliverableOnlineOrPost = false;
  let reason: string = rng.pick(REASONS[failing]);
  // A "fee" reason only blocks toàn trình if some fee is due; presence always blocks.
  if (failing === 'fee') {
    flags.requiresPresence = true;
    reason = `${reason} ${REASONS.presence[0]}`;
  }
  if (kind === 'partial4') return { legacyLevel: 4, onlineLevel: 'mot_phan', ...flags, ineligibleReason: reason };
  if (kind === 'partial3') return { legacyLevel: 3, onlineLevel: 'mot_phan', ...flags, ineligibleReason: reason };
  return { legacyLevel: kind === 'info2' ? 2 : 1, onlineLevel: 'none', ...flags, ineligibleReason: `Chỉ cung cấp thông tin${kind === 'info2' ? ', biểu mẫu' : ''} trực tuyến. ${reason}` };
}

function makeChannels(rng: Rng, levels: Levels, tier: 'tinh' | 'xa'): Channel[] {
  const where = tier === 'tinh' ? 'Trung tâm Phục vụ hành chính công tỉnh' : 'Trung tâm Phục vụ hành chính công cấp xã';
  const channels: Channel[] = [{ kind: 'truc_tiep', description: `Nộp trực tiếp tại ${where}.` }];
  if (levels.legacyLevel >= 3) channels.push({ kind: 'truc_tuyen', description: 'Nộp trực tuyến trên Cổng Dịch vụ công quốc gia.' });
  if (rng.chance(0.45)) channels.push({ kind: 'buu_chinh', description: 'Gửi hồ sơ và nhận kết quả qua dịch vụ bưu chính công ích.' });
  return channels;
}

function makeProcedure(rng: Rng, codeNumber: number, earlier: readonly string[]): Procedure {
  const v = rng.weighted(VOCAB.map((x) => [x, x.weight] as const));
  const tier: 'tinh' | 'xa' = rng.chance(0.35) ? 'tinh' : 'xa';
  const useDoc = rng.chance(0.6);
  const base = useDoc ? `${rng.pick(DOC_VERBS)} ${rng.pick(v.documents)}` : rng.pick(v.acts);
  const name = `${base}${rng.pick(QUALIFIERS)}${tier === 'tinh' ? ' (cấp tỉnh)' : ' (cấp xã)'}`;
  const own: Agencies =
    tier === 'tinh'
      ? { competent: [{ unitCode: v.dept }], authorised: [], cooperating: rng.chance(0.2) ? [{ unitCode: 'ttpvhcc', label: 'Trung tâm Phục vụ hành chính công tỉnh' }] : [] }
      : { competent: [v.commune], authorised: [], cooperating: rng.chance(0.2) && !NEW_DEPTS.has(v.dept) ? [{ unitCode: v.dept }] : [] };
  const levels = makeLevels(rng);
  const components = makeComponents(rng, v, levels.legacyLevel);
  const resultKind = rng.pick(RESULT_KIND);
  const related = earlier.length > 0 && rng.chance(0.3) ? rng.sample(earlier.slice(-50), rng.int(1, 2)) : [];
  const p: Procedure = {
    code: `9.${pad6(codeNumber)}`,
    name,
    field: v.field,
    tierHistory: makeTierHistory(rng, v, tier, own),
    procedureType: rng.pick(['TTHC được luật giao quy định chi tiết', 'TTHC không được luật giao quy định chi tiết', 'TTHC đặc thù của địa phương']),
    steps: [
      `Tổ chức, cá nhân chuẩn bị hồ sơ và nộp tại ${tier === 'tinh' ? 'Trung tâm Phục vụ hành chính công tỉnh' : 'Trung tâm Phục vụ hành chính công cấp xã'} hoặc trực tuyến.`,
      'Cán bộ tiếp nhận kiểm tra tính đầy đủ, hợp lệ của hồ sơ, cấp Giấy tiếp nhận hồ sơ và hẹn trả kết quả hoặc hướng dẫn bổ sung.',
      ...(levels.requiresSiteInspection ? ['Cơ quan giải quyết tổ chức kiểm tra thực tế, lập biên bản.'] : []),
      'Cơ quan có thẩm quyền thẩm định hồ sơ, trình lãnh đạo ký kết quả.',
      'Trả kết quả cho tổ chức, cá nhân trực tiếp, qua bưu chính hoặc trên môi trường điện tử.',
    ],
    channels: makeChannels(rng, levels, tier),
    components,
    numberOfSets: rng.chance(0.9) ? 1 : rng.int(2, 3),
    processingTime: makeTime(rng),
    fees: makeFees(rng, base),
    applicants: rng.sample([{ kind: 'cong_dan' }, { kind: 'to_chuc' }, { kind: 'doanh_nghiep' }, { kind: 'hop_tac_xa' }, { kind: 'nguoi_nuoc_ngoai' }] as const, rng.int(1, 3)).map((a) => ({ ...a })),
    agencies: own,
    results: [`${resultKind} về việc ${base.charAt(0).toLowerCase()}${base.slice(1)}`],
    conditions: rng.chance(0.4) ? ['Đáp ứng các điều kiện theo quy định của pháp luật chuyên ngành.'] : [],
    legalBasis: rng.sample(v.laws, rng.int(1, v.laws.length)),
    relatedCodes: related,
    ...levels,
    confidence: { level: 'U', note: 'Dữ liệu sinh tự động để đo hiệu năng' },
  };
  if (tier === 'tinh') p.receivingAddress = 'Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn';
  return p;
}

// ---------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------

/** Largest catalogue the code scheme allows (9.1xxxxx … 9.9xxxxx, four slots per record). */
export const MAX_GENERATED = 225000;

/**
 * A catalogue of `n` fictional procedures, deterministic for a given seed. Codes are
 * "9." + six digits, strictly increasing, so they are unique and never collide with the real
 * (1., 2., 3.) codes of the demo data.
 */
export function generateCatalogue(n: number = 2000, seed: number = 1): { fields: Field[]; procedures: Procedure[] } {
  if (!Number.isInteger(n) || n < 0 || n > MAX_GENERATED) throw new RangeError(`n phải là số nguyên từ 0 đến ${MAX_GENERATED}`);
  const rng = new Rng(seed);
  const procedures: Procedure[] = [];
  const codes: string[] = [];
  for (let i = 0; i < n; i++) {
    const codeNumber = 100000 + i * 4 + rng.int(0, 3);
    const p = makeProcedure(rng, codeNumber, codes);
    procedures.push(p);
    codes.push(p.code);
  }
  const used = new Map<string, Field>();
  for (const p of procedures) if (!used.has(p.field.code)) used.set(p.field.code, p.field);
  const fields = VOCAB.map((v) => v.field).filter((f) => used.has(f.code));
  return { fields, procedures };
}

// CLI: print a generated catalogue as JSON.
if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 2000);
  const seed = Number(process.argv[3] ?? 1);
  process.stdout.write(JSON.stringify(generateCatalogue(n, seed)));
}
