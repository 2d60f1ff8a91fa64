// Demo organisation: modelled on Lạng Sơn province (unchanged as a province in the 2025
// reform), with its structure before and after 01/07/2025.
//
// Confidence: the province-level bodies and the 1/3/2025 merger of departments follow
// the 2025 restructuring of provincial departments [S]. The district and commune part is
// a SUBSET modelled on Đình Lập district and Lạng Sơn city; which old communes merged into
// which new commune is ILLUSTRATIVE [U] and must be replaced by the province's resolution
// (Nghị quyết of UBTVQH on the arrangement of commune-level units of Lạng Sơn, 2025) before
// real use. Unit electronic IDs (eid) are placeholders in the national format [U].
import type { NewSuccession, NewUnit } from '../src/modules/org';

const OLD = '1990-01-01';
const REFORM = '2025-07-01';
const LAST_DAY_BEFORE_REFORM = '2025-06-30';
const DEPT_MERGE = '2025-03-01';

export const demoUnits: NewUnit[] = [
  { code: 'ubnd-tinh', name: 'Ủy ban nhân dân tỉnh Lạng Sơn', kind: 'ubnd_tinh', tier: 'tinh', eid: '000.00.00.H39', address: 'Số 2 đường Hùng Vương, phường Lương Văn Tri, tỉnh Lạng Sơn', validFrom: OLD },
  { code: 'vp-ubnd', name: 'Văn phòng Ủy ban nhân dân tỉnh', kind: 'van_phong', tier: 'tinh', parentCode: 'ubnd-tinh', eid: '000.00.01.H39', validFrom: OLD },
  { code: 'ttpvhcc', name: 'Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn', kind: 'ttpvhcc', tier: 'tinh', parentCode: 'vp-ubnd', eid: '000.00.02.H39', address: 'Số 2 đường Hùng Vương, phường Lương Văn Tri, tỉnh Lạng Sơn', phone: '0205 3812 345', validFrom: OLD },
  { code: 'so-tu-phap', name: 'Sở Tư pháp', kind: 'so', tier: 'tinh', parentCode: 'ubnd-tinh', eid: '000.00.10.H39', validFrom: OLD },
  { code: 'so-xay-dung', name: 'Sở Xây dựng', kind: 'so', tier: 'tinh', parentCode: 'ubnd-tinh', eid: '000.00.11.H39', validFrom: OLD },
  { code: 'so-tn-mt', name: 'Sở Tài nguyên và Môi trường', kind: 'so', tier: 'tinh', parentCode: 'ubnd-tinh', eid: '000.00.12.H39', validFrom: OLD, validTo: '2025-02-28' },
  { code: 'so-nn-ptnt', name: 'Sở Nông nghiệp và Phát triển nông thôn', kind: 'so', tier: 'tinh', parentCode: 'ubnd-tinh', eid: '000.00.13.H39', validFrom: OLD, validTo: '2025-02-28' },
  { code: 'so-nn-mt', name: 'Sở Nông nghiệp và Môi trường', kind: 'so', tier: 'tinh', parentCode: 'ubnd-tinh', eid: '000.00.14.H39', validFrom: DEPT_MERGE },
  { code: 'so-kh-dt', name: 'Sở Kế hoạch và Đầu tư', kind: 'so', tier: 'tinh', parentCode: 'ubnd-tinh', eid: '000.00.15.H39', validFrom: OLD, validTo: '2025-02-28' },
  { code: 'so-tai-chinh', name: 'Sở Tài chính', kind: 'so', tier: 'tinh', parentCode: 'ubnd-tinh', eid: '000.00.16.H39', validFrom: OLD },
  { code: 'so-ldtbxh', name: 'Sở Lao động - Thương binh và Xã hội', kind: 'so', tier: 'tinh', parentCode: 'ubnd-tinh', eid: '000.00.17.H39', validFrom: OLD, validTo: '2025-02-28' },
  { code: 'so-noi-vu', name: 'Sở Nội vụ', kind: 'so', tier: 'tinh', parentCode: 'ubnd-tinh', eid: '000.00.18.H39', validFrom: OLD },
  { code: 'so-y-te', name: 'Sở Y tế', kind: 'so', tier: 'tinh', parentCode: 'ubnd-tinh', eid: '000.00.19.H39', validFrom: OLD },
  { code: 'so-gd-dt', name: 'Sở Giáo dục và Đào tạo', kind: 'so', tier: 'tinh', parentCode: 'ubnd-tinh', eid: '000.00.20.H39', validFrom: OLD },
  { code: 'so-cong-thuong', name: 'Sở Công Thương', kind: 'so', tier: 'tinh', parentCode: 'ubnd-tinh', eid: '000.00.21.H39', validFrom: OLD },
  { code: 'cong-an-tinh', name: 'Công an tỉnh Lạng Sơn', kind: 'cong_an_tinh', tier: 'tinh', parentCode: 'ubnd-tinh', eid: '000.00.22.H39', validFrom: OLD },

  // District tier, dissolved on 01/07/2025.
  { code: 'huyen-dinh-lap', name: 'Ủy ban nhân dân huyện Đình Lập', kind: 'ubnd_huyen', tier: 'huyen', parentCode: 'ubnd-tinh', eid: '000.30.00.H39', validFrom: OLD, validTo: LAST_DAY_BEFORE_REFORM },
  { code: 'hdl-mot-cua', name: 'Bộ phận Một cửa huyện Đình Lập', kind: 'bo_phan_mot_cua', tier: 'huyen', parentCode: 'huyen-dinh-lap', validFrom: OLD, validTo: LAST_DAY_BEFORE_REFORM },
  { code: 'hdl-tu-phap', name: 'Phòng Tư pháp huyện Đình Lập', kind: 'phong', tier: 'huyen', parentCode: 'huyen-dinh-lap', validFrom: OLD, validTo: LAST_DAY_BEFORE_REFORM },
  { code: 'hdl-tn-mt', name: 'Phòng Tài nguyên và Môi trường huyện Đình Lập', kind: 'phong', tier: 'huyen', parentCode: 'huyen-dinh-lap', validFrom: OLD, validTo: LAST_DAY_BEFORE_REFORM },
  { code: 'hdl-ldtbxh', name: 'Phòng Lao động - Thương binh và Xã hội huyện Đình Lập', kind: 'phong', tier: 'huyen', parentCode: 'huyen-dinh-lap', validFrom: OLD, validTo: LAST_DAY_BEFORE_REFORM },
  { code: 'hdl-kt-ht', name: 'Phòng Kinh tế và Hạ tầng huyện Đình Lập', kind: 'phong', tier: 'huyen', parentCode: 'huyen-dinh-lap', validFrom: OLD, validTo: LAST_DAY_BEFORE_REFORM },
  { code: 'hdl-tc-kh', name: 'Phòng Tài chính - Kế hoạch huyện Đình Lập', kind: 'phong', tier: 'huyen', parentCode: 'huyen-dinh-lap', validFrom: OLD, validTo: LAST_DAY_BEFORE_REFORM },
  { code: 'tp-lang-son', name: 'Ủy ban nhân dân thành phố Lạng Sơn', kind: 'ubnd_huyen', tier: 'huyen', parentCode: 'ubnd-tinh', eid: '000.20.00.H39', validFrom: OLD, validTo: LAST_DAY_BEFORE_REFORM },
  { code: 'tpls-tu-phap', name: 'Phòng Tư pháp thành phố Lạng Sơn', kind: 'phong', tier: 'huyen', parentCode: 'tp-lang-son', validFrom: OLD, validTo: LAST_DAY_BEFORE_REFORM },
  { code: 'tpls-qldt', name: 'Phòng Quản lý đô thị thành phố Lạng Sơn', kind: 'phong', tier: 'huyen', parentCode: 'tp-lang-son', validFrom: OLD, validTo: LAST_DAY_BEFORE_REFORM },
  { code: 'tpls-tn-mt', name: 'Phòng Tài nguyên và Môi trường thành phố Lạng Sơn', kind: 'phong', tier: 'huyen', parentCode: 'tp-lang-son', validFrom: OLD, validTo: LAST_DAY_BEFORE_REFORM },

  // Communes before the reform [U: subset].
  { code: 'tt-dinh-lap', name: 'Ủy ban nhân dân thị trấn Đình Lập', kind: 'ubnd_xa', tier: 'xa', parentCode: 'huyen-dinh-lap', validFrom: OLD, validTo: LAST_DAY_BEFORE_REFORM },
  { code: 'xa-dinh-lap-cu', name: 'Ủy ban nhân dân xã Đình Lập', kind: 'ubnd_xa', tier: 'xa', parentCode: 'huyen-dinh-lap', validFrom: OLD, validTo: LAST_DAY_BEFORE_REFORM },
  { code: 'xa-bac-xa', name: 'Ủy ban nhân dân xã Bắc Xa', kind: 'ubnd_xa', tier: 'xa', parentCode: 'huyen-dinh-lap', validFrom: OLD, validTo: LAST_DAY_BEFORE_REFORM },
  { code: 'xa-binh-xa', name: 'Ủy ban nhân dân xã Bính Xá', kind: 'ubnd_xa', tier: 'xa', parentCode: 'huyen-dinh-lap', validFrom: OLD, validTo: LAST_DAY_BEFORE_REFORM },
  { code: 'xa-thai-binh', name: 'Ủy ban nhân dân xã Thái Bình', kind: 'ubnd_xa', tier: 'xa', parentCode: 'huyen-dinh-lap', validFrom: OLD, validTo: LAST_DAY_BEFORE_REFORM },
  { code: 'xa-kien-moc', name: 'Ủy ban nhân dân xã Kiên Mộc', kind: 'ubnd_xa', tier: 'xa', parentCode: 'huyen-dinh-lap', validFrom: OLD, validTo: LAST_DAY_BEFORE_REFORM },
  { code: 'p-chi-lang', name: 'Ủy ban nhân dân phường Chi Lăng', kind: 'ubnd_xa', tier: 'xa', parentCode: 'tp-lang-son', validFrom: OLD, validTo: LAST_DAY_BEFORE_REFORM },
  { code: 'p-hoang-van-thu', name: 'Ủy ban nhân dân phường Hoàng Văn Thụ', kind: 'ubnd_xa', tier: 'xa', parentCode: 'tp-lang-son', validFrom: OLD, validTo: LAST_DAY_BEFORE_REFORM },
  { code: 'p-tam-thanh-cu', name: 'Ủy ban nhân dân phường Tam Thanh', kind: 'ubnd_xa', tier: 'xa', parentCode: 'tp-lang-son', validFrom: OLD, validTo: LAST_DAY_BEFORE_REFORM },
  { code: 'p-vinh-trai', name: 'Ủy ban nhân dân phường Vĩnh Trại', kind: 'ubnd_xa', tier: 'xa', parentCode: 'tp-lang-son', validFrom: OLD, validTo: LAST_DAY_BEFORE_REFORM },
  { code: 'p-dong-kinh-cu', name: 'Ủy ban nhân dân phường Đông Kinh', kind: 'ubnd_xa', tier: 'xa', parentCode: 'tp-lang-son', validFrom: OLD, validTo: LAST_DAY_BEFORE_REFORM },
  { code: 'xa-mai-pha', name: 'Ủy ban nhân dân xã Mai Pha', kind: 'ubnd_xa', tier: 'xa', parentCode: 'tp-lang-son', validFrom: OLD, validTo: LAST_DAY_BEFORE_REFORM },

  // Communes and wards from 01/07/2025, directly under the province.
  { code: 'xa-dinh-lap', name: 'Ủy ban nhân dân xã Đình Lập', kind: 'ubnd_xa', tier: 'xa', parentCode: 'ubnd-tinh', eid: '000.40.01.H39', validFrom: REFORM },
  { code: 'xa-thai-binh-moi', name: 'Ủy ban nhân dân xã Thái Bình', kind: 'ubnd_xa', tier: 'xa', parentCode: 'ubnd-tinh', eid: '000.40.02.H39', validFrom: REFORM },
  { code: 'p-luong-van-tri', name: 'Ủy ban nhân dân phường Lương Văn Tri', kind: 'ubnd_xa', tier: 'xa', parentCode: 'ubnd-tinh', eid: '000.40.03.H39', validFrom: REFORM },
  { code: 'p-tam-thanh', name: 'Ủy ban nhân dân phường Tam Thanh', kind: 'ubnd_xa', tier: 'xa', parentCode: 'ubnd-tinh', eid: '000.40.04.H39', validFrom: REFORM },
  { code: 'p-dong-kinh', name: 'Ủy ban nhân dân phường Đông Kinh', kind: 'ubnd_xa', tier: 'xa', parentCode: 'ubnd-tinh', eid: '000.40.05.H39', validFrom: REFORM },
  { code: 'p-ky-lua', name: 'Ủy ban nhân dân phường Kỳ Lừa', kind: 'ubnd_xa', tier: 'xa', parentCode: 'ubnd-tinh', eid: '000.40.06.H39', validFrom: REFORM },
  { code: 'ca-xa-dinh-lap', name: 'Công an xã Đình Lập', kind: 'cong_an_xa', tier: 'xa', parentCode: 'xa-dinh-lap', validFrom: REFORM },
  { code: 'ca-p-luong-van-tri', name: 'Công an phường Lương Văn Tri', kind: 'cong_an_xa', tier: 'xa', parentCode: 'p-luong-van-tri', validFrom: REFORM },
];

