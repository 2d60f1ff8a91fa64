// The command line of the reorganisation tool (src/cli.ts reorganise [FILE] [--apply]): the same
// dry run and apply as the administrators' page, as the system, with the counts and lists printed.
import { readFileSync } from 'node:fs';
import type { Db } from '../../platform/db/connect';
import { ValidationError } from '../../platform/errors';
import { formatDate, formatDateTime } from '../../platform/format';
import { SYSTEM_ACTOR } from '../catalogue';
import { COUNT_LABELS, type PlanCounts } from './model';
import { defaultMappingText } from './routes';
import * as service from './service';

const EXIT_INVALID = 1;

function printCounts(counts: PlanCounts, out: (line: string) => void): void {
  for (const k of Object.keys(COUNT_LABELS) as (keyof PlanCounts)[]) out(`  ${COUNT_LABELS[k]}: ${counts[k]}`);
}

export async function runReorganisationCommand(db: Db, args: string[], out: (line: string) => void): Promise<number> {
  const file = args.find((a) => !a.startsWith('--'));
  const text = file ? readFileSync(file, 'utf8') : defaultMappingText();
  const deps = { db };
  try {
    if (args.includes('--apply')) {
      const r = await service.apply(deps, SYSTEM_ACTOR, text);
      out(r.message);
      if (r.changed) printCounts(r.counts, out);
      return 0;
    }
    const plan = await service.dryRun(deps, SYSTEM_ACTOR, text);
    const n = (code: string | null) => (code ? `${plan.names[code] ?? code} (${code})` : '—');
    out(`Chạy thử “${plan.mapping.title}”, hiệu lực từ ${formatDate(plan.mapping.effectiveDate)} (chưa thay đổi gì):`);
    printCounts(plan.counts, out);
    for (const u of plan.unitsEnding) out(`  đơn vị chấm dứt: ${n(u.code)}`);
    for (const u of plan.unitsStarting) out(`  đơn vị mới: ${u.name} (${u.code})`);
    for (const p of plan.procedures) out(`  thủ tục ${p.code}: ${p.fromText} → ${p.toText}`);
    for (const d of plan.dossiers) out(`  hồ sơ ${d.code} (${d.state}): ${n(d.holderFrom ?? d.receivingFrom)} → ${n(d.holderTo ?? d.receivingTo)}, hạn ${d.dueAt ? formatDateTime(d.dueAt) : '—'} giữ nguyên`);
    for (const h of plan.handovers) out(`  hàng chờ: hồ sơ ${h.dossierCode}, ${h.stepName}: ${n(h.unitFrom)} → ${n(h.unitTo)}`);
    for (const d of plan.drafts) out(`  hồ sơ nháp (thủ tục ${d.procedureCode}): ${n(d.unitFrom)} → ${n(d.unitTo)}`);
    for (const w of plan.workflows) out(`  quy trình ${w.procedureCode}: phiên bản mới ${w.version}`);
    for (const a of plan.accounts) out(`  tài khoản ${a.username}: ${n(a.unitFrom)} → ${n(a.unitTo)}`);
    out('Thêm --apply để áp dụng.');
    return 0;
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    out('Sơ đồ sắp xếp có lỗi, không thay đổi gì:');
    for (const e of err.errors) out(`  ${e.message}`);
    return EXIT_INVALID;
  }
}
