/** Incidents: reports, corrections, verification, claims, merging, map reads and statistics. */
import {
  BatchIncidentItem,
  BatchIncidentRequest,
  BatchIncidentResponse,
  CreateIncidentRequest,
  CreateIncidentResponse,
  IncidentClusterQuery,
  IncidentClusterResponse,
  IncidentCollection,
  IncidentDetail,
  IncidentDuplicatesResponse,
  IncidentIntakeStatus,
  IncidentListQuery,
  IncidentStatsQuery,
  IncidentStatsResponse,
  KonbitError,
  MergeIncidentRequest,
  MergeIncidentResponse,
  UpdateIncidentRequest,
  Uuid,
  VerifyIncidentRequest,
  type ErrorBody,
} from '@konbit/core';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { requireUser } from '../http/actor.js';
import { errorResponses, type Api } from '../http/api.js';
import { validationFailure } from '../http/errors.js';
import { sendCreated } from '../http/idempotency.js';
import {
  presentClusters,
  presentCreated,
  presentIncidentDetail,
  presentIncidentFeature,
  presentStats,
} from './incident.presenter.js';
import {
  claimIncident,
  clusterIncidents,
  createIncident,
  createdFromRecord,
  findPossibleDuplicates,
  getIncident,
  incidentDeps,
  incidentStats,
  listIncidents,
  mergeIncident,
  releaseClaim,
  unmergeIncident,
  updateIncident,
  verifyIncident,
  type IncidentPage,
} from './incident.service.js';
import { IncidentIntake, type BatchEntry } from './incident.intake.js';

const IdParams = z.strictObject({ id: Uuid });

function plainError(error: ErrorBody['error']) {
  const { details, ...rest } = error;
  return details ? { ...rest, details: [...details] } : rest;
}

/** `If-Match: "3"` (or 3): the version the client last read; null when absent. */
function ifMatchOf(request: FastifyRequest): number | null {
  const header = request.headers['if-match'];
  if (header === undefined) return null;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(String(header));
  if (!match) {
    throw new KonbitError(
      'ValidationFailed',
      'If-Match must be the version you read, such as "3"',
      'If-Match',
    );
  }
  return Number(match[1]);
}

const FEATURES_OPEN = Buffer.from('{"type":"FeatureCollection","features":[');
const COMMA = Buffer.from(',');

/** A page of the list as the bytes of its GeoJSON FeatureCollection. */
function featureCollectionBytes(page: IncidentPage): Buffer {
  const parts: Buffer[] = [FEATURES_OPEN];
  for (const [k, item] of page.items.entries()) {
    if (k > 0) parts.push(COMMA);
    parts.push(item.feature);
  }
  const { nextCursor, from, to } = page;
  parts.push(Buffer.from(`],${JSON.stringify({ nextCursor, from, to }).slice(1)}`));
  return Buffer.concat(parts);
}

