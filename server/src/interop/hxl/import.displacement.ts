/**
 * `kind=displacement`: displacement figures by area, IDP site and date. A row with a DTM
 * operation and round (`#operation+name`, `#round+code`) is an IOM DTM row: such rows are summed
 * per operation, round, admin level, P-code and reporting date. Other rows give one figure per
 * metric column filled, with the source they name (`#meta+source`) or the import's.
 */
import {
  QUALIFIERS,
  sumDtmRecords,
  dtmPcode,
  type DtmAdminLevel,
  type DtmRecord,
  type Metric,
  type Qualifier,
} from '@konbit/core';
import { idpSiteNaturalKey } from '../../humanitarian/idp-sites/idp-site.js';
import type { Tx } from '../../store/store.js';
import {
  figureNaturalKey,
  konbitId,
  plannedDtmFigures,
  writeFigures,
  type ImportContext,
  type ImportCounts,
  type ImportErrors,
  type PlannedFigure,
  classificationOf,
  publishedOf,
} from '../import.js';
import type { FieldSpecs, RowValues } from './fields.js';
import { placeOfRow } from './place.js';
import type { KindImporter } from './import.service.js';

const FIELDS = {
  country: { patterns: ['#country+code'] },
  adm1: { patterns: ['#adm1+code-origin'] },
  adm2: { patterns: ['#adm2+code-origin'] },
  level: { patterns: ['#adm+level'] },
  site: { patterns: ['#loc+code'] },
  date: { patterns: ['#date+reported', '#date-start-end'], required: true },
  periodStart: { patterns: ['#date+start'] },
  idps: { patterns: ['#affected+idps-hh-m-f', '#population+idps-hh-m-f'] },
  households: { patterns: ['#affected+idps+hh'] },
  displaced: { patterns: ['#affected+displaced-hh-m-f'] },
  males: { patterns: ['#affected+idps+m-f-hh'] },
  females: { patterns: ['#affected+idps+f-m-hh'] },
  operation: { patterns: ['#operation+name'] },
  round: { patterns: ['#round+code'] },
  assessment: { patterns: ['#assessment+type'] },
  reason: { patterns: ['#cause+type'] },
  originCode: { patterns: ['#adm1+code+origin'] },
  originName: { patterns: ['#adm1+name+origin'] },
  sourceOrganisation: { patterns: ['#meta+source'] },
  sourceTitle: { patterns: ['#meta+title'] },
  sourceUrl: { patterns: ['#meta+url'] },
  sourcePublished: { patterns: ['#date+published'] },
  qualifier: { patterns: ['#meta+qualifier'] },
  context: { patterns: ['#description'] },
  id: { patterns: ['#meta+id'] },
  classification: { patterns: ['#meta+classification'] },
} as const satisfies FieldSpecs<string>;

type Field = keyof typeof FIELDS;

const FIELDS_OF_PLACE = { country: 'country', adm1: 'adm1', adm2: 'adm2', level: 'level' } as const;

/** The metric columns a row may fill, and the metric each one counts. */
const METRIC_FIELDS: readonly [Field, Metric][] = [
  ['idps', 'idps'],
  ['households', 'idp-households'],
  ['displaced', 'displaced'],
];

export interface DisplacementPlan {
  readonly dtm: DtmRecord[];
  readonly figures: PlannedFigure[];
  /** Natural key → the row it was first seen on, to name repeats. */
  readonly seen: Map<string, number>;
  idpsColumn: string;
}

/** The plan with only the DTM rows `keep` accepts (the demo keeps one operation, to its now). */
export function keepDtmRecords(
  plan: DisplacementPlan,
  keep: (record: DtmRecord) => boolean,
): DisplacementPlan {
  return { ...plan, dtm: plan.dtm.filter(keep) };
}

function readDtmRow(
  v: RowValues<Field>,
  place: { pcode: string; level: DtmAdminLevel },
): DtmRecord | null {
  const round = v.count('round', 'The DTM round', true);
  const idps = v.count('idps', 'The number of IDPs', true);
  const reportingDate = v.date('date', 'The reporting date', true);
  const males = v.count('males', 'The number of male IDPs');
  const females = v.count('females', 'The number of female IDPs');
  const originText = v.text('originCode');
  const originPcode = dtmPcode(originText);
  if (round === null || idps === null || reportingDate === null) return null;
  return {
    operation: v.text('operation') ?? '',
    round,
    adminLevel: place.level,
    pcode: place.pcode,
    reportingDate,
    idps,
    males,
    females,
    reason: v.text('reason'),
    originPcode,
    originName: v.text('originName'),
    assessmentType: v.text('assessment'),
    row: v.row,
  };
}

