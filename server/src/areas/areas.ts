/**
 * Haiti's administrative areas with their P-codes: the country (HT), 10 departments (ADM1) and
 * 140 communes (ADM2), from the OCHA/CNIGS boundaries in data/boundaries. The boundaries file
 * is the only source of P-codes: nothing else may invent one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { lonLat, type LonLat, type PlaceKind } from '@konbit/core';
import { loadPlaces, placesGeojson, type Place } from './places.js';

export type AreaLevel = 0 | 1 | 2;

export interface Area {
  readonly pcode: string;
  readonly level: AreaLevel;
  /** The official (French) name, with accents: "Cité Soleil". */
  readonly name: string;
  readonly nameEn: string;
  readonly nameHt: string | null;
  readonly parent: string | null;
  /** A point inside the area, used to place records known only to this area. */
  readonly centroid: LonLat;
}

type AreaGeometry = Polygon | MultiPolygon;
type BoundaryFeature = Feature<AreaGeometry, Record<string, unknown>>;

interface Located {
  readonly area: Area;
  readonly geometry: AreaGeometry;
  readonly bbox: readonly [number, number, number, number];
}

/** The repository's data/ folder, found relative to this file in src/ and in dist/ alike. */
export function defaultDataDir(): string {
  return fileURLToPath(new URL('../../../data', import.meta.url));
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

function bboxOf(geometry: AreaGeometry): [number, number, number, number] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) {
    for (const [x, y] of polygon[0] ?? []) {
      if (x === undefined || y === undefined) continue;
      w = Math.min(w, x);
      s = Math.min(s, y);
      e = Math.max(e, x);
      n = Math.max(n, y);
    }
  }
  return [w, s, e, n];
}

/** Area-weighted centroid of the outer rings (planar; fine at a department's scale). */
function centroidOf(geometry: AreaGeometry): LonLat {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (const polygon of polygons) {
    const ring: Position[] = polygon[0] ?? [];
    for (let i = 0; i < ring.length - 1; i += 1) {
      const [x0 = 0, y0 = 0] = ring[i] ?? [];
      const [x1 = 0, y1 = 0] = ring[i + 1] ?? [];
      const cross = x0 * y1 - x1 * y0;
      area += cross;
      cx += (x0 + x1) * cross;
      cy += (y0 + y1) * cross;
    }
  }
  return lonLat(cx / (3 * area), cy / (3 * area));
}

function str(props: Record<string, unknown>, key: string): string | null {
  const v = props[key];
  return typeof v === 'string' && v.length > 0 ? v : null;
}

export class Areas {
  readonly #byPcode = new Map<string, Area>();
  readonly #communes: Located[] = [];
  readonly #geojson = new Map<1 | 2, string>();
  #places: Place[] | null = null;
  readonly #placesGeojson = new Map<string, string>();

  private constructor(private readonly dataDir: string) {}

  /** Loads the boundaries from `dataDir` (default: the repository's data/). */
  static load(dataDir: string = defaultDataDir()): Areas {
    const areas = new Areas(dataDir);
    areas.#loadAll();
    return areas;
  }

  #loadAll(): void {
    const dir = join(this.dataDir, 'boundaries');
    const adm1 = readJson<FeatureCollection<AreaGeometry, Record<string, unknown>>>(
      join(dir, 'hti_adm1_simplified.geojson'),
    );
    const adm2 = readJson<FeatureCollection<AreaGeometry, Record<string, unknown>>>(
      join(dir, 'hti_admbnda_adm2_cnigs_20181129_dv.json'),
    );
    const index = this.#readCommuneCentroids(join(dir, 'hti-adm2-index.csv'));

