import { BehaviourFacts, initialBehaviourFacts, InvoiceFacts, toMinor } from '@settle/domain';
import type { RecordedEvent, SqlExecutor } from '@settle/event-store';
import { assertIdentifier, VerifiableProjection, ViewDifference } from '../projection';
import {
  APPENDED_KINDS,
  assembleFacts,
  ClientLevelFacts,
  ITEM_KINDS,
  ItemKind,
  itemsNamedBy,
  KEYED_KINDS,
  KeyedKind,
  keyOfItem,
} from './fact-items';
import { clientIdOfStream, foldClientEvents } from './fold-client-events';

export const CLIENT_FACTS_PROJECTION = 'client_facts';

/** Client row columns a rebuild must reproduce (all but `updated_at`). */
const CLIENT_COLUMNS = [
  'name',
  'currency',
  'timezone',
  'business_hours',
  'holidays',
  'response_time_business_days',
  'outstanding',
  'open_invoices',
  'item_counts',
  'stream_revision',
] as const;

/** How many elements each list holds: the next element's position. */
type ItemCounts = Partial<Record<ItemKind, number>>;

interface StoredClient {
  level: ClientLevelFacts;
  outstanding: bigint;
  openInvoices: number;
  itemCounts: ItemCounts;
}

interface ItemRow {
  client_id: string;
  kind: string;
  item_key: string;
  /** Position in its list; kept when an item is updated. */
  seq: number;
  data: unknown;
  open_due_on: string | null;
}

const outstandingOf = (invoice: InvoiceFacts | undefined): bigint => (invoice ? toMinor(invoice.outstanding) : 0n);

/**
 * Per client, its `BehaviourFacts` (SPEC 4: facts only — amounts and dates), from which payment
 * behaviour, solvency and the portfolio figures are computed at read time. Stored as a client row
 * plus one row per list element (see fact-items.ts). A batch costs four statements whatever its
 * size: load the touched clients and the items the events name, fold in memory, upsert what changed.
 */
export class ClientFactsProjection implements VerifiableProjection {
  readonly name = CLIENT_FACTS_PROJECTION;
  /** 1 kept the facts as one document per client; 2 keeps a row per list element. */
  readonly version = 2;
  /** The list elements: `<table>_items`. */
  readonly items: string;

  constructor(readonly table: string = CLIENT_FACTS_PROJECTION) {
    assertIdentifier(table);
    this.items = assertIdentifier(`${table}_items`);
  }

  async migrate(sql: SqlExecutor): Promise<void> {
    await sql.query(`create table if not exists ${this.table} (
      client_id text primary key,
      name text not null,
      currency text not null,
      timezone text not null,
      business_hours jsonb not null,
      holidays jsonb not null,
      response_time_business_days integer not null,
      outstanding numeric not null,
      open_invoices integer not null,
      item_counts jsonb not null,
      stream_revision bigint not null,
      updated_at timestamptz not null default now()
    )`);
    await sql.query(`create index if not exists ${this.table}_currency on ${this.table} (currency, client_id)`);
    await sql.query(`create table if not exists ${this.items} (
      client_id text not null,
      kind text not null,
      item_key text not null,
      seq integer not null,
      data jsonb not null,
      open_due_on date,
      primary key (client_id, kind, item_key)
    )`);
  }

  async reset(tx: SqlExecutor): Promise<void> {
    await tx.query(`truncate ${this.table}, ${this.items}`);
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

    const clients = await this.loadClients(tx, [...byClient.keys()]);
    const items = await this.loadItems(tx, byClient);
    const clientRows: object[] = [];
    const itemRows: ItemRow[] = [];
    for (const [clientId, clientEvents] of byClient) {
      const stored = clients.get(clientId);
      const loaded = items.get(clientId) ?? [];
      // Only the items the events name are loaded: the fold reads no others (see itemsNamedBy).
      const before = stored ? assembleFacts(stored.level, loaded) : initialBehaviourFacts();
      const after = foldClientEvents(before, clientEvents);
      if (after.clientId !== clientId) throw new Error(`Stream client-${clientId} does not start with ClientRegistered`);
      const changes = changedItems(clientId, before, after, stored?.itemCounts ?? {});
      itemRows.push(...changes.rows);
      clientRows.push({
        client_id: clientId,
        name: after.name,
        currency: after.currency,
        timezone: after.timezone,
        business_hours: after.businessHours,
        holidays: after.holidays,
        response_time_business_days: after.responseTimeBusinessDays,
        outstanding: ((stored?.outstanding ?? 0n) + changes.outstanding).toString(),
        open_invoices: (stored?.openInvoices ?? 0) + changes.openInvoices,
        item_counts: changes.itemCounts,
        stream_revision: clientEvents[clientEvents.length - 1].revision.toString(),
      });
    }
    await this.upsertClients(tx, clientRows);
    if (itemRows.length > 0) await this.upsertItems(tx, itemRows);
  }

  beside(label: string): ClientFactsProjection {
    return new ClientFactsProjection(`${this.table}_${label}`);
  }

