/**
 * HXL export: what the reader may read, presented by the same presenters as the API (so IDP
 * sites carry the commune centroid for those who may not see the point), as an HXL-tagged
 * table: a header row, a hashtag row, then the records. The columns are those the import reads,
 * so an export imports again. Every export is recorded in the audit log.
 */
import { geojsonToWKT } from '@terraformer/wkt';
import type { GeoJSON } from 'geojson';
import {
  CLUSTER_LABELS,
  KonbitError,
  missionDay,
  ORGANISATION_TYPE_LABELS,
  type AccessConstraint,
  type Activity,
  type ExportQuery,
  type Figure,
  type HxlKind,
  type IdpSite,
} from '@konbit/core';
import type { Areas } from '../../areas/areas.js';
import { recordChange } from '../../changelog/changelog.service.js';
import { presentFigure } from '../../figures/figure.presenter.js';
import { listFigures } from '../../figures/figure.service.js';
import { presentAccessConstraint } from '../../humanitarian/access/access.presenter.js';
import { listAccessConstraints } from '../../humanitarian/access/access.service.js';
import { presentActivity } from '../../humanitarian/activities/activity.presenter.js';
import { listActivities } from '../../humanitarian/activities/activity.service.js';
import { presentIdpSite } from '../../humanitarian/idp-sites/idp-site.presenter.js';
import { listIdpSites, siteCodes } from '../../humanitarian/idp-sites/idp-site.service.js';
import type { UserActor } from '../../policy/actor.js';
import { can } from '../../policy/policy.js';
import type { Store } from '../../store/store.js';
import type { ImportDeps } from '../import.js';

/** One column of an export: its header, its hashtag, and its cell for a record. */
interface Column<T> {
  readonly header: string;
  readonly tag: string;
  readonly cell: (record: T) => string | number | null | undefined;
}

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

/** The P-codes of a place by level: the department of a commune is its first four characters. */
function levels(areas: Areas, pcode: string) {
  const area = areas.get(pcode);
  const level = area?.level ?? 0;
  const adm1 = level >= 1 ? pcode.slice(0, 4) : null;
  const adm2 = level === 2 ? pcode : null;
  return {
    level,
    adm1,
    adm1Name: adm1 ? (areas.get(adm1)?.name ?? null) : null,
    adm2,
    adm2Name: adm2 ? (area?.name ?? null) : null,
  };
}

/** Department and commune, codes and names, of the place `pcodeOf` gives. */
function placeColumns<T>(areas: Areas, pcodeOf: (r: T) => string): Column<T>[] {
  const at = (r: T) => levels(areas, pcodeOf(r));
  return [
    { header: 'Department', tag: '#adm1+code', cell: (r) => at(r).adm1 },
    { header: 'Department name', tag: '#adm1+name', cell: (r) => at(r).adm1Name },
    { header: 'Commune', tag: '#adm2+code', cell: (r) => at(r).adm2 },
    { header: 'Commune name', tag: '#adm2+name', cell: (r) => at(r).adm2Name },
  ];
}

type FigureRow = Figure & { siteCode: string | null };

function figureColumns(areas: Areas): Column<FigureRow>[] {
  const sex = (f: Figure, key: string) =>
    f.breakdown.find((b) => b.by === 'sex' && b.key === key)?.value;
  const value = (metric: string) => (f: Figure) => (f.metric === metric ? f.value : null);
  return [
    { header: 'Country', tag: '#country+code', cell: () => 'HTI' },
    ...placeColumns<FigureRow>(areas, (f) => f.place.pcode),
    { header: 'Admin level', tag: '#adm+level', cell: (f) => f.place.level },
    { header: 'IDP site', tag: '#loc+code', cell: (f) => f.siteCode },
    { header: 'Date', tag: '#date+reported', cell: (f) => f.asOf },
    { header: 'Period start', tag: '#date+start', cell: (f) => f.periodStart },
    { header: 'IDPs', tag: '#affected+idps', cell: value('idps') },
    { header: 'IDP households', tag: '#affected+idps+hh', cell: value('idp-households') },
    { header: 'Displaced', tag: '#affected+displaced', cell: value('displaced') },
    { header: 'Male IDPs', tag: '#affected+idps+m', cell: (f) => sex(f, 'm') },
    { header: 'Female IDPs', tag: '#affected+idps+f', cell: (f) => sex(f, 'f') },
    { header: 'Qualifier', tag: '#meta+qualifier', cell: (f) => f.qualifier },
    { header: 'DTM operation', tag: '#operation+name', cell: (f) => f.dtm?.operation },
    { header: 'DTM round', tag: '#round+code', cell: (f) => f.dtm?.round },
    { header: 'DTM assessment', tag: '#assessment+type', cell: (f) => f.dtm?.assessmentType },
    { header: 'Source', tag: '#meta+source', cell: (f) => f.source.organisation },
    { header: 'Document', tag: '#meta+title', cell: (f) => f.source.title },
    { header: 'Link', tag: '#meta+url', cell: (f) => f.source.url },
    { header: 'Published', tag: '#date+published', cell: (f) => f.source.published },
    { header: 'Method', tag: '#meta+method', cell: (f) => f.source.method },
    { header: 'Confidence', tag: '#meta+confidence', cell: (f) => f.confidence },
    { header: 'About', tag: '#description', cell: (f) => f.context },
    { header: 'Another source disagrees', tag: '#meta+conflict', cell: (f) => yesNo(f.conflict) },
    { header: 'Classification', tag: '#meta+classification', cell: (f) => f.classification },
    { header: 'Konbit id', tag: '#meta+id', cell: (f) => f.id },
  ];
}

