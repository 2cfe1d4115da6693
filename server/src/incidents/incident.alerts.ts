/**
 * What incidents mean for critical sites: the sites within 1 km of a report, and the alert a
 * verified report near a site of criticality 4 or 5 raises for mission HQ.
 */
import type { LonLat } from '@konbit/core';
import { raiseAlert } from '../alerts/alert.service.js';
import type { Clock } from '../clock/clock.js';
import type { Writer } from '../policy/actor.js';
import { narrowestTag } from '../policy/policy.js';
import { localTimeText, sitesNear } from '../sites/site.service.js';
import type { Tx } from '../store/store.js';
import type { Incident, RelatedSite } from './incident.js';

/** Sites of at least this criticality are alerted on when a verified incident is near them. */
export const ALERTING_CRITICALITY = 4;

/** The critical sites within `metres` of a point, nearest first. */
export async function relatedSitesNear(
  tx: Tx,
  point: LonLat,
  metres: number,
): Promise<RelatedSite[]> {
  return (await sitesNear(tx, point, metres)).map((s) => ({
    id: s.id,
    name: s.name,
    criticality: s.criticality,
    distanceMetres: Math.round(s.distanceMetres),
    classification: s.classification,
    restrictedTo: s.restrictedTo,
  }));
}

/**
 * Raises one alert for a report that has just become verified within 1 km of a site of
 * criticality 4 or more, naming the nearest such site. The alert is readable only by those who
 * may read both the report and the site. A report already alerted on is not alerted again.
 */
export async function alertNearCriticalSites(
  tx: Tx,
  actor: Writer,
  deps: { readonly clock: Clock },
  incident: Incident,
): Promise<void> {
  const critical = incident.relatedSites.filter((s) => s.criticality >= ALERTING_CRITICALITY);
  const nearest = critical[0];
  if (!nearest) return;
  const others = critical.length > 1 ? ` and ${critical.length - 1} other critical site(s)` : '';
  const tag = narrowestTag(incident, nearest);
  await raiseAlert(tx, actor, deps, {
    kind: 'incident-near-site',
    severity:
      nearest.criticality >= 5 || incident.type === 'attack-on-site' ? 'critical' : 'warning',
    site: { id: nearest.id, name: nearest.name },
    message: `Verified ${incident.type.replaceAll('-', ' ')} ${nearest.distanceMetres} m from ${nearest.name} (criticality ${nearest.criticality})${others}, occurred ${localTimeText(incident.occurredAt)}`,
    subject: { entity: 'incident', id: incident.id },
    classification: tag.classification,
    restrictedTo: tag.restrictedTo,
  });
}
