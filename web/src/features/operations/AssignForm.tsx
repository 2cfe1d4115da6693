/**
 * Assign a unit to a site from the board: unit, period (Port-au-Prince days), personnel, shift
 * pattern and state. A unit that would be over-committed at any moment is refused by the server
 * with 409 and a message naming the clash; it is shown as is and nothing changes.
 */
import {
  addDays,
  missionInstant,
  newId,
  type CreateAssignmentRequest,
  type LocalDate,
} from '@konbit/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { operations } from '../../api/operations';
import { FormEnd, refusalMessage, type BoardPanelProps } from './panel';
import { useFocusOnOpen, useServerToday } from './shared';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function AssignForm({ site, units, onClose }: BoardPanelProps) {
  const { t } = useTranslation('operations');
  const panel = useFocusOnOpen<HTMLElement>();
  const today = useServerToday();
  const [unitId, setUnitId] = useState('');
  const [personnel, setPersonnel] = useState('');
  const [starts, setStarts] = useState('');
  const [ends, setEnds] = useState('');
  const [pattern, setPattern] = useState<'round-the-clock' | 'daily'>('round-the-clock');
  const [from, setFrom] = useState('06:00');
  const [to, setTo] = useState('18:00');
  const [state, setState] = useState<'planned' | 'active'>('planned');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const key = useRef(newId());

  useEffect(() => {
    if (today && starts === '') setStarts(today);
  }, [today, starts]);

  function problem(): string | null {
    if (!units.has(unitId)) return t('assign.chooseUnit');
    const n = Number(personnel);
    if (!Number.isInteger(n) || n < 1) return t('assign.personnelInvalid');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(starts)) return t('assign.startsInvalid');
    if (ends !== '' && ends < starts) return t('assign.endsInvalid');
    if (pattern === 'daily' && (!TIME.test(from) || !TIME.test(to) || from === to))
      return t('assign.shiftInvalid');
    return null;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setDone(null);
    const p = problem();
    if (p) return setError(p);
    const body: CreateAssignmentRequest = {
      unitId,
      siteId: site.id,
      personnel: Number(personnel),
      startsAt: missionInstant(starts as LocalDate).toISOString(),
      // The end day is included: the period ends at the next local midnight.
      endsAt: ends ? missionInstant(addDays(ends as LocalDate, 1)).toISOString() : null,
      shift:
        pattern === 'round-the-clock'
          ? { pattern: 'round-the-clock' }
          : { pattern: 'daily', ranges: [{ from, to }] },
      state,
    };
    setBusy(true);
    try {
      const a = await operations.assign(body, key.current);
      key.current = newId();
      setDone(t('assign.done', { unit: a.unit.name, count: a.personnel }));
    } catch (err) {
      setError(refusalMessage(err, (message) => t('error', { message })));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section
      ref={panel}
      tabIndex={-1}
      className="ops-panel"
      aria-labelledby="assign-form-title"
      data-testid="assign-form"
    >
      <h2 id="assign-form-title">{t('assign.title', { name: site.name })}</h2>
      <form className="ops-form" onSubmit={submit}>
        <label>
          {t('assign.unit')}
          <select
            value={unitId}
            onChange={(e) => setUnitId(e.target.value)}
            data-testid="assign-unit"
          >
            <option value="">{t('assign.chooseUnit')}</option>
            {[...units.values()].map((u) => (
              <option key={u.id} value={u.id}>
                {t('assign.unitOption', {
                  name: u.name,
                  organisation: u.organisation,
                  strength: u.strength,
                })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('assign.personnel')}
          <input
            type="number"
            min={1}
            inputMode="numeric"
            value={personnel}
            onChange={(e) => setPersonnel(e.target.value)}
            data-testid="assign-personnel"
          />
        </label>
        <label>
          {t('assign.starts')}
          <input
            type="date"
            value={starts}
            onChange={(e) => setStarts(e.target.value)}
            data-testid="assign-starts"
          />
        </label>
        <label>
          {t('assign.ends')}
          <input
            type="date"
            value={ends}
            onChange={(e) => setEnds(e.target.value)}
            data-testid="assign-ends"
          />
          <span className="hint">{t('assign.endsHint')}</span>
        </label>
        <fieldset>
          <legend>{t('assign.shift')}</legend>
          <label className="inline">
            <input
              type="radio"
              name="shift"
              checked={pattern === 'round-the-clock'}
              onChange={() => setPattern('round-the-clock')}
            />
            {t('assign.roundTheClock')}
          </label>
          <label className="inline">
            <input
              type="radio"
              name="shift"
              checked={pattern === 'daily'}
              onChange={() => setPattern('daily')}
            />
            {t('assign.daily')}
          </label>
          {pattern === 'daily' && (
            <>
              <label>
                {t('assign.from')}
                <input type="time" value={from} onChange={(e) => setFrom(e.target.value)} />
              </label>
              <label>
                {t('assign.to')}
                <input type="time" value={to} onChange={(e) => setTo(e.target.value)} />
              </label>
            </>
          )}
        </fieldset>
        <label>
          {t('assign.state')}
          <select
            value={state}
            onChange={(e) => setState(e.target.value as 'planned' | 'active')}
            data-testid="assign-state"
          >
            <option value="planned">{t('assignmentState.planned')}</option>
            <option value="active">{t('assignmentState.active')}</option>
          </select>
        </label>
        <FormEnd
          name="assign"
          error={error}
          done={done}
          busy={busy}
          submit={t('assign.submit')}
          onClose={onClose}
        />
      </form>
    </section>
  );
}
