// Baseline: what a user would otherwise pick — PostgreSQL + PostGIS with a GiST index on the
// point and a B-tree on the time, loaded with the same reports, asked the same queries in plain
// SQL, with jit = off and max_parallel_workers_per_gather = 0 on the connection (with its
// defaults PostgreSQL is 2–6 times slower on two cores). A database of its own, named after the
// generated store and kept, like the store, so the next run with the same parameters skips the
// load (`BENCH_PG_FRESH=1` loads it again; drop it with `dropdb`).
import { basename } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

export const LOCAL_PG = 'postgres://postgres:konbit-test@127.0.0.1:5432/postgres';

const COLUMNS = [
  ['seq', 'bigint', 'bigint'],
  ['id', 'text', 'text'],
  ['type', 'text', 'text'],
  ['occurred_at', 'timestamptz', 'text'],
  ['occurred_precision', 'text', 'text'],
  ['reported_at', 'timestamptz', 'text'],
  ['lon', null, 'float8'],
  ['lat', null, 'float8'],
  ['location_precision', 'text', 'text'],
  ['pcode', 'text', 'text'],
  ['sensitive', 'boolean', 'boolean'],
  ['description', 'text', 'text'],
  ['killed', 'integer', 'integer'],
  ['injured', 'integer', 'integer'],
  ['abducted', 'integer', 'integer'],
  ['source_kind', 'text', 'text'],
  ['source_reliability', 'text', 'text'],
  ['source_credibility', 'text', 'text'],
  ['classification', 'text', 'text'],
  ['restricted_to', 'text', 'text'],
  ['verification', 'text', 'text'],
  ['merged_into', 'text', 'text'],
  ['corroborations', 'integer', 'integer'],
  ['created_by', 'text', 'text'],
  ['created_org', 'text', 'text'],
  ['feature', 'text', 'text'],
];

export async function postgis(url, sqliteFile, log) {
  const name =
    `konbit_bench_${basename(sqliteFile, '.db').replace(/[^a-z0-9]+/gi, '_')}`.toLowerCase();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  if (process.env.BENCH_PG_FRESH === '1') await admin.query(`drop database if exists ${name}`);
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name]))
    .rowCount;
  if (!exists) await admin.query(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  const close = async () => {
    await client.end().catch(() => undefined);
    await admin.end();
  };
  try {
    const loaded = await client.query(
      `select 1 from information_schema.tables where table_name = 'bench_loaded'`,
    );
    if (loaded.rowCount) {
      const { n } = (await client.query('select count(*)::int n from incidents')).rows[0];
      log(`PostGIS baseline: reusing database ${name} (${n} reports, loaded by an earlier run)`);
    } else {
      await load(client, sqliteFile, log);
    }
    await client.query('set jit = off');
    await client.query('set max_parallel_workers_per_gather = 0');
    return {
      async list(q, levels, org) {
        const [w, s, e, n] = q.bbox.split(',').map(Number);
        const params = [w, s, e, n, q.from, q.to, levels, `%"${org}"%`, q.limit + 1];
        const types = q.types ? ` and type = any($10)` : '';
        if (q.types) params.push(q.types);
        const res = await client.query(
          `select occurred_at, seq, id, classification, restricted_to, created_by, feature
            from incidents
            where geom && st_makeenvelope($1, $2, $3, $4, 4326)
              and occurred_at >= $5 and occurred_at < $6
              and (classification = any($7) or (classification = 'restricted' and restricted_to like $8))
              and merged_into is null${types}
            order by occurred_at desc, seq desc limit $9`,
          params,
        );
        return res.rows;
      },
      async stats(fromIso, toIso, levels, org) {
        const res = await client.query(
          `select coalesce(pcode, '') as key, count(*) as n, sum(killed) as killed,
              sum(injured) as injured, sum(abducted) as abducted
            from incidents
            where occurred_at >= $1 and occurred_at < $2 and merged_into is null
              and verification <> 'false'
              and (classification = any($3) or (classification = 'restricted' and restricted_to like $4))
            group by 1`,
          [fromIso, toIso, levels, `%"${org}"%`],
        );
        return res.rows;
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Loads the store's reports, indexes them and marks the database loaded. */
async function load(client, sqliteFile, log) {
  const started = performance.now();
  await client.query('drop table if exists incidents');
  await client.query('create extension if not exists postgis');
  const defs = COLUMNS.filter(([, t]) => t !== null).map(([c, t]) => `${c} ${t}`);
  await client.query(`create table incidents (${defs.join(', ')}, geom geometry(Point, 4326))`);
  const lite = new Database(sqliteFile, { readonly: true });
  const rows = lite
    .prepare(`select ${COLUMNS.map(([c]) => c).join(', ')} from incidents order by seq`)
    .raw()
    .iterate();
  const unnest = COLUMNS.map(([, , a], k) => `$${k + 1}::${a}[]`).join(', ');
  const names = COLUMNS.map(([c]) => c);
  const stored = COLUMNS.filter(([, t]) => t !== null);
  const insert = `insert into incidents (${stored.map(([c]) => c).join(', ')}, geom)
    select ${stored.map(([c, t]) => (t === 'timestamptz' ? `${c}::timestamptz` : c)).join(', ')},
      case when lon is null then null else st_setsrid(st_makepoint(lon, lat), 4326) end
    from unnest(${unnest}) as u(${names.join(', ')})`;
  let chunk = COLUMNS.map(() => []);
  let count = 0;
  const flush = async () => {
    if (chunk[0].length === 0) return;
    await client.query(insert, chunk);
    count += chunk[0].length;
    chunk = COLUMNS.map(() => []);
  };
  for (const row of rows) {
    row.forEach((v, k) => chunk[k].push(COLUMNS[k][0] === 'sensitive' ? v === 1 : v));
    if (chunk[0].length === 20_000) await flush();
  }
  await flush();
  lite.close();
  await client.query('create index incidents_geom on incidents using gist (geom)');
  await client.query('create index incidents_time on incidents (occurred_at)');
  await client.query('vacuum analyze incidents');
  await client.query('create table bench_loaded (at timestamptz)');
  await client.query('insert into bench_loaded values (now())');
  const version = (await client.query('select postgis_full_version() v')).rows[0].v.split(' ')[0];
  log(
    `PostGIS baseline: ${count} reports loaded and indexed in ${((performance.now() - started) / 1000).toFixed(0)} s (${version})`,
  );
}
