import {
  closeSync,
  constants,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { flockSync } from 'fs-ext';

/** A data directory Settle cannot use, said in one line: the path, the cause and what to do. */
export class DataDirectoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirectoryError';
  }
}

/** The embedded data directory, owned by this process until `release`. */
export interface OwnedDataDirectory {
  /** Where PGlite keeps its cluster. */
  pgliteDirectory: string;
  release(): void;
}

/** Who holds the lock: written into the lock file for the next process that tries. */
interface Owner {
  pid: number;
  since: string;
  host: string;
}

const LOCK_FILE = 'settle.lock';
const PGLITE_DIRECTORY = 'pglite';
/** What Settle itself keeps in DATA_DIR (the generated admin key's hash lives there in every mode). */
/** `templates`: the operator's letter templates (TEMPLATES_DIR's default), which may be put there before the first start. */
const OWN_ENTRIES = new Set([LOCK_FILE, PGLITE_DIRECTORY, 'admin-key.json', 'templates']);
/** A lock taken an instant ago may not have its owner written yet. */
const OWNER_WRITE_GRACE_MS = 1_000;

/**
 * Takes exclusive ownership of `dataDir` (created when missing) and checks that it can hold Settle's
 * PGlite cluster. Two processes writing one PGlite directory lose acknowledged writes without a trace, so
 * a second one is refused. The lock is flock(2) on `settle.lock`: the kernel drops it when the owner dies,
 * however it dies, so the next start takes over at once and no stale lock is ever guessed at.
 */
export async function ownDataDirectory(dataDir: string): Promise<OwnedDataDirectory> {
  const path = resolve(dataDir);
  const pgliteDirectory = join(path, PGLITE_DIRECTORY);
  createDirectory(path);
  checkNotForeign(path, pgliteDirectory);
  const lockFd = await lock(path);
  try {
    createDirectory(pgliteDirectory);
    probeWritable(pgliteDirectory, path);
    return { pgliteDirectory, release: () => closeSync(lockFd) };
  } catch (error) {
    closeSync(lockFd);
    throw error;
  }
}

function createDirectory(path: string): void {
  try {
    mkdirSync(path, { recursive: true });
  } catch (error) {
    throw unusable(path, error);
  }
  if (!statSync(path).isDirectory()) throw new DataDirectoryError(`DATA_DIR ${path} is not a directory: point DATA_DIR at a directory`);
}

async function lock(path: string): Promise<number> {
  const file = join(path, LOCK_FILE);
  let fd: number;
  try {
    // Opened without truncating: the file names the current owner until this process holds the lock.
    fd = openSync(file, constants.O_RDWR | constants.O_CREAT, 0o644);
  } catch (error) {
    throw unusable(path, error);
  }
  try {
    flockSync(fd, 'exnb');
  } catch (error) {
    closeSync(fd);
    if (!isCode(error, 'EAGAIN', 'EWOULDBLOCK')) throw unusable(path, error);
    throw new DataDirectoryError(
      `DATA_DIR ${path} is in use by ${describe(await ownerOf(file))}: stop it first, or give this process another DATA_DIR`,
    );
  }
  const owner: Owner = { pid: process.pid, since: new Date().toISOString(), host: hostname() };
  ftruncateSync(fd, 0);
  writeSync(fd, `${JSON.stringify(owner)}\n`, 0);
  return fd;
}

async function ownerOf(file: string): Promise<Owner | undefined> {
  const deadline = Date.now() + OWNER_WRITE_GRACE_MS;
  for (;;) {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Owner;
    } catch {
      if (Date.now() > deadline) return undefined;
      await new Promise((done) => setTimeout(done, 50));
    }
  }
}

function describe(owner: Owner | undefined): string {
  if (!owner) return 'another process';
  const host = owner.host === hostname() ? '' : ` on ${owner.host}`;
  return `process ${owner.pid}${host} since ${owner.since}`;
}

