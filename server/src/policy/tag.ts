/** The access tag's columns (`classification`, `restricted_to` as JSON) to and from a row. */
import type { ClassificationLevel } from '@konbit/core';

export interface TagColumns {
  classification: string;
  restricted_to: string | null;
}

export interface Tag {
  readonly classification: ClassificationLevel;
  readonly restrictedTo: readonly string[];
}

export function tagFromRow(row: TagColumns): Tag {
  return {
    classification: row.classification as ClassificationLevel,
    restrictedTo: row.restricted_to === null ? [] : (JSON.parse(row.restricted_to) as string[]),
  };
}

export function tagToRow(tag: Tag): TagColumns {
  return {
    classification: tag.classification,
    restricted_to: tag.restrictedTo.length > 0 ? JSON.stringify(tag.restrictedTo) : null,
  };
}

/** The tag a request asks for, with the concept's default classification. */
export function requestedTag(
  input: { classification?: ClassificationLevel; restrictedTo?: readonly string[] },
  fallback: ClassificationLevel,
): Tag {
  return {
    classification: input.classification ?? fallback,
    restrictedTo: input.restrictedTo ?? [],
  };
}

/** `restrictedTo` for a presenter: only on restricted records. */
export function presentRestriction(tag: Tag): { restrictedTo?: string[] } {
  return tag.classification === 'restricted' ? { restrictedTo: [...tag.restrictedTo] } : {};
}

/** The tag and who made the record: the columns every classified domain record carries. */
export interface AuthoredColumns extends TagColumns {
  created_by: string;
  created_org: string | null;
}

export interface Authored extends Tag {
  readonly createdBy: string;
  readonly createdOrg: string | null;
}

export function authoredFromRow(row: AuthoredColumns): Authored {
  return { ...tagFromRow(row), createdBy: row.created_by, createdOrg: row.created_org };
}

export function authoredToRow(record: Authored): AuthoredColumns {
  return { ...tagToRow(record), created_by: record.createdBy, created_org: record.createdOrg };
}
