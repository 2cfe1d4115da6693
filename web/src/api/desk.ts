/**
 * The incident desk's calls: the unverified queue, one report in full, its possible duplicates,
 * the analyst's moves (claim, release, verification, merge and its undoing), and what the
 * server has acknowledged from field devices but not yet filed. Every answer is checked against
 * the schemas of @konbit/core.
 */
import {
  IncidentCollection,
  IncidentDetail,
  IncidentDuplicatesResponse,
  IncidentIntakeStatus,
  MergeIncidentResponse,
  type IncidentType,
  type VerificationState,
} from '@konbit/core';
import { request } from './client';

/** Haiti and its waters (w, s, e, n): the queue's area when no commune is chosen. */
export const HAITI_BBOX = '-74.6,17.9,-71.6,20.2';

export interface QueueFilters {
  readonly type: IncidentType | '';
  readonly pcode: string;
  readonly q: string;
}

/** The query string of a queue page: the same the browser tests send to compare. */
export function queuePath(filters: QueueFilters, limit: number, cursor: string | null): string {
  const q = new URLSearchParams({ verification: 'unverified', limit: String(limit) });
  if (filters.pcode) q.set('pcode', filters.pcode);
  else q.set('bbox', HAITI_BBOX);
  if (filters.type) q.set('types', filters.type);
  if (filters.q.trim()) q.set('q', filters.q.trim());
  if (cursor) q.set('cursor', cursor);
  return `/api/v1/incidents?${q.toString()}`;
}

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

export const desk = {
  queue: (filters: QueueFilters, limit: number, cursor: string | null, signal?: AbortSignal) =>
    request('GET', queuePath(filters, limit, cursor), IncidentCollection, signal ? { signal } : {}),
  incident: (id: string, signal?: AbortSignal) =>
    request('GET', `/api/v1/incidents/${id}`, IncidentDetail, signal ? { signal } : {}),
  duplicates: (id: string, signal?: AbortSignal) =>
    request(
      'GET',
      `/api/v1/incidents/${id}/duplicates`,
      IncidentDuplicatesResponse,
      signal ? { signal } : {},
    ),
  claim: (id: string) => request('POST', `/api/v1/incidents/${id}/claim`, IncidentDetail),
  release: (id: string) => request('DELETE', `/api/v1/incidents/${id}/claim`, IncidentDetail),
  verify: (id: string, version: number, state: VerificationState, reason: string) =>
    request('POST', `/api/v1/incidents/${id}/verification`, IncidentDetail, {
      body: { state, reason },
      headers: ifMatch(version),
    }),
  merge: (id: string, into: string) =>
    request('POST', `/api/v1/incidents/${id}/merge`, MergeIncidentResponse, { body: { into } }),
  unmerge: (id: string) =>
    request('DELETE', `/api/v1/incidents/${id}/merge`, MergeIncidentResponse),
  intake: (signal?: AbortSignal) =>
    request('GET', '/api/v1/incidents/intake', IncidentIntakeStatus, signal ? { signal } : {}),
};

/**
 * How soon to ask again what waits to be filed: often while reports wait or filing fails (the
 * notice follows them down to none), rarely when nothing waits (a burst is then seen within
 * that time).
 */
export function intakePollMs(status: IncidentIntakeStatus | undefined): number {
  if (status && (status.waiting > 0 || status.fault !== null)) return 2_000;
  return 15_000;
}
