import { mkdirSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiChild } from './support/api-child';
import { dataDirectory, STACK_FRAME } from './support/data-dirs';

/**
 * SPEC 10: a data directory Settle cannot use stops the start with one line naming the path, the cause
 * and what to do (not PGlite's "Aborted()" and a WebAssembly stack), and a non-zero exit.
 */
describe('start-up on a data directory that cannot be used', () => {
  const directories: { remove(): void }[] = [];
  afterAll(() => directories.forEach((directory) => directory.remove()));

  async function prepared(name: string, options: { empty?: boolean } = {}): Promise<string> {
    const directory = await dataDirectory(name, options);
    directories.push(directory);
    return directory.path;
  }

  async function startFails(dataDir: string, wrap: string[] = []): Promise<string> {
    const api = await ApiChild.spawn({ DATA_DIR: dataDir }, wrap);
    const exit = await api.exit(60_000);
    expect(exit.signal).toBeNull();
    expect(exit.code).toBe(1);
    expect(api.log).not.toMatch(STACK_FRAME);
    return api.log;
  }

  it('read-only: names the path and EROFS', async () => {
    const dataDir = await prepared('read-only');
    // Root ignores file permissions (CI runs as root), so the directory is made read-only the way a
    // read-only volume is: a read-only bind mount, in a mount namespace of the child's own.
    const readOnlyMount = [
      'unshare',
      '--mount',
      '--map-root-user',
      'sh',
      '-c',
      'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"',
      dataDir,
    ];
    const log = await startFails(dataDir, readOnlyMount);
    expect(log).toContain(`DATA_DIR ${dataDir} is read-only (EROFS): Settle must write its database there; mount it read-write`);
  });

  it('not a directory: a file where DATA_DIR should be', async () => {
    const parent = await prepared('file', { empty: true });
    const dataDir = join(parent, 'data');
    writeFileSync(dataDir, 'not a directory');
    expect(await startFails(dataDir)).toContain(`DATA_DIR ${dataDir} is not a directory`);
  });

  it('foreign: a directory of other files is not written into', async () => {
    const dataDir = await prepared('foreign', { empty: true });
    writeFileSync(join(dataDir, 'notes.txt'), 'mine');
    mkdirSync(join(dataDir, 'photos'));
    const log = await startFails(dataDir);
    expect(log).toContain(`DATA_DIR ${dataDir} is not a Settle data directory (it holds notes.txt, photos and no pglite/)`);
    expect(readdirSync(dataDir).sort()).toEqual(['notes.txt', 'photos']);
  });

  it('foreign: a pglite directory that holds no PostgreSQL cluster', async () => {
    const dataDir = await prepared('foreign-pglite', { empty: true });
    mkdirSync(join(dataDir, 'pglite'));
    writeFileSync(join(dataDir, 'pglite', 'backup.tar'), 'x');
    expect(await startFails(dataDir)).toContain(`${join(dataDir, 'pglite')} holds backup.tar but no PostgreSQL cluster (no PG_VERSION)`);
  });

  it('foreign: a PostgreSQL data directory', async () => {
    const dataDir = await prepared('postgres-dir', { empty: true });
    writeFileSync(join(dataDir, 'PG_VERSION'), '16\n');
    expect(await startFails(dataDir)).toContain(`DATA_DIR ${dataDir} is a PostgreSQL data directory, not a Settle one`);
  });

  it('corrupt: garbage in PG_VERSION', async () => {
    const dataDir = await prepared('corrupt-version');
    writeFileSync(join(dataDir, 'pglite', 'PG_VERSION'), 'garbage\n');
    const log = await startFails(dataDir);
    expect(log).toContain(`DATA_DIR ${dataDir} holds a PGlite database that cannot be opened (`);
    expect(log).toContain('PG_VERSION holds "garbage"');
    expect(log).toContain('restore it from a backup, or move it away to start with an empty one');
  });

  it('corrupt: a truncated control file', async () => {
    const dataDir = await prepared('corrupt-control');
    truncateSync(join(dataDir, 'pglite', 'global', 'pg_control'), 10);
    const log = await startFails(dataDir);
    expect(log).toMatch(
      new RegExp(`DATA_DIR ${dataDir} holds a PGlite database that cannot be opened \\(.+; cluster of PostgreSQL \\d+\\)`),
    );
  });
});
