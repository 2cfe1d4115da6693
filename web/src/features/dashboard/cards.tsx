/**
 * The dashboard's cards, one component each, shown when the user's permissions allow. Sites
 * secured, police freed, incidents in 7 days against the 7 before, pledges and the lead nation
 * are added here as one component each when their APIs land.
 */
import type { Me } from '@konbit/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { markFirstScreenReady } from '../../app/first-screen';
import {
  ForceCard,
  IncidentsCard,
  PoliceFreedCard,
  SitesSecuredCard,
} from '../operations/dashboard-cards';
import { groupFigures } from './figures';
import { FigureGroupView } from './FigureValue';

export interface CardProps {
  readonly me: Me;
}

export interface Card {
  readonly id: string;
  readonly requires?: readonly string[];
  readonly component: (props: CardProps) => React.ReactNode;
}

/** The latest national figures (country level), refreshed when a figure arrives on the feed. */
function useNationalFigures() {
  return useQuery(
    'figures?latest=1&pcode=HT',
    (signal) => api.figures({ latest: 1, pcode: 'HT' }, signal),
    ['figure'],
  );
}

function ErrorLine({ error }: { error: Error }) {
  const { t } = useTranslation('dashboard');
  return (
    <p className="error" role="alert">
      {t('error', { message: error.message })}
    </p>
  );
}

export function DisplacedCard() {
  const { t } = useTranslation('dashboard');
  const { data, error } = useNationalFigures();
  const group = data
    ? groupFigures(data.figures).find((g) => g.metric === 'idps' && g.subject === null)
    : undefined;
  useEffect(() => {
    if (data || error) markFirstScreenReady();
  }, [data, error]);
  return (
    <article className="card card-wide" aria-labelledby="card-idps" data-testid="card-idps">
      <h2 id="card-idps">{t('displaced.title')}</h2>
      {error && <ErrorLine error={error} />}
      {data && !group && <p className="empty">{t('displaced.none')}</p>}
      {group && <FigureGroupView group={group} showMetric={false} />}
    </article>
  );
}

export function KeyFiguresCard() {
  const { t } = useTranslation('dashboard');
  const { data, error } = useNationalFigures();
  const groups = data
    ? groupFigures(data.figures)
        .filter((g) => g.metric !== 'idps')
        .sort((a, b) => a.metric.localeCompare(b.metric))
    : [];
  return (
    <article className="card" aria-labelledby="card-key" data-testid="card-key-figures">
      <h2 id="card-key">{t('keyFigures.title')}</h2>
      {error && <ErrorLine error={error} />}
      {data && groups.length === 0 && <p className="empty">{t('keyFigures.none')}</p>}
      <ul className="figures">
        {groups.map((g) => (
          <li key={`${g.metric}-${g.pcode}-${g.subject ?? ''}`} data-metric={g.metric}>
            <FigureGroupView group={g} showMetric />
          </li>
        ))}
      </ul>
    </article>
  );
}

export const CARDS: readonly Card[] = [
  { id: 'idps', component: DisplacedCard },
  { id: 'key-figures', component: KeyFiguresCard },
  { id: 'sites-secured', component: SitesSecuredCard },
  { id: 'police-freed', component: PoliceFreedCard },
  { id: 'incidents', component: IncidentsCard },
  { id: 'force', component: ForceCard },
];
