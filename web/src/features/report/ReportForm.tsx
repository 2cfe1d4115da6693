/**
 * The incident report form, mobile first: type, place (tap on a map, "use my location", or a
 * commune and neighbourhood), time in Port-au-Prince time, description and casualties. The
 * report is checked against `CreateIncidentRequest` and goes through the outbox, so it is kept
 * on the phone with its own id and sent (once) when the network allows.
 */
import {
  compartmentOf,
  CreateIncidentRequest,
  INCIDENT_TYPES,
  SOURCE_KINDS,
  TIME_PRECISIONS,
  type CreateIncidentInput,
  type Me,
} from '@konbit/core';
import { lazy, Suspense, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ViewProps } from '../../app/views';
import { registerStrings } from '../../i18n/i18n';
import { usePlaces } from '../../ui/areas';
import { AreaPicker, type AreaChoice } from '../../ui/AreaPicker';
import { Position } from '../../ui/format';
import { Field, fieldErrors, type FieldErrors } from '../../ui/forms';
import { useDraft } from '../../ui/useDraft';
import { Filed, useFiling } from '../outbox/Filed';
import { instantOf, wallClock } from './time';
import en from './locales/en.json';
import fr from './locales/fr.json';
import ht from './locales/ht.json';

registerStrings('report', { en, fr, ht });

// The map engine is loaded only when the reporter chooses to tap on a map.
const PointPicker = lazy(() => import('../../map/PointPicker'));

export const PLACE_MODES = ['map', 'gps', 'area', 'unknown'] as const;
type PlaceMode = (typeof PLACE_MODES)[number];

interface Draft {
  type: string;
  /** `YYYY-MM-DDTHH:MM`, Port-au-Prince wall-clock time. */
  when: string;
  whenPrecision: (typeof TIME_PRECISIONS)[number];
  mode: PlaceMode;
  point: readonly [number, number] | null;
  accuracy: number | null;
  area: AreaChoice;
  neighbourhood: string;
  description: string;
  killed: string;
  injured: string;
  abducted: string;
  sourceKind: (typeof SOURCE_KINDS)[number];
}

function defaultSource(me: Me): Draft['sourceKind'] {
  const compartment = compartmentOf(me.organisation.kind);
  return compartment === 'mission' ? 'patrol' : 'partner';
}

function emptyDraft(me: Me, now: Date): Draft {
  return {
    type: '',
    when: wallClock(now),
    whenPrecision: 'exact',
    mode: 'gps',
    point: null,
    accuracy: null,
    area: { department: '', commune: '' },
    neighbourhood: '',
    description: '',
    killed: '0',
    injured: '0',
    abducted: '0',
    sourceKind: defaultSource(me),
  };
}

type PlaceList = NonNullable<ReturnType<typeof usePlaces>['data']>;

/** The request a draft makes, as a client sends it (the server applies the defaults). */
export function toRequest(d: Draft, places: PlaceList | undefined): CreateIncidentInput {
  const count = (v: string) => (v.trim() === '' ? 0 : Number(v));
  const where: Pick<CreateIncidentInput, 'location' | 'locationPrecision' | 'pcode'> = (() => {
    switch (d.mode) {
      case 'map':
      case 'gps':
        return {
          locationPrecision: 'exact',
          ...(d.point ? { location: { lon: d.point[0], lat: d.point[1] } } : {}),
        };
      case 'area': {
        const place = places?.features.find((f) => f.properties.id === d.neighbourhood);
        const c = place?.geometry.coordinates as [number, number] | undefined;
        return place && c
          ? {
              locationPrecision: 'neighbourhood',
              location: { lon: c[0], lat: c[1] },
              pcode: place.properties.pcode ?? d.area.commune,
            }
          : { locationPrecision: 'commune', ...(d.area.commune ? { pcode: d.area.commune } : {}) };
      }
      case 'unknown':
        return { locationPrecision: 'unknown' };
    }
  })();
  return {
    type: d.type as CreateIncidentInput['type'],
    occurredAt: instantOf(d.when) ?? d.when,
    occurredPrecision: d.whenPrecision,
    ...where,
    description: d.description,
    casualties: { killed: count(d.killed), injured: count(d.injured), abducted: count(d.abducted) },
    source: { kind: d.sourceKind },
  };
}

