// npm run db:migrate | db:seed — the same steps main.ts runs at start, on their own.
import path from 'node:path';
import { blobStoreFor } from './platform/storage';
import { loadConfig } from './config';
import { openDatabase } from './platform/db/connect';
import { migrate } from './platform/db/migrate';

const command = process.argv[2];
const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: path.join(config.dataDir, 'db') });
try {
  const applied = await migrate(database.db);
  console.log(applied.length > 0 ? `Đã áp dụng: ${applied.join(', ')}` : 'Cơ sở dữ liệu đã ở phiên bản mới nhất.');
  if (command === 'seed') {
    const { seedDemo } = await import('../seed/demo');
    console.log((await seedDemo(database.db, { blobs: blobStoreFor(config) })) ? 'Đã nạp dữ liệu mẫu.' : 'Cơ sở dữ liệu đã có dữ liệu; không nạp lại dữ liệu mẫu.');
  } else if (command !== 'migrate') {
    console.error('Cách dùng: tsx src/cli.ts migrate|seed');
    process.exitCode = 2;
  }
} finally {
  await database.close();
}
