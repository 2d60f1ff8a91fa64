import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHTML } from 'linkedom';
import { chartNumber, chartPercent, horizontalBars, integerTicks, stackedColumns } from './charts';

const bars = () =>
  horizontalBars({
    rows: [
      { label: 'Ủy ban nhân dân phường Lương Văn Tri', value: 0.952, text: chartPercent(0.952) },
      { label: 'Sở Tư pháp', value: null, text: chartPercent(null) },
    ],
    domain: [0, 1],
    tickFormat: (v) => `${chartNumber(v * 100)} %`,
    summary: 'Tỷ lệ giải quyết đúng hạn theo đơn vị',
  });

test('a chart is one well-formed SVG that scales: a viewBox and no fixed width or height', () => {
  const svg = bars();
  const { document } = parseHTML(`<!doctype html><html><body>${svg}</body></html>`);
  const root = document.querySelector('svg')!;
  assert.equal(document.querySelectorAll('body > svg').length, 1);
  assert.match(root.getAttribute('viewBox') ?? '', /^0 0 \d+ \d+$/);
  assert.equal(root.getAttribute('width'), null);
  assert.equal(root.getAttribute('height'), null);
  assert.equal(root.getAttribute('class'), 'mc-chart__svg');
  assert.ok(root.querySelectorAll('rect').length >= 2, 'the bars are drawn');
});

test('a chart has role="img", its summary as aria-label and as its first child <title>', () => {
  const svg = bars();
  const { document } = parseHTML(`<!doctype html><html><body>${svg}</body></html>`);
  const root = document.querySelector('svg')!;
  assert.equal(root.getAttribute('role'), 'img');
  assert.equal(root.getAttribute('aria-label'), 'Tỷ lệ giải quyết đúng hạn theo đơn vị');
  assert.equal(root.firstElementChild?.tagName.toLowerCase(), 'title');
  assert.equal(root.firstElementChild?.textContent, 'Tỷ lệ giải quyết đúng hạn theo đơn vị');
  assert.equal(root.querySelectorAll('[aria-label]').length, 0, 'no inner aria labels under role="img"');
});

test('a chart has no script, no style element and no inline style (the CSP allows neither)', () => {
  for (const svg of [bars(), stackedColumns({ categories: [{ key: '2026-01', label: 'T1' }], series: [{ key: 'a', label: 'A', colour: '#1f4e8c' }], values: [{ category: '2026-01', series: 'a', value: 3 }], summary: 'x' })]) {
    assert.doesNotMatch(svg, /<script/i);
    assert.doesNotMatch(svg, /<style/i);
    assert.doesNotMatch(svg, /\sstyle=/i);
    assert.doesNotMatch(svg, /\son[a-z]+=/i);
  }
});

test('labels are escaped: markup in a unit name comes out as text, never as an element', () => {
  const svg = horizontalBars({ rows: [{ label: '<script>alert(1)</script> & "Sở"', value: 0.5, text: '50,0 %' }], domain: [0, 1], tickFormat: String, summary: 'Tóm tắt <b>đậm</b> & "ngoặc"' });
  assert.doesNotMatch(svg, /<script/i);
  assert.doesNotMatch(svg, /<b>/);
  assert.match(svg, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; /);
  const { document } = parseHTML(`<!doctype html><html><body>${svg}</body></html>`);
  assert.equal(document.querySelector('svg')!.getAttribute('aria-label'), 'Tóm tắt <b>đậm</b> & "ngoặc"');
  assert.equal(document.querySelectorAll('script').length, 0);
});

test('numbers are written the Vietnamese way: 1.234, 95,2 %, and "—" for no figure', () => {
  assert.equal(chartNumber(1234), '1.234');
  assert.equal(chartNumber(1234567), '1.234.567');
  assert.equal(chartNumber(12.5), '12,5');
  assert.equal(chartPercent(0.952), '95,2 %');
  assert.equal(chartPercent(1), '100,0 %');
  assert.equal(chartPercent(0), '0,0 %');
  assert.equal(chartPercent(null), '—');
  const svg = stackedColumns({ categories: [{ key: 'm', label: 'T1' }], series: [{ key: 'a', label: 'A', colour: '#1f4e8c' }], values: [{ category: 'm', series: 'a', value: 1234 }], summary: 'x' });
  assert.match(svg, />1\.234</, 'the total above the column');
  assert.match(bars(), />95,2 %</, 'the value at the end of the bar');
  assert.match(bars(), />100 %</, 'the axis in percent');
});

test('count axes have whole-number ticks, at most six, from 0 past the largest value', () => {
  assert.deepEqual(integerTicks(0), [0, 1]);
  assert.deepEqual(integerTicks(3), [0, 1, 2, 3]);
  assert.deepEqual(integerTicks(7), [0, 2, 4, 6, 8]);
  assert.deepEqual(integerTicks(1234), [0, 500, 1000, 1500]);
  for (const n of [1, 9, 11, 49, 99, 101, 999, 12345]) {
    const t = integerTicks(n);
    assert.ok(t.length <= 6 && t.at(-1)! >= n && t.every(Number.isInteger), `${n}: ${t.join(',')}`);
  }
});
