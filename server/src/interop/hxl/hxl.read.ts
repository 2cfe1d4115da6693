/**
 * Reading an HXL CSV file: its encoding (UTF-8, else Latin-1), its delimiter, its hashtag row,
 * then its data rows one at a time, so a large file never sits in memory as a whole. The bytes
 * come from a source that can be opened twice: once to check the encoding, once to parse.
 */
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { findHashtagRow, HASHTAG_ROW_SEARCH, type HxlColumn, type InvalidTag } from './hxl.js';

/** Bytes that can be read from the start as many times as needed. */
export interface ByteSource {
  open(): AsyncIterable<Uint8Array>;
  /** Total bytes, when known, for progress. */
  readonly size: number | null;
  readonly name: string | null;
}

export function bufferSource(bytes: Uint8Array, name: string | null = null): ByteSource {
  return {
    size: bytes.length,
    name,
    async *open() {
      // Chunks of 64 KiB, as a file would arrive, so progress and back-pressure behave alike.
      for (let i = 0; i < bytes.length; i += 65_536) yield bytes.subarray(i, i + 65_536);
    },
  };
}

export function fileSource(path: string): ByteSource {
  return {
    size: statSync(path).size,
    name: basename(path),
    open: () => createReadStream(path, { highWaterMark: 256 * 1024 }),
  };
}

export type Encoding = 'utf-8' | 'latin1';

/** A problem with the file as a whole (not one of its values). */
export class HxlReadError extends Error {
  constructor(
    message: string,
    /** 1-based row it concerns, when there is one. */
    readonly row?: number,
  ) {
    super(message);
    this.name = 'HxlReadError';
  }
}

const LATIN1 = new Set(['latin1', 'iso-8859-1', 'iso8859-1', 'windows-1252', 'cp1252', 'l1']);

/**
 * The file's encoding: the charset it declares (an HTTP Content-Type), else UTF-8 when every
 * byte is valid UTF-8, else Latin-1 (what spreadsheets on Windows write). UTF-16 is refused.
 */
export async function detectEncoding(source: ByteSource, declared?: string): Promise<Encoding> {
  const charset = declared?.trim().toLowerCase();
  if (charset && LATIN1.has(charset)) return 'latin1';
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  try {
    for await (const chunk of source.open()) {
      if (first && chunk.length >= 2) {
        const [a, b] = [chunk[0], chunk[1]];
        if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) {
          throw new HxlReadError(
            'The file is UTF-16 ("Unicode text"); save it as "CSV UTF-8" and send it again',
          );
        }
      }
      first = false;
      decoder.decode(chunk, { stream: true });
    }
    decoder.decode();
    return 'utf-8';
  } catch (err) {
    if (err instanceof HxlReadError) throw err;
    if (charset === 'utf-8' || charset === 'utf8') {
      throw new HxlReadError('The file says it is UTF-8 but is not; send it as UTF-8 or Latin-1');
    }
    return 'latin1';
  }
}

/** The delimiter of the first line that has one: comma, semicolon or tab, whichever is most used. */
function delimiterOf(text: string): string {
  const line = text.split(/\r?\n/).find((l) => /[,;\t]/.test(l)) ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, line.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]?.[1] ? counts[0][0] : ',';
}

/** One data row: its 1-based number in the file (as a spreadsheet shows it) and its cells. */
export interface HxlRow {
  readonly row: number;
  readonly cells: readonly string[];
}

export interface HxlTable {
  readonly encoding: Encoding;
  /** 1-based row of the hashtags. */
  readonly hashtagRow: number;
  readonly columns: readonly HxlColumn[];
  /** Cells of the hashtag row that are not hashtags. */
  readonly invalidTags: readonly InvalidTag[];
  /** The data rows after the hashtag row, blank rows left out. Can be read once. */
  rows(): AsyncIterable<HxlRow>;
}

export interface OpenOptions {
  /** The charset the sender declared, if any. */
  readonly charset?: string;
  /** Called as bytes are read: (bytes read, total bytes or null). */
  readonly onProgress?: (read: number, total: number | null) => void;
}

function csvMessage(err: CsvError | Error): string {
  return `The file is not well-formed CSV: ${err.message.replace(/^Invalid Record Length: /, '')}`;
}

/** Opens an HXL CSV: encoding, hashtag row and columns now; the data rows as they are read. */
export async function openHxl(source: ByteSource, options: OpenOptions = {}): Promise<HxlTable> {
  const encoding = await detectEncoding(source, options.charset);
  const decoder = new TextDecoder(encoding === 'utf-8' ? 'utf-8' : 'latin1');
  let read = 0;
  const chunks = (async function* () {
    for await (const chunk of source.open()) {
      read += chunk.length;
      options.onProgress?.(read, source.size);
      yield decoder.decode(chunk, { stream: true });
    }
    yield decoder.decode();
  })();
  // The first chunk decides the delimiter; the parser then reads it and the rest.
  const first = await chunks.next();
  const parser = parse({
    delimiter: delimiterOf(first.done ? '' : first.value),
    // Files mix line endings (a spreadsheet's CRLF after a hand-edited LF): accept all three.
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    skip_empty_lines: false,
  });
  const text = Readable.from(
    (async function* () {
      if (!first.done) yield first.value;
      yield* chunks;
    })(),
  );
  text.on('error', (err) => parser.destroy(err));
  text.pipe(parser);
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  let number = 0;
  const nextRecord = async (): Promise<string[] | null> => {
    try {
      const r = await records.next();
      if (r.done) return null;
      number += 1;
      return r.value;
    } catch (err) {
      if (err instanceof HxlReadError) throw err;
      // The parser counts the records it finished; the broken one is the next.
      const records = (err as { records?: unknown }).records;
      const row = typeof records === 'number' ? records + 1 : number + 1;
      throw new HxlReadError(csvMessage(err as Error), row);
    }
  };

  const head25: string[][] = [];
  for (let i = 0; i < HASHTAG_ROW_SEARCH; i += 1) {
    const record = await nextRecord();
    if (record === null) break;
    head25.push(record);
  }
  const found = findHashtagRow(head25);
  if (!found) {
    parser.destroy();
    throw new HxlReadError(
      `No HXL hashtag row in the first ${HASHTAG_ROW_SEARCH} rows: add a row of hashtags (such as #adm2+code, #affected+idps) under the column headers`,
    );
  }
  const buffered = head25
    .slice(found.index + 1)
    .map((cells, i) => ({ row: found.index + 2 + i, cells }));
  let consumed = false;
  return {
    encoding,
    hashtagRow: found.index + 1,
    columns: found.columns,
    invalidTags: found.invalid,
    async *rows() {
      if (consumed) throw new Error('The rows of an HXL table can be read once');
      consumed = true;
      const blank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');
      for (const r of buffered) if (!blank(r.cells)) yield r;
      for (;;) {
        const cells = await nextRecord();
        if (cells === null) return;
        if (!blank(cells)) yield { row: number, cells };
      }
    },
  };
}
