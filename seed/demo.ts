// Demo data for a fresh database: the organisation of the demo province and one account
// per role (password demo1234). Loaded by `npm start` on an empty database unless
// NODE_ENV=production; `npm run db:seed` loads it explicitly.
import type { Db } from '../src/platform/db/connect';
import { hashPassword, insertAccount } from '../src/modules/accounts';
import { findUnitByCode, insertSuccessions, insertUnits } from '../src/modules/org';
import type { Role } from '../src/platform/db/schema';
import { seedArticles } from './articles';
import { demoSuccessions, demoUnits } from './org';
import type { BlobStore } from '../src/platform/storage';
import { seedCatalogue } from './catalogue';
import { seedForms } from './forms';
import { seedWorkflows } from './workflows';

export const DEMO_PASSWORD = 'demo1234';

export const demoAccounts: { username: string; fullName: string; role: Role; unitCode?: string; phone?: string; email?: string }[] = [
  { username: 'congdan', fullName: 'Nguyễn Văn An', role: 'citizen', phone: '0912345678', email: 'congdan@vidu.vn' },
  { username: 'doanhnghiep', fullName: 'Công ty TNHH Hoa Sen Lạng Sơn', role: 'business', phone: '0205381999', email: 'doanhnghiep@vidu.vn' },
  { username: 'motcua', fullName: 'Hoàng Thị Lan', role: 'counter', unitCode: 'ttpvhcc' },
  { username: 'motcuaxa', fullName: 'Vi Văn Tùng', role: 'counter', unitCode: 'p-luong-van-tri' },
  { username: 'tuphapxa', fullName: 'Hoàng Văn Bình', role: 'specialist', unitCode: 'p-luong-van-tri' },
  { username: 'chutichxa', fullName: 'Lộc Thị Hoa', role: 'leader', unitCode: 'p-luong-van-tri', phone: '0912000111', email: 'chutichxa@vidu.vn' },
  { username: 'conganxa', fullName: 'Triệu Văn Hùng', role: 'specialist', unitCode: 'ca-p-luong-van-tri' },
  { username: 'chuyenvien', fullName: 'Lương Văn Minh', role: 'specialist', unitCode: 'so-tu-phap' },
  { username: 'lanhdao', fullName: 'Vi Thị Hạnh', role: 'leader', unitCode: 'so-tu-phap', phone: '0912000222', email: 'lanhdao@vidu.vn' },
  { username: 'quantri', fullName: 'Nông Văn Đức', role: 'admin', unitCode: 'vp-ubnd' },
  { username: 'kiemtra', fullName: 'Lý Thị Mai', role: 'auditor', unitCode: 'vp-ubnd' },
  // the ward's administrator (after quantri, so the province's stays the first admin): fills in
  // the ward's list of the yearly review (/quan-tri/ra-soat)
  { username: 'quantrixa', fullName: 'Hoàng Văn Toàn', role: 'admin', unitCode: 'p-luong-van-tri' },
];

export async function isEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('units').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/** Loads the demo data in one transaction; does nothing when the database already has units. */
export async function seedDemo(db: Db, opts: { blobs?: BlobStore; /** a year of generated dossiers for the statistics (npm start only, never the tests) */ history?: boolean } = {}): Promise<boolean> {
  let loaded = false;
  if (await isEmpty(db)) {
    await seedOrgAndAccounts(db);
    loaded = true;
  }
  // each part loads when its tables are empty, so an interrupted first start completes on the next
  if (!(await db.selectFrom('procedures').select('id').limit(1).executeTakeFirst())) {
    await seedCatalogue(db, opts.blobs);
    loaded = true;
  }
  // after the catalogue, so that the articles' links to procedures find their codes
  if (!(await db.selectFrom('articles').select('id').limit(1).executeTakeFirst())) {
    await db.transaction().execute((trx) => seedArticles(trx));
    loaded = true;
  }
  // after the catalogue: every procedure that is online gets its form
  if (!(await db.selectFrom('formDefinitions').select('id').limit(1).executeTakeFirst())) {
    await db.transaction().execute((trx) => seedForms(trx));
    loaded = true;
  }
  if (!(await db.selectFrom('workflows').select('version').limit(1).executeTakeFirst())) {
    await db.transaction().execute((trx) => seedWorkflows(trx));
    loaded = true;
  }
  if (opts.history) {
    const { seedHistory } = await import('./dossier-history');
    if ((await seedHistory(db, { blobs: opts.blobs })) > 0) loaded = true;
  }
  return loaded;
}

async function seedOrgAndAccounts(db: Db): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    await insertUnits(trx, demoUnits);
    await insertSuccessions(trx, demoSuccessions);
    for (const a of demoAccounts) {
      const unit = a.unitCode ? await findUnitByCode({ db: trx }, a.unitCode) : undefined;
      await insertAccount(trx, {
        username: a.username,
        fullName: a.fullName,
        role: a.role,
        unitId: unit?.id ?? null,
        phone: a.phone ?? null,
        email: a.email ?? null,
        passwordHash,
      });
    }
  });
}
