/**
 * The typed API client. Requests and responses use the zod schemas of @konbit/core, so the web
 * app and the server agree on every field. The session travels in an HttpOnly cookie.
 */
import {
  FigureSchema,
  LoginResponse,
  Me,
  PlaceProperties,
  WebConfig,
  type ErrorBody,
  type ErrorDetail,
  type FigureQuery,
} from '@konbit/core';
import { z } from 'zod';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: readonly ErrorDetail[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Raised when the request never reached the server (offline, DNS, refused). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('The server could not be reached', { cause });
    this.name = 'NetworkError';
  }
}

export interface RequestOptions {
  readonly body?: unknown;
  readonly idempotencyKey?: string;
  readonly signal?: AbortSignal;
  /** Further headers, such as If-Match. */
  readonly headers?: Readonly<Record<string, string>>;
  /** A body sent as it is (a file), instead of `body` as JSON; give its content-type in `headers`. */
  readonly raw?: Blob | string;
}

/** The status and parsed JSON body of a successful response. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * Sends one request and returns its status and JSON body. Throws `NetworkError` when the server
 * was not reached and `ApiError` (with the server's code, message and field) for any non-2xx.
 */
export async function send(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const body = options.raw ?? (options.body === undefined ? null : JSON.stringify(options.body));
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body,
      signal: options.signal ?? null,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new NetworkError(err);
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as ErrorBody | null;
    const e = body?.error;
    throw new ApiError(
      res.status,
      e?.code ?? 'Unknown',
      e?.message ?? res.statusText,
      e?.field,
      e?.details,
    );
  }
  if (res.status === 204) return { status: 204, body: undefined };
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
}

export async function request<T>(
  method: string,
  path: string,
  schema: z.ZodType<T> | null,
  options: RequestOptions = {},
): Promise<T> {
  const answer = await send(method, path, options);
  if (schema === null || answer.status === 204) return undefined as T;
  return schema.parse(answer.body);
}

/**
 * A figure as listed. `conflict: true` marks figures of one metric and place from different
 * sources that disagree (the humanitarian picture sets it); absent means no conflict is known.
 */
export const ListedFigure = FigureSchema;
export type ListedFigure = z.infer<typeof ListedFigure>;
const ListedFigures = z.object({ figures: z.array(ListedFigure), asOf: z.string() });

/** GeoJSON as the map needs it: features with an id, properties checked by `props`. */
function featureCollection<P extends z.ZodType>(props: P) {
  return z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.union([z.string(), z.number()]),
        properties: props,
        geometry: z.object({ type: z.string(), coordinates: z.unknown() }).loose(),
      }),
    ),
  });
}

export const AreaProperties = z.object({
  pcode: z.string(),
  name: z.string(),
  nameEn: z.string(),
  nameHt: z.string().nullable(),
  level: z.number(),
  parent: z.string().nullable(),
  centroid: z.tuple([z.number(), z.number()]),
});
export type AreaProperties = z.infer<typeof AreaProperties>;
export const AreaCollection = featureCollection(AreaProperties);
export type AreaCollection = z.infer<typeof AreaCollection>;
export const PlaceCollection = featureCollection(PlaceProperties);
export type PlaceCollection = z.infer<typeof PlaceCollection>;

const Health = z.object({
  status: z.string(),
  now: z.string(),
  scenario: z.boolean(),
  demo: z.boolean(),
});
export type Health = z.infer<typeof Health>;

export function query(params: Record<string, string | number | boolean | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const api = {
  health: () => request('GET', '/healthz', Health),
  login: (email: string, password: string) =>
    request('POST', '/api/v1/auth/login', LoginResponse, { body: { email, password } }),
  logout: () => request('POST', '/api/v1/auth/logout', null),
  me: () => request('GET', '/api/v1/auth/me', Me),
  figures: (
    q: Partial<Record<keyof FigureQuery, string | number | boolean>>,
    signal?: AbortSignal,
  ) => request('GET', `/api/v1/figures${query(q)}`, ListedFigures, signal ? { signal } : {}),
  areas: (level: 1 | 2) => request('GET', `/api/v1/areas?level=${level}`, AreaCollection),
  places: () => request('GET', '/api/v1/places', PlaceCollection),
  webConfig: () => request('GET', '/api/v1/web/config', WebConfig),
};