function siteColumns(areas: Areas): Column<IdpSite>[] {
  const population = (s: IdpSite) => s.population.idps ?? s.population.households;
  return [
    { header: 'Site code', tag: '#loc+code', cell: (s) => s.code },
    { header: 'Site name', tag: '#loc+name', cell: (s) => s.name },
    { header: 'Site type', tag: '#loc+type', cell: (s) => s.type },
    { header: 'Status', tag: '#status', cell: (s) => s.status },
    { header: 'Opened', tag: '#date+start', cell: (s) => s.openedOn },
    { header: 'Closed', tag: '#date+end', cell: (s) => s.closedOn },
    ...placeColumns<IdpSite>(areas, (s) => s.commune.pcode),
    { header: 'Latitude', tag: '#geo+lat', cell: (s) => s.location.position[1] },
    { header: 'Longitude', tag: '#geo+lon', cell: (s) => s.location.position[0] },
    { header: 'Precision', tag: '#geo+precision', cell: (s) => s.location.precision },
    {
      header: 'Commune centroid shown instead of the site',
      tag: '#meta+generalised',
      cell: (s) => yesNo(s.location.generalised),
    },
    { header: 'IDPs', tag: '#affected+idps', cell: (s) => s.population.idps?.value },
    {
      header: 'IDP households',
      tag: '#affected+idps+hh',
      cell: (s) => s.population.households?.value,
    },
    { header: 'Population date', tag: '#date+reported', cell: (s) => population(s)?.asOf },
    {
      header: 'Population source',
      tag: '#meta+source',
      cell: (s) => population(s)?.source.organisation,
    },
    { header: 'Population document', tag: '#meta+title', cell: (s) => population(s)?.source.title },
    { header: 'Classification', tag: '#meta+classification', cell: (s) => s.classification },
    { header: 'Konbit id', tag: '#meta+id', cell: (s) => s.id },
  ];
}

function activityColumns(areas: Areas): Column<Activity>[] {
  return [
    { header: 'Organisation', tag: '#org+name', cell: (a) => a.organisation.name },
    { header: 'Acronym', tag: '#org+acronym', cell: (a) => a.organisation.acronym },
    {
      header: 'Organisation type',
      tag: '#org+type',
      cell: (a) => ORGANISATION_TYPE_LABELS[a.organisation.type],
    },
    { header: 'Cluster', tag: '#sector+cluster', cell: (a) => CLUSTER_LABELS[a.sector] },
    { header: 'Activity', tag: '#activity+name', cell: (a) => a.activity },
    ...placeColumns<Activity>(areas, (a) => a.place.pcode),
    { header: 'Status', tag: '#status', cell: (a) => a.status },
    { header: 'Start', tag: '#date+start', cell: (a) => a.start },
    { header: 'End', tag: '#date+end', cell: (a) => a.end },
    { header: 'People reached', tag: '#reached+ind', cell: (a) => a.reached.total },
    { header: 'Women', tag: '#reached+f+adults', cell: (a) => a.reached.women },
    { header: 'Men', tag: '#reached+m+adults', cell: (a) => a.reached.men },
    { header: 'Girls', tag: '#reached+f+children', cell: (a) => a.reached.girls },
    { header: 'Boys', tag: '#reached+m+children', cell: (a) => a.reached.boys },
    { header: 'Classification', tag: '#meta+classification', cell: (a) => a.classification },
    { header: 'Konbit id', tag: '#meta+id', cell: (a) => a.id },
  ];
}

