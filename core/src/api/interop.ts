/** HXL import and export, and the IOM DTM API import. */
import { z } from 'zod';
import { HXL_KINDS } from '../vocab/humanitarian.js';
import { ClassificationLevelSchema, LocalDateSchema, Pcode } from './common.js';

export const HxlKindSchema = z.enum(HXL_KINDS);

/**
 * Options of an HXL import. The source fields say where the numbers come from when the file
 * does not (a `#meta+source` column names the organisation row by row; DTM files are IOM DTM).
 */
export const HxlImportQuery = z.strictObject({
  kind: HxlKindSchema,
  classification: ClassificationLevelSchema.optional(),
  sourceOrganisation: z.string().trim().min(1).max(200).optional(),
  sourceTitle: z.string().trim().min(1).max(500).optional(),
  sourceUrl: z
    .url({ protocol: /^https?$/, message: 'Must be an http(s) URL' })
    .max(2000)
    .optional(),
  sourcePublished: LocalDateSchema.optional(),
  /** The file's name, recorded with the import. */
  fileName: z.string().trim().min(1).max(255).optional(),
});
export type HxlImportQuery = z.infer<typeof HxlImportQuery>;

export const DtmImportQuery = z.strictObject({
  classification: ClassificationLevelSchema.optional(),
  fileName: z.string().trim().min(1).max(255).optional(),
});
export type DtmImportQuery = z.infer<typeof DtmImportQuery>;

export const ImportResultSchema = z.object({
  kind: z.union([HxlKindSchema, z.literal('dtm-json')]),
  /** How the file was read: `utf-8` or `latin1`. */
  encoding: z.string(),
  /** The row (1-based) holding the hashtags; null for JSON. */
  hashtagRow: z.number().int().nullable(),
  /** Data rows read. */
  rows: z.number().int(),
  /** Records added, by kind. */
  created: z.object({
    figures: z.number().int(),
    idpSites: z.number().int(),
    activities: z.number().int(),
    accessConstraints: z.number().int(),
  }),
  /** Records already there (IDP sites, activities, constraints) whose values the file changed. */
  updated: z.number().int(),
  /** Records already there from an earlier import: nothing was added for them. */
  unchanged: z.number().int(),
  /** Figures dated after the server's today: stored, but not latest until then. */
  datedAfterToday: z.number().int(),
  sha256: z.string(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

/** Filters of an HXL export; the policy filters first. */
export const ExportQuery = z.strictObject({
  /** A commune, department or `HT`. */
  pcode: Pcode.optional(),
  from: LocalDateSchema.optional(),
  to: LocalDateSchema.optional(),
});
export type ExportQuery = z.infer<typeof ExportQuery>;
