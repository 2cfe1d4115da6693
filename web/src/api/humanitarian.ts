/**
 * The humanitarian views' calls: displacement figures (latest and history), 3W activities, HXL
 * and DTM imports (the file sent as it is) and the export links. Answers are checked against
 * the schemas of @konbit/core.
 */
import {
  ActivityList,
  FigureList,
  ImportResultSchema,
  type ActivityQuery,
  type HxlKind,
} from '@konbit/core';
import { request } from './client';

function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** What an import is given: one of the HXL kinds, or the DTM API's JSON. */
export type ImportKind = HxlKind | 'dtm-json';

export interface ImportOptions {
  readonly kind: ImportKind;
  readonly fileName: string;
  readonly sourceOrganisation?: string;
  readonly sourceTitle?: string;
}

export function importPath(o: ImportOptions): string {
  if (o.kind === 'dtm-json') return `/api/v1/import/dtm${query({ fileName: o.fileName })}`;
  return `/api/v1/import/hxl${query({
    kind: o.kind,
    fileName: o.fileName,
    sourceOrganisation: o.sourceOrganisation,
    sourceTitle: o.sourceTitle,
  })}`;
}

export const exportPath = (kind: HxlKind) => `/api/v1/export/${kind}.csv`;

export const humanitarian = {
  /** Figures of a metric; `latest` keeps the latest per place, with conflicting ones beside it. */
  figures: (params: { metric: string; pcode?: string; latest?: boolean }, signal?: AbortSignal) =>
    request(
      'GET',
      `/api/v1/figures${query({
        metric: params.metric,
        pcode: params.pcode,
        latest: params.latest ? 'true' : undefined,
      })}`,
      FigureList,
      signal ? { signal } : {},
    ),
  activities: (filters: Partial<Record<keyof ActivityQuery, string>>, signal?: AbortSignal) =>
    request('GET', `/api/v1/activities${query(filters)}`, ActivityList, signal ? { signal } : {}),
  /** Sends the file as it is; 422 ImportFailed carries every error with its row and column. */
  importFile: (options: ImportOptions, file: Blob) =>
    request('POST', importPath(options), ImportResultSchema, {
      raw: file,
      headers: {
        'content-type': options.kind === 'dtm-json' ? 'application/json' : 'text/csv',
      },
    }),
};
