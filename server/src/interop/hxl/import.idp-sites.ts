/**
 * `kind=idp-sites`: IDP sites by code (or name within their commune), with their point, commune,
 * type and status, and, when the file gives them, their population as figures.
 */
import {
  IDP_SITE_STATUSES,
  IDP_SITE_TYPES,
  idpSiteStatusFromLabel,
  idpSiteTypeFromLabel,
  KonbitError,
  type CreateIdpSiteRequest,
  type Metric,
} from '@konbit/core';
import { idpSiteNaturalKey } from '../../humanitarian/idp-sites/idp-site.js';
import { findIdpSitesByKey } from '../../humanitarian/idp-sites/idp-site.repository.js';
import {
  createIdpSite,
  placeSite,
  updateIdpSite,
} from '../../humanitarian/idp-sites/idp-site.service.js';
import {
  changedFields,
  figureNaturalKey,
  konbitId,
  upsertPlanned,
  writeFigures,
  type PlannedFigure,
  type PlannedRecord,
  classificationOf,
} from '../import.js';
import type { FieldSpecs, RowValues } from './fields.js';
import type { KindImporter } from './import.service.js';

const FIELDS = {
  code: { patterns: ['#loc+code'] },
  name: { patterns: ['#loc+name'], required: true },
  type: { patterns: ['#loc+type'], required: true },
  lat: { patterns: ['#geo+lat'] },
  lon: { patterns: ['#geo+lon'] },
  adm1: { patterns: ['#adm1+code-origin'] },
  adm2: { patterns: ['#adm2+code-origin'] },
  status: { patterns: ['#status'] },
  openedOn: { patterns: ['#date+start'] },
  closedOn: { patterns: ['#date+end'] },
  date: { patterns: ['#date+reported'] },
  idps: { patterns: ['#affected+idps-hh-m-f', '#population+idps-hh-m-f'] },
  households: { patterns: ['#affected+idps+hh', '#affected+hh'] },
  sourceOrganisation: { patterns: ['#meta+source'] },
  sourceTitle: { patterns: ['#meta+title'] },
  sourceUrl: { patterns: ['#meta+url'] },
  generalised: { patterns: ['#meta+generalised'] },
  precision: { patterns: ['#geo+precision'] },
  id: { patterns: ['#meta+id'] },
  classification: { patterns: ['#meta+classification'] },
} as const satisfies FieldSpecs<string>;

type Field = keyof typeof FIELDS;

interface PlannedSite extends PlannedRecord {
  readonly input: CreateIdpSiteRequest & { pcode: string };
}

export interface SitesPlan {
  readonly sites: PlannedSite[];
  readonly figures: PlannedFigure[];
  readonly seen: Map<string, number>;
}

/** The site's point; null when the row gives none; undefined after an error. */
function locationOf(v: RowValues<Field>): { lon: number; lat: number } | null | undefined {
  // An export holds the commune centroid for a site known by commune only, or for a reader
  // who may not see its point: that is not the site's point.
  if (/^(yes|true|1|oui)$/i.test(v.text('generalised') ?? '')) return null;
  if (/^commune$/i.test(v.text('precision') ?? '')) return null;
  const [latText, lonText] = [v.text('lat'), v.text('lon')];
  if (latText === null && lonText === null) return null;
  if (latText === null || lonText === null) {
    v.error(latText === null ? 'lat' : 'lon', 'Give both #geo+lat and #geo+lon, or neither');
    return undefined;
  }
  const lat = v.number('lat', 'The latitude', -90, 90);
  const lon = v.number('lon', 'The longitude', -180, 180);
  return lat === null || lon === null ? undefined : { lon, lat };
}

