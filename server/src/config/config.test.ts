import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has defaults that need nothing else', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      db: './konbit.db',
      host: '127.0.0.1',
      port: 8080,
      synchronous: 'FULL',
      now: null,
    });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reads KONBIT_ variables', () => {
    const c = loadConfig({
      KONBIT_DB: '/var/lib/konbit/k.db',
      KONBIT_PORT: '9000',
      KONBIT_NOW: '2023-06-08T12:00:00-04:00',
    });
    expect(c).toMatchObject({
      db: '/var/lib/konbit/k.db',
      port: 9000,
      now: '2023-06-08T12:00:00-04:00',
    });
  });

  it('stops with the name of every bad variable', () => {
    expect(() => loadConfig({ KONBIT_PORT: 'eighty', KONBIT_SYNCHRONOUS: 'OFF' })).toThrowError(
      ConfigError,
    );
    try {
      loadConfig({ KONBIT_PORT: 'eighty', KONBIT_SYNCHRONOUS: 'OFF' });
    } catch (e) {
      expect((e as Error).message).toMatch(/KONBIT_PORT/);
      expect((e as Error).message).toMatch(/KONBIT_SYNCHRONOUS/);
    }
  });

  it('reads a map tile URL template, and refuses one without {z}, {x} and {y}', () => {
    const c = loadConfig({
      KONBIT_MAP_TILES: 'https://tiles.example.org/{z}/{x}/{y}.png',
      KONBIT_MAP_TILES_ATTRIBUTION: '© Example contributors',
    });
    expect(c.mapTiles).toEqual({
      url: 'https://tiles.example.org/{z}/{x}/{y}.png',
      attribution: '© Example contributors',
    });
    expect(loadConfig({}).mapTiles).toBeNull();
    expect(() => loadConfig({ KONBIT_MAP_TILES: 'https://tiles.example.org/tile.png' })).toThrow(
      /KONBIT_MAP_TILES: Must contain \{z\}/,
    );
    expect(() => loadConfig({ KONBIT_MAP_TILES: 'ftp://tiles.example.org/{z}/{x}/{y}' })).toThrow(
      /KONBIT_MAP_TILES/,
    );
  });

  it('reads the figure conflict window and the import size limit, refusing nonsense', () => {
    expect(loadConfig({})).toMatchObject({
      figures: { conflictWindowDays: 30 },
      importLimitBytes: 50 * 1024 * 1024,
    });
    expect(
      loadConfig({ KONBIT_FIGURE_CONFLICT_DAYS: '14', KONBIT_IMPORT_LIMIT_BYTES: '2048' }),
    ).toMatchObject({ figures: { conflictWindowDays: 14 }, importLimitBytes: 2048 });
    expect(() => loadConfig({ KONBIT_FIGURE_CONFLICT_DAYS: '-1' })).toThrowError(
      /KONBIT_FIGURE_CONFLICT_DAYS/,
    );
  });

  it('reads the intake’s bound and quiet period, refusing nonsense', () => {
    expect(loadConfig({})).toMatchObject({ intakeMaxReports: 100_000, intakeQuietMs: 100 });
    expect(
      loadConfig({ KONBIT_INTAKE_MAX_REPORTS: '5000', KONBIT_INTAKE_QUIET_MS: '0' }),
    ).toMatchObject({ intakeMaxReports: 5000, intakeQuietMs: 0 });
    expect(() => loadConfig({ KONBIT_INTAKE_QUIET_MS: '-5' })).toThrowError(
      /KONBIT_INTAKE_QUIET_MS/,
    );
    expect(() => loadConfig({ KONBIT_INTAKE_QUIET_MS: '2 s' })).toThrowError(
      /KONBIT_INTAKE_QUIET_MS/,
    );
  });
});
