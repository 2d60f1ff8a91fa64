// The SQL of the citizen's document store: it owns no table, it reads the files of the
// citizen's dossiers (dossier_files) and the signed results issued to them (issued_documents).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, DossierState } from '../../platform/db/schema';

type Conn = Kysely<DB> | Transaction<DB>;

/** At most this many of each, newest first: a store page, not an archive export. */
export const STORE_LIMIT = 500;

export interface StoredFile {
  id: string;
  componentName: string;
  fileName: string;
  mime: string;
  size: number;
  pages: number | null;
  sha256: string;
  givenAt: Date;
  dossierCode: string;
  procedureName: string;
  dossierState: DossierState;
  receivedAt: Date | null;
  /** The file is a copy of a signed result that its issuer has revoked. */
  revoked: boolean;
}

const FILE_COLUMNS = ['f.id', 'f.componentName', 'f.fileName', 'f.mime', 'f.size', 'f.pages', 'f.sha256', 'f.createdAt as givenAt', 'd.code as dossierCode', 'd.procedureName', 'd.state as dossierState', 'd.receivedAt'] as const;
const REVOKED_COPY = sql<boolean>`exists (select 1 from issued_documents i where i.sha256 = f.sha256 and i.revoked_at is not null)`.as('revoked');

/** Every file of the account's dossiers (each completion round's too), newest first. */
export async function filesOf(conn: Conn, accountId: string): Promise<StoredFile[]> {
  return conn
    .selectFrom('dossierFiles as f')
    .innerJoin('dossiers as d', 'd.id', 'f.dossierId')
    .select(FILE_COLUMNS)
    .select(REVOKED_COPY)
    .where('d.applicantId', '=', accountId)
    .orderBy('f.createdAt', 'desc')
    .orderBy('f.id')
    .limit(STORE_LIMIT)
    .execute();
}

export async function fileOf(conn: Conn, accountId: string, fileId: string): Promise<StoredFile | undefined> {
  return conn
    .selectFrom('dossierFiles as f')
    .innerJoin('dossiers as d', 'd.id', 'f.dossierId')
    .select(FILE_COLUMNS)
    .select(REVOKED_COPY)
    .where('d.applicantId', '=', accountId)
    .where('f.id', '=', fileId)
    .executeTakeFirst();
}

export interface IssuedResult {
  id: string;
  code: string;
  number: string | null;
  issuerName: string;
  procedureCode: string;
  procedureName: string;
  issuedAt: Date;
  sha256: string;
  size: number;
  revokedAt: Date | null;
  revokedReason: string | null;
  dossierCode: string;
  /** The dossier's procedure record's results (the names of the papers it issues). */
  results: string[];
}

/**
 * The signed results issued to the account: the result of each of their dossiers once it is
 * theirs to see (approved and ready, or delivered with a result), revoked ones included.
 */
export async function resultsOf(conn: Conn, accountId: string, documentId?: string): Promise<IssuedResult[]> {
  let q = conn
    .selectFrom('issuedDocuments as i')
    .innerJoin('dossiers as d', 'd.id', 'i.dossierId')
    .innerJoin('procedures as p', 'p.id', 'd.procedureId')
    .select([
      'i.id',
      'i.code',
      'i.number',
      'i.issuerName',
      'i.procedureCode',
      'i.procedureName',
      'i.issuedAt',
      'i.sha256',
      'i.size',
      'i.revokedAt',
      'i.revokedReason',
      'd.code as dossierCode',
      sql<unknown>`p.record -> 'results'`.as('results'),
    ])
    .where('d.applicantId', '=', accountId)
    .where('i.kind', '=', 'result')
    .where((eb) => eb.or([eb('d.state', '=', 'RESULT_READY'), eb.and([eb('d.state', '=', 'DELIVERED'), eb('d.outcome', '=', 'result')])]));
  if (documentId) q = q.where('i.id', '=', documentId);
  const rows = await q.orderBy('i.issuedAt', 'desc').orderBy('i.id').limit(STORE_LIMIT).execute();
  return rows.map((r) => ({ ...r, results: Array.isArray(r.results) ? (r.results as unknown[]).filter((x): x is string => typeof x === 'string') : [] }));
}
