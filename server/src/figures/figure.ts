/** Figures: a number with its metric, place, date and source. */
import type {
  BreakdownItem,
  ClassificationLevel,
  Confidence,
  FigureId,
  HazardEventId,
  IdpSiteId,
  Metric,
  Qualifier,
  Unit,
} from '@konbit/core';
import type { FigureTable } from './figure.table.js';

/** What a figure imported from IOM's Displacement Tracking Matrix says about itself. */
export interface DtmOrigin {
  readonly operation: string;
  readonly round: number;
  readonly adminLevel: number;
  readonly assessmentType: string | null;
}

export interface Figure {
  readonly id: FigureId;
  readonly metric: Metric;
  readonly value: number;
  readonly unit: Unit;
  readonly qualifier: Qualifier;
  readonly pcode: string;
  readonly idpSiteId: IdpSiteId | null;
  readonly hazardEventId: HazardEventId | null;
  readonly asOf: string;
  readonly periodStart: string | null;
  readonly source: {
    readonly organisation: string;
    readonly title: string;
    readonly url: string | null;
    readonly published: string | null;
    readonly method: string | null;
  };
  readonly confidence: Confidence | null;
  readonly context: string | null;
  readonly breakdown: readonly BreakdownItem[];
  readonly dtm: DtmOrigin | null;
  /** Set by imports: the same key again adds nothing. Never shown. */
  readonly naturalKey: string | null;
  readonly classification: ClassificationLevel;
  readonly restrictedTo: readonly string[];
  readonly createdBy: string;
  readonly createdOrg: string | null;
  readonly createdAt: string;
}

interface FigureDetail {
  readonly breakdown?: readonly BreakdownItem[];
  readonly dtm?: DtmOrigin;
}

export function figureRowToFigure(row: FigureTable): Figure {
  const detail = row.detail === null ? {} : (JSON.parse(row.detail) as FigureDetail);
  return {
    id: row.id as FigureId,
    metric: row.metric as Metric,
    value: row.value,
    unit: row.unit as Unit,
    qualifier: row.qualifier as Qualifier,
    pcode: row.pcode,
    idpSiteId: row.idp_site_id as IdpSiteId | null,
    hazardEventId: row.hazard_event_id as HazardEventId | null,
    asOf: row.as_of,
    periodStart: row.period_start,
    source: {
      organisation: row.source_organisation,
      title: row.source_title,
      url: row.source_url,
      published: row.source_published,
      method: row.source_method,
    },
    confidence: row.confidence as Confidence | null,
    context: row.context,
    breakdown: detail.breakdown ?? [],
    dtm: detail.dtm ?? null,
    naturalKey: row.natural_key,
    classification: row.classification as ClassificationLevel,
    restrictedTo: row.restricted_to === null ? [] : (JSON.parse(row.restricted_to) as string[]),
    createdBy: row.created_by,
    createdOrg: row.created_org,
    createdAt: row.created_at,
  };
}

export function figureToRow(f: Figure): FigureTable {
  const detail: FigureDetail = {
    ...(f.breakdown.length > 0 ? { breakdown: f.breakdown } : {}),
    ...(f.dtm ? { dtm: f.dtm } : {}),
  };
  return {
    id: f.id,
    metric: f.metric,
    value: f.value,
    unit: f.unit,
    qualifier: f.qualifier,
    pcode: f.pcode,
    idp_site_id: f.idpSiteId,
    hazard_event_id: f.hazardEventId,
    as_of: f.asOf,
    period_start: f.periodStart,
    natural_key: f.naturalKey,
    detail: Object.keys(detail).length > 0 ? JSON.stringify(detail) : null,
    source_organisation: f.source.organisation,
    source_title: f.source.title,
    source_url: f.source.url,
    source_published: f.source.published,
    source_method: f.source.method,
    confidence: f.confidence,
    context: f.context,
    classification: f.classification,
    restricted_to: f.restrictedTo.length > 0 ? JSON.stringify(f.restrictedTo) : null,
    created_by: f.createdBy,
    created_org: f.createdOrg,
    created_at: f.createdAt,
  };
}
