// The signing port: a PDF in, the same PDF with a detached CMS signature of the issuing unit
// out. The PKCS#12 adapter (p12.ts) holds one key per unit in files; a remote signing service
// or an HSM would be another adapter behind the same interface.
import type { X509Certificate } from 'node:crypto';

/** The unit on whose behalf a document is signed (its seal as the organisation's signature). */
export interface SignerUnit {
  id: string;
  /** The unit's code: names its PKCS#12 file. */
  code: string;
  name: string;
}

export interface SignedPdf {
  pdf: Buffer;
  /** SHA-256 of the signer certificate (DER), lowercase hex. */
  certificateSha256: string;
  /** The signer certificate's subject, one line (CN=…, O=…). */
  signerSubject: string;
}

export interface SignOptions {
  /** Shown by PDF readers as the reason of the signature (ASCII only in the signature dictionary). */
  reason?: string;
  signingTime?: Date;
}

export interface SigningPort {
  sign(pdf: Buffer, unit: SignerUnit, opts?: SignOptions): Promise<SignedPdf>;
}

/** The certificates a signature must chain to for the system to call it trusted. */
export interface TrustStore {
  anchors(): Promise<X509Certificate[]>;
}

export class SigningUnavailable extends Error {
  override name = 'SigningUnavailable';
}
