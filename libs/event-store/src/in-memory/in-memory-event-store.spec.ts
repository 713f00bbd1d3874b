import { randomUUID } from 'node:crypto';
import { EventIdConflictError } from '../event-id-conflict.error';
import { WrongExpectedRevisionError, type EventToAppend, type RecordedEvent } from '../event-store.port';
import { InMemoryEventStore } from './in-memory-event-store';

const event = (data: unknown = { n: 1 }, type = 'Happened'): EventToAppend => ({
  id: randomUUID(),
  type,
  data,
  metadata: { actor: 'test' },
});
const ids = (events: { id: string }[]) => events.map((e) => e.id);
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('InMemoryEventStore', () => {
  let store: InMemoryEventStore;
  beforeEach(() => {
    store = new InMemoryEventStore(() => new Date('2026-03-02T10:00:00.000Z'));
  });
  afterEach(() => store.dispose());

  describe('append', () => {
    it('numbers revisions per stream and reports the last one', async () => {
      expect(await store.append('s', [event(), event()], 'no_stream')).toEqual({ nextRevision: 1n, position: '2' });
      expect(await store.append('t', [event()], 'any')).toEqual({ nextRevision: 0n, position: '3' });
      expect(await store.append('s', [event()], 1n)).toEqual({ nextRevision: 2n, position: '4' });
    });

    it('refuses a wrong expected revision with the actual one, recording nothing', async () => {
      await store.append('s', [event()], 'no_stream');

      const error = await store.append('s', [event()], 3n).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ streamId: 's', expected: 3n, actual: 0n });
      await expect(store.append('missing', [event()], 0n)).rejects.toMatchObject({ actual: 'no_stream' });
      expect(await store.readAll()).toHaveLength(1);
    });

    it('answers a retried batch with the original result, even after the stream moved on', async () => {
      const batch = [event(), event()];
      const original = await store.append('s', batch, 'no_stream');
      await store.append('s', [event()], 1n);

      expect(await store.append('s', batch, 'no_stream')).toEqual({ ...original, alreadyRecorded: true });
      expect(await store.append('s', batch, 'any')).toEqual({ ...original, alreadyRecorded: true });
      expect(await store.readStream('s')).toHaveLength(3);
    });

    it('refuses an event id reused outside its original batch', async () => {
      const first = event();
      await store.append('s', [first], 'no_stream');

      await expect(store.append('s', [first], 0n)).rejects.toBeInstanceOf(EventIdConflictError);
      await expect(store.append('other', [first], 'no_stream')).rejects.toBeInstanceOf(EventIdConflictError);
      const twice = event();
      await expect(store.append('s', [twice, twice], 0n)).rejects.toBeInstanceOf(EventIdConflictError);
      expect(await store.readAll()).toHaveLength(1);
    });

    it('refuses an empty batch and a negative expected revision', async () => {
      await expect(store.append('s', [], 'any')).rejects.toThrow('at least one event');
      await expect(store.append('s', [event()], -1n)).rejects.toThrow('must not be negative');
    });

    it('stores what JSON stores, so a bigint in data fails as it would in a real store', async () => {
      await expect(store.append('s', [event({ amount: 10n })], 'no_stream')).rejects.toThrow(TypeError);
      await store.append('s', [event({ at: new Date('2026-01-01T00:00:00Z'), gone: undefined })], 'no_stream');

      expect((await store.readStream('s'))[0].data).toEqual({ at: '2026-01-01T00:00:00.000Z' });
    });

    it('keeps history safe from callers mutating what they appended or read', async () => {
      const appended = event({ amount: '1.00' });
      await store.append('s', [appended], 'no_stream');
      (appended.data as { amount: string }).amount = '2.00';
      const [read] = await store.readStream('s');
      (read.data as { amount: string }).amount = '3.00';
      read.metadata.actor = 'mallory';

      const [again] = await store.readStream('s');
      expect(again.data).toEqual({ amount: '1.00' });
      expect(again.metadata).toEqual({ actor: 'test' });
    });

    it('stamps events with its clock', async () => {
      await store.append('s', [event()], 'no_stream');
      expect((await store.readAll())[0].created).toBe('2026-03-02T10:00:00.000Z');
    });
  });

  describe('read', () => {
    it('reads all after a position, and refuses a position it did not give', async () => {
      const events = [event(), event(), event()];
      await store.append('a', [events[0]], 'no_stream');
      await store.append('b', events.slice(1), 'no_stream');
      const [first] = await store.readAll({ maxCount: 1 });

      expect(ids(await store.readAll({ after: first.position }))).toEqual(ids(events.slice(1)));
      expect(ids(await store.readAll({ after: first.position, maxCount: 1 }))).toEqual([events[1].id]);
      await expect(store.readAll({ after: '12/34' })).rejects.toThrow('Not a position');
    });
  });

  describe('subscribeToAll', () => {
    it('catches up in batches, reports it, then delivers live appends', async () => {
      await store.append('s', [event(), event(), event()], 'no_stream');
      const batches: RecordedEvent[][] = [];
      let caughtUp = 0;
      const subscription = store.subscribeToAll({
        batchSize: 2,
        handle: async (events) => void batches.push(events),
        onCaughtUp: () => caughtUp++,
      });
      await flush();
      expect(batches.map((batch) => batch.length)).toEqual([2, 1]);
      expect(caughtUp).toBe(1);

      await store.append('s', [event()], 2n);
      await flush();

      expect(batches.map((batch) => batch.length)).toEqual([2, 1, 1]);
      expect(caughtUp).toBe(2);
      await subscription.stop();
    });

    it('delivers nothing after stop, and stop waits for a running handler', async () => {
      let release!: () => void;
      const handled: string[] = [];
      const subscription = store.subscribeToAll({
        handle: async (events) => {
          await new Promise<void>((resolve) => (release = resolve));
          handled.push(...ids(events));
        },
      });
      const first = event();
      await store.append('s', [first], 'no_stream');
      await flush();

      let stopped = false;
      const stopping = subscription.stop().then(() => (stopped = true));
      await flush();
      expect(stopped).toBe(false);
      release();
      await stopping;
      await store.append('s', [event()], 0n);
      await flush();

      expect(handled).toEqual([first.id]);
    });

    it('stops on a failing handler and reports the error', async () => {
      const failure = new Error('boom');
      const errors: unknown[] = [];
      let calls = 0;
      store.subscribeToAll({
        batchSize: 1,
        handle: async () => {
          calls++;
          throw failure;
        },
        onError: (error) => errors.push(error),
      });
      await store.append('s', [event(), event()], 'no_stream');
      await flush();

      expect(errors).toEqual([failure]);
      expect(calls).toBe(1);
    });

    it('is stopped by dispose', async () => {
      const handled: RecordedEvent[] = [];
      store.subscribeToAll({ handle: async (events) => void handled.push(...events) });
      await store.dispose();
      await store.append('s', [event()], 'no_stream');
      await flush();
      expect(handled).toEqual([]);
    });

    it('refuses a batch size that is not a positive integer', () => {
      expect(() => store.subscribeToAll({ batchSize: 0, handle: async () => undefined })).toThrow('batchSize');
    });
  });
});
