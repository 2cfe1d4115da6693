/**
 * Builds the HTTP application: security headers, cookies, schemas, the actor on every request,
 * every concept's routes, OpenAPI and the web app. Nothing here listens; `server.ts` does.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { KonbitError } from '@konbit/core';
import Fastify, { type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { areasRoutes } from '../areas/areas.routes.js';
import { authRoutes } from '../auth/auth.routes.js';
import { currentSeq } from '../changelog/changelog.service.js';
import { getMeta } from '../store/meta.js';
import type { AppContext } from '../context.js';
import { feedRoutes } from '../feed/feed.routes.js';
import { figureRoutes } from '../figures/figure.routes.js';
import { humanitarianRoutes } from '../humanitarian/routes.js';
import { exportRoutes } from '../interop/export.routes.js';
import { importRoutes } from '../interop/import.routes.js';
import { incidentRoutes } from '../incidents/incident.routes.js';
import { orgsRoutes } from '../orgs/orgs.routes.js';
import { siteRoutes } from '../sites/site.routes.js';
import { alertRoutes } from '../alerts/alert.routes.js';
import { taskingRoutes } from '../tasking/tasking.routes.js';
import { forcesRoutes } from '../forces/forces.routes.js';
import { registerActorResolution } from './actor.js';
import { webRoutes } from './web.routes.js';
import type { Api } from './api.js';
import { errorHandler } from './errors.js';

export const API_VERSION = '0.1.0';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Content-Security-Policy for the web app; MapLibre needs blob: workers and inline styles, and
 * configured map tiles their origin for images and fetches.
 */
function cspFor(config: AppContext['config']) {
  const tiles = config.mapTiles ? [new URL(config.mapTiles.url.replace(/[{}]/g, '')).origin] : [];
  return {
    ...CSP,
    imgSrc: [...CSP.imgSrc, ...tiles],
    connectSrc: [...CSP.connectSrc, ...tiles],
  };
}

const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  childSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
  upgradeInsecureRequests: null,
};

export interface AppOptions {
  /** Pino options or an instance; false for none (tests). */
  readonly logger?: FastifyServerOptions['logger'];
}

export async function buildApp(ctx: AppContext, options: AppOptions = {}): Promise<Api> {
  const { config } = ctx;
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler(config.bodyLimitBytes));
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { directives: cspFor(config) },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCookie);
  registerActorResolution(app, ctx.store);

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Konbit API',
        version: API_VERSION,
        description:
          'Common operational picture for a multinational security-support mission beside a humanitarian response. Sign in with POST /api/v1/auth/login and send the returned token as "Authorization: Bearer <token>". Errors are {"error":{"code","message","field"?,"details"?}}.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'konbit_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    // Served over plain HTTP on loopback too: do not ask the browser to upgrade.
    transformStaticCSP: (header) => header.replace(/upgrade-insecure-requests;?/, ''),
  });

  app.get(
    '/healthz',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and the change-log head',
        response: {
          200: z.object({
            status: z.literal('ok'),
            version: z.string(),
            seq: z.number(),
            now: z.string(),
            scenario: z.boolean(),
            demo: z.boolean(),
          }),
        },
      },
    },
    async () => ({
      status: 'ok' as const,
      version: API_VERSION,
      seq: await currentSeq(ctx.store.db),
      now: ctx.clock.now().toISOString(),
      scenario: ctx.clock.scenario,
      demo: (await getMeta(ctx.store.db, 'store_kind')) === 'demo',
    }),
  );
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  authRoutes(app, ctx);
  orgsRoutes(app, ctx);
  areasRoutes(app, ctx);
  figureRoutes(app, ctx);
  siteRoutes(app, ctx);
  alertRoutes(app, ctx);
  taskingRoutes(app, ctx);
  forcesRoutes(app, ctx);
  humanitarianRoutes(app, ctx);
  importRoutes(app, ctx);
  exportRoutes(app, ctx);
  incidentRoutes(app, ctx);
  feedRoutes(app, ctx);
  webRoutes(app, ctx);

  await registerWebApp(app, config.webDir);
  return app;
}

/** Serves the built web app; unknown non-API paths get index.html so client routes work. */
async function registerWebApp(app: Api, webDir: string | null): Promise<void> {
  const index = webDir ? join(webDir, 'index.html') : null;
  if (webDir && index && existsSync(index)) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      // The build writes .br and .gz beside each asset; they are sent to browsers that accept them.
      preCompressed: true,
      setHeaders: (res, path) => {
        void res.header(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const wantsPage =
      request.method === 'GET' && !request.url.startsWith('/api/') && index && existsSync(index);
    if (wantsPage) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    throw new KonbitError(
      'NotFound',
      `No route ${request.method} ${request.url.split('?')[0]}; see /docs`,
    );
  });
}
