import type { SqlExecutor } from '@settle/event-store';
import type { ClientLevelFacts, ItemKind } from './fact-items';

/** How many elements each list holds: the next element's position. */
export type ItemCounts = Partial<Record<ItemKind, number>>;

/** What the projection keeps beside a client's client-level facts: headline sums, list lengths, last revision. */
export interface ClientBookkeeping {
  /** Of the open invoices. */
  outstanding: bigint;
  openInvoices: number;
  itemCounts: ItemCounts;
  /** Of the last event folded in. */
  streamRevision: bigint;
}

/** One row of the client table. `facts` may be a client's whole facts: only the client-level fields are stored. */
export interface ClientRow extends ClientBookkeeping {
  facts: ClientLevelFacts;
}

/**
 * How a value crosses into its column and back. Rows are written as one JSON batch
 * (`jsonb_to_recordset`), in `batchType`, cast to `sqlType` when the two differ; they are read
 * back as text, so that every driver hands over the same strings.
 */
interface ColumnType<T> {
  sqlType: string;
  batchType: string;
  /** SQL null for an absent (undefined) value; every other column is `not null`. */
  nullable?: true;
  toBatch(value: T): unknown;
  fromText(text: string): T;
}

const TEXT: ColumnType<string> = { sqlType: 'text', batchType: 'text', toBatch: (value) => value, fromText: (text) => text };
const INTEGER: ColumnType<number> = { sqlType: 'integer', batchType: 'integer', toBatch: (value) => value, fromText: Number };
// Amounts and revisions travel as decimal strings: a JSON number loses precision beyond 2^53.
const NUMERIC: ColumnType<bigint> = { sqlType: 'numeric', batchType: 'text', toBatch: String, fromText: BigInt };
const BIGINT: ColumnType<bigint> = { sqlType: 'bigint', batchType: 'text', toBatch: String, fromText: BigInt };
/** An optional field: SQL null when absent, and absent again when read back. */
const optional = <T>(type: ColumnType<T>): ColumnType<T | undefined> => ({
  ...type,
  nullable: true,
  toBatch: (value) => (value === undefined ? null : type.toBatch(value)),
  fromText: (text: string | null) => (text === null ? undefined : type.fromText(text)),
});
const jsonb = <T>(): ColumnType<T> => ({
  sqlType: 'jsonb',
  batchType: 'jsonb',
  toBatch: (value) => value,
  fromText: (text) => JSON.parse(text) as T,
});

interface Column<Field extends string> {
  name: string;
  field: Field;
  type: ColumnType<unknown>;
}

/** Columns of the fields of `Of`: each field's type must be the one its column type maps. */
const columnsOf =
  <Of>() =>
  <K extends keyof Of & string>(name: string, field: K, type: ColumnType<Of[K]>): Column<K> => ({
    name,
    field,
    type: type as ColumnType<unknown>,
  });
const factColumn = columnsOf<ClientLevelFacts>();
const bookkeepingColumn = columnsOf<ClientBookkeeping>();

/** The client-level facts, key first. */
const FACT_COLUMNS: readonly Column<keyof ClientLevelFacts>[] = [
  factColumn('client_id', 'clientId', TEXT),
  factColumn('name', 'name', TEXT),
  factColumn('currency', 'currency', TEXT),
  factColumn('timezone', 'timezone', TEXT),
  factColumn('business_hours', 'businessHours', jsonb()),
  factColumn('holidays', 'holidays', jsonb()),
  factColumn('response_time_business_days', 'responseTimeBusinessDays', INTEGER),
  factColumn('credit_limit', 'creditLimit', optional(TEXT)),
];
const [KEY] = FACT_COLUMNS;

/** Then the bookkeeping. */
const BOOKKEEPING_COLUMNS: readonly Column<keyof ClientBookkeeping>[] = [
  bookkeepingColumn('outstanding', 'outstanding', NUMERIC),
  bookkeepingColumn('open_invoices', 'openInvoices', INTEGER),
  bookkeepingColumn('item_counts', 'itemCounts', jsonb()),
  bookkeepingColumn('stream_revision', 'streamRevision', BIGINT),
];

/** Every column of a client row, in table order. */
const ROW_COLUMNS: readonly Column<string>[] = [...FACT_COLUMNS, ...BOOKKEEPING_COLUMNS];

