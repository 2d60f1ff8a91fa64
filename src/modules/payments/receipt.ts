// The electronic receipt (biên lai thu phí, lệ phí điện tử) of an online payment: the national
// header with the receiving unit, the payer, the dossier, each fee line, the gateway's reference
// and a QR code to the public tracking page. The legal form of e-receipts (NĐ 123/2020/NĐ-CP and
// the Ministry of Finance's templates) is not reproduced field by field [U]: this is the citizen's
// proof of payment, numbered in one series.
import { formatDateTime, formatMoney } from '../../platform/format';
import { nationalHeader, renderPdf } from '../../platform/pdf';
import { qrWithCaption } from '../../platform/pdf/qr';
import type { FeeLine } from './model';
import type { DossierForPayment, Payment } from './store';

export async function renderReceipt(r: { payment: Payment; dossier: DossierForPayment; lines: FeeLine[]; unitName: string; provinceName: string; trackingUrl: string }): Promise<Buffer> {
  const p = r.payment;
  const paidAt = p.paidAt ?? p.updatedAt;
  const row = (k: string, v: string) => [{ text: k }, { text: v, bold: true }];
  return renderPdf({
    title: `Biên lai ${p.receiptNumber ?? ''}`,
    footer: `Biên lai điện tử số ${p.receiptNumber ?? ''}`,
    content: [
      nationalHeader({ parent: `Ủy ban nhân dân tỉnh ${r.provinceName}`, agency: r.unitName, number: p.receiptNumber ?? undefined, place: r.provinceName, date: paidAt }),
      { text: 'BIÊN LAI THU PHÍ, LỆ PHÍ', style: 'title' },
      { text: '(Biên lai điện tử – thanh toán trực tuyến)', style: 'subtitle' },
      {
        table: {
          widths: ['38%', '62%'],
          body: [
            row('Số biên lai', p.receiptNumber ?? ''),
            row('Người nộp', r.dossier.applicantName),
            row('Mã hồ sơ', r.dossier.code),
            row('Thủ tục', r.dossier.procedureName),
            row('Thời gian thanh toán', formatDateTime(paidAt)),
            row('Hình thức', 'Trực tuyến qua cổng thanh toán VNPAY'),
            row('Mã giao dịch (cổng dịch vụ công)', p.txnRef),
            row('Mã giao dịch VNPAY', p.gatewayTxnNo ?? ''),
            row('Ngân hàng', p.bankCode ?? ''),
          ],
        },
        layout: 'noBorders',
        margin: [0, 0, 0, 10],
      },
      {
        table: {
          headerRows: 1,
          widths: ['*', 'auto'],
          body: [
            [{ text: 'Khoản thu', bold: true }, { text: 'Số tiền', bold: true, alignment: 'right' }],
            ...r.lines.map((l) => [l.label, { text: formatMoney(l.amount), alignment: 'right' }]),
            [{ text: 'Tổng cộng', bold: true }, { text: formatMoney(p.amount), bold: true, alignment: 'right' }],
          ],
        },
        margin: [0, 0, 0, 10],
      },
      ...(p.refundedAmount > 0 ? [{ text: `Đã hoàn trả: ${formatMoney(p.refundedAmount)}`, italics: true, margin: [0, 0, 0, 8] }] : []),
      { text: 'Tra cứu tình trạng hồ sơ:', style: 'small' },
      qrWithCaption(r.trackingUrl, { fit: 80 }),
    ],
  });
}
