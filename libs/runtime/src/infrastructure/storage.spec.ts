import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettleConfig } from '../config/settle-config';
import { openStorage, PGLITE_SHARED_BUFFERS } from './storage';

describe('openStorage, embedded', () => {
  let dataDir: string;
  beforeAll(async () => (dataDir = await mkdtemp(join(tmpdir(), 'settle-storage-'))));
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  const sharedBuffers = async () => {
    const storage = await openStorage(SettleConfig.fromEnvironment({ DATA_DIR: dataDir }));
    try {
      const { rows } = await storage.views.query<{ shared_buffers: string }>('show shared_buffers');
      return rows[0].shared_buffers;
    } finally {
      await storage.dispose();
    }
  };

  it("bounds PGlite's page cache, in a new data directory and in one opened again", async () => {
    expect(await sharedBuffers()).toBe(PGLITE_SHARED_BUFFERS);
    expect(await sharedBuffers()).toBe(PGLITE_SHARED_BUFFERS);
  }, 60_000); // two PGlite starts (one with initdb): seconds each on a loaded machine, beyond the unit default of 5 s
});
