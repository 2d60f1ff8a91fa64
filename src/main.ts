// Start: config → database → migrations → demo data (empty database, not production) → listen.
import { existsSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { buildApp, createJobs, startWorkers } from './app';
import { blobStoreFor } from './platform/storage';
import { ConfigError, loadConfig, type Config } from './config';
import { isConnectionLoss, openDatabase, type Database } from './platform/db/connect';
import { migrate } from './platform/db/migrate';
import { PUBLIC_DIR } from './platform/http';
import { purgeExpiredSessions } from './platform/http/session-store';
import { loggerOptions } from './platform/log';
import { cleanUpPartialUploads } from './modules/attachments';

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const log = pino(loggerOptions(config) as pino.LoggerOptions);

  if (!existsSync(path.join(PUBLIC_DIR, 'build/app.css'))) {
    const { buildCss } = await import('../scripts/build-css');
    await buildCss();
  }
  const { buildJs, bundlesMissing } = await import('../scripts/build-js');
  if (bundlesMissing()) await buildJs();

  let database: Database;
  try {
    database = await openDatabase({ url: config.databaseUrl, dataDir: path.join(config.dataDir, 'db') });
  } catch (err) {
    log.fatal(
      { err: { message: (err as Error).message, code: (err as { code?: string }).code } },
      config.databaseUrl
        ? 'Không kết nối được cơ sở dữ liệu PostgreSQL (DATABASE_URL). Kiểm tra máy chủ đang chạy, địa chỉ, tài khoản và mật khẩu.'
        : `Không mở được cơ sở dữ liệu nhúng trong ${config.dataDir}/db.`,
    );
    process.exit(1);
  }
  log.info({ database: database.kind, location: database.location }, 'database open');

  const applied = await migrate(database.db);
  if (applied.length > 0) log.info({ applied }, 'migrations applied');

  if (config.demoData) {
    const { seedDemo } = await import('../seed/demo');
    if (await seedDemo(database.db, { blobs: blobStoreFor(config), history: config.demoHistory })) log.info('demo data loaded (accounts: congdan, doanhnghiep, motcua, chuyenvien, lanhdao, quantri, kiemtra / demo1234)');
  }

  // pg-boss (10.x) marks a finished job completed or failed without awaiting the query: with
  // PostgreSQL away (a restart, a failover) that rejection is unhandled and would end the process.
  // The job then stays active, expires and runs again (handlers are idempotent); anything else
  // unhandled still ends the process, as Node does by default.
  process.on('unhandledRejection', (err) => {
    if (isConnectionLoss(err)) {
      log.warn({ err }, 'database connection lost under a background job; the job will run again');
      return;
    }
    log.fatal({ err }, 'unhandled rejection');
    process.exit(1);
  });
  const jobs = createJobs(config, database.db);
  await jobs.start();
  await startWorkers(config, database.db, jobs, (obj, msg) => log.info(obj, msg));
  const app = await buildApp({ config, db: database.db, jobs });
  // hourly housekeeping: expired sessions, and partial uploads abandoned for a day
  const purge = setInterval(() => {
    purgeExpiredSessions(database.db).catch((err: unknown) => log.warn({ err }, 'session purge failed'));
    cleanUpPartialUploads(config.dataDir).then(
      (removed) => removed > 0 && log.info({ removed }, 'abandoned partial uploads deleted'),
      (err: unknown) => log.warn({ err }, 'partial upload clean-up failed'),
    );
  }, 3600_000);
  purge.unref();

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down: finishing requests in flight');
    clearInterval(purge);
    const force = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    await app.close();
    await jobs.stop();
    await database.close();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ host: config.host, port: config.port });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
