/**
 * What the operations views share: their strings, the server's "today" (a Port-au-Prince day,
 * from the server's clock so the demo's scenario day is used), and the rule that a card or
 * table the server refuses to the user is not shown at all.
 */
import { addDays, missionDay, type LocalDate } from '@konbit/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { operations } from '../../api/operations';
import { useQuery } from '../../api/useQuery';
import { registerStrings } from '../../i18n/i18n';
import en from './locales/en.json';
import fr from './locales/fr.json';
import ht from './locales/ht.json';
import './operations.css';

registerStrings('operations', { en, fr, ht });

/** The Port-au-Prince day on the server's clock, or null until it is known. */
let serverNow: { promise: Promise<{ now: string }>; at: number } | null = null;

/** One read of the server's clock shared by the cards for a minute (then read again). */
function sharedServerNow(): Promise<{ now: string }> {
  if (serverNow === null || Date.now() - serverNow.at > 60_000) {
    const promise = operations.serverNow();
    serverNow = { promise, at: Date.now() };
    promise.catch(() => {
      serverNow = null;
    });
  }
  return serverNow.promise;
}

export function useServerToday(): LocalDate | null {
  const { data } = useQuery('healthz:now', () => sharedServerNow());
  return data ? missionDay(new Date(data.now)) : null;
}

/** The days `from`..`to` (both included) counted back from `today`. */
export function dayRange(today: LocalDate, back: number, forward = 0) {
  return { from: addDays(today, -back), to: addDays(today, forward) };
}

/** True when the server refuses this API to the user: the card is then left out. */
export function refused(error: Error | null): boolean {
  return error instanceof ApiError && [401, 403, 404].includes(error.status);
}

export function ErrorLine({ error }: { error: Error }) {
  const { t } = useTranslation('operations');
  return (
    <p className="error" role="alert">
      {t('error', { message: error.message })}
    </p>
  );
}

/** A Port-au-Prince day (`YYYY-MM-DD`) as epoch seconds at noon UTC, for a chart's time axis. */
export function daySeconds(day: string): number {
  return Date.parse(`${day}T12:00:00Z`) / 1000;
}

/** A panel opened from a table takes the focus (and scrolls into view), so keyboard users land in it. */
export function useFocusOnOpen<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, []);
  return ref;
}
