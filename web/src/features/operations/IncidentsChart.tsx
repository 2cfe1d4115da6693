/**
 * Incidents per week by type over the last 12 weeks: the types with any incident in the period,
 * one line each, from `/api/v1/incidents/stats` (by type, then by week for each type), with
 * the same numbers in a table.
 */
import { addDays, weekStart, type LocalDate } from '@konbit/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { operations } from '../../api/operations';
import { useQuery } from '../../api/useQuery';
import { useDay, useNumber } from '../../ui/format';
import Chart, { PALETTE } from './Chart';
import { daySeconds, ErrorLine } from './shared';

export const CHART_WEEKS = 12;

/** Counts per week (Monday) for each type with incidents between `from` and `to`. */
async function weeklyByType(from: string, to: string, signal: AbortSignal) {
  const byType = await operations.incidentStats({ groupBy: 'type', from, to }, signal);
  const types = byType.groups.filter((g) => g.count > 0).map((g) => g.key);
  const weekly = await Promise.all(
    types.map((type) =>
      operations.incidentStats({ groupBy: 'week', from, to, types: type }, signal),
    ),
  );
  return types.map((type, i) => ({
    type,
    weeks: new Map((weekly[i]?.groups ?? []).map((g) => [g.key, g.count])),
  }));
}

export default function IncidentsChart({ today }: { today: LocalDate }) {
  const { t } = useTranslation('operations');
  const number = useNumber();
  const day = useDay();
  const first = addDays(weekStart(today), -7 * (CHART_WEEKS - 1));
  const weeks = useMemo(
    () => Array.from({ length: CHART_WEEKS }, (_, i) => addDays(first, 7 * i)),
    [first],
  );
  const { data, error } = useQuery(
    `stats:weekly:${first}:${today}`,
    (s) => weeklyByType(first, today, s),
    ['incident'],
  );
  const x = useMemo(() => weeks.map(daySeconds), [weeks]);
  const series = useMemo(
    () =>
      (data ?? []).map((d, i) => ({
        label: t(`incidentType.${d.type}`),
        values: weeks.map((w) => d.weeks.get(w) ?? 0),
        colour: PALETTE[i % PALETTE.length] ?? '#000',
      })),
    [data, weeks, t],
  );
  if (error) return <ErrorLine error={error} />;
  if (!data) return null;
  return (
    <figure className="chart" aria-labelledby="incidents-chart-title" data-testid="chart-incidents">
      <figcaption id="incidents-chart-title">
        <h3>{t('incidents.chartTitle', { weeks: CHART_WEEKS })}</h3>
      </figcaption>
      {data.length === 0 ? (
        <p className="empty">{t('incidents.none')}</p>
      ) : (
        <Chart x={x} series={series} testId="incidents-canvas" />
      )}
      <details>
        <summary>{t('chartTable')}</summary>
        <table className="ops-table" data-testid="incidents-weekly-table">
          <thead>
            <tr>
              <th scope="col">{t('incidents.week')}</th>
              {data.map((d) => (
                <th scope="col" className="num" key={d.type}>
                  {t(`incidentType.${d.type}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((w) => (
              <tr key={w} data-week={w}>
                <th scope="row">{day(w)}</th>
                {data.map((d) => (
                  <td
                    className="num"
                    key={d.type}
                    data-type={d.type}
                    data-count={d.weeks.get(w) ?? 0}
                  >
                    {number(d.weeks.get(w) ?? 0)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
