/** Force generation: contributions, pledge lines, the lead nation, mandate milestones, summary. */
import {
  ContributionList,
  ContributionSchema,
  CreateContributionRequest,
  CreateMilestoneRequest,
  ForceSummary,
  LeadRequest,
  MilestoneList,
  MilestoneSchema,
  MilestoneStatusRequest,
  PledgeLineInput,
  PledgeStatusRequest,
  Uuid,
  WithdrawContributionRequest,
} from '@konbit/core';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import type { UserActor } from '../policy/actor.js';
import type { Contribution } from './forces.js';
import { requireUser } from '../http/actor.js';
import { errorResponses, type Api } from '../http/api.js';
import { sendCreated } from '../http/idempotency.js';
import { presentContribution, presentForceSummary, presentMilestone } from './forces.presenter.js';
import {
  addPledgeLine,
  createContribution,
  createMilestone,
  forceSummary,
  getContribution,
  listContributions,
  listMilestones,
  setLeadNation,
  setMilestoneStatus,
  setPledgeStatus,
  withdrawContribution,
} from './forces.service.js';

const Params = z.strictObject({ id: Uuid });
const TAGS = ['force generation'];
/** The transaction a service runs in (routes do not import the store). */
type Tx = Parameters<Parameters<AppContext['store']['transaction']>[0]>[0];

export function forcesRoutes(app: Api, ctx: AppContext): void {
  const { store } = ctx;

  /** Runs an update for the signed-in user in one transaction and presents the contribution. */
  const update =
    <B>(work: (tx: Tx, actor: UserActor, id: string, body: B) => Promise<Contribution>) =>
    async (request: FastifyRequest & { params: { id: string }; body: B }) => {
      const actor = requireUser(request);
      return presentContribution(
        await store.transaction((tx) => work(tx, actor, request.params.id, request.body)),
      );
    };

  app.get(
    '/api/v1/force/summary',
    {
      schema: {
        tags: TAGS,
        summary:
          'Lead nation (or none), pledged and deployed personnel by country and capability, mandate milestones and plain readiness lines',
        response: { 200: ForceSummary, ...errorResponses(401) },
      },
    },
    async (request) => presentForceSummary(await forceSummary(store, request.actor, ctx)),
  );

  app.get(
    '/api/v1/force/contributions',
    {
      schema: {
        tags: TAGS,
        summary: 'Contributions by country that you may read, with pledge lines and their history',
        response: { 200: ContributionList, ...errorResponses(401) },
      },
    },
    async (request) => ({
      contributions: (await listContributions(store, request.actor)).map(presentContribution),
    }),
  );

  app.get(
    '/api/v1/force/contributions/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'One contribution; 404 if it does not exist or you may not read it',
        params: Params,
        response: { 200: ContributionSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) =>
      presentContribution(await getContribution(store, request.actor, request.params.id)),
  );

  app.post(
    '/api/v1/force/contributions',
    {
      schema: {
        tags: TAGS,
        summary:
          'Record a country’s contribution (ISO 3166 alpha-3) with its source, conditions and pledge lines; one open contribution per country',
        body: CreateContributionRequest,
        response: { 201: ContributionSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      sendCreated(
        request,
        reply,
        store,
        async (tx, actor) =>
          presentContribution(await createContribution(tx, actor, ctx, request.body)),
        request.body.id,
      ),
  );

  app.post(
    '/api/v1/force/contributions/:id/lines',
    {
      schema: {
        tags: TAGS,
        summary: 'Add a pledge line (personnel per capability) to a contribution',
        params: Params,
        body: PledgeLineInput,
        response: { 201: ContributionSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      sendCreated(
        request,
        reply,
        store,
        async (tx, actor) =>
          presentContribution(await addPledgeLine(tx, actor, ctx, request.params.id, request.body)),
        request.body.id,
      ),
  );

  app.post(
    '/api/v1/force/lines/:id/status',
    {
      schema: {
        tags: TAGS,
        summary:
          'Move a pledge line forward (considering → pledged → authorised → deployed) or withdraw it, dated and sourced',
        params: Params,
        body: PledgeStatusRequest,
        response: { 200: ContributionSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    update((tx, actor, id, body: PledgeStatusRequest) => setPledgeStatus(tx, actor, ctx, id, body)),
  );

  app.post(
    '/api/v1/force/contributions/:id/lead',
    {
      schema: {
        tags: TAGS,
        summary:
          'Designate the country lead nation (lead: true) or withdraw the designation; 409 LeadNationTaken while another country leads',
        params: Params,
        body: LeadRequest,
        response: { 200: ContributionSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    update((tx, actor, id, body: LeadRequest) => setLeadNation(tx, actor, ctx, id, body)),
  );

  app.post(
    '/api/v1/force/contributions/:id/withdraw',
    {
      schema: {
        tags: TAGS,
        summary: 'Withdraw a whole contribution: every pledge line and any lead designation',
        params: Params,
        body: WithdrawContributionRequest,
        response: { 200: ContributionSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    update((tx, actor, id, body: WithdrawContributionRequest) =>
      withdrawContribution(tx, actor, ctx, id, body),
    ),
  );

  app.get(
    '/api/v1/force/milestones',
    {
      schema: {
        tags: TAGS,
        summary: 'Mandate milestones you may read, dated ones first',
        response: { 200: MilestoneList, ...errorResponses(401) },
      },
    },
    async (request) => ({
      milestones: (await listMilestones(store, request.actor)).map(presentMilestone),
    }),
  );

  app.post(
    '/api/v1/force/milestones',
    {
      schema: {
        tags: TAGS,
        summary:
          'Record a mandate milestone (host-government request, UNSC resolution, national approval…) with its status and source',
        body: CreateMilestoneRequest,
        response: { 201: MilestoneSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      sendCreated(
        request,
        reply,
        store,
        async (tx, actor) => presentMilestone(await createMilestone(tx, actor, ctx, request.body)),
        request.body.id,
      ),
  );

  app.post(
    '/api/v1/force/milestones/:id/status',
    {
      schema: {
        tags: TAGS,
        summary: 'Decide a pending milestone (adopted, rejected, vetoed); a decision is final',
        params: Params,
        body: MilestoneStatusRequest,
        response: { 200: MilestoneSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      return presentMilestone(
        await store.transaction((tx) =>
          setMilestoneStatus(tx, actor, ctx, request.params.id, request.body),
        ),
      );
    },
  );
}
