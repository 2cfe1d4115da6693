/**
 * HXL (Humanitarian Exchange Language) without I/O: hashtag specs (`#affected +idps`), the
 * patterns an importer asks for (`#affected+idps-m-f`), and finding the hashtag row. Follows the
 * HXL 1.1 standard and the reference library (libhxl-python): hashtags and attributes in any
 * case, attributes in any order, the hashtag row found among the first 25 rows.
 */

/** How many rows may come before the hashtag row (titles, a header row, notes). */
export const HASHTAG_ROW_SEARCH = 25;

const NAME = '[A-Za-z][_0-9A-Za-z]*';
const TAGSPEC = new RegExp(`^\\s*#(${NAME})((?:\\s*\\+\\s*${NAME})*)\\s*$`);

/** One column of an HXL table: its hashtag, attributes, and the header above it. */
export interface HxlColumn {
  /** 0-based position in the row. */
  readonly index: number;
  /** Lower-case, without `#`: `affected`. */
  readonly tag: string;
  /** Lower-case, without `+`. */
  readonly attributes: ReadonlySet<string>;
  /** The spec normalised: `#affected+idps`, attributes in the order written. */
  readonly spec: string;
  /** The text of the row above the hashtag row, when there is one. */
  readonly header: string | null;
}

/** Parses a hashtag spec cell (`#adm1 +Code`), or returns null when it is not one. */
export function parseTagspec(text: string): { tag: string; attributes: string[] } | null {
  const m = TAGSPEC.exec(text);
  if (!m?.[1]) return null;
  const attributes = (m[2] ?? '')
    .split('+')
    .map((a) => a.trim().toLowerCase())
    .filter((a) => a.length > 0);
  return { tag: m[1].toLowerCase(), attributes };
}

/** The spreadsheet letter of a 0-based column: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * What an importer looks for: `#affected+idps-m-f` is a column tagged #affected with the
 * attribute idps and neither m nor f; a trailing `!` (`#adm1+code!`) allows no other attribute.
 */
export interface TagPattern {
  readonly tag: string;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly exact: boolean;
  readonly text: string;
}

const PATTERN = new RegExp(`^#(${NAME})((?:[+-]${NAME})*)(!?)$`);

export function parsePattern(text: string): TagPattern {
  const m = PATTERN.exec(text.replace(/\s+/g, ''));
  if (!m?.[1]) throw new Error(`Not an HXL tag pattern: ${text}`);
  const include: string[] = [];
  const exclude: string[] = [];
  for (const part of (m[2] ?? '').match(/[+-][^+-]+/g) ?? []) {
    (part[0] === '+' ? include : exclude).push(part.slice(1).toLowerCase());
  }
  return { tag: m[1].toLowerCase(), include, exclude, exact: m[3] === '!', text };
}

export function matchesPattern(pattern: TagPattern, column: HxlColumn): boolean {
  if (column.tag !== pattern.tag) return false;
  if (!pattern.include.every((a) => column.attributes.has(a))) return false;
  if (pattern.exclude.some((a) => column.attributes.has(a))) return false;
  return !pattern.exact || column.attributes.size === pattern.include.length;
}

/** A cell of the hashtag row that is not blank and not a hashtag. */
export interface InvalidTag {
  readonly index: number;
  readonly text: string;
}

export interface HashtagRow {
  /** 0-based index of the hashtag row among the rows given. */
  readonly index: number;
  readonly columns: readonly HxlColumn[];
  readonly invalid: readonly InvalidTag[];
}

/**
 * Is `cells` the hashtag row? As libhxl decides: at least one hashtag, and hashtags in at least
 * half of the cells that are not blank (so a stray note beside the hashtags does not hide them).
 */
export function readHashtagRow(
  cells: readonly string[],
  headers: readonly string[] | null,
): Omit<HashtagRow, 'index'> | null {
  const columns: HxlColumn[] = [];
  const invalid: InvalidTag[] = [];
  cells.forEach((text, index) => {
    if (text.trim() === '') return;
    const spec = parseTagspec(text);
    if (!spec) {
      invalid.push({ index, text: text.trim() });
      return;
    }
    const header = headers?.[index]?.trim();
    columns.push({
      index,
      tag: spec.tag,
      attributes: new Set(spec.attributes),
      spec: `#${spec.tag}${spec.attributes.map((a) => `+${a}`).join('')}`,
      header: header ? header : null,
    });
  });
  if (columns.length === 0 || columns.length < invalid.length) return null;
  return { columns, invalid };
}

/** Finds the hashtag row among the first rows of a table, or null when there is none. */
export function findHashtagRow(rows: readonly (readonly string[])[]): HashtagRow | null {
  for (let i = 0; i < Math.min(rows.length, HASHTAG_ROW_SEARCH); i += 1) {
    const found = readHashtagRow(rows[i] ?? [], i > 0 ? (rows[i - 1] ?? null) : null);
    if (found) return { index: i, ...found };
  }
  return null;
}

/** How a column is named in messages: its hashtag spec, or its letter when it has none. */
export function columnName(column: HxlColumn | { index: number }): string {
  return 'spec' in column ? column.spec : columnLetter(column.index);
}
