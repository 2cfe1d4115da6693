/** Long `in (…)` lists, run a bounded number of values at a time. */

/** SQLite and PostgreSQL both take 500 bound values in one statement comfortably. */
export const CHUNK = 500;

/** Runs `select` over `values` a chunk at a time and joins the rows. */
export async function inChunks<V, R>(
  values: readonly V[],
  select: (chunk: V[]) => Promise<R[]>,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < values.length; i += CHUNK) {
    out.push(...(await select(values.slice(i, i + CHUNK))));
  }
  return out;
}
