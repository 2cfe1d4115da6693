/**
 * Filing through the outbox from a form: `useFiling` queues the record and follows its item;
 * `Filed` is what the form shows then: the item's live state, and a button for another entry.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { outbox, useOutboxItems, type OutboxItem } from '../../api/outbox';
import { OutboxItemView } from './OutboxItemView';

export function useFiling(userId: string) {
  const [id, setId] = useState<string | null>(null);
  const saved = useOutboxItems(userId).find((i) => i.id === id);
  return {
    saved,
    async file(input: Parameters<typeof outbox.add>[0]): Promise<void> {
      setId((await outbox.add(input)).id);
    },
    clear: () => setId(null),
  };
}

/** Reads `title`, `saved` and `another` from the form's strings namespace. */
export function Filed({
  namespace,
  item,
  onAnother,
  className = 'form-page',
}: {
  namespace: string;
  item: OutboxItem;
  onAnother: () => void;
  className?: string;
}) {
  const { t } = useTranslation(namespace);
  return (
    <section className={className} aria-labelledby="filed-title">
      <h1 id="filed-title">{t('title')}</h1>
      <p role="status">{t('saved')}</p>
      <ul className="outbox-list">
        <OutboxItemView item={item} />
      </ul>
      <button type="button" onClick={onAnother}>
        {t('another')}
      </button>
    </section>
  );
}
