/**
 * Reports the server has acknowledged from field devices (batches) but not yet filed onto the
 * map, statistics and this queue: a burst is filed within moments, and until then the queue is
 * behind it. Asked again every few seconds while reports wait or filing fails, rarely otherwise;
 * says nothing when nothing waits.
 */
import type { IncidentIntakeStatus } from '@konbit/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { desk, intakePollMs } from '../../api/desk';
import { useQuery } from '../../api/useQuery';
import { Time } from '../../ui/format';

export function IntakeNotice() {
  const { t } = useTranslation('desk');
  const [round, setRound] = useState(0);
  const status = useQuery<IncidentIntakeStatus>(`intake:${round}`, (signal) => desk.intake(signal));
  const delay = intakePollMs(status.data);
  useEffect(() => {
    const timer = setTimeout(() => setRound((n) => n + 1), delay);
    return () => clearTimeout(timer);
  }, [round, delay]);

  const s = status.data;
  return (
    // One live region that stays, so a screen reader hears the notice come and go.
    <div role="status" aria-live="polite" className="desk-intake">
      {s && s.fault !== null && (
        <p className="error" data-testid="intake-fault">
          {t('intakeFault')}
        </p>
      )}
      {s && s.waiting > 0 && (
        <p data-testid="intake-waiting" data-waiting={s.waiting}>
          {t('intakeWaiting', { count: s.waiting })}
          {s.oldestReceivedAt && (
            <>
              {' '}
              {t('intakeSince')} <Time value={s.oldestReceivedAt} />.
            </>
          )}
        </p>
      )}
    </div>
  );
}
