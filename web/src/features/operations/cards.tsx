/**
 * The dashboard's operations cards, one component each: sites secured, police freed, incidents
 * in the last 7 days against the 7 before, and force generation. Each reads its own API as the
 * signed-in user and shows only what comes back; a card the server refuses is not shown.
 */
import { INCIDENT_TYPES, type LocalDate } from '@konbit/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { operations } from '../../api/operations';
import { useQuery } from '../../api/useQuery';
import { useDay, useNumber } from '../../ui/format';
import { dayRange, ErrorLine, refused, useServerToday } from './shared';

const PoliceFreedChart = lazy(() => import('./PoliceFreedChart'));
const IncidentsChart = lazy(() => import('./IncidentsChart'));

function ChartFallback() {
  const { t } = useTranslation('operations');
  return (
    <p className="loading" role="status">
      {t('chartLoading')}
    </p>
  );
}

function Kpi({ value, label, testId }: { value: string; label: string; testId: string }) {
  return (
    <div>
      <span className="value" data-testid={testId}>
        {value}
      </span>
      <span className="label">{label}</span>
    </div>
  );
}

export function SitesSecuredCard() {
  const { t } = useTranslation('operations');
  const number = useNumber();
  const { data, error } = useQuery('sites', (s) => operations.sites(s), ['site', 'site-status']);
  if (refused(error)) return null;
  const sites = data?.features ?? [];
  const secured = sites.filter((f) => f.properties.status?.status === 'secured').length;
  const unknown = sites.filter((f) => f.properties.status === undefined).length;
  return (
    <article className="card" aria-labelledby="card-sites" data-testid="card-sites">
      <h2 id="card-sites">{t('sitesCard.title')}</h2>
      {error && <ErrorLine error={error} />}
      {data && (
        <>
          <p className="ops-kpi">
            <Kpi
              testId="sites-secured"
              value={t('sitesCard.outOf', {
                secured: number(secured),
                total: number(sites.length),
              })}
              label={t('sitesCard.label')}
            />
          </p>
          {unknown > 0 && (
            <p className="hint" data-testid="sites-unknown">
              {t('sitesCard.unknown', { count: unknown })}
            </p>
          )}
        </>
      )}
    </article>
  );
}

export function PoliceFreedCard() {
  const { t } = useTranslation('operations');
  const number = useNumber();
  const today = useServerToday();
  const range = today ? dayRange(today, 13, 30) : null;
  const { data, error } = useQuery(
    range ? `police-freed:${range.from}:${range.to}` : null,
    (s) => operations.policeFreed(range?.from ?? '', range?.to ?? '', s),
    ['assignment', 'site', 'unit'],
  );
  if (refused(error)) return null;
  const todays = data?.days.find((d) => d.day === today);
  const one = (n: number) => number(Math.round(n * 10) / 10);
  return (
    <article
      className="card card-wide"
      aria-labelledby="card-freed"
      data-testid="card-police-freed"
    >
      <h2 id="card-freed">{t('freed.title')}</h2>
      {error && <ErrorLine error={error} />}
      {data && todays && (
        <>
          <p className="ops-kpi">
            <Kpi testId="freed-actual" value={one(todays.actual)} label={t('freed.actual')} />
            <Kpi
              testId="freed-projected"
              value={one(todays.projected)}
              label={t('freed.projected')}
            />
          </p>
          <p className="hint" data-testid="freed-basis">
            {t('freed.basis', {
              sites: number(data.basis.sites),
              assignments: number(data.basis.assignments),
            })}
          </p>
          <p className="context">{data.summary}</p>
          <Suspense fallback={<ChartFallback />}>
            <PoliceFreedChart data={data} />
          </Suspense>
        </>
      )}
    </article>
  );
}

/** Counts by type over two windows of 7 days: the last 7 (today included) and the 7 before. */
function useIncidentWindows(today: LocalDate | null) {
  const last = today ? dayRange(today, 6) : null;
  const before = today ? { from: dayRange(today, 13).from, to: dayRange(today, 7).from } : null;
  const recent = useQuery(
    last ? `stats:type:${last.from}:${last.to}` : null,
    (s) => operations.incidentStats({ groupBy: 'type', ...(last ?? { from: '', to: '' }) }, s),
    ['incident'],
  );
  const earlier = useQuery(
    before ? `stats:type:${before.from}:${before.to}` : null,
    (s) => operations.incidentStats({ groupBy: 'type', ...(before ?? { from: '', to: '' }) }, s),
    ['incident'],
  );
  return { last, before, recent, earlier };
}

