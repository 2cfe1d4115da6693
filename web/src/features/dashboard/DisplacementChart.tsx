/**
 * Internally displaced over time at country level, one point per figure and source, drawn
 * with uPlot (small, canvas-based) and loaded lazily. The same figures are listed in a table
 * for screen readers and for anyone who prefers numbers.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { api, type ListedFigure } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { useDay, useLocale, useNumber } from '../../ui/format';

function Plot({ figures }: { figures: readonly ListedFigure[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const locale = useLocale();
  const { t } = useTranslation('dashboard');

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const xs = figures.map((f) => Date.parse(`${f.asOf}T12:00:00Z`) / 1000);
    const ys = figures.map((f) => f.value);
    const number = new Intl.NumberFormat(locale, { notation: 'compact' });
    const date = new Intl.DateTimeFormat(locale, {
      timeZone: 'UTC',
      month: 'short',
      year: 'numeric',
    });
    const width = () => Math.max(280, Math.min(el.clientWidth, 900));
    const plot = new uPlot(
      {
        width: width(),
        height: 240,
        legend: { show: false },
        cursor: { show: true, points: { size: 8 } },
        scales: {
          // A month either side, so a single figure sits in the middle rather than at an edge.
          x: { time: true, range: (_u, min, max) => [min - 30 * 86_400, max + 30 * 86_400] },
          y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.15] },
        },
        axes: [
          { values: (_u, ticks) => ticks.map((s) => date.format(new Date(s * 1000))) },
          { values: (_u, ticks) => ticks.map((v) => number.format(v)), size: 60 },
        ],
        series: [
          {},
          {
            label: t('chart.value'),
            stroke: '#12355b',
            width: 2,
            points: { show: true, size: 9, fill: '#f5c242' },
          },
        ],
      },
      [xs, ys],
      el,
    );
    const resize = () => plot.setSize({ width: width(), height: 240 });
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      plot.destroy();
    };
  }, [figures, locale, t]);

  return <div ref={ref} className="plot" aria-hidden="true" data-testid="chart-canvas" />;
}

export default function DisplacementChart() {
  const { t } = useTranslation('dashboard');
  const number = useNumber();
  const day = useDay();
  const { data } = useQuery(
    'figures?metric=idps&pcode=HT',
    (signal) => api.figures({ metric: 'idps', pcode: 'HT' }, signal),
    ['figure'],
  );
  if (!data) return null;
  const figures = [...data.figures].sort(
    (a, b) => a.asOf.localeCompare(b.asOf) || a.createdAt.localeCompare(b.createdAt),
  );
  return (
    <figure className="card chart" aria-labelledby="chart-title" data-testid="chart-idps">
      <figcaption id="chart-title">
        <h2>{t('chart.title')}</h2>
      </figcaption>
      <Plot figures={figures} />
      {figures.length === 1 && <p className="hint">{t('chart.onePoint')}</p>}
      <details>
        <summary>{t('chart.table')}</summary>
        <table data-testid="chart-table">
          <thead>
            <tr>
              <th scope="col">{t('chart.date')}</th>
              <th scope="col">{t('chart.value')}</th>
              <th scope="col">{t('chart.source')}</th>
            </tr>
          </thead>
          <tbody>
            {figures.map((f) => (
              <tr key={f.id} data-value={f.value} data-as-of={f.asOf}>
                <td>{day(f.asOf)}</td>
                <td>{number(f.value)}</td>
                <td>{f.source.organisation}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
