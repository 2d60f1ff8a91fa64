import type { Transaction } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { DB, Role } from '../../platform/db/schema';

export interface AccountRow {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  role: Role;
  unitId: string | null;
  passwordHash: string;
  status: 'active' | 'disabled';
  failedLogins: number;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
}

const columns = ['id', 'username', 'fullName', 'email', 'phone', 'role', 'unitId', 'passwordHash', 'status', 'failedLogins', 'lockedUntil', 'lastLoginAt', 'createdAt'] as const;

type Conn = Db | Transaction<DB>;

export async function byId(db: Conn, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').select(columns).where('id', '=', id).executeTakeFirst();
}

export async function profileOf(db: Conn, id: string) {
  return db.selectFrom('accounts').select(['fullName', 'phone', 'email', 'idNumber', 'birthDate', 'address']).where('id', '=', id).executeTakeFirst();
}

/** The applicant account (citizen or business) holding a personal ID number, if one does. */
export async function applicantByIdNumber(db: Conn, idNumber: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'fullName'])
    .where('idNumber', '=', idNumber)
    .where('role', 'in', ['citizen', 'business'])
    .orderBy('createdAt')
    .limit(1)
    .executeTakeFirst();
}

export async function byLogin(db: Conn, key: { username: string; phone: string | null; email: string | null }): Promise<AccountRow | undefined> {
  return db
    .selectFrom('accounts')
    .select(columns)
    .where((eb) =>
      eb.or([
        eb('username', '=', key.username),
        ...(key.phone ? [eb('phone', '=', key.phone)] : []),
        ...(key.email ? [eb('email', '=', key.email)] : []),
      ]),
    )
    .orderBy('createdAt')
    .executeTakeFirst();
}

export async function byIdForUpdate(trx: Transaction<DB>, id: string): Promise<AccountRow | undefined> {
  return trx.selectFrom('accounts').select(columns).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function contactTaken(db: Conn, username: string, phone: string | null, email: string | null): Promise<boolean> {
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where((eb) => eb.or([eb('username', '=', username), ...(phone ? [eb('phone', '=', phone)] : []), ...(email ? [eb('email', '=', email)] : [])]))
    .executeTakeFirst();
  return row !== undefined;
}

export interface NewAccount {
  username: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  role: Role;
  unitId: string | null;
  passwordHash: string;
}

export async function insert(db: Conn, a: NewAccount): Promise<string> {
  const row = await db.insertInto('accounts').values(a).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function recordFailure(db: Conn, id: string, failedLogins: number, lockedUntil: Date | null): Promise<void> {
  await db.updateTable('accounts').set({ failedLogins, lockedUntil }).where('id', '=', id).execute();
}

export async function recordSuccess(db: Conn, id: string): Promise<void> {
  await db.updateTable('accounts').set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() }).where('id', '=', id).execute();
}

export async function setPassword(db: Conn, id: string, passwordHash: string): Promise<void> {
  await db.updateTable('accounts').set({ passwordHash, passwordChangedAt: new Date() }).where('id', '=', id).execute();
}

/** Ends every session of an account except one (after a password change). */
export async function endOtherSessions(db: Conn, accountId: string, keepSid: string | undefined): Promise<void> {
  let q = db.deleteFrom('sessions').where('accountId', '=', accountId);
  if (keepSid) q = q.where('sid', '<>', keepSid);
  await q.execute();
}

// ---- an organisation's staff (0021) ----

/** An applicant account found by a personal ID number or an e-mail address (the people an organisation adds as staff). */
export async function personByKey(db: Conn, key: { idNumber: string | null; email: string | null }) {
  return db
    .selectFrom('accounts')
    .select(['id', 'fullName', 'role', 'status'])
    .where((eb) => eb.or([...(key.idNumber ? [eb('idNumber', '=', key.idNumber)] : []), ...(key.email ? [eb('email', '=', key.email)] : [])]))
    .where('role', '=', 'citizen')
    .orderBy('createdAt')
    .limit(1)
    .executeTakeFirst();
}

export async function activeMembership(db: Conn, organisationId: string, accountId: string) {
  return db
    .selectFrom('organisationStaff')
    .select(['id'])
    .where('organisationId', '=', organisationId)
    .where('accountId', '=', accountId)
    .where('removedAt', 'is', null)
    .executeTakeFirst();
}

export async function staffOf(db: Conn, organisationId: string) {
  return db
    .selectFrom('organisationStaff as s')
    .innerJoin('accounts as a', 'a.id', 's.accountId')
    .select(['s.id', 's.accountId', 's.addedAt', 'a.fullName', 'a.idNumber', 'a.email', 'a.status'])
    .where('s.organisationId', '=', organisationId)
    .where('s.removedAt', 'is', null)
    .orderBy('s.addedAt')
    .execute();
}

/** The organisations a person is on the staff of now. */
export async function organisationsOf(db: Conn, accountId: string) {
  return db
    .selectFrom('organisationStaff as s')
    .innerJoin('accounts as o', 'o.id', 's.organisationId')
    .select(['o.id', 'o.fullName', 'o.taxCode'])
    .where('s.accountId', '=', accountId)
    .where('s.removedAt', 'is', null)
    .where('o.status', '=', 'active')
    .orderBy('o.fullName')
    .execute();
}

export async function addStaff(db: Conn, organisationId: string, accountId: string, addedBy: string): Promise<string> {
  const row = await db.insertInto('organisationStaff').values({ organisationId, accountId, addedBy }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Ends a membership; the number of rows changed (0: not this organisation's, or already removed). */
export async function removeStaff(db: Conn, organisationId: string, membershipId: string, removedBy: string) {
  const r = await db
    .updateTable('organisationStaff')
    .set({ removedAt: new Date(), removedBy })
    .where('id', '=', membershipId)
    .where('organisationId', '=', organisationId)
    .where('removedAt', 'is', null)
    .returning('accountId')
    .executeTakeFirst();
  return r?.accountId;
}
