/** Police officers freed per day, actual and projected, as a chart and the same numbers as a table. */
import type { PoliceFreedResponse } from '@konbit/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useDay, useNumber } from '../../ui/format';
import Chart, { PALETTE } from './Chart';
import { daySeconds } from './shared';

export default function PoliceFreedChart({ data }: { data: PoliceFreedResponse }) {
  const { t } = useTranslation('operations');
  const number = useNumber();
  const day = useDay();
  const round = (n: number) => Math.round(n * 10) / 10;
  const x = useMemo(() => data.days.map((d) => daySeconds(d.day)), [data]);
  const series = useMemo(
    () => [
      {
        label: t('freed.actual'),
        values: data.days.map((d) => d.actual),
        colour: PALETTE[0] ?? '',
      },
      {
        label: t('freed.projected'),
        values: data.days.map((d) => d.projected),
        colour: PALETTE[1] ?? '',
        dash: [6, 4],
      },
    ],
    [data, t],
  );
  return (
    <figure className="chart" aria-labelledby="freed-chart-title" data-testid="chart-police-freed">
      <figcaption id="freed-chart-title">
        <h3>{t('freed.chartTitle')}</h3>
      </figcaption>
      <Chart x={x} series={series} testId="freed-canvas" />
      <details>
        <summary>{t('chartTable')}</summary>
        <table className="ops-table" data-testid="freed-table">
          <thead>
            <tr>
              <th scope="col">{t('day')}</th>
              <th scope="col" className="num">
                {t('freed.actual')}
              </th>
              <th scope="col" className="num">
                {t('freed.projected')}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.days.map((d) => (
              <tr key={d.day} data-day={d.day} data-actual={d.actual} data-projected={d.projected}>
                <th scope="row">{day(d.day)}</th>
                <td className="num">{number(round(d.actual))}</td>
                <td className="num">{number(round(d.projected))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
