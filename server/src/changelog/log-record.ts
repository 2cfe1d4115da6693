/** Recording a classified domain record's change: its own tag goes with the entry. */
import type { ClassificationLevel } from '@konbit/core';
import type { Writer } from '../policy/actor.js';
import type { Tx } from '../store/store.js';
import type { ChangeEntry, ChangeOp } from './changelog.js';
import { recordChange } from './changelog.service.js';

export interface LoggedRecord {
  readonly id: string;
  readonly classification: ClassificationLevel;
  readonly restrictedTo: readonly string[];
}

/**
 * Records `record` (or `payload`, when what is logged carries more, such as names) as a change
 * of `entity`, classified as the record is, at `at` on the server's clock.
 */
export function logRecord(
  tx: Tx,
  actor: Writer,
  entity: string,
  op: ChangeOp,
  record: LoggedRecord,
  at: string,
  payload: unknown = record,
): Promise<ChangeEntry> {
  return recordChange(tx, actor, {
    entity,
    entityId: record.id,
    op,
    classification: record.classification,
    restrictedTo: record.restrictedTo,
    payload,
    at: new Date(at),
  });
}
