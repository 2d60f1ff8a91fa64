import type { Db } from '../../platform/db/connect';
import type { AuditRow } from './pages';

export async function recentEntries(db: Db, limit: number): Promise<AuditRow[]> {
  return db
    .selectFrom('auditLog')
    .leftJoin('accounts', 'accounts.id', 'auditLog.actorId')
    .select([
      'auditLog.seq',
      'auditLog.at',
      'accounts.fullName as actorName',
      'auditLog.actorRole',
      'auditLog.action',
      'auditLog.entityType',
      'auditLog.entityId',
      'auditLog.fromState',
      'auditLog.toState',
      'auditLog.reason',
      'auditLog.ip',
    ])
    .orderBy('auditLog.seq', 'desc')
    .limit(limit)
    .execute();
}
