import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assessSolvency, computePaymentBehaviour } from '@settle/domain';
import { type EventStore, pgSqlClient, type SqlClient } from '@settle/event-store';
import { createEventStoreDbStore } from '@settle/event-store/eventstoredb';
import { ClientFactsProjection, ClientFactsReader } from '@settle/projections';
import { openStorage, SettleConfig, type Storage } from '@settle/runtime';
import { DateTime } from 'luxon';
import { Pool } from 'pg';
import { verifyExportFile } from '../../apps/cli/src/import-log';
import { generatePortfolio, inTimeOrder, PortfolioRecorder } from '../../scripts/portfolio';
import { startEsdbTestServer, type EsdbTestServer } from '../esdb-test-server';
import { copyPgliteTemplate } from '../setup/pglite-template';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { settle } from './cli-harness';

const NOW = '2026-03-02T10:00:00.000Z';

/** An embedded DATA_DIR, initialised from the run's template (a fresh PGlite takes seconds to create). */
async function embeddedDataDir(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'settle-cli-'));
  await copyPgliteTemplate(join(dataDir, 'pglite'));
  return dataDir;
}

const openEmbedded = (dataDir: string) => openStorage(SettleConfig.fromEnvironment({ DATA_DIR: dataDir }));

/** The views the projections build from a store's events, evaluated at NOW: client facts, payment behaviour, solvency. */
async function rebuiltViews(store: EventStore, sql: SqlClient) {
  const projection = new ClientFactsProjection();
  await projection.migrate(sql);
  let after: string | undefined;
  for (;;) {
    const page = await store.readAll({ after, maxCount: 500 });
    if (page.length === 0) break;
    await sql.transaction((tx) => projection.apply(tx, page));
    after = page[page.length - 1].position;
  }
  const now = DateTime.fromISO(NOW, { zone: 'utc' });
  return (await new ClientFactsReader(sql).list()).map((facts) => ({
    facts,
    behaviour: computePaymentBehaviour(facts, now),
    solvency: assessSolvency(facts, now),
  }));
}

const withoutPosition = (file: string) =>
  readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => line.replace(/"position":"[^"]*",/, ''));

