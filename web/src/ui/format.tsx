/** Formatting for people: Port-au-Prince times (UTC on hover) and numbers in the chosen language. */
import { MISSION_TIME_ZONE, type Language } from '@konbit/core';
import { useTranslation } from 'react-i18next';
import { isLanguage, LOCALE } from '../i18n/i18n';

export function useLocale(): string {
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
