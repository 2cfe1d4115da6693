/** Organisations: who a user works for, which decides what they may read. */
import type { Organisation as OrganisationView, OrgId, OrgKind } from '@konbit/core';
import type { OrganisationTable } from './organisation.table.js';

export interface Organisation {
  readonly id: OrgId;
  readonly name: string;
  readonly kind: OrgKind;
  readonly country: string | null;
  readonly createdAt: string;
}

export function organisationRowToOrganisation(row: OrganisationTable): Organisation {
  return {
    id: row.id as OrgId,
    name: row.name,
    kind: row.kind as OrgKind,
    country: row.country,
    createdAt: row.created_at,
  };
}

/** The fields of an organisation that leave the server. */
export function presentOrganisation(org: Organisation): OrganisationView {
  return { id: org.id, name: org.name, kind: org.kind, country: org.country };
}
