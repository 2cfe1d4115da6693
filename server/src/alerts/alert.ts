/** Alerts: something mission roles must look at, raised by any concept, acknowledged once. */
import type { AlertId, AlertKind, AlertSeverity, ClassificationLevel } from '@konbit/core';
import { authoredFromRow, authoredToRow } from '../policy/tag.js';
import type { AlertTable } from './alert.table.js';

export interface Alert {
  readonly id: AlertId;
  readonly kind: AlertKind;
  readonly severity: AlertSeverity;
  readonly site: { readonly id: string; readonly name: string } | null;
  readonly message: string;
  readonly subject: { readonly entity: string; readonly id: string };
  readonly raisedAt: string;
  readonly acknowledged: {
    readonly at: string;
    readonly by: string;
    readonly note: string | null;
  } | null;
  readonly classification: ClassificationLevel;
  readonly restrictedTo: readonly string[];
  readonly createdBy: string;
  readonly createdOrg: string | null;
}

export function alertRowToAlert(row: AlertTable): Alert {
  return {
    id: row.id as AlertId,
    kind: row.kind as AlertKind,
    severity: row.severity as AlertSeverity,
    site: row.site_id === null ? null : { id: row.site_id, name: row.site_name ?? row.site_id },
    message: row.message,
    subject: { entity: row.subject_entity, id: row.subject_id },
    raisedAt: row.raised_at,
    acknowledged:
      row.acknowledged_at === null
        ? null
        : {
            at: row.acknowledged_at,
            by: row.acknowledged_by ?? '',
            note: row.acknowledged_note,
          },
    ...authoredFromRow(row),
  };
}

export function alertToRow(a: Alert): AlertTable {
  return {
    id: a.id,
    kind: a.kind,
    severity: a.severity,
    site_id: a.site?.id ?? null,
    site_name: a.site?.name ?? null,
    message: a.message,
    subject_entity: a.subject.entity,
    subject_id: a.subject.id,
    raised_at: a.raisedAt,
    acknowledged_at: a.acknowledged?.at ?? null,
    acknowledged_by: a.acknowledged?.by ?? null,
    acknowledged_note: a.acknowledged?.note ?? null,
    ...authoredToRow(a),
  };
}