const basisDept = 'Sắp xếp cơ quan chuyên môn thuộc UBND tỉnh từ 01/03/2025 [S]';
const basisReform = 'Nghị quyết 202/2025/QH15; sắp xếp đơn vị hành chính cấp xã tỉnh Lạng Sơn năm 2025 [U: ánh xạ minh họa]';

export const demoSuccessions: NewSuccession[] = [
  { from: 'so-tn-mt', to: 'so-nn-mt', effectiveDate: DEPT_MERGE, kind: 'merge', legalBasis: basisDept },
  { from: 'so-nn-ptnt', to: 'so-nn-mt', effectiveDate: DEPT_MERGE, kind: 'merge', legalBasis: basisDept },
  { from: 'so-kh-dt', to: 'so-tai-chinh', effectiveDate: DEPT_MERGE, kind: 'merge', legalBasis: basisDept },
  { from: 'so-ldtbxh', to: 'so-noi-vu', effectiveDate: DEPT_MERGE, kind: 'merge', legalBasis: basisDept, note: 'Lĩnh vực bảo trợ xã hội, trẻ em chuyển Sở Y tế [S]' },
  // District bodies: their procedures went to the communes or the province departments.
  { from: 'huyen-dinh-lap', to: 'xa-dinh-lap', effectiveDate: REFORM, kind: 'transfer', legalBasis: basisReform },
  { from: 'hdl-mot-cua', to: 'xa-dinh-lap', effectiveDate: REFORM, kind: 'transfer', legalBasis: basisReform },
  { from: 'hdl-tu-phap', to: 'xa-dinh-lap', effectiveDate: REFORM, kind: 'transfer', legalBasis: basisReform },
  { from: 'hdl-tn-mt', to: 'xa-dinh-lap', effectiveDate: REFORM, kind: 'transfer', legalBasis: basisReform },
  { from: 'hdl-ldtbxh', to: 'xa-dinh-lap', effectiveDate: REFORM, kind: 'transfer', legalBasis: basisReform },
  { from: 'hdl-kt-ht', to: 'xa-dinh-lap', effectiveDate: REFORM, kind: 'transfer', legalBasis: basisReform },
  { from: 'hdl-tc-kh', to: 'xa-dinh-lap', effectiveDate: REFORM, kind: 'transfer', legalBasis: basisReform },
  { from: 'tp-lang-son', to: 'p-luong-van-tri', effectiveDate: REFORM, kind: 'transfer', legalBasis: basisReform },
  { from: 'tpls-tu-phap', to: 'p-luong-van-tri', effectiveDate: REFORM, kind: 'transfer', legalBasis: basisReform },
  { from: 'tpls-qldt', to: 'p-luong-van-tri', effectiveDate: REFORM, kind: 'transfer', legalBasis: basisReform },
  { from: 'tpls-tn-mt', to: 'p-luong-van-tri', effectiveDate: REFORM, kind: 'transfer', legalBasis: basisReform },
  // Communes merged [U].
  { from: 'tt-dinh-lap', to: 'xa-dinh-lap', effectiveDate: REFORM, kind: 'merge', legalBasis: basisReform },
  { from: 'xa-dinh-lap-cu', to: 'xa-dinh-lap', effectiveDate: REFORM, kind: 'merge', legalBasis: basisReform },
  { from: 'xa-bac-xa', to: 'xa-dinh-lap', effectiveDate: REFORM, kind: 'merge', legalBasis: basisReform },
  { from: 'xa-binh-xa', to: 'xa-dinh-lap', effectiveDate: REFORM, kind: 'merge', legalBasis: basisReform },
  { from: 'xa-thai-binh', to: 'xa-thai-binh-moi', effectiveDate: REFORM, kind: 'merge', legalBasis: basisReform },
  { from: 'xa-kien-moc', to: 'xa-thai-binh-moi', effectiveDate: REFORM, kind: 'merge', legalBasis: basisReform },
  { from: 'p-chi-lang', to: 'p-luong-van-tri', effectiveDate: REFORM, kind: 'merge', legalBasis: basisReform },
  { from: 'p-hoang-van-thu', to: 'p-luong-van-tri', effectiveDate: REFORM, kind: 'merge', legalBasis: basisReform },
  { from: 'p-tam-thanh-cu', to: 'p-tam-thanh', effectiveDate: REFORM, kind: 'merge', legalBasis: basisReform },
  { from: 'p-vinh-trai', to: 'p-tam-thanh', effectiveDate: REFORM, kind: 'merge', legalBasis: basisReform },
  { from: 'p-dong-kinh-cu', to: 'p-dong-kinh', effectiveDate: REFORM, kind: 'merge', legalBasis: basisReform },
  { from: 'xa-mai-pha', to: 'p-ky-lua', effectiveDate: REFORM, kind: 'merge', legalBasis: basisReform },
];
