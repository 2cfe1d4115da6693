/** The fields of an alert that leave the server. */
import type { Alert as AlertView } from '@konbit/core';
import { presentRestriction } from '../policy/tag.js';
import type { Alert } from './alert.js';

export function presentAlert(alert: Alert): AlertView {
  return {
    id: alert.id,
    kind: alert.kind,
    severity: alert.severity,
    site: alert.site ? { ...alert.site } : null,
    message: alert.message,
    subject: { ...alert.subject },
    raisedAt: alert.raisedAt,
    acknowledged: alert.acknowledged ? { ...alert.acknowledged } : null,
    classification: alert.classification,
    ...presentRestriction(alert),
  };
}
