/**
 * The humanitarian picture of the Port-au-Prince, June 2023 scenario: the hazards of FACTS.md
 * (early-June floods, the 2023-06-06 earthquake, cholera), IOM DTM displacement figures, IDP
 * sites, 3W activities and access constraints on the Martissant corridor (RN2). The DTM data
 * and the CSV files go through the HXL import itself, as a user's files would.
 *
 * Of the DTM data, only the countrywide monitoring operation (rounds 0 to 3, to 2023-03-31) is
 * loaded: rows dated after the scenario's now are left out, as everything in the demo is, and
 * the older operations (the 2010 earthquake, Hurricane Matthew) would make long-gone camps the
 * "latest" figure of communes the monitoring has not covered since.
 */
import { join } from 'node:path';
import { CreateHazardEventRequest, type HxlKind } from '@konbit/core';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import {
  assertNotAfter,
  readScenarioFile,
  ScenarioError,
  type ScenarioPart,
  type ScenarioRefs,
} from '../demo/scenario.js';
import { fileSource } from '../interop/hxl/hxl.read.js';
import { keepDtmRecords, type DisplacementPlan } from '../interop/hxl/import.displacement.js';
import { importContext, readHxl } from '../interop/hxl/import.service.js';
import { ImportErrors, noCounts, type ImportCounts } from '../interop/import.js';
import type { Tx } from '../store/store.js';
import { createHazardEvent } from './hazards/hazard.service.js';

const HumanitarianFile = z.object({
  about: z.string(),
  hazards: z.array(CreateHazardEventRequest),
});

/** The DTM operation the demo follows. */
const DTM_OPERATION = 'Countrywide monitoring';

/** The scenario's files for each kind, in loading order (sites before what may name them). */
const HXL_FILES: readonly [HxlKind, string][] = [
  ['idp-sites', 'idp-sites.hxl.csv'],
  ['activities', 'activities.hxl.csv'],
  ['access', 'access.hxl.csv'],
];

/** Reads a file through the HXL import and writes it in the scenario's transaction. */
async function loadHxl(
  tx: Tx,
  ctx: AppContext,
  refs: ScenarioRefs,
  kind: HxlKind,
  path: string,
  counts: ImportCounts,
  narrow: (plan: unknown) => unknown = (plan) => plan,
): Promise<void> {
  const ictx = importContext(refs.actor, ctx, { fileName: path });
  const read = await readHxl(ictx, kind, fileSource(path)).catch((err: unknown) => {
    throw new ScenarioError(`${path}: ${(err as Error).message}`);
  });
  const errors = new ImportErrors();
  await read.importer.write(tx, ictx, narrow(read.plan), errors, counts);
  if (errors.count > 0) throw new ScenarioError(errors.toError(path).message);
}

export const humanitarianScenario: ScenarioPart = {
  name: 'humanitarian',

  async load(tx, ctx, refs) {
    const file = readScenarioFile(refs.dataDir, 'humanitarian.json', HumanitarianFile);
    for (const h of file.hazards) {
      assertNotAfter(refs, h.startedAt, `humanitarian.json: ${h.name}`);
      for (const s of h.sources) {
        if (s.published)
          assertNotAfter(refs, s.published, `humanitarian.json: ${h.name}, ${s.title}`);
      }
    }
    for (const h of file.hazards) await createHazardEvent(tx, refs.actor, ctx, h);

    const counts = noCounts();
    await loadHxl(
      tx,
      ctx,
      refs,
      'displacement',
      join(refs.dataDir, 'dtm', 'iom-dtm-hti-admin0-2.hxl.csv'),
      counts,
      (plan) =>
        keepDtmRecords(
          plan as DisplacementPlan,
          (r) => r.operation === DTM_OPERATION && r.reportingDate <= refs.today,
        ),
    );
    const dtmFigures = counts.figures;
    for (const [kind, name] of HXL_FILES) {
      await loadHxl(tx, ctx, refs, kind, join(refs.dataDir, 'scenario', name), counts);
    }
    if (counts.datedAfterToday > 0) {
      throw new ScenarioError(`${counts.datedAfterToday} figures are dated after ${refs.today}`);
    }
    return {
      hazards: file.hazards.length,
      'dtm figures': dtmFigures,
      'site figures': counts.figures - dtmFigures,
      'idp sites': counts.idpSites,
      activities: counts.activities,
      'access constraints': counts.accessConstraints,
    };
  },
};
