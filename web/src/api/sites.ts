/** Critical sites for the map and the site board: the registry and a site's status history. */
import { SiteCollection, SiteHistory } from '@konbit/core';
import { request } from './client';

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export const sitesApi = {
  /** Every site the user may read, with its latest readable status and release. */
  list: (signal?: AbortSignal) => request('GET', '/api/v1/sites', SiteCollection, opts(signal)),
  /** Status reports and released statements the user may read, newest first. */
  history: (id: string, signal?: AbortSignal) =>
    request('GET', `/api/v1/sites/${encodeURIComponent(id)}/history`, SiteHistory, opts(signal)),
};