function populationFigures(
  v: RowValues<Field>,
  site: { key: string; code: string; pcode: string },
  ctx: Parameters<KindImporter<Field, SitesPlan>['read']>[1],
): PlannedFigure[] {
  const out: PlannedFigure[] = [];
  for (const [field, metric] of [
    ['idps', 'idps'],
    ['households', 'idp-households'],
  ] as [Field, Metric][]) {
    const value = v.count(field, `The site's ${metric} figure`);
    if (value === null) continue;
    const asOf = v.date('date', 'The date of the population figure', true);
    const organisation = v.text('sourceOrganisation') ?? ctx.source.organisation;
    if (organisation === undefined) {
      v.error(
        'sourceOrganisation',
        'No source for the population: add a #meta+source column, or give sourceOrganisation with the import',
      );
    }
    if (asOf === null || organisation === undefined) continue;
    const title =
      v.text('sourceTitle') ?? ctx.source.title ?? `HXL import ${ctx.fileName ?? ''}`.trim();
    const url = v.text('sourceUrl') ?? ctx.source.url;
    out.push({
      row: v.row,
      column: v.columnOf(field),
      naturalKey: figureNaturalKey({
        metric,
        pcode: site.pcode,
        siteKey: site.key,
        asOf,
        organisation,
        title,
      }),
      input: {
        metric,
        value,
        asOf,
        source: { organisation, title, ...(url ? { url } : {}) },
        ...classificationOf(v, ctx, 'partners'),
      },
      site: { key: site.key, column: v.columnOf('code'), code: site.code },
    });
  }
  return out;
}

export function idpSiteImporter(): KindImporter<Field, SitesPlan> {
  return {
    fields: FIELDS,
    newPlan: () => ({ sites: [], figures: [], seen: new Map() }),

    read(v, ctx, plan) {
      const name = v.required('name', 'The site name');
      const type = v.choice('type', 'The site type', idpSiteTypeFromLabel, IDP_SITE_TYPES, true);
      const status = v.choice('status', 'The status', idpSiteStatusFromLabel, IDP_SITE_STATUSES);
      const openedOn = v.date('openedOn', 'The opening date');
      const closedOn = v.date('closedOn', 'The closing date');
      const location = locationOf(v);
      const adm1 = v.text('adm1')?.toUpperCase() ?? null;
      const adm2 = v.text('adm2')?.toUpperCase() ?? undefined;
      if (adm1 !== null && adm2 !== undefined && !adm2.startsWith(adm1))
        v.error('adm2', `${adm2} is not in ${adm1}`);
      if (location === undefined || name === null || type === null) return;
      let pcode: string;
      try {
        pcode = placeSite(ctx.deps.areas, location, adm2).pcode;
      } catch (err) {
        if (!(err instanceof KonbitError)) throw err;
        v.error(err.field === 'location' ? 'lat' : 'adm2', err.message);
        return;
      }
      const code = v.text('code');
      const key = idpSiteNaturalKey({ code, name, pcode });
      const first = plan.seen.get(key);
      if (first !== undefined) {
        v.error(code !== null ? 'code' : 'name', `The same site is already on row ${first}`);
        return;
      }
      plan.seen.set(key, v.row);
      plan.sites.push({
        row: v.row,
        key,
        column: v.columnOf(code !== null ? 'code' : 'name'),
        input: {
          ...konbitId(v.text('id')),
          ...(code !== null ? { code } : {}),
          name,
          type,
          ...(location ? { location } : {}),
          pcode,
          ...(status !== null ? { status } : {}),
          ...(openedOn !== null ? { openedOn } : {}),
          ...(closedOn !== null ? { closedOn } : {}),
          ...classificationOf(v, ctx),
        },
      });
      plan.figures.push(...populationFigures(v, { key, code: code ?? name, pcode }, ctx));
    },

    async write(tx, ctx, plan, errors, counts) {
      await upsertPlanned(tx, ctx, plan.sites, errors, counts, {
        what: 'An IDP site',
        find: findIdpSitesByKey,
        changes: (p, stored) =>
          changedFields(
            {
              name: stored.name,
              type: stored.type,
              location:
                stored.lon === null || stored.lat === null
                  ? null
                  : { lon: stored.lon, lat: stored.lat },
              pcode: stored.pcode,
              status: stored.status,
              openedOn: stored.opened_on,
              closedOn: stored.closed_on,
            },
            {
              name: p.input.name,
              type: p.input.type,
              location: p.input.location,
              pcode: p.input.pcode,
              status: p.input.status,
              openedOn: p.input.openedOn,
              closedOn: p.input.closedOn,
            },
          ),
        update: (_p, stored, changes) => updateIdpSite(tx, ctx.actor, ctx.deps, stored.id, changes),
        create: (p) => createIdpSite(tx, ctx.actor, ctx.deps, p.input),
        created: (c) => {
          c.idpSites += 1;
        },
      });
      if (errors.count > 0) return;
      await writeFigures(tx, ctx, plan.figures, errors, counts);
    },
  };
}
