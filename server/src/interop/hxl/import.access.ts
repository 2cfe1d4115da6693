/**
 * `kind=access`: access constraints. A `#geo+coord` cell in WKT makes a road (LINESTRING) or an
 * area (POLYGON); without one the constraint lies on the communes of `#adm2+code` (several may be
 * listed, separated by spaces, commas, semicolons or bars).
 */
import { wktToGeoJSON } from '@terraformer/wkt';
import {
  ACCESS_CATEGORIES,
  ACCESS_SEVERITIES,
  accessCategoryFromLabel,
  accessSeverityFromLabel,
  ConstraintGeometry,
  type AccessScope,
  type CreateAccessConstraintRequest,
} from '@konbit/core';
import { accessNaturalKey, communesOfGeometry } from '../../humanitarian/access/access.js';
import { findAccessConstraintsByKey } from '../../humanitarian/access/access.repository.js';
import {
  createAccessConstraint,
  updateAccessConstraint,
} from '../../humanitarian/access/access.service.js';
import {
  changedFields,
  classificationOf,
  konbitId,
  upsertPlanned,
  type PlannedRecord,
  publishedOf,
} from '../import.js';
import type { FieldSpecs, RowValues } from './fields.js';
import type { KindImporter } from './import.service.js';

const FIELDS = {
  category: { patterns: ['#operations+type', '#access+type', '#impact+type'], required: true },
  severity: { patterns: ['#severity'], required: true },
  pcodes: { patterns: ['#adm2+code'] },
  geometry: { patterns: ['#geo+coord', '#geo+wkt'] },
  place: { patterns: ['#loc+name'] },
  description: { patterns: ['#description'], required: true },
  start: { patterns: ['#date+start'], required: true },
  end: { patterns: ['#date+end'] },
  sourceOrganisation: { patterns: ['#meta+source'] },
  sourceTitle: { patterns: ['#meta+title'] },
  sourceUrl: { patterns: ['#meta+url'] },
  sourcePublished: { patterns: ['#date+published'] },
  id: { patterns: ['#meta+id'] },
  classification: { patterns: ['#meta+classification'] },
} as const satisfies FieldSpecs<string>;

type Field = keyof typeof FIELDS;

interface PlannedConstraint extends PlannedRecord {
  readonly input: CreateAccessConstraintRequest;
}

export interface AccessPlan {
  readonly constraints: PlannedConstraint[];
  readonly seen: Map<string, number>;
}

/** A road (LINESTRING) or area (POLYGON) from WKT; undefined after an error. */
function geometryOf(
  v: RowValues<Field>,
): { geometry: ConstraintGeometry; scope: AccessScope } | null | undefined {
  const text = v.text('geometry');
  if (text === null) return null;
  let parsed: unknown;
  try {
    parsed = wktToGeoJSON(text);
  } catch {
    v.error(
      'geometry',
      'Not WKT: write a road as LINESTRING (lon lat, lon lat, …) or an area as POLYGON ((…))',
    );
    return undefined;
  }
  const checked = ConstraintGeometry.safeParse(parsed);
  if (!checked.success) {
    const type = (parsed as { type?: string }).type ?? 'this geometry';
    v.error(
      'geometry',
      `A constraint lies on a LINESTRING (a road) or a POLYGON (an area), not a ${type}, with longitude before latitude`,
    );
    return undefined;
  }
  const scope = checked.data.type.endsWith('LineString') ? 'road' : 'area';
  return { geometry: checked.data, scope };
}

export function accessImporter(): KindImporter<Field, AccessPlan> {
  return {
    fields: FIELDS,
    newPlan: () => ({ constraints: [], seen: new Map() }),

    read(v, ctx, plan) {
      const category = v.choice(
        'category',
        'The access category',
        accessCategoryFromLabel,
        ACCESS_CATEGORIES,
        true,
      );
      const severity = v.choice(
        'severity',
        'The severity',
        accessSeverityFromLabel,
        ACCESS_SEVERITIES,
        true,
      );
      const description = v.required('description', 'The description');
      const start = v.date('start', 'The first day', true);
      const end = v.date('end', 'The last day');
      if (start !== null && end !== null && end < start)
        v.error('end', `The constraint ends (${end}) before it starts (${start})`);
      const pcodes = (v.text('pcodes') ?? '')
        .split(/[\s,;|]+/)
        .filter((p) => p !== '')
        .map((p) => p.toUpperCase());
      const unknown = pcodes.filter((p) => ctx.deps.areas.get(p)?.level !== 2);
      if (unknown.length > 0)
        v.error('pcodes', `Not commune P-codes in Haiti's boundaries: ${unknown.join(', ')}`);
      const shape = geometryOf(v);
      if (shape === null && pcodes.length === 0) {
        v.error(
          'pcodes',
          'Say where: give the communes in #adm2+code or a road or area in #geo+coord',
        );
        return;
      }
      const crossed = shape ? communesOfGeometry(ctx.deps.areas, shape.geometry) : [];
      if (shape && crossed.length === 0 && pcodes.length === 0) {
        v.error(
          'geometry',
          'No point of it lies in a Haitian commune; check it is longitude before latitude',
        );
        return;
      }
      const organisation = v.text('sourceOrganisation') ?? ctx.source.organisation;
      if (organisation === undefined) {
        v.error(
          'sourceOrganisation',
          'No source: add a #meta+source column, or give sourceOrganisation with the import',
        );
      }
      if (!category || !severity || !description || !start || shape === undefined || !organisation)
        return;
      if (unknown.length > 0 || (end !== null && end < start)) return;
      const scope = shape?.scope ?? 'commune';
      const place = v.text('place');
      const allPcodes = [...new Set([...pcodes, ...crossed])].sort();
      const key = accessNaturalKey({ category, scope, pcodes: allPcodes, start, place });
      const first = plan.seen.get(key);
      if (first !== undefined) {
        v.error(
          'start',
          `The same constraint (category, place and first day) is already on row ${first}`,
        );
        return;
      }
      plan.seen.set(key, v.row);
      const title =
        v.text('sourceTitle') ?? ctx.source.title ?? `HXL import ${ctx.fileName ?? ''}`.trim();
      const url = v.text('sourceUrl') ?? ctx.source.url;
      plan.constraints.push({
        row: v.row,
        key,
        column: v.columnOf('start'),
        input: {
          ...konbitId(v.text('id')),
          category,
          severity,
          scope,
          ...(shape ? { geometry: shape.geometry } : {}),
          ...(pcodes.length > 0 ? { pcodes } : {}),
          ...(place !== null ? { place } : {}),
          description,
          start,
          ...(end !== null ? { end } : {}),
          source: {
            organisation,
            title,
            ...(url ? { url } : {}),
            ...publishedOf(v, ctx),
          },
          ...classificationOf(v, ctx),
        },
      });
    },

    async write(tx, ctx, plan, errors, counts) {
      await upsertPlanned(tx, ctx, plan.constraints, errors, counts, {
        what: 'An access constraint',
        find: findAccessConstraintsByKey,
        changes: (p, stored) =>
          changedFields(
            { severity: stored.severity, end: stored.end_on, description: stored.description },
            { severity: p.input.severity, end: p.input.end, description: p.input.description },
          ),
        update: (_p, stored, changes) =>
          updateAccessConstraint(tx, ctx.actor, ctx.deps, stored.id, changes),
        create: (p) => createAccessConstraint(tx, ctx.actor, ctx.deps, p.input),
        created: (c) => {
          c.accessConstraints += 1;
        },
      });
    },
  };
}
