/**
 * The time window with play: choose its last day and length, step it back and forward, or
 * play it forward a day at a time up to today. Generic: any time-aware layer reads the window.
 */
import type { LocalDate } from '@konbit/core';
import { addDays } from '@konbit/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDay } from '../ui/format';
import { lengthOf, shift, WINDOW_LENGTHS, windowEnding, type TimeWindow } from './time-window';

const PLAY_STEP_MS = 1500;

export function TimeWindowControl({
  value,
  last,
  onChange,
}: {
  value: TimeWindow;
  /** Today (the server's): the window never goes past it. */
  last: LocalDate;
  onChange: (w: TimeWindow) => void;
}) {
  const { t } = useTranslation('map');
  const day = useDay();
  const [playing, setPlaying] = useState(false);
  const length = lengthOf(value);

  useEffect(() => {
    if (!playing) return;
    if (value.to >= last) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => onChange(shift(value, 1, last)), PLAY_STEP_MS);
    return () => clearTimeout(timer);
  }, [playing, value, last, onChange]);

  function play() {
    // Playing from today would end at once: start a month back instead.
    if (value.to >= last) onChange(windowEnding(addDays(last, -30), length));
    setPlaying(true);
  }

  return (
    <fieldset className="time-window" data-testid="time-window">
      <legend>{t('time.label')}</legend>
      <p className="showing" aria-live="polite" data-testid="time-showing">
        {t('time.showing', { from: day(value.from), to: day(value.to) })}
      </p>
      <div className="row">
        <label className="inline-field">
          <span>{t('time.to')}</span>
          <input
            type="date"
            value={value.to}
            max={last}
            data-testid="time-to"
            onChange={(e) => {
              const to = e.target.value as LocalDate;
              if (to) onChange(windowEnding(to > last ? last : to, length));
            }}
          />
        </label>
        <label className="inline-field">
          <span>{t('time.length')}</span>
          <select
            value={length}
            data-testid="time-length"
            onChange={(e) => onChange(windowEnding(value.to, Number(e.target.value)))}
          >
            {WINDOW_LENGTHS.map((n) => (
              <option key={n} value={n}>
                {t('time.days', { count: n })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="row buttons">
        <button type="button" onClick={() => onChange(shift(value, -1, last))}>
          <span aria-hidden="true">◀ </span>
          {t('time.back')}
        </button>
        {playing ? (
          <button type="button" onClick={() => setPlaying(false)} data-testid="time-play">
            {t('time.pause')}
          </button>
        ) : (
          <button type="button" onClick={play} data-testid="time-play">
            <span aria-hidden="true">▶ </span>
            {t('time.play')}
          </button>
        )}
        <button
          type="button"
          onClick={() => onChange(shift(value, 1, last))}
          disabled={value.to >= last}
        >
          {t('time.forward')}
          <span aria-hidden="true"> ▶▶</span>
        </button>
      </div>
      <p className="hint">{t('time.uses')}</p>
    </fieldset>
  );
}