function accessColumns(): Column<AccessConstraint>[] {
  return [
    { header: 'Category', tag: '#operations+type', cell: (c) => c.categoryLabel },
    { header: 'Severity', tag: '#severity', cell: (c) => c.severity },
    {
      header: 'Communes',
      tag: '#adm2+code',
      cell: (c) => c.communes.map((x) => x.pcode).join(' '),
    },
    {
      header: 'Commune names',
      tag: '#adm2+name',
      cell: (c) => c.communes.map((x) => x.name).join('; '),
    },
    {
      header: 'Road or area (WKT)',
      tag: '#geo+coord',
      cell: (c) => (c.geometry ? geojsonToWKT(c.geometry as GeoJSON) : null),
    },
    { header: 'Place', tag: '#loc+name', cell: (c) => c.place },
    { header: 'Description', tag: '#description', cell: (c) => c.description },
    { header: 'From', tag: '#date+start', cell: (c) => c.start },
    { header: 'To', tag: '#date+end', cell: (c) => c.end },
    { header: 'In force today', tag: '#status', cell: (c) => (c.open ? 'open' : 'not in force') },
    { header: 'Source', tag: '#meta+source', cell: (c) => c.source.organisation },
    { header: 'Document', tag: '#meta+title', cell: (c) => c.source.title },
    { header: 'Link', tag: '#meta+url', cell: (c) => c.source.url },
    { header: 'Classification', tag: '#meta+classification', cell: (c) => c.classification },
    { header: 'Konbit id', tag: '#meta+id', cell: (c) => c.id },
  ];
}

function table<T>(columns: readonly Column<T>[], records: readonly T[]): string[][] {
  return [
    columns.map((c) => c.header),
    columns.map((c) => c.tag),
    ...records.map((r) =>
      columns.map((c) => {
        const v = c.cell(r);
        return v === null || v === undefined ? '' : String(v);
      }),
    ),
  ];
}

/** The figures a displacement export holds. */
const DISPLACEMENT_METRICS = ['idps', 'idp-households', 'displaced'];

async function rowsOf(
  store: Store,
  actor: UserActor,
  deps: ImportDeps,
  kind: HxlKind,
  query: ExportQuery,
): Promise<{ rows: string[][]; count: number }> {
  const { areas, clock } = deps;
  const rows = <T>(columns: Column<T>[], records: T[]) => ({
    rows: table(columns, records),
    count: records.length,
  });
  switch (kind) {
    case 'displacement': {
      const { figures } = await listFigures(store, actor, deps, {
        metrics: DISPLACEMENT_METRICS,
        within: query.pcode,
        from: query.from,
        to: query.to,
      });
      const codes = await siteCodes(
        store,
        actor,
        figures.flatMap((f) => (f.figure.idpSiteId ? [f.figure.idpSiteId] : [])),
      );
      const presented = figures.map((f) => ({
        ...presentFigure(f.figure, areas, f.conflictsWith),
        siteCode: f.figure.idpSiteId ? (codes.get(f.figure.idpSiteId) ?? null) : null,
      }));
      // A figure of a site the reader may not read would name it: leave such figures out.
      return rows(
        figureColumns(areas),
        presented.filter((f) => f.place.idpSiteId === null || f.siteCode !== null),
      );
    }
    case 'idp-sites': {
      const sites = await listIdpSites(store, actor, clock, { pcode: query.pcode, all: true });
      return rows(
        siteColumns(areas),
        sites.map((s) => presentIdpSite(s.site, actor, areas, s.population)),
      );
    }
    case 'activities': {
      const { activities } = await listActivities(store, actor, query);
      return rows(
        activityColumns(areas),
        activities.map((a) => presentActivity(a, areas)),
      );
    }
    case 'access': {
      const period = query.from !== undefined || query.to !== undefined;
      const constraints = await listAccessConstraints(store, actor, clock, {
        ...query,
        all: !period,
      });
      const day = missionDay(clock.now());
      return rows(
        accessColumns(),
        constraints.map((c) => presentAccessConstraint(c, areas, day)),
      );
    }
  }
}

/**
 * The HXL table of `kind` that `actor` may read, filtered by `query`; the export is recorded in
 * the audit log with what it held.
 */
export async function exportHxl(
  store: Store,
  actor: UserActor,
  deps: ImportDeps,
  kind: HxlKind,
  query: ExportQuery,
): Promise<{ rows: string[][]; count: number }> {
  if (!can(actor, 'export')) {
    throw new KonbitError('Forbidden', 'Your role may not export (export)');
  }
  const out = await rowsOf(store, actor, deps, kind, query);
  await store.transaction((tx) =>
    recordChange(tx, actor, {
      entity: 'audit',
      entityId: `${kind}-export`,
      op: 'event',
      classification: 'restricted',
      restrictedTo: [],
      payload: { action: 'export', entity: kind, count: out.count, query },
    }),
  );
  return out;
}
