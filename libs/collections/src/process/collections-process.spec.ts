import { Duration } from 'luxon';
import { inProcessLock } from '@settle/projections';
import { CollectionsProcess } from './collections-process';
import { type CollectionsRunner } from './collections-runner';
import { emptySummary } from './cycle-summary';

const until = async (condition: () => boolean, timeoutMs = 2_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

/** A runner that only counts its cycles. */
const countingRunner = () => {
  const runner = { cycles: 0, runCycle: async () => (runner.cycles++, emptySummary('2026-03-02T10:00:00.000Z')) };
  return runner;
};

describe('CollectionsProcess (the cycle as a service, one process at a time)', () => {
  it('runs a cycle at once, then every interval, until stopped', async () => {
    const runner = countingRunner();
    const service = new CollectionsProcess(inProcessLock(), runner as unknown as CollectionsRunner, undefined, {
      interval: Duration.fromMillis(20),
    });
    service.start();
    await until(() => runner.cycles >= 3);
    await service.stop();
    const stoppedAt = runner.cycles;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(runner.cycles).toBe(stoppedAt);
  });

  it('lets a second process wait as a hot standby and take over when the first stops', async () => {
    const lock = inProcessLock();
    const [first, second] = [countingRunner(), countingRunner()];
    const leading: string[] = [];
    const processOf = (name: string, runner: ReturnType<typeof countingRunner>) =>
      new CollectionsProcess(lock, runner as unknown as CollectionsRunner, undefined, {
        interval: Duration.fromMillis(10),
        onLeadership: (isLeading) => leading.push(`${name}:${isLeading}`),
      });
    const [one, two] = [processOf('one', first), processOf('two', second)];
    one.start();
    await until(() => first.cycles > 0);
    two.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(second.cycles).toBe(0);
    expect(two.isLeading).toBe(false);

    await one.stop();
    await until(() => second.cycles > 0);
    expect(leading).toEqual(['one:true', 'one:false', 'two:true']);
    await two.stop();
  });
});
