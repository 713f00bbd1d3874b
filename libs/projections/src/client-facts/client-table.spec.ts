import type { SqlExecutor } from '@settle/event-store';
import { CLIENT_VALUE_COLUMNS, clientFactsOf, type ClientRow, ClientTable, selectClientFacts } from './client-table';

/** A database that records the statements and answers a select with the given rows. */
const recordingSql = (answer: Record<string, string>[] = []) => {
  const statements: { text: string; params: readonly unknown[] }[] = [];
  const sql: SqlExecutor = {
    query: async <Row>(text: string, params: readonly unknown[] = []) => {
      statements.push({ text, params });
      return { rows: answer as Row[], rowCount: 0 };
    },
  };
  return { sql, statements };
};

/** What PostgreSQL answers for `column::text` after the upsert stored a batch value. */
const asColumnText = (value: unknown): string | null => (value === null ? null : typeof value === 'string' ? value : JSON.stringify(value));

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

const ROW: ClientRow = {
  facts: {
    clientId: 'acme',
    name: 'Acme B.V.',
    currency: 'EUR',
    timezone: 'Europe/Amsterdam',
    businessHours: { weekdays: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
    holidays: ['2026-12-25'],
    responseTimeBusinessDays: 2,
  },
  outstanding: 9_007_199_254_740_993n,
  openInvoices: 2,
  itemCounts: { invoices: 3, payments: 1 },
  streamRevision: 41n,
};

describe('the client table of the client facts view: its columns defined once', () => {
  const table = new ClientTable('client_facts');

  it('creates the table of version 3 of the projection: version 2 and the nullable credit limit', () => {
    expect(oneLine(table.createStatement)).toBe(
      oneLine(`create table if not exists client_facts (
        client_id text primary key,
        name text not null,
        currency text not null,
        timezone text not null,
        business_hours jsonb not null,
        holidays jsonb not null,
        response_time_business_days integer not null,
        credit_limit text,
        outstanding numeric not null,
        open_invoices integer not null,
        item_counts jsonb not null,
        stream_revision bigint not null,
        updated_at timestamptz not null default now()
      )`),
    );
  });

  it('upserts every column of the table, in table order, and updates all but the key', async () => {
    const { sql, statements } = recordingSql();
    await table.upsert(sql, [ROW]);
    const [{ text }] = statements;
    const tableColumns = [...table.createStatement.matchAll(/^\s+(\w+) \w+/gm)].map(([, name]) => name);
    expect(oneLine(text)).toContain(`insert into client_facts (${tableColumns.join(', ')})`);
    expect(oneLine(text)).toContain(
      `on conflict (client_id) do update set ${[...CLIENT_VALUE_COLUMNS, 'updated_at'].map((c) => `${c} = excluded.${c}`).join(', ')}`,
    );
    expect(CLIENT_VALUE_COLUMNS).toEqual(tableColumns.filter((name) => name !== 'client_id' && name !== 'updated_at'));
  });

  it('reads back a row exactly as it was written, amounts beyond 2^53 included', async () => {
    const written = recordingSql();
    await table.upsert(written.sql, [ROW]);
    const [batchRow] = JSON.parse(String(written.statements[0].params[0])) as Record<string, unknown>[];
    const stored = Object.fromEntries(Object.entries(batchRow).map(([column, value]) => [column, asColumnText(value)]));

    const read = recordingSql([stored as Record<string, string>]);
    const loaded = await table.load(read.sql, [ROW.facts.clientId]);

    expect(loaded).toEqual(new Map([[ROW.facts.clientId, ROW]]));
    expect(oneLine(read.statements[0].text)).toMatch(/^select client_facts\.client_id::text as client_id, .* from client_facts where/);
    expect(clientFactsOf(stored as Record<string, string>)).toEqual(ROW.facts);
    expect(selectClientFacts('c')).toBe(
      'c.client_id::text as client_id, c.name::text as name, c.currency::text as currency, c.timezone::text as timezone, ' +
        'c.business_hours::text as business_hours, c.holidays::text as holidays, ' +
        'c.response_time_business_days::text as response_time_business_days, c.credit_limit::text as credit_limit',
    );
  });

  it('stores an agreed credit limit, and none as SQL null that reads back as no limit', async () => {
    const withLimit: ClientRow = { ...ROW, facts: { ...ROW.facts, clientId: 'bolt', creditLimit: '5000000' } };
    const written = recordingSql();
    await table.upsert(written.sql, [withLimit, ROW]);
    const batch = JSON.parse(String(written.statements[0].params[0])) as Record<string, unknown>[];
    expect(batch.map((row) => row.credit_limit)).toEqual(['5000000', null]);

    const stored = batch.map((row) => Object.fromEntries(Object.entries(row).map(([column, value]) => [column, asColumnText(value)])));
    const loaded = await table.load(recordingSql(stored as Record<string, string>[]).sql, ['bolt', 'acme']);
    expect([...loaded.values()].map((row) => row.facts)).toEqual([withLimit.facts, ROW.facts]);
    expect('creditLimit' in clientFactsOf(stored[1] as Record<string, string>)).toBe(false);
  });
});
