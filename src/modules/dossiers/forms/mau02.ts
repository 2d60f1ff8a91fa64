// Mẫu số 02, Thông tư 01/2018/TT-VPCP: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ. The desk
// asks once, in writing, for everything that is missing or wrong.
import { renderPdf, type DocOptions } from '../../../platform/pdf/index';
import { applicantLines, field, formRef, header, orDots, signatures, table, title, type Applicant, type IssuingUnit } from './common';

export interface SupplementItem {
  /** The component to add or correct, e.g. "Bản sao Giấy chứng nhận kết hôn". */
  component: string;
  reason: string;
  /** What exactly to do, e.g. "Nộp bản sao có chứng thực hoặc xuất trình bản chính để đối chiếu". */
  explanation?: string;
}

export interface Mau02Data {
  number?: string;
  unit: IssuingUnit;
  issuedAt: Date;
  applicant: Applicant;
  matter: string;
  /** Mã hồ sơ, when the dossier was registered before the request. */
  code?: string;
  items: SupplementItem[];
  /** Người hướng dẫn: signs the sheet and answers questions. */
  officer: { name: string; phone?: string };
  /** Where the rules of the procedure are published, e.g. the portal's page of the procedure. */
  rulesAt?: string;
}

export function mau02Doc(d: Mau02Data): DocOptions {
  return {
    title: `Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ${d.code ? ` – ${d.code}` : ''}`,
    content: [
      formRef('completion'),
      header(d.unit, { number: d.number, date: d.issuedAt }),
      ...title('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ'),
      ...(d.code ? [{ text: `Mã hồ sơ: ${d.code}`, alignment: 'center', margin: [0, 0, 0, 8] }] : []),
      ...applicantLines(d.applicant, 'Hồ sơ của'),
      field('Nội dung yêu cầu giải quyết', d.matter, { bold: true }),
      { text: 'Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:', margin: [0, 6, 0, 0] },
      table(
        [
          { header: 'TT', width: 26, align: 'center' },
          { header: 'Thành phần hồ sơ cần bổ sung, hoàn thiện', width: '*' },
          { header: 'Lý do', width: 120 },
          { header: 'Nội dung hướng dẫn', width: 140 },
        ],
        d.items.map((it, i) => [i + 1, it.component, orDots(it.reason), orDots(it.explanation)]),
      ),
      { text: `Quy định về thủ tục hành chính này được công khai tại: ${orDots(d.rulesAt)}` },
      {
        text: `Trong quá trình bổ sung, hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà liên hệ với ${orDots(d.officer.name)}, số điện thoại ${orDots(d.officer.phone)} để được hướng dẫn./.`,
        margin: [0, 4, 0, 0],
      },
      signatures([{ role: '', hint: ' ' }, { role: 'NGƯỜI HƯỚNG DẪN', name: d.officer.name }]),
    ],
  };
}

export async function renderMau02(data: Mau02Data): Promise<Buffer> {
  return renderPdf(mau02Doc(data));
}
