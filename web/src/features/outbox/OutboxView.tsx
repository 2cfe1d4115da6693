/** The outbox: everything this user filed from this device, with what the server has said. */
import { useTranslation } from 'react-i18next';
import { useOutboxItems } from '../../api/outbox';
import type { ViewProps } from '../../app/views';
import { OutboxItemView } from './OutboxItemView';

export default function OutboxView({ me }: ViewProps) {
  const { t } = useTranslation('outbox');
  const items = useOutboxItems(me.id);
  return (
    <section className="outbox" aria-labelledby="outbox-title">
      <h1 id="outbox-title">{t('title')}</h1>
      <p className="hint">{t('intro')}</p>
      {items.length === 0 ? (
        <p className="empty">{t('empty')}</p>
      ) : (
        <ul className="outbox-list" data-testid="outbox-list">
          {items.map((i) => (
            <OutboxItemView key={i.id} item={i} />
          ))}
        </ul>
      )}
    </section>
  );
}
