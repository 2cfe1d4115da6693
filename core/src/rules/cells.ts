/**
 * Cell arithmetic for map queries, on integer micro-degrees so that every side (the store's
 * index, a cluster's bounds, a list's bbox) computes the same membership. A point belongs to
 * a box when `west <= x < east` and `south <= y < north`: boxes that share an edge never
 * count a point twice, so a city's clusters add up to the city.
 */
import type { BBox } from '../geo.js';

/** Micro-degrees (1e-6°, about 11 cm) as an integer. */
export type Micro = number;

const SCALE = 1_000_000;
/** Added before dividing so that cell numbers are floor divisions of non-negative numbers. */
export const X_OFFSET: Micro = 180 * SCALE;
export const Y_OFFSET: Micro = 90 * SCALE;
/** Cell numbers are `column * CELL_ROW + row`; rows never reach it at the finest level. */
export const CELL_ROW = 1_048_576;

/**
 * A coordinate in micro-degrees, rounded half away from zero (as SQLite's `round()` does, so
 * a point indexed by the store and a point computed here agree).
 */
export function toMicro(degrees: number): Micro {
  const v = degrees * SCALE;
  return v < 0 ? -Math.round(-v) : Math.round(v);
}

/**
 * A box edge in micro-degrees. An edge written with six decimals (as cluster bounds are) comes
 * back exactly; anything finer rounds up, so the half-open box never takes in a point beyond it.
 */
export function edgeToMicro(degrees: number): Micro {
  const v = degrees * SCALE;
  const nearest = Math.round(v);
  return Math.abs(v - nearest) < 1e-6 ? nearest : Math.ceil(v);
}

export function fromMicro(value: Micro): number {
  return value / SCALE;
}

/** A half-open box in micro-degrees: `w <= x < e`, `s <= y < n`. */
export interface MicroBox {
  readonly w: Micro;
  readonly s: Micro;
  readonly e: Micro;
  readonly n: Micro;
}

export function bboxToMicro(box: BBox): MicroBox {
  const [w, s, e, n] = box;
  return { w: edgeToMicro(w), s: edgeToMicro(s), e: edgeToMicro(e), n: edgeToMicro(n) };
}

export function microToBBox(box: MicroBox): [number, number, number, number] {
  return [fromMicro(box.w), fromMicro(box.s), fromMicro(box.e), fromMicro(box.n)];
}

/**
 * The levels of the store's map index: level 0 holds every point in one cell (a walk back in
 * time, best when the box covers most of the data); finer levels split the map into square
 * cells of the given size. Chosen by measurement (docs/decisions/0004-incident-map-index.md);
 * the SQLite migration that builds the index writes the same sizes.
 */
export const GRID_LEVELS: readonly { readonly level: number; readonly size: Micro }[] = [
  { level: 0, size: 0 },
  { level: 1, size: 160_000 },
  { level: 2, size: 40_000 },
  { level: 3, size: 10_000 },
  { level: 4, size: 2_500 },
];

/** The most cells one query reads side by side; more, and a coarser level is cheaper. */
export const MAX_QUERY_CELLS = 16;

export function cellNumber(column: number, row: number): number {
  return column * CELL_ROW + row;
}

/** The column and row of the cell of `size` holding the point (x, y). */
export function cellOf(x: Micro, y: Micro, size: Micro): { column: number; row: number } {
  return { column: Math.floor((x + X_OFFSET) / size), row: Math.floor((y + Y_OFFSET) / size) };
}

/** The half-open bounds of a cell. */
export function cellBounds(column: number, row: number, size: Micro): MicroBox {
  return {
    w: column * size - X_OFFSET,
    s: row * size - Y_OFFSET,
    e: (column + 1) * size - X_OFFSET,
    n: (row + 1) * size - Y_OFFSET,
  };
}

/** Column and row ranges (inclusive) of the cells of `size` that a box touches. */
export function cellRange(box: MicroBox, size: Micro) {
  const first = cellOf(box.w, box.s, size);
  const last = cellOf(box.e - 1, box.n - 1, size);
  return { columns: [first.column, last.column], rows: [first.row, last.row] } as const;
}

/** The cell numbers of `size` that cover a box, column by column. */
export function coveringCells(box: MicroBox, size: Micro): number[] {
  const { columns, rows } = cellRange(box, size);
  const out: number[] = [];
  for (let c = columns[0]; c <= columns[1]; c += 1) {
    for (let r = rows[0]; r <= rows[1]; r += 1) out.push(cellNumber(c, r));
  }
  return out;
}

function cellCount(box: MicroBox, size: Micro): number {
  const { columns, rows } = cellRange(box, size);
  return (columns[1] - columns[0] + 1) * (rows[1] - rows[0] + 1);
}

/**
 * The index level a box query reads: the finest whose cells cover the box in at most
 * `maxCells` cells, and the cells themselves (level 0 is one cell, number 0). A query that
 * reads few rows per cell (a short time window) does better with fewer, larger cells.
 */
export function gridPlan(
  box: MicroBox,
  maxCells = MAX_QUERY_CELLS,
): { level: number; size: Micro; cells: number[] } {
  for (let i = GRID_LEVELS.length - 1; i > 0; i -= 1) {
    const { level, size } = GRID_LEVELS[i] as { level: number; size: Micro };
    if (cellCount(box, size) <= maxCells) {
      return { level, size, cells: coveringCells(box, size) };
    }
  }
  return { level: 0, size: 0, cells: [0] };
}

/** Zoom levels the clusters endpoint accepts (web map zooms). */
export const MIN_CLUSTER_ZOOM = 0;
export const MAX_CLUSTER_ZOOM = 20;

/**
 * The side of a cluster cell at a web-map zoom: a quarter of a 256-pixel tile, so about 64
 * pixels on screen, in whole micro-degrees.
 */
export function clusterCellSize(zoom: number): Micro {
  return Math.max(1, Math.floor((360 * SCALE) / 2 ** zoom / 4));
}

/** A cluster cell's name in responses and requests: `column:row` at its zoom's size. */
export function clusterCellName(column: number, row: number): string {
  return `${column}:${row}`;
}
