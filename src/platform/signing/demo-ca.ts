// The demo certificates: a root CA "CA Demo Một Cửa" and one document-signing certificate per
// issuing unit (CN = the unit's name, O = the province), made with node-forge on first need and
// kept in DATA_DIR/signing/demo (never in git). Each file is written whole under a temporary
// name and linked into place, so two processes starting together end up with the same CA.
import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import forge from 'node-forge';
import { P12Signing } from './p12';
import type { SignerUnit, SigningPort, TrustStore } from './port';

export const DEMO_CA_NAME = 'CA Demo Một Cửa';
// RFC 9336 id-kp-documentSigning; e-mail protection too, which NSS (pdfsig) checks for signers
const DOCUMENT_SIGNING = '1.3.6.1.5.5.7.3.36';

const utf8 = (name: string, value: string) => ({ name, value, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class });

/** Creates `file` with `make()`'s content unless it exists; either way returns what is in it. */
async function createOnce(file: string, make: () => Buffer | string, mode = 0o600): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch {
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(tmp, make(), { mode });
    try {
      await link(tmp, file);
    } catch (err) {
      if ((err as { code?: string }).code !== 'EEXIST') throw err;
    } finally {
      await rm(tmp, { force: true });
    }
    return readFile(file);
  }
}

function rsaKeys(): forge.pki.rsa.KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  return { privateKey: forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey, publicKey: forge.pki.publicKeyFromPem(publicKey) as forge.pki.rsa.PublicKey };
}

function newCertificate(publicKey: forge.pki.PublicKey, years: number): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  // positive, 16 random bytes
  cert.serialNumber = '01' + randomBytes(15).toString('hex');
  const from = new Date(Date.now() - 24 * 3600_000);
  cert.validity.notBefore = from;
  cert.validity.notAfter = new Date(from.getTime() + years * 365 * 24 * 3600_000);
  return cert;
}

function makeCa(province: string): string {
  const keys = rsaKeys();
  const cert = newCertificate(keys.publicKey, 10);
  const subject = [utf8('commonName', DEMO_CA_NAME), utf8('organizationName', province), { name: 'countryName', value: 'VN' }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert) + forge.pki.privateKeyToPem(keys.privateKey);
}

function makeUnitP12(ca: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey }, unit: SignerUnit, province: string, passphrase: string): Buffer {
  const keys = rsaKeys();
  const cert = newCertificate(keys.publicKey, 3);
  cert.setSubject([utf8('commonName', unit.name), utf8('organizationName', province), { name: 'countryName', value: 'VN' }]);
  // forge keeps parsed UTF8String values as raw bytes and would encode them a second time
  cert.setIssuer(ca.cert.subject.attributes.map((at) => (at.valueTagClass === (forge.asn1.Type.UTF8 as unknown) ? { ...at, value: forge.util.decodeUtf8(String(at.value)) } : at)));
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'extKeyUsage', emailProtection: true, [DOCUMENT_SIGNING]: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.cert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(ca.key, forge.md.sha256.create());
  const asn1 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert, ca.cert], passphrase, { algorithm: 'aes256', friendlyName: unit.code });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/** The demo CA and the units' keys under `dir`; signs like production (PKCS#12 files), trusts the demo CA. */
export class DemoSigning implements SigningPort, TrustStore {
  private readonly p12: P12Signing;
  private ca: Promise<{ cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey; pem: string }> | undefined;
  private passphrase: Promise<string> | undefined;

  constructor(
    private readonly dir: string,
    private readonly province: string,
  ) {
    this.p12 = new P12Signing({
      passphrase: () => this.loadPassphrase(),
      location: province,
      fileOf: (unit) => this.unitFile(unit),
    });
  }

  private loadCa() {
    this.ca ??= createOnce(path.join(this.dir, 'ca.pem'), () => makeCa(this.province)).then((b) => {
      const pem = b.toString('utf8');
      const keyPem = /-----BEGIN (RSA )?PRIVATE KEY-----[\s\S]+?-----END (RSA )?PRIVATE KEY-----/.exec(pem)?.[0] ?? '';
      return { cert: forge.pki.certificateFromPem(pem), key: forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey, pem };
    });
    return this.ca;
  }

  private loadPassphrase(): Promise<string> {
    this.passphrase ??= createOnce(path.join(this.dir, 'passphrase'), () => randomBytes(18).toString('base64url')).then((b) => b.toString('utf8').trim());
    return this.passphrase;
  }

  private async unitFile(unit: SignerUnit): Promise<string> {
    const [ca, passphrase] = await Promise.all([this.loadCa(), this.loadPassphrase()]);
    // by id: a unit's code may be reused by a successor with another name
    const file = path.join(this.dir, 'units', `${unit.id.replace(/[^\w-]/g, '')}.p12`);
    await createOnce(file, () => makeUnitP12(ca, unit, this.province, passphrase));
    return file;
  }

  sign(...args: Parameters<SigningPort['sign']>) {
    return this.p12.sign(...args);
  }

  async anchors(): Promise<X509Certificate[]> {
    return [new X509Certificate((await this.loadCa()).pem)];
  }

  /** The demo CA certificate (PEM), e.g. to import into a PDF reader or an NSS database. */
  async caPem(): Promise<string> {
    return forge.pki.certificateToPem((await this.loadCa()).cert);
  }
}
