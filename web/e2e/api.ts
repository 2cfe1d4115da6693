/** Reading and writing through the API beside the browser, as a given demo user. */
import { apiToken, type Demo } from './support';

export interface ApiUser {
  get<T = unknown>(path: string): Promise<T>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
}

export async function asUser(demo: Demo, role: string): Promise<ApiUser> {
  const token = await apiToken(demo, role);
  const headers = { authorization: `Bearer ${token}` };
  return {
    async get<T>(path: string) {
      const res = await fetch(`${demo.url}${path}`, { headers });
      if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    post: (path, body, extra = {}) =>
      fetch(`${demo.url}${path}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', ...extra },
        body: JSON.stringify(body),
      }),
  };
}

/** Waits until the reports acknowledged from batches are on the map, as a client sees it. */
export async function untilFiled(user: ApiUser, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const status = await user.get<{ waiting: number; fault: string | null }>(
      '/api/v1/incidents/intake',
    );
    if (status.waiting === 0) return;
    if (status.fault !== null) throw new Error(`filing failed: ${status.fault}`);
    if (Date.now() > until) throw new Error(`${status.waiting} reports still waiting to be filed`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface ListedFigure {
  id: string;
  value: number;
  asOf: string;
  metric: string;
  place: {
    pcode: string;
    name: string;
    level: number;
    idpSiteId: string | null;
    hazardEventId: string | null;
  };
  source: { organisation: string; title: string };
  context: string | null;
  createdAt: string;
}

/** IOM DTM round 3 (2023-03-31), by commune: real figures (see data/SOURCES.md, dtm). */
export const DTM_ROUND_3 = [
  { pcode: 'HT0111', value: 61_817 },
  { pcode: 'HT0112', value: 31_299 },
  { pcode: 'HT0117', value: 11_686 },
];

/** A figure the browser tests file themselves, labelled as illustrative in its source. */
export function testFigure(pcode: string, value: number, metric = 'idps', asOf = '2023-06-05') {
  return {
    metric,
    value,
    pcode,
    asOf,
    source: { organisation: 'Browser test (illustrative)', title: 'Illustrative test figure' },
  };
}
