// Checks the signature embedded in a PDF, independently of how it was made: the CMS
// SignedData in /Contents must sign exactly the bytes its /ByteRange names, the ByteRange
// must cover the whole file (nothing added after signing), and the signer certificate must
// chain to a trust anchor and be valid at the given moment.
import { createHash, verify as verifySignature, X509Certificate } from 'node:crypto';
import { children, content, derLength, expect, integerHex, oid, readTlv, TAG, type Tlv, whole } from './der';
import { OID } from './cms';

export type SignatureStatus =
  /** no signature in the file */
  | 'none'
  /** the signature's structure cannot be read, or it does not match its own certificate */
  | 'broken'
  /** the signed bytes changed, or bytes were added after signing */
  | 'modified'
  /** cryptographically sound, but the signer does not chain to a trust anchor (or was not valid then) */
  | 'untrusted'
  | 'ok';

export interface SignatureCheck {
  status: SignatureStatus;
  /** For logs, in English. */
  detail: string;
  signer?: { subject: string; commonName: string; certificateSha256: string };
}

const HASHES: Record<string, string> = { [OID.sha256]: 'sha256', [OID.sha384]: 'sha384', [OID.sha512]: 'sha512' };
const SIG_HASHES: Record<string, string> = { [OID.sha256WithRSA]: 'sha256', [OID.sha384WithRSA]: 'sha384', [OID.sha512WithRSA]: 'sha512', [OID.ecdsaWithSha256]: 'sha256', [OID.ecdsaWithSha384]: 'sha384' };

interface Parsed {
  certificates: Buffer[];
  digestHash: string;
  signatureHash: string;
  serialHex: string;
  /** The signed attributes re-tagged as a SET (what the signature covers), or undefined. */
  signedAttrs: Buffer | undefined;
  attributes: Map<string, Buffer>;
  signature: Buffer;
}

function parseCms(cms: Buffer): Parsed {
  const info = children(cms, expect(readTlv(cms, 0), TAG.SEQUENCE, 'ContentInfo'));
  if (oid(cms, info[0]!) !== OID.signedData) throw new Error('not a SignedData');
  const sd = children(cms, expect(children(cms, expect(info[1], TAG.CONTEXT_0, '[0] content'))[0], TAG.SEQUENCE, 'SignedData'));
  let i = 3;
  const certificates: Buffer[] = [];
  if (sd[i]?.tag === TAG.CONTEXT_0) {
    for (const c of children(cms, sd[i]!)) if (c.tag === TAG.SEQUENCE) certificates.push(Buffer.from(whole(cms, c)));
    i++;
  }
  if (sd[i]?.tag === TAG.CONTEXT_1) i++; // CRLs
  const infos = children(cms, expect(sd[i], TAG.SET, 'signerInfos'));
  if (infos.length !== 1) throw new Error(`expected one signer, found ${infos.length}`);
  const si = children(cms, expect(infos[0], TAG.SEQUENCE, 'SignerInfo'));
  const sid = expect(si[1], TAG.SEQUENCE, 'issuerAndSerialNumber (subject key identifiers are not supported)');
  const serialHex = integerHex(cms, children(cms, sid)[1]!);
  const digestOid = oid(cms, children(cms, expect(si[2], TAG.SEQUENCE, 'digestAlgorithm'))[0]!);
  let j = 3;
  let signedAttrs: Buffer | undefined;
  const attributes = new Map<string, Buffer>();
  if (si[j]?.tag === TAG.CONTEXT_0) {
    const attrs = si[j]!;
    signedAttrs = Buffer.concat([Buffer.from([TAG.SET]), cms.subarray(attrs.start + 1, attrs.end)]);
    for (const a of children(cms, attrs)) {
      const [type, values] = children(cms, a) as [Tlv, Tlv];
      const first = children(cms, expect(values, TAG.SET, 'attribute values'))[0];
      if (first) attributes.set(oid(cms, type), Buffer.from(whole(cms, first)));
    }
    j++;
  }
  const sigOid = oid(cms, children(cms, expect(si[j], TAG.SEQUENCE, 'signatureAlgorithm'))[0]!);
  const signature = Buffer.from(content(cms, expect(si[j + 1], TAG.OCTET_STRING, 'signature')));
  const digestHash = HASHES[digestOid];
  if (!digestHash) throw new Error(`unsupported digest ${digestOid}`);
  const signatureHash = sigOid === OID.rsaEncryption ? digestHash : SIG_HASHES[sigOid];
  if (!signatureHash) throw new Error(`unsupported signature algorithm ${sigOid}`);
  return { certificates, digestHash, signatureHash, serialHex, signedAttrs, attributes, signature };
}

function octets(der: Buffer | undefined): Buffer | undefined {
  if (!der) return undefined;
  return Buffer.from(content(der, expect(readTlv(der, 0), TAG.OCTET_STRING, 'an OCTET STRING')));
}

