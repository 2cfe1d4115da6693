/** SQL for force generation: contributions, pledge lines and their history, milestones. */
import type { Actor } from '../policy/actor.js';
import { readableCondition } from '../policy/policy.sql.js';
import type { Db, Tx } from '../store/store.js';
import type {
  ContributionTable,
  MilestoneTable,
  PledgeHistoryTable,
  PledgeLineTable,
} from './forces.table.js';

export function insertContribution(tx: Tx, row: ContributionTable) {
  return tx.insertInto('force_contributions').values(row).execute();
}

export function replaceContribution(tx: Tx, row: ContributionTable) {
  return tx.updateTable('force_contributions').set(row).where('id', '=', row.id).execute();
}

export function findContribution(db: Db | Tx, id: string) {
  return db.selectFrom('force_contributions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Contributions `actor` may read, by country. */
export function selectContributions(db: Db | Tx, actor: Actor) {
  let q = db.selectFrom('force_contributions').selectAll();
  const readable = readableCondition(actor);
  if (readable) q = q.where(readable);
  return q.orderBy('country_name').orderBy('created_at').limit(10_000).execute();
}

/** The contribution currently designated lead nation, whoever may read it: the rule is global. */
export function findCurrentLead(db: Db | Tx) {
  return db
    .selectFrom('force_contributions')
    .selectAll()
    .where('lead_since', 'is not', null)
    .where('withdrawn_on', 'is', null)
    .executeTakeFirst();
}

export function insertPledgeLine(tx: Tx, row: PledgeLineTable) {
  return tx.insertInto('force_pledge_lines').values(row).execute();
}

export function replacePledgeLine(tx: Tx, row: PledgeLineTable) {
  return tx.updateTable('force_pledge_lines').set(row).where('id', '=', row.id).execute();
}

export function findPledgeLine(db: Db | Tx, id: string) {
  return db.selectFrom('force_pledge_lines').selectAll().where('id', '=', id).executeTakeFirst();
}

export function selectPledgeLines(db: Db | Tx, contributionIds: readonly string[]) {
  if (contributionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('force_pledge_lines')
    .selectAll()
    .where('contribution_id', 'in', contributionIds)
    .orderBy('created_at')
    .execute();
}

export function insertPledgeHistory(tx: Tx, row: PledgeHistoryTable) {
  return tx.insertInto('force_pledge_history').values(row).execute();
}

export function selectPledgeHistory(db: Db | Tx, lineIds: readonly string[]) {
  if (lineIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('force_pledge_history')
    .selectAll()
    .where('line_id', 'in', lineIds)
    .orderBy('date')
    .orderBy('recorded_at')
    .execute();
}

export function insertMilestone(tx: Tx, row: MilestoneTable) {
  return tx.insertInto('mandate_milestones').values(row).execute();
}

export function replaceMilestone(tx: Tx, row: MilestoneTable) {
  return tx.updateTable('mandate_milestones').set(row).where('id', '=', row.id).execute();
}

export function findMilestone(db: Db | Tx, id: string) {
  return db.selectFrom('mandate_milestones').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Milestones `actor` may read, in the order of their dates (undated last). */
export function selectMilestones(db: Db | Tx, actor: Actor) {
  let q = db.selectFrom('mandate_milestones').selectAll();
  const readable = readableCondition(actor);
  if (readable) q = q.where(readable);
  return q.orderBy('created_at').limit(10_000).execute();
}

/** A country's contribution that is not withdrawn, whoever may read it. */
export function findOpenContributionOf(db: Db | Tx, country: string) {
  return db
    .selectFrom('force_contributions')
    .selectAll()
    .where('country', '=', country)
    .where('withdrawn_on', 'is', null)
    .executeTakeFirst();
}
