/**
 * Every record carries a classification. `restricted` records also carry the list of
 * organisations that may read them.
 */
import type { OrgId } from '../ids.js';

export const CLASSIFICATION_LEVELS = [
  'public',
  'partners',
  'humanitarian',
  'mission',
  'restricted',
] as const;
export type ClassificationLevel = (typeof CLASSIFICATION_LEVELS)[number];

export interface Classification {
  readonly level: ClassificationLevel;
  /** Organisations that may read a `restricted` record; empty for every other level. */
  readonly orgs: readonly OrgId[];
}

export const PUBLIC: Classification = Object.freeze({ level: 'public', orgs: [] });
export const PARTNERS: Classification = Object.freeze({ level: 'partners', orgs: [] });
