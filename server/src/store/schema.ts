/** Every table, as Kysely sees it. Each concept owns its table file; this only lists them. */
import type { ChangeLogHeadTable, ChangeLogTable } from '../changelog/changelog.table.js';
import type { IdempotencyTable } from '../idempotency/idempotency.table.js';
import type { OrganisationTable } from '../orgs/organisation.table.js';
import type { UserTable } from '../orgs/user.table.js';
import type { ApiTokenTable, SessionTable } from '../auth/credential.table.js';
import type { FigureTable } from '../figures/figure.table.js';
import type {
  IncidentIntakeTable,
  IncidentTable,
  IncidentVerificationTable,
} from '../incidents/incident.table.js';
import type { MetaTable } from './meta.table.js';
import type { SiteReleaseTable, SiteStatusChangeTable, SiteTable } from '../sites/site.table.js';
import type { AssignmentTable, UnitTable } from '../tasking/tasking.table.js';
import type {
  ContributionTable,
  MilestoneTable,
  PledgeHistoryTable,
  PledgeLineTable,
} from '../forces/forces.table.js';
import type { AlertTable } from '../alerts/alert.table.js';
import type { AccessConstraintTable } from '../humanitarian/access/access.table.js';
import type { ActivityTable } from '../humanitarian/activities/activity.table.js';
import type { HazardEventTable } from '../humanitarian/hazards/hazard.table.js';
import type { IdpSiteTable } from '../humanitarian/idp-sites/idp-site.table.js';

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
  sites: SiteTable;
  site_status_changes: SiteStatusChangeTable;
  site_releases: SiteReleaseTable;
  units: UnitTable;
  assignments: AssignmentTable;
  force_contributions: ContributionTable;
  force_pledge_lines: PledgeLineTable;
  force_pledge_history: PledgeHistoryTable;
  mandate_milestones: MilestoneTable;
  alerts: AlertTable;
  idp_sites: IdpSiteTable;
  hazard_events: HazardEventTable;
  activities: ActivityTable;
  access_constraints: AccessConstraintTable;
  incidents: IncidentTable;
  incident_intake: IncidentIntakeTable;
  incident_verifications: IncidentVerificationTable;
}
