import { describe, expect, it } from 'vitest';
import { bbox } from '../geo.js';
import {
  bboxToMicro,
  cellBounds,
  cellOf,
  clusterCellSize,
  coveringCells,
  edgeToMicro,
  fromMicro,
  GRID_LEVELS,
  gridPlan,
  MAX_QUERY_CELLS,
  toMicro,
} from './cells.js';

describe('cell arithmetic', () => {
  it('rounds coordinates to micro-degrees half away from zero, as SQLite round() does', () => {
    expect(toMicro(-72.3380605)).toBe(-72338061);
    expect(toMicro(18.5800005)).toBe(18580001);
    expect(toMicro(-72.338)).toBe(-72338000);
  });

  it('reads a cluster edge written with six decimals back exactly, and rounds finer edges up', () => {
    for (const v of [-72.334508, 18.546875, -72.1, 0.000001]) {
      expect(edgeToMicro(Number(fromMicro(toMicro(v)).toFixed(6)))).toBe(toMicro(v));
    }
    expect(edgeToMicro(18.5000004)).toBe(18500001);
  });

  it('puts a point on a shared edge in exactly one cell', () => {
    const size = 10_000;
    const { column, row } = cellOf(-72_330_000, 18_550_000, size);
    const b = cellBounds(column, row, size);
    expect(b.w).toBeLessThanOrEqual(-72_330_000);
    expect(-72_330_000).toBeLessThan(b.e);
    // The point at the east edge belongs to the next cell east.
    expect(cellOf(b.e, b.s, size).column).toBe(column + 1);
  });

  it('covers a box with every cell it touches and no other', () => {
    const box = { w: -72_350_000, s: 18_540_000, e: -72_330_000, n: 18_560_000 };
    const cells = coveringCells(box, 10_000);
    expect(cells).toHaveLength(4);
    const edgeBox = { w: -72_350_000, s: 18_540_000, e: -72_340_000, n: 18_550_000 };
    expect(coveringCells(edgeBox, 10_000)).toHaveLength(1);
  });

  it('reads a street with a fine level, a district with a middle one and the city as one walk', () => {
    const street = gridPlan(bboxToMicro(bbox(-72.341, 18.546, -72.335, 18.552)));
    const district = gridPlan(bboxToMicro(bbox(-72.35, 18.53, -72.32, 18.56)));
    const city = gridPlan(bboxToMicro(bbox(-72.45, 18.45, -72.2, 18.65)));
    expect(street.level).toBe(4);
    expect(district.level).toBe(3);
    expect([0, 1]).toContain(city.level);
    for (const plan of [street, district, city]) {
      expect(plan.cells.length).toBeLessThanOrEqual(MAX_QUERY_CELLS);
    }
    expect(GRID_LEVELS[0]).toEqual({ level: 0, size: 0 });
  });

  it('reads the whole country as one walk back in time', () => {
    expect(gridPlan(bboxToMicro(bbox(-74.5, 18, -71.6, 20.1)))).toEqual({
      level: 0,
      size: 0,
      cells: [0],
    });
  });

  it('makes cluster cells a quarter of a map tile, halving with each zoom', () => {
    expect(clusterCellSize(10)).toBe(87_890);
    expect(clusterCellSize(11)).toBe(43_945);
    expect(clusterCellSize(20)).toBeGreaterThanOrEqual(1);
  });
});
