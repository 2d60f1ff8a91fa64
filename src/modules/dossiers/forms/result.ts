// The result document the system writes when the agency has no document of its own to upload:
// a decision letter of the issuing unit granting what the dossier asked, with the answers it was
// decided on. The draft sent for approval has no number yet; the approved one carries the
// number and the date of approval (decide() writes it again then).
import { renderPdf, type DocOptions } from '../../../platform/pdf/index';
import { applicantLines, field, header, signatures, title, type Applicant, type IssuingUnit } from './common';

export interface ResultData {
  unit: IssuingUnit;
  /** Undefined on the draft: the number is given when the leader approves. */
  number?: string;
  issuedAt?: Date;
  /** What the procedure's record says the result is, e.g. "Giấy khai sinh (bản chính)". */
  resultName: string;
  procedureName: string;
  code: string;
  applicant: Applicant;
  /** The answers of the tờ khai as label and text, in form order. */
  answers: Array<[string, string]>;
  /** Who signs: "CHỦ TỊCH", "GIÁM ĐỐC"…, and their name once approved. */
  signer: { role: string; name?: string };
}

export function resultDoc(d: ResultData): DocOptions {
  const draft = d.number === undefined;
  return {
    title: `${d.resultName} – ${d.code}${draft ? ' (dự thảo)' : ''}`,
    content: [
      ...(draft ? [{ text: 'DỰ THẢO – chưa có giá trị pháp lý', alignment: 'right' as const, bold: true, color: '#a50e0e', margin: [0, -20, 0, 8] as [number, number, number, number] }] : []),
      header(d.unit, { number: d.number ?? undefined, ...(d.issuedAt ? { date: d.issuedAt } : {}) }),
      ...title(d.resultName.toUpperCase(), `Giải quyết thủ tục: ${d.procedureName}`),
      field('Mã hồ sơ', d.code),
      ...applicantLines(d.applicant, 'Cấp cho'),
      { text: 'Nội dung đã được xem xét, giải quyết:', bold: true, margin: [0, 6, 0, 2] },
      ...d.answers.map(([label, value]) => field(label, value)),
      { text: `${d.unit.name} xác nhận hồ sơ đã được giải quyết theo đúng quy định. Văn bản này có giá trị kể từ ngày ký.`, margin: [0, 8, 0, 0] },
      signatures([{ role: '', hint: ' ' }, { role: d.signer.role, ...(d.signer.name && !draft ? { name: d.signer.name } : {}) }]),
    ],
  };
}

export async function renderResult(data: ResultData): Promise<Buffer> {
  return renderPdf(resultDoc(data));
}
