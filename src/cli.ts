// npm run db:migrate | db:seed — the same steps main.ts runs at start, on their own.
// npm run audit:verify — checks the audit log's hash chain; exit 0 when whole, 2 when broken.
// npm run backup -- DIR | npm run restore -- DIR — the database and its files together (platform/backup.ts).
import path from 'node:path';
import { blobStoreFor } from './platform/storage';
import { loadConfig, type Config } from './config';
import { auditHead, verifyAuditChain } from './platform/audit';
import { openDatabase, type Db } from './platform/db/connect';
import { migrate } from './platform/db/migrate';

const EXIT_BROKEN = 2;

async function migrateAndSeed(db: Db, config: Config, seed: boolean): Promise<void> {
  const applied = await migrate(db);
  console.log(applied.length > 0 ? `Đã áp dụng: ${applied.join(', ')}` : 'Cơ sở dữ liệu đã ở phiên bản mới nhất.');
  if (!seed) return;
  const { seedDemo } = await import('../seed/demo');
  console.log((await seedDemo(db, { blobs: blobStoreFor(config) })) ? 'Đã nạp dữ liệu mẫu.' : 'Cơ sở dữ liệu đã có dữ liệu; không nạp lại dữ liệu mẫu.');
}

/** Read only: no migrations, so checking a copy of a production database changes nothing in it. */
async function verifyAudit(db: Db): Promise<number> {
  const report = await verifyAuditChain(db);
  if (!report.ok) {
    console.log(`Đã kiểm tra ${report.checked} bản ghi nhật ký còn nguyên vẹn trước chỗ hỏng.`);
    console.error(`Nhật ký KHÔNG toàn vẹn: bản ghi số ${report.brokenAt} — ${report.problem}.`);
    return EXIT_BROKEN;
  }
  console.log(`Đã kiểm tra ${report.checked} bản ghi nhật ký.`);
  console.log('Nhật ký toàn vẹn.');
  const head = await auditHead(db);
  if (head) {
    // the table cannot show that its newest entries were deleted; a head kept elsewhere can
    console.log(`Bản ghi cuối: số ${head.seq}, mã băm ${head.hash}.`);
    console.log('Hãy lưu dòng trên ở nơi khác: nếu lần kiểm tra sau không còn bản ghi số này với đúng mã băm này, các bản ghi cuối đã bị xóa.');
  }
  return 0;
}

const command = process.argv[2];
if (command === 'backup' || command === 'restore') {
  const { BackupError, backup, restore } = await import('./platform/backup');
  const dir = process.argv[3];
  if (!dir) {
    console.error(`Cách dùng: tsx src/cli.ts ${command} THƯ-MỤC-SAO-LƯU`);
    process.exit(2);
  }
  try {
    const manifest = await (command === 'backup' ? backup : restore)(loadConfig(), dir, (line) => console.log(line));
    // a backup of a system already missing files is kept, but the exit code says so
    if (command === 'backup' && manifest.missing.length > 0) process.exit(3);
    process.exit(0);
  } catch (err) {
    if (!(err instanceof BackupError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}
// tsx src/cli.ts reorganise [FILE] [--apply] — the reorganisation tool (modules/reorganisation): a dry run
// of a mapping (the demo province's seed/reorganisation-2025.json by default), applied with --apply.
if (command === 'reorganise') {
  const { runReorganisationCommand } = await import('./modules/reorganisation/cli');
  const cfg = loadConfig();
  const db = await openDatabase({ url: cfg.databaseUrl, dataDir: path.join(cfg.dataDir, 'db') });
  try {
    process.exitCode = await runReorganisationCommand(db.db, process.argv.slice(3), (line) => console.log(line));
  } finally {
    await db.close();
  }
  process.exit();
}
if (command !== 'migrate' && command !== 'seed' && command !== 'verify-audit') {
  console.error('Cách dùng: tsx src/cli.ts migrate|seed|verify-audit|backup THƯ-MỤC|restore THƯ-MỤC');
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: path.join(config.dataDir, 'db') });
try {
  if (command === 'verify-audit') process.exitCode = await verifyAudit(database.db);
  else await migrateAndSeed(database.db, config, command === 'seed');
} finally {
  await database.close();
}
