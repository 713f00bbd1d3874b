import { DateTime } from 'luxon';
import { ManualClock } from '@settle/command-pipeline';
import { inProcessLock } from '@settle/projections';
import { CollectionsProcess } from './collections-process';
import { type CollectionsRunner } from './collections-runner';
import { CollectionsSchedule } from './collections-schedule';
import { emptySummary } from './cycle-summary';
import { type ScheduledCycles } from './scheduled-cycles';

const settle = (ms = 40) => new Promise((resolve) => setTimeout(resolve, ms));
const until = async (condition: () => boolean, timeoutMs = 2_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await settle(5);
  }
};

/** The durable memory the process keeps between starts (here shared by the processes of one test). */
const memory = (): ScheduledCycles & { countedFromAt?: DateTime } => {
  const cycles: ScheduledCycles & { countedFromAt?: DateTime } = {
    countedFrom: async () => cycles.countedFromAt,
    recordFirstStart: async (at) => void (cycles.countedFromAt = at),
    recordCycle: async (summary) => void (cycles.countedFromAt = DateTime.fromISO(summary.asOf, { zone: 'utc' })),
  };
  return cycles;
};

/** A runner that only notes the instants of its cycles. */
const countingRunner = (clock: ManualClock) => {
  const runner = {
    cycles: [] as string[],
    runCycle: async () => emptySummary(runner.cycles[runner.cycles.push(clock.now().toISO()!) - 1]),
  };
  return runner;
};

const BUSINESS_DAYS_AT_8 = CollectionsSchedule.parse('0 8 * * 1-5', 'Europe/Amsterdam');
const MONDAY_NOON = '2026-03-02T11:00:00.000Z';

describe('CollectionsProcess (the cycle on a schedule, one process at a time)', () => {
  const setup = (schedule: CollectionsSchedule | 'off' = BUSINESS_DAYS_AT_8) => {
    const clock = new ManualClock(DateTime.fromISO(MONDAY_NOON, { zone: 'utc' }));
    const runner = countingRunner(clock);
    const cycles = memory();
    const lock = inProcessLock();
    const processes: CollectionsProcess[] = [];
    const start = () => {
      const process = new CollectionsProcess(lock, runner as unknown as CollectionsRunner, undefined, {
        schedule,
        cycles,
        clock,
        checkEveryMs: 5,
      });
      processes.push(process);
      process.start();
      return process;
    };
    return { clock, runner, cycles, start, stopAll: () => Promise.all(processes.map((process) => process.stop())) };
  };

  it('runs no cycle on its very first start, then one per occurrence as the clock passes them', async () => {
    const { clock, runner, cycles, start, stopAll } = setup();
    start();
    await until(() => cycles.countedFromAt !== undefined);
    await settle();
    expect(runner.cycles).toEqual([]);

    clock.set('2026-03-03T06:59:59Z'); // Tuesday 07:59:59 in Amsterdam
    await settle();
    expect(runner.cycles).toEqual([]);
    clock.set('2026-03-03T07:00:00Z');
    await until(() => runner.cycles.length === 1);
    clock.set('2026-03-03T15:00:00Z');
    await settle();
    clock.set('2026-03-04T07:00:30Z');
    await until(() => runner.cycles.length === 2);
    await settle();
    expect(runner.cycles).toEqual(['2026-03-03T07:00:00.000Z', '2026-03-04T07:00:30.000Z']);
    await stopAll();
  });

  it('runs no extra cycle on a restart, and one catch-up cycle for the occurrences missed while stopped', async () => {
    const { clock, runner, cycles, start, stopAll } = setup();
    const first = start();
    await until(() => cycles.countedFromAt !== undefined);
    clock.set('2026-03-03T07:00:00Z');
    await until(() => runner.cycles.length === 1);
    await first.stop();

    start();
    await settle();
    expect(runner.cycles).toHaveLength(1);
    await stopAll();

    // Down over Wednesday's and Thursday's occurrences: one cycle when it starts again, none more until Friday's.
    clock.set('2026-03-05T09:30:00Z');
    start();
    await until(() => runner.cycles.length === 2);
    await settle();
    expect(runner.cycles).toEqual(['2026-03-03T07:00:00.000Z', '2026-03-05T09:30:00.000Z']);
    clock.set('2026-03-06T07:00:00Z');
    await until(() => runner.cycles.length === 3);
    await stopAll();
  });

  it('off: runs no cycle, however far the clock moves', async () => {
    const { clock, runner, start, stopAll } = setup('off');
    const process = start();
    await until(() => process.isLeading);
    clock.set('2026-03-10T07:00:00Z');
    await settle();
    expect(runner.cycles).toEqual([]);
    await stopAll();
  });

  it('lets a second process wait as a hot standby and take over when the first stops, on the same schedule', async () => {
    const { clock, runner, cycles, start, stopAll } = setup();
    const one = start();
    await until(() => cycles.countedFromAt !== undefined);
    const two = start();
    clock.set('2026-03-03T07:00:00Z');
    await until(() => runner.cycles.length === 1);
    await settle();
    expect(two.isLeading).toBe(false);

    await one.stop();
    await until(() => two.isLeading);
    await settle();
    expect(runner.cycles).toHaveLength(1); // the takeover is no occurrence
    clock.set('2026-03-04T07:00:00Z');
    await until(() => runner.cycles.length === 2);
    expect([one.isLeading, two.isLeading]).toEqual([false, true]);
    await stopAll();
  });
});
