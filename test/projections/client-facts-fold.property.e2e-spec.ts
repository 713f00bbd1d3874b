import fc from 'fast-check';
import { type ClientAccountEvent, streamIdForClient, sumBigInt, toMinor } from '@settle/domain';
import { type AccountSequence, accountSequence } from '@settle/domain/testing/arbitraries/account-sequences';
import { propertyParameters, timeoutFor } from '@settle/domain/testing/arbitraries/property-runs';
import { simulateAccount } from '@settle/domain/testing/arbitraries/simulate-account';
import { type RecordedEvent } from '@settle/event-store';
import { ClientFactsProjection, ClientFactsReader } from '@settle/projections';
import { openPgliteDatabase, type PgliteDatabase } from './support/pglite-database';

/**
 * "The projection's view equals the fold of the stream" (issue 11, item 5), by property: the random
 * account histories of the domain's invariant tests (`financial-invariants.property.spec.ts`), fed to
 * the SQL `client_facts` projection on PGlite in random batches, read back through its reader, equal
 * `foldBehaviourFacts` of the same events. Each sequence is a client of its own in one database, so
 * earlier clients are there too (a batch touches only its client). SQL makes this one expensive: a few
 * hundred sequences here, `SETTLE_PROJECTION_PROPERTY_RUNS` more in `npm run test:deep`.
 */

const RUNS = Number(process.env.SETTLE_PROJECTION_PROPERTY_RUNS ?? 200);
const parameters = { ...propertyParameters<[AccountSequence, number[]]>(RUNS), numRuns: RUNS };

/** The events as the store would hand them to a projection (what `toDomainEvent` reads back: type and data). */
const recorded = (clientId: string, events: readonly ClientAccountEvent[], firstPosition: number): RecordedEvent[] =>
  events.map((event, revision) => ({
    id: `${clientId}-${revision}`,
    streamId: streamIdForClient(clientId),
    revision: BigInt(revision),
    position: String(firstPosition + revision),
    type: event.type,
    // Through JSON, as stored: what the projection reads is never the object the decider made.
    data: JSON.parse(JSON.stringify(event.data)) as unknown,
    metadata: { schemaVersion: 1 },
    created: '2026-01-01T00:00:00.000Z',
  }));

/** Cuts the events into batches at the given sizes (the rest in one batch). */
const batches = <T>(items: readonly T[], sizes: readonly number[]): T[][] => {
  const cut: T[][] = [];
  let start = 0;
  for (const size of sizes) {
    if (start >= items.length) break;
    cut.push(items.slice(start, start + size));
    start += size;
  }
  if (start < items.length) cut.push(items.slice(start));
  return cut;
};

describe('client_facts on PGlite equals the fold of the stream', () => {
  let database: PgliteDatabase;
  const projection = new ClientFactsProjection();

  beforeAll(async () => {
    database = await openPgliteDatabase();
    await projection.migrate(database.sql);
  });
  afterAll(async () => {
    await database?.close();
  });

  it(
    `for random account histories fed in random batches (${parameters.numRuns} sequences)`,
    async () => {
      let client = 0;
      let position = 0;
      await fc.assert(
        fc.asyncProperty(accountSequence(16), fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 6 }), async (sequence, sizes) => {
          const clientId = `property-${client++}`;
          const simulated = simulateAccount(sequence, clientId);
          const stream = recorded(clientId, simulated.events, position);
          position += stream.length;
          for (const batch of batches(stream, sizes)) await database.sql.transaction((tx) => projection.apply(tx, batch));

          try {
            const view = await new ClientFactsReader(database.sql).get(clientId);
            expect(view).toEqual(simulated.facts);
            const { rows } = await database.sql.query<{ outstanding: string }>(
              `select outstanding::text as outstanding from client_facts where client_id = $1`,
              [clientId],
            );
            expect(rows[0].outstanding).toBe(String(sumBigInt(simulated.facts.invoices.map((invoice) => toMinor(invoice.outstanding)))));
          } catch (error) {
            throw new Error(
              `${(error as Error).message}\n\nBatches of ${sizes.join(', ')} events; the sequence as it ran:\n${simulated.transcript()}`,
            );
          }
        }),
        parameters,
      );
    },
    timeoutFor(parameters.numRuns, 100),
  );
});
