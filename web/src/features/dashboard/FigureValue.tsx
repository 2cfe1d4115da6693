/** One figure as people read it: "more than 165,000", its date, place and source. */
import { useTranslation } from 'react-i18next';
import type { ListedFigure } from '../../api/client';
import { Source, useDay, useNumber } from '../../ui/format';
import type { FigureGroup } from './figures';

export function Amount({ figure }: { figure: ListedFigure }) {
  const { t } = useTranslation();
  const number = useNumber();
  const qualifier = t(`qualifier.${figure.qualifier}`);
  return (
    <span className="amount" data-testid="amount" data-value={figure.value}>
      {qualifier ? `${qualifier} ` : ''}
      {number(figure.value)}
    </span>
  );
}

export function FigureLine({ figure, showMetric }: { figure: ListedFigure; showMetric: boolean }) {
  const { t } = useTranslation('dashboard');
  const { t: tc } = useTranslation();
  const day = useDay();
  return (
    <div className="figure" data-testid="figure" data-figure-id={figure.id}>
      <p className="figure-head">
        <Amount figure={figure} />
        {showMetric && <span className="metric"> {tc(`metric.${figure.metric}`)}</span>}
        <span className="when"> — {t('figure.asOf', { date: day(figure.asOf) })}</span>
        {figure.place.level > 0 && <span className="place"> · {figure.place.name}</span>}
      </p>
      {figure.context && <p className="context">{figure.context}</p>}
      <Source source={figure.source} />
    </div>
  );
}

/** A group: its latest figure, or every disagreeing figure side by side under a marker. */
export function FigureGroupView({
  group,
  showMetric,
}: {
  group: FigureGroup;
  showMetric: boolean;
}) {
  const { t } = useTranslation('dashboard');
  if (!group.conflict) {
    const [only] = group.figures;
    return only ? <FigureLine figure={only} showMetric={showMetric} /> : null;
  }
  return (
    <div className="conflict" data-testid="conflict" role="group" aria-label={t('conflict.marker')}>
      <p className="conflict-marker">
        <span aria-hidden="true">⚠ </span>
        <strong>{t('conflict.marker')}</strong>
      </p>
      <p className="hint">{t('conflict.explain')}</p>
      <div className="side-by-side">
        {group.figures.map((f) => (
          <FigureLine key={f.id} figure={f} showMetric={showMetric} />
        ))}
      </div>
    </div>
  );
}
