/**
 * Alerts as notifications in the shell: the open alerts the user may read (the server decides:
 * mission readers get them, others none), arriving through the live feed without a reload,
 * each acknowledged from here by those whose role may. Loaded after the first screen.
 */
import type { Alert, Me } from '@konbit/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { operations } from '../../api/operations';
import { useQuery } from '../../api/useQuery';
import { registerStrings } from '../../i18n/i18n';
import { Time } from '../../ui/format';
import './alerts.css';
import en from './locales/en.json';
import fr from './locales/fr.json';
import ht from './locales/ht.json';

registerStrings('alerts', { en, fr, ht });

/** At most this many notifications are shown at once; the rest are counted. */
const SHOWN = 4;

function Notification({
  alert,
  mayAcknowledge,
  onHide,
}: {
  alert: Alert;
  mayAcknowledge: boolean;
  onHide: () => void;
}) {
  const { t } = useTranslation('alerts');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function acknowledge() {
    setBusy(true);
    setError(null);
    try {
      await operations.acknowledgeAlert(alert.id);
      onHide();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('failed'));
      setBusy(false);
    }
  }
  const titleId = `alert-${alert.id}`;
  return (
    <article
      className={`alert-note ${alert.severity}`}
      aria-labelledby={titleId}
      data-testid="alert-notification"
      data-alert-id={alert.id}
    >
      <p id={titleId}>
        <strong>{t(`severity.${alert.severity}`)}</strong>
        {alert.site && <> · {alert.site.name}</>}
      </p>
      <p>{alert.message}</p>
      <p className="hint">
        {t('raised')} <Time value={alert.raisedAt} />
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="alert-actions">
        {mayAcknowledge && (
          <button
            type="button"
            onClick={acknowledge}
            disabled={busy}
            data-testid="alert-acknowledge"
          >
            {t('acknowledge')}
          </button>
        )}
        <button type="button" onClick={onHide} className="secondary">
          {t('hide')}
        </button>
      </div>
    </article>
  );
}

export default function AlertNotifications({ me }: { me: Me }) {
  const { t } = useTranslation('alerts');
  const { data } = useQuery('alerts:open', (s) => operations.alerts(s), ['alert']);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const open = (data?.alerts ?? []).filter((a) => a.acknowledged === null && !hidden.has(a.id));
  const mayAcknowledge = me.permissions.includes('alert.acknowledge');
  return (
    <section
      className="alerts-tray"
      aria-label={t('region')}
      aria-live="polite"
      data-testid="alerts"
    >
      {open.slice(0, SHOWN).map((a) => (
        <Notification
          key={a.id}
          alert={a}
          mayAcknowledge={mayAcknowledge}
          onHide={() => setHidden((h) => new Set([...h, a.id]))}
        />
      ))}
      {open.length > SHOWN && (
        <p className="alert-note">{t('more', { count: open.length - SHOWN })}</p>
      )}
    </section>
  );
}
