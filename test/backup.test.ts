// Backup and restore round trip through the documented commands (npm run backup / restore, that
// is `tsx src/cli.ts backup|restore DIR`): the real server makes dossiers with files, the backup
// is taken (on PostgreSQL while the server is running and a citizen is submitting), restored into
// an empty database and storage, and every dossier, every table's rows and every file's SHA-256
// are compared; the restored system then starts and serves the dossiers.
// Runs on PostgreSQL when TEST_DATABASE_URL is set (CI), on embedded PGlite otherwise.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { verifyAuditChain } from '../src/platform/audit';
import type { BackupManifest } from '../src/platform/backup';
import { openDatabase, type Database } from '../src/platform/db/connect';
import { DiskBlobStore } from '../src/platform/storage';
import { startServer, type Server } from './e2e/helpers';
import { freshDatabase } from './helpers/app';
import { HttpClient } from './helpers/http-client';
import { submitBirthRegistration } from './helpers/submit-flow';

const ROOT = path.resolve(import.meta.dirname, '..');
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

interface Side {
  dataDir: string;
  url?: string;
  drop(): Promise<void>;
  env: Record<string, string>;
}

async function side(name: string): Promise<Side> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `motcua-backup-${name}-`));
  const server = onPostgres ? await freshDatabase() : undefined;
  // the databases are opened by the server and the commands, not by this process, until the checks
  if (server) await server.database.close();
  return {
    dataDir,
    url: server?.url,
    drop: async () => {
      if (server) await server.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    env: { DATA_DIR: dataDir, ...(server?.url ? { DATABASE_URL: server.url } : {}) },
  };
}

/** `tsx src/cli.ts …` as an operator runs it; resolves with its exit code and output. */
function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.once('exit', (code) => resolve({ code, out }));
  });
}

function open(s: Side): Promise<Database> {
  return s.url ? openDatabase({ url: s.url }) : openDatabase({ dataDir: path.join(s.dataDir, 'db') });
}

