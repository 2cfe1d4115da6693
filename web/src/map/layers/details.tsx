/**
 * Pieces the map layers' details panes share: the state of a query they wait for, and one
 * sourced figure ("more than 165,000 IDPs — 8 June 2023", then where it comes from).
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueryState } from '../../api/useQuery';
import { Source, useDay, useNumber, type SourceView } from '../../ui/format';

/** The error or the loading hint while `query` has no answer; null once it has one. */
export function Pending({ query }: { query: QueryState<unknown> }) {
  const { t } = useTranslation('map');
  if (query.error) {
    return (
      <p className="error" role="alert">
        {query.error.message}
      </p>
    );
  }
  return query.data ? null : <p className="hint">{t('loadingDetails')}</p>;
}

export interface DetailsFigureView {
  readonly value: number;
  readonly qualifier: string;
  readonly asOf: string;
  readonly source: SourceView;
}

/** One figure with what it counts (`label`), its date and its source. */
export function DetailsFigure({
  figure,
  label,
  testId = 'details-figure',
  children,
}: {
  figure: DetailsFigureView;
  label: string;
  testId?: string;
  /** Shown after the date, such as a conflict marker. */
  children?: ReactNode;
}) {
  const { t: tc } = useTranslation();
  const number = useNumber();
  const day = useDay();
  return (
    <div className="figure" data-testid={testId} data-value={figure.value}>
      <p>
        <strong>
          {tc(`qualifier.${figure.qualifier}`)} {number(figure.value)}
        </strong>{' '}
        {label} — {day(figure.asOf)}
        {children}
      </p>
      <Source source={figure.source} />
    </div>
  );
}
