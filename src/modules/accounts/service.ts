import { hash, verify } from '@node-rs/argon2';
import { recordAudit } from '../../platform/audit';
import type { Db } from '../../platform/db/connect';
import { ForbiddenError, ValidationError } from '../../platform/errors';
import { formatDateTime } from '../../platform/format';
import type { Actor } from '../../platform/http/context';
import { AccountLocked, ContactTaken, LoginFailed } from './errors';
import { afterFailedLogin, checkRegistration, isLocked, isOfficer, loginKey, type LockoutPolicy, passwordProblems, type RegistrationInput } from './model';
import * as store from './store';
import { applicantPasswordLogin, PasswordLoginOff } from './identity';
import { actorForOrganisation } from './organisation';

export interface AccountsDeps {
  db: Db;
  lockout: LockoutPolicy;
}

// A hash of a random password, verified when the login name is unknown so that
// "no such user" takes as long as "wrong password".
let dummyHash: Promise<string> | undefined;
const timingDummy = () => (dummyHash ??= hash(crypto.randomUUID()));

/** argon2id with the library's defaults (m=19456 KiB, t=2, p=1: the OWASP baseline). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function register(deps: AccountsDeps, input: RegistrationInput, ip: string): Promise<Actor> {
  const { errors, value } = checkRegistration(input);
  if (!value) throw new ValidationError(errors);
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction().execute(async (trx) => {
    if (await store.contactTaken(trx, value.username, value.phone, value.email)) throw new ContactTaken();
    const id = await store.insert(trx, { ...value, unitId: null, passwordHash }).catch((err: { code?: string }) => {
      if (err.code === '23505') throw new ContactTaken(); // two registrations raced for the same contact
      throw err;
    });
    const actor: Actor = { id, username: value.username, fullName: value.fullName, role: value.role, unitId: null, ip };
    await recordAudit(trx, actor, { action: 'account.registered', entityType: 'account', entityId: id });
    return actor;
  });
}

export async function authenticate(deps: AccountsDeps, login: string, password: string, ip: string, now = new Date()): Promise<Actor> {
  const key = loginKey(login);
  const account = login.trim() ? await store.byLogin(deps.db, key) : undefined;
  if (!account) {
    await verify(await timingDummy(), password).catch(() => false);
    throw new LoginFailed();
  }
  if (isLocked(account.lockedUntil, now)) throw new AccountLocked(formatDateTime(account.lockedUntil as Date));
  const ok = await verify(account.passwordHash, password).catch(() => false);
  const actor: Actor = { id: account.id, username: account.username, fullName: account.fullName, role: account.role, unitId: account.unitId, ip };
  if (!ok || account.status !== 'active') {
    const next = ok ? { failedLogins: account.failedLogins, lockedUntil: account.lockedUntil } : afterFailedLogin(account.failedLogins, now, deps.lockout);
    await deps.db.transaction().execute(async (trx) => {
      await store.recordFailure(trx, account.id, next.failedLogins, next.lockedUntil);
      await recordAudit(trx, { id: null, role: null, unitId: null, ip }, {
        action: next.lockedUntil ? 'account.locked' : 'account.login_failed',
        entityType: 'account',
        entityId: account.id,
        reason: ok ? 'tài khoản bị vô hiệu hóa' : 'sai mật khẩu',
      });
    });
    if (next.lockedUntil) throw new AccountLocked(formatDateTime(next.lockedUntil));
    throw new LoginFailed(ok ? 'Tài khoản này đã bị vô hiệu hóa. Vui lòng liên hệ quản trị hệ thống.' : undefined);
  }
  // an administrator may leave citizens and businesses to the national electronic identity (officers keep passwords)
  if (!isOfficer(account.role) && !(await applicantPasswordLogin(deps.db))) {
    await deps.db.transaction().execute((trx) =>
      recordAudit(trx, { id: null, role: null, unitId: null, ip }, { action: 'account.login_failed', entityType: 'account', entityId: account.id, reason: 'đăng nhập bằng mật khẩu đã tắt' }),
    );
    throw new PasswordLoginOff();
  }
  await deps.db.transaction().execute(async (trx) => {
    await store.recordSuccess(trx, account.id);
    await recordAudit(trx, actor, { action: 'account.login', entityType: 'account', entityId: account.id });
  });
  return actor;
}

export async function recordLogout(deps: AccountsDeps, actor: Actor): Promise<void> {
  await deps.db.transaction().execute((trx) => recordAudit(trx, actor, { action: 'account.logout', entityType: 'account', entityId: actor.id }));
}

export interface PasswordChange {
  current: string;
  next: string;
  confirm: string;
}

export async function changePassword(deps: AccountsDeps, actor: Actor, input: PasswordChange, keepSessionId: string | undefined): Promise<void> {
  // a staff member acting for an organisation does not hold its password
  if (actor.agent) throw new ForbiddenError('Nhân viên làm việc cho tổ chức không đổi được mật khẩu của tổ chức.');
  const account = await store.byId(deps.db, actor.id);
  if (!account) throw new LoginFailed();
  const errors = [...passwordProblems(input.next, 'next', account.phone ?? account.email ?? undefined)];
  if (input.next !== input.confirm) errors.push({ field: 'confirm', message: 'Mật khẩu mới nhập lại không khớp' });
  if (input.next === input.current && errors.length === 0) errors.push({ field: 'next', message: 'Mật khẩu mới phải khác mật khẩu hiện tại' });
  const currentOk = await verify(account.passwordHash, input.current).catch(() => false);
  if (!currentOk) errors.unshift({ field: 'current', message: 'Mật khẩu hiện tại không đúng' });
  if (errors.length > 0) throw new ValidationError(errors);
  const passwordHash = await hashPassword(input.next);
  await deps.db.transaction().execute(async (trx) => {
    await store.setPassword(trx, actor.id, passwordHash);
    // every other device signed in with the old password is signed out
    await store.endOtherSessions(trx, actor.id, keepSessionId);
    await recordAudit(trx, actor, { action: 'account.password_changed', entityType: 'account', entityId: actor.id });
  });
}

/** The session's actor; a staff member whose session acts for an organisation is the organisation, with them as agent, while their membership holds. */
export async function loadActor(deps: Pick<AccountsDeps, 'db'>, accountId: string, ip: string, actingFor?: string): Promise<Actor | null> {
  const a = await store.byId(deps.db, accountId);
  if (!a || a.status !== 'active') return null;
  const person: Actor = { id: a.id, username: a.username, fullName: a.fullName, role: a.role, unitId: a.unitId, ip };
  return (actingFor ? await actorForOrganisation(deps.db, person, actingFor) : undefined) ?? person;
}

