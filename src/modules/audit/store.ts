import type { Db } from '../../platform/db/connect';
import type { AuditRow } from './pages';

/** What the auditor filters by; every part is optional and they combine with AND. */
export interface AuditFilter {
  /** A dossier code or another entity's id, matched exactly. */
  entityId?: string | undefined;
  action?: string | undefined;
  actorUsername?: string | undefined;
  /** From this moment (inclusive) … */
  from?: Date | undefined;
  /** … to this moment (exclusive). */
  to?: Date | undefined;
}

/** Entries matching the filter, newest first. */
export async function findEntries(db: Db, filter: AuditFilter, page: { limit: number; offset: number }): Promise<AuditRow[]> {
  let query = db
    .selectFrom('auditLog')
    .leftJoin('accounts', 'accounts.id', 'auditLog.actorId')
    .select([
      'auditLog.seq',
      'auditLog.at',
      'accounts.fullName as actorName',
      'accounts.username as actorUsername',
      'auditLog.actorRole',
      'auditLog.action',
      'auditLog.entityType',
      'auditLog.entityId',
      'auditLog.fromState',
      'auditLog.toState',
      'auditLog.reason',
      'auditLog.ip',
    ]);
  if (filter.entityId) query = query.where('auditLog.entityId', '=', filter.entityId);
  if (filter.action) query = query.where('auditLog.action', '=', filter.action);
  if (filter.actorUsername) query = query.where('accounts.username', '=', filter.actorUsername);
  if (filter.from) query = query.where('auditLog.at', '>=', filter.from);
  if (filter.to) query = query.where('auditLog.at', '<', filter.to);
  return query.orderBy('auditLog.seq', 'desc').limit(page.limit).offset(page.offset).execute();
}

/** The actions that occur in the log, for the filter's list. */
export async function actionsInLog(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('auditLog').select('action').distinct().orderBy('action').execute();
  return rows.map((r) => r.action);
}
