// Who submitted a dossier for whom (0021): a citizen for a family member or on a power of
// attorney, or a staff member for their organisation. Written at submission (submission module,
// in the submission's transaction); read here for the officer's page and the receipt (Mẫu 01).
import type { Transaction } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { ActingFor, DB } from '../../platform/db/schema';
import { describeActingFor, submitterOf } from '../accounts';

export interface Representation {
  /** "Người nộp … nộp thay cho …" */
  line: string;
  /** Who signs as NGƯỜI NỘP HỒ SƠ. */
  submitter: string;
}

export async function representationOf(conn: Db | Transaction<DB>, dossierId: string): Promise<Representation | undefined> {
  const row = await conn
    .selectFrom('dossiers as d')
    .leftJoin('accounts as a', 'a.id', 'd.submittedBy')
    .leftJoin('accounts as o', 'o.id', 'd.applicantId')
    .select(['d.actingFor', 'd.applicantName', 'a.fullName as submitterName', 'o.fullName as applicantAccountName'])
    .where('d.id', '=', dossierId)
    .executeTakeFirst();
  const a = row?.actingFor as ActingFor | null | undefined;
  if (!row || !a) return undefined;
  const submitterName = row.submitterName ?? '';
  // a staff member acts for the organisation's account: name the organisation, whatever the tờ khai says
  const applicant = a.capacity === 'staff' ? (row.applicantAccountName ?? row.applicantName) : row.applicantName;
  return { line: describeActingFor(a, submitterName, applicant), submitter: submitterOf(a, submitterName) };
}
