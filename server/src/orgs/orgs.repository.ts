/** SQL for organisations and users. */
import type { Db, Tx } from '../store/store.js';
import type { OrganisationTable } from './organisation.table.js';
import type { UserTable } from './user.table.js';

type Q = Db | Tx;

export function insertOrganisation(tx: Tx, row: OrganisationTable) {
  return tx.insertInto('organisations').values(row).execute();
}

export function findOrganisation(db: Q, id: string) {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findOrganisationByName(db: Q, name: string) {
  return db.selectFrom('organisations').selectAll().where('name', '=', name).executeTakeFirst();
}

export function listOrganisations(db: Q) {
  return db.selectFrom('organisations').selectAll().orderBy('name').execute();
}

export function insertUser(tx: Tx, row: UserTable) {
  return tx.insertInto('users').values(row).execute();
}

export function findUser(db: Q, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByEmail(db: Q, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export function listUsers(db: Q) {
  return db.selectFrom('users').selectAll().orderBy('email').execute();
}

export function updateUser(tx: Tx, id: string, set: Partial<UserTable>) {
  return tx.updateTable('users').set(set).where('id', '=', id).executeTakeFirst();
}
