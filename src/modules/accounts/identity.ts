// Login with the national electronic identity: the account for a verified identity (found by
// the identity's subject, linked by the personal ID number or tax code, or created), the
// verified attributes kept with it, refusals logged, and the setting that switches off
// password login for applicants.
import type { Transaction } from 'kysely';
import { recordAudit } from '../../platform/audit';
import type { Db } from '../../platform/db/connect';
import type { DB } from '../../platform/db/schema';
import type { Actor } from '../../platform/http/context';
import type { VerifiedIdentity } from '../../integrations/identity/port';
import { LoginFailed } from './errors';

type Conn = Db | Transaction<DB>;

/** Stored as the password hash of accounts made by an identity login: no argon2 hash, so no password ever matches. */
export const NO_PASSWORD = '!identity-only';

const PASSWORD_LOGIN_KEY = 'accounts.applicant_password_login';

/** Whether citizens and businesses may still log in with a password (officers always may). */
export async function applicantPasswordLogin(db: Conn): Promise<boolean> {
  const row = await db.selectFrom('appSettings').select('value').where('key', '=', PASSWORD_LOGIN_KEY).executeTakeFirst();
  return row?.value !== false;
}

export async function setApplicantPasswordLogin(db: Db, actor: Actor, allowed: boolean): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const value = JSON.stringify(allowed);
    await trx
      .insertInto('appSettings')
      .values({ key: PASSWORD_LOGIN_KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updatedAt: new Date() }))
      .execute();
    await recordAudit(trx, actor, { action: 'settings.applicant_password_login', entityType: 'setting', entityId: PASSWORD_LOGIN_KEY, reason: allowed ? 'bật' : 'tắt' });
  });
}

export class PasswordLoginOff extends LoginFailed {
  constructor() {
    super('Công dân, tổ chức đăng nhập bằng tài khoản định danh điện tử; đăng nhập bằng mật khẩu đã được tắt.');
  }
}

/** What the account page shows as verified. */
export interface VerifiedView {
  verifiedAt: Date;
  loa: number;
  fullName: string | undefined;
  idNumber: string | undefined;
  taxCode: string | undefined;
  birthDate: string | undefined;
  phone: string | undefined;
  address: string | undefined;
}

export async function verifiedAttributes(db: Conn, accountId: string): Promise<VerifiedView | undefined> {
  const row = await db.selectFrom('accounts').select(['identityVerifiedAt', 'identityLoa', 'identityAttributes']).where('id', '=', accountId).executeTakeFirst();
  if (!row?.identityVerifiedAt || !row.identityLoa) return undefined;
  const a = (row.identityAttributes ?? {}) as Record<string, string | undefined>;
  return { verifiedAt: row.identityVerifiedAt, loa: row.identityLoa, fullName: a.fullName, idNumber: a.idNumber, taxCode: a.taxCode, birthDate: a.birthDate, phone: a.phone, address: a.address };
}

/** The level of assurance the actor logged in with: 0 for a password login or no identity. */
export async function identityLoa(db: Conn, accountId: string): Promise<number> {
  const row = await db.selectFrom('accounts').select('identityLoa').where('id', '=', accountId).executeTakeFirst();
  return row?.identityLoa ?? 0;
}

export class IdentityAccountDisabled extends LoginFailed {
  constructor() {
    super('Tài khoản gắn với danh tính này đã bị vô hiệu hóa. Vui lòng liên hệ quản trị hệ thống.');
  }
}

/**
 * The account for a verified identity, in one transaction: the account already linked to the
 * subject; else the applicant account with the same personal ID number (citizens) or tax code
 * (organisations), not yet linked to another identity, which gets linked; else a new account.
 * The verified name, ID number and birth date replace what was typed, so forms prefill them.
 */
export async function signInWithIdentity(db: Db, identity: VerifiedIdentity, ip: string): Promise<Actor> {
  return db.transaction().execute(async (trx) => {
    const attributes = JSON.stringify({
      fullName: identity.fullName,
      idNumber: identity.idNumber,
      taxCode: identity.taxCode,
      birthDate: identity.birthDate,
      phone: identity.phone,
      address: identity.address,
    });
    const verified = { identityVerifiedAt: new Date(), identityLoa: identity.loa, identityAttributes: attributes, fullName: identity.fullName, birthDate: identity.birthDate ?? null };
    const cols = ['id', 'username', 'fullName', 'role', 'unitId', 'status', 'phone', 'identitySubject'] as const;
    let account = await trx.selectFrom('accounts').select(cols).where('identitySubject', '=', identity.subject).forUpdate().executeTakeFirst();
    let action = 'account.identity_login';
    if (!account) {
      let q = trx.selectFrom('accounts').select(cols).where('identitySubject', 'is', null).where('role', '=', identity.kind);
      q = identity.kind === 'business' ? q.where('taxCode', '=', identity.taxCode!) : q.where('idNumber', '=', identity.idNumber!);
      account = await q.orderBy('createdAt').limit(1).forUpdate().executeTakeFirst();
      if (account) action = 'account.identity_linked';
    }
    // refused: the route logs the refusal (anything written here is rolled back)
    if (account && account.status !== 'active') throw new IdentityAccountDisabled();
    let id: string;
    if (account) {
      id = account.id;
      const phone = !account.phone && identity.phone && !(await phoneTaken(trx, identity.phone)) ? identity.phone : account.phone;
      await trx
        .updateTable('accounts')
        .set({ ...verified, identitySubject: identity.subject, idNumber: identity.idNumber ?? null, ...(identity.taxCode ? { taxCode: identity.taxCode } : {}), phone, failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() })
        .where('id', '=', id)
        .execute();
    } else {
      action = 'account.identity_created';
      const base = identity.kind === 'business' ? `mst-${identity.taxCode!}` : `dd-${identity.idNumber!}`;
      const username = (await usernameTaken(trx, base)) ? `${base}-${crypto.randomUUID().slice(0, 8)}` : base;
      const phone = identity.phone && !(await phoneTaken(trx, identity.phone)) ? identity.phone : null;
      const row = await trx
        .insertInto('accounts')
        .values({
          ...verified,
          username,
          email: null,
          phone,
          role: identity.kind,
          unitId: null,
          passwordHash: NO_PASSWORD,
          identitySubject: identity.subject,
          idNumber: identity.idNumber ?? null,
          taxCode: identity.taxCode ?? null,
          lastLoginAt: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = row.id;
    }
    const fresh = await trx.selectFrom('accounts').select(cols).where('id', '=', id).executeTakeFirstOrThrow();
    const actor: Actor = { id, username: fresh.username, fullName: fresh.fullName, role: fresh.role, unitId: fresh.unitId, ip };
    await recordAudit(trx, actor, { action, entityType: 'account', entityId: id, detail: { loa: identity.loa } });
    return actor;
  });
}

/** A refused identity login: nothing is created, the attempt is in the audit log. */
export async function recordIdentityRefusal(db: Db, ip: string, reason: string, detail: string): Promise<void> {
  await db.transaction().execute((trx) =>
    recordAudit(trx, { id: null, role: null, unitId: null, ip }, { action: 'account.identity_login_failed', entityType: 'account', reason, detail: { detail: detail.slice(0, 500) } }),
  );
}

async function phoneTaken(db: Conn, phone: string): Promise<boolean> {
  return (await db.selectFrom('accounts').select('id').where('phone', '=', phone).executeTakeFirst()) !== undefined;
}

async function usernameTaken(db: Conn, username: string): Promise<boolean> {
  return (await db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirst()) !== undefined;
}
