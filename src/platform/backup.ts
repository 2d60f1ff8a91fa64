// Backup and restore of the database and the files together (npm run backup / npm run restore).
//
// A backup is a directory: the database (PostgreSQL: pg_dump's custom format, taken in an
// exported snapshot; PGlite: its own data-directory dump), the content-addressed files the
// database refers to (copied after the dump, so every file the dump names is there), and
// manifest.json with the SHA-256 and size of every file, written last: a directory without a
// manifest is an unfinished backup. Files are found by convention: every column named `sha256`
// in the public schema holds the key of a blob in the BlobStore (dossier files, issued
// documents, templates…), so tables added later are covered without touching this file.
//
// Restore checks every hash in the manifest before it writes anything, then puts the files in
// the configured storage (content-addressed: a file already there is the same file) and loads
// the database into an empty one (refusing a database that already has tables).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import pg from 'pg';
import type { Config } from '../config';
import { type BlobStore, blobStoreFor } from './storage';
import { spool } from './storage/spool';

export const MANIFEST = 'manifest.json';
const PG_DUMP_FILE = 'database.pgdump';
const PGLITE_DUMP_FILE = 'database.tar.gz';

export interface ManifestFile {
  /** Relative to the backup directory, with forward slashes. */
  path: string;
  sha256: string;
  size: number;
}

export interface BackupManifest {
  format: 'motcua-backup';
  version: 1;
  createdAt: string;
  database: ManifestFile & { kind: 'postgres' | 'pglite'; lastMigration: string | null };
  /** The blobs the database refers to, each under files/ab/cd/<sha256>. */
  files: ManifestFile[];
  /** Keys the database names that the storage did not have (a live system already missing them). */
  missing: string[];
}

export class BackupError extends Error {
  override name = 'BackupError';
}

type Query = (text: string) => Promise<Record<string, unknown>[]>;
type Log = (line: string) => void;

/** Writes a backup into `outDir` (absent or empty). Returns the manifest. */
export async function backup(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'storage'>, outDir: string, log: Log = () => {}): Promise<BackupManifest> {
  const out = path.resolve(outDir);
  if (existsSync(out) && (await readdir(out)).length > 0) throw new BackupError(`Thư mục sao lưu ${out} đã có nội dung: hãy chọn một thư mục mới hoặc rỗng.`);
  await mkdir(out, { recursive: true });

  const { kind, file, keys, lastMigration } = config.databaseUrl ? await dumpPostgres(config.databaseUrl, out) : await dumpPGlite(path.join(config.dataDir, 'db'), out);
  log(`Đã sao lưu cơ sở dữ liệu (${kind}) vào ${file}; cơ sở dữ liệu tham chiếu ${keys.length} tệp.`);

  // after the dump: a file the dump names was stored before its row committed, so it is here now
  const blobs = blobStoreFor(config);
  const files: ManifestFile[] = [];
  const missing: string[] = [];
  for (const key of keys) {
    const copied = await copyBlobOut(blobs, key, out);
    if (copied) files.push(copied);
    else missing.push(key);
  }
  await rm(path.join(out, 'files', 'tmp'), { recursive: true, force: true });
  if (missing.length > 0) log(`CẢNH BÁO: kho tệp không có ${missing.length} tệp mà cơ sở dữ liệu tham chiếu (ghi trong manifest.json, mục missing).`);

  const manifest: BackupManifest = {
    format: 'motcua-backup',
    version: 1,
    createdAt: new Date().toISOString(),
    database: { kind, lastMigration, ...(await describe(out, file)) },
    files,
    missing,
  };
  // the manifest last, renamed into place: its presence marks a finished backup
  await writeFile(path.join(out, `${MANIFEST}.tmp`), JSON.stringify(manifest, null, 2) + '\n');
  await rename(path.join(out, `${MANIFEST}.tmp`), path.join(out, MANIFEST));
  log(`Đã sao lưu ${files.length} tệp. Bản sao lưu hoàn chỉnh: ${out}`);
  return manifest;
}

