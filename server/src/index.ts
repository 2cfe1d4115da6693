/** @konbit/server: what the CLI and the tests use. */
export { loadConfig, withOverrides, ConfigError, type Config } from './config/config.js';
export { clockFor, fixedClock, scenarioClock, systemClock, type Clock } from './clock/clock.js';
export { Store } from './store/store.js';
export { migrateToLatest, MigrationError } from './store/migrate.js';
export { getMeta } from './store/meta.js';
export { Areas } from './areas/areas.js';
export { buildApp } from './http/app.js';
export {
  openContext,
  serve,
  defaultWebDir,
  SERVING_CHECKPOINT_MS,
  type RunningServer,
} from './server.js';
export type { AppContext } from './context.js';
export { verifyChain, type VerifyResult } from './changelog/changelog.service.js';
export { systemActor, type Actor, type UserActor, type SystemActor } from './policy/actor.js';
export { createOrganisation, createUser, setUserDisabled, getUser } from './orgs/orgs.service.js';
export { findOrganisationByName, findUserByEmail } from './orgs/orgs.repository.js';
export { createToken, revokeToken } from './auth/auth.service.js';
export {
  loadScenario,
  DEMO_PASSWORD,
  DEMO_ACCOUNTS,
  DEMO_AS_OF,
  type ScenarioSummary,
} from './demo/scenario.js';
export { createSite, reportSiteStatus, sitesNear } from './sites/site.service.js';
export { raiseAlert } from './alerts/alert.service.js';
export { createUnit, createAssignment } from './tasking/tasking.service.js';
export { importHxl, type HxlImportOptions } from './interop/hxl/import.service.js';
export { fileSource, type ByteSource } from './interop/hxl/hxl.read.js';
export { importDtmJson } from './interop/dtm/dtm.js';
export {
  checkIncident,
  createIncident,
  fileIncident,
  incidentDeps,
  storeIncidents,
  type IncidentDeps,
  type SitesNear,
} from './incidents/incident.service.js';
export { getOrganisation } from './orgs/orgs.service.js';
