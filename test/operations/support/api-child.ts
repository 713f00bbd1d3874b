import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { freePort } from '../../../bench/support/free-port';

const ROOT = resolve(__dirname, '../../..');
const REGISTER_TYPESCRIPT = join(__dirname, 'register-typescript.js');
const API_MAIN = join(ROOT, 'apps/api/src/main.ts');

/** The admin key of these tests (API_KEYS); a test value only. */
export const OPERATIONS_KEY = 'operations-admin-secret-00001';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * The API as a real child process (the sources, run as `npm start` runs the build), for what only a
 * process can show: who owns a data directory, how it starts on a bad one, how it stops on a signal.
 */
export class ApiChild {
  private output = '';
  readonly exited: Promise<Exit>;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    /** When the process was spawned (ms since the epoch). */
    readonly startedAt: number,
  ) {
    child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
  }

  /**
   * Spawns the API on a free port with `env` (DATA_DIR, …). `wrap` puts a command in front of node
   * (e.g. `unshare …`), which then runs node with the arguments appended.
   */
  static async spawn(env: Record<string, string>, wrap: string[] = []): Promise<ApiChild> {
    const port = await freePort();
    const command = [...wrap, process.execPath, '-r', REGISTER_TYPESCRIPT, API_MAIN];
    const child = spawn(command[0], command.slice(1), {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        API_KEYS: `operations:admin:${OPERATIONS_KEY}`,
        NOW: '2026-03-02T10:00:00Z',
        LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ApiChild(child, `http://127.0.0.1:${port}`, Date.now());
  }

  /** Spawns the API and waits until it answers `/health`. */
  static async start(env: Record<string, string>, timeoutMs = 120_000): Promise<ApiChild> {
    const api = await ApiChild.spawn(env);
    await api.waitUntilAnswering(timeoutMs);
    return api;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Everything the process wrote to stdout and stderr so far. */
  get log(): string {
    return this.output;
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Waits for the exit, killing the process if it has not exited within `timeoutMs`. */
  async exit(timeoutMs: number): Promise<Exit> {
    const timeout = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    const exit = await this.exited;
    clearTimeout(timeout);
    return exit;
  }

  async stop(): Promise<Exit> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    return this.exit(30_000);
  }

  fetch(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.url}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${OPERATIONS_KEY}`, 'Content-Type': 'application/json', ...init.headers },
    });
  }

  private async waitUntilAnswering(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exit: Exit | undefined;
    void this.exited.then((result) => (exit = result));
    while (Date.now() < deadline && !exit) {
      const answered = await fetch(`${this.url}/health`).then(
        () => true,
        () => false,
      );
      if (answered) return;
      await new Promise((done) => setTimeout(done, 200));
    }
    if (!exit) await this.exit(0);
    throw new Error(`The API did not start (${exit ? `exit code ${exit.code}` : 'timed out'}):\n${this.output.slice(-3000)}`);
  }
}
