/**
 * The SQL form of the read rule on the humanitarian tables selects exactly what `canRead`
 * allows, for every kind of reader (as policy.test.ts checks for figures).
 */
import {
  newId,
  type ClassificationLevel,
  type OrgId,
  type OrgKind,
  type Role,
  type UserId,
} from '@konbit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectAccessConstraints } from '../humanitarian/access/access.repository.js';
import { selectActivities } from '../humanitarian/activities/activity.repository.js';
import { selectHazardEvents } from '../humanitarian/hazards/hazard.repository.js';
import { selectIdpSites } from '../humanitarian/idp-sites/idp-site.repository.js';
import type { RecordMetaColumns } from '../humanitarian/record.js';
import { testContext, type TestContext } from '../test-support/context.js';
import { ANONYMOUS, type Actor, type UserActor } from './actor.js';
import { canRead, type AccessTag } from './policy.js';

function user(role: Role, orgKind: OrgKind, userId = `user-${role}-${orgKind}`): UserActor {
  return {
    kind: 'user',
    userId: userId as UserId,
    email: `${userId}@x`,
    name: userId,
    orgId: `org-${orgKind}` as OrgId,
    orgKind,
    role,
    credential: { type: 'session', id: 's' },
  };
}

const READERS: Record<string, Actor> = {
  anonymous: ANONYMOUS,
  contingent: user('contingent', 'force-contingent'),
  missionOps: user('mission-ops', 'force-hq'),
  police: user('police-liaison', 'police'),
  ocha: user('humanitarian-im', 'un-agency'),
  ngo: user('humanitarian-field', 'ngo'),
  reporter: user('reporter', 'ngo', 'user-reporter'),
  donor: user('viewer', 'donor'),
  admin: user('admin', 'operator'),
};

const TAGS: AccessTag[] = [
  { classification: 'public', restrictedTo: [] },
  { classification: 'partners', restrictedTo: [] },
  { classification: 'humanitarian', restrictedTo: [] },
  { classification: 'mission', restrictedTo: [] },
  { classification: 'restricted', restrictedTo: ['org-un-agency'] },
  { classification: 'restricted', restrictedTo: ['org-force-hq', 'org-police'] },
  { classification: 'humanitarian', restrictedTo: [], createdBy: 'user-reporter' },
  { classification: 'mission', restrictedTo: [], createdBy: 'user-reporter' },
];

function meta(tag: AccessTag): RecordMetaColumns {
  return {
    classification: tag.classification as ClassificationLevel,
    restricted_to: tag.restrictedTo.length > 0 ? JSON.stringify(tag.restrictedTo) : null,
    created_by: tag.createdBy ?? 'system:test',
    created_org: null,
    created_at: '2023-06-01T00:00:00Z',
    updated_at: '2023-06-01T00:00:00Z',
  };
}

describe('the SQL form of the read rule on the humanitarian tables', () => {
  let ctx: TestContext;
  const records: { id: string; tag: AccessTag }[] = [];

  beforeAll(async () => {
    ctx = await testContext();
    await ctx.store.transaction(async (tx) => {
      for (const [i, tag] of TAGS.entries()) {
        const id = newId();
        records.push({ id, tag });
        await tx
          .insertInto('idp_sites')
          .values({
            id,
            code: null,
            name: `s${i}`,
            type: 'spontaneous-site',
            lon: null,
            lat: null,
            pcode: 'HT0111',
            status: 'open',
            opened_on: null,
            closed_on: null,
            natural_key: `k${i}`,
            ...meta(tag),
          })
          .execute();
        await tx
          .insertInto('hazard_events')
          .values({
            id,
            type: 'fire',
            name: `h${i}`,
            started_at: '2023-06-01T00:00:00Z',
            ended_at: null,
            epicentre_lon: null,
            epicentre_lat: null,
            epicentre_pcode: null,
            depth_km: null,
            magnitude: null,
            magnitude_scale: null,
            affected_pcodes: '["HT0111"]',
            description: null,
            sources: '[]',
            ...meta(tag),
          })
          .execute();
        await tx
          .insertInto('activities')
          .values({
            id,
            natural_key: `k${i}`,
            org_name: 'o',
            org_acronym: null,
            org_type: 'other',
            sector: 'health',
            activity: 'a',
            pcode: 'HT0111',
            status: 'ongoing',
            start_on: null,
            end_on: null,
            reached_total: null,
            reached_women: null,
            reached_men: null,
            reached_girls: null,
            reached_boys: null,
            ...meta(tag),
          })
          .execute();
        await tx
          .insertInto('access_constraints')
          .values({
            id,
            natural_key: `k${i}`,
            category: 'interference',
            severity: 'low',
            scope: 'commune',
            geometry: null,
            pcodes: '["HT0111"]',
            place: null,
            description: 'd',
            start_on: '2023-06-01',
            end_on: null,
            source_organisation: 's',
            source_title: 't',
            source_url: null,
            source_published: null,
            source_method: null,
            ...meta(tag),
          })
          .execute();
      }
    });
  });
  afterAll(() => ctx.cleanup());

  const selects = {
    'idp sites': (a: Actor) => selectIdpSites(ctx.store.db, a, {}),
    'hazard events': (a: Actor) => selectHazardEvents(ctx.store.db, a, {}),
    activities: (a: Actor) => selectActivities(ctx.store.db, a, {}),
    'access constraints': (a: Actor) => selectAccessConstraints(ctx.store.db, a, {}),
  };

  for (const [table, select] of Object.entries(selects)) {
    for (const [name, actor] of Object.entries(READERS)) {
      it(`selects exactly what canRead allows from ${table} for ${name}`, async () => {
        const bySql = (await select(actor)).map((r) => r.id).sort();
        const byRule = records
          .filter((r) => canRead(actor, { ...r.tag, createdBy: r.tag.createdBy ?? 'system:test' }))
          .map((r) => r.id)
          .sort();
        expect(bySql).toEqual(byRule);
      });
    }
  }
});
