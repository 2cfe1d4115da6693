/**
 * The humanitarian picture for its readers: internally displaced people by commune (the latest
 * figure per place with its source, figures from other sources that disagree beside it), by
 * IOM DTM round, and the history of one place; who does what where (3W) by cluster and commune
 * with people reached; and HXL-tagged CSV exports of each kind. Everything follows the live
 * feed.
 */
import { CLUSTERS, HXL_KINDS, type Figure } from '@konbit/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { exportPath, humanitarian } from '../../api/humanitarian';
import { useQuery } from '../../api/useQuery';
import { allowedFor } from '../../app/permissions';
import type { ViewProps } from '../../app/views';
import { registerStrings } from '../../i18n/i18n';
import { FilterSelect, useCommuneOptions } from '../../ui/FilterSelect';
import { Source, useDay, useNumber } from '../../ui/format';
import '../desk/desk.css';
import { aboutArea, byClusterAndCommune } from './tables';
import en from './locales/en.json';
import fr from './locales/fr.json';
import ht from './locales/ht.json';

registerStrings('humanitarian', { en, fr, ht });

/** Places in reading order: the country, then departments, then communes, each by name. */
function byPlace(a: Figure, b: Figure): number {
  return a.place.level - b.place.level || a.place.name.localeCompare(b.place.name);
}

export default function HumanitarianView({ me }: ViewProps) {
  const { t } = useTranslation('humanitarian');
  return (
    <section className="humanitarian" aria-labelledby="hum-title">
      <h1 id="hum-title">{t('title')}</h1>
      <p className="hint">{t('intro')}</p>
      <Displacement />
      <WhoWhatWhere />
      {allowedFor(['export'], me) && <Exports />}
    </section>
  );
}