export function incidentRoutes(app: Api, ctx: AppContext): void {
  const { store, areas, clock, config } = ctx;
  const deps = incidentDeps(ctx);
  const intake = new IncidentIntake(store, deps, {
    maxReports: config.intakeMaxReports,
    quietMs: config.intakeQuietMs,
    log: {
      info: (message) => app.log.info(message),
      warn: (message) => app.log.warn(message),
      error: (message) => app.log.error(message),
    },
  });
  app.addHook('onReady', () => intake.open());
  app.addHook('onClose', () => intake.stop());
  /** A report still waiting in the intake is filed before it is read or changed by id. */
  const fileWaiting = async (request: FastifyRequest) => {
    const params = request.params as { id?: unknown } | undefined;
    const body = request.body as { id?: unknown; into?: unknown } | undefined;
    await intake.fileThrough(
      [params?.id, body?.id, body?.into].filter((v): v is string => typeof v === 'string'),
    );
  };

  app.get(
    '/api/v1/incidents',
    {
      schema: {
        tags: ['incidents'],
        summary:
          'Incidents you may read in an area (bbox or pcode required), newest first, as GeoJSON; page with cursor. The window defaults to the 90 days before to (default: now).',
        querystring: IncidentListQuery,
        response: { 200: IncidentCollection, ...errorResponses(400, 401) },
      },
    },
    async (request, reply) => {
      const page = await listIncidents(store, request.actor, clock, request.query);
      // Up to 5,000 features, each presented when its report was written (generalised for this
      // reader where need be): their stored bytes are joined as they are rather than built,
      // checked and encoded again field by field (the response schema still documents them).
      return reply
        .type('application/geo+json; charset=utf-8')
        .send(featureCollectionBytes(page) as unknown as IncidentCollection);
    },
  );

  app.get(
    '/api/v1/incidents/clusters',
    {
      schema: {
        tags: ['incidents'],
        summary:
          'Counts by map cell and type for a city-wide map: a cell’s count is what the list returns for its bbox with the same filters',
        querystring: IncidentClusterQuery,
        response: { 200: IncidentClusterResponse, ...errorResponses(400, 401) },
      },
    },
    async (request) =>
      presentClusters(
        await clusterIncidents(store, request.actor, clock, request.query),
        request.query.zoom,
      ),
  );

  app.get(
    '/api/v1/incidents/stats',
    {
      schema: {
        tags: ['incidents'],
        summary:
          'Counts and casualties by commune, type or week over Port-au-Prince days (merged duplicates counted once; reports judged false left out unless asked for)',
        querystring: IncidentStatsQuery,
        response: { 200: IncidentStatsResponse, ...errorResponses(400, 401) },
      },
    },
    async (request) =>
      presentStats(
        await incidentStats(store, request.actor, clock, request.query),
        request.query.groupBy,
        areas,
      ),
  );

  app.get(
    '/api/v1/incidents/:id',
    {
      preHandler: fileWaiting,
      schema: {
        tags: ['incidents'],
        summary:
          'One incident with its verification history; 404 if it does not exist or you may not read it',
        params: IdParams,
        response: { 200: IncidentDetail, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) =>
      presentIncidentDetail(
        request.actor,
        await getIncident(store, request.actor, request.params.id),
        areas,
        clock.now(),
      ),
  );

  app.get(
    '/api/v1/incidents/:id/duplicates',
    {
      preHandler: fileWaiting,
      schema: {
        tags: ['incidents'],
        summary:
          'Reports that may describe the same event as this one (same type within 500 m and 2 h, wider for coarse precision), unmerged, that you may read; 404 if you may not read this one',
        params: IdParams,
        response: { 200: IncidentDuplicatesResponse, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => ({
      possibleDuplicates: (
        await findPossibleDuplicates(store, request.actor, request.params.id)
      ).map((d) => presentIncidentFeature(request.actor, d, areas)),
    }),
  );

  app.post(
    '/api/v1/incidents',
    {
      preHandler: fileWaiting,
      schema: {
        tags: ['incidents'],
        summary:
          'File a report; answers with it and the reports that may describe the same event (same type within 500 m and 2 h, wider for coarse precision)',
        body: CreateIncidentRequest,
        response: { 201: CreateIncidentResponse, ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) =>
      sendCreated(
        request,
        reply,
        store,
        async (tx, actor) =>
          presentCreated(
            actor,
            await createIncident(tx, actor, deps, request.body),
            areas,
            clock.now(),
          ),
        request.body.id,
        (actor) => async (db) =>
          presentCreated(
            actor,
            await createdFromRecord(db, actor, request.body.id ?? ''),
            areas,
            clock.now(),
          ),
      ),
  );

  app.post(
    '/api/v1/incidents/batch',
    {
      bodyLimit: config.batchBodyLimitBytes,
      schema: {
        tags: ['incidents'],
        summary: `Up to 1,000 reports at once (a field device catching up), each with its own id: answers 200 with a result per report (created, exists, or rejected with its errors) once the created ones are stored for good. Each report is stored or refused on its own. Created reports are answered by id at once, and reach the map, statistics and search when filed, within moments (see GET /api/v1/incidents/intake).`,
        body: BatchIncidentRequest,
        response: { 200: BatchIncidentResponse, ...errorResponses(400, 401, 413) },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      const entries: BatchEntry[] = request.body.items.map((raw, index) => {
        const parsed = BatchIncidentItem.safeParse(raw);
        if (parsed.success) return { index, item: parsed.data };
        const id = (raw as { id?: unknown } | null)?.id;
        return {
          index,
          id: typeof id === 'string' ? id : null,
          error: validationFailure(parsed.error.issues),
        };
      });
      const results = await intake.accept(actor, entries);
      return {
        created: results.filter((r) => r.status === 'created').length,
        existing: results.filter((r) => r.status === 'exists').length,
        rejected: results.filter((r) => r.status === 'rejected').length,
        results: results.map(({ index, id, status, error }) => ({
          index,
          id,
          status,
          ...(error ? { error: plainError(error) } : {}),
        })),
        waiting: intake.status().waiting,
      };
    },
  );

  app.get(
    '/api/v1/incidents/intake',
    {
      schema: {
        tags: ['incidents'],
        summary:
          'Reports acknowledged from batches and not yet on the map, in statistics and search (filing follows within moments; a report is answered by id at once)',
        response: { 200: IncidentIntakeStatus, ...errorResponses(401) },
      },
    },
    async (request) => {
      requireUser(request);
      return intake.status();
    },
  );

  app.patch(
    '/api/v1/incidents/:id',
    {
      preHandler: fileWaiting,
      schema: {
        tags: ['incidents'],
        summary:
          'Correct a report: analysts may change any field, the reporter what they reported while it is unverified. Send If-Match with the version you read to refuse a change made meanwhile.',
        params: IdParams,
        body: UpdateIncidentRequest,
        response: { 200: IncidentDetail, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      const ifMatch = ifMatchOf(request);
      const record = await store.transaction((tx) =>
        updateIncident(tx, actor, deps, request.params.id, request.body, ifMatch),
      );
      return presentIncidentDetail(actor, record, areas, clock.now());
    },
  );

  app.post(
    '/api/v1/incidents/:id/verification',
    {
      preHandler: fileWaiting,
      schema: {
        tags: ['incidents'],
        summary:
          'Verify, dispute or mark false (from unverified), or reopen (back to unverified on new evidence), with the reason',
        params: IdParams,
        body: VerifyIncidentRequest,
        response: { 200: IncidentDetail, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      const ifMatch = ifMatchOf(request);
      const record = await store.transaction((tx) =>
        verifyIncident(tx, actor, deps, request.params.id, request.body, ifMatch),
      );
      return presentIncidentDetail(actor, record, areas, clock.now());
    },
  );

  app.post(
    '/api/v1/incidents/:id/claim',
    {
      preHandler: fileWaiting,
      schema: {
        tags: ['incidents'],
        summary:
          'Claim a report so no other analyst works it meanwhile (8 hours, renewed by claiming again); 409 AlreadyClaimed if someone else holds it',
        params: IdParams,
        response: { 200: IncidentDetail, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      const record = await store.transaction((tx) =>
        claimIncident(tx, actor, deps, request.params.id),
      );
      return presentIncidentDetail(actor, record, areas, clock.now());
    },
  );

  app.delete(
    '/api/v1/incidents/:id/claim',
    {
      preHandler: fileWaiting,
      schema: {
        tags: ['incidents'],
        summary: 'Release your claim on a report (an admin may release anyone’s)',
        params: IdParams,
        response: { 200: IncidentDetail, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      const record = await store.transaction((tx) =>
        releaseClaim(tx, actor, deps, request.params.id),
      );
      return presentIncidentDetail(actor, record, areas, clock.now());
    },
  );

  app.post(
    '/api/v1/incidents/:id/merge',
    {
      preHandler: fileWaiting,
      schema: {
        tags: ['incidents'],
        summary:
          'Link this report to the one that stays (`into`) as its duplicate: both are kept, counted once, and the survivor shows the corroboration',
        params: IdParams,
        body: MergeIncidentRequest,
        response: { 200: MergeIncidentResponse, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      const merged = await store.transaction((tx) =>
        mergeIncident(tx, actor, deps, request.params.id, request.body.into),
      );
      const now = clock.now();
      return {
        duplicate: presentIncidentDetail(actor, merged.duplicate, areas, now),
        survivor: presentIncidentDetail(actor, merged.survivor, areas, now),
      };
    },
  );

  app.delete(
    '/api/v1/incidents/:id/merge',
    {
      preHandler: fileWaiting,
      schema: {
        tags: ['incidents'],
        summary: 'Undo a merge: the report counts on its own again',
        params: IdParams,
        response: { 200: MergeIncidentResponse, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      const result = await store.transaction((tx) =>
        unmergeIncident(tx, actor, deps, request.params.id),
      );
      const now = clock.now();
      return {
        duplicate: presentIncidentDetail(actor, result.duplicate, areas, now),
        survivor: result.survivor
          ? presentIncidentDetail(actor, result.survivor, areas, now)
          : null,
      };
    },
  );
}
