// Mẫu số 03, Thông tư 01/2018/TT-VPCP: Phiếu từ chối tiếp nhận giải quyết hồ sơ, given when
// the desk does not accept a dossier at all (outside its competence, not eligible…).
import { renderPdf, type DocOptions } from '../../../platform/pdf/index';
import { applicantLines, field, formRef, header, orDots, signatures, title, type Applicant, type IssuingUnit } from './common';

export interface Mau03Data {
  number?: string;
  unit: IssuingUnit;
  issuedAt: Date;
  applicant: Applicant;
  matter: string;
  code?: string;
  reason: {
    /** The structured reason, e.g. "Hồ sơ không thuộc thẩm quyền giải quyết". */
    label: string;
    /** The officer's explanation in plain words. */
    explanation?: string;
    /** The rule relied on, e.g. "khoản 1 Điều 5 Nghị định số 123/2015/NĐ-CP". */
    legalBasis?: string;
  };
  officer: { name: string };
}

export function mau03Doc(d: Mau03Data): DocOptions {
  return {
    title: `Phiếu từ chối tiếp nhận giải quyết hồ sơ${d.code ? ` – ${d.code}` : ''}`,
    content: [
      formRef('refusal'),
      header(d.unit, { number: d.number, date: d.issuedAt }),
      ...title('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ'),
      ...(d.code ? [{ text: `Mã hồ sơ: ${d.code}`, alignment: 'center', margin: [0, 0, 0, 8] }] : []),
      field('Bộ phận tiếp nhận và trả kết quả', d.unit.name),
      ...applicantLines(d.applicant),
      field('Nội dung yêu cầu giải quyết', d.matter, { bold: true }),
      {
        text: `Qua xem xét, ${d.unit.name} từ chối tiếp nhận, giải quyết hồ sơ này${d.reason.legalBasis ? ` theo quy định tại ${d.reason.legalBasis}` : ''} với lý do:`,
        margin: [0, 6, 0, 2],
      },
      { text: orDots(d.reason.label), bold: true, margin: [16, 0, 0, 2] },
      { text: orDots(d.reason.explanation), margin: [16, 0, 0, 6] },
      { text: 'Xin thông báo để Ông/Bà được biết và thực hiện./.' },
      signatures([{ role: '', hint: ' ' }, { role: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: d.officer.name }]),
    ],
  };
}

export async function renderMau03(data: Mau03Data): Promise<Buffer> {
  return renderPdf(mau03Doc(data));
}
