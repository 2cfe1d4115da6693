/** The dashboard: the few numbers that matter, each with its source, and their trend. */
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { allowedFor } from '../../app/permissions';
import type { ViewProps } from '../../app/views';
import { registerStrings } from '../../i18n/i18n';
import { CARDS } from './cards';
import en from './locales/en.json';
import fr from './locales/fr.json';
import ht from './locales/ht.json';

registerStrings('dashboard', { en, fr, ht });

// The chart library is loaded after the numbers: the first screen does not wait for it.
const DisplacementChart = lazy(() => import('./DisplacementChart'));

export default function Dashboard({ me }: ViewProps) {
  const { t } = useTranslation('dashboard');
  return (
    <section className="dashboard" aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t('title')}</h1>
      <div className="cards">
        {CARDS.filter((c) => allowedFor(c.requires, me)).map((c) => (
          <c.component key={c.id} me={me} />
        ))}
      </div>
      <Suspense
        fallback={
          <p className="loading" role="status">
            {t('chart.loading')}
          </p>
        }
      >
        <DisplacementChart />
      </Suspense>
    </section>
  );
}
