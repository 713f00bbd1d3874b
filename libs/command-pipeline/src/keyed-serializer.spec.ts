import { KeyedSerializer } from './keyed-serializer';

describe('KeyedSerializer', () => {
  it('runs tasks with the same key one after another, in order', async () => {
    const serializer = new KeyedSerializer();
    const log: string[] = [];
    const task = (name: string, ms: number) => () =>
      new Promise<string>((resolve) => {
        log.push(`start ${name}`);
        setTimeout(() => {
          log.push(`end ${name}`);
          resolve(name);
        }, ms);
      });
    const results = await Promise.all([
      serializer.run('a', task('1', 20)),
      serializer.run('a', task('2', 1)),
      serializer.run('a', task('3', 5)),
    ]);
    expect(results).toEqual(['1', '2', '3']);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('lets different keys run concurrently and survives a failing task', async () => {
    const serializer = new KeyedSerializer();
    const log: string[] = [];
    const slow = serializer.run('a', () => new Promise((r) => setTimeout(() => r(log.push('a')), 20)));
    const fast = serializer.run('b', async () => log.push('b'));
    const failing = serializer.run('c', async () => {
      throw new Error('boom');
    });
    await expect(failing).rejects.toThrow('boom');
    await expect(serializer.run('c', async () => 'after failure')).resolves.toBe('after failure');
    await Promise.all([slow, fast]);
    expect(log).toEqual(['b', 'a']);
  });
});