/** Refuses a directory that holds something else, rather than writing a database into it. */
function checkNotForeign(path: string, pgliteDirectory: string): void {
  const entries = readdirSync(path);
  if (entries.includes('PG_VERSION')) {
    throw new DataDirectoryError(
      `DATA_DIR ${path} is a PostgreSQL data directory, not a Settle one: give Settle a directory of its own (it keeps PGlite in <DATA_DIR>/pglite), or set DATABASE_URL to use a PostgreSQL server`,
    );
  }
  if (!entries.includes(PGLITE_DIRECTORY)) {
    const foreign = entries.filter((entry) => !OWN_ENTRIES.has(entry) && !entry.startsWith('.') && entry !== 'lost+found');
    if (foreign.length > 0) {
      throw new DataDirectoryError(
        `DATA_DIR ${path} is not a Settle data directory (it holds ${list(foreign)} and no pglite/): point DATA_DIR at an empty or new directory`,
      );
    }
    return;
  }
  const cluster = readdirSync(pgliteDirectory);
  if (cluster.length > 0 && !cluster.includes('PG_VERSION')) {
    throw new DataDirectoryError(
      `DATA_DIR ${path} is not a Settle data directory: ${pgliteDirectory} holds ${list(cluster)} but no PostgreSQL cluster (no PG_VERSION); point DATA_DIR at an empty or new directory, or restore the data directory from a backup`,
    );
  }
}

/** Read-only storage would otherwise surface as PGlite's "Aborted()" deep in WebAssembly. */
function probeWritable(directory: string, path: string): void {
  const probe = join(directory, `.settle-write-probe-${process.pid}`);
  try {
    closeSync(openSync(probe, 'w'));
    unlinkSync(probe);
  } catch (error) {
    throw unusable(path, error);
  }
}

function unusable(path: string, error: unknown): DataDirectoryError {
  if (isCode(error, 'EROFS', 'EACCES', 'EPERM')) {
    return new DataDirectoryError(
      `DATA_DIR ${path} is read-only (${codeOf(error)}): Settle must write its database there; mount it read-write or give this user write access`,
    );
  }
  if (isCode(error, 'ENOTDIR', 'EEXIST'))
    return new DataDirectoryError(`DATA_DIR ${path} is not a directory: point DATA_DIR at a directory`);
  if (isCode(error, 'ENOSPC')) return new DataDirectoryError(`DATA_DIR ${path} is on a full disk (ENOSPC): free some space`);
  return new DataDirectoryError(`DATA_DIR ${path} cannot be used: ${error instanceof Error ? error.message : String(error)}`);
}

/** PGlite itself failed on a directory that passed the checks above: its files are damaged. */
export function unreadableCluster(pgliteDirectory: string, error: unknown): DataDirectoryError {
  const cause = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new DataDirectoryError(
    `DATA_DIR ${resolve(pgliteDirectory, '..')} holds a PGlite database that cannot be opened (${cause}; ${versionNote(pgliteDirectory)}): it is corrupt or was written by an incompatible PGlite; restore it from a backup, or move it away to start with an empty one`,
  );
}

function versionNote(pgliteDirectory: string): string {
  try {
    const version = readFileSync(join(pgliteDirectory, 'PG_VERSION'), 'utf8').trim();
    return /^\d+$/.test(version) ? `cluster of PostgreSQL ${version}` : `PG_VERSION holds ${JSON.stringify(version.slice(0, 40))}`;
  } catch (error) {
    return `PG_VERSION unreadable: ${codeOf(error)}`;
  }
}

function list(entries: string[]): string {
  const shown = entries.slice(0, 3).join(', ');
  return entries.length > 3 ? `${shown} and ${entries.length - 3} more` : shown;
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? String(error);
}

function isCode(error: unknown, ...codes: string[]): boolean {
  return codes.includes(codeOf(error));
}
