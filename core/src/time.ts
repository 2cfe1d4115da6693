/**
 * Time conventions. Instants are ISO-8601 UTC strings on the wire and in the store; wherever a
 * day is counted it is a Port-au-Prince day (America/Port-au-Prince, which keeps daylight time).
 */

export const MISSION_TIME_ZONE = 'America/Port-au-Prince';

/** A calendar date `YYYY-MM-DD`. */
export type LocalDate = string & { readonly __localDate: true };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const dayFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: MISSION_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function isLocalDate(value: string): value is LocalDate {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The Port-au-Prince calendar day an instant falls on. */
export function missionDay(instant: Date): LocalDate {
  const t = instant.getTime();
  if (Number.isNaN(t)) return dayFormatter.format(instant) as LocalDate;
  return new Date(t + missionOffsetMinutes(instant) * 60_000)
    .toISOString()
    .slice(0, 10) as LocalDate;
}

// Offsets only change on the hour: remembered per hour, since formatting dates is slow and
// days are counted for every report written or read.
const offsetByHour = new Map<number, number>();

/** Offset of Port-au-Prince from UTC at an instant, in minutes (-300 in winter, -240 in summer). */
export function missionOffsetMinutes(instant: Date): number {
  const hour = Math.floor(instant.getTime() / 3_600_000);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    offset = computeOffsetMinutes(new Date(hour * 3_600_000));
    if (offsetByHour.size > 100_000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return offset;
}

const partsFormatter = new Intl.DateTimeFormat('en-US', {
  timeZone: MISSION_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

function computeOffsetMinutes(instant: Date): number {
  const parts = partsFormatter.formatToParts(instant);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The instant a Port-au-Prince wall-clock time occurs (`day` at `minutes` after local midnight). */
export function missionInstant(day: LocalDate, minutes = 0): Date {
  const guess = new Date(`${day}T00:00:00Z`).getTime() + minutes * 60_000;
  // Two passes settle the offset even on the days daylight time starts or ends.
  let instant = guess - missionOffsetMinutes(new Date(guess)) * 60_000;
  instant = guess - missionOffsetMinutes(new Date(instant)) * 60_000;
  return new Date(instant);
}

/** The start of the Port-au-Prince day `day` and of the next one. */
export function missionDayBounds(day: LocalDate): { start: Date; end: Date } {
  return { start: missionInstant(day), end: missionInstant(addDays(day, 1)) };
}

export function addDays(day: LocalDate, n: number): LocalDate {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10) as LocalDate;
}

/** The Monday that starts the (Monday-to-Sunday) week of `day`. */
export function weekStart(day: LocalDate): LocalDate {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}
