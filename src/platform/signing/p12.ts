// The PKCS#12 adapter: one .p12 file per issuing unit, named by the unit's code, holding the
// unit's signing key, its certificate and the certificates above it. Keys are read on first
// use and kept in this adapter (one per app), never logged.
import { createHash, createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import forge from 'node-forge';
import { signPades } from './pades';
import { type SignedPdf, type SignerUnit, type SigningPort, SigningUnavailable, type SignOptions, type TrustStore } from './port';

export interface UnitKey {
  privateKey: KeyObject;
  certificate: Buffer;
  chain: Buffer[];
}

const UNIT_CODE = /^[A-Za-z0-9][\w.-]{0,80}$/;

function certDer(cert: forge.pki.Certificate): Buffer {
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
}

/** The key, its certificate (the one whose public key matches) and the rest of the chain. */
export function readP12(bytes: Buffer, passphrase: string): UnitKey {
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(bytes.toString('binary')), false, passphrase);
  const keyBags = [...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []), ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag!] ?? [])];
  const key = keyBags[0]?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key) throw new SigningUnavailable('the PKCS#12 file holds no private key');
  const certs = (p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag!] ?? []).flatMap((b) => (b.cert ? [b.cert] : []));
  const own = certs.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n?.equals(key.n) && pub.e?.equals(key.e);
  });
  if (!own) throw new SigningUnavailable('the PKCS#12 file holds no certificate for its key');
  return { privateKey: createPrivateKey(forge.pki.privateKeyToPem(key)), certificate: certDer(own), chain: certs.filter((c) => c !== own).map(certDer) };
}

/** One line for people: "CN=…, O=…, C=VN". */
export function subjectLine(certificate: Buffer): string {
  return new X509Certificate(certificate).subject.split('\n').join(', ');
}

export class P12Signing implements SigningPort {
  private readonly keys = new Map<string, Promise<UnitKey>>();

  constructor(
    private readonly opts: {
      /** The .p12 file of a unit (production: SIGNING_P12_DIR/<code>.p12). */
      fileOf?: (unit: SignerUnit) => Promise<string>;
      dir?: string;
      passphrase: () => Promise<string>;
      location: string;
    },
  ) {}

  private async fileOf(unit: SignerUnit): Promise<string> {
    if (this.opts.fileOf) return this.opts.fileOf(unit);
    if (!UNIT_CODE.test(unit.code)) throw new SigningUnavailable(`unit code ${JSON.stringify(unit.code)} cannot name a key file`);
    return path.join(this.opts.dir!, `${unit.code}.p12`);
  }

  keyOf(unit: SignerUnit): Promise<UnitKey> {
    let key = this.keys.get(unit.id);
    if (!key) {
      key = this.fileOf(unit).then(async (file) => {
        let bytes: Buffer;
        try {
          bytes = await readFile(file);
        } catch {
          throw new SigningUnavailable(`no PKCS#12 file for unit ${unit.code} (${file})`);
        }
        try {
          return readP12(bytes, await this.opts.passphrase());
        } catch (err) {
          if (err instanceof SigningUnavailable) throw err;
          throw new SigningUnavailable(`cannot open the PKCS#12 file of unit ${unit.code} (wrong passphrase or damaged file): ${(err as Error).message}`);
        }
      });
      // a failure is not kept: the file may be put in place later
      key.catch(() => this.keys.delete(unit.id));
      this.keys.set(unit.id, key);
    }
    return key;
  }

  async sign(pdf: Buffer, unit: SignerUnit, opts: SignOptions = {}): Promise<SignedPdf> {
    const key = await this.keyOf(unit);
    const signed = await signPades({
      pdf,
      ...key,
      name: unit.name,
      reason: opts.reason ?? 'Ban hanh van ban dien tu',
      location: this.opts.location,
      signingTime: opts.signingTime ?? new Date(),
    });
    return { pdf: signed, certificateSha256: createHash('sha256').update(key.certificate).digest('hex'), signerSubject: subjectLine(key.certificate) };
  }
}

/** Trust anchors from a PEM file of CA certificates (SIGNING_CA_FILE). */
export class PemTrustStore implements TrustStore {
  private loaded: Promise<X509Certificate[]> | undefined;
  constructor(private readonly file: string) {}

  anchors(): Promise<X509Certificate[]> {
    this.loaded ??= readFile(this.file, 'utf8').then((pem) => (pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map((c) => new X509Certificate(c)));
    return this.loaded;
  }
}