async function sha256Of(store: DiskBlobStore, key: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of await store.get(key)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function publicTables(db: Database['db']): Promise<string[]> {
  const r = await sql<{ t: string }>`select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  return r.rows.map((x) => x.t);
}

async function rowsOf(db: Database['db'], table: string): Promise<string[]> {
  // every row as its JSON text, sorted: two tables with the same rows give the same list
  const r = await sql<{ j: string }>`select row_to_json(x)::text as j from ${sql.table(table)} x`.execute(db);
  return r.rows.map((x) => x.j).sort();
}

let source: Side;
let target: Side;
let backupDir: string;
let server: Server | undefined;
const codes: string[] = [];

before(async () => {
  source = await side('source');
  target = await side('target');
  backupDir = path.join(mkdtempSync(path.join(tmpdir(), 'motcua-backup-out-')), 'sao-luu');
  server = await startServer({ ...source.env, LOGIN_RATE_LIMIT_PER_MINUTE: '10000' });
  const citizen = new HttpClient(server.url);
  await citizen.login('congdan');
  for (let i = 0; i < 3; i++) codes.push(await submitBirthRegistration(citizen));
  // the ward's desk receives the first: its Mẫu 01 receipt is a stored document too
  const desk = new HttpClient(server.url);
  await desk.login('motcuaxa');
  const page = await desk.get(`/mot-cua/ho-so/${codes[0]}`);
  const version = /name="version" value="(\d+)"/.exec(page.body)?.[1];
  assert.ok(version, 'the desk sees the dossier with its version');
  assert.equal((await desk.post(`/mot-cua/ho-so/${codes[0]}/thao-tac`, { _action: 'accept', version })).status, 303);
});

after(async () => {
  await server?.stop();
  await source?.drop();
  await target?.drop();
  if (backupDir) rmSync(path.dirname(backupDir), { recursive: true, force: true });
});

if (!onPostgres) {
  test('the embedded database is not backed up while the server has it open', async () => {
    const r = await cli(['backup', backupDir], source.env);
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /đang được mở .*hãy dừng máy chủ trước khi sao lưu/);
  });
}

test('a backup holds the database dump and every file the database names, each with its SHA-256 in the manifest', { timeout: 300_000 }, async () => {
  let r: { code: number | null; out: string };
  if (onPostgres) {
    // taken while the server runs and a citizen submits: the dump is one snapshot, and the files
    // copied after it include every file that snapshot names
    const citizen = new HttpClient(server!.url);
    await citizen.login('congdan');
    const busy = submitBirthRegistration(citizen).then((code) => codes.push(code));
    r = await cli(['backup', backupDir], source.env);
    await busy;
    await server!.stop();
    server = undefined;
  } else {
    await server!.stop();
    server = undefined;
    r = await cli(['backup', backupDir], source.env);
  }
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /Bản sao lưu hoàn chỉnh/);

  const manifest = JSON.parse(readFileSync(path.join(backupDir, 'manifest.json'), 'utf8')) as BackupManifest;
  assert.equal(manifest.database.kind, onPostgres ? 'postgres' : 'pglite');
  assert.deepEqual(manifest.missing, []);
  for (const f of [manifest.database, ...manifest.files]) {
    const bytes = readFileSync(path.join(backupDir, f.path));
    assert.equal(createHash('sha256').update(bytes).digest('hex'), f.sha256, f.path);
    assert.equal(bytes.length, f.size, f.path);
  }
  // the dossiers' files and the catalogue's templates, at least
  const db = await open(source);
  try {
    const dossierFiles = await db.db.selectFrom('dossierFiles').select('sha256').execute();
    const templates = await db.db.selectFrom('procedureTemplates').select('sha256').execute();
    const receipts = await db.db.selectFrom('dossierDocuments').select('sha256').where('kind', '=', 'mau01').execute();
    const inBackup = new Set(manifest.files.map((f) => f.sha256));
    assert.ok(dossierFiles.length >= 6 && templates.length > 0 && receipts.length === 1);
    assert.ok(inBackup.has(receipts[0]!.sha256), 'the receipt is in the backup');
    // on PostgreSQL the source may have gained the busy submission's rows after the snapshot; a
    // file it names may or may not be in the backup, but every one in the dump is (checked below)
    if (!onPostgres) for (const { sha256 } of [...dossierFiles, ...templates]) assert.ok(inBackup.has(sha256), sha256);
  } finally {
    await db.close();
  }
});

test('restore refuses a backup whose files changed, and writes nothing', async () => {
  const manifest = JSON.parse(readFileSync(path.join(backupDir, 'manifest.json'), 'utf8')) as BackupManifest;
  const victim = path.join(backupDir, manifest.files[0]!.path);
  const original = readFileSync(victim);
  const changed = Buffer.from(original);
  changed[changed.length - 1] = changed[changed.length - 1]! ^ 0xff;
  writeFileSync(victim, changed);
  try {
    const r = await cli(['restore', backupDir], target.env);
    assert.equal(r.code, 1, r.out);
    assert.ok(r.out.includes(`Tệp ${manifest.files[0]!.path} trong bản sao lưu đã bị thay đổi`), r.out);
  } finally {
    writeFileSync(victim, original);
  }
  // (opening an embedded database creates it: there, the directory must simply not exist)
  if (!onPostgres) return assert.ok(!existsSync(path.join(target.dataDir, 'db')), 'no embedded database was created');
  const db = await open(target);
  try {
    assert.deepEqual(await publicTables(db.db), [], 'the target database is still empty');
  } finally {
    await db.close();
  }
});

test('restoring into an empty database and storage gives back every dossier, every row and every file', { timeout: 300_000 }, async () => {
  const r = await cli(['restore', backupDir], target.env);
  assert.equal(r.code, 0, r.out);

  const manifest = JSON.parse(readFileSync(path.join(backupDir, 'manifest.json'), 'utf8')) as BackupManifest;
  const a = await open(source);
  const b = await open(target);
  try {
    const restoredCodes = (await b.db.selectFrom('dossiers').select('code').execute()).map((d) => d.code);
    for (const code of codes.slice(0, 3)) assert.ok(restoredCodes.includes(code), `${code} is restored`);

    const tables = await publicTables(a.db);
    assert.deepEqual(await publicTables(b.db), tables);
    // on PGlite the source is exactly the backup; on PostgreSQL it may have one dossier more
    // (the submission in flight), so there the restored rows are those of the backup's snapshot
    const late = onPostgres ? await a.db.selectFrom('dossiers').select('id').where('code', 'not in', restoredCodes).execute() : [];
    assert.ok(late.length <= 1);
    // (counters, notifications' delivery and sessions move on after it, so there only the
    // append-only records are compared row by row)
    for (const table of onPostgres ? ['dossiers', 'dossier_events', 'dossier_files', 'dossier_documents', 'audit_log'] : tables) {
      const want = await rowsOf(a.db, table);
      const got = await rowsOf(b.db, table);
      if (!onPostgres) assert.deepEqual(got, want, `every row of ${table}`);
      else {
        assert.ok(got.length <= want.length && got.length >= want.length - 20, `${table}: ${got.length} rows restored of ${want.length}`);
        for (const row of got) assert.ok(want.includes(row), `${table}: restored row ${row.slice(0, 200)} is in the source`);
      }
    }
    // every dossier whole: the same record, the same files, the same documents
    for (const code of restoredCodes) {
      const [x, y] = await Promise.all([a, b].map((d) => d.db.selectFrom('dossiers').selectAll().where('code', '=', code).executeTakeFirstOrThrow()));
      assert.deepEqual(y, x, code);
      const [fx, fy] = await Promise.all([a, b].map((d) => d.db.selectFrom('dossierFiles').selectAll().where('dossierId', '=', x!.id).orderBy('id').execute()));
      assert.deepEqual(fy, fx, `${code}'s files`);
    }
    // every file any row names is in the restored storage, with the bytes its name promises
    const restoredStore = new DiskBlobStore(path.join(target.dataDir, 'files'));
    const sourceStore = new DiskBlobStore(path.join(source.dataDir, 'files'));
    const named = await sql<{ sha256: string }>`
      select sha256 from dossier_files union select sha256 from dossier_documents union select sha256 from draft_files
      union select sha256 from procedure_templates union select sha256 from issued_documents`.execute(b.db);
    assert.ok(named.rows.length >= manifest.files.length);
    for (const { sha256 } of named.rows) {
      assert.equal(await sha256Of(restoredStore, sha256), sha256, `restored file ${sha256}`);
      assert.equal(await sha256Of(sourceStore, sha256), sha256);
    }
    const chain = await verifyAuditChain(b.db);
    assert.ok(chain.ok, JSON.stringify(chain));
  } finally {
    await a.close();
    await b.close();
  }
});

test('the restored system starts and serves the dossiers and their files', { timeout: 120_000 }, async () => {
  server = await startServer({ ...target.env, LOGIN_RATE_LIMIT_PER_MINUTE: '10000' });
  const citizen = new HttpClient(server.url);
  await citizen.login('congdan');
  for (const code of codes.slice(0, 3)) {
    const res = await citizen.get(`/api/v1/dossiers/${encodeURIComponent(code)}/status`);
    assert.equal(res.status, 200, code);
  }
  // and takes new work: a submission gets the next code, not one already used
  const fresh = await submitBirthRegistration(citizen);
  assert.ok(!codes.includes(fresh), fresh);
});

test('a backup is not restored over a database that already has data', async () => {
  await server?.stop();
  server = undefined;
  const r = await cli(['restore', backupDir], target.env);
  assert.equal(r.code, 1, r.out);
  assert.match(r.out, onPostgres ? /đã có bảng: chỉ khôi phục vào một cơ sở dữ liệu rỗng/ : /đã có dữ liệu: chỉ khôi phục vào một DATA_DIR mới/);
});
