// Who in the administration opened a dossier, and when (issue 9 item 6): every time an officer
// opens a dossier's back-office page, one of its files, a form or the result as PDF, or prints
// it, one row is appended to dossier_access_log in the same request, before the answer, so an
// access that was served is never missing from the log. The applicant reads their dossier's log
// (and auditors any dossier's); nothing in the application changes or deletes a row, and the
// database refuses it (0025's triggers).
//
// This file imports nothing from the rest of the dossiers module: the attachments module calls
// it for file downloads, and the dossiers module imports attachments.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { Actor } from '../../platform/http/context';
import { allows } from '../accounts';
import { DossierNotFound } from './errors';

export type AccessKind = 'page' | 'file' | 'document' | 'print';

/** What was opened: its kind, and in words the citizen understands. */
export interface Opened {
  kind: AccessKind;
  item: string;
}

export const ACCESS_KIND_LABELS: Record<AccessKind, string> = {
  page: 'Xem hồ sơ',
  file: 'Tải tệp giấy tờ',
  document: 'Xem văn bản',
  print: 'In',
};

export const OPENED_PAGE: Opened = { kind: 'page', item: 'Trang thông tin hồ sơ' };

const DOCUMENT_NAMES: Record<string, string> = {
  mau01: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)',
  mau02: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)',
  mau03: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03)',
  mau04: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)',
  mau05: 'Phiếu kiểm soát quá trình giải quyết hồ sơ (Mẫu 05)',
  result: 'Kết quả giải quyết',
};

/** A stored form or the result, opened as PDF. */
export function documentOpened(kind: string): Opened {
  return { kind: 'document', item: DOCUMENT_NAMES[kind] ?? kind };
}

/** One file of the dossier: the component it was given for, and its name. */
export function fileOpened(componentName: string, fileName: string): Opened {
  return { kind: 'file', item: clip(`${componentName}: ${fileName}`) };
}

function clip(s: string): string {
  return s.length <= 300 ? s : `${s.slice(0, 299)}…`;
}

/** Applicants opening their own dossier, and anyone not signed in as staff, are not logged. */
function logged(actor: Actor, applicantId: string | null): boolean {
  if (actor.role === 'citizen' || actor.role === 'business') return false;
  return applicantId === null || applicantId !== actor.id;
}

/**
 * Appends one row: who (name, role and unit as they are now, kept as text), when, what. One
 * INSERT … SELECT, outside any transaction of the caller (a read needs no transaction). It is
 * awaited: if it fails, the request fails, rather than serve an access the citizen cannot see.
 */
export async function recordDossierAccess(db: Db, actor: Actor, dossier: { id: string; applicantId: string | null }, opened: Opened): Promise<void> {
  if (!logged(actor, dossier.applicantId)) return;
  await sql`
    insert into dossier_access_log (dossier_id, account_id, account_name, role, unit_id, unit_name, kind, item)
    select ${dossier.id}::uuid, a.id, a.full_name, ${actor.role}, u.id, u.name, ${opened.kind}, ${clip(opened.item)}
    from accounts a left join units u on u.id = ${actor.unitId}::uuid
    where a.id = ${actor.id}::uuid`.execute(db);
}

/** A print of several dossiers at once (the day's receipts): one row per dossier, one INSERT. */
export async function recordPrint(db: Db, actor: Actor, codes: readonly string[], item: string): Promise<void> {
  if (codes.length === 0 || actor.role === 'citizen' || actor.role === 'business') return;
  await sql`
    insert into dossier_access_log (dossier_id, account_id, account_name, role, unit_id, unit_name, kind, item)
    select d.id, a.id, a.full_name, ${actor.role}, u.id, u.name, 'print', ${clip(item)}
    from dossiers d
    join accounts a on a.id = ${actor.id}::uuid
    left join units u on u.id = ${actor.unitId}::uuid
    where d.code in (${sql.join(codes.map((c) => sql`${c}`))}) and d.applicant_id is distinct from a.id`.execute(db);
}

export interface AccessEntry {
  at: Date;
  accountName: string;
  role: string;
  unitName: string | null;
  kind: AccessKind;
  item: string;
}

export interface AccessLogView {
  dossier: { code: string; procedureName: string; applicantName: string };
  entries: AccessEntry[];
  /** Read as the applicant (false: as an auditor). */
  own: boolean;
}

/** At most this many entries are shown, newest first. */
export const ACCESS_LOG_LIMIT = 500;

/**
 * A dossier's access log, newest first: for its applicant, and for auditors (the roles that may
 * read the audit log). Anyone else gets "not found", as for the dossier itself.
 */
export async function accessLogFor(db: Db, actor: Actor, code: string): Promise<AccessLogView> {
  const d = await db.selectFrom('dossiers').select(['id', 'code', 'procedureName', 'applicantName', 'applicantId']).where('code', '=', code).executeTakeFirst();
  const own = d !== undefined && d.applicantId !== null && d.applicantId === actor.id;
  if (!d || (!own && !allows(actor, 'audit.view'))) throw new DossierNotFound();
  const entries = await db
    .selectFrom('dossierAccessLog')
    .select(['at', 'accountName', 'role', 'unitName', 'kind', 'item'])
    .where('dossierId', '=', d.id)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(ACCESS_LOG_LIMIT)
    .execute();
  return { dossier: { code: d.code, procedureName: d.procedureName, applicantName: d.applicantName }, entries, own };
}
