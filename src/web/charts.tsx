// Charts drawn on the server: @observablehq/plot given linkedom's document returns an SVG
// element, which we clean and serialise to a string. No script reaches the browser, the page
// works without JavaScript, and every chart is followed by a table of the same figures (for
// screen readers and for copying).
//
// What the SVG may contain: Plot builds it from numbers we pass and from labels that are only
// ever set as text nodes or attribute values through the DOM (never parsed as markup), and
// linkedom escapes both when it serialises (& < > in text nodes; " in attribute values, and we
// escape & < > in the one attribute we fill with text, the aria-label). We then remove
// Plot's <style> elements and style attributes (the page's CSP allows no inline style; app.scss
// styles .mc-chart__svg), and refuse the result outright if it contains anything able to run
// (script, foreignObject, on… handlers, javascript: URLs). Only such a checked string is inserted
// into a page as trusted HTML (`as 'safe'`, in <ChartFigure>).
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

/** Our palette (src/web/styles/README.md); each colour has 3:1 or more against white, as graphics need. */
export const CHART_COLOURS = {
  navy: '#1f4e8c',
  lightNavy: '#5b84bf',
  green: '#0f7a52',
  red: '#a50e0e',
  purple: '#54319f',
  brown: '#7a5a00',
  grey: '#484949',
  track: '#e6ddd0',
} as const;

const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

/** 1.234 (dot thousands, comma decimals, as Vietnamese writes numbers). */
export function chartNumber(n: number): string {
  return numberFormat.format(n);
}

