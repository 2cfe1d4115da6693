/**
 * Incidents for the map: clusters for a wide view, points for a close one (always for a box,
 * never every point), one incident's details, and counts by commune.
 */
import {
  IncidentClusterResponse,
  IncidentCollection,
  IncidentDetail,
  IncidentStatsResponse,
} from '@konbit/core';
import { query, request } from './client';

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

/** Filters shared by the list and the clusters, as the API takes them (comma-separated). */
export interface IncidentFilters {
  /** Instants: from included, to excluded. */
  readonly from: string;
  readonly to: string;
  readonly types?: string | undefined;
  readonly verification?: string | undefined;
  readonly reliability?: string | undefined;
  readonly credibility?: string | undefined;
}

export type BBoxText = string;

export const incidentsApi = {
  list: (bbox: BBoxText, filters: IncidentFilters, limit: number, signal?: AbortSignal) =>
    request(
      'GET',
      `/api/v1/incidents${query({ bbox, ...filters, limit })}`,
      IncidentCollection,
      opts(signal),
    ),
  clusters: (bbox: BBoxText, zoom: number, filters: IncidentFilters, signal?: AbortSignal) =>
    request(
      'GET',
      `/api/v1/incidents/clusters${query({ bbox, zoom, ...filters })}`,
      IncidentClusterResponse,
      opts(signal),
    ),
  detail: (id: string, signal?: AbortSignal) =>
    request('GET', `/api/v1/incidents/${encodeURIComponent(id)}`, IncidentDetail, opts(signal)),
  /** Counts by commune over Port-au-Prince days (both included). */
  byCommune: (from: string, to: string, signal?: AbortSignal) =>
    request(
      'GET',
      `/api/v1/incidents/stats${query({ groupBy: 'pcode', from, to })}`,
      IncidentStatsResponse,
      opts(signal),
    ),
};
