// Plain-Vietnamese descriptions of time limits, fees and agencies for the public pages.
import { formatMoney } from '../../platform/format';
import { APPLICANT_CATEGORIES, CHANNEL_LABELS, FEE_KIND_LABELS, type FeeRule, type TimeLimit, TIME_UNIT_LABELS } from './model';

export function describeTime(t: TimeLimit): string {
  let text =
    t.unit === 'same_day'
      ? `Trong ngày làm việc${t.cutoff ? `; tiếp nhận sau ${t.cutoff} thì trả kết quả trong ngày làm việc tiếp theo` : ''}`
      : `${t.amount} ${TIME_UNIT_LABELS[t.unit]}${t.cutoff ? ` (tiếp nhận sau ${t.cutoff} tính từ ngày làm việc tiếp theo)` : ''}`;
  if (t.extension) text += `; ${t.extension.when}: không quá ${t.extension.amount} ${TIME_UNIT_LABELS[t.extension.unit]}`;
  if (t.note) text += `. ${t.note}`;
  return text;
}

function category(c: string): string {
  return APPLICANT_CATEGORIES[c] ?? c;
}

export function describeFee(r: FeeRule): string {
  const scope = [r.channels ? `(${r.channels.map((c) => CHANNEL_LABELS[c].toLowerCase()).join(', ')})` : '', r.variant ? `[${r.variant}]` : ''].filter(Boolean).join(' ');
  const head = `${FEE_KIND_LABELS[r.kind]} – ${r.label}${scope ? ` ${scope}` : ''}: `;
  switch (r.type) {
    case 'fixed':
      return head + formatMoney(r.amount) + reductions(r.reductions);
    case 'per_copy':
      return head + `${formatMoney(r.amountPerCopy)}/bản` + reductions(r.reductions);
    case 'per_page':
      return head + `${formatMoney(r.firstPagesPrice)}/trang cho ${r.firstPages} trang đầu, ${formatMoney(r.laterPagesPrice)}/trang từ trang thứ ${r.firstPages + 1}, tối đa ${formatMoney(r.capPerCopy)}/bản`;
    case 'by_resolution':
      return head + `theo mức do Hội đồng nhân dân tỉnh quy định${r.note ? ` (${r.note})` : ''}`;
    case 'exemption':
      return `Miễn ${(r.exempts ?? ['le_phi', 'phi']).map((k) => FEE_KIND_LABELS[k].toLowerCase()).join(', ')}: ${r.description} (${r.categories.map(category).join('; ')})`;
  }
}

function reductions(list: { categories: string[]; amount: number; description: string }[] | undefined): string {
  if (!list || list.length === 0) return '';
  return '; ' + list.map((x) => `${x.description}: ${formatMoney(x.amount)}`).join('; ');
}

/** The top-level sections of a record that differ between two versions. */
export function changedSections(before: object | undefined, after: object): string[] {
  if (!before) return Object.keys(after);
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort();
}
