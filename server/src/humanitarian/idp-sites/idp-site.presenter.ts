/**
 * The fields of an IDP site that leave the server. The exact point reaches UN agencies and NGOs
 * only; everyone else gets the commune centroid, flagged as generalised.
 */
import type { IdpSite as IdpSiteView } from '@konbit/core';
import type { Areas } from '../../areas/areas.js';
import type { Figure } from '../../figures/figure.js';
import type { Actor } from '../../policy/actor.js';
import { generaliseLocation } from '../../policy/policy.js';
import type { IdpSite } from './idp-site.js';
import type { SitePopulation } from './idp-site.service.js';

function populationOf(f: Figure | null) {
  return f
    ? {
        figureId: f.id,
        value: f.value,
        qualifier: f.qualifier,
        asOf: f.asOf,
        source: { organisation: f.source.organisation, title: f.source.title },
      }
    : null;
}

/** Where `actor` may see the site: the recorded point or the commune centroid. */
export function presentedSiteLocation(site: IdpSite, actor: Actor, areas: Areas) {
  const commune = areas.get(site.pcode);
  const centroid = commune?.centroid ?? areas.get('HT')?.centroid;
  if (!centroid) throw new Error(`No centroid for ${site.pcode}`);
  if (site.location === null) {
    return { position: centroid, precision: 'commune' as const, generalised: false };
  }
  const shown = generaliseLocation(
    actor,
    { kind: 'idp-site' },
    { position: site.location, precision: 'exact' },
    centroid,
  );
  return {
    position: shown.position,
    precision: shown.precision === 'exact' ? ('exact' as const) : ('commune' as const),
    generalised: shown.generalised,
  };
}

export function presentIdpSite(
  site: IdpSite,
  actor: Actor,
  areas: Areas,
  population: SitePopulation = { idps: null, households: null },
): IdpSiteView {
  const commune = areas.get(site.pcode);
  const department = commune?.parent ? areas.get(commune.parent) : undefined;
  const location = presentedSiteLocation(site, actor, areas);
  return {
    id: site.id,
    code: site.code,
    name: site.name,
    type: site.type,
    status: site.status,
    openedOn: site.openedOn,
    closedOn: site.closedOn,
    commune: { pcode: site.pcode, name: commune?.name ?? site.pcode },
    department: department ? { pcode: department.pcode, name: department.name } : null,
    location: { ...location, position: [location.position[0], location.position[1]] },
    population: {
      idps: populationOf(population.idps),
      households: populationOf(population.households),
    },
    classification: site.classification,
    ...(site.classification === 'restricted' ? { restrictedTo: [...site.restrictedTo] } : {}),
    createdAt: site.createdAt,
    updatedAt: site.updatedAt,
  };
}
