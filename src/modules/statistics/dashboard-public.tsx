// Charts of the public statistics page (/thong-ke): on-time rate and online rate by unit, each
// highest first. The table of the page, just after them, holds the same figures with their counts.
import { CHART_COLOURS, ChartFigure, chartNumber, chartPercent, horizontalBars } from '../../web/charts';
import type { Rate } from './model';
import type { PublicStatistics } from './service';

type PublicUnit = PublicStatistics['units'][number];

const collator = new Intl.Collator('vi');

function RateChart({ id, title, units, rateOf, colour, what }: { id: string; title: string; units: readonly PublicUnit[]; rateOf: (u: PublicUnit) => Rate; colour: string; what: string }) {
  const sorted = [...units].sort((a, b) => (rateOf(b).value ?? -1) - (rateOf(a).value ?? -1) || collator.compare(a.unitName, b.unitName));
  const svg = horizontalBars({
    rows: sorted.map((u) => ({ label: u.unitName, value: rateOf(u).value, text: chartPercent(rateOf(u).value) })),
    domain: [0, 1],
    ticks: [0, 0.25, 0.5, 0.75, 1],
    tickFormat: (v) => `${chartNumber(v * 100)} %`,
    colour,
    summary: `Biểu đồ thanh: ${what} theo cơ quan, đơn vị, từ cao xuống thấp: ${sorted.map((u) => `${u.unitName} ${chartPercent(rateOf(u).value)}`).join('; ')}. Số liệu trong bảng “Theo cơ quan, đơn vị”.`,
  });
  return <ChartFigure id={id} title={title} svg={svg} />;
}

export function PublicCharts({ p }: { p: PublicStatistics }) {
  if (p.units.length === 0) return '';
  return (
    <div class="mc-charts">
      <RateChart id="bd-dung-han" title="Tỷ lệ giải quyết đúng hạn" units={p.units} rateOf={(u) => u.onTime} colour={CHART_COLOURS.green} what="tỷ lệ giải quyết đúng hạn" />
      <RateChart id="bd-truc-tuyen" title="Tỷ lệ tự nộp trực tuyến" units={p.units} rateOf={(u) => u.online} colour={CHART_COLOURS.navy} what="tỷ lệ hồ sơ người dân tự nộp trực tuyến" />
    </div>
  );
}