/** The columns a rebuild must reproduce: all but the key and `updated_at` (when it was written). */
export const CLIENT_VALUE_COLUMNS: readonly string[] = ROW_COLUMNS.filter((c) => c !== KEY).map((c) => c.name);

const selectAsText = (columns: readonly Column<string>[], alias: string) =>
  columns.map((c) => `${alias}.${c.name}::text as ${c.name}`).join(', ');

const decode = <T>(columns: readonly Column<keyof T & string>[], selected: Record<string, string>, into: Partial<T> = {}): T => {
  const decoded = into as Record<string, unknown>;
  for (const { name, field, type } of columns) {
    const value = type.fromText(selected[name]);
    if (value !== undefined) decoded[field] = value;
  }
  return decoded as T;
};

/** The select list of the client-level facts of the table aliased `alias`; `clientFactsOf` reads them. */
export const selectClientFacts = (alias: string): string => selectAsText(FACT_COLUMNS, alias);

/** The client-level facts of a row selected with `selectClientFacts`. */
export const clientFactsOf = (selected: Record<string, string>): ClientLevelFacts => decode<ClientLevelFacts>(FACT_COLUMNS, selected);

/** A row as the upsert's JSON batch carries it. */
const toBatchRow = (row: ClientRow): Record<string, unknown> => {
  const encoded: Record<string, unknown> = {};
  for (const { name, field, type } of FACT_COLUMNS) encoded[name] = type.toBatch(row.facts[field]);
  for (const { name, field, type } of BOOKKEEPING_COLUMNS) encoded[name] = type.toBatch(row[field]);
  return encoded;
};

/** A row selected as `select <every column>::text`. */
const fromSelectedRow = (selected: Record<string, string>): ClientRow =>
  // No spread: in a batch of a thousand clients, spreading rows costs more than the rest of the decoding.
  decode<ClientRow>(BOOKKEEPING_COLUMNS, selected, { facts: clientFactsOf(selected) });

/**
 * The client table of a client facts view: one row per client. Its statements are all derived
 * from the column list above, so the table, the writes and the reads cannot disagree.
 */
export class ClientTable {
  readonly createStatement: string;
  private readonly upsertStatement: string;
  private readonly loadStatement: string;

  constructor(readonly name: string) {
    const names = ROW_COLUMNS.map((c) => c.name);
    this.createStatement = `create table if not exists ${name} (
      ${ROW_COLUMNS.map((c) => `${c.name} ${c.type.sqlType}${c === KEY ? ' primary key' : c.type.nullable ? '' : ' not null'}`).join(',\n      ')},
      updated_at timestamptz not null default now()
    )`;
    const castToColumn = ({ name: column, type }: Column<string>) =>
      type.batchType === type.sqlType ? `r.${column}` : `r.${column}::${type.sqlType}`;
    this.upsertStatement = `insert into ${name} (${names.join(', ')}, updated_at)
       select ${ROW_COLUMNS.map(castToColumn).join(', ')}, now()
         from jsonb_to_recordset($1::text::jsonb) as r(${ROW_COLUMNS.map((c) => `${c.name} ${c.type.batchType}`).join(', ')})
       on conflict (${KEY.name}) do update set ${[...CLIENT_VALUE_COLUMNS, 'updated_at'].map((c) => `${c} = excluded.${c}`).join(', ')}`;
    this.loadStatement = `select ${selectAsText(ROW_COLUMNS, name)}
         from ${name} where ${KEY.name} in (select jsonb_array_elements_text($1::text::jsonb))`;
  }

  async load(tx: SqlExecutor, clientIds: readonly string[]): Promise<Map<string, ClientRow>> {
    const { rows } = await tx.query<Record<string, string>>(this.loadStatement, [JSON.stringify(clientIds)]);
    return new Map(rows.map((selected) => [selected[KEY.name], fromSelectedRow(selected)]));
  }

  /** Writes every row in one statement, whatever the batch size. */
  async upsert(tx: SqlExecutor, rows: readonly ClientRow[]): Promise<void> {
    await tx.query(this.upsertStatement, [JSON.stringify(rows.map(toBatchRow))]);
  }
}
