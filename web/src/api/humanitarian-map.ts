/** The humanitarian picture on the map: IDP sites, hazard events and access constraints. */
import {
  AccessConstraintList,
  HazardEventDetail,
  HazardEventList,
  IdpSiteList,
} from '@konbit/core';
import { query, request } from './client';

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export const humanitarianMapApi = {
  /** Open IDP sites, each at its point or its commune centroid as the policy shows this user. */
  idpSites: (signal?: AbortSignal) =>
    request('GET', '/api/v1/idp-sites', IdpSiteList, opts(signal)),
  /** Hazard events under way at some time in the window (Port-au-Prince days). */
  hazards: (from: string, to: string, signal?: AbortSignal) =>
    request('GET', `/api/v1/hazards${query({ from, to })}`, HazardEventList, opts(signal)),
  hazard: (id: string, signal?: AbortSignal) =>
    request('GET', `/api/v1/hazards/${encodeURIComponent(id)}`, HazardEventDetail, opts(signal)),
  /** Access constraints in force at some time in the window. */
  accessConstraints: (from: string, to: string, signal?: AbortSignal) =>
    request(
      'GET',
      `/api/v1/access-constraints${query({ from, to })}`,
      AccessConstraintList,
      opts(signal),
    ),
};
