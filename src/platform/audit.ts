// Append-only, hash-chained event log. Each entry's hash is SHA-256 over the previous
// hash and the entry's canonical content, so changing a row, or deleting one that has a
// successor, breaks the chain, which verifyAuditChain() detects.
//
// What the table alone cannot show: deleting the newest entries (the tail leaves a shorter
// chain that is still whole), and a rewrite by someone who deletes or changes rows and then
// recomputes every later hash (there is no secret in the hash). Both need the head of the
// chain kept outside the database: `npm run audit:verify` prints it to record elsewhere.
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
  /** A staff member acting for an organisation account: recorded with the entry (0021). */
  agent?: { id: string } | undefined;
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
    detail: actor.agent ? { ...entry.detail, agentId: actor.agent.id } : (entry.detail ?? {}),
    ip: actor.ip ?? null,
  };
  await trx
    .insertInto('auditLog')
    .values({ ...row, detail: JSON.stringify(row.detail), prevHash, hash: entryHash(prevHash, row) })
    .execute();
}

/** What is wrong at the first broken entry: its content, its link to the entry before, or entries missing before it. */
export type ChainIssue = 'content' | 'link' | 'missing';

export interface ChainReport {
  ok: boolean;
  /** Entries found whole, in order, before the first broken one (all of them when ok). */
  checked: number;
  /** The seq of the first entry whose link or content does not match, when the chain is broken. */
  brokenAt?: number;
  issue?: ChainIssue;
  /** The problem in Vietnamese, for pages and the command line. */
  problem?: string;
}

function broken(checked: number, seq: number, issue: ChainIssue, problem: string): ChainReport {
  return { ok: false, checked, brokenAt: seq, issue, problem };
}

/** The seq numbers between two entries, as text: "5" or "5–7". */
function seqRange(from: number, to: number): string {
  return from === to ? `${from}` : `${from}–${to}`;
}

/**
 * Walks the chain in seq order. A gap in seq is not a break by itself: an identity value is
 * used up by a transaction that wrote an entry and then rolled back (and PostgreSQL skips a few
 * after a crash), and then the next entry still links to the last committed one. A gap with a
 * broken link is what a deletion leaves, and is reported as the missing entries.
 */
export async function verifyAuditChain(db: Db): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('auditLog').selectAll().where('seq', '>', after).orderBy('seq').limit(1000).execute();
    if (rows.length === 0) return { ok: true, checked };
    for (const r of rows) {
      if (r.prevHash !== prevHash) {
        const before = after === 0 ? 'gốc của chuỗi' : `bản ghi số ${after}`;
        if (r.seq > after + 1) {
          return broken(checked, r.seq, 'missing', `thiếu bản ghi số ${seqRange(after + 1, r.seq - 1)} (đã bị xóa): bản ghi số ${r.seq} không còn nối với ${before}`);
        }
        const suspect = after === 0 ? 'liên kết của bản ghi này' : `liên kết của bản ghi này hoặc mã băm của bản ghi số ${after}`;
        return broken(checked, r.seq, 'link', `liên kết băm không khớp với ${before}: ${suspect} đã bị sửa`);
      }
      const { seq: _seq, prevHash: _p, hash, ...content } = r;
      if (entryHash(prevHash, content as Hashed) !== hash) return broken(checked, r.seq, 'content', 'nội dung bản ghi (hoặc mã băm của nó) bị thay đổi');
      prevHash = hash;
      checked += 1;
      after = r.seq;
    }
  }
}

/** The newest entry's seq and hash: the head of the chain, to keep outside the database. */
export async function auditHead(db: Db): Promise<{ seq: number; hash: string } | undefined> {
  return db.selectFrom('auditLog').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}