export function displacementImporter(): KindImporter<Field, DisplacementPlan> {
  return {
    fields: FIELDS,
    newPlan: () => ({ dtm: [], figures: [], seen: new Map(), idpsColumn: '#affected+idps' }),

    checkColumns(has, errors) {
      if (!METRIC_FIELDS.some(([f]) => has(f))) {
        errors.add({
          column: '#affected+idps',
          message:
            'The file has no #affected+idps, #affected+idps+hh or #affected+displaced column; add the numbers',
        });
      }
    },

    read(v, ctx, plan) {
      plan.idpsColumn = v.columnOf('idps');
      const siteCode = v.text('site');
      const place = placeOfRow(v, ctx.deps.areas, FIELDS_OF_PLACE, {
        allowNone: siteCode !== null,
      });
      if (place === null) return;
      if (v.text('operation') !== null && v.text('round') !== null) {
        if (place.pcode === null || place.level === null) {
          v.error('adm2', 'A DTM row needs its area: fill #adm+level and its P-code column');
          return;
        }
        const record = readDtmRow(v, { pcode: place.pcode, level: place.level });
        if (record) plan.dtm.push(record);
        return;
      }
      const asOf = v.date('date', 'The date', true);
      const periodStart = v.date('periodStart', 'The start of the period');
      const qualifier = v.choice(
        'qualifier',
        'The qualifier',
        (t) =>
          (QUALIFIERS as readonly string[]).includes(t.toLowerCase())
            ? (t.toLowerCase() as Qualifier)
            : null,
        QUALIFIERS,
      );
      const organisation = v.text('sourceOrganisation') ?? ctx.source.organisation;
      if (organisation === undefined) {
        v.error(
          'sourceOrganisation',
          'No source: add a #meta+source column naming the organisation, or give sourceOrganisation with the import',
        );
      }
      const title =
        v.text('sourceTitle') ?? ctx.source.title ?? `HXL import ${ctx.fileName ?? ''}`.trim();
      const url = v.text('sourceUrl') ?? ctx.source.url;
      const site =
        siteCode === null ? null : idpSiteNaturalKey({ code: siteCode, name: '', pcode: '' });
      for (const [field, metric] of METRIC_FIELDS) {
        const value = v.count(field, `The ${metric} figure`);
        if (value === null || asOf === null || organisation === undefined) continue;
        if (periodStart !== null && periodStart > asOf) {
          v.error('periodStart', `The period starts ${periodStart}, after its end ${asOf}`);
          continue;
        }
        const naturalKey = figureNaturalKey({
          metric,
          pcode: place.pcode,
          siteKey: site,
          asOf,
          organisation,
          title,
        });
        const first = plan.seen.get(naturalKey);
        if (first !== undefined) {
          v.error(
            field,
            `The same ${metric} figure (place, date and source) is already on row ${first}`,
          );
          continue;
        }
        plan.seen.set(naturalKey, v.row);
        plan.figures.push({
          row: v.row,
          column: v.columnOf(field),
          naturalKey,
          input: {
            ...konbitId(v.text('id')),
            metric,
            value,
            ...(place.pcode !== null ? { pcode: place.pcode } : {}),
            asOf,
            ...(periodStart !== null ? { periodStart } : {}),
            ...(qualifier !== null ? { qualifier } : {}),
            source: {
              organisation,
              title,
              ...(url ? { url } : {}),
              ...publishedOf(v, ctx),
            },
            ...(v.text('context') ? { context: v.text('context') as string } : {}),
            ...classificationOf(v, ctx, 'public'),
          },
          ...(site !== null && siteCode !== null
            ? { site: { key: site, column: v.columnOf('site'), code: siteCode } }
            : {}),
        });
      }
    },

    async write(
      tx: Tx,
      ctx: ImportContext,
      plan: DisplacementPlan,
      errors: ImportErrors,
      counts: ImportCounts,
    ) {
      const dtm = plannedDtmFigures(sumDtmRecords(plan.dtm), ctx, plan.idpsColumn);
      await writeFigures(tx, ctx, [...dtm, ...plan.figures], errors, counts);
    },
  };
}
