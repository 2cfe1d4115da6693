/** A site's status history and released statements, newest first, and its assignments. */
import { useTranslation } from 'react-i18next';
import { operations } from '../../api/operations';
import { useQuery } from '../../api/useQuery';
import { Source, Time, useNumber } from '../../ui/format';
import type { BoardPanelProps } from './panel';
import { ErrorLine, useFocusOnOpen } from './shared';

export function SiteHistoryPanel({ site, units, onClose }: BoardPanelProps) {
  const { t } = useTranslation('operations');
  const panel = useFocusOnOpen<HTMLElement>();
  const number = useNumber();
  const history = useQuery(`site-history:${site.id}`, (s) => operations.siteHistory(site.id, s), [
    'site-status',
    'site-release',
  ]);
  const assignments = useQuery(
    `assignments:${site.id}`,
    (s) => operations.assignments(site.id, s),
    ['assignment'],
  );
  return (
    <section
      ref={panel}
      tabIndex={-1}
      className="ops-panel"
      aria-labelledby="history-title"
      data-testid="site-history"
    >
      <h2 id="history-title">{t('history.title', { name: site.name })}</h2>
      {history.error && <ErrorLine error={history.error} />}
      {history.data && history.data.changes.length === 0 && (
        <p className="empty">{t('history.none')}</p>
      )}
      {history.data && history.data.changes.length > 0 && (
        <ol className="timeline" data-testid="history-changes">
          {history.data.changes.map((c) => (
            <li key={c.id} data-change-id={c.id} data-status={c.status}>
              <p>
                <span className={`status-badge s-${c.status}`}>{t(`siteStatus.${c.status}`)}</span>{' '}
                {c.previous && (
                  <span className="hint">
                    {t('history.from', { status: t(`siteStatus.${c.previous}`) })}{' '}
                  </span>
                )}
                — <Time value={c.at} />
              </p>
              {c.holder && (
                <p>
                  {t('history.holder')}:{' '}
                  {[
                    c.holder.organisation,
                    c.holder.unitId ? units.get(c.holder.unitId)?.name : null,
                  ]
                    .filter(Boolean)
                    .join(' · ') || '—'}
                </p>
              )}
              {c.note && <p className="context">{c.note}</p>}
              <Source source={c.source} />
            </li>
          ))}
        </ol>
      )}
      {history.data && history.data.releases.length > 0 && (
        <>
          <h3>{t('history.releases')}</h3>
          <ul data-testid="history-releases">
            {history.data.releases.map((r) => (
              <li key={r.id}>
                “{r.statement}” — <Time value={r.releasedAt} />
              </li>
            ))}
          </ul>
        </>
      )}
      {assignments.data && assignments.data.assignments.length > 0 && (
        <>
          <h3>{t('history.assignments')}</h3>
          <table className="ops-table" data-testid="site-assignments">
            <thead>
              <tr>
                <th scope="col">{t('assign.unit')}</th>
                <th scope="col" className="num">
                  {t('assign.personnel')}
                </th>
                <th scope="col">{t('assign.period')}</th>
                <th scope="col">{t('assign.shift')}</th>
                <th scope="col">{t('assign.state')}</th>
              </tr>
            </thead>
            <tbody>
              {assignments.data.assignments.map((a) => (
                <tr key={a.id} data-assignment-id={a.id}>
                  <td>{a.unit.name}</td>
                  <td className="num">{number(a.personnel)}</td>
                  <td>
                    <Time value={a.startsAt} /> → {a.endsAt ? <Time value={a.endsAt} /> : '…'}
                  </td>
                  <td>{a.shiftText}</td>
                  <td>{t(`assignmentState.${a.state}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <button type="button" onClick={onClose}>
        {t('close')}
      </button>
    </section>
  );
}