/** What prefills a citizen's e-forms: the account's own data (verified by the identity provider later). */
export interface ApplicantProfile {
  fullName?: string;
  phone?: string;
  email?: string;
  idNumber?: string;
  /** YYYY-MM-DD */
  birthDate?: string;
  address?: { provinceCode: string; communeCode: string; detail: string };
}

export async function applicantProfile(deps: Pick<AccountsDeps, 'db'>, accountId: string): Promise<ApplicantProfile> {
  const a = await store.profileOf(deps.db, accountId);
  if (!a) return {};
  const address = a.address as { provinceCode?: unknown; communeCode?: unknown; detail?: unknown } | null;
  return {
    fullName: a.fullName,
    ...(a.phone ? { phone: a.phone } : {}),
    ...(a.email ? { email: a.email } : {}),
    ...(a.idNumber ? { idNumber: a.idNumber } : {}),
    ...(a.birthDate ? { birthDate: a.birthDate } : {}),
    ...(address && typeof address.provinceCode === 'string' && typeof address.communeCode === 'string'
      ? { address: { provinceCode: address.provinceCode, communeCode: address.communeCode, detail: typeof address.detail === 'string' ? address.detail : '' } }
      : {}),
  };
}

/** The applicant's account for an ID number given at the desk, so the dossier becomes theirs. */
export async function accountByIdNumber(deps: Pick<AccountsDeps, 'db'>, idNumber: string): Promise<{ id: string; fullName: string } | undefined> {
  return store.applicantByIdNumber(deps.db, idNumber);
}

export async function profile(deps: Pick<AccountsDeps, 'db'>, actor: Actor) {
  const a = await store.byId(deps.db, actor.id);
  if (!a) throw new LoginFailed();
  return { username: a.username, fullName: a.fullName, email: a.email, phone: a.phone, role: a.role, unitId: a.unitId, createdAt: a.createdAt, lastLoginAt: a.lastLoginAt };
}
