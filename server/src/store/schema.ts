/** Every table, as Kysely sees it. Each concept owns its table file; this only lists them. */
import type { ChangeLogHeadTable, ChangeLogTable } from '../changelog/changelog.table.js';
import type { IdempotencyTable } from '../idempotency/idempotency.table.js';
import type { OrganisationTable } from '../orgs/organisation.table.js';
import type { UserTable } from '../orgs/user.table.js';
import type { ApiTokenTable, SessionTable } from '../auth/credential.table.js';
import type { FigureTable } from '../figures/figure.table.js';
import type { IncidentTable, IncidentVerificationTable } from '../incidents/incident.table.js';
import type { MetaTable } from './meta.table.js';

export interface DB {
  meta: MetaTable;
  change_log: ChangeLogTable;
  change_log_head: ChangeLogHeadTable;
  idempotency_keys: IdempotencyTable;
  organisations: OrganisationTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  figures: FigureTable;
  incidents: IncidentTable;
  incident_verifications: IncidentVerificationTable;
}
