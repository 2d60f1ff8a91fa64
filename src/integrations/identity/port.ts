// The national electronic identity (VNeID-style, NĐ 69/2024): a relying party that sends the
// person to the identity provider and gets back who they are, verified. oidc.ts speaks
// OpenID Connect; simulators/identity-provider.ts is the provider for local work and tests.

/** What the identity provider vouches for, after every check passed. */
export interface VerifiedIdentity {
  /** The provider's stable id for the person or organisation (`sub`). */
  subject: string;
  kind: 'citizen' | 'business';
  /** Full name, or the organisation's name. */
  fullName: string;
  /** Số định danh cá nhân (12 digits): a citizen's, or an organisation's legal representative's. */
  idNumber: string | undefined;
  /** Mã số thuế, organisations only. */
  taxCode: string | undefined;
  /** YYYY-MM-DD */
  birthDate: string | undefined;
  phone: string | undefined;
  /** The registered address as one line of text. */
  address: string | undefined;
  /** Level of assurance: 1 (basic) or 2 (verified in person, chip ID). */
  loa: 1 | 2;
}

/** One login attempt in flight, kept in the server-side session until the callback uses it once. */
export interface IdentityTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string | undefined;
  startedAt: number;
}

export type RefusalReason = 'provider_error' | 'state' | 'token' | 'claims' | 'account' | 'unavailable';

/** A login that must not go through; the message is for the person, the detail for the audit log. */
export class IdentityRefused extends Error {
  override name = 'IdentityRefused';
  constructor(
    readonly reason: RefusalReason,
    message: string,
    readonly detail: string,
  ) {
    super(message);
  }
}

export interface IdentityProvider {
  /** Where to send the browser, and the transaction to keep in the session. */
  start(returnTo: string | undefined): Promise<{ url: string; transaction: IdentityTransaction }>;
  /** Checks the provider's answer (the callback URL as received) against the transaction. */
  finish(callbackUrl: URL, transaction: IdentityTransaction): Promise<VerifiedIdentity>;
}

const ID_NUMBER = /^[0-9]{12}$/;
const TAX_CODE = /^[0-9]{10}(-[0-9]{3})?$/;

/** The provider's claims as a VerifiedIdentity; refuses claims that are missing or malformed. */
export function identityFromClaims(claims: Record<string, unknown>): VerifiedIdentity {
  const bad = (what: string) => new IdentityRefused('claims', 'Tài khoản định danh điện tử không cung cấp đủ thông tin hợp lệ để đăng nhập. Vui lòng thử lại hoặc liên hệ bộ phận một cửa.', what);
  const str = (k: string) => (typeof claims[k] === 'string' && (claims[k] as string).trim() !== '' ? (claims[k] as string).trim() : undefined);
  const subject = str('sub');
  if (!subject) throw bad('sub missing');
  const loa = claims.loa === 1 || claims.loa === '1' ? 1 : claims.loa === 2 || claims.loa === '2' ? 2 : undefined;
  if (!loa) throw bad(`loa invalid: ${JSON.stringify(claims.loa)}`);
  const fullName = str('name')?.replace(/\s+/g, ' ');
  if (!fullName || fullName.length < 2 || fullName.length > 200) throw bad('name invalid');
  const kind = claims.loai_tai_khoan === 'to_chuc' ? 'business' : 'citizen';
  const idNumber = str('so_dinh_danh');
  if (idNumber !== undefined && !ID_NUMBER.test(idNumber)) throw bad('so_dinh_danh not 12 digits');
  if (kind === 'citizen' && !idNumber) throw bad('so_dinh_danh missing');
  const taxCode = str('ma_so_thue');
  if (kind === 'business' && (!taxCode || !TAX_CODE.test(taxCode))) throw bad('ma_so_thue invalid');
  const birthDate = str('birthdate');
  if (birthDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) throw bad('birthdate invalid');
  const address = claims.address as { formatted?: unknown } | undefined;
  return {
    subject,
    kind,
    fullName,
    idNumber,
    taxCode: kind === 'business' ? taxCode : undefined,
    birthDate,
    phone: str('phone_number'),
    address: typeof address?.formatted === 'string' && address.formatted.trim() ? address.formatted.trim() : undefined,
    loa,
  };
}
