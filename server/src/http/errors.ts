/**
 * Turns every error into the API's error body. Clients get a code from the closed set and a
 * message that says what to do; never a stack trace or SQL. Unexpected errors are logged with
 * the request id, which the client also receives.
 */
import { KonbitError, type ErrorBody, type ErrorCode, type ErrorDetail } from '@konbit/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

interface ValidationItem {
  instancePath: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

const WHERE: Record<string, string> = {
  body: '',
  querystring: 'query: ',
  params: 'path: ',
  headers: 'header: ',
};

function fieldOf(item: ValidationItem): string {
  return item.instancePath.replace(/^\//, '').replaceAll('/', '.');
}

function detailsOf(items: readonly ValidationItem[]): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const item of items) {
    const base = fieldOf(item);
    if (item.keyword === 'unrecognized_keys' && Array.isArray(item.params?.['keys'])) {
      for (const key of item.params['keys'] as string[]) {
        const field = base ? `${base}.${key}` : key;
        out.push({ field, message: `Unknown field "${field}"; remove it` });
      }
      continue;
    }
    out.push({ field: base || '(root)', message: item.message ?? 'Invalid value' });
  }
  return out;
}

function body(
  code: ErrorCode,
  message: string,
  field?: string,
  details?: readonly ErrorDetail[],
): ErrorBody {
  return new KonbitError(code, message, field, details).toBody();
}

/** Maps an error to a status and body. Exported for the tests. */
export function toErrorResponse(
  err: unknown,
  bodyLimit: number,
  requestId: string,
): { status: number; body: ErrorBody } {
  if (err instanceof KonbitError) return { status: err.status, body: err.toBody() };
  const fe = err as Partial<FastifyError> & { validationContext?: string };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details = detailsOf(fe.validation as unknown as ValidationItem[]);
    const first = details[0];
    const where = WHERE[fe.validationContext ?? 'body'] ?? '';
    const message =
      details.length === 1 && first
        ? `${where}${first.field}: ${first.message}`
        : `${where}${details.length} fields are invalid; see details`;
    return { status: 400, body: body('ValidationFailed', message, first?.field, details) };
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return {
        status: 400,
        body: body(
          'MalformedJson',
          'The body is not valid JSON; check quotes, commas and brackets',
        ),
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, body: body('MalformedJson', 'The body is empty; send a JSON object') };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        body: body(
          'PayloadTooLarge',
          `The body is larger than the ${bodyLimit} bytes allowed; send less at a time`,
        ),
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        body: body(
          'UnsupportedMediaType',
          'Send the body as application/json (Content-Type header)',
        ),
      };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return {
        status: 400,
        body: body('ValidationFailed', 'Content-Length does not match the body sent'),
      };
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code: ErrorCode =
      fe.statusCode === 404
        ? 'NotFound'
        : fe.statusCode === 429
          ? 'RateLimited'
          : 'ValidationFailed';
    return {
      status: fe.statusCode,
      body: body(code, 'The request is not valid for this endpoint; see /docs'),
    };
  }
  return {
    status: 500,
    body: body(
      'Internal',
      `Something went wrong on the server; quote request id ${requestId} to the operators`,
    ),
  };
}

/**
 * The error for a value checked outside a route's schema (a report inside a batch), worded as
 * the route's own validation errors are.
 */
export function validationFailure(
  issues: readonly { path: PropertyKey[]; code: string; message: string }[],
): ErrorBody['error'] {
  const details = detailsOf(
    issues.map((issue) => ({
      keyword: issue.code,
      instancePath: `/${issue.path.map(String).join('/')}`,
      message: issue.message,
      params: issue as unknown as Record<string, unknown>,
    })),
  );
  const first = details[0];
  const message =
    details.length === 1 && first
      ? `${first.field}: ${first.message}`
      : `${details.length} fields are invalid; see details`;
  return body('ValidationFailed', message, first?.field, details).error;
}

export function errorHandler(bodyLimit: number) {
  return (err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    // A route may allow more than the default (an import, a batch of reports): name the limit
    // that applied.
    const limit = request.routeOptions?.bodyLimit ?? bodyLimit;
    const { status, body: payload } = toErrorResponse(err, limit, request.id);
    if (status >= 500) request.log.error({ err }, 'request failed');
    else
      request.log.info(
        { code: payload.error.code, field: payload.error.field },
        payload.error.message,
      );
    const retryAfter = (err as { retryAfter?: number }).retryAfter;
    if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
    return reply.code(status).type('application/json; charset=utf-8').send(payload);
  };
}
