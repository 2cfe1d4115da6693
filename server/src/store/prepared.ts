/**
 * Statements built and compiled once, then run with new parameters: for the few statements
 * run for every report of a batch, where building and compiling a Kysely query each time costs
 * several times what SQLite takes to run it. The query is built with placeholders standing for
 * named parameters; the compiled SQL is kept per dialect, so the same statement serves SQLite
 * and PostgreSQL.
 */
import { CompiledQuery, type Compilable, type Kysely } from 'kysely';

const MARK = '\u0000konbit-param:';

type Slot = { readonly name: string } | { readonly value: unknown };

/**
 * Stand-ins for parameters `P` (an insert's row): an object whose every named property is the
 * placeholder for the parameter of that name.
 */
export function placeholders<P extends object>(names: readonly (keyof P & string)[]): P {
  return Object.fromEntries(names.map((n) => [n, `${MARK}${n}`])) as P;
}

/** Placeholders for any property read from it (for where-clauses). */
function anyPlaceholders<P>(): P {
  return new Proxy({}, { get: (_t, key) => `${MARK}${String(key)}` }) as P;
}

/**
 * A statement over parameters `P`. `build` receives the placeholders and returns the query;
 * call the result with the database (or transaction) and the parameters' values.
 */
export function prepared<P extends object, R>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: the statement is typed by R
  build: (db: Kysely<any>, params: P) => Compilable<R>,
  params: () => P = anyPlaceholders,
): (
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
  values: P,
) => Promise<R[]> {
  const byDialect = new Map<unknown, { sql: string; slots: Slot[] }>();
  return async (db, values) => {
    // One compiled form per kind of store (its adapter), built on first use.
    const dialect = db.getExecutor().adapter.constructor;
    let compiled = byDialect.get(dialect);
    if (!compiled) {
      const query = build(db, params()).compile();
      compiled = {
        sql: query.sql,
        slots: query.parameters.map((p) =>
          typeof p === 'string' && p.startsWith(MARK)
            ? { name: p.slice(MARK.length) }
            : { value: p },
        ),
      };
      byDialect.set(dialect, compiled);
    }
    const record = values as Record<string, unknown>;
    const args = compiled.slots.map((s) => ('name' in s ? record[s.name] : s.value));
    return (await db.executeQuery(CompiledQuery.raw(compiled.sql, args))).rows as R[];
  };
}

/**
 * A multi-row insert into `table` of `columns`, compiled once per number of rows: `rows` are
 * written `perStatement` at a time (SQLite takes at most 32,766 parameters in a statement).
 */
export function preparedInsert<Row extends object>(
  table: string,
  columns: readonly (keyof Row & string)[],
  perStatement: number,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): (db: Kysely<any>, rows: readonly Row[]) => Promise<void> {
  /** Per dialect and row count: the SQL, and which row and column each parameter is. */
  const compiled = new Map<unknown, Map<number, { sql: string; slots: [number, string][] }>>();
  const statement = (
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    db: Kysely<any>,
    size: number,
  ) => {
    const dialect = db.getExecutor().adapter.constructor;
    let bySize = compiled.get(dialect);
    if (!bySize) compiled.set(dialect, (bySize = new Map()));
    let found = bySize.get(size);
    if (!found) {
      const rows = Array.from({ length: size }, (_, i) =>
        Object.fromEntries(columns.map((c) => [c, `${MARK}${i}.${c}`])),
      );
      const query = db.insertInto(table).values(rows).compile();
      found = {
        sql: query.sql,
        slots: query.parameters.map((p) => {
          const [row, column] = String(p)
            .slice(MARK.length)
            .split(/\.(.*)/s);
          return [Number(row), column as string];
        }),
      };
      bySize.set(size, found);
    }
    return found;
  };
  return async (db, rows) => {
    for (let start = 0; start < rows.length; start += perStatement) {
      const chunk = rows.slice(start, start + perStatement) as readonly Record<string, unknown>[];
      const { sql, slots } = statement(db, chunk.length);
      const args = slots.map(([row, column]) => (chunk[row] as Record<string, unknown>)[column]);
      await db.executeQuery(CompiledQuery.raw(sql, args));
    }
  };
}
