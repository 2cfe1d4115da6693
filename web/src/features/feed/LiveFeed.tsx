/** The live feed as a list: what changed, newest first, as the server presents it to this user. */
import type { FeedEvent, Figure } from '@konbit/core';
import { useTranslation } from 'react-i18next';
import { useRecentEvents } from '../../api/feed';
import { Time, useNumber } from '../../ui/format';

function Summary({ event }: { event: FeedEvent }) {
  const { t } = useTranslation();
  const number = useNumber();
  const record = event.record as Record<string, unknown> | null;
  if (event.entity === 'figure' && record) {
    const f = record as unknown as Figure;
    const qualifier = t(`qualifier.${f.qualifier}`);
    return (
      <>
        <strong>
          {qualifier ? `${qualifier} ` : ''}
          {number(f.value)}
        </strong>{' '}
        {t(`metric.${f.metric}`)} — {f.place.name}
        {f.context ? ` (${f.context})` : ''}
        <span className="source"> {t('feed.source', { source: f.source.organisation })}</span>
      </>
    );
  }
  const name =
    typeof record?.['name'] === 'string'
      ? record['name']
      : typeof record?.['email'] === 'string'
        ? record['email']
        : event.entityId;
  return <>{String(name)}</>;
}

export default function LiveFeed() {
  const { t } = useTranslation();
  const events = useRecentEvents();
  return (
    <section className="feed" aria-labelledby="feed-title">
      <header>
        <h1 id="feed-title">{t('feed.title')}</h1>
      </header>
      {events.length === 0 ? (
        <p className="empty">{t('feed.empty')}</p>
      ) : (
        <ol className="events" data-testid="feed-list">
          {events.map((e) => (
            <li key={e.seq} data-seq={e.seq} data-entity={e.entity} data-entity-id={e.entityId}>
              <span className="when">
                <Time value={e.at} />
              </span>
              <span className={`badge entity-${e.entity}`}>
                {t(`feed.entity.${e.entity}`, { defaultValue: e.entity })} · {t(`feed.op.${e.op}`)}
              </span>
              <span className="what">
                <Summary event={e} />
              </span>
              <span
                className={`classification level-${e.classification}`}
                title={t('feed.classification', { level: t(`classification.${e.classification}`) })}
              >
                {t(`classification.${e.classification}`)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
