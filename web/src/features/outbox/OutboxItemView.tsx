/** One outbox item: what it is, its state as the server last answered, and what can be done. */
import { useTranslation } from 'react-i18next';
import { outbox, type OutboxItem } from '../../api/outbox';
import { Time } from '../../ui/format';
import './strings';

export function OutboxState({ item }: { item: OutboxItem }) {
  const { t } = useTranslation('outbox');
  return (
    <span
      className={`state state-${item.state}`}
      data-testid="outbox-state"
      data-state={item.state}
    >
      {t(`state.${item.state}`)}
    </span>
  );
}

export function OutboxItemView({ item }: { item: OutboxItem }) {
  const { t } = useTranslation('outbox');
  const kind = t(`kind.${item.kind}`, { defaultValue: item.kind });
  return (
    <li
      className={`outbox-item item-${item.state}`}
      data-testid="outbox-item"
      data-id={item.id}
      aria-label={t('itemLabel', { kind, summary: item.summary })}
    >
      <div className="outbox-head">
        <OutboxState item={item} />
        <strong>{kind}</strong>
        <span className="summary">{item.summary}</span>
      </div>
      <p className="meta">
        {t('created')} <Time value={item.createdAt} />
        {item.attempts > 0 && <> · {t('attempts', { count: item.attempts })}</>}
      </p>
      {item.state === 'rejected' && item.error && (
        <p className="error" data-testid="outbox-error">
          {t('rejectedBecause', { message: item.error.message })}{' '}
          {item.error.field && t('field', { field: item.error.field })}
        </p>
      )}
      {item.state === 'waiting' && item.error && (
        <p className="hint">{t('lastError', { message: item.error.message })}</p>
      )}
      {(item.state === 'waiting' || item.state === 'rejected') && (
        <div className="actions">
          {item.state === 'waiting' && (
            <button type="button" onClick={() => void outbox.flush({ now: true })}>
              {t('sendNow')}
            </button>
          )}
          <button
            type="button"
            className="secondary"
            onClick={() => {
              if (window.confirm(t('discardConfirm'))) void outbox.discard(item.id);
            }}
          >
            {t('discard')}
          </button>
        </div>
      )}
    </li>
  );
}