describe('npm run settle -- export | import: PGlite → PostgreSQL → EventStoreDB → PGlite', () => {
  const work = mkdtempSync(join(tmpdir(), 'settle-cli-files-'));
  const file = (name: string) => join(work, name);
  const portfolio = generatePortfolio({ clients: 8, now: NOW, months: 6, seed: 'cli-round-trip' });
  let origin: string;
  let final: string;
  let postgres: TestDatabase;
  let esdbViews: TestDatabase;
  let esdb: EsdbTestServer;
  let recordedEvents = 0;

  beforeAll(async () => {
    [origin, final, postgres, esdbViews, esdb] = await Promise.all([
      embeddedDataDir(),
      embeddedDataDir(),
      createTestDatabase(),
      createTestDatabase(),
      startEsdbTestServer(),
    ]);
    const recorder = new PortfolioRecorder(portfolio.clients.length);
    for (const command of inTimeOrder(portfolio.clients)) await recorder.record(command);
    const storage = await openEmbedded(origin);
    try {
      for (const { streamId, events, expected } of recorder.drain()) {
        await storage.events.append(streamId, events, expected);
        recordedEvents += events.length;
      }
    } finally {
      await storage.dispose();
    }
  });

  afterAll(async () => {
    await Promise.all([postgres?.drop(), esdbViews?.drop(), esdb?.stop()]);
    for (const directory of [origin, final, work]) if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('moves the whole history through every store mode unchanged: events, ids, metadata, hashes, order and views', async () => {
    const fromEmbedded = await settle(['export', '--out', file('1-pglite.ndjson')], { DATA_DIR: origin });
    expect(fromEmbedded).toMatchObject({ code: 0, stderr: expect.stringContaining(`Exported ${recordedEvents} events of 8 streams`) });

    const intoPostgres = await settle(['import', file('1-pglite.ndjson')], { DATABASE_URL: postgres.url });
    expect(intoPostgres).toMatchObject({ code: 0, stderr: expect.stringContaining(`Imported ${recordedEvents} events of 8 streams`) });
    expect((await settle(['export', '--out', file('2-postgres.ndjson')], { DATABASE_URL: postgres.url })).code).toBe(0);

    expect((await settle(['import', file('2-postgres.ndjson')], { ESDB_URL: esdb.url })).code).toBe(0);
    expect((await settle(['export', '--out', file('3-esdb.ndjson')], { ESDB_URL: esdb.url })).code).toBe(0);

    expect((await settle(['import', file('3-esdb.ndjson')], { DATA_DIR: final })).code).toBe(0);
    expect((await settle(['export', '--out', file('4-pglite.ndjson')], { DATA_DIR: final })).code).toBe(0);

    // Identical exports but for the positions each store assigned; every chain verifies in each.
    const exported = ['1-pglite', '2-postgres', '3-esdb', '4-pglite'].map((name) => file(`${name}.ndjson`));
    const original = withoutPosition(exported[0]);
    expect(original).toHaveLength(recordedEvents + 1);
    for (const other of exported.slice(1)) expect(withoutPosition(other)).toEqual(original);
    for (const each of exported) await expect(verifyExportFile(each)).resolves.toEqual({ events: recordedEvents, streams: 8 });

    // The views rebuilt on every store equal the original's.
    const originStorage = await openEmbedded(origin);
    const finalStorage = await openEmbedded(final);
    const postgresStorage = await openStorage(
      SettleConfig.fromEnvironment({ DATABASE_URL: postgres.url, API_KEYS: 'test:admin:test-secret-0000000001' }),
    );
    const esdbStore = createEventStoreDbStore(esdb.url);
    const esdbViewsPool = new Pool({ connectionString: esdbViews.url });
    try {
      const expected = await rebuiltViews(originStorage.events, originStorage.views);
      expect(expected).toHaveLength(8);
      expect(expected.every(({ facts }) => facts.invoices.length > 0)).toBe(true);
      await expect(rebuiltViews(postgresStorage.events, postgresStorage.views)).resolves.toEqual(expected);
      await expect(rebuiltViews(esdbStore, pgSqlClient(esdbViewsPool))).resolves.toEqual(expected);
      await expect(rebuiltViews(finalStorage.events, finalStorage.views)).resolves.toEqual(expected);
    } finally {
      await Promise.all([originStorage.dispose(), finalStorage.dispose(), postgresStorage.dispose(), esdbStore.dispose()]);
      await esdbViewsPool.end();
    }
  });

  describe('refusals: nothing is written', () => {
    let target: Storage;
    let targetDir: string;
    let exportFile: string;

    beforeAll(async () => {
      exportFile = file('refusals.ndjson');
      expect((await settle(['export', '--out', exportFile], { DATA_DIR: origin })).code).toBe(0);
      targetDir = await embeddedDataDir();
    });
    afterAll(() => rmSync(targetDir, { recursive: true, force: true }));

    const targetEvents = async () => {
      target = await openEmbedded(targetDir);
      try {
        return (await target.events.readAll()).length;
      } finally {
        await target.dispose();
      }
    };

    it('refuses a file in which one event was altered, naming the client and the revision', async () => {
      const lines = readFileSync(exportFile, 'utf8').trimEnd().split('\n');
      const index = lines.findIndex((line) => line.includes('"type":"InvoiceIssued"') && line.includes('"streamId":"client-client-00003"'));
      const altered = JSON.parse(lines[index]) as { revision: string; data: { amount: string } };
      altered.data.amount = (BigInt(altered.data.amount) + 100n).toString();
      lines[index] = JSON.stringify(altered);
      writeFileSync(file('tampered.ndjson'), lines.join('\n') + '\n');

      const result = await settle(['import', file('tampered.ndjson')], { DATA_DIR: targetDir });

      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`The hash chain of client client-00003 is broken at revision ${altered.revision}`);
      expect(await targetEvents()).toBe(0);
    });

    it('refuses a truncated file (the closing count is missing)', async () => {
      const lines = readFileSync(exportFile, 'utf8').trimEnd().split('\n');
      writeFileSync(file('truncated.ndjson'), lines.slice(0, -10).join('\n') + '\n');

      const result = await settle(['import', file('truncated.ndjson')], { DATA_DIR: targetDir });

      expect(result.code).toBe(1);
      expect(result.stderr).toContain('the closing line is missing');
      expect(await targetEvents()).toBe(0);
    });

    it('refuses a target store that already holds events', async () => {
      const result = await settle(['import', exportFile], { DATA_DIR: origin });

      expect(result.code).toBe(1);
      expect(result.stderr).toContain('The target store is not empty');
      expect(withoutPosition(exportFile)).toHaveLength(recordedEvents + 1);
      const again = file('after-refusal.ndjson');
      expect((await settle(['export', '--out', again], { DATA_DIR: origin })).code).toBe(0);
      expect(readFileSync(again, 'utf8')).toBe(readFileSync(exportFile, 'utf8'));
    });
  });
});
