/**
 * Force generation: the lead nation (or that there is none), personnel by country and
 * capability as a table and a chart, each contribution's pledge lines with their status
 * history, and the mandate milestones on a timeline. All from `/api/v1/force/*` as the user
 * may read it, following the live feed.
 */
import type { Contribution, ForceSummary, Milestone } from '@konbit/core';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { operations } from '../../api/operations';
import { useQuery } from '../../api/useQuery';
import { Source, Time, useDay, useNumber } from '../../ui/format';
import { ErrorLine } from './shared';

const Chart = lazy(() => import('./Chart'));
const FORCE_ENTITIES = ['force-contribution', 'mandate-milestone'];

function PersonnelTable({ summary }: { summary: ForceSummary }) {
  const { t } = useTranslation('operations');
  const number = useNumber();
  return (
    <table className="ops-table" data-testid="force-personnel">
      <thead>
        <tr>
          <th scope="col">{t('force.country')}</th>
          <th scope="col">{t('force.capability')}</th>
          <th scope="col" className="num">
            {t('pledge.considering')}
          </th>
          <th scope="col" className="num">
            {t('force.pledgedCol')}
          </th>
          <th scope="col" className="num">
            {t('pledge.deployed')}
          </th>
          <th scope="col" className="num">
            {t('force.unstated')}
          </th>
        </tr>
      </thead>
      <tbody>
        {summary.personnel.byCountry.flatMap((c) =>
          c.byCapability.map((cap, i) => (
            <tr
              key={`${c.country}-${cap.capability}`}
              data-country={c.country}
              data-capability={cap.capability}
              data-pledged={cap.pledged}
              data-deployed={cap.deployed}
            >
              {i === 0 ? (
                <th scope="rowgroup" rowSpan={c.byCapability.length}>
                  {c.countryName}
                </th>
              ) : null}
              <td>{t(`capability.${cap.capability}`)}</td>
              <td className="num">{number(cap.considering)}</td>
              <td className="num">{number(cap.pledged)}</td>
              <td className="num">{number(cap.deployed)}</td>
              <td className="num">{number(cap.unstatedLines)}</td>
            </tr>
          )),
        )}
      </tbody>
      <tfoot>
        <tr
          data-testid="force-total"
          data-pledged={summary.personnel.pledged}
          data-deployed={summary.personnel.deployed}
        >
          <th scope="row" colSpan={2}>
            {t('force.total')}
          </th>
          <td className="num">{number(summary.personnel.considering)}</td>
          <td className="num">{number(summary.personnel.pledged)}</td>
          <td className="num">{number(summary.personnel.deployed)}</td>
          <td className="num">{number(summary.personnel.unstatedLines)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

function PledgeChart({ summary }: { summary: ForceSummary }) {
  const { t } = useTranslation('operations');
  const countries = summary.personnel.byCountry;
  const x = useMemo(() => countries.map((_, i) => i), [countries]);
  const categories = useMemo(() => countries.map((c) => c.countryName), [countries]);
  const series = useMemo(
    () => [
      { label: t('force.pledgedCol'), values: countries.map((c) => c.pledged), colour: '#0072B2' },
    ],
    [countries, t],
  );
  if (countries.every((c) => c.pledged === 0)) {
    return (
      <p className="hint" data-testid="pledges-no-numbers">
        {t('force.noNumbers')}
      </p>
    );
  }
  return (
    <figure className="chart" aria-labelledby="pledge-chart-title" data-testid="chart-pledges">
      <figcaption id="pledge-chart-title">
        <h3>{t('force.chartTitle')}</h3>
      </figcaption>
      <Suspense fallback={<p className="loading">{t('chartLoading')}</p>}>
        <Chart x={x} series={series} categories={categories} bars testId="pledges-canvas" />
      </Suspense>
      <p className="hint">{t('force.chartHint')}</p>
    </figure>
  );
}

function ContributionView({ c }: { c: Contribution }) {
  const { t } = useTranslation('operations');
  const number = useNumber();
  const day = useDay();
  return (
    <article
      className="ops-panel"
      data-testid="contribution"
      data-contribution-id={c.id}
      data-country={c.country}
    >
      <h3>
        {c.countryName} ({c.country})
        {c.lead && <span className="status-badge s-secured"> {t('force.leadBadge')}</span>}
        {c.withdrawnOn && (
          <span className="status-badge s-closed">
            {' '}
            {t('force.withdrawn', { date: day(c.withdrawnOn) })}
          </span>
        )}
      </h3>
      {c.conditions && (
        <p>
          <strong>{t('force.conditions')}:</strong> {c.conditions}
        </p>
      )}
      {c.notes && <p className="context">{c.notes}</p>}
      <Source source={c.source} />
      <table className="ops-table">
        <thead>
          <tr>
            <th scope="col">{t('force.capability')}</th>
            <th scope="col" className="num">
              {t('force.personnel')}
            </th>
            <th scope="col">{t('force.status')}</th>
            <th scope="col">{t('force.history')}</th>
          </tr>
        </thead>
        <tbody>
          {c.lines.map((l) => (
            <tr
              key={l.id}
              data-line-id={l.id}
              data-status={l.status}
              data-history={l.history.length}
            >
              <td>{t(`capability.${l.capability}`)}</td>
              <td className="num">
                {l.personnel === null ? t('force.unstatedValue') : number(l.personnel)}
              </td>
              <td>
                {t(`pledge.${l.status}`)} · {day(l.statusDate)}
              </td>
              <td>
                <ol className="line-history">
                  {l.history.map((h, i) => (
                    <li key={i}>
                      {t(`pledge.${h.status}`)} — {day(h.date)}
                      {h.note && <span className="hint"> · {h.note}</span>}
                      {h.source && <span className="hint"> · {h.source.organisation}</span>}
                    </li>
                  ))}
                </ol>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}

function Timeline({ milestones }: { milestones: readonly Milestone[] }) {
  const { t } = useTranslation('operations');
  const day = useDay();
  const sorted = [...milestones].sort(
    (a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.title.localeCompare(b.title),
  );
  return (
    <ol className="timeline" data-testid="milestones">
      {sorted.map((m) => (
        <li key={m.id} className={`m-${m.status}`} data-milestone-id={m.id} data-status={m.status}>
          <p>
            <strong>{m.date ? day(m.date) : t('force.undated')}</strong> — {m.title}{' '}
            <span
              className={`status-badge ${m.status === 'adopted' ? 's-secured' : m.status === 'pending' ? '' : 's-lost'}`}
            >
              {t(`milestoneStatus.${m.status}`)}
            </span>
          </p>
          <p className="hint">
            {t(`milestoneKind.${m.kind}`)}
            {m.country && ` · ${m.country}`}
            {m.reference && ` · ${m.reference}`}
          </p>
          {m.note && <p className="context">{m.note}</p>}
          <Source source={m.source} />
        </li>
      ))}
    </ol>
  );
}

export default function ForcePage() {
  const { t } = useTranslation('operations');
  const day = useDay();
  const summary = useQuery('force-summary', (s) => operations.forceSummary(s), FORCE_ENTITIES);
  const contributions = useQuery(
    'force-contributions',
    (s) => operations.contributions(s),
    FORCE_ENTITIES,
  );
  const error = summary.error ?? contributions.error;
  return (
    <section className="force" aria-labelledby="force-title">
      <h1 id="force-title">{t('force.title')}</h1>
      {error && <ErrorLine error={error} />}
      {summary.data && (
        <>
          <p data-testid="lead-nation" className="ops-kpi">
            {summary.data.leadNation
              ? t('forceCard.lead', {
                  country: summary.data.leadNation.countryName,
                  since: day(summary.data.leadNation.since),
                })
              : t('forceCard.noLead')}
          </p>
          {summary.data.readiness.length > 0 && (
            <ul data-testid="readiness">
              {summary.data.readiness.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          )}
          <p className="hint">
            {t('force.asOf')} <Time value={summary.data.asOf} />
          </p>
          <h2>{t('force.byCountry')}</h2>
          {summary.data.personnel.byCountry.length === 0 ? (
            <p className="empty">{t('force.none')}</p>
          ) : (
            <>
              <PersonnelTable summary={summary.data} />
              <PledgeChart summary={summary.data} />
            </>
          )}
          <h2>{t('force.milestones')}</h2>
          {summary.data.milestones.length === 0 ? (
            <p className="empty">{t('force.noMilestones')}</p>
          ) : (
            <Timeline milestones={summary.data.milestones} />
          )}
        </>
      )}
      {contributions.data && contributions.data.contributions.length > 0 && (
        <>
          <h2>{t('force.contributions')}</h2>
          {contributions.data.contributions.map((c) => (
            <ContributionView key={c.id} c={c} />
          ))}
        </>
      )}
    </section>
  );
}
