/**
 * Finds the PostgreSQL server the tests may use: KONBIT_TEST_PG_URL, or the local server that
 * `.ci/services` sets up. Under CI=true a missing server fails the suite instead of skipping it.
 */
import pg from 'pg';

export const LOCAL_TEST_PG_URL = 'postgres://postgres:konbit-test@127.0.0.1:5432/postgres';

export async function findPostgres(): Promise<string | null> {
  const url = process.env['KONBIT_TEST_PG_URL'] ?? LOCAL_TEST_PG_URL;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return url;
  } catch (err) {
    const reason = `PostgreSQL is not reachable at ${url.replace(/:[^:@/]+@/, ':***@')} (${(err as Error).message}); run \`sudo bash .ci/services\` or set KONBIT_TEST_PG_URL`;
    if (process.env['CI'] === 'true') throw new Error(reason);
    console.warn(`Skipping PostgreSQL tests: ${reason}`);
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}
