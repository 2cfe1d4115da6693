/**
 * Formatting for people: Port-au-Prince times (UTC on hover), days and numbers in the chosen
 * language, positions as latitude/longitude and MGRS, and sources.
 */
import { MISSION_TIME_ZONE, type Language } from '@konbit/core';
import { forward } from 'mgrs';
import { useTranslation } from 'react-i18next';
import { isLanguage, LOCALE } from '../i18n/i18n';

export function useLocale(): string[] {
  const { i18n } = useTranslation();
  const lang: Language = isLanguage(i18n.language) ? i18n.language : 'en';
  return LOCALE[lang];
}

/** An instant shown in Port-au-Prince time; hovering shows it in UTC. */
export function Time({ value }: { value: string }) {
  const locale = useLocale();
  const { t } = useTranslation();
  const date = new Date(value);
  const local = new Intl.DateTimeFormat(locale, {
    timeZone: MISSION_TIME_ZONE,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
  const utc = date.toISOString().replace('T', ' ').slice(0, 16);
  return (
    <time dateTime={date.toISOString()} title={t('time.utcHint', { utc })}>
      {local}
    </time>
  );
}

export function useNumber(): (n: number) => string {
  const locale = useLocale();
  const format = new Intl.NumberFormat(locale);
  return (n) => format.format(n);
}

/** A calendar date (`YYYY-MM-DD`) in the language's style; it names a day, not an instant. */
export function useDay(): (day: string) => string {
  const locale = useLocale();
  const format = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'medium' });
  return (day) => format.format(new Date(`${day}T00:00:00Z`));
}

/** Groups an MGRS reference the way it is read out: `18Q TF 84356 53882`. */
export function mgrsOf(lon: number, lat: number, digits = 5): string {
  const raw = forward([lon, lat], digits);
  const m = /^(\d{1,2}[C-X])([A-Z]{2})(\d*)$/.exec(raw);
  if (!m) return raw;
  const [, zone, square, numbers = ''] = m;
  const half = numbers.length / 2;
  return [zone, square, numbers.slice(0, half), numbers.slice(half)].filter(Boolean).join(' ');
}

/** A position as latitude/longitude (5 decimals, about 1 m) and as an MGRS grid reference. */
export function Position({ lon, lat }: { lon: number; lat: number }) {
  const { t } = useTranslation();
  // Decimal points in every language: a decimal comma beside the separating comma misreads.
  const n = new Intl.NumberFormat('en-US', {
    minimumFractionDigits: 5,
    maximumFractionDigits: 5,
    useGrouping: false,
  });
  return (
    <dl className="position" data-testid="position">
      <dt>{t('position.latLon')}</dt>
      <dd data-testid="latlon">
        {n.format(lat)}, {n.format(lon)}
      </dd>
      <dt>{t('position.mgrs')}</dt>
      <dd data-testid="mgrs">{mgrsOf(lon, lat)}</dd>
    </dl>
  );
}

export interface SourceView {
  readonly organisation?: string | null;
  readonly title: string;
  readonly url?: string | null;
  readonly published?: string | null;
  readonly method?: string | null;
  readonly note?: string | null;
}

/** Where a figure or place comes from: organisation, document, date, method, link. */
export function Source({ source }: { source: SourceView }) {
  const { t } = useTranslation();
  const day = useDay();
  return (
    <p className="source" data-testid="source">
      <span className="label">{t('source.label')}: </span>
      {source.organisation && <strong>{source.organisation}</strong>}
      {source.organisation && ', '}
      {source.url ? (
        <a href={source.url} target="_blank" rel="noreferrer noopener">
          {source.title}
        </a>
      ) : (
        source.title
      )}
      {source.published && <>, {t('source.published', { date: day(source.published) })}</>}
      {source.method && <> — {t('source.method', { method: source.method })}</>}
      {source.note && <span className="note"> — {source.note}</span>}
    </p>
  );
}
