/**
 * The operations cards as the dashboard lists them: each a small wrapper that loads the cards'
 * chunk (with its strings) once the first screen is ready, so the displaced figure never shares
 * a slow link with them.
 */
import { lazy, Suspense, type ComponentType } from 'react';
import { afterFirstScreen } from '../../app/first-screen';

const load = () => afterFirstScreen().then(() => import('./cards'));

function deferred(pick: (m: Awaited<ReturnType<typeof load>>) => ComponentType) {
  const Card = lazy(() => load().then((m) => ({ default: pick(m) })));
  return function DeferredCard() {
    return (
      <Suspense fallback={null}>
        <Card />
      </Suspense>
    );
  };
}

export const SitesSecuredCard = deferred((m) => m.SitesSecuredCard);
export const PoliceFreedCard = deferred((m) => m.PoliceFreedCard);
export const IncidentsCard = deferred((m) => m.IncidentsCard);
export const ForceCard = deferred((m) => m.ForceCard);
