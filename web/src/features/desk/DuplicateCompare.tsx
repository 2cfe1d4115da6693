/**
 * A report and one of its possible duplicates side by side, field against field, with the
 * fields that differ marked (and said, for screen readers), the distance and time between
 * them, and one action to merge the candidate into the report.
 */
import type { IncidentDetail, IncidentFeature } from '@konbit/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Time, useNumber } from '../../ui/format';
import { metresBetween } from './distance';

interface Row {
  readonly key: string;
  /** What is compared: equal keys mean the same value. */
  readonly left: string;
  readonly right: string;
  readonly showLeft: ReactNode;
  readonly showRight: ReactNode;
}

export function DuplicateCompare({
  report,
  candidate,
  busy,
  onMerge,
}: {
  report: IncidentDetail;
  candidate: IncidentFeature;
  busy: boolean;
  onMerge: () => void;
}) {
  const { t } = useTranslation('desk');
  const number = useNumber();
  const a = report.properties;
  const b = candidate.properties;
  const casualties = (c: typeof a.casualties) => t('casualtyCounts', c);
  const text = (key: string, left: string, right: string): Row => ({
    key,
    left,
    right,
    showLeft: left,
    showRight: right,
  });
  const rows: Row[] = [
    text('type', t(`types.${a.type}`), t(`types.${b.type}`)),
    {
      key: 'occurred',
      left: `${a.occurredAt}|${a.occurredPrecision}`,
      right: `${b.occurredAt}|${b.occurredPrecision}`,
      showLeft: <Time value={a.occurredAt} />,
      showRight: <Time value={b.occurredAt} />,
    },
    text('commune', a.commune ?? t('unknownPlace'), b.commune ?? t('unknownPlace')),
    text(
      'precision',
      t(`locationPrecision.${a.locationPrecision}`),
      t(`locationPrecision.${b.locationPrecision}`),
    ),
    text(
      'source',
      `${t(`sourceKind.${a.source.kind}`)} · ${a.source.grade}`,
      `${t(`sourceKind.${b.source.kind}`)} · ${b.source.grade}`,
    ),
    text('casualties', casualties(a.casualties), casualties(b.casualties)),
    text(
      'verificationLabel',
      t(`verification.${a.verification}`),
      t(`verification.${b.verification}`),
    ),
    text('corroborations', String(a.corroborations), String(b.corroborations)),
    text('summary', a.description, b.summary),
  ];
  const apart =
    report.geometry && candidate.geometry
      ? Math.round(metresBetween(report.geometry.coordinates, candidate.geometry.coordinates))
      : null;
  const minutes = Math.round(
    Math.abs(new Date(a.occurredAt).getTime() - new Date(b.occurredAt).getTime()) / 60_000,
  );
  const titleId = `compare-${candidate.id}`;

  return (
    <section
      className="desk-compare"
      aria-labelledby={titleId}
      data-testid="duplicate"
      data-id={candidate.id}
    >
      <h4 id={titleId}>{t('candidate', { type: t(`types.${b.type}`) })}</h4>
      <p className="hint" data-testid="apart">
        {apart === null
          ? t('apartTimeOnly', { minutes: number(minutes) })
          : t('apart', { metres: number(apart), minutes: number(minutes) })}
      </p>
      <table className="desk-table compare">
        <thead>
          <tr>
            <th scope="col">{t('field')}</th>
            <th scope="col">{t('thisReport')}</th>
            <th scope="col">{t('possibleDuplicate')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const differs = row.left !== row.right;
            return (
              <tr
                key={row.key}
                data-field={row.key}
                data-differs={differs}
                className={differs ? 'differs' : undefined}
              >
                <th scope="row">
                  {t(row.key)}
                  {differs && <span className="visually-hidden"> ({t('differs')})</span>}
                </th>
                <td data-side="report">{row.showLeft}</td>
                <td data-side="candidate">{row.showRight}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" disabled={busy} data-testid="merge" onClick={onMerge}>
        {t('merge')}
      </button>
    </section>
  );
}