export function IncidentsCard() {
  const { t } = useTranslation('operations');
  const number = useNumber();
  const day = useDay();
  const today = useServerToday();
  const { last, before, recent, earlier } = useIncidentWindows(today);
  const error = recent.error ?? earlier.error;
  if (refused(error)) return null;
  const count = (groups: { key: string; count: number }[] | undefined, type: string) =>
    groups?.find((g) => g.key === type)?.count ?? 0;
  const rows =
    recent.data && earlier.data
      ? INCIDENT_TYPES.map((type) => ({
          type,
          last: count(recent.data?.groups, type),
          before: count(earlier.data?.groups, type),
        })).filter((r) => r.last > 0 || r.before > 0)
      : [];
  return (
    <article
      className="card card-wide"
      aria-labelledby="card-incidents"
      data-testid="card-incidents"
    >
      <h2 id="card-incidents">{t('incidents.title')}</h2>
      {error && <ErrorLine error={error} />}
      {recent.data && earlier.data && last && before && (
        <>
          <p className="ops-kpi">
            <Kpi
              testId="incidents-last"
              value={number(recent.data.total.count)}
              label={t('incidents.last', { from: day(last.from), to: day(last.to) })}
            />
            <Kpi
              testId="incidents-before"
              value={number(earlier.data.total.count)}
              label={t('incidents.before', { from: day(before.from), to: day(before.to) })}
            />
          </p>
          {rows.length === 0 ? (
            <p className="empty">{t('incidents.none')}</p>
          ) : (
            <table className="ops-table" data-testid="incidents-by-type">
              <caption className="hint">{t('incidents.byType')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('incidents.type')}</th>
                  <th scope="col" className="num">
                    {t('incidents.lastShort')}
                  </th>
                  <th scope="col" className="num">
                    {t('incidents.beforeShort')}
                  </th>
                  <th scope="col" className="num">
                    {t('incidents.change')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.type} data-type={r.type} data-last={r.last} data-before={r.before}>
                    <th scope="row">{t(`incidentType.${r.type}`)}</th>
                    <td className="num">{number(r.last)}</td>
                    <td className="num">{number(r.before)}</td>
                    <td className="num">
                      {r.last - r.before > 0 ? '+' : ''}
                      {number(r.last - r.before)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {today && (
            <Suspense fallback={<ChartFallback />}>
              <IncidentsChart today={today} />
            </Suspense>
          )}
        </>
      )}
    </article>
  );
}

export function ForceCard() {
  const { t } = useTranslation('operations');
  const number = useNumber();
  const day = useDay();
  const { data, error } = useQuery('force-summary', (s) => operations.forceSummary(s), [
    'force-contribution',
    'mandate-milestone',
  ]);
  if (refused(error)) return null;
  const pending = data?.milestones.filter((m) => m.status === 'pending') ?? [];
  return (
    <article className="card" aria-labelledby="card-force" data-testid="card-force">
      <h2 id="card-force">{t('forceCard.title')}</h2>
      {error && <ErrorLine error={error} />}
      {data && (
        <>
          <p className="ops-kpi">
            <Kpi
              testId="force-pledged"
              value={number(data.personnel.pledged)}
              label={t('forceCard.pledged')}
            />
            <Kpi
              testId="force-deployed"
              value={number(data.personnel.deployed)}
              label={t('forceCard.deployed')}
            />
          </p>
          {data.personnel.unstatedLines > 0 && (
            <p className="hint" data-testid="force-unstated">
              {t('forceCard.unstated', { count: data.personnel.unstatedLines })}
            </p>
          )}
          <p data-testid="force-lead">
            {data.leadNation
              ? t('forceCard.lead', {
                  country: data.leadNation.countryName,
                  since: day(data.leadNation.since),
                })
              : t('forceCard.noLead')}
          </p>
          <h3>{t('forceCard.pending')}</h3>
          {pending.length === 0 ? (
            <p className="empty">{t('forceCard.nonePending')}</p>
          ) : (
            <ul data-testid="force-pending">
              {pending.map((m) => (
                <li key={m.id} data-id={m.id}>
                  {m.title}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </article>
  );
}