    const first = adm1.features[0];
    if (!first) throw new Error(`No departments in ${dir}`);
    let w = Infinity,
      s = Infinity,
      e = -Infinity,
      n = -Infinity;
    for (const f of adm1.features) {
      const [fw, fs, fe, fn] = bboxOf(f.geometry);
      w = Math.min(w, fw);
      s = Math.min(s, fs);
      e = Math.max(e, fe);
      n = Math.max(n, fn);
    }
    this.#byPcode.set('HT', {
      pcode: 'HT',
      level: 0,
      name: str(first.properties, 'ADM0_FR') ?? 'Haïti',
      nameEn: str(first.properties, 'ADM0_EN') ?? 'Haiti',
      nameHt: str(first.properties, 'ADM0_HT'),
      parent: null,
      centroid: lonLat((w + e) / 2, (s + n) / 2),
    });

    for (const f of adm1.features) {
      const pcode = str(f.properties, 'ADM1_PCODE');
      if (!pcode) continue;
      this.#byPcode.set(pcode, {
        pcode,
        level: 1,
        name: str(f.properties, 'ADM1_FR') ?? pcode,
        nameEn: str(f.properties, 'ADM1_EN') ?? pcode,
        nameHt: str(f.properties, 'ADM1_HT'),
        parent: 'HT',
        centroid: centroidOf(f.geometry),
      });
    }

    for (const f of adm2.features as BoundaryFeature[]) {
      const pcode = str(f.properties, 'ADM2_PCODE');
      if (!pcode) continue;
      const centroid = index.get(pcode);
      if (!centroid) throw new Error(`Commune ${pcode} has no centroid in hti-adm2-index.csv`);
      const area: Area = {
        pcode,
        level: 2,
        name: str(f.properties, 'ADM2_FR') ?? pcode,
        nameEn: str(f.properties, 'ADM2_EN') ?? pcode,
        nameHt: str(f.properties, 'ADM2_HT'),
        parent: str(f.properties, 'ADM1_PCODE'),
        centroid,
      };
      this.#byPcode.set(pcode, area);
      this.#communes.push({ area, geometry: f.geometry, bbox: bboxOf(f.geometry) });
    }
  }

  #readCommuneCentroids(path: string): Map<string, LonLat> {
    const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
    const header = (lines.shift() ?? '').split(',');
    const col = (name: string) => header.indexOf(name);
    const [p, lon, lat] = [col('adm2_pcode'), col('centroid_lon'), col('centroid_lat')];
    const out = new Map<string, LonLat>();
    for (const line of lines) {
      // Names may contain commas inside quotes, but the P-code and centroid columns never do.
      const cells = line.match(/("[^"]*"|[^,]*)(,|$)/g)?.map((c) => c.replace(/,$/, '')) ?? [];
      const code = cells[p];
      if (code) out.set(code, lonLat(Number(cells[lon]), Number(cells[lat])));
    }
    return out;
  }

  get(pcode: string): Area | undefined {
    return this.#byPcode.get(pcode);
  }

  has(pcode: string): boolean {
    return this.#byPcode.has(pcode);
  }

  /** Departments (level 1) or communes (level 2), by P-code. */
  list(level: AreaLevel): Area[] {
    return [...this.#byPcode.values()]
      .filter((a) => a.level === level)
      .sort((a, b) => a.pcode.localeCompare(b.pcode));
  }

  /** The commune and department containing a point, or null outside Haiti's land. */
  locate(point: LonLat): { commune: Area; department: Area } | null {
    const [x, y] = point;
    for (const c of this.#communes) {
      const [w, s, e, n] = c.bbox;
      if (x < w || x > e || y < s || y > n) continue;
      if (booleanPointInPolygon([x, y], c.geometry)) {
        const department = c.area.parent ? this.#byPcode.get(c.area.parent) : undefined;
        if (!department) return null;
        return { commune: c.area, department };
      }
    }
    return null;
  }

  /** The simplified boundaries of a level as GeoJSON text, built once. */
  geojson(level: 1 | 2): string {
    let text = this.#geojson.get(level);
    if (text === undefined) {
      const file = level === 1 ? 'hti_adm1_simplified.geojson' : 'hti_adm2_simplified.geojson';
      const fc = readJson<FeatureCollection<AreaGeometry, Record<string, unknown>>>(
        join(this.dataDir, 'boundaries', file),
      );
      const key = level === 1 ? 'ADM1_PCODE' : 'ADM2_PCODE';
      const features = fc.features.map((f) => {
        const area = this.#byPcode.get(str(f.properties, key) ?? '');
        if (!area) throw new Error(`${file} has an area missing from the full boundaries`);
        return {
          type: 'Feature' as const,
          id: area.pcode,
          properties: {
            pcode: area.pcode,
            name: area.name,
            nameEn: area.nameEn,
            nameHt: area.nameHt,
            level: area.level,
            parent: area.parent,
            centroid: area.centroid,
          },
          geometry: f.geometry,
        };
      });
      text = JSON.stringify({ type: 'FeatureCollection', features });
      this.#geojson.set(level, text);
    }
    return text;
  }

  /** The gazetteer's places (populated places and key sites), each in its commune; read once. */
  places(): readonly Place[] {
    this.#places ??= loadPlaces(this.dataDir, this);
    return this.#places;
  }

  /** Places as GeoJSON text, of the given kinds or all, built once per selection. */
  placesGeojson(kinds?: readonly PlaceKind[]): string {
    const key = kinds ? [...kinds].sort().join(',') : '*';
    let text = this.#placesGeojson.get(key);
    if (text === undefined) {
      text = placesGeojson(this.places(), kinds);
      this.#placesGeojson.set(key, text);
    }
    return text;
  }
}
