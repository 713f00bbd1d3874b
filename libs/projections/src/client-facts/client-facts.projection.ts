import {
  type BehaviourFacts,
  clientIdOfStream,
  initialBehaviourFacts,
  type InvoiceFacts,
  streamIdForClient,
  toMinor,
} from '@settle/domain';
import type { RecordedEvent, SqlExecutor } from '@settle/event-store';
import { assertIdentifier, type BatchContext, type VerifiableProjection, type ViewDifference } from '../projection';
import { rowDifferences } from '../host/row-differences';
import { CLIENT_VALUE_COLUMNS, type ClientRow, ClientTable, type ItemCounts } from './client-table';
import {
  APPENDED_KINDS,
  assembleFacts,
  postgresDate,
  ITEM_KINDS,
  type ItemKind,
  itemsNamedBy,
  KEYED_KINDS,
  type KeyedKind,
  keyOfItem,
} from './fact-items';
import { foldClientEvents } from './fold-client-events';

export const CLIENT_FACTS_PROJECTION = 'client_facts';

interface ItemRow {
  client_id: string;
  kind: string;
  item_key: string;
  /** Position in its list; kept when an item is updated. */
  seq: number;
  data: unknown;
  /** As PostgreSQL reads a date (see `postgresDate`). */
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
  /** 1 kept the facts as one document per client; 2 keeps a row per list element; 3 adds the credit limit. */
  readonly version = 3;
  /** The list elements: `<table>_items`. */
  readonly items: string;
  private readonly clients: ClientTable;

  constructor(readonly table: string = CLIENT_FACTS_PROJECTION) {
    this.clients = new ClientTable(assertIdentifier(table));
    this.items = assertIdentifier(`${table}_items`);
  }

  async migrate(sql: SqlExecutor): Promise<void> {
    await sql.query(this.clients.createStatement);
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

  /** A client's rows depend on its stream only. */
  async forgetStream(tx: SqlExecutor, streamId: string): Promise<void> {
    const clientId = clientIdOfStream(streamId);
    if (clientId === undefined) return;
    await tx.query(`delete from ${this.items} where client_id = $1`, [clientId]);
    await tx.query(`delete from ${this.table} where client_id = $1`, [clientId]);
  }

  async apply(tx: SqlExecutor, events: readonly RecordedEvent[], batch?: BatchContext): Promise<void> {
    const byClient = new Map<string, RecordedEvent[]>();
    for (const event of events) {
      const clientId = clientIdOfStream(event.streamId);
      if (clientId === undefined) continue;
      const clientEvents = byClient.get(clientId);
      if (clientEvents) clientEvents.push(event);
      else byClient.set(clientId, [event]);
    }
    if (byClient.size === 0) return;

    // Clients new to the view have nothing stored to load (two statements of four, for a rebuild from zero).
    const clients = batch?.newStreams ? new Map<string, ClientRow>() : await this.clients.load(tx, [...byClient.keys()]);
    const items = batch?.newStreams ? new Map<string, never[]>() : await this.loadItems(tx, byClient);
    const clientRows: ClientRow[] = [];
    const itemRows: ItemRow[] = [];
    for (const [clientId, clientEvents] of byClient) {
      const stored = clients.get(clientId);
      const loaded = items.get(clientId) ?? [];
      // Only the items the events name are loaded: the fold reads no others (see itemsNamedBy).
      const before = stored ? assembleFacts(stored.facts, loaded) : initialBehaviourFacts();
      const after = foldClientEvents(before, clientEvents);
      if (after.clientId !== clientId) throw new Error(`Stream ${streamIdForClient(clientId)} does not start with ClientRegistered`);
      const changes = changedItems(clientId, before, after, stored?.itemCounts ?? {});
      itemRows.push(...changes.rows);
      clientRows.push({
        facts: after,
        outstanding: (stored?.outstanding ?? 0n) + changes.outstanding,
        openInvoices: (stored?.openInvoices ?? 0) + changes.openInvoices,
        itemCounts: changes.itemCounts,
        streamRevision: clientEvents[clientEvents.length - 1].revision,
      });
    }
    await this.clients.upsert(tx, clientRows);
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
    const clients = await rowDifferences(
      sql,
      this.name,
      { live: this.table, rebuilt: other.table, keyColumns: ['client_id'], valueColumns: CLIENT_VALUE_COLUMNS },
      limit,
    );
    const { rows: itemDifferences } = await sql.query<{ key: string; fields: string }>(
      `select coalesce(l.client_id, r.client_id) as key,
              to_jsonb(array_agg(distinct 'facts.' || coalesce(l.kind, r.kind)))::text as fields
         from ${this.items} l full join ${other.items} r on l.client_id = r.client_id and l.kind = r.kind and l.item_key = r.item_key
        where (l.seq, l.data, l.open_due_on) is distinct from (r.seq, r.data, r.open_due_on)
        group by 1 order by 1 limit $1`,
      [limit],
    );
    return { rows: clients.rows, differences: mergeDifferences(this.name, clients.differences, itemDifferences).slice(0, limit) };
  }

  async drop(sql: SqlExecutor): Promise<void> {
    await sql.query(`drop table if exists ${this.table}, ${this.items}`);
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
        openDueOn = outstandingOf(now) > 0n ? postgresDate(now.dueOn) : null;
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
function mergeDifferences(projection: string, clients: ViewDifference[], items: { key: string; fields: string }[]): ViewDifference[] {
  const merged = new Map<string, ViewDifference>(clients.map((difference) => [difference.key, difference]));
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
