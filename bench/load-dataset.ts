// Loads the large data set of bench/dataset.ts and stops: the slow part, done once, before the
// reports and officer-queue benchmarks time anything on it.
//   BENCH_DATA_DIR=/var/tmp/motcua-1m DOSSIERS=1000000 npx tsx bench/load-dataset.ts        (PGlite)
//   DATABASE_URL=postgres://…/motcua_bench_reports DOSSIERS=1000000 npx tsx bench/load-dataset.ts
import { openDataset } from './dataset';

const dataset = await openDataset(Number(process.env.DOSSIERS ?? 1_000_000));
console.log(`${dataset.database.kind}: ${dataset.total.toLocaleString('vi-VN')} dossiers`);
await dataset.close();
