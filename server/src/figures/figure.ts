/** Figures: a number with its metric, place, date and source. */
import type {
  ClassificationLevel,
  Confidence,
  FigureId,
  Metric,
  Qualifier,
  Unit,
} from '@konbit/core';
import type { FigureTable } from './figure.table.js';

export interface Figure {
  readonly id: FigureId;
  readonly metric: Metric;
  readonly value: number;
  readonly unit: Unit;
  readonly qualifier: Qualifier;
  readonly pcode: string;
  readonly asOf: string;
  readonly source: {
    readonly organisation: string;
    readonly title: string;
    readonly url: string | null;
    readonly published: string | null;
    readonly method: string | null;
  };
  readonly confidence: Confidence | null;
  readonly context: string | null;
  readonly classification: ClassificationLevel;
  readonly restrictedTo: readonly string[];
  readonly createdBy: string;
  readonly createdOrg: string | null;
  readonly createdAt: string;
}

export function figureRowToFigure(row: FigureTable): Figure {
  return {
    id: row.id as FigureId,
    metric: row.metric as Metric,
    value: row.value,
    unit: row.unit as Unit,
    qualifier: row.qualifier as Qualifier,
    pcode: row.pcode,
    asOf: row.as_of,
    source: {
      organisation: row.source_organisation,
      title: row.source_title,
      url: row.source_url,
      published: row.source_published,
      method: row.source_method,
    },
    confidence: row.confidence as Confidence | null,
    context: row.context,
    classification: row.classification as ClassificationLevel,
    restrictedTo: row.restricted_to === null ? [] : (JSON.parse(row.restricted_to) as string[]),
    createdBy: row.created_by,
    createdOrg: row.created_org,
    createdAt: row.created_at,
  };
}

export function figureToRow(f: Figure): FigureTable {
  return {
    id: f.id,
    metric: f.metric,
    value: f.value,
    unit: f.unit,
    qualifier: f.qualifier,
    pcode: f.pcode,
    as_of: f.asOf,
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
