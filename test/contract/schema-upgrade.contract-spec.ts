import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import {
  appendEvents,
  createPgliteEventStore,
  createPostgresEventStore,
  type EventStore,
  pgliteSqlClient,
  pgSqlClient,
  type SqlClient,
} from '@settle/event-store';
import { Pool } from 'pg';
import { copyPgliteTemplate } from '../setup/pglite-template';
import { createTestDatabase } from '../support/postgres';
import { newEvent, newStreamId } from './event-store.contract-helpers';

/** One store to open and open again over the same database, as a new build would. */
interface StoreSite {
  sql: SqlClient;
  open(): Promise<EventStore>;
  close(): Promise<void>;
}

/** As the builds before event_store_version left a store: JSON kept as jsonb, no version table. */
const makeOld = (sql: SqlClient) =>
  sql.transaction(async (tx) => {
    await tx.query(
      `alter table events alter column data type jsonb using data::jsonb, alter column metadata type jsonb using metadata::jsonb`,
    );
    await tx.query(`drop table event_store_version`);
  });

const storedText = async (sql: SqlClient) =>
  (await sql.query<{ text: string }>(`select string_agg(data::text || metadata::text, '|' order by global_position) as text from events`))
    .rows[0].text;

const columnTypes = async (sql: SqlClient) =>
  (
    await sql.query<{ column_name: string; data_type: string }>(
      `select column_name, data_type from information_schema.columns
        where table_name = 'events' and column_name in ('data', 'metadata') order by column_name`,
    )
  ).rows;

/** Data whose jsonb rendering differs from JSON.stringify: key order, spacing, numbers, text. */
const awkwardData = { zeta: 1, a: { nested: [1, 2.5, '10.00'], 'key with space': null }, amount: '1250.00', text: 'Čeština "quoted" ✓' };

function describeUpgrade(name: string, site: () => Promise<StoreSite>): void {
  describe(`event store schema upgrade: ${name}`, () => {
    it('opens a store written by an older build (JSON as jsonb) and keeps every event byte for byte', async () => {
      const { sql, open, close } = await site();
      try {
        let store = await open();
        const streamId = newStreamId('upgrade');
        await store.append(streamId, [newEvent('First', awkwardData)], 'no_stream');
        await store.dispose();
        await makeOld(sql);
        // An older build appends to its jsonb columns.
        await appendEvents(sql, streamId, [newEvent('Second', awkwardData)], 0n);
        expect(await columnTypes(sql)).toEqual([
          { column_name: 'data', data_type: 'jsonb' },
          { column_name: 'metadata', data_type: 'jsonb' },
        ]);
        const oldText = await storedText(sql);

        store = await open();

        expect(await columnTypes(sql)).toEqual([
          { column_name: 'data', data_type: 'json' },
          { column_name: 'metadata', data_type: 'json' },
        ]);
        expect((await sql.query(`select version from event_store_version`)).rows).toEqual([{ version: 1 }]);
        expect(await storedText(sql)).toBe(oldText);
        expect((await store.readStream(streamId)).map((event) => [event.type, event.data, event.metadata])).toEqual([
          ['First', awkwardData, { source: 'contract' }],
          ['Second', awkwardData, { source: 'contract' }],
        ]);
        // Appends go on after the upgrade, stored as jsonb renders them; a second start changes nothing.
        await store.append(streamId, [newEvent('Third', awkwardData)], 1n);
        await store.dispose();
        store = await open();
        expect((await store.readStream(streamId)).map((event) => event.type)).toEqual(['First', 'Second', 'Third']);
        expect(await storedText(sql)).toBe(`${oldText}|${oldText.split('|')[0]}`);
        expect((await sql.query(`select version from event_store_version`)).rows).toEqual([{ version: 1 }]);
        await store.dispose();
      } finally {
        await close();
      }
    });
  });
}

describeUpgrade('PGlite', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'settle-pglite-'));
  await copyPgliteTemplate(dataDir);
  const db = await PGlite.create(dataDir);
  return {
    sql: pgliteSqlClient(db),
    open: () => createPgliteEventStore(db, { pollIntervalMs: 100 }),
    close: async () => {
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});

describeUpgrade('PostgreSQL', async () => {
  const database = await createTestDatabase();
  const pool = new Pool({ connectionString: database.url, max: 4 });
  return {
    sql: pgSqlClient(pool),
    open: () => createPostgresEventStore(pool, { pollIntervalMs: 100 }),
    close: async () => {
      await pool.end();
      await database.drop();
    },
  };
});
