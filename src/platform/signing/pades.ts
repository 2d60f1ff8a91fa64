// Signs a PDF: pdf-lib adds the signature field and dictionary (ETSI.CAdES.detached, a
// placeholder for the signature), @signpdf/signpdf fills in the ByteRange and calls our CMS
// signer over exactly the bytes it covers.
import { createHash, type KeyObject } from 'node:crypto';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf, Signer } from '@signpdf/signpdf';
import { PDFDocument } from 'pdf-lib';
import { buildCms } from './cms';

export const SUBFILTER = 'ETSI.CAdES.detached';

class CadesSigner extends Signer {
  constructor(private readonly key: { privateKey: KeyObject; certificate: Buffer; chain: Buffer[] }) {
    super();
  }

  override async sign(signedBytes: Buffer): Promise<Buffer> {
    return buildCms({ contentDigest: createHash('sha256').update(signedBytes).digest(), signerCertificate: this.key.certificate, chain: this.key.chain, privateKey: this.key.privateKey });
  }
}

/** Letters without diacritics: the signature dictionary's strings are PDFDocEncoding. */
export function ascii(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e]/g, '');
}

export interface PadesInput {
  /** An unsigned PDF (already stamped); it is rewritten whole, so earlier signatures would not survive. */
  pdf: Buffer | Uint8Array;
  privateKey: KeyObject;
  certificate: Buffer;
  chain: Buffer[];
  name: string;
  reason: string;
  location: string;
  signingTime: Date;
}

export async function signPades(input: PadesInput): Promise<Buffer> {
  const doc = await PDFDocument.load(input.pdf, { updateMetadata: false });
  const pages = doc.getPages();
  pdflibAddPlaceholder({
    pdfDoc: doc,
    pdfPage: pages[pages.length - 1]!,
    reason: ascii(input.reason),
    contactInfo: '',
    name: ascii(input.name),
    location: ascii(input.location),
    signingTime: input.signingTime,
    subFilter: SUBFILTER,
    // 2 certificates and a 2048/3072-bit signature fit well within 6 kB
    signatureLength: 6144,
    appName: 'Mot Cua',
  });
  // no object streams: the signature dictionary must stay in plain bytes for the ByteRange
  const unsigned = Buffer.from(await doc.save({ useObjectStreams: false }));
  return new SignPdf().sign(unsigned, new CadesSigner(input), input.signingTime);
}
