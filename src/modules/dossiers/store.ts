import { sql, type Transaction } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { DB, DossierState } from '../../platform/db/schema';

type Conn = Db | Transaction<DB>;

/** The next daily serial for a code prefix: one atomic row update, safe across processes. */
export async function nextSerial(trx: Transaction<DB>, prefix: string, day: string): Promise<number> {
  const row = await sql<{ last: number }>`
    insert into dossier_code_serials (prefix, day, last) values (${prefix}, ${day}, 1)
    on conflict (prefix, day) do update set last = dossier_code_serials.last + 1
    returning last`.execute(trx);
  return Number(row.rows[0]!.last);
}


export async function insert(trx: Transaction<DB>, d: {
  code: string;
  procedureId: string;
  procedureCode: string;
  procedureName: string;
  procedureVersion: number;
  formVersion: number | null;
  applicantId: string | null;
  submittedBy: string | null;
  channel: 'online' | 'counter' | 'post' | 'national_portal';
  state: DossierState;
  receivingUnitId: string;
  holderUnitId: string | null;
  applicantName: string;
  applicantPhone: string | null;
  applicantEmail: string | null;
  data: Record<string, unknown>;
  timeLimit: Record<string, unknown>;
  submittedAt: Date;
  expectedDueAt: Date | null;
  idempotencyKey: string | null;
}): Promise<string> {
  const row = await trx
    .insertInto('dossiers')
    .values({ ...d, data: JSON.stringify(d.data), timeLimit: JSON.stringify(d.timeLimit) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function addEvent(
  trx: Transaction<DB>,
  e: { dossierId: string; actorId: string | null; actorRole: string | null; type: string; fromState: string | null; toState: string | null; publicNote: string | null; isPublic?: boolean; detail?: Record<string, unknown> },
): Promise<void> {
  await trx
    .insertInto('dossierEvents')
    .values({ ...e, isPublic: e.isPublic ?? true, detail: JSON.stringify(e.detail ?? {}) })
    .execute();
}

const columns = [
  'id',
  'code',
  'procedureId',
  'procedureCode',
  'procedureName',
  'applicantId',
  'channel',
  'state',
  'receivingUnitId',
  'holderUnitId',
  'applicantName',
  'applicantPhone',
  'applicantEmail',
  'data',
  'submittedAt',
  'expectedDueAt',
  'receivedAt',
  'dueAt',
  'idempotencyKey',
  'procedureVersion',
  'logbookSerial',
  'version',
] as const;

export async function byCode(conn: Conn, code: string) {
  return conn.selectFrom('dossiers').select(columns).where('code', '=', code).executeTakeFirst();
}

export async function byCodeForUpdate(trx: Transaction<DB>, code: string) {
  return trx.selectFrom('dossiers').select(columns).where('code', '=', code).forUpdate().executeTakeFirst();
}

export async function byIdempotencyKey(conn: Conn, key: string) {
  return conn.selectFrom('dossiers').select(columns).where('idempotencyKey', '=', key).executeTakeFirst();
}

/** Moves a dossier only if nobody moved it first (optimistic locking on `version`). */
export async function moveState(trx: Transaction<DB>, id: string, from: DossierState, to: DossierState, version: number): Promise<boolean> {
  const r = await trx
    .updateTable('dossiers')
    .set({ state: to, version: version + 1, updatedAt: new Date() })
    .where('id', '=', id)
    .where('state', '=', from)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function publicEvents(conn: Conn, dossierId: string) {
  return conn.selectFrom('dossierEvents').select(['at', 'type', 'toState', 'publicNote']).where('dossierId', '=', dossierId).where('isPublic', '=', true).orderBy('id').execute();
}

export async function draftsOf(conn: Conn, accountId: string) {
  return conn
    .selectFrom('drafts as d')
    .leftJoin('procedures as p', 'p.code', 'd.procedureCode')
    .select(['d.id', 'd.procedureCode', 'p.name as procedureName', 'd.updatedAt'])
    .where('d.accountId', '=', accountId)
    .orderBy('d.updatedAt', 'desc')
    .limit(100)
    .execute();
}

export async function waitingForReception(conn: Conn, unitIds: string[]) {
  return conn
    .selectFrom('dossiers')
    .select(['code', 'procedureName', 'applicantName', 'submittedAt', 'channel'])
    .where('state', '=', 'SUBMITTED')
    .where('receivingUnitId', 'in', unitIds)
    .orderBy('submittedAt')
    .limit(200)
    .execute();
}

export async function filesOf(conn: Conn, dossierId: string) {
  return conn.selectFrom('dossierFiles').select(['id', 'componentIndex', 'componentName', 'fileName', 'size', 'mime']).where('dossierId', '=', dossierId).orderBy('componentIndex').execute();
}

/** The procedure record the dossier was filed under. */
export async function procedureRecord(conn: Conn, procedureId: string): Promise<unknown> {
  return (await conn.selectFrom('procedures').select('record').where('id', '=', procedureId).executeTakeFirstOrThrow()).record;
}

export async function provinceUnit(conn: Conn) {
  return conn.selectFrom('units').select('name').where('kind', '=', 'ubnd_tinh').executeTakeFirst();
}

/** SUBMITTED → RECEIVED with the clock's dates, only if nobody moved the dossier first. */
export async function markReceived(trx: Transaction<DB>, id: string, version: number, v: { receivedAt: Date; dueAt: Date; logbookSerial: number; now: Date }): Promise<boolean> {
  const r = await trx
    .updateTable('dossiers')
    .set({ state: 'RECEIVED', receivedAt: v.receivedAt, dueAt: v.dueAt, logbookSerial: v.logbookSerial, version: version + 1, updatedAt: v.now })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function addDocument(trx: Transaction<DB>, doc: { dossierId: string; kind: 'mau01' | 'mau02' | 'mau03' | 'mau04' | 'mau05'; sha256: string; createdBy: string | null }): Promise<void> {
  await trx.insertInto('dossierDocuments').values(doc).execute();
}

export async function latestDocument(conn: Conn, dossierId: string, kind: 'mau01' | 'mau02' | 'mau03' | 'mau04' | 'mau05') {
  return conn.selectFrom('dossierDocuments').select('sha256').where('dossierId', '=', dossierId).where('kind', '=', kind).orderBy('createdAt', 'desc').executeTakeFirst();
}

export async function forApplicant(conn: Conn, applicantId: string) {
  return conn
    .selectFrom('dossiers')
    .select(['code', 'procedureCode', 'procedureName', 'state', 'submittedAt', 'receivedAt', 'expectedDueAt', 'dueAt', 'version'])
    .where('applicantId', '=', applicantId)
    .orderBy('submittedAt', 'desc')
    .limit(200)
    .execute();
}
