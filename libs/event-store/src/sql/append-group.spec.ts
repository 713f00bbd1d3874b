import { type AppendResult, type EventToAppend, type ExpectedRevision, WrongExpectedRevisionError } from '../event-store.port';
import { AppendGroup, type AppendMany, type AppendOne } from './append-group';
import type { SqlExecutor } from './sql-client';

const sql = {} as SqlExecutor;
const event = (id: string): EventToAppend[] => [{ id, type: 'T', data: {}, metadata: {} }];
const result = (revision: bigint): AppendResult => ({ nextRevision: revision, position: `p${revision}` });

describe('AppendGroup', () => {
  it('groups the appends requested in the same turn, and those that arrive while a group runs', async () => {
    const calls: string[][] = [];
    let release!: () => void;
    const firstGroupRunning = new Promise<void>((resolve) => (release = resolve));
    const appendOne: AppendOne = async (streamId) => {
      calls.push([streamId]);
      return result(0n);
    };
    const appendMany: AppendMany = async (_sql, appends) => {
      calls.push(appends.map((append) => append.streamId));
      if (calls.length === 1) await firstGroupRunning;
      return appends.map((_, index) => result(BigInt(index)));
    };
    const group = new AppendGroup(sql, appendOne, appendMany);
    const first = ['a', 'b'].map((streamId) => group.append(streamId, event(streamId), 'no_stream'));
    await new Promise((resolve) => setImmediate(resolve));
    const later = ['c', 'd', 'e'].map((streamId) => group.append(streamId, event(streamId), 'no_stream'));
    release();
    await expect(Promise.all(first)).resolves.toEqual([result(0n), result(1n)]);
    await expect(Promise.all(later)).resolves.toEqual([result(0n), result(1n), result(2n)]);
    const lone = group.append('f', event('f'), 'no_stream');
    await expect(lone).resolves.toEqual(result(0n));
    expect(calls).toEqual([['a', 'b'], ['c', 'd', 'e'], ['f']]);
  });

  it('gives each append of a group its own outcome', async () => {
    const conflict = new WrongExpectedRevisionError('b', 0n, 3n);
    const group = new AppendGroup(
      sql,
      async () => result(9n),
      async () => [result(1n), conflict],
    );
    const ok = group.append('a', event('a'), 0n);
    const lost = group.append('b', event('b'), 0n);
    await expect(ok).resolves.toEqual(result(1n));
    await expect(lost).rejects.toBe(conflict);
  });

  it('runs every append of a failed group on its own, so only the faulty one fails', async () => {
    const alone: string[] = [];
    let hold!: () => void;
    const held = new Promise<void>((resolve) => (hold = resolve));
    const appendOne: AppendOne = async (streamId: string, _events: EventToAppend[], _expected: ExpectedRevision) => {
      if (streamId === 'first') await held;
      alone.push(streamId);
      if (streamId === 'faulty') throw new Error('event id reused in another stream');
      return result(0n);
    };
    const group = new AppendGroup(sql, appendOne, async () => {
      throw new Error('unique violation');
    });
    void group.append('first', event('f'), 'any');
    const good = group.append('good', event('g'), 'any');
    const faulty = group.append('faulty', event('x'), 'any');
    hold();
    await expect(good).resolves.toEqual(result(0n));
    await expect(faulty).rejects.toThrow('event id reused');
    expect(alone).toEqual(['first', 'good', 'faulty']);
  });
});
