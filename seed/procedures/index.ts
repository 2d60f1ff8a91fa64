// Demo catalogue of real procedures (see common.ts for the sources and confidence tags).
import type { Field, Procedure } from '../../src/modules/catalogue/model';
import { baoTroXaHoiProcedures } from './bao-tro-xa-hoi';
import { chungThucProcedures } from './chung-thuc';
import { FIELDS } from './common';
import { congThuongProcedures } from './cong-thuong';
import { cuTruProcedures } from './cu-tru';
import { datDaiProcedures } from './dat-dai';
import { doanhNghiepProcedures } from './doanh-nghiep';
import { giaoDucProcedures } from './giao-duc';
import { hoKinhDoanhProcedures } from './ho-kinh-doanh';
import { hoTichProcedures } from './ho-tich';
import { nguoiCoCongProcedures } from './nguoi-co-cong';
import { tuPhapTinhProcedures } from './tu-phap-tinh';
import { xayDungProcedures } from './xay-dung';
import { yTeProcedures } from './y-te';

/** Lĩnh vực of the demo procedures, with stable codes. */
export const demoFields: Field[] = Object.values(FIELDS);

export const demoProcedures: Procedure[] = [
  ...hoTichProcedures,
  ...chungThucProcedures,
  ...cuTruProcedures,
  ...hoKinhDoanhProcedures,
  ...baoTroXaHoiProcedures,
  ...nguoiCoCongProcedures,
  ...tuPhapTinhProcedures,
  ...doanhNghiepProcedures,
  ...xayDungProcedures,
  ...datDaiProcedures,
  ...yTeProcedures,
  ...giaoDucProcedures,
  ...congThuongProcedures,
];

/** The two procedures used for the online-submission demos. */
export const DEMO_ONLINE_CODES = ['1.001193', '1.004222'] as const;
