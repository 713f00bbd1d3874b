import { PassThrough } from 'node:stream';
import type { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';
import { SubscriptionBatches } from './subscription-batches';

/** Stands in for the client's subscription: an object stream of resolved events plus its signals. */
function fakeSubscription() {
  const stream = new PassThrough({ objectMode: true, highWaterMark: 16 });
  const push = (...ids: string[]) => ids.forEach((id) => stream.write({ event: { id } } as AllStreamResolvedEvent));
  return { subscription: stream as unknown as AllStreamSubscription, stream, push };
}

const kindsAndIds = (batches: SubscriptionBatches, steps: number) =>
  Array.from({ length: steps }, () => {
    const step = batches.next();
    return step.kind === 'batch' ? step.events.map((event) => event.id).join(',') : step.kind;
  });

describe('SubscriptionBatches', () => {
  it('says caught up right after the events that preceded CaughtUp, then after each live burst', () => {
    const { subscription, stream, push } = fakeSubscription();
    const batches = new SubscriptionBatches(subscription, 2, () => undefined);
    push('a', 'b', 'c');
    stream.emit('caughtUp');
    push('d');

    expect(kindsAndIds(batches, 6)).toEqual(['a,b', 'c', 'caught_up', 'd', 'caught_up', 'wait']);
  });

  it('while catching up, waits briefly for a full batch instead of handing over a fragment', async () => {
    const { subscription, push } = fakeSubscription();
    const batches = new SubscriptionBatches(subscription, 3, () => undefined);
    push('a');

    const first = batches.next();
    expect(first).toEqual({ kind: 'wait', delayMs: expect.any(Number) });
    push('b', 'c', 'd');
    expect(kindsAndIds(batches, 1)).toEqual(['a,b,c']);

    const lingering = batches.next();
    expect(lingering.kind).toBe('wait');
    await new Promise((resolve) => setTimeout(resolve, (lingering as { delayMs: number }).delayMs + 5));
    expect(kindsAndIds(batches, 2)).toEqual(['d', 'wait']);
  });

  it('hands over what arrived before a drop, then reports the drop and whether it was confirmed', () => {
    const { subscription, stream, push } = fakeSubscription();
    const batches = new SubscriptionBatches(subscription, 5, () => undefined);
    stream.emit('confirmation');
    push('a', 'b');
    const failure = new Error('connection reset');
    stream.emit('error', failure);

    expect(kindsAndIds(batches, 1)).toEqual(['a,b']);
    expect(batches.next()).toEqual({ kind: 'dropped', error: failure, confirmed: true });
  });

  it('wakes its reader on activity', () => {
    const { subscription, stream } = fakeSubscription();
    const wake = jest.fn();
    new SubscriptionBatches(subscription, 5, wake);

    stream.emit('caughtUp');
    stream.emit('end');

    expect(wake).toHaveBeenCalledTimes(2);
  });
});
