/**
 * A uPlot chart of one or more series over days, weeks or categories, loaded lazily by the
 * views that show it. The same numbers are always listed in a table beside it (the caller's),
 * so the canvas is hidden from screen readers.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useLocale } from '../../ui/format';

export interface ChartSeries {
  readonly label: string;
  readonly values: readonly (number | null)[];
  readonly colour: string;
  readonly dash?: readonly number[];
}

export interface ChartProps {
  /** Epoch seconds for a time axis, or 0..n-1 with `categories` for named bars. */
  readonly x: readonly number[];
  readonly series: readonly ChartSeries[];
  readonly categories?: readonly string[];
  /** Draw bars (stacked categories) rather than lines. */
  readonly bars?: boolean;
  readonly testId: string;
  readonly height?: number;
}

/** Colours that stay apart for readers with common colour-vision deficiencies (Okabe–Ito). */
export const PALETTE = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#000000',
  '#F0E442',
];

export default function Chart({ x, series, categories, bars, testId, height = 240 }: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const locale = useLocale();

  useEffect(() => {
    const el = ref.current;
    if (!el || x.length === 0) return;
    const number = new Intl.NumberFormat(locale, { notation: 'compact' });
    const date = new Intl.DateTimeFormat(locale, {
      timeZone: 'UTC',
      day: 'numeric',
      month: 'short',
    });
    const width = () => Math.max(280, Math.min(el.clientWidth, 900));
    const barPaths = bars ? uPlot.paths.bars?.({ size: [0.6, 60] }) : undefined;
    const plot = new uPlot(
      {
        width: width(),
        height,
        legend: { show: series.length > 1 },
        cursor: { show: true, points: { size: 7 } },
        scales: {
          x: categories
            ? { time: false, range: () => [-0.5, Math.max(0.5, x.length - 0.5)] }
            : { time: true },
          y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.15] },
        },
        axes: [
          {
            values: (_u, ticks) =>
              ticks.map((v) =>
                categories ? (categories[Math.round(v)] ?? '') : date.format(new Date(v * 1000)),
              ),
            ...(categories ? { splits: () => x.map((_, i) => i) } : {}),
          },
          { values: (_u, ticks) => ticks.map((v) => number.format(v)), size: 60 },
        ],
        series: [
          {},
          ...series.map((s) => ({
            label: s.label,
            stroke: s.colour,
            width: 2,
            ...(s.dash ? { dash: [...s.dash] } : {}),
            ...(barPaths ? { paths: barPaths, fill: s.colour, points: { show: false } } : {}),
            ...(!bars ? { points: { show: true, size: 5, fill: s.colour } } : {}),
          })),
        ],
      },
      [[...x], ...series.map((s) => [...s.values])] as uPlot.AlignedData,
      el,
    );
    const resize = () => plot.setSize({ width: width(), height });
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      plot.destroy();
    };
  }, [x, series, categories, bars, locale, height]);

  return <div ref={ref} className="plot" aria-hidden="true" data-testid={testId} />;
}
