/** Reports for the incident tests: real places in Port-au-Prince, times near the scenario's now. */
import type { CreateIncidentInput } from '@konbit/core';

/** Cité Soleil (GeoNames populated-place point), in commune HT0117. */
export const CITE_SOLEIL = { lon: -72.33806, lat: 18.58028 };
/** Bel Air (Wikipedia, arc-minute), in commune HT0111 Port-au-Prince. */
export const BEL_AIR = { lon: -72.333, lat: 18.55 };
/** Delmas (GeoNames), in commune HT0112. */
export const DELMAS = { lon: -72.30036, lat: 18.54478 };

/** A point `east` and `north` metres from `from`, on the sphere distanceMetres uses. */
export function offset(
  from: { lon: number; lat: number },
  east: number,
  north = 0,
): { lon: number; lat: number } {
  const perDegree = (6_371_008.8 * Math.PI) / 180;
  return {
    lon: from.lon + east / (perDegree * Math.cos((from.lat * Math.PI) / 180)),
    lat: from.lat + north / perDegree,
  };
}

export function report(over: Partial<CreateIncidentInput> = {}): CreateIncidentInput {
  return {
    type: 'armed-clash',
    occurredAt: '2023-06-07T14:00:00.000Z',
    location: CITE_SOLEIL,
    locationPrecision: 'exact',
    description: 'Échanges de tirs près du marché de Cité-Soleil',
    source: { kind: 'patrol', reliability: 'B', credibility: '2' },
    ...over,
  };
}

/**
 * Waits until the reports acknowledged from batches are filed (on the map, in statistics and
 * search), as a client would see it: GET /api/v1/incidents/intake until nothing waits.
 */
export async function untilFiled(
  app: { inject(options: object): Promise<{ statusCode: number; json(): unknown }> },
  headers: Record<string, string>,
  timeoutMs = 20_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await app.inject({ method: 'GET', url: '/api/v1/incidents/intake', headers });
    const status = res.json() as { waiting: number; fault: string | null };
    if (res.statusCode !== 200) throw new Error(`intake status: HTTP ${res.statusCode}`);
    if (status.waiting === 0) return;
    if (status.fault !== null) throw new Error(`filing failed: ${status.fault}`);
    if (Date.now() > until) throw new Error(`${status.waiting} reports still waiting to be filed`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
