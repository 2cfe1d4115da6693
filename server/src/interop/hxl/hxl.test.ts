/** The HXL reader against the reference library's own test files (libhxl-python). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  columnLetter,
  findHashtagRow,
  matchesPattern,
  parsePattern,
  parseTagspec,
  readHashtagRow,
  type HxlColumn,
} from './hxl.js';
import { bufferSource, fileSource, HxlReadError, openHxl, type HxlRow } from './hxl.read.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const text = (s: string) => bufferSource(new TextEncoder().encode(s));

async function all(rows: AsyncIterable<HxlRow>): Promise<HxlRow[]> {
  const out: HxlRow[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

describe('hashtag specs', () => {
  it('reads a hashtag and its attributes in any case, with spaces between', () => {
    expect(parseTagspec('#adm1+code')).toEqual({ tag: 'adm1', attributes: ['code'] });
    expect(parseTagspec(' #Affected +IDPs +f ')).toEqual({
      tag: 'affected',
      attributes: ['idps', 'f'],
    });
    expect(parseTagspec('#sector')).toEqual({ tag: 'sector', attributes: [] });
  });

  it('refuses what is not a hashtag', () => {
    for (const bad of [
      'sector+es',
      '#',
      '#1abc',
      '#org+',
      '#org name',
      'Organización',
      '#org+es+',
    ]) {
      expect(parseTagspec(bad), bad).toBeNull();
    }
  });

  it('matches patterns with attributes in any order, excluded ones, and exact ones', () => {
    const col = (spec: string): HxlColumn => {
      const p = parseTagspec(spec);
      if (!p) throw new Error(spec);
      return { index: 0, tag: p.tag, attributes: new Set(p.attributes), spec, header: null };
    };
    const idps = parsePattern('#affected+idps-m-f');
    expect(matchesPattern(idps, col('#affected+idps'))).toBe(true);
    expect(matchesPattern(idps, col('#affected+ind+idps'))).toBe(true);
    expect(matchesPattern(idps, col('#affected+idps+f'))).toBe(false);
    expect(matchesPattern(idps, col('#inneed+idps'))).toBe(false);
    expect(matchesPattern(parsePattern('#adm1+code'), col('#adm1+code+origin'))).toBe(true);
    expect(matchesPattern(parsePattern('#adm1+code!'), col('#adm1+code+origin'))).toBe(false);
    expect(matchesPattern(parsePattern('#adm1+code-origin'), col('#adm1+code+origin'))).toBe(false);
  });

  it('names columns by spreadsheet letter', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual([
      'A',
      'Z',
      'AA',
      'AB',
      'ZZ',
      'AAA',
    ]);
  });
});

describe('finding the hashtag row', () => {
  it('takes a row of hashtags even with a stray note beside them (libhxl’s fuzzy rule)', () => {
    const found = readHashtagRow(['#org', '', '#adm1', 'note', '#affected'], null);
    expect(found?.columns.map((c) => c.spec)).toEqual(['#org', '#adm1', '#affected']);
    expect(found?.invalid).toEqual([{ index: 3, text: 'note' }]);
  });

  it('does not take a header row of words for hashtags', () => {
    expect(readHashtagRow(['Org', 'Province', '#affected', 'Number'], null)).toBeNull();
  });

  it('looks no further than the first 25 rows', () => {
    const rows = [...Array.from({ length: 25 }, () => ['title']), ['#org']];
    expect(findHashtagRow(rows)).toBeNull();
    expect(findHashtagRow(rows.slice(1))?.index).toBe(24);
  });
});

describe('reading the reference files', () => {
  it('reads a file with a multi-row header: hashtags on row 3, headers from row 2', async () => {
    const table = await openHxl(fileSource(fixture('input-valid.csv')));
    expect(table.encoding).toBe('utf-8');
    expect(table.hashtagRow).toBe(3);
    expect(table.invalidTags).toEqual([]);
    expect(table.columns.map((c) => c.spec)).toEqual([
      '#sector+es',
      '#subsector+es',
      '#org+es',
      '#targeted+f',
      '#targeted+m',
      '#country',
      '#adm1',
      '#date+reported',
    ]);
    expect(table.columns[2]?.header).toBe('Organización');
    const rows = await all(table.rows());
    expect(rows.map((r) => r.row)).toEqual([4, 5, 6, 7]);
    expect(rows[0]?.cells[3]).toBe('ACNUR');
    expect(rows[2]?.cells[4]).toBe('250');
  });

  it('reads the Latin-1 file as the same table as its UTF-8 twin', async () => {
    const latin1 = await openHxl(fileSource(fixture('input-valid-latin1.csv')));
    expect(latin1.encoding).toBe('latin1');
    const utf8 = await openHxl(fileSource(fixture('input-valid.csv')));
    expect(latin1.columns.map((c) => c.spec)).toEqual(utf8.columns.map((c) => c.spec));
    const [a, b] = [await all(latin1.rows()), await all(utf8.rows())];
    expect(a.map((r) => r.cells.join('|'))).toEqual(b.map((r) => r.cells.join('|')));
    expect(a[1]?.cells[2]).toBe('Vacunación');
  });

  it('takes the Latin-1 a sender declares without guessing', async () => {
    const table = await openHxl(fileSource(fixture('input-valid-latin1.csv')), {
      charset: 'ISO-8859-1',
    });
    expect(table.encoding).toBe('latin1');
  });

  it('refuses a file without a hashtag row, saying what to add', async () => {
    const err = await openHxl(fileSource(fixture('input-untagged.csv'))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HxlReadError);
    expect((err as Error).message).toMatch(/No HXL hashtag row in the first 25 rows/);
  });

  it('finds no hashtag row where the hashtags lack their #', async () => {
    await expect(openHxl(fileSource(fixture('input-invalid.csv')))).rejects.toThrow(
      /No HXL hashtag row/,
    );
  });

  it('reads a hashtag row with bad hashtags in it, listing them', async () => {
    const table = await openHxl(fileSource(fixture('input-fuzzy.csv')));
    expect(table.hashtagRow).toBe(3);
    expect(table.invalidTags).toEqual([
      { index: 6, text: 'country' },
      { index: 7, text: 'adm1' },
    ]);
  });

  it('leaves untagged columns out (multiple header rows, a column without a hashtag)', async () => {
    const table = await openHxl(fileSource(fixture('input-multiple-headers.csv')));
    expect(table.hashtagRow).toBe(3);
    expect(table.columns.map((c) => [c.index, c.spec, c.header])).toEqual([
      [0, '#org', 'Org'],
      [2, '#adm1', 'Province'],
      [3, '#affected', 'Number affected'],
    ]);
    expect((await all(table.rows())).map((r) => r.cells[3])).toEqual([' 100', ' 200']);
  });

  it('keeps a quoted value over several lines as one cell', async () => {
    const table = await openHxl(fileSource(fixture('input-multiline.csv')));
    const rows = await all(table.rows());
    expect(rows).toEqual([{ row: 2, cells: ['Line 1\nLine 2\nLine 3'] }]);
  });

  it('reads semicolon-separated files, skips blank rows and keeps row numbers', async () => {
    const table = await openHxl(text('Org;Affected\n#org;#affected\nA;1\n;\nB;2\n'));
    expect((await all(table.rows())).map((r) => [r.row, ...r.cells])).toEqual([
      [3, 'A', '1'],
      [5, 'B', '2'],
    ]);
  });

  it('refuses UTF-16 with what to do instead', async () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x23, 0x00]);
    await expect(openHxl(bufferSource(bytes))).rejects.toThrow(/save it as "CSV UTF-8"/);
  });

  it('names the row of malformed CSV, whether it comes before the hashtags or after', async () => {
    const early = await openHxl(text('#org,#affected\nA,1\n"B,2\n')).catch((e: unknown) => e);
    expect(early).toBeInstanceOf(HxlReadError);
    expect(early).toMatchObject({ row: 3 });
    const rows = Array.from({ length: 40 }, (_, i) => `A${i},${i}`).join('\n');
    const table = await openHxl(text(`#org,#affected\n${rows}\n"B,2\n`));
    const late = await all(table.rows()).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(HxlReadError);
    expect((late as HxlReadError).message).toMatch(/not well-formed CSV: Quote Not Closed/);
    expect(late).toMatchObject({ row: 42 });
  });

  it('reports progress in bytes as it reads', async () => {
    const seen: number[] = [];
    const bytes = readFileSync(fixture('input-valid.csv'));
    const table = await openHxl(bufferSource(bytes), { onProgress: (read) => seen.push(read) });
    await all(table.rows());
    expect(seen[seen.length - 1]).toBe(bytes.length);
  });
});
