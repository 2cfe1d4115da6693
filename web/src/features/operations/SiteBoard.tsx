/**
 * The site board (mission roles): every critical site the user may read in a sortable table —
 * status, holder, since, incidents within 1 km in 7 days, personnel on duty now — with the
 * status history one click away, and, for those allowed, a status change and a unit assignment
 * made from here. Everything follows the live feed.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { operations } from '../../api/operations';
import { useQuery } from '../../api/useQuery';
import type { ViewProps } from '../../app/views';
import { Time, useNumber } from '../../ui/format';
import { AssignForm } from './AssignForm';
import { boardSites, COLUMNS, NUMERIC, sortSites, type Column } from './board';
import { SiteHistoryPanel } from './SiteHistoryPanel';
import { ErrorLine } from './shared';
import { StatusForm } from './StatusForm';

export default function SiteBoard({ me }: ViewProps) {
  const { t } = useTranslation('operations');
  const number = useNumber();
  const sites = useQuery('sites', (s) => operations.sites(s), ['site', 'site-status']);
  const board = useQuery('sites-board', (s) => operations.siteBoard(s), [
    'site',
    'site-status',
    'incident',
    'assignment',
  ]);
  const unitList = useQuery('units', (s) => operations.units(s), ['unit']);
  const [sort, setSort] = useState<{ column: Column; dir: 1 | -1 }>({
    column: 'criticality',
    dir: -1,
  });
  const [open, setOpen] = useState<{ id: string; what: 'history' | 'status' | 'assign' } | null>(
    null,
  );
  const units = useMemo(
    () => new Map((unitList.data?.units ?? []).map((u) => [u.id, u])),
    [unitList.data],
  );
  const rows = useMemo(() => {
    if (!sites.data || !board.data) return [];
    return sortSites(boardSites(sites.data, board.data.sites, units), sort.column, sort.dir);
  }, [sites.data, board.data, units, sort]);
  const mayReport = me.permissions.includes('site.status');
  const mayAssign = me.permissions.includes('tasking.manage');
  const error = sites.error ?? board.error;
  const selected = open ? rows.find((r) => r.id === open.id) : undefined;

  function sortBy(column: Column) {
    setSort((s) =>
      s.column === column
        ? { column, dir: s.dir === 1 ? -1 : 1 }
        : { column, dir: NUMERIC.includes(column) ? -1 : 1 },
    );
  }

  function toggle(id: string, what: 'history' | 'status' | 'assign') {
    setOpen((o) => (o && o.id === id && o.what === what ? null : { id, what }));
  }

  return (
    <section className="site-board" aria-labelledby="board-title">
      <h1 id="board-title">{t('board.title')}</h1>
      {board.data && (
        <p className="hint">
          {t('board.explain', { radius: number(board.data.radiusMetres), days: board.data.days })}
        </p>
      )}
      {error && <ErrorLine error={error} />}
      <table className="ops-table" data-testid="site-board">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th
                key={c}
                scope="col"
                className={NUMERIC.includes(c) ? 'num' : undefined}
                aria-sort={
                  sort.column === c ? (sort.dir === 1 ? 'ascending' : 'descending') : undefined
                }
              >
                <button type="button" onClick={() => sortBy(c)} data-testid={`sort-${c}`}>
                  {t(`board.column.${c}`)}
                </button>
              </th>
            ))}
            <th scope="col">{t('board.column.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.id}
              data-site-id={r.id}
              data-status={r.status}
              data-incidents={r.incidents}
              data-personnel={r.personnel}
            >
              <th scope="row">{r.name}</th>
              <td>{t(`siteKind.${r.kind}`)}</td>
              <td className="num">{r.criticality}</td>
              <td>
                <span className={`status-badge s-${r.status}`} data-testid="status">
                  {t(`siteStatus.${r.status}`)}
                </span>
              </td>
              <td>{r.holder || '—'}</td>
              <td>{r.since ? <Time value={r.since} /> : '—'}</td>
              <td className="num" data-testid="incidents">
                {number(r.incidents)}
              </td>
              <td className="num" data-testid="personnel">
                {number(r.personnel)}
                {r.planned > 0 && (
                  <span className="hint"> {t('board.planned', { count: r.planned })}</span>
                )}
              </td>
              <td>
                <div className="ops-actions">
                  <button
                    type="button"
                    onClick={() => toggle(r.id, 'history')}
                    aria-expanded={open?.id === r.id && open.what === 'history'}
                    aria-label={t('board.historyOf', { name: r.name })}
                  >
                    {t('board.history')}
                  </button>
                  {mayReport && (
                    <button
                      type="button"
                      onClick={() => toggle(r.id, 'status')}
                      aria-expanded={open?.id === r.id && open.what === 'status'}
                      aria-label={t('board.changeStatusOf', { name: r.name })}
                    >
                      {t('board.changeStatus')}
                    </button>
                  )}
                  {mayAssign && (
                    <button
                      type="button"
                      onClick={() => toggle(r.id, 'assign')}
                      aria-expanded={open?.id === r.id && open.what === 'assign'}
                      aria-label={t('board.assignTo', { name: r.name })}
                    >
                      {t('board.assign')}
                    </button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {sites.data && board.data && rows.length === 0 && <p className="empty">{t('board.none')}</p>}
      {selected && open?.what === 'history' && (
        <SiteHistoryPanel
          key={selected.id}
          site={selected}
          units={units}
          onClose={() => setOpen(null)}
        />
      )}
      {selected && open?.what === 'status' && (
        <StatusForm
          key={selected.id}
          site={selected}
          me={me}
          units={units}
          onClose={() => setOpen(null)}
        />
      )}
      {selected && open?.what === 'assign' && (
        <AssignForm key={selected.id} site={selected} units={units} onClose={() => setOpen(null)} />
      )}
    </section>
  );
}