  async copyInto(tx: SqlExecutor, target: VerifiableProjection): Promise<void> {
    const other = this.sameKind(target);
    await tx.query(`insert into ${other.table} select * from ${this.table}`);
    await tx.query(`insert into ${other.items} select * from ${this.items}`);
  }

  async compare(sql: SqlExecutor, rebuilt: VerifiableProjection, limit: number): Promise<{ rows: number; differences: ViewDifference[] }> {
    const other = this.sameKind(rebuilt);
    const clientsJoined = `${this.table} l full join ${other.table} r on l.client_id = r.client_id`;
    const columnChecks = CLIENT_COLUMNS.map((column) => `case when l.${column} is distinct from r.${column} then '${column}' end`).join(
      ', ',
    );
    const { rows: clientDifferences } = await sql.query<{ key: string; kind: ViewDifference['kind']; fields: string }>(
      `select coalesce(l.client_id, r.client_id) as key,
              case when l.client_id is null then 'missing' when r.client_id is null then 'unexpected' else 'different' end as kind,
              to_jsonb(array_remove(array[${columnChecks}], null))::text as fields
         from ${clientsJoined}
        where l.client_id is null or r.client_id is null
           or (${CLIENT_COLUMNS.map((column) => `l.${column}`).join(', ')}) is distinct from (${CLIENT_COLUMNS.map((column) => `r.${column}`).join(', ')})
        order by 1 limit $1`,
      [limit],
    );
    const { rows: itemDifferences } = await sql.query<{ key: string; fields: string }>(
      `select coalesce(l.client_id, r.client_id) as key,
              to_jsonb(array_agg(distinct 'facts.' || coalesce(l.kind, r.kind)))::text as fields
         from ${this.items} l full join ${other.items} r on l.client_id = r.client_id and l.kind = r.kind and l.item_key = r.item_key
        where (l.seq, l.data, l.open_due_on) is distinct from (r.seq, r.data, r.open_due_on)
        group by 1 order by 1 limit $1`,
      [limit],
    );
    const { rows: counted } = await sql.query<{ rows: string }>(`select count(*)::text as rows from ${clientsJoined}`);
    return { rows: Number(counted[0].rows), differences: mergeDifferences(this.name, clientDifferences, itemDifferences).slice(0, limit) };
  }

  async drop(sql: SqlExecutor): Promise<void> {
    await sql.query(`drop table if exists ${this.table}, ${this.items}`);
  }

  private async loadClients(tx: SqlExecutor, clientIds: string[]): Promise<Map<string, StoredClient>> {
    const { rows } = await tx.query<{
      client_id: string;
      name: string;
      currency: string;
      timezone: string;
      business_hours: string;
      holidays: string;
      response_time_business_days: number;
      outstanding: string;
      open_invoices: number;
      item_counts: string;
    }>(
      `select client_id, name, currency, timezone, business_hours::text, holidays::text, response_time_business_days,
              outstanding::text, open_invoices, item_counts::text
         from ${this.table} where client_id in (select jsonb_array_elements_text($1::text::jsonb))`,
      [JSON.stringify(clientIds)],
    );
    return new Map(
      rows.map((row) => [
        row.client_id,
        {
          level: {
            clientId: row.client_id,
            name: row.name,
            currency: row.currency,
            timezone: row.timezone,
            businessHours: JSON.parse(row.business_hours),
            holidays: JSON.parse(row.holidays),
            responseTimeBusinessDays: Number(row.response_time_business_days),
          },
          outstanding: BigInt(row.outstanding),
          openInvoices: Number(row.open_invoices),
          itemCounts: JSON.parse(row.item_counts) as ItemCounts,
        },
      ]),
    );
  }

  /** The stored invoices, payments and promises the batch's events name. */
  private async loadItems(
    tx: SqlExecutor,
    byClient: Map<string, RecordedEvent[]>,
  ): Promise<Map<string, { kind: KeyedKind; data: never }[]>> {
    const named = new Map<string, { client_id: string; kind: KeyedKind; item_key: string }>();
    for (const [clientId, clientEvents] of byClient) {
      for (const event of clientEvents) {
        for (const { kind, key } of itemsNamedBy(event.data))
          named.set(`${clientId}\u0000${kind}\u0000${key}`, { client_id: clientId, kind, item_key: key });
      }
    }
    const loaded = new Map<string, { kind: KeyedKind; data: never }[]>();
    if (named.size === 0) return loaded;
    const { rows } = await tx.query<{ client_id: string; kind: KeyedKind; data: string }>(
      `select i.client_id, i.kind, i.data::text as data
         from jsonb_to_recordset($1::text::jsonb) as k(client_id text, kind text, item_key text)
         join ${this.items} i on i.client_id = k.client_id and i.kind = k.kind and i.item_key = k.item_key
        order by i.kind, i.seq`,
      [JSON.stringify([...named.values()])],
    );
    for (const row of rows) {
      const clientItems = loaded.get(row.client_id) ?? [];
      clientItems.push({ kind: row.kind, data: JSON.parse(row.data) as never });
      loaded.set(row.client_id, clientItems);
    }
    return loaded;
  }

