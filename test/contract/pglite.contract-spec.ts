import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vm from 'node:vm';
import { PGlite } from '@electric-sql/pglite';
import { createPgliteEventStore, type EventStore } from '@settle/event-store';
import { copyPgliteTemplate } from '../setup/pglite-template';
import { describeEventStoreContract } from './event-store.contract';

describeEventStoreContract(
  'PGlite (persisted in a directory)',
  async () => {
    // PGlite loads node built-ins with import(), which jest only allows in a VM-modules-enabled node.
    if (!('SyntheticModule' in vm)) throw new Error('PGlite under jest needs NODE_OPTIONS=--experimental-vm-modules');
    const dataDir = await mkdtemp(join(tmpdir(), 'settle-pglite-'));
    await copyPgliteTemplate(dataDir);
    let db = await PGlite.create(dataDir);
    let store: EventStore = await createPgliteEventStore(db, { pollIntervalMs: 100 });
    const close = async () => {
      await store.dispose();
      await db.close();
    };
    return {
      store,
      restart: async () => {
        await close();
        db = await PGlite.create(dataDir);
        store = await createPgliteEventStore(db, { pollIntervalMs: 100 });
        return store;
      },
      teardown: async () => {
        await close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  },
  {
    skip: {
      lateCommit: 'PGlite has one connection and runs one transaction at a time: none can commit after a later one',
    },
  },
);
