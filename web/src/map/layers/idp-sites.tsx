/**
 * IDP sites: each at its recorded point, or at its commune centroid where the policy shows this
 * user only the commune (flagged, drawn hollow) or only the commune is known. Details: type,
 * status, commune, the latest population figures with their sources.
 */
import type { IdpSite } from '@konbit/core';
import type { GeoJSONSource, MapGeoJSONFeature } from 'maplibre-gl';
import { useTranslation } from 'react-i18next';
import { humanitarianMapApi } from '../../api/humanitarian-map';
import { Position, useDay, useNumber } from '../../ui/format';
import { IDP_SITE } from '../colours';
import { DetailsFigure } from './details';
import { EMPTY, type LayerProps, type MapLayer } from './layer';

export interface IdpSitesData {
  readonly features: readonly IdpSite[];
}

/** Shown at a commune centroid, whether by the policy or because only the commune is known. */
export const atCentroid = (s: IdpSite) =>
  s.location.generalised || s.location.precision === 'commune';

function byId(data: IdpSitesData, id: string) {
  return data.features.find((s) => s.id === id);
}

function Legend() {
  const { t } = useTranslation('map');
  return (
    <ul className="legend" data-testid="legend-idp-sites">
      <li>
        <span className="swatch dot big" style={{ background: IDP_SITE }} />
        {t('idp.exact')}
      </li>
      <li>
        <span className="swatch dot big hollow" style={{ borderColor: IDP_SITE }} />
        {t('idp.centroid')}
      </li>
    </ul>
  );
}

function List({ data, select }: LayerProps<IdpSitesData> & { select: (id: string) => void }) {
  const { t } = useTranslation('map');
  const number = useNumber();
  const sorted = [...data.features].sort(
    (a, b) =>
      (b.population.idps?.value ?? 0) - (a.population.idps?.value ?? 0) ||
      a.name.localeCompare(b.name),
  );
  return (
    <ul className="feature-list" data-testid="list-idp-sites">
      {sorted.map((s) => (
        <li
          key={s.id}
          data-id={s.id}
          data-generalised={s.location.generalised}
          data-precision={s.location.precision}
        >
          <button type="button" className="link" onClick={() => select(s.id)}>
            {s.name}
          </button>{' '}
          <span className="hint">
            {s.commune.name}
            {s.population.idps && <> · {number(s.population.idps.value)}</>}
            {atCentroid(s) && <> · {t('idp.atCentroid')}</>}
          </span>
        </li>
      ))}
    </ul>
  );
}

function Population({ label, figure }: { label: string; figure: IdpSite['population']['idps'] }) {
  if (!figure) return null;
  return <DetailsFigure figure={figure} label={label} testId="details-population" />;
}

function Details({ data, id }: LayerProps<IdpSitesData> & { id: string }) {
  const { t } = useTranslation('map');
  const day = useDay();
  const site = byId(data, id);
  if (!site) return null;
  const [lon, lat] = site.location.position;
  return (
    <>
      <h3 data-testid="details-title">{site.name}</h3>
      {atCentroid(site) && (
        <p className="conflict-marker" data-testid="details-generalised">
          {site.location.generalised ? t('idp.generalisedNote') : t('idp.communeOnlyNote')}
        </p>
      )}
      <dl>
        <dt>{t('idp.typeLabel')}</dt>
        <dd>{t(`idp.type.${site.type}`)}</dd>
        <dt>{t('idp.statusLabel')}</dt>
        <dd>{t(`idp.status.${site.status}`)}</dd>
        <dt>{t('areas.commune')}</dt>
        <dd data-testid="details-pcode">
          {site.commune.name} ({site.commune.pcode})
        </dd>
        {site.code && (
          <>
            <dt>{t('idp.code')}</dt>
            <dd>{site.code}</dd>
          </>
        )}
        {site.openedOn && (
          <>
            <dt>{t('idp.opened')}</dt>
            <dd>{day(site.openedOn)}</dd>
          </>
        )}
      </dl>
      <Position lon={lon} lat={lat} />
      <Population label={t('idp.people')} figure={site.population.idps} />
      <Population label={t('idp.households')} figure={site.population.households} />
      {!site.population.idps && !site.population.households && (
        <p className="hint">{t('idp.noPopulation')}</p>
      )}
    </>
  );
}

export const idpSitesLayer: MapLayer<IdpSitesData> = {
  id: 'idp-sites',
  defaultOn: true,
  entities: ['idp-site', 'figure'],
  usesTimeWindow: false,
  dataKey: () => 'idp-sites',
  async load(_state, signal) {
    const { sites } = await humanitarianMapApi.idpSites(signal);
    return { features: sites };
  },
  install(map) {
    map.addSource('idp-sites', { type: 'geojson', data: EMPTY, promoteId: 'id' });
    map.addLayer({
      id: 'idp-sites-points',
      type: 'circle',
      source: 'idp-sites',
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 6, 4, 12, 8],
        'circle-color': ['case', ['get', 'atCentroid'], 'rgba(255,255,255,0.7)', IDP_SITE],
        'circle-stroke-color': IDP_SITE,
        'circle-stroke-width': ['case', ['get', 'atCentroid'], 3, 1.5],
      },
    });
  },
  render(map, data) {
    (map.getSource('idp-sites') as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: data.features.map((s) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: s.location.position },
        properties: {
          id: s.id,
          pcode: s.commune.pcode,
          generalised: s.location.generalised,
          atCentroid: atCentroid(s),
        },
      })),
    } as never);
  },
  styleLayers: ['idp-sites-points'],
  clickable: ['idp-sites-points'],
  pick: (f: MapGeoJSONFeature) => (typeof f.id === 'string' ? f.id : null),
  locate: (data, id) => byId(data, id)?.location.position ?? null,
  Legend,
  List,
  Details,
};