  private async upsertClients(tx: SqlExecutor, rows: object[]): Promise<void> {
    await tx.query(
      `insert into ${this.table} (client_id, name, currency, timezone, business_hours, holidays, response_time_business_days,
              outstanding, open_invoices, item_counts, stream_revision, updated_at)
       select r.client_id, r.name, r.currency, r.timezone, r.business_hours, r.holidays, r.response_time_business_days,
              r.outstanding::numeric, r.open_invoices, r.item_counts, r.stream_revision::bigint, now()
         from jsonb_to_recordset($1::text::jsonb) as r(client_id text, name text, currency text, timezone text, business_hours jsonb,
              holidays jsonb, response_time_business_days integer, outstanding text, open_invoices integer, item_counts jsonb, stream_revision text)
       on conflict (client_id) do update set name = excluded.name, currency = excluded.currency, timezone = excluded.timezone,
              business_hours = excluded.business_hours, holidays = excluded.holidays,
              response_time_business_days = excluded.response_time_business_days, outstanding = excluded.outstanding,
              open_invoices = excluded.open_invoices, item_counts = excluded.item_counts, stream_revision = excluded.stream_revision,
              updated_at = excluded.updated_at`,
      [JSON.stringify(rows)],
    );
  }

  private async upsertItems(tx: SqlExecutor, rows: ItemRow[]): Promise<void> {
    await tx.query(
      `insert into ${this.items} (client_id, kind, item_key, seq, data, open_due_on)
       select r.client_id, r.kind, r.item_key, r.seq, r.data, r.open_due_on::date
         from jsonb_to_recordset($1::text::jsonb) as r(client_id text, kind text, item_key text, seq integer, data jsonb, open_due_on text)
       on conflict (client_id, kind, item_key) do update set data = excluded.data, open_due_on = excluded.open_due_on`,
      [JSON.stringify(rows)],
    );
  }

  private sameKind(other: VerifiableProjection): ClientFactsProjection {
    if (!(other instanceof ClientFactsProjection)) throw new Error(`${other.name} is not a ${this.name} view`);
    return other;
  }
}

/**
 * The item rows to write after a fold, and the change of the headline sums. Evolving facts is
 * immutable, so an element the events did not touch is the very object that was loaded. A new
 * element takes the next position of its list, so the rows do not depend on how events were batched.
 */
function changedItems(clientId: string, before: BehaviourFacts, after: BehaviourFacts, counts: ItemCounts) {
  const itemCounts: ItemCounts = { ...counts };
  const nextSeq = (kind: ItemKind) => {
    const seq = itemCounts[kind] ?? 0;
    itemCounts[kind] = seq + 1;
    return seq;
  };
  let outstanding = 0n;
  let openInvoices = 0;
  const rows: ItemRow[] = [];
  for (const kind of KEYED_KINDS) {
    const previous = new Map<string, unknown>(before[kind].map((item) => [keyOfItem(kind, item), item]));
    for (const item of after[kind]) {
      const key = keyOfItem(kind, item);
      const old = previous.get(key);
      if (old === item) continue;
      let openDueOn: string | null = null;
      if (kind === 'invoices') {
        const [now, then] = [item as InvoiceFacts, old as InvoiceFacts | undefined];
        outstanding += outstandingOf(now) - outstandingOf(then);
        openInvoices += Number(outstandingOf(now) > 0n) - Number(outstandingOf(then) > 0n);
        openDueOn = outstandingOf(now) > 0n ? now.dueOn : null;
      }
      // An update keeps the stored seq (see upsertItems); only a new element takes the next one.
      rows.push({
        client_id: clientId,
        kind,
        item_key: key,
        seq: old === undefined ? nextSeq(kind) : -1,
        data: item,
        open_due_on: openDueOn,
      });
    }
  }
  for (const kind of APPENDED_KINDS) {
    for (const item of after[kind]) {
      const seq = nextSeq(kind);
      rows.push({ client_id: clientId, kind, item_key: String(seq), seq, data: item, open_due_on: null });
    }
  }
  return { rows, outstanding, openInvoices, itemCounts };
}

/** One difference per client: its own columns, then the lists whose elements differ. */
function mergeDifferences(
  projection: string,
  clients: { key: string; kind: ViewDifference['kind']; fields: string }[],
  items: { key: string; fields: string }[],
): ViewDifference[] {
  const merged = new Map<string, ViewDifference>();
  for (const { key, kind, fields } of clients) merged.set(key, { projection, key, kind, fields: JSON.parse(fields) as string[] });
  for (const { key, fields } of items) {
    const listFields = (JSON.parse(fields) as string[]).sort(
      (a, b) => ITEM_KINDS.indexOf(a.slice(6) as never) - ITEM_KINDS.indexOf(b.slice(6) as never),
    );
    const existing = merged.get(key);
    if (existing === undefined) merged.set(key, { projection, key, kind: 'different', fields: listFields });
    else if (existing.kind === 'different') existing.fields.push(...listFields);
  }
  return [...merged.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
