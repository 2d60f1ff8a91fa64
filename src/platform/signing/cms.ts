// The CMS SignedData of a PAdES baseline signature (ETSI EN 319 142-1, B-B level): detached,
// SHA-256, signed attributes content-type, message-digest and signing-certificate-v2 (which
// binds the signer certificate into what is signed), and no signing-time attribute (PAdES puts
// the claimed time in the signature dictionary's /M). Encoded by hand in DER so every byte is
// ours to check; read back by verify.ts with the same DER reader.
import { createHash, type KeyObject, sign as rsaSign } from 'node:crypto';
import { children, expect, readTlv, TAG, whole } from './der';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  sha384WithRSA: '1.2.840.113549.1.1.12',
  sha512WithRSA: '1.2.840.113549.1.1.13',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
} as const;

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

export function oidDer(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes: number[] = [a! * 40 + b!];
  for (const n of rest) {
    const chunk: number[] = [n & 0x7f];
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(TAG.OID, Buffer.from(bytes));
}

const NULL = Buffer.from([0x05, 0x00]);
const algorithm = (dotted: string, withNull = false) => tlv(TAG.SEQUENCE, oidDer(dotted), ...(withNull ? [NULL] : []));

/** DER SET OF: the elements sorted by their encodings (X.690 11.6). */
function setOf(tag: number, items: Buffer[]): Buffer {
  return tlv(tag, ...[...items].sort(Buffer.compare));
}

/** The issuer Name and serial number INTEGER of a certificate, as encoded in it. */
export function issuerAndSerial(certDer: Buffer): { issuer: Buffer; serial: Buffer } {
  const cert = readTlv(certDer, 0);
  const tbs = expect(children(certDer, cert)[0], TAG.SEQUENCE, 'tbsCertificate');
  const fields = children(certDer, tbs);
  const at = fields[0]?.tag === TAG.CONTEXT_0 ? 1 : 0; // [0] version is optional
  return { serial: whole(certDer, expect(fields[at], TAG.INTEGER, 'serialNumber')), issuer: whole(certDer, expect(fields[at + 2], TAG.SEQUENCE, 'issuer')) };
}

export interface CmsInput {
  /** SHA-256 of the signed bytes (the PDF without its /Contents value). */
  contentDigest: Buffer;
  signerCertificate: Buffer;
  /** The certificates above the signer's, to help verifiers build the chain. */
  chain: Buffer[];
  privateKey: KeyObject;
}

/** A detached CAdES-BES SignedData (ContentInfo), DER. RSA keys only (what PKCS#12 files of this kind hold). */
export function buildCms(input: CmsInput): Buffer {
  if (input.privateKey.asymmetricKeyType !== 'rsa') throw new Error('only RSA signing keys are supported');
  const { issuer, serial } = issuerAndSerial(input.signerCertificate);
  const attribute = (type: string, value: Buffer) => tlv(TAG.SEQUENCE, oidDer(type), tlv(TAG.SET, value));
  // ESSCertIDv2 with the default hash algorithm (SHA-256) left out, as DER requires
  const essCertId = tlv(
    TAG.SEQUENCE,
    tlv(TAG.OCTET_STRING, createHash('sha256').update(input.signerCertificate).digest()),
    tlv(TAG.SEQUENCE, tlv(TAG.SEQUENCE, tlv(0xa4, issuer)), serial),
  );
  const attributes = [
    attribute(OID.contentType, oidDer(OID.data)),
    attribute(OID.messageDigest, tlv(TAG.OCTET_STRING, input.contentDigest)),
    attribute(OID.signingCertificateV2, tlv(TAG.SEQUENCE, tlv(TAG.SEQUENCE, essCertId))),
  ];
  // the signature covers the attributes encoded as a SET; in the SignerInfo they are [0] IMPLICIT
  const signedAttrs = setOf(TAG.SET, attributes);
  const signature = rsaSign('sha256', signedAttrs, input.privateKey);
  const signerInfo = tlv(
    TAG.SEQUENCE,
    tlv(TAG.INTEGER, Buffer.from([1])),
    tlv(TAG.SEQUENCE, issuer, serial),
    algorithm(OID.sha256),
    Buffer.concat([Buffer.from([TAG.CONTEXT_0]), signedAttrs.subarray(1)]),
    algorithm(OID.sha256WithRSA, true),
    tlv(TAG.OCTET_STRING, signature),
  );
  const signedData = tlv(
    TAG.SEQUENCE,
    tlv(TAG.INTEGER, Buffer.from([1])),
    tlv(TAG.SET, algorithm(OID.sha256)),
    tlv(TAG.SEQUENCE, oidDer(OID.data)),
    setOf(TAG.CONTEXT_0, [input.signerCertificate, ...input.chain]),
    tlv(TAG.SET, signerInfo),
  );
  return tlv(TAG.SEQUENCE, oidDer(OID.signedData), tlv(TAG.CONTEXT_0, signedData));
}
