/**
 * The typed API client. Requests and responses use the zod schemas of @konbit/core, so the web
 * app and the server agree on every field. The session travels in an HttpOnly cookie.
 */
import {
  FigureList,
  LoginResponse,
  Me,
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

interface RequestOptions {
  readonly body?: unknown;
  readonly idempotencyKey?: string;
  readonly signal?: AbortSignal;
}

async function request<T>(
  method: string,
  path: string,
  schema: z.ZodType<T> | null,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : JSON.stringify(options.body),
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
  if (schema === null || res.status === 204) return undefined as T;
  return schema.parse(await res.json());
}

const Health = z.object({
  status: z.string(),
  now: z.string(),
  scenario: z.boolean(),
  demo: z.boolean(),
});
export type Health = z.infer<typeof Health>;

function query(params: Record<string, string | number | boolean | undefined>): string {
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
  figures: (q: Partial<Record<keyof FigureQuery, string | number | boolean>>) =>
    request('GET', `/api/v1/figures${query(q)}`, FigureList),
};