/** Restores a backup into the configured (empty) database and storage. */
export async function restore(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'storage'>, fromDir: string, log: Log = () => {}): Promise<BackupManifest> {
  const from = path.resolve(fromDir);
  const manifest = await readManifest(from);
  const wanted = config.databaseUrl ? 'postgres' : 'pglite';
  if (manifest.database.kind !== wanted) {
    throw new BackupError(
      `Bản sao lưu là của cơ sở dữ liệu ${manifest.database.kind === 'postgres' ? 'PostgreSQL' : 'nhúng (PGlite)'}, còn cấu hình hiện tại dùng ${wanted === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : 'cơ sở dữ liệu nhúng (không đặt DATABASE_URL)'}: không khôi phục chéo được.`,
    );
  }
  // every byte checked before anything is written
  for (const f of [manifest.database, ...manifest.files]) await verifyFile(from, f);
  log(`Đã kiểm tra mã SHA-256 của ${manifest.files.length + 1} tệp trong bản sao lưu.`);

  if (config.databaseUrl) await assertEmptyPostgres(config.databaseUrl);
  else await assertEmptyDir(path.join(config.dataDir, 'db'));

  // files first: once the database exists, every file it names is already in the storage
  const blobs = blobStoreFor(config);
  for (const f of manifest.files) {
    const stored = await blobs.put(createReadStream(path.join(from, f.path)));
    if (stored.sha256 !== f.sha256) throw new BackupError(`Tệp ${f.path} đổi nội dung trong khi khôi phục.`);
  }
  log(`Đã khôi phục ${manifest.files.length} tệp vào kho tệp.`);

  const dumpFile = path.join(from, manifest.database.path);
  if (config.databaseUrl) await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', dumpFile], config.databaseUrl);
  else await loadPGlite(path.join(config.dataDir, 'db'), dumpFile);
  log(`Đã khôi phục cơ sở dữ liệu (${manifest.database.kind}, bản sao lưu lúc ${manifest.createdAt}).`);
  return manifest;
}

/** Reads and checks the manifest of a backup directory. */
export async function readManifest(dir: string): Promise<BackupManifest> {
  const file = path.join(dir, MANIFEST);
  if (!existsSync(file)) throw new BackupError(`Không có ${MANIFEST} trong ${dir}: đây không phải một bản sao lưu hoàn chỉnh.`);
  const manifest = JSON.parse(await readFile(file, 'utf8')) as BackupManifest;
  if (manifest.format !== 'motcua-backup' || manifest.version !== 1) throw new BackupError(`${file} không phải tệp mô tả bản sao lưu của hệ thống này (phiên bản 1).`);
  // only the names a backup writes: an edited manifest cannot make restore read outside the directory
  const dbFile = manifest.database.kind === 'postgres' ? PG_DUMP_FILE : PGLITE_DUMP_FILE;
  const bad = [manifest.database.path !== dbFile ? manifest.database.path : undefined, ...manifest.files.map((f) => (f.path === `files/${f.sha256.slice(0, 2)}/${f.sha256.slice(2, 4)}/${f.sha256}` && /^[0-9a-f]{64}$/.test(f.sha256) ? undefined : f.path))].find((p) => p !== undefined);
  if (bad !== undefined) throw new BackupError(`${file} ghi một tệp không hợp lệ: ${bad}.`);
  return manifest;
}

/** Every file in the manifest is present with its size and SHA-256; throws naming the first that is not. */
export async function verifyFile(dir: string, f: ManifestFile): Promise<void> {
  const p = path.join(dir, f.path);
  if (!existsSync(p)) throw new BackupError(`Bản sao lưu thiếu tệp ${f.path}.`);
  const actual = await describe(dir, f.path);
  if (actual.size !== f.size || actual.sha256 !== f.sha256) throw new BackupError(`Tệp ${f.path} trong bản sao lưu đã bị thay đổi (mã SHA-256 không khớp với manifest.json).`);
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: pg_dump in a snapshot exported by our own transaction, which reads the file keys
// of exactly the same snapshot
// ---------------------------------------------------------------------------------------------

async function dumpPostgres(url: string, out: string): Promise<{ kind: 'postgres'; file: string; keys: string[]; lastMigration: string | null }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]!.id;
    // pg_dump imports the snapshot at its start; our transaction stays open until it is done
    await run('pg_dump', ['--format=custom', `--snapshot=${snapshot}`, `--file=${path.join(out, PG_DUMP_FILE)}`], url);
    const query: Query = async (text) => (await client.query(text)).rows as Record<string, unknown>[];
    const keys = await referencedKeys(query);
    const lastMigration = await latestMigration(query);
    await client.query('commit');
    return { kind: 'postgres', file: PG_DUMP_FILE, keys, lastMigration };
  } finally {
    await client.end();
  }
}

async function assertEmptyPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      "select count(*)::int as n from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')",
    );
    if (rows[0]!.n > 0) throw new BackupError('Cơ sở dữ liệu đích (DATABASE_URL) đã có bảng: chỉ khôi phục vào một cơ sở dữ liệu rỗng (createdb tên-mới).');
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// PGlite: one process at a time may open its directory, so the server must be stopped
// ---------------------------------------------------------------------------------------------

