/** Imports: HXL CSV by kind, and IOM DTM API JSON. */
import { DtmImportQuery, HxlImportQuery, ImportResultSchema, KonbitError } from '@konbit/core';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { requireUser } from '../http/actor.js';
import { errorResponses, type Api } from '../http/api.js';
import { importDtmJson } from './dtm/dtm.js';
import { bufferSource } from './hxl/hxl.read.js';
import { importHxl } from './hxl/import.service.js';

/** The charset a Content-Type header declares, if any. */
function charsetOf(request: FastifyRequest): string | undefined {
  return /charset=["']?([\w-]+)/i.exec(request.headers['content-type'] ?? '')?.[1];
}

function bodyBytes(request: FastifyRequest): Buffer {
  const body = request.body;
  if (!Buffer.isBuffer(body)) {
    throw new KonbitError(
      'UnsupportedMediaType',
      'Send the CSV file itself as the body, with Content-Type text/csv',
    );
  }
  if (body.length === 0) {
    throw new KonbitError(
      'ValidationFailed',
      'The body is empty: send the file itself as the body',
    );
  }
  return body;
}

const CSV_TYPES = [
  'text/csv',
  'text/plain',
  'application/octet-stream',
  'application/vnd.ms-excel',
];

export function importRoutes(app: Api, ctx: AppContext): void {
  const { store, config } = ctx;
  const bodyLimit = config.importLimitBytes;

  // Files arrive as they are: the import reads their bytes (and finds their encoding) itself.
  app.addContentTypeParser(CSV_TYPES, { parseAs: 'buffer', bodyLimit }, (_request, body, done) => {
    done(null, body);
  });

  app.post(
    '/api/v1/import/hxl',
    {
      bodyLimit,
      schema: {
        tags: ['interop'],
        summary:
          'Import an HXL-tagged CSV (the file as the body, text/csv; UTF-8 or Latin-1). All or nothing: any error answers 422 ImportFailed listing every error with its row and column; records already imported add nothing',
        querystring: HxlImportQuery,
        consumes: CSV_TYPES,
        response: { 200: ImportResultSchema, ...errorResponses(400, 401, 403, 413, 415, 422) },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      const { kind, classification, fileName, ...source } = request.query;
      return importHxl(store, actor, ctx, bufferSource(bodyBytes(request), fileName ?? null), {
        kind,
        classification,
        fileName,
        charset: charsetOf(request),
        source: {
          organisation: source.sourceOrganisation,
          title: source.sourceTitle,
          url: source.sourceUrl,
          published: source.sourcePublished,
        },
      });
    },
  );

  app.post(
    '/api/v1/import/dtm',
    {
      bodyLimit,
      schema: {
        tags: ['interop'],
        summary:
          'Import IOM DTM displacement data as the DTM API returns it ({"result": [...]}): summed into one figure per operation, round, admin level, P-code and reporting date; all or nothing',
        querystring: DtmImportQuery,
        // Any JSON: the import checks the records one by one and names each one's problems.
        body: z.unknown(),
        response: { 200: ImportResultSchema, ...errorResponses(400, 401, 403, 413, 415, 422) },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      return importDtmJson(store, actor, ctx, request.body, request.query);
    },
  );
}
