import { Pool } from 'pg';
import { appendEvents, createPostgresEventStore, pgSqlClient, type EventStore } from '@settle/event-store';
import { createTestDatabase } from '../support/postgres';
import { describeEventStoreContract, type UncommittedAppend } from './event-store.contract';

describeEventStoreContract('PostgreSQL', async () => {
  const database = await createTestDatabase();
  const openPool = () => new Pool({ connectionString: database.url, max: 20 }).on('error', () => undefined);
  let pool = openPool();
  let store: EventStore = await createPostgresEventStore(pool, { pollIntervalMs: 100 });
  const close = async () => {
    await store.dispose();
    await pool.end();
  };
  return {
    store,
    restart: async () => {
      await close();
      pool = openPool();
      store = await createPostgresEventStore(pool, { pollIntervalMs: 100 });
      return store;
    },
    appendUncommitted: async (streamId, events, expected): Promise<UncommittedAppend> => {
      let allowCommit!: () => void;
      const commitAllowed = new Promise<void>((resolve) => (allowCommit = resolve));
      let written!: () => void;
      const writtenSignal = new Promise<void>((resolve) => (written = resolve));
      const transaction = pgSqlClient(pool).transaction(async (tx) => {
        await appendEvents(tx, streamId, events, expected);
        written();
        await commitAllowed;
      });
      await Promise.race([writtenSignal, transaction]);
      return {
        commit: async () => {
          allowCommit();
          await transaction;
        },
      };
    },
    teardown: async () => {
      await close();
      await database.drop();
    },
  };
});
