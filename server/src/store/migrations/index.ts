/**
 * Every migration, in order. Listed here (rather than read from a folder) so a built server
 * and the tests see exactly the same set.
 */
import type { Migration } from 'kysely';
import * as foundation from './20261128_0001_foundation.js';
import * as sites from './20261128_0100_sites.js';
import * as incidents from './20261128_0200_incidents.js';
import * as humanitarian from './20261128_0300_humanitarian.js';
import * as incidentIntake from './20261130_0500_incident_intake.js';

export const migrations: Record<string, Migration> = {
  '20261128_0001_foundation': foundation,
  '20261128_0100_sites': sites,
  '20261128_0200_incidents': incidents,
  '20261128_0300_humanitarian': humanitarian,
  '20261130_0500_incident_intake': incidentIntake,
};