/** The last signature's ByteRange and the CMS in its /Contents. */
function locate(pdf: Buffer): { range: [number, number, number, number]; cms: Buffer } | undefined {
  const text = pdf.toString('latin1');
  const all = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  const last = all[all.length - 1];
  if (!last) return undefined;
  const range = last.slice(1, 5).map(Number) as [number, number, number, number];
  const [, b, c] = range;
  if (pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e) throw new Error('the ByteRange gap is not the hex /Contents string');
  const hex = text.slice(b + 1, c - 1).replace(/\s+/g, '');
  if (!/^[0-9a-fA-F]*$/.test(hex)) throw new Error('/Contents is not hexadecimal');
  const raw = Buffer.from(hex, 'hex');
  return { range, cms: raw.subarray(0, derLength(raw)) };
}

function findChain(signer: X509Certificate, embedded: X509Certificate[], anchors: X509Certificate[], at: Date): string | undefined {
  const validAt = (c: X509Certificate) => new Date(c.validFrom) <= at && at <= new Date(c.validTo);
  if (!validAt(signer)) return `signer certificate not valid at ${at.toISOString()}`;
  let current = signer;
  for (let depth = 0; depth < 6; depth++) {
    if (anchors.some((a) => a.fingerprint256 === current.fingerprint256)) return undefined;
    const issuedBy = (c: X509Certificate) => c.ca && current.checkIssued(c) && current.verify(c.publicKey);
    const anchor = anchors.find(issuedBy);
    if (anchor) return validAt(anchor) ? undefined : 'trust anchor not valid then';
    const next = embedded.find((c) => c.fingerprint256 !== current.fingerprint256 && issuedBy(c));
    if (!next || !validAt(next)) return 'no chain to a trust anchor';
    current = next;
  }
  return 'chain too long';
}

export function checkPdfSignature(pdf: Buffer, anchors: X509Certificate[], at = new Date()): SignatureCheck {
  try {
    return check(pdf, anchors, at);
  } catch (err) {
    return { status: 'broken', detail: (err as Error).message };
  }
}

function check(pdf: Buffer, anchors: X509Certificate[], at: Date): SignatureCheck {
  let found: ReturnType<typeof locate>;
  let parsed: Parsed;
  try {
    found = locate(pdf);
    if (!found) return { status: 'none', detail: 'no /ByteRange' };
    parsed = parseCms(found.cms);
  } catch (err) {
    return { status: 'broken', detail: (err as Error).message };
  }
  const [a, b, c, d] = found.range;
  const certs = parsed.certificates.map((der) => new X509Certificate(der));
  const serial = (hex: string) => hex.toLowerCase().replace(/^0+(?=.)/, '');
  const signerIndex = certs.findIndex((x) => serial(x.serialNumber) === serial(parsed.serialHex));
  const signerCert = certs[signerIndex];
  if (!signerCert) return { status: 'broken', detail: 'signer certificate not in the signature' };
  const signerDer = parsed.certificates[signerIndex]!;
  const cn = /^CN=(.*)$/m.exec(signerCert.subject)?.[1] ?? '';
  const signer = { subject: signerCert.subject.split('\n').join(', '), commonName: cn, certificateSha256: createHash('sha256').update(signerDer).digest('hex') };
  if (a !== 0 || c + d !== pdf.length || b >= c) return { status: 'modified', detail: 'the signature does not cover the whole file', signer };
  const digest = createHash(parsed.digestHash).update(pdf.subarray(a, a + b)).update(pdf.subarray(c, c + d)).digest();
  let signedData: Buffer;
  if (parsed.signedAttrs) {
    const claimed = octets(parsed.attributes.get(OID.messageDigest));
    if (!claimed || !claimed.equals(digest)) return { status: 'modified', detail: 'message digest differs from the signed bytes', signer };
    signedData = parsed.signedAttrs;
    // ESS signing-certificate-v2 (PAdES): the signed hash of the signer's certificate
    const ess = parsed.attributes.get(OID.signingCertificateV2);
    if (ess) {
      const certId = children(ess, children(ess, children(ess, readTlv(ess, 0))[0]!)[0]!);
      const hashTlv = certId[0]!.tag === TAG.SEQUENCE ? certId[1]! : certId[0]!;
      const alg = certId[0]!.tag === TAG.SEQUENCE ? HASHES[oid(ess, children(ess, certId[0]!)[0]!)] : 'sha256';
      if (!alg || !content(ess, hashTlv).equals(createHash(alg).update(signerDer).digest())) return { status: 'broken', detail: 'signing-certificate-v2 does not name the signer certificate', signer };
    }
  } else {
    signedData = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  }
  const ok = verifySignature(parsed.signatureHash, signedData, signerCert.publicKey, parsed.signature);
  if (!ok) return { status: 'broken', detail: 'the signature value does not verify with the signer certificate', signer };
  const chainProblem = findChain(signerCert, certs, anchors, at);
  if (chainProblem) return { status: 'untrusted', detail: chainProblem, signer };
  return { status: 'ok', detail: 'valid', signer };
}
