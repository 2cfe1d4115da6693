/** Departments and communes with their P-codes, which commune a point is in, and the places. */
import {
  AreaQuery,
  KonbitError,
  LocateQuery,
  LocateResponse,
  lonLat,
  PlaceQuery,
} from '@konbit/core';
import type { AppContext } from '../context.js';
import { errorResponses, type Api } from '../http/api.js';

export function areasRoutes(app: Api, ctx: AppContext): void {
  const { areas } = ctx;

  app.get(
    '/api/v1/areas',
    {
      schema: {
        tags: ['areas'],
        summary: 'Departments (level 1) or communes (level 2) as GeoJSON, simplified for display',
        querystring: AreaQuery,
      },
    },
    async (request, reply) => {
      const level = request.query.level === 1 ? 1 : 2;
      // Pre-serialised GeoJSON text: sent as it is, not through a response schema.
      return reply
        .type('application/geo+json; charset=utf-8')
        .header('cache-control', 'public, max-age=86400')
        .send(areas.geojson(level));
    },
  );

  app.get(
    '/api/v1/places',
    {
      schema: {
        tags: ['areas'],
        summary:
          'Populated places (GeoNames) and key Port-au-Prince sites as GeoJSON points, each with its commune and source',
        querystring: PlaceQuery,
      },
    },
    async (request, reply) =>
      // Reference data, the same for every reader: pre-serialised, cached like the boundaries.
      reply
        .type('application/geo+json; charset=utf-8')
        .header('cache-control', 'public, max-age=86400')
        .send(areas.placesGeojson(request.query.kinds)),
  );

  app.get(
    '/api/v1/areas/locate',
    {
      schema: {
        tags: ['areas'],
        summary: 'The commune and department containing a point; 404 outside Haiti',
        querystring: LocateQuery,
        response: { 200: LocateResponse, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const found = areas.locate(lonLat(request.query.lon, request.query.lat));
      if (!found) {
        throw new KonbitError(
          'OutsideHaiti',
          `No Haitian commune contains ${request.query.lat}, ${request.query.lon} (latitude, longitude)`,
        );
      }
      return {
        commune: { pcode: found.commune.pcode, name: found.commune.name },
        department: { pcode: found.department.pcode, name: found.department.name },
      };
    },
  );
}
