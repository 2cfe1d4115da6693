/** Critical sites: the registry, posture reports, history and released statements. */
import {
  CreateReleaseRequest,
  CreateSiteRequest,
  ReportSiteStatusRequest,
  SiteBoard,
  SiteCollection,
  SiteHistory,
  SiteQuery,
  SiteReleaseSchema,
  SiteSchema,
  StatusReportResponse,
  UpdateSiteRequest,
  Uuid,
} from '@konbit/core';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { requireUser } from '../http/actor.js';
import { errorResponses, type Api } from '../http/api.js';
import { sendCreated } from '../http/idempotency.js';
import { siteBoard } from './site.board.js';
import {
  presentRelease,
  presentSite,
  presentSiteBoard,
  presentSiteFeature,
  presentSiteRecord,
  presentStatusChange,
} from './site.presenter.js';
import {
  createSite,
  getSite,
  listSites,
  releaseSiteStatement,
  reportSiteStatus,
  siteHistory,
  updateSite,
} from './site.service.js';

const Params = z.strictObject({ id: Uuid });

export function siteRoutes(app: Api, ctx: AppContext): void {
  const { store, areas } = ctx;

  app.get(
    '/api/v1/sites',
    {
      schema: {
        tags: ['sites'],
        summary:
          'Critical sites you may read as GeoJSON, with the latest status and released statement you may read (status is absent when you may read none: treat as unknown)',
        querystring: SiteQuery,
        response: { 200: SiteCollection, ...errorResponses(400, 401) },
      },
    },
    async (request, reply) => {
      const sites = await listSites(store, request.actor, request.query);
      void reply.type('application/geo+json; charset=utf-8');
      return {
        type: 'FeatureCollection' as const,
        features: sites.map((s) => presentSiteFeature(s, areas)),
      };
    },
  );

  app.get(
    '/api/v1/sites/board',
    {
      schema: {
        tags: ['sites'],
        summary:
          'The site board: for each site you may read, the incidents you may read within 1 km in the last 7 days (at the position you see) and the personnel on duty there now from the assignments you may read',
        response: { 200: SiteBoard, ...errorResponses(401) },
      },
    },
    async (request) => presentSiteBoard(await siteBoard(store, request.actor, ctx.clock)),
  );

  app.get(
    '/api/v1/sites/:id',
    {
      schema: {
        tags: ['sites'],
        summary:
          'One site with its latest status you may read and its released statements; 404 if it does not exist or you may not read it',
        params: Params,
        response: { 200: SiteSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => presentSite(await getSite(store, request.actor, request.params.id), areas),
  );

  app.post(
    '/api/v1/sites',
    {
      schema: {
        tags: ['sites'],
        summary:
          'Register a critical site (partners by default); its commune comes from the location, or give pcode alone to place it at the commune centroid',
        body: CreateSiteRequest,
        response: { 201: SiteSchema, ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) =>
      sendCreated(
        request,
        reply,
        store,
        async (tx, actor) =>
          presentSiteRecord(await createSite(tx, actor, ctx, request.body), areas),
        request.body.id,
      ),
  );

  app.patch(
    '/api/v1/sites/:id',
    {
      schema: {
        tags: ['sites'],
        summary: 'Change the registry fields of a site (not its status)',
        params: Params,
        body: UpdateSiteRequest,
        response: { 200: SiteSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      await store.transaction((tx) => updateSite(tx, actor, ctx, request.params.id, request.body));
      return presentSite(await getSite(store, actor, request.params.id), areas);
    },
  );

  app.post(
    '/api/v1/sites/:id/status',
    {
      schema: {
        tags: ['sites'],
        summary:
          'Report a site’s security posture (mission by default); threatened or lost raises an alert; optionally release a plain statement to partners',
        params: Params,
        body: ReportSiteStatusRequest,
        response: { 201: StatusReportResponse, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      sendCreated(
        request,
        reply,
        store,
        async (tx, actor) => {
          const r = await reportSiteStatus(tx, actor, ctx, request.params.id, request.body);
          if (r.alert) {
            request.log.warn(
              { alertId: r.alert.id, siteId: r.change.siteId, status: r.change.status },
              r.alert.message,
            );
          }
          return {
            change: presentStatusChange(r.change),
            release: r.release ? presentRelease(r.release) : null,
            alertId: r.alert?.id ?? null,
          };
        },
        request.body.id,
      ),
  );

  app.get(
    '/api/v1/sites/:id/history',
    {
      schema: {
        tags: ['sites'],
        summary:
          'A site’s status reports and released statements you may read, newest first (operational reports are omitted for readers outside the mission)',
        params: Params,
        response: { 200: SiteHistory, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const h = await siteHistory(store, request.actor, request.params.id);
      return {
        siteId: h.site.id,
        changes: h.changes.map(presentStatusChange),
        releases: h.releases.map(presentRelease),
      };
    },
  );

  app.post(
    '/api/v1/sites/:id/releases',
    {
      schema: {
        tags: ['sites'],
        summary:
          'Release a plain statement about a site to partners (a record of its own, partners by default), optionally linked to the status report it summarises',
        params: Params,
        body: CreateReleaseRequest,
        response: { 201: SiteReleaseSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      sendCreated(
        request,
        reply,
        store,
        async (tx, actor) =>
          presentRelease(
            await releaseSiteStatement(tx, actor, ctx, request.params.id, request.body),
          ),
        request.body.id,
      ),
  );
}
