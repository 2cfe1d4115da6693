/** IDP sites. */
import {
  CreateIdpSiteRequest,
  IdpSiteList,
  IdpSiteQuery,
  IdpSiteSchema,
  missionDay,
  UpdateIdpSiteRequest,
  Uuid,
} from '@konbit/core';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { requireUser } from '../../http/actor.js';
import { errorResponses, type Api } from '../../http/api.js';
import { sendCreated } from '../../http/idempotency.js';
import { presentIdpSite } from './idp-site.presenter.js';
import { createIdpSite, getIdpSite, listIdpSites, updateIdpSite } from './idp-site.service.js';

export function idpSiteRoutes(app: Api, ctx: AppContext): void {
  const { store, areas, clock } = ctx;

  app.get(
    '/api/v1/idp-sites',
    {
      schema: {
        tags: ['humanitarian'],
        summary:
          'IDP sites you may read (open ones unless all=1 or status is given) with their latest population; exact points for UN agencies and NGOs only',
        querystring: IdpSiteQuery,
        response: { 200: IdpSiteList, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const sites = await listIdpSites(store, request.actor, clock, request.query);
      return {
        sites: sites.map((s) => presentIdpSite(s.site, request.actor, areas, s.population)),
        asOf: missionDay(clock.now()),
      };
    },
  );

  app.get(
    '/api/v1/idp-sites/:id',
    {
      schema: {
        tags: ['humanitarian'],
        summary:
          'One IDP site with its latest population; 404 if it does not exist or you may not read it',
        params: z.strictObject({ id: Uuid }),
        response: { 200: IdpSiteSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { site, population } = await getIdpSite(store, request.actor, clock, request.params.id);
      return presentIdpSite(site, request.actor, areas, population);
    },
  );

  app.post(
    '/api/v1/idp-sites',
    {
      schema: {
        tags: ['humanitarian'],
        summary: 'Record an IDP site (classified partners unless you say otherwise)',
        body: CreateIdpSiteRequest,
        response: { 201: IdpSiteSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      sendCreated(
        request,
        reply,
        store,
        async (tx, actor) =>
          presentIdpSite(await createIdpSite(tx, actor, ctx, request.body), actor, areas),
        request.body.id,
      ),
  );

  app.patch(
    '/api/v1/idp-sites/:id',
    {
      schema: {
        tags: ['humanitarian'],
        summary: 'Change an IDP site: name, type, place, or open/closed',
        params: z.strictObject({ id: Uuid }),
        body: UpdateIdpSiteRequest,
        response: { 200: IdpSiteSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      const site = await store.transaction((tx) =>
        updateIdpSite(tx, actor, ctx, request.params.id, request.body),
      );
      const { population } = await getIdpSite(store, actor, clock, site.id);
      return presentIdpSite(site, actor, areas, population);
    },
  );
}
