/**
 * Critical sites coloured by their latest status as the user may read it (no readable report:
 * unknown). Details: status, holder, since, the status history and the statements released
 * for partners, from `/api/v1/sites/:id/history`.
 */
import { SITE_STATUSES, type SiteCollection, type SiteStatus } from '@konbit/core';
import type { GeoJSONSource, MapGeoJSONFeature } from 'maplibre-gl';
import { useTranslation } from 'react-i18next';
import { sitesApi } from '../../api/sites';
import { useQuery } from '../../api/useQuery';
import { Position, Source, Time } from '../../ui/format';
import { SITE_STATUS_COLOURS } from '../colours';
import { Pending } from './details';
import { EMPTY, type LayerProps, type MapLayer } from './layer';

type SiteFeature = SiteCollection['features'][number];

const ENTITIES = ['site', 'site-status', 'site-release'] as const;

export function statusOf(f: SiteFeature): SiteStatus {
  return f.properties.status?.status ?? 'unknown';
}

function byId(data: SiteCollection, id: string): SiteFeature | undefined {
  return data.features.find((f) => f.id === id);
}

/** The site's name in the chosen language where the registry has one. */
function useSiteName(): (f: SiteFeature) => string {
  const { i18n } = useTranslation();
  return (f) =>
    (i18n.language === 'fr' ? f.properties.nameFr : null) ??
    (i18n.language === 'ht' ? f.properties.nameHt : null) ??
    f.properties.name;
}

function Legend({ data }: LayerProps<SiteCollection>) {
  const { t } = useTranslation('map');
  const counts = new Map<SiteStatus, number>();
  for (const f of data.features) counts.set(statusOf(f), (counts.get(statusOf(f)) ?? 0) + 1);
  return (
    <ul className="legend" data-testid="legend-sites">
      {SITE_STATUSES.map((s) => (
        <li key={s} data-status={s} data-count={counts.get(s) ?? 0}>
          <span className="swatch dot big" style={{ background: SITE_STATUS_COLOURS[s] }} />
          {t(`sites.status.${s}`)} ({counts.get(s) ?? 0})
        </li>
      ))}
    </ul>
  );
}

function List({ data, select }: LayerProps<SiteCollection> & { select: (id: string) => void }) {
  const { t } = useTranslation('map');
  const name = useSiteName();
  const sorted = [...data.features].sort(
    (a, b) =>
      b.properties.criticality - a.properties.criticality ||
      a.properties.name.localeCompare(b.properties.name),
  );
  return (
    <table className="feature-table" data-testid="list-sites">
      <thead>
        <tr>
          <th scope="col">{t('sites.name')}</th>
          <th scope="col">{t('sites.statusLabel')}</th>
          <th scope="col">{t('sites.criticality')}</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((f) => (
          <tr key={f.id} data-id={f.id} data-status={statusOf(f)}>
            <td>
              <button type="button" className="link" onClick={() => select(f.id)}>
                {name(f)}
              </button>
            </td>
            <td>{t(`sites.status.${statusOf(f)}`)}</td>
            <td>{f.properties.criticality}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function History({ id }: { id: string }) {
  const { t } = useTranslation('map');
  const history = useQuery(`site-history:${id}`, (signal) => sitesApi.history(id, signal), [
    ...ENTITIES,
  ]);
  if (history.error || !history.data) return <Pending query={history} />;
  const { changes, releases } = history.data;
  return (
    <>
      <h4>{t('sites.history')}</h4>
      {changes.length === 0 ? (
        <p className="hint">{t('sites.noHistory')}</p>
      ) : (
        <ol className="history" data-testid="site-history">
          {changes.map((c) => (
            <li key={c.id} data-id={c.id} data-status={c.status}>
              <Time value={c.at} />: {c.previous ? `${t(`sites.status.${c.previous}`)} → ` : ''}
              <strong>{t(`sites.status.${c.status}`)}</strong>
              {c.holder?.organisation && <> — {c.holder.organisation}</>}
              {c.note && <span className="hint"> — {c.note}</span>}
              <Source source={c.source} />
            </li>
          ))}
        </ol>
      )}
      <h4>{t('sites.releases')}</h4>
      {releases.length === 0 ? (
        <p className="hint">{t('sites.noReleases')}</p>
      ) : (
        <ul className="history" data-testid="site-releases">
          {releases.map((r) => (
            <li key={r.id} data-id={r.id}>
              <Time value={r.releasedAt} />: {r.statement}{' '}
              <span className="hint">
                ({t(`classification.${r.classification}`, { ns: 'common' })})
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Details({ data, id }: LayerProps<SiteCollection> & { id: string }) {
  const { t } = useTranslation('map');
  const name = useSiteName();
  const site = byId(data, id);
  if (!site) return null;
  const p = site.properties;
  const status = p.status;
  const [lon, lat] = site.geometry.coordinates;
  return (
    <>
      <h3 data-testid="details-title">{name(site)}</h3>
      <dl>
        <dt>{t('sites.statusLabel')}</dt>
        <dd data-testid="details-status" data-status={statusOf(site)}>
          <span
            className="swatch dot"
            style={{ background: SITE_STATUS_COLOURS[statusOf(site)] }}
          />
          {t(`sites.status.${statusOf(site)}`)}
        </dd>
        <dt>{t('sites.holder')}</dt>
        <dd data-testid="details-holder">
          {status?.holder?.organisation ?? (status?.holder?.unitId ? t('sites.unit') : '—')}
        </dd>
        <dt>{t('sites.since')}</dt>
        <dd data-testid="details-since">{status ? <Time value={status.at} /> : '—'}</dd>
        <dt>{t('sites.kindLabel')}</dt>
        <dd>{t(`sites.kind.${p.kind}`)}</dd>
        <dt>{t('sites.criticality')}</dt>
        <dd>{p.criticality} / 5</dd>
        <dt>{t('areas.commune')}</dt>
        <dd>
          {p.place.name} ({p.place.pcode})
        </dd>
      </dl>
      {p.positionNote && <p className="hint">{p.positionNote}</p>}
      <Position lon={lon} lat={lat} />
      {status && <Source source={status.source} />}
      <History id={id} />
    </>
  );
}

export const sitesLayer: MapLayer<SiteCollection> = {
  id: 'sites',
  defaultOn: true,
  entities: ENTITIES,
  usesTimeWindow: false,
  dataKey: () => 'sites',
  load: (_state, signal) => sitesApi.list(signal),
  install(map) {
    map.addSource('sites', { type: 'geojson', data: EMPTY, promoteId: 'id' });
    map.addLayer({
      id: 'sites-points',
      type: 'circle',
      source: 'sites',
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 6, 5, 12, 10],
        'circle-color': ['get', 'colour'],
        'circle-stroke-color': '#111827',
        'circle-stroke-width': 2,
      },
    });
  },
  render(map, data) {
    (map.getSource('sites') as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: data.features.map((f) => ({
        type: 'Feature',
        geometry: f.geometry,
        properties: {
          id: f.id,
          status: statusOf(f),
          criticality: f.properties.criticality,
          colour: SITE_STATUS_COLOURS[statusOf(f)],
        },
      })),
    } as never);
  },
  styleLayers: ['sites-points'],
  clickable: ['sites-points'],
  pick: (f: MapGeoJSONFeature) => (typeof f.id === 'string' ? f.id : null),
  locate: (data, id) => byId(data, id)?.geometry.coordinates ?? null,
  Legend,
  List,
  Details,
};
