import fc from 'fast-check';
import { DateTime } from 'luxon';
import { AsOfCheckpoints, knownAt, type StreamFold, toDomainEvent } from '@settle/command-pipeline';
import { type ClientAccountState, clientAccountDecider, initialBehaviourFacts, streamIdForClient } from '@settle/domain';
import { type AccountSequence, accountSequence } from '@settle/domain/testing/arbitraries/account-sequences';
import { propertyParameters, timeoutFor } from '@settle/domain/testing/arbitraries/property-runs';
import { simulateAccount, snapshot } from '@settle/domain/testing/arbitraries/simulate-account';
import { InMemoryEventStore } from '@settle/event-store';
import { foldClientEvents } from '@settle/projections';

/**
 * As-of reads from checkpoints (issue 15, goal 4) equal the fold of every event known then, for the
 * real folds: the account state and the behaviour facts, over the random account histories of the
 * domain's invariant tests, recorded at random (never decreasing) instants, read at random instants
 * and at the very instants events were recorded at, with small chunks so that most reads start from
 * a checkpoint. The generic property (any recording order) is in as-of-checkpoints.spec.ts.
 */

const RUNS = Number(process.env.SETTLE_PROJECTION_PROPERTY_RUNS ?? 150);
const parameters = { ...propertyParameters<[AccountSequence, number[], number, number[]]>(RUNS), numRuns: RUNS };

const accountFold: StreamFold<ClientAccountState> = {
  initialState: clientAccountDecider.initialState,
  evolve: (state, events) => events.reduce((folded, event) => clientAccountDecider.evolve(folded, toDomainEvent(event)), state),
};
const factsFold: StreamFold<ReturnType<typeof initialBehaviourFacts>> = { initialState: initialBehaviourFacts, evolve: foldClientEvents };

const START = DateTime.fromISO('2026-01-01T00:00:00.000Z', { zone: 'utc' });

describe('as-of reads from checkpoints equal the fold of the events known then', () => {
  it(
    `for the account and the behaviour facts of random account histories (${parameters.numRuns} sequences)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(
          accountSequence(16),
          fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 64, maxLength: 64 }),
          fc.integer({ min: 1, max: 5 }),
          fc.array(fc.integer({ min: -1, max: 100 }), { minLength: 1, maxLength: 4 }),
          async (sequence, steps, chunkEvents, instants) => {
            const simulated = simulateAccount(sequence);
            const store = new InMemoryEventStore();
            const streamId = streamIdForClient(simulated.clientId);
            let minute = 0;
            for (const [revision, event] of simulated.events.entries()) {
              minute += steps[revision % steps.length];
              const recordedAt = START.plus({ minutes: minute }).toISO();
              await store.append(
                streamId,
                // Through JSON, as stored.
                [
                  {
                    id: `e-${revision}`,
                    type: event.type,
                    data: JSON.parse(JSON.stringify(event.data)) as unknown,
                    metadata: { recordedAt },
                  },
                ],
                revision === 0 ? 'no_stream' : BigInt(revision - 1),
              );
            }
            const events = await store.readStream(streamId);
            const accounts = new AsOfCheckpoints(store, accountFold, { chunkEvents });
            const facts = new AsOfCheckpoints(store, factsFold, { chunkEvents });
            const recorded = events.map((event) => DateTime.fromISO(String(event.metadata.recordedAt)));
            for (const asOf of [...instants.map((at) => START.plus({ minutes: at })), ...recorded]) {
              const known = events.filter((event) => knownAt(event, asOf));
              expect(snapshot(await accounts.asOf(streamId, asOf))).toBe(snapshot(accountFold.evolve(accountFold.initialState(), known)));
              expect(snapshot(await facts.asOf(streamId, asOf))).toBe(snapshot(factsFold.evolve(factsFold.initialState(), known)));
            }
          },
        ),
        parameters,
      );
    },
    timeoutFor(parameters.numRuns, 100),
  );
});
