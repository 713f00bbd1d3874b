import { BehaviourFacts, initialBehaviourFacts } from '@settle/domain';
import type { RecordedEvent, SqlExecutor } from '@settle/event-store';
import { assertIdentifier, VerifiableProjection, ViewDifference } from '../projection';
import { ClientFactsRow, clientFactsRow } from './client-facts-row';
import { clientIdOfStream, foldClientEvents } from './fold-client-events';

export const CLIENT_FACTS_PROJECTION = 'client_facts';

/** The columns a rebuild must reproduce (all but `updated_at`). */
const COMPARED_COLUMNS = ['name', 'currency', 'timezone', 'outstanding', 'open_invoices', 'earliest_open_due_on', 'stream_revision'] as const;

/**
 * Per client: its `BehaviourFacts` (SPEC 4: facts only — amounts and dates), from which payment
 * behaviour, solvency and the portfolio figures are computed at read time. A batch costs three
 * statements whatever its size: load the touched clients' rows, fold in memory, upsert them.
 */
export class ClientFactsProjection implements VerifiableProjection {
  readonly name = CLIENT_FACTS_PROJECTION;
  readonly version = 1;

  constructor(readonly table: string = CLIENT_FACTS_PROJECTION) {
    assertIdentifier(table);
  }

  async migrate(sql: SqlExecutor): Promise<void> {
    await sql.query(`create table if not exists ${this.table} (
      client_id text primary key,
      name text not null,
      currency text not null,
      timezone text not null,
      outstanding numeric not null,
      open_invoices integer not null,
      earliest_open_due_on date,
      facts jsonb not null,
      stream_revision bigint not null,
      updated_at timestamptz not null default now()
    )`);
    await sql.query(`create index if not exists ${this.table}_currency on ${this.table} (currency, client_id)`);
  }

  async reset(tx: SqlExecutor): Promise<void> {
    await tx.query(`truncate ${this.table}`);
  }

  async apply(tx: SqlExecutor, events: readonly RecordedEvent[]): Promise<void> {
    const byClient = new Map<string, RecordedEvent[]>();
    for (const event of events) {
      const clientId = clientIdOfStream(event.streamId);
      if (clientId === undefined) continue;
      const clientEvents = byClient.get(clientId);
      if (clientEvents) clientEvents.push(event);
      else byClient.set(clientId, [event]);
    }
    if (byClient.size === 0) return;

    const stored = await this.load(tx, [...byClient.keys()]);
    const rows = [...byClient].map(([clientId, clientEvents]): ClientFactsRow => {
      const facts = foldClientEvents(stored.get(clientId) ?? initialBehaviourFacts(), clientEvents);
      if (facts.clientId !== clientId) throw new Error(`Stream client-${clientId} does not start with ClientRegistered`);
      return clientFactsRow(facts, clientEvents[clientEvents.length - 1].revision);
    });
    await this.upsert(tx, rows);
  }

  beside(label: string): ClientFactsProjection {
    return new ClientFactsProjection(`${this.table}_${label}`);
  }

  async copyInto(tx: SqlExecutor, target: VerifiableProjection): Promise<void> {
    await tx.query(`insert into ${this.sameKind(target).table} select * from ${this.table}`);
  }

  async compare(sql: SqlExecutor, rebuilt: VerifiableProjection, limit: number): Promise<{ rows: number; differences: ViewDifference[] }> {
    const other = this.sameKind(rebuilt).table;
    const joined = `${this.table} l full join ${other} r on l.client_id = r.client_id`;
    const differentColumns = COMPARED_COLUMNS.map((column) => `case when l.${column} is distinct from r.${column} then '${column}' end`).join(', ');
    const { rows } = await sql.query<{ key: string; kind: ViewDifference['kind']; fields: string }>(
      `select coalesce(l.client_id, r.client_id) as key,
              case when l.client_id is null then 'missing' when r.client_id is null then 'unexpected' else 'different' end as kind,
              case when l.client_id is null or r.client_id is null then '[]'
                   else to_jsonb(array_remove(array[${differentColumns}], null) || coalesce(
                     (select array_agg('facts.' || coalesce(a.key, b.key) order by coalesce(a.key, b.key))
                        from jsonb_each(l.facts) a full join jsonb_each(r.facts) b on a.key = b.key
                       where a.value is distinct from b.value), '{}'::text[]))::text end as fields
         from ${joined}
        where l.client_id is null or r.client_id is null or l.facts <> r.facts
           or (${COMPARED_COLUMNS.map((column) => `l.${column}`).join(', ')}) is distinct from (${COMPARED_COLUMNS.map((column) => `r.${column}`).join(', ')})
        order by 1 limit $1`,
      [limit],
    );
    const { rows: counted } = await sql.query<{ rows: string }>(`select count(*)::text as rows from ${joined}`);
    return {
      rows: Number(counted[0].rows),
      differences: rows.map(({ key, kind, fields }) => ({ projection: this.name, key, kind, fields: JSON.parse(fields) as string[] })),
    };
  }

  async drop(sql: SqlExecutor): Promise<void> {
    await sql.query(`drop table if exists ${this.table}`);
  }

  private async load(tx: SqlExecutor, clientIds: string[]): Promise<Map<string, BehaviourFacts>> {
    const { rows } = await tx.query<{ client_id: string; facts: string }>(
      `select client_id, facts::text as facts from ${this.table} where client_id in (select jsonb_array_elements_text($1::text::jsonb))`,
      [JSON.stringify(clientIds)],
    );
    return new Map(rows.map((row) => [row.client_id, JSON.parse(row.facts) as BehaviourFacts]));
  }

  private async upsert(tx: SqlExecutor, rows: ClientFactsRow[]): Promise<void> {
    await tx.query(
      `insert into ${this.table} (client_id, name, currency, timezone, outstanding, open_invoices, earliest_open_due_on, facts, stream_revision, updated_at)
       select r.client_id, r.name, r.currency, r.timezone, r.outstanding::numeric, r.open_invoices, r.earliest_open_due_on::date, r.facts,
              r.stream_revision::bigint, now()
         from jsonb_to_recordset($1::text::jsonb) as r(client_id text, name text, currency text, timezone text, outstanding text,
              open_invoices integer, earliest_open_due_on text, facts jsonb, stream_revision text)
       on conflict (client_id) do update set name = excluded.name, currency = excluded.currency, timezone = excluded.timezone,
              outstanding = excluded.outstanding, open_invoices = excluded.open_invoices, earliest_open_due_on = excluded.earliest_open_due_on,
              facts = excluded.facts, stream_revision = excluded.stream_revision, updated_at = excluded.updated_at`,
      [JSON.stringify(rows)],
    );
  }

  private sameKind(other: VerifiableProjection): ClientFactsProjection {
    if (!(other instanceof ClientFactsProjection)) throw new Error(`${other.name} is not a ${this.name} view`);
    return other;
  }
}
