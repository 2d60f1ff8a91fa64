// Signing results with the issuing unit's key, and checking signatures (platform: no business
// rules). Production: one PKCS#12 file per unit in SIGNING_P12_DIR and the trust anchors in
// SIGNING_CA_FILE; elsewhere a demo CA made on first need in DATA_DIR/signing/demo.
import path from 'node:path';
import type { Config } from '../../config';
import { DemoSigning } from './demo-ca';
import { P12Signing, PemTrustStore } from './p12';
import { type SigningPort, SigningUnavailable, type TrustStore } from './port';

export interface Signing {
  signer: SigningPort;
  trust: TrustStore;
}

/** The signer and trust anchors the configuration names. One per app: keys are cached inside. */
export function signingFor(config: Pick<Config, 'dataDir' | 'provinceName' | 'nodeEnv' | 'signing'>): Signing {
  const s = config.signing;
  const organisation = `Tỉnh ${config.provinceName}`;
  if (s.kind === 'p12') {
    return { signer: new P12Signing({ dir: s.dir, passphrase: async () => s.passphrase, location: organisation }), trust: new PemTrustStore(s.caFile) };
  }
  const demo = new DemoSigning(path.join(config.dataDir, 'signing', 'demo'), organisation);
  if (config.nodeEnv !== 'production') return { signer: demo, trust: demo };
  // a demo key never signs in production; nothing is trusted until SIGNING_P12_DIR is set
  return {
    signer: { sign: () => Promise.reject(new SigningUnavailable('SIGNING_P12_DIR is not set: results cannot be signed in production without the units’ certificates')) },
    trust: { anchors: async () => [] },
  };
}

export { checkPdfSignature, type SignatureCheck, type SignatureStatus } from './verify';
export { DemoSigning, DEMO_CA_NAME } from './demo-ca';
export { P12Signing, PemTrustStore, readP12 } from './p12';
export { ascii } from './pades';
export type { SignedPdf, SignerUnit, SigningPort, SignOptions, TrustStore } from './port';
export { SigningUnavailable } from './port';