async function openPGlite(dir: string, loadDataDir?: Blob): Promise<PGlite> {
  return PGlite.create({ dataDir: dir, extensions: { unaccent, pg_trgm }, ...(loadDataDir ? { loadDataDir } : {}) });
}

async function dumpPGlite(dir: string, out: string): Promise<{ kind: 'pglite'; file: string; keys: string[]; lastMigration: string | null }> {
  if (!existsSync(path.join(dir, 'PG_VERSION'))) throw new BackupError(`Không có cơ sở dữ liệu nhúng trong ${dir} (DATA_DIR/db).`);
  // PGlite writes postmaster.pid while open and removes it on a clean close
  if (existsSync(path.join(dir, 'postmaster.pid'))) {
    throw new BackupError(
      `Cơ sở dữ liệu nhúng trong ${dir} đang được mở (có tệp postmaster.pid): hãy dừng máy chủ trước khi sao lưu. Nếu máy chủ đã dừng bất thường, khởi động rồi dừng nó một lần để đóng cơ sở dữ liệu đúng cách.`,
    );
  }
  const pglite = await openPGlite(dir);
  try {
    const dump = await pglite.dumpDataDir('gzip');
    await writeFile(path.join(out, PGLITE_DUMP_FILE), Buffer.from(await dump.arrayBuffer()));
    const query: Query = async (text) => (await pglite.query<Record<string, unknown>>(text)).rows;
    return { kind: 'pglite', file: PGLITE_DUMP_FILE, keys: await referencedKeys(query), lastMigration: await latestMigration(query) };
  } finally {
    await pglite.close();
  }
}

async function loadPGlite(dir: string, dumpFile: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const pglite = await openPGlite(dir, new Blob([await readFile(dumpFile)]));
  await pglite.close();
}

async function assertEmptyDir(dir: string): Promise<void> {
  if (existsSync(dir) && (await readdir(dir)).length > 0) throw new BackupError(`Thư mục cơ sở dữ liệu nhúng ${dir} đã có dữ liệu: chỉ khôi phục vào một DATA_DIR mới.`);
}

// ---------------------------------------------------------------------------------------------
// Both
// ---------------------------------------------------------------------------------------------

/** Every blob key in the database: the values of each public column named sha256. */
async function referencedKeys(query: Query): Promise<string[]> {
  const tables = await query("select table_name from information_schema.columns where table_schema = 'public' and column_name = 'sha256' order by table_name");
  const keys = new Set<string>();
  for (const { table_name: table } of tables) {
    const rows = await query(`select distinct sha256 from public."${String(table).replaceAll('"', '""')}" where sha256 is not null`);
    for (const r of rows) keys.add(String(r.sha256));
  }
  return [...keys].sort();
}

async function latestMigration(query: Query): Promise<string | null> {
  const rows = await query("select max(name) as name from schema_migrations");
  return (rows[0]?.name as string | null | undefined) ?? null;
}

/** Copies one blob to out/files/ab/cd/<key>, checking its hash; undefined when the storage has none. */
async function copyBlobOut(blobs: BlobStore, key: string, out: string): Promise<ManifestFile | undefined> {
  if (!(await blobs.has(key))) return undefined;
  const rel = `files/${key.slice(0, 2)}/${key.slice(2, 4)}/${key}`;
  const spooled = await spool(await blobs.get(key), path.join(out, 'files', 'tmp'));
  if (spooled.sha256 !== key) {
    await rm(spooled.path, { force: true });
    throw new BackupError(`Tệp ${key} trong kho tệp bị hỏng: nội dung không khớp mã SHA-256 của nó.`);
  }
  await mkdir(path.dirname(path.join(out, rel)), { recursive: true });
  await rename(spooled.path, path.join(out, rel));
  return { path: rel, sha256: key, size: spooled.size };
}

async function describe(dir: string, rel: string): Promise<ManifestFile> {
  const p = path.join(dir, rel);
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(p)) hash.update(chunk as Buffer);
  return { path: rel, sha256: hash.digest('hex'), size: (await stat(p)).size };
}

/**
 * Runs a PostgreSQL client tool on the database at `url`; rejects with its error output when it
 * fails. The password goes in the environment, not on the command line that `ps` shows.
 */
function run(command: string, args: string[], url: string): Promise<void> {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args, `--dbname=${u.toString()}`], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', (e) => reject(new BackupError(`Không chạy được ${command} (cần gói postgresql-client cùng phiên bản với máy chủ): ${e.message}`)));
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new BackupError(`${command} kết thúc với mã ${code}: ${err.trim()}`))));
  });
}