function Displacement() {
  const { t } = useTranslation('humanitarian');
  const number = useNumber();
  const day = useDay();
  const [place, setPlace] = useState<string | null>(null);
  const latest = useQuery(
    'idps:latest',
    (signal) => humanitarian.figures({ metric: 'idps', latest: true }, signal),
    ['figure'],
  );
  const history = useQuery(
    'idps:history',
    (signal) => humanitarian.figures({ metric: 'idps' }, signal),
    ['figure'],
  );
  const figures = (latest.data?.figures ?? []).filter(aboutArea).sort(byPlace);
  const dtm = (history.data?.figures ?? []).filter((f) => aboutArea(f) && f.dtm !== null);
  const rounds = [...new Map(dtm.map((f) => [f.dtm?.round ?? 0, f.asOf])).entries()].sort(
    (a, b) => a[0] - b[0],
  );
  const places = [...new Map(dtm.sort(byPlace).map((f) => [f.place.pcode, f.place])).values()];
  const cell = new Map(dtm.map((f) => [`${f.place.pcode}|${f.dtm?.round ?? 0}`, f]));

  return (
    <section aria-labelledby="displacement-title">
      <h2 id="displacement-title">{t('displacement')}</h2>
      {(latest.error ?? history.error) && (
        <p role="alert" className="error">
          {t('loadFailed')}
        </p>
      )}
      <h3 id="latest-title">{t('byCommune')}</h3>
      <table
        className="desk-table"
        aria-labelledby="latest-title"
        data-testid="displacement-latest"
      >
        <thead>
          <tr>
            <th scope="col">{t('place')}</th>
            <th scope="col" className="number">
              {t('idps')}
            </th>
            <th scope="col">{t('asOf')}</th>
            <th scope="col">{t('source')}</th>
          </tr>
        </thead>
        <tbody>
          {figures.map((f) => (
            <tr
              key={f.id}
              data-id={f.id}
              data-pcode={f.place.pcode}
              data-value={f.value}
              data-conflict={f.conflict}
              className={f.conflict ? 'conflict-row' : undefined}
            >
              <th scope="row">
                <button type="button" className="link" onClick={() => setPlace(f.place.pcode)}>
                  {f.place.name}
                </button>
                {f.conflict && (
                  <span className="conflict-marker" data-testid="conflict">
                    {' '}
                    ⚠ {t('conflict', { count: f.conflictsWith.length })}
                  </span>
                )}
              </th>
              <td className="number">
                {f.qualifier === 'exact' ? '' : `${t(`qualifier.${f.qualifier}`)} `}
                {number(f.value)}
              </td>
              <td>{day(f.asOf)}</td>
              <td>
                <Source source={sourceOf(f)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {latest.data && figures.length === 0 && <p className="empty">{t('noFigures')}</p>}

      <h3 id="rounds-title">{t('byRound')}</h3>
      <div className="table-scroll">
        <table
          className="desk-table"
          aria-labelledby="rounds-title"
          data-testid="displacement-rounds"
        >
          <thead>
            <tr>
              <th scope="col">{t('place')}</th>
              {rounds.map(([round, asOf]) => (
                <th key={round} scope="col" className="number" data-round={round}>
                  {t('round', { round })}
                  <br />
                  <small>{day(asOf)}</small>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {places.map((p) => (
              <tr key={p.pcode} data-pcode={p.pcode}>
                <th scope="row">{p.name}</th>
                {rounds.map(([round]) => {
                  const f = cell.get(`${p.pcode}|${round}`);
                  return (
                    <td
                      key={round}
                      className="number"
                      data-round={round}
                      data-value={f ? f.value : ''}
                    >
                      {f ? number(f.value) : '—'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="round-sources">
        {rounds.map(([round]) => {
          const first = dtm.find((f) => f.dtm?.round === round);
          return first ? (
            <li key={round}>
              {t('round', { round })}: <Source source={sourceOf(first)} />
            </li>
          ) : null;
        })}
      </ul>

      {place && <PlaceHistory pcode={place} onClose={() => setPlace(null)} />}
    </section>
  );
}

function sourceOf(f: Figure) {
  return {
    organisation: f.source.organisation,
    title: f.source.title,
    url: f.source.url,
    published: f.source.published,
    method: f.source.method,
  };
}

function PlaceHistory({ pcode, onClose }: { pcode: string; onClose: () => void }) {
  const { t } = useTranslation('humanitarian');
  const number = useNumber();
  const day = useDay();
  const history = useQuery(
    `idps:history:${pcode}`,
    (signal) => humanitarian.figures({ metric: 'idps', pcode }, signal),
    ['figure'],
  );
  const figures = (history.data?.figures ?? [])
    .filter((f) => aboutArea(f) && f.place.pcode === pcode)
    .sort((a, b) => b.asOf.localeCompare(a.asOf) || b.createdAt.localeCompare(a.createdAt));
  const name = figures[0]?.place.name ?? pcode;
  return (
    <section
      className="desk-report"
      aria-labelledby="history-title"
      data-testid="place-history"
      data-pcode={pcode}
    >
      <header>
        <h3 id="history-title">{t('history', { place: name })}</h3>
        <button type="button" className="secondary" onClick={onClose}>
          {t('close')}
        </button>
      </header>
      <table className="desk-table">
        <thead>
          <tr>
            <th scope="col">{t('asOf')}</th>
            <th scope="col" className="number">
              {t('idps')}
            </th>
            <th scope="col">{t('source')}</th>
          </tr>
        </thead>
        <tbody>
          {figures.map((f) => (
            <tr key={f.id} data-id={f.id} data-value={f.value} data-conflict={f.conflict}>
              <td>{day(f.asOf)}</td>
              <td className="number">{number(f.value)}</td>
              <td>
                <Source source={sourceOf(f)} />
                {f.dtm && <span>{t('round', { round: f.dtm.round })}</span>}
                {f.conflict && (
                  <span className="conflict-marker">
                    {' '}
                    ⚠ {t('conflict', { count: f.conflictsWith.length })}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

interface ThreeWFilters {
  readonly sector: string;
  readonly pcode: string;
}

function WhoWhatWhere() {
  const { t } = useTranslation('humanitarian');
  const number = useNumber();
  const day = useDay();
  const communes = useCommuneOptions();
  const [draft, setDraft] = useState<ThreeWFilters>({ sector: '', pcode: '' });
  const [filters, setFilters] = useState<ThreeWFilters>(draft);
  const list = useQuery(
    `3w:${filters.sector}:${filters.pcode}`,
    (signal) => humanitarian.activities(filters, signal),
    ['activity'],
  );
  const activities = list.data?.activities ?? [];
  const groups = byClusterAndCommune(activities);

  function apply(event: FormEvent) {
    event.preventDefault();
    setFilters(draft);
  }

  return (
    <section aria-labelledby="threew-title">
      <h2 id="threew-title">{t('threeW')}</h2>
      <form className="desk-filters" onSubmit={apply} aria-label={t('threeWFilters')}>
        <FilterSelect
          id="threew-sector"
          label={t('cluster')}
          any={t('anyCluster')}
          value={draft.sector}
          options={CLUSTERS.map((c) => ({ value: c, label: t(`clusters.${c}`) }))}
          onChange={(sector) => setDraft({ ...draft, sector })}
        />
        <FilterSelect
          id="threew-commune"
          label={t('commune')}
          any={t('anyCommune')}
          value={draft.pcode}
          options={communes}
          onChange={(pcode) => setDraft({ ...draft, pcode })}
        />
        <button type="submit">{t('apply')}</button>
      </form>
      {list.error && (
        <p role="alert" className="error">
          {t('loadFailed')}
        </p>
      )}

      <h3 id="threew-groups-title">{t('byClusterCommune')}</h3>
      <table
        className="desk-table"
        aria-labelledby="threew-groups-title"
        data-testid="threew-groups"
      >
        <thead>
          <tr>
            <th scope="col">{t('cluster')}</th>
            <th scope="col">{t('commune')}</th>
            <th scope="col" className="number">
              {t('activities')}
            </th>
            <th scope="col" className="number">
              {t('reached')}
            </th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr
              key={`${g.sector}|${g.pcode}`}
              data-sector={g.sector}
              data-pcode={g.pcode}
              data-activities={g.activities}
              data-reached={g.reached}
            >
              <td>{t(`clusters.${g.sector}`)}</td>
              <td>{g.name}</td>
              <td className="number">{number(g.activities)}</td>
              <td className="number">{number(g.reached)}</td>
            </tr>
          ))}
        </tbody>
        {list.data && (
          <tfoot>
            <tr
              data-testid="threew-totals"
              data-activities={list.data.totals.activities}
              data-reached={list.data.totals.reached.total}
            >
              <th scope="row" colSpan={2}>
                {t('total')}
              </th>
              <td className="number">{number(list.data.totals.activities)}</td>
              <td className="number">{number(list.data.totals.reached.total)}</td>
            </tr>
          </tfoot>
        )}
      </table>

      <h3 id="threew-list-title">{t('activityList')}</h3>
      <table className="desk-table" aria-labelledby="threew-list-title" data-testid="threew-list">
        <thead>
          <tr>
            <th scope="col">{t('organisation')}</th>
            <th scope="col">{t('cluster')}</th>
            <th scope="col">{t('activity')}</th>
            <th scope="col">{t('commune')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('period')}</th>
            <th scope="col" className="number">
              {t('reached')}
            </th>
            <th scope="col">{t('reachedBy')}</th>
          </tr>
        </thead>
        <tbody>
          {activities.map((a) => (
            <tr key={a.id} data-id={a.id} data-reached={a.reached.total ?? ''}>
              <td>
                {a.organisation.name}
                {a.organisation.acronym && ` (${a.organisation.acronym})`}
                <br />
                <small>{t(`orgTypes.${a.organisation.type}`)}</small>
              </td>
              <td>{t(`clusters.${a.sector}`)}</td>
              <td>{a.activity}</td>
              <td>{a.place.name}</td>
              <td>{t(`statuses.${a.status}`)}</td>
              <td>
                {a.start ? day(a.start) : '…'} – {a.end ? day(a.end) : '…'}
              </td>
              <td className="number">{a.reached.total === null ? '—' : number(a.reached.total)}</td>
              <td>
                {(['women', 'men', 'girls', 'boys'] as const)
                  .filter((k) => a.reached[k] !== null)
                  .map((k) => `${t(`people.${k}`)} ${number(a.reached[k] ?? 0)}`)
                  .join(', ') || '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data && activities.length === 0 && <p className="empty">{t('noActivities')}</p>}
    </section>
  );
}

function Exports() {
  const { t } = useTranslation('humanitarian');
  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">{t('export')}</h2>
      <p className="hint">{t('exportHint')}</p>
      <ul className="desk-actions" data-testid="exports">
        {HXL_KINDS.map((kind) => (
          <li key={kind}>
            <a className="button" href={exportPath(kind)} download data-kind={kind}>
              {t('exportKind', { kind: t(`kinds.${kind}`) })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
