// Baseline: the same queries Konbit's store runs, straight on better-sqlite3 against the same
// file — no HTTP, no access-policy objects, no presenting. The engine's ceiling for this index.
import Database from 'better-sqlite3';
import { bboxToMicro, gridPlan, parseBBox } from '@konbit/core';

export function rawSqlite(file, { cacheMb = 64, org, levels }) {
  const db = new Database(file, { readonly: true });
  db.pragma(`cache_size = ${-cacheMb * 1024}`);
  db.pragma('temp_store = MEMORY');
  const statements = new Map();
  const prepare = (text) => {
    let st = statements.get(text);
    if (!st) statements.set(text, (st = db.prepare(text)));
    return st;
  };
  const levelList = levels.map(() => '?').join(', ');
  return {
    /** A page of the list for an analyst reading `levels` and their organisation's restricted reports. */
    list(q) {
      const box = bboxToMicro(parseBBox(q.bbox));
      const plan = gridPlan(box);
      const from = Date.parse(q.from);
      const to = Date.parse(q.to) - 1;
      const types = q.types
        ? ` and g.type in (select code from incident_codes where kind = 'type' and name in (${q.types.map(() => '?').join(', ')}))`
        : '';
      const arm = `select g.seq as seq, g.t as t, g.view as view, g.x as x, g.y as y
        from incident_grid g
        where g.level = ? and g.cell = ? and g.t >= ? and g.t <= ?
          and g.x >= ? and g.x < ? and g.y >= ? and g.y < ? and g.view in (0, 1)
          and (g.access in (select code from incident_codes where kind = 'classification' and name in (${levelList}))
            or (g.access = 4 and exists (select 1 from incidents r where r.seq = g.seq and r.restricted_to like ?)))
          ${types} and g.merged = 0`;
      const text = `select g.t, g.seq, i.classification, i.restricted_to, i.created_by, g.x, g.y,
          cast(case when g.view = 2 then i.feature_generalised else i.feature end as blob) as feature
        from (${plan.cells.map(() => arm).join(' union all ')} order by t desc, seq desc limit ?) g
        join incidents i on i.seq = g.seq
        order by g.t desc, g.seq desc`;
      const params = plan.cells.flatMap((cell) => [
        plan.level,
        cell,
        from,
        to,
        box.w,
        box.e,
        box.s,
        box.n,
        ...levels,
        `%"${org}"%`,
        ...(q.types ?? []),
      ]);
      return prepare(text).all(...params, q.limit + 1);
    },
    /** Counts by commune from the maintained weekly and daily counts. */
    statsFromCounts(weeks, days) {
      const part = (
        table,
      ) => `select pcode as key, sum(n) as n, sum(killed) as killed, sum(injured) as injured,
          sum(abducted) as abducted from ${table} c where c.bucket >= ? and c.bucket <= ?
          and c.verification in ('unverified', 'verified', 'disputed')
          and (c.classification in (${levelList}) or (c.classification = 'restricted' and c.restricted_to like ?))
          group by 1`;
      const arms = [part('incident_counts_week'), ...days.map(() => part('incident_counts_day'))];
      const params = [weeks, ...days].flatMap(([a, b]) => [a, b, ...levels, `%"${org}"%`]);
      return prepare(`select key, sum(n) n from (${arms.join(' union all ')}) group by key`).all(
        ...params,
      );
    },
    /** The same counts without maintained counts: a scan of the reports by their time. */
    statsByScan(fromIso, toIso) {
      return prepare(`select coalesce(pcode, '') as key, count(*) as n from incidents
          where occurred_at >= ? and occurred_at < ? and merged_into is null and verification <> 'false'
            and (classification in (${levelList}) or (classification = 'restricted' and restricted_to like ?))
          group by 1`).all(fromIso, toIso, ...levels, `%"${org}"%`);
    },
    close: () => db.close(),
  };
}