function placeError(d: Draft, t: (k: string) => string): string | null {
  if ((d.mode === 'map' || d.mode === 'gps') && !d.point) return t('needPlace');
  if (d.mode === 'area' && !d.area.commune) return t('needCommune');
  return null;
}

function UseMyLocation({
  onLocated,
}: {
  onLocated: (point: [number, number], accuracy: number) => void;
}) {
  const { t } = useTranslation('report');
  const [state, setState] = useState<'idle' | 'locating' | { error: string }>('idle');
  if (!('geolocation' in navigator)) return <p className="hint">{t('noGeolocation')}</p>;
  return (
    <div>
      <button
        type="button"
        data-testid="use-location"
        onClick={() => {
          setState('locating');
          navigator.geolocation.getCurrentPosition(
            (p) => {
              setState('idle');
              onLocated([p.coords.longitude, p.coords.latitude], p.coords.accuracy);
            },
            (e) => setState({ error: e.message }),
            { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
          );
        }}
      >
        {t('locate')}
      </button>
      {state === 'locating' && <p role="status">{t('locating')}</p>}
      {typeof state === 'object' && (
        <p className="error" role="alert">
          {t('locateFailed', { message: state.error })}
        </p>
      )}
    </div>
  );
}

export default function ReportForm({ me }: ViewProps) {
  const { t } = useTranslation('report');
  const { t: tc } = useTranslation();
  const { draft, set, reset } = useDraft(
    () => emptyDraft(me, new Date()),
    (d, now) => ({ ...d, when: wallClock(now) }),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const places = usePlaces().data;
  const { saved, file, clear } = useFiling(me.id);

  const neighbourhoods = (places?.features ?? [])
    .filter(
      (f) =>
        f.properties.pcode === draft.area.commune &&
        (f.properties.kind === 'neighbourhood' || f.properties.kind === 'populated-place'),
    )
    .sort((a, b) => a.properties.name.localeCompare(b.properties.name));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = toRequest(draft, places);
    const checked = CreateIncidentRequest.safeParse(body);
    const where = placeError(draft, t);
    const found = checked.success ? {} : { ...fieldErrors(checked.error, tc) };
    if (where) found['place'] = where;
    if (Object.keys(found).length > 0) {
      setErrors(found);
      return;
    }
    setErrors({});
    await file({
      kind: 'incident',
      endpoint: '/api/v1/incidents',
      body: JSON.parse(JSON.stringify(body)) as Record<string, unknown>,
      summary: `${t(`types.${draft.type}`)} — ${draft.description.slice(0, 80)}`,
    });
  }

  if (saved) {
    const again = () => {
      reset();
      clear();
    };
    return <Filed className="form-page report" namespace="report" item={saved} onAnother={again} />;
  }

  const counter = (key: 'killed' | 'injured' | 'abducted') => (
    <Field label={t(key)} name={`casualties.${key}`} errors={errors}>
      <input
        type="number"
        inputMode="numeric"
        min={0}
        max={100000}
        value={draft[key]}
        onChange={(e) => set({ [key]: e.target.value })}
      />
    </Field>
  );

  return (
    <section className="form-page report" aria-labelledby="report-title">
      <h1 id="report-title">{t('title')}</h1>
      <p className="hint">{t('intro')}</p>
      <form onSubmit={submit} noValidate data-testid="report-form">
        {Object.keys(errors).length > 0 && (
          <p role="alert" className="error">
            {t('fix')}
          </p>
        )}
        <Field label={t('type')} name="type" errors={errors}>
          <select value={draft.type} onChange={(e) => set({ type: e.target.value })}>
            <option value="">{t('chooseType')}</option>
            {INCIDENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`types.${type}`)}
              </option>
            ))}
          </select>
        </Field>
        <div className="row">
          <Field label={t('when')} name="occurredAt" errors={errors}>
            <input
              type="datetime-local"
              value={draft.when}
              onChange={(e) => set({ when: e.target.value })}
            />
          </Field>
          <Field label={t('whenPrecision')} name="occurredPrecision" errors={errors}>
            <select
              value={draft.whenPrecision}
              onChange={(e) => set({ whenPrecision: e.target.value as Draft['whenPrecision'] })}
            >
              {TIME_PRECISIONS.map((p) => (
                <option key={p} value={p}>
                  {t(`precision.${p}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <fieldset className="place" aria-describedby={errors['place'] ? 'place-error' : undefined}>
          <legend>{t('where')}</legend>
          <div className="modes" role="radiogroup">
            {PLACE_MODES.map((m) => (
              <label key={m} className="mode">
                <input
                  type="radio"
                  name="place-mode"
                  value={m}
                  checked={draft.mode === m}
                  onChange={() => set({ mode: m, point: null, accuracy: null })}
                />
                {t(`placeMode.${m}`)}
              </label>
            ))}
          </div>
          {draft.mode === 'map' && (
            <>
              <p className="hint">{t('tapHint')}</p>
              <Suspense fallback={<p role="status">{tc('app.loading')}</p>}>
                <PointPicker
                  value={draft.point}
                  label={t('tapHint')}
                  onPick={(point) => set({ point, accuracy: null })}
                />
              </Suspense>
            </>
          )}
          {draft.mode === 'gps' && (
            <UseMyLocation onLocated={(point, accuracy) => set({ point, accuracy })} />
          )}
          {(draft.mode === 'map' || draft.mode === 'gps') && draft.point && (
            <div className="chosen" data-testid="chosen-point">
              <p>
                {draft.accuracy !== null
                  ? t('located', { metres: Math.round(draft.accuracy) })
                  : t('tapped')}
              </p>
              <Position lon={draft.point[0]} lat={draft.point[1]} />
            </div>
          )}
          {draft.mode === 'area' && (
            <>
              <AreaPicker
                idPrefix="report"
                allowCountry={false}
                value={draft.area}
                onChange={(area) => set({ area, neighbourhood: '' })}
              />
              <div className="field">
                <label htmlFor="report-neighbourhood">{t('neighbourhood')}</label>
                <select
                  id="report-neighbourhood"
                  value={draft.neighbourhood}
                  disabled={!draft.area.commune}
                  onChange={(e) => set({ neighbourhood: e.target.value })}
                >
                  <option value="">{t('anyNeighbourhood')}</option>
                  {neighbourhoods.map((f) => (
                    <option key={f.properties.id} value={f.properties.id}>
                      {f.properties.name}
                    </option>
                  ))}
                </select>
              </div>
            </>
          )}
          {errors['place'] && (
            <p id="place-error" className="error" data-testid="error-place">
              {errors['place']}
            </p>
          )}
        </fieldset>
        <Field label={t('description')} name="description" errors={errors}>
          <textarea
            rows={4}
            maxLength={5000}
            value={draft.description}
            onChange={(e) => set({ description: e.target.value })}
          />
        </Field>
        <fieldset className="casualties">
          <legend>{t('casualties')}</legend>
          <div className="row three">
            {counter('killed')}
            {counter('injured')}
            {counter('abducted')}
          </div>
        </fieldset>
        <Field label={t('source')} name="source.kind" errors={errors}>
          <select
            value={draft.sourceKind}
            onChange={(e) => set({ sourceKind: e.target.value as Draft['sourceKind'] })}
          >
            {SOURCE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`sourceKind.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" className="primary-wide">
          {t('submit')}
        </button>
      </form>
    </section>
  );
}
