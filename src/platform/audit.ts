// Append-only, hash-chained event log. Each entry's hash is SHA-256 over the previous
// hash and the entry's canonical content, so changing or deleting any row breaks every
// hash after it, which verifyAuditChain() detects.
import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Db } from './db/connect';
import type { DB } from './db/schema';

const LOCK_KEY = 4_217_002;
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditActor {
  id: string | null;
  role: string | null;
  unitId: string | null;
  ip?: string | null;
}

export interface AuditEntry {
  action: string;
  entityType?: string;
  entityId?: string;
  fromState?: string;
  toState?: string;
  reason?: string;
  detail?: Record<string, unknown>;
}

interface Hashed {
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  actorUnitId: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
}

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

export function entryHash(prevHash: string, entry: Hashed): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonical(entry)).digest('hex');
}

/** Records one event inside the caller's transaction; serialised so the chain stays linear. */
export async function recordAudit(trx: Transaction<DB>, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
  const last = await trx.selectFrom('auditLog').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const row: Hashed = {
    at: new Date(),
    actorId: actor.id,
    actorRole: actor.role,
    actorUnitId: actor.unitId,
    action: entry.action,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    fromState: entry.fromState ?? null,
    toState: entry.toState ?? null,
    reason: entry.reason ?? null,
    detail: entry.detail ?? {},
    ip: actor.ip ?? null,
  };
  await trx
    .insertInto('auditLog')
    .values({ ...row, detail: JSON.stringify(row.detail), prevHash, hash: entryHash(prevHash, row) })
    .execute();
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  /** The first entry whose link or content does not match, when the chain is broken. */
  brokenAt?: number;
  problem?: string;
}

export async function verifyAuditChain(db: Db): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('auditLog').selectAll().where('seq', '>', after).orderBy('seq').limit(1000).execute();
    if (rows.length === 0) return { ok: true, checked };
    for (const r of rows) {
      if (r.prevHash !== prevHash) return { ok: false, checked, brokenAt: r.seq, problem: 'liên kết với bản ghi trước bị thay đổi hoặc có bản ghi bị xóa' };
      const { seq: _seq, prevHash: _p, hash, ...content } = r;
      if (entryHash(prevHash, content as Hashed) !== hash) return { ok: false, checked, brokenAt: r.seq, problem: 'nội dung bản ghi bị thay đổi' };
      prevHash = hash;
      checked += 1;
      after = r.seq;
    }
  }
}
