/** Port-au-Prince wall-clock times as the form's datetime-local field holds them. */
import { MISSION_TIME_ZONE, missionDay, missionInstant, type LocalDate } from '@konbit/core';

/** Port-au-Prince wall-clock time of an instant, as a datetime-local value (`YYYY-MM-DDTHH:MM`). */
export function wallClock(instant: Date): string {
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: MISSION_TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
  return `${missionDay(instant)}T${time}`;
}

/** The instant a Port-au-Prince wall-clock `YYYY-MM-DDTHH:MM` names, or null if malformed. */
export function instantOf(wall: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(wall);
  if (!m) return null;
  const [, day, h, min] = m;
  return missionInstant(day as LocalDate, Number(h) * 60 + Number(min)).toISOString();
}
