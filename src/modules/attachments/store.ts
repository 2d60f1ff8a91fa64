// The SQL of the attachments: draft_files (a draft's files per component) and dossier_files
// (a submitted dossier's files). The blobs themselves are in the BlobStore, by SHA-256.
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { ActingFor, DB, DossierState, OnBehalf } from '../../platform/db/schema';
import type { DraftFile } from './model';

type Conn = Db | Transaction<DB>;

const draftFileColumns = ['id', 'draftId', 'componentIndex', 'sha256', 'fileName', 'mime', 'size', 'pages', 'reusedFrom', 'reusedDocumentId', 'createdAt'] as const;

export interface DraftOwner {
  id: string;
  accountId: string;
  procedureCode: string;
  onBehalf: OnBehalf | null;
  /** 0021: submitted for a family member or on a power of attorney (adds the giấy ủy quyền slot). */
  actingFor: ActingFor | null;
}

export async function draftById(conn: Conn, id: string): Promise<DraftOwner | undefined> {
  return conn.selectFrom('drafts').select(['id', 'accountId', 'procedureCode', 'onBehalf', 'actingFor']).where('id', '=', id).executeTakeFirst();
}

/** Locks the draft row: two uploads finishing together see each other's bytes in the total. */
export async function draftForUpdate(trx: Transaction<DB>, id: string): Promise<DraftOwner | undefined> {
  return trx.selectFrom('drafts').select(['id', 'accountId', 'procedureCode', 'onBehalf', 'actingFor']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function draftFiles(conn: Conn, draftId: string): Promise<DraftFile[]> {
  return conn.selectFrom('draftFiles').select(draftFileColumns).where('draftId', '=', draftId).orderBy('componentIndex').orderBy('createdAt').orderBy('id').execute();
}

export async function draftFile(conn: Conn, draftId: string, fileId: string): Promise<DraftFile | undefined> {
  return conn.selectFrom('draftFiles').select(draftFileColumns).where('draftId', '=', draftId).where('id', '=', fileId).executeTakeFirst();
}

export async function draftBytes(conn: Conn, draftId: string): Promise<number> {
  const row = await conn
    .selectFrom('draftFiles')
    .select(sql<string>`coalesce(sum(size), 0)`.as('total'))
    .where('draftId', '=', draftId)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

export async function insertDraftFile(trx: Conn, f: Omit<DraftFile, 'id' | 'createdAt'>): Promise<DraftFile> {
  const row = await trx.insertInto('draftFiles').values(f).returning(draftFileColumns).executeTakeFirstOrThrow();
  await trx.updateTable('drafts').set({ updatedAt: sql`now()` }).where('id', '=', f.draftId).execute();
  return row;
}

export async function deleteDraftFile(conn: Conn, draftId: string, fileId: string): Promise<number> {
  const r = await conn.deleteFrom('draftFiles').where('draftId', '=', draftId).where('id', '=', fileId).executeTakeFirst();
  await conn.updateTable('drafts').set({ updatedAt: sql`now()` }).where('id', '=', draftId).execute();
  return Number(r.numDeletedRows);
}

export interface DossierFile {
  id: string;
  dossierId: string;
  componentIndex: number;
  componentName: string;
  round: number;
  sha256: string;
  fileName: string;
  mime: string;
  size: number;
  pages: number | null;
  uploadedBy: string | null;
  reusedFrom: string | null;
  createdAt: Date;
}

const dossierFileColumns = ['id', 'dossierId', 'componentIndex', 'componentName', 'round', 'sha256', 'fileName', 'mime', 'size', 'pages', 'uploadedBy', 'reusedFrom', 'createdAt'] as const;

export type NewDossierFile = Omit<DossierFile, 'id' | 'createdAt' | 'round' | 'reusedFrom'> & { round?: number; reusedFrom?: string | null; reusedDocumentId?: string | null };

export async function insertDossierFiles(trx: Transaction<DB>, rows: NewDossierFile[]): Promise<void> {
  if (rows.length === 0) return;
  await trx.insertInto('dossierFiles').values(rows).execute();
}

export async function dossierFiles(conn: Conn, dossierId: string): Promise<DossierFile[]> {
  return conn.selectFrom('dossierFiles').select(dossierFileColumns).where('dossierId', '=', dossierId).orderBy('componentIndex').orderBy('round').orderBy('createdAt').orderBy('id').execute();
}

/** A dossier's file with what decides who may see it. */
export async function dossierFileByCode(conn: Conn, code: string, fileId: string) {
  return conn
    .selectFrom('dossierFiles as f')
    .innerJoin('dossiers as d', 'd.id', 'f.dossierId')
    .select(['f.id', 'f.fileName', 'f.mime', 'f.size', 'f.sha256', 'f.componentName', 'd.id as dossierId', 'd.applicantId', 'd.receivingUnitId', 'd.holderUnitId'])
    .where('d.code', '=', code)
    .where('f.id', '=', fileId)
    .executeTakeFirst();
}

/** Whether the unit works on the dossier now (an open step of its own, e.g. consulted at the same time as another agency). */
export async function hasOpenStep(conn: Conn, dossierId: string, unitId: string): Promise<boolean> {
  const row = await conn.selectFrom('dossierHandovers').select('id').where('dossierId', '=', dossierId).where('unitId', '=', unitId).where('finishedAt', 'is', null).executeTakeFirst();
  return row !== undefined;
}

/** A file of one of the applicant's earlier dossiers, which a new dossier may take again. */
export interface ReusableFile {
  id: string;
  componentName: string;
  sha256: string;
  fileName: string;
  mime: string;
  size: number;
  pages: number | null;
  dossierCode: string;
  createdAt: Date;
  /** The earlier dossier's state and reception, which decide whether the file is still usable. */
  dossierState?: DossierState;
  receivedAt?: Date | null;
  /** Set when this is a signed result issued to the applicant (id is then the issued document's). */
  result?: { code: string; number: string | null; title: string; issuerName: string };
}

/**
 * The files of the account's dossiers (newest first, one per content and component name):
 * what the applicant already gave the administration and need not give again.
 */
export async function reusableFiles(conn: Conn, accountId: string): Promise<ReusableFile[]> {
  const rows = await conn
    .selectFrom('dossierFiles as f')
    .innerJoin('dossiers as d', 'd.id', 'f.dossierId')
    .select(['f.id', 'f.componentName', 'f.sha256', 'f.fileName', 'f.mime', 'f.size', 'f.pages', 'd.code as dossierCode', 'f.createdAt', 'd.state as dossierState', 'd.receivedAt'])
    .where('d.applicantId', '=', accountId)
    // a copy of a signed result that was revoked since is not offered again, however it came in
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('issuedDocuments as i').select('i.id').whereRef('i.sha256', '=', 'f.sha256').where('i.revokedAt', 'is not', null))))
    .orderBy('f.createdAt', 'desc')
    .orderBy('f.id')
    .limit(200)
    .execute();
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = `${r.sha256}|${r.componentName}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
