/**
 * Reading typed values out of HXL rows for an import: which column each field comes from, and
 * each value checked by type with its row and column named when it is wrong. Errors collect;
 * the import decides at the end (all or nothing).
 */
import { CLASSIFICATION_LEVELS, isLocalDate, type ClassificationLevel } from '@konbit/core';
import type { ImportErrors } from '../import.js';
import { matchesPattern, parsePattern, type HxlColumn, type TagPattern } from './hxl.js';

/** Where a field is read from: the first column matching the first pattern that matches one. */
export interface FieldSpec {
  readonly patterns: readonly string[];
  readonly required?: boolean;
}

export type FieldSpecs<K extends string> = Readonly<Record<K, FieldSpec>>;

export interface Binding<K extends string> {
  column(field: K): HxlColumn | null;
}

/** Finds each field's column; a required field without one is an error naming its hashtag. */
export function bindFields<K extends string>(
  specs: FieldSpecs<K>,
  columns: readonly HxlColumn[],
  errors: ImportErrors,
): Binding<K> {
  const bound = new Map<K, HxlColumn>();
  for (const [field, spec] of Object.entries(specs) as [K, FieldSpec][]) {
    const patterns: TagPattern[] = spec.patterns.map(parsePattern);
    const column = patterns
      .map((p) => columns.find((c) => matchesPattern(p, c)))
      .find((c) => c !== undefined);
    if (column) bound.set(field, column);
    else if (spec.required) {
      errors.add({
        column: spec.patterns[0] ?? field,
        message: `The file has no ${spec.patterns.join(' or ')} column; add one`,
      });
    }
  }
  return { column: (field) => bound.get(field) ?? null };
}

const GROUPED = /^\d{1,3}(?:[,\u00a0\u202f ]\d{3})+$/;

/** The values of one row, each read with its type checked and its errors named. */
export class RowValues<K extends string> {
  constructor(
    readonly row: number,
    private readonly cells: readonly string[],
    private readonly binding: Binding<K>,
    private readonly errors: ImportErrors,
  ) {}

  /** The column a field is read from, named as the file names it. */
  columnOf(field: K): string {
    return this.binding.column(field)?.spec ?? String(field);
  }

  /** Records an error about `field` in this row. */
  error(field: K, message: string): null {
    this.errors.add({ row: this.row, column: this.columnOf(field), message });
    return null;
  }

  has(field: K): boolean {
    return this.binding.column(field) !== null;
  }

  /** The cell's text, trimmed with inner runs of spaces made one; null when blank. */
  text(field: K): string | null {
    const column = this.binding.column(field);
    if (!column) return null;
    const value = (this.cells[column.index] ?? '').replace(/\s+/g, ' ').trim();
    return value === '' ? null : value;
  }

  /** The text, or an error saying the cell must not be blank. */
  required(field: K, what: string): string | null {
    return this.text(field) ?? this.error(field, `${what} is blank; every row needs one`);
  }

  /** A whole number ≥ 0: `61817`, `61,817`, `61 817` or `61817.0`. */
  count(field: K, what: string, required = false): number | null {
    const text = this.text(field);
    if (text === null) return required ? this.error(field, `${what} is blank`) : null;
    const digits = GROUPED.test(text) ? text.replace(/[^\d]/g, '') : text.replace(/\.0+$/, '');
    if (!/^\d+$/.test(digits) || digits.length > 12) {
      return this.error(field, `${what} must be a whole number such as 1250, got "${text}"`);
    }
    return Number(digits);
  }

  /** A decimal number in [min, max]. */
  number(field: K, what: string, min: number, max: number): number | null {
    const text = this.text(field);
    if (text === null) return null;
    const n = Number(text);
    if (!/^-?\d+(\.\d+)?$/.test(text) || n < min || n > max) {
      return this.error(field, `${what} must be a number from ${min} to ${max}, got "${text}"`);
    }
    return n;
  }

  /** A date written `YYYY-MM-DD` (a time after it, as DTM writes, is allowed and dropped). */
  date(field: K, what: string, required = false): string | null {
    const text = this.text(field);
    if (text === null) return required ? this.error(field, `${what} is blank`) : null;
    const day = text.slice(0, 10);
    const rest = text.slice(10);
    if (
      !isLocalDate(day) ||
      (rest !== '' && !/^[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(rest))
    ) {
      return this.error(field, `${what} must be written YYYY-MM-DD, got "${text}"`);
    }
    return day;
  }

  /** A value from a vocabulary, read through `fromLabel` (slugs, labels, aliases). */
  choice<T extends string>(
    field: K,
    what: string,
    fromLabel: (text: string) => T | null,
    allowed: readonly string[],
    required = false,
  ): T | null {
    const text = this.text(field);
    if (text === null) return required ? this.error(field, `${what} is blank`) : null;
    return (
      fromLabel(text) ?? this.error(field, `${what} "${text}" is not one of: ${allowed.join(', ')}`)
    );
  }

  /** A classification level (`public`, `partners`…), or null when the cell is blank. */
  classification(field: K): ClassificationLevel | null {
    return this.choice(
      field,
      'The classification',
      (t) => CLASSIFICATION_LEVELS.find((l) => l === t.trim().toLowerCase()) ?? null,
      CLASSIFICATION_LEVELS,
    );
  }
}
