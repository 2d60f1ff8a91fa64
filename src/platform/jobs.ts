// Background jobs and the transactional outbox, on pg-boss in the application's own
// database. A job queued with queue(trx, …) is written by the caller's transaction: it
// exists exactly when the business change commits, so a crash can delay a side effect
// but never lose it or send it for a change that did not happen.
//
// PGlite is one connection shared under a lock (db/pglite-dialect.ts); pg-boss reaches
// it through Kysely so that its polling never runs inside somebody else's transaction.
import { CompiledQuery, type Transaction } from 'kysely';
import PgBoss from 'pg-boss';
import type { Db } from './db/connect';
import type { DB } from './db/schema';

export interface QueueOptions {
  /** Attempts after the first failure. */
  retryLimit?: number;
  /** Seconds before the first retry; doubled each time when backoff is on. */
  retryDelay?: number;
  retryBackoff?: boolean;
  /** Seconds a job may run before it counts as failed. */
  expireInSeconds?: number;
}

export interface Job<T> {
  id: string;
  data: T;
}

type Conn = Db | Transaction<DB>;

function executor(conn: Conn): PgBoss.Db {
  // raw rows: pg-boss reads its own snake_case columns, so the CamelCase plugin stays out
  const raw = conn.withoutPlugins();
  return {
    executeSql: async (text: string, values: unknown[]) => {
      const result = await raw.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: result.rows as unknown[] };
    },
  };
}

/**
 * Several processes starting together on a new database create the same queues at once, and
 * PostgreSQL may end one of them as a deadlock (each creates the queue's partition table). The
 * creation is idempotent (ON CONFLICT DO NOTHING), so the loser tries again and finds it made.
 */
async function retryOnDeadlock(work: () => Promise<void>, attempts = 5): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (err) {
      if ((err as { code?: string }).code !== '40P01' || i >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 50 * i + Math.random() * 100));
    }
  }
}

export class Jobs {
  private readonly boss: PgBoss;
  private readonly queues = new Map<string, QueueOptions>();
  private started = false;
  private readonly expireInSeconds: number;

  constructor(
    private readonly db: Db,
    opts: { connectionString?: string; schedule?: boolean; expireInSeconds?: number } = {},
  ) {
    this.expireInSeconds = opts.expireInSeconds ?? 300;
    // a job left active by a process that died is failed (and retried) by pg-boss's maintenance
    // once it expires: the maintenance runs at least as often as jobs expire
    const maintenance = { maintenanceIntervalSeconds: Math.min(120, this.expireInSeconds) };
    this.boss = opts.connectionString
      ? new PgBoss({ connectionString: opts.connectionString, schedule: opts.schedule ?? true, ...maintenance })
      : new PgBoss({ db: executor(db), schedule: opts.schedule ?? true, ...maintenance });
    this.boss.on('error', () => {
      /* reported per job; a lost poll is retried on the next interval */
    });
  }

  /** Declares a queue and its retry policy; call before start(). */
  define(name: string, opts: QueueOptions = {}): void {
    this.queues.set(name, opts);
  }

  async start(): Promise<void> {
    if (this.started) return;
    await this.boss.start();
    for (const [name, o] of this.queues) {
      const create = () =>
        this.boss.createQueue(name, {
          name,
          retryLimit: o.retryLimit ?? 8,
          retryDelay: o.retryDelay ?? 5,
          retryBackoff: o.retryBackoff ?? true,
          expireInSeconds: o.expireInSeconds ?? this.expireInSeconds,
        });
      await retryOnDeadlock(create);
    }
    this.started = true;
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  /** Writes a job in the caller's transaction (or on its own when given the database). */
  async queue<T extends object>(conn: Conn, name: string, data: T, opts: { singletonKey?: string; startAfter?: Date } = {}): Promise<string | null> {
    if (!this.queues.has(name)) throw new Error(`unknown queue ${name}`);
    return this.boss.send(name, data, { ...opts, db: executor(conn) });
  }

  /** Runs a handler for each job; a thrown error fails the attempt and pg-boss retries it. */
  async work<T>(name: string, handler: (job: Job<T>) => Promise<void>, opts: { pollingIntervalSeconds?: number } = {}): Promise<void> {
    // pg-boss waits the polling interval after every fetch, even one that found a job: with one
    // job a fetch that capped each queue at one job per interval (0.5 a second), so a backlog (a
    // rush, a restart) drained slowly. A job done wakes the worker for the next one at once.
    let workerId = '';
    workerId = await this.boss.work<T>(name, { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2, batchSize: 1 }, async ([job]) => {
      if (!job) return;
      await handler({ id: job.id, data: job.data });
      this.boss.notifyWorker(workerId);
    });
  }

  async state(name: string, id: string): Promise<string | undefined> {
    const job = await this.boss.getJobById(name, id, { includeArchive: true });
    return job?.state;
  }

  async schedule(name: string, cron: string, data: object = {}): Promise<void> {
    await this.boss.schedule(name, cron, data, { tz: 'Asia/Ho_Chi_Minh' });
  }
}
