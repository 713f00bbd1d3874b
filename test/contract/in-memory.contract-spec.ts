import { InMemoryEventStore } from '@settle/event-store';
import { describeEventStoreContract } from './event-store.contract';

describeEventStoreContract(
  'in-memory',
  async () => {
    const store = new InMemoryEventStore();
    return { store, teardown: () => store.dispose() };
  },
  {
    skip: {
      restart: 'nothing in memory outlives the process',
      lateCommit: 'appends are atomic steps of one process: none can commit after a later one',
    },
  },
);