/** 0.952 → "95,2 %"; null → "—" (nothing to divide by), never 0 %. */
export function chartPercent(v: number | null): string {
  if (v === null) return '—';
  return `${(Math.round(v * 1000) / 10).toLocaleString('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
}

/** At most about five whole-number ticks from 0 to at least `max` (1, 2, 5 × 10ⁿ steps). */
export function integerTicks(max: number): number[] {
  const top = Math.max(1, Math.ceil(max));
  let step = 1;
  for (let k = 1; top / step > 5; k *= 10) step = [1, 2, 5].map((m) => m * k).find((s) => top / s <= 5) ?? 10 * k;
  const ticks: number[] = [];
  for (let t = 0; t < top + step; t += step) ticks.push(t);
  return ticks;
}

/** The part of linkedom's DOM we use (the project compiles without the DOM library). */
interface SvgNode {
  tagName: string;
  firstChild: unknown;
  outerHTML: string;
  querySelectorAll(selector: string): Iterable<SvgNode>;
  remove(): void;
  getAttributeNames(): string[];
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  insertBefore(node: unknown, before: unknown): unknown;
}

const UNSAFE = /<script|<foreignobject|<iframe|\son[a-z]+\s*=|javascript:/i;

/**
 * Plot → a cleaned SVG string: role="img", the summary as aria-label and <title>, a viewBox and
 * no fixed size (it scales to its container, down to a 360 px phone), no inline style.
 */
export function renderPlot(options: Plot.PlotOptions, summary: string): string {
  const { document } = parseHTML('<!doctype html><html lang="vi"><body></body></html>');
  const node = Plot.plot({ ...options, document: document as unknown as Plot.PlotOptions['document'] }) as unknown as SvgNode;
  if (node.tagName.toLowerCase() !== 'svg') throw new Error('renderPlot: a chart must be one <svg> (no Plot title, caption or legend: write those in HTML)');
  for (const el of [...node.querySelectorAll('style, script, foreignObject')]) el.remove();
  for (const el of [node, ...node.querySelectorAll('*')]) {
    el.removeAttribute('style');
    // children of role="img" are not read: their Plot labels would only be noise to checkers
    if (el !== node) for (const a of [...el.getAttributeNames()].filter((n) => n.startsWith('aria-'))) el.removeAttribute(a);
  }
  for (const a of ['width', 'height', 'class', 'font-family']) node.removeAttribute(a);
  node.setAttribute('class', 'mc-chart__svg');
  node.setAttribute('font-size', String(FONT_SIZE));
  node.setAttribute('role', 'img');
  // linkedom escapes only " in attribute values: escape & < > here, so the browser reads back the summary as written
  node.setAttribute('aria-label', summary.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  node.setAttribute('preserveAspectRatio', 'xMinYMin meet');
  const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
  title.textContent = summary;
  node.insertBefore(title, node.firstChild);
  const svg = node.outerHTML;
  if (UNSAFE.test(svg)) throw new Error('renderPlot: the SVG contains something that could run');
  return svg;
}

// ---------------------------------------------------------------------------------------------
// The charts we draw
// ---------------------------------------------------------------------------------------------

/** Width of the drawing in SVG units: narrow enough that 12-unit text stays legible on a phone. */
export const CHART_WIDTH = 420;
const FONT_SIZE = 12;
const ROW = 40;

export interface BarRow {
  label: string;
  /** null: no figure (drawn as an empty row with `text` "—"). */
  value: number | null;
  /** The label at the end of the bar ("95,2 %", "1.234", "12,5 / 18"). */
  text: string;
  /** A grey track behind the bar up to this value (a group's maximum score). */
  max?: number;
}

/**
 * Horizontal bars, one per row in the order given, each labelled above its bar (long unit names
 * fit at 360 px) and its value written at the end of the bar.
 */
export function horizontalBars(opts: { rows: readonly BarRow[]; summary: string; domain: [number, number]; tickFormat: (v: number) => string; ticks?: number[]; colour?: string }): string {
  const rows = opts.rows.map((r, i) => ({ ...r, key: String(i), bar: r.value ?? 0 }));
  const marks: Plot.Markish[] = [];
  if (rows.some((r) => r.max !== undefined)) marks.push(Plot.barX(rows.filter((r) => r.max !== undefined), { x: 'max', y: 'key', fill: CHART_COLOURS.track, insetTop: 18, insetBottom: 4 }));
  marks.push(
    Plot.barX(rows, { x: 'bar', y: 'key', fill: opts.colour ?? CHART_COLOURS.navy, insetTop: 18, insetBottom: 4 }),
    Plot.text(rows, { x: opts.domain[0], y: 'key', text: 'label', textAnchor: 'start', dy: -ROW / 2 + 9, lineWidth: 34, textOverflow: 'ellipsis-end' }),
    Plot.text(rows, { x: (r: (typeof rows)[number]) => Math.max(r.bar, r.max ?? 0), y: 'key', text: 'text', textAnchor: 'start', dx: 4, dy: 7 }),
    Plot.ruleX([opts.domain[0]]),
  );
  return renderPlot(
    {
      width: CHART_WIDTH,
      height: rows.length * ROW + 40,
      marginTop: 10,
      marginBottom: 30,
      marginLeft: 8,
      marginRight: 70,
      x: { domain: opts.domain, tickFormat: opts.tickFormat, ...(opts.ticks ? { ticks: opts.ticks } : { ticks: 4 }), grid: true, label: null },
      y: { domain: rows.map((r) => r.key), axis: null, padding: 0 },
      marks,
    },
    opts.summary,
  );
}

export interface Series {
  key: string;
  label: string;
  colour: string;
}

/** Stacked columns: one column per category (a month), one coloured part per series (a channel), the total above. */
export function stackedColumns(opts: { categories: readonly { key: string; label: string }[]; series: readonly Series[]; values: readonly { category: string; series: string; value: number }[]; summary: string }): string {
  const totals = opts.categories.map((c) => ({ category: c.key, total: opts.values.filter((v) => v.category === c.key).reduce((s, v) => s + v.value, 0) }));
  const max = Math.max(1, ...totals.map((t) => t.total));
  const ticks = integerTicks(max);
  const labels = new Map(opts.categories.map((c) => [c.key, c.label]));
  return renderPlot(
    {
      width: CHART_WIDTH,
      height: 260,
      marginTop: 20,
      marginLeft: 44,
      marginRight: 8,
      x: { domain: opts.categories.map((c) => c.key), tickFormat: (k: string) => labels.get(k) ?? k, label: null, padding: 0.2 },
      y: { domain: [0, ticks[ticks.length - 1]!], ticks, tickFormat: chartNumber, grid: true, label: null },
      color: { domain: opts.series.map((s) => s.key), range: opts.series.map((s) => s.colour) },
      marks: [
        Plot.barY(opts.values, { x: 'category', y: 'value', fill: 'series', order: opts.series.map((s) => s.key) }),
        Plot.text(totals, { x: 'category', y: 'total', text: (t: (typeof totals)[number]) => (t.total > 0 ? chartNumber(t.total) : ''), dy: -7 }),
        Plot.ruleY([0]),
      ],
    },
    opts.summary,
  );
}

// ---------------------------------------------------------------------------------------------
// Markup
// ---------------------------------------------------------------------------------------------

/** A chart and its legend; the data table follows it as children. */
export function ChartFigure({ id, title, svg, legend, children }: { id: string; title: string; svg: string; legend?: readonly Series[]; children?: JSX.Element | JSX.Element[] }) {
  return (
    <section class="mc-chart" aria-labelledby={id}>
      <h3 class="govuk-heading-s" id={id} safe>
        {title}
      </h3>
      {/* svg: built by renderPlot from numbers and DOM-escaped labels, checked there (see the top of this file) */}
      {svg as 'safe'}
      {legend && legend.length > 0 ? (
        <ul class="mc-chart__legend">
          {legend.map((s) => (
            <li>
              <svg class="mc-chart__swatch" viewBox="0 0 10 10" width="12" height="12" aria-hidden="true" focusable="false">
                <rect width="10" height="10" fill={s.colour} />
              </svg>
              <span safe>{s.label}</span>
            </li>
          ))}
        </ul>
      ) : (
        ''
      )}
      {(children ?? '') as 'safe'}
    </section>
  );
}

export interface TableRow {
  /** The row header (th scope="row"). */
  header: string;
  /** Cells: text (escaped here), or `{ html }`: markup the caller built with JSX (a link), whose text JSX escaped. */
  cells: (string | { html: JSX.Element })[];
  attrs?: Record<string, string>;
}

/** The figures of a chart: caption, column headers, one row header per row; scrolls inside itself when wider than a phone. */
export function DataTable({ caption, columns, rows, label }: { caption: string; columns: readonly string[]; rows: readonly TableRow[]; label?: string }) {
  return (
    <div class="mc-table-scroll" role="region" aria-label={label ?? caption} tabindex="0">
      <table class="govuk-table mc-table--compact">
        <caption class="govuk-table__caption govuk-table__caption--s" safe>
          {caption}
        </caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            {columns.map((c, i) => (
              <th scope="col" class={`govuk-table__header${i > 0 ? ' govuk-table__header--numeric' : ''}`} safe>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {rows.map((r) => (
            <tr class="govuk-table__row" {...(r.attrs ?? {})}>
              <th scope="row" class="govuk-table__header" safe>
                {r.header}
              </th>
              {r.cells.map((c) =>
                typeof c === 'string' ? (
                  <td class="govuk-table__cell govuk-table__cell--numeric" safe>
                    {c}
                  </td>
                ) : (
                  <td class="govuk-table__cell govuk-table__cell--numeric">{c.html as 'safe'}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
