/**
 * Recording a figure with its source. The figure goes through the outbox: it is kept on this
 * device with its own id and sent with an Idempotency-Key, so it survives a lost connection and
 * is never recorded twice.
 */
import {
  compartmentOf,
  CreateFigureRequest,
  METRICS,
  missionDay,
  QUALIFIERS,
  type ClassificationLevel,
} from '@konbit/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ViewProps } from '../../app/views';
import { registerStrings } from '../../i18n/i18n';
import { AreaPicker, pcodeOf, type AreaChoice } from '../../ui/AreaPicker';
import { Field, fieldErrors, type FieldErrors } from '../../ui/forms';
import { useDraft } from '../../ui/useDraft';
import { Filed, useFiling } from '../outbox/Filed';
import en from './locales/en.json';
import fr from './locales/fr.json';
import ht from './locales/ht.json';

registerStrings('figures', { en, fr, ht });

interface Draft {
  metric: string;
  value: string;
  qualifier: string;
  area: AreaChoice;
  asOf: string;
  organisation: string;
  title: string;
  url: string;
  published: string;
  method: string;
  context: string;
  classification: ClassificationLevel;
}

function emptyDraft(): Draft {
  return {
    metric: 'idps',
    value: '',
    qualifier: 'exact',
    area: { department: '', commune: '' },
    asOf: missionDay(new Date()),
    organisation: '',
    title: '',
    url: '',
    published: '',
    method: '',
    context: '',
    classification: 'public',
  };
}

/** The request a draft makes; empty optional fields are left out, not sent empty. */
function toRequest(d: Draft): Record<string, unknown> {
  const optional = (v: string) => (v.trim() === '' ? undefined : v.trim());
  return {
    metric: d.metric,
    value: d.value.trim() === '' ? Number.NaN : Number(d.value),
    qualifier: d.qualifier,
    pcode: pcodeOf(d.area),
    asOf: d.asOf,
    source: {
      organisation: d.organisation,
      title: d.title,
      url: optional(d.url),
      published: optional(d.published),
      method: optional(d.method),
    },
    context: optional(d.context),
    classification: d.classification,
  };
}

export default function NewFigure({ me }: ViewProps) {
  const { t } = useTranslation('figures');
  const { t: tc } = useTranslation();
  const { draft, set, reset } = useDraft(emptyDraft, (d, now) => ({
    ...d,
    asOf: missionDay(now),
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const { saved, file, clear } = useFiling(me.id);
  const compartment = compartmentOf(me.organisation.kind);
  const levels: ClassificationLevel[] = [
    'public',
    'partners',
    ...(compartment ? [compartment] : []),
  ];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = toRequest(draft);
    const checked = CreateFigureRequest.safeParse(body);
    if (!checked.success) {
      setErrors(fieldErrors(checked.error, tc));
      return;
    }
    setErrors({});
    await file({
      kind: 'figure',
      endpoint: '/api/v1/figures',
      body: JSON.parse(JSON.stringify(body)) as Record<string, unknown>,
      summary: `${draft.value} ${tc(`metric.${draft.metric}`)} — ${draft.organisation}`,
    });
  }

  if (saved) {
    const again = () => {
      reset();
      clear();
    };
    return <Filed namespace="figures" item={saved} onAnother={again} />;
  }

  const input = (key: keyof Draft, type = 'text') => (
    <input
      type={type}
      value={draft[key] as string}
      onChange={(e) => set({ [key]: e.target.value } as Partial<Draft>)}
    />
  );

  return (
    <section className="form-page" aria-labelledby="figure-title">
      <h1 id="figure-title">{t('title')}</h1>
      <p className="hint">{t('intro')}</p>
      <form onSubmit={submit} noValidate data-testid="figure-form">
        {Object.keys(errors).length > 0 && (
          <p role="alert" className="error">
            {t('fix')}
          </p>
        )}
        <Field label={t('metric')} name="metric" errors={errors}>
          <select value={draft.metric} onChange={(e) => set({ metric: e.target.value })}>
            {METRICS.map((m) => (
              <option key={m} value={m}>
                {tc(`metric.${m}`)}
              </option>
            ))}
          </select>
        </Field>
        <div className="row">
          <Field label={t('qualifier')} name="qualifier" errors={errors}>
            <select value={draft.qualifier} onChange={(e) => set({ qualifier: e.target.value })}>
              {QUALIFIERS.map((q) => (
                <option key={q} value={q}>
                  {q === 'exact' ? t('qualifierExact') : tc(`qualifier.${q}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('value')} name="value" errors={errors}>
            <input
              type="number"
              inputMode="numeric"
              min={0}
              value={draft.value}
              onChange={(e) => set({ value: e.target.value })}
            />
          </Field>
        </div>
        <AreaPicker
          idPrefix="figure"
          allowCountry
          value={draft.area}
          onChange={(area) => set({ area })}
          errors={{ commune: errors['pcode'] }}
        />
        <Field label={t('asOf')} name="asOf" errors={errors}>
          {input('asOf', 'date')}
        </Field>
        <Field label={t('sourceOrganisation')} name="source.organisation" errors={errors}>
          {input('organisation')}
        </Field>
        <Field label={t('sourceTitle')} name="source.title" errors={errors}>
          {input('title')}
        </Field>
        <Field label={t('sourceUrl')} name="source.url" errors={errors}>
          {input('url', 'url')}
        </Field>
        <div className="row">
          <Field label={t('sourcePublished')} name="source.published" errors={errors}>
            {input('published', 'date')}
          </Field>
          <Field label={t('sourceMethod')} name="source.method" errors={errors}>
            {input('method')}
          </Field>
        </div>
        <Field label={t('context')} name="context" errors={errors}>
          {input('context')}
        </Field>
        <Field label={t('classification')} name="classification" errors={errors}>
          <select
            value={draft.classification}
            onChange={(e) => set({ classification: e.target.value as ClassificationLevel })}
          >
            {levels.map((l) => (
              <option key={l} value={l}>
                {tc(`classification.${l}`)}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit">{t('submit')}</button>
      </form>
    </section>
  );
}
