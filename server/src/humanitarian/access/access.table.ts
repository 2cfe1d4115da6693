import type { RecordMetaColumns } from '../record.js';

export interface AccessConstraintTable extends RecordMetaColumns {
  id: string;
  /** Category, scope, communes, start and place: what an import matches a row on. */
  natural_key: string;
  category: string;
  severity: string;
  scope: string;
  /** GeoJSON geometry as text (LineString for a road, Polygon for an area); null for communes. */
  geometry: string | null;
  /** JSON array of commune P-codes it lies on. */
  pcodes: string;
  place: string | null;
  description: string;
  start_on: string;
  end_on: string | null;
  source_organisation: string;
  source_title: string;
  source_url: string | null;
  source_published: string | null;
  source_method: string | null;
}
