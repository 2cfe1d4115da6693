/** HXL-tagged CSV exports of what the reader may read. */
import { ExportQuery, HxlKindSchema, missionDay } from '@konbit/core';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { requireUser } from '../http/actor.js';
import { errorResponses, type Api } from '../http/api.js';
import { exportHxl } from './hxl/export.js';

export function exportRoutes(app: Api, ctx: AppContext): void {
  const { store, clock } = ctx;

  app.get(
    '/api/v1/export/:kind.csv',
    {
      schema: {
        tags: ['interop'],
        summary:
          'HXL-tagged CSV of displacement figures, IDP sites (generalised as the policy says), 3W activities or access constraints you may read; every export is audited. The columns are those the import reads',
        params: z.strictObject({ kind: HxlKindSchema }),
        querystring: ExportQuery,
        produces: ['text/csv'],
        response: {
          200: z
            .unknown()
            .describe('HXL-tagged CSV: a header row, a hashtag row, then the records'),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const actor = requireUser(request);
      const { kind } = request.params;
      const { rows, count } = await exportHxl(store, actor, ctx, kind, request.query);
      const file = `konbit-${kind}-${missionDay(clock.now())}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file}"`)
        .header('x-record-count', String(count))
        .send(Readable.from(rows).pipe(stringify()));
    },
  );
}
