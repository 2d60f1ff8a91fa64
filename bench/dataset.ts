// The large data set shared by the reports and officer-queue benchmarks: the seeded
// generator's year of dossiers (seed/dossier-history.ts), repeated with shifted codes by bulk
// SQL until `count` are loaded, a realistic mix at any size. A database already loaded is reused
// (only the timings run again): on PostgreSQL the one in DATABASE_URL; on PGlite the one in the
// db folder of BENCH_DATA_DIR, kept between runs (delete it to load again); without it, a
// temporary one.
// Loading 1M takes about 11 minutes on PostgreSQL and 35 on PGlite on 2 cores.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { type Config, loadConfig } from '../src/config';
import { type Database, openDatabase } from '../src/platform/db/connect';
import { migrate } from '../src/platform/db/migrate';
import { blobStoreFor } from '../src/platform/storage';
import { seedDemo } from '../seed/demo';
import { generateHistory, historyInput, insertHistory } from '../seed/dossier-history';

const BLOCK = 20_000;
export const pg = Boolean(process.env.DATABASE_URL);

export interface Dataset {
  config: Config;
  database: Database;
  db: Database['db'];
  total: number;
  /** What a server process needs to open the same data (after this one has closed it: PGlite has one owner). */
  serverEnv: Record<string, string>;
  /** The data directory is BENCH_DATA_DIR's, kept between runs. */
  kept: boolean;
  close(opts?: { keepDataDir?: boolean }): Promise<void>;
}

export async function openDataset(target: number, env: Record<string, string> = {}): Promise<Dataset> {
  const kept = !pg && process.env.BENCH_DATA_DIR ? path.resolve(process.env.BENCH_DATA_DIR) : undefined;
  if (kept) mkdirSync(kept, { recursive: true });
  const dataDir = kept ?? mkdtempSync(path.join(tmpdir(), 'motcua-bench-'));
  const config = loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: 'b'.repeat(40), LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT_PER_MINUTE: '10000', ...env, ...(pg ? { DATABASE_URL: process.env.DATABASE_URL! } : {}) });
  const database = await openDatabase({ url: config.databaseUrl, dataDir: path.join(dataDir, 'db') });
  const db = database.db;
  await migrate(db);
  await seedDemo(db, { blobs: blobStoreFor(config) });

  const CHILD_TABLES = ['dossier_events', 'dossier_handovers', 'dossier_files', 'dossier_documents'];
  const END = new Date('2026-01-01T00:00:00+07:00');
  const have = Number((await sql<{ n: string }>`select count(*) as n from dossiers`.execute(db)).rows[0]!.n);
  const t0 = Date.now();
  if (have === 0) {
    // one block from the generator (a year of 2025), then copies of it with codes suffixed by the copy number
    const { input, calendar } = await historyInput(db, { seed: 42, count: Math.min(BLOCK, target), end: END, days: 365, sampleSha256: 'a'.repeat(64) });
    const rows = generateHistory(input, calendar);
    await insertHistory(db, rows);
    const block = rows.dossiers.length;
    console.log(`Generated ${block.toLocaleString('vi-VN')} dossiers with ${rows.events.length.toLocaleString('vi-VN')} events in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    await sql`create table bench_block as select id from dossiers`.execute(db);
    // the copies carry the lead unit and the statistics facts (0011, 0017) of their originals:
    // the triggers that keep them would only repeat that, one row at a time
    for (const table of CHILD_TABLES) await sql`alter table ${sql.table(table)} disable trigger user`.execute(db);
    try {
      for (let copy = 1; block * (copy + 1) <= target; copy++) {
        await sql`
          create table bench_map as select id as old_id, gen_random_uuid() as new_id from bench_block
          `.execute(db);
        await sql`insert into dossiers (id, code, procedure_id, procedure_code, procedure_name, procedure_version, form_version, applicant_id, submitted_by, channel, state,
            receiving_unit_id, holder_unit_id, applicant_name, applicant_phone, applicant_email, data, time_limit, submitted_at, expected_due_at, received_at, due_at,
            supplement_count, pauses, outcome, decided_at, delivered_at, delivery, rating, original_due_at, late_count, lead_unit_id,
            has_files, has_result_document, has_received_event, has_decision_event, has_delivered_event, withdrawn_cancelled_at, late_step_due_at, reuse_possible)
          select m.new_id, d.code || '-' || ${copy}::text, d.procedure_id, d.procedure_code, d.procedure_name, d.procedure_version, d.form_version, d.applicant_id, d.submitted_by, d.channel, d.state,
            d.receiving_unit_id, d.holder_unit_id, d.applicant_name, d.applicant_phone, d.applicant_email, d.data, d.time_limit, d.submitted_at, d.expected_due_at, d.received_at, d.due_at,
            d.supplement_count, d.pauses, d.outcome, d.decided_at, d.delivered_at, d.delivery, d.rating, d.original_due_at, d.late_count, d.lead_unit_id,
            d.has_files, d.has_result_document, d.has_received_event, d.has_decision_event, d.has_delivered_event, d.withdrawn_cancelled_at, d.late_step_due_at, d.reuse_possible
          from dossiers d join bench_map m on m.old_id = d.id`.execute(db);
        await sql`insert into dossier_events (dossier_id, at, actor_id, actor_role, type, from_state, to_state, public_note, is_public, detail)
          select m.new_id, e.at, e.actor_id, e.actor_role, e.type, e.from_state, e.to_state, e.public_note, e.is_public, e.detail from dossier_events e join bench_map m on m.old_id = e.dossier_id`.execute(db);
        await sql`insert into dossier_handovers (dossier_id, step_key, step_name, unit_id, role, started_at, due_at, finished_at, finished_by, outcome)
          select m.new_id, h.step_key, h.step_name, h.unit_id, h.role, h.started_at, h.due_at, h.finished_at, h.finished_by, h.outcome from dossier_handovers h join bench_map m on m.old_id = h.dossier_id`.execute(db);
        await sql`insert into dossier_files (dossier_id, component_index, component_name, round, sha256, file_name, mime, size, pages)
          select m.new_id, f.component_index, f.component_name, f.round, f.sha256, f.file_name, f.mime, f.size, f.pages from dossier_files f join bench_map m on m.old_id = f.dossier_id`.execute(db);
        await sql`insert into dossier_documents (dossier_id, kind, sha256, file_name, created_at)
          select m.new_id, x.kind, x.sha256, x.file_name, x.created_at from dossier_documents x join bench_map m on m.old_id = x.dossier_id`.execute(db);
        await sql`drop table bench_map`.execute(db);
        process.stdout.write(`\rLoaded ${(block * (copy + 1)).toLocaleString('vi-VN')} dossiers…`);
      }
    } finally {
      for (const table of CHILD_TABLES) await sql`alter table ${sql.table(table)} enable trigger user`.execute(db);
    }
    await sql`drop table bench_block`.execute(db);
    console.log(` in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    for (const table of ['dossiers', 'dossier_events', 'dossier_handovers', 'dossier_files', 'dossier_documents']) await sql`analyze ${sql.table(table)}`.execute(db);
  }
  const total = Number((await sql<{ n: string }>`select count(*) as n from dossiers`.execute(db)).rows[0]!.n);
  return {
    config,
    database,
    db,
    total,
    kept: Boolean(kept),
    serverEnv: { DATA_DIR: dataDir, ...(pg ? { DATABASE_URL: process.env.DATABASE_URL! } : {}) },
    async close(opts = {}) {
      await database.close();
      if (!opts.keepDataDir && !kept) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
