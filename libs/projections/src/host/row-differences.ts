import type { SqlExecutor } from '@settle/event-store';
import type { ViewDifference } from '../projection';

export interface KeyedTables {
  /** The live view's table and the rebuilt one (the truth). */
  live: string;
  rebuilt: string;
  /** The columns that identify a row; the reported key joins their values with `:`. */
  keyColumns: readonly string[];
  /** The columns compared. */
  valueColumns: readonly string[];
}

/**
 * Rows that differ between a live table and its rebuild, and how many rows the two hold together:
 * the comparison every verifiable view makes of its keyed tables (SPEC 6, `POST /v1/admin/verify`).
 */
export async function rowDifferences(
  sql: SqlExecutor,
  projection: string,
  tables: KeyedTables,
  limit: number,
): Promise<{ rows: number; differences: ViewDifference[] }> {
  const { live, rebuilt, keyColumns, valueColumns } = tables;
  const joined = `${live} l full join ${rebuilt} r on ${keyColumns.map((column) => `l.${column} = r.${column}`).join(' and ')}`;
  const key = keyColumns.map((column) => `coalesce(l.${column}, r.${column})::text`).join(` || ':' || `);
  const [first] = keyColumns;
  const fieldChecks = valueColumns.map((column) => `case when l.${column} is distinct from r.${column} then '${column}' end`).join(', ');
  const values = (side: 'l' | 'r') => valueColumns.map((column) => `${side}.${column}`).join(', ');
  const { rows } = await sql.query<{ key: string; kind: ViewDifference['kind']; fields: string }>(
    `select ${key} as key,
            case when l.${first} is null then 'missing' when r.${first} is null then 'unexpected' else 'different' end as kind,
            to_jsonb(array_remove(array[${fieldChecks}], null))::text as fields
       from ${joined}
      where l.${first} is null or r.${first} is null or (${values('l')}) is distinct from (${values('r')})
      order by 1 limit $1`,
    [limit],
  );
  const { rows: counted } = await sql.query<{ rows: string }>(`select count(*)::text as rows from ${joined}`);
  return {
    rows: Number(counted[0].rows),
    differences: rows.map((row) => ({ projection, key: row.key, kind: row.kind, fields: JSON.parse(row.fields) as string[] })),
  };
}
