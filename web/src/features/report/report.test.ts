import { CreateIncidentRequest } from '@konbit/core';
import { describe, expect, it } from 'vitest';
import { instantOf, wallClock } from './time';

describe('Port-au-Prince wall-clock times in the report form', () => {
  it('reads a datetime-local value as Port-au-Prince time (UTC-4 in June)', () => {
    expect(instantOf('2023-06-08T09:30')).toBe('2023-06-08T13:30:00.000Z');
    // Standard time (UTC-5) in January.
    expect(instantOf('2023-01-15T09:30')).toBe('2023-01-15T14:30:00.000Z');
    expect(instantOf('2023-06-08')).toBeNull();
  });

  it('writes an instant back as the same wall-clock value', () => {
    expect(wallClock(new Date('2023-06-08T16:00:00.000Z'))).toBe('2023-06-08T12:00');
    expect(instantOf(wallClock(new Date('2023-06-08T16:00:00.000Z')))).toBe(
      '2023-06-08T16:00:00.000Z',
    );
  });

  it('produces an occurredAt the report schema accepts', () => {
    const parsed = CreateIncidentRequest.safeParse({
      type: 'looting',
      occurredAt: instantOf('2023-06-08T09:30'),
      locationPrecision: 'unknown',
      description: 'x',
      source: { kind: 'sms' },
    });
    expect(parsed.success).toBe(true);
  });
});
