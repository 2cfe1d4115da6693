/**
 * The mission's operations through the API: critical sites and the site board, posture reports,
 * units and assignments, alerts, the police-freed figure, incident statistics and force
 * generation. Every answer is checked against the schemas of @konbit/core.
 */
import {
  AlertList,
  AlertSchema,
  AssignmentList,
  AssignmentSchema,
  ContributionList,
  ForceSummary,
  IncidentStatsResponse,
  MilestoneList,
  PoliceFreedResponse,
  SiteBoard,
  SiteCollection,
  SiteHistory,
  StatusReportResponse,
  UnitList,
  type CreateAssignmentRequest,
  type ReportSiteStatusRequest,
} from '@konbit/core';
import { z } from 'zod';
import { request } from './client';

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

const ServerNow = z.object({ now: z.string() });

export interface StatsParams {
  readonly groupBy: 'type' | 'week' | 'pcode';
  readonly from: string;
  readonly to: string;
  readonly types?: string;
}

export const operations = {
  /** The server's clock (a scenario's running clock in the demo): "today" comes from here. */
  serverNow: (signal?: AbortSignal) => request('GET', '/healthz', ServerNow, opts(signal)),
  sites: (signal?: AbortSignal) => request('GET', '/api/v1/sites', SiteCollection, opts(signal)),
  siteBoard: (signal?: AbortSignal) =>
    request('GET', '/api/v1/sites/board', SiteBoard, opts(signal)),
  siteHistory: (id: string, signal?: AbortSignal) =>
    request('GET', `/api/v1/sites/${id}/history`, SiteHistory, opts(signal)),
  reportStatus: (id: string, body: ReportSiteStatusRequest, idempotencyKey: string) =>
    request('POST', `/api/v1/sites/${id}/status`, StatusReportResponse, {
      body,
      idempotencyKey,
    }),
  units: (signal?: AbortSignal) => request('GET', '/api/v1/units', UnitList, opts(signal)),
  assignments: (siteId: string | undefined, signal?: AbortSignal) =>
    request('GET', `/api/v1/assignments${query({ siteId })}`, AssignmentList, opts(signal)),
  assign: (body: CreateAssignmentRequest, idempotencyKey: string) =>
    request('POST', '/api/v1/assignments', AssignmentSchema, { body, idempotencyKey }),
  alerts: (signal?: AbortSignal) => request('GET', '/api/v1/alerts', AlertList, opts(signal)),
  acknowledgeAlert: (id: string) =>
    request('POST', `/api/v1/alerts/${id}/acknowledge`, AlertSchema, { body: {} }),
  policeFreed: (from: string, to: string, signal?: AbortSignal) =>
    request(
      'GET',
      `/api/v1/kpi/police-freed${query({ from, to })}`,
      PoliceFreedResponse,
      opts(signal),
    ),
  incidentStats: (p: StatsParams, signal?: AbortSignal) =>
    request(
      'GET',
      `/api/v1/incidents/stats${query({ ...p })}`,
      IncidentStatsResponse,
      opts(signal),
    ),
  forceSummary: (signal?: AbortSignal) =>
    request('GET', '/api/v1/force/summary', ForceSummary, opts(signal)),
  contributions: (signal?: AbortSignal) =>
    request('GET', '/api/v1/force/contributions', ContributionList, opts(signal)),
  milestones: (signal?: AbortSignal) =>
    request('GET', '/api/v1/force/milestones', MilestoneList, opts(signal)),
};
