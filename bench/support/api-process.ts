import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type CallApi, httpApi } from '../../scripts/portfolio';
import { freePort } from './free-port';
import { processCpuSeconds, processMemory, type ProcessMemory, resetPeakRss } from './proc-stats';

/** The bench's admin key (API_KEYS); a test value only. */
export const BENCH_KEY = 'bench-admin-secret-0000000001';

/** The built API (`npm run build`): the very process `npm start` runs. */
const API_MAIN = resolve(__dirname, '../../apps/api/src/main.js');
/** See sql-statement-profile.ts. */
const SQL_PROFILE = process.env.SETTLE_SQL_PROFILE;
const SQL_PROFILER = resolve(__dirname, 'sql-statement-profile.js');

/**
 * The API as a child process, so that its memory is its own and the load generator does not share its
 * event loop. Logs go to a file (pino JSON lines), read back for what the process reports about itself.
 */
export class ApiProcess {
  readonly callApi: CallApi;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly logFile: string,
    private readonly exited: Promise<number | null>,
  ) {
    this.callApi = httpApi(url, BENCH_KEY);
  }

  /**
   * Starts the API with `env` (storage, NOW, …) and waits until it answers /health (the views may still
   * be catching up behind it).
   */
  static async start(env: Record<string, string>, logDirectory: string, name: string, startTimeoutMs = 180_000): Promise<ApiProcess> {
    const port = await freePort();
    const logFile = join(logDirectory, `${name}.log`);
    const log = openSync(logFile, 'w');
    // Where the API's time goes: BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/settle-profile", SETTLE_SQL_PROFILE=/tmp/sql.
    const nodeArgs = [
      ...(process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean),
      ...(SQL_PROFILE ? ['--require', SQL_PROFILER] : []),
    ];
    const child = spawn(process.execPath, [...nodeArgs, API_MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        API_KEYS: `bench:admin:${BENCH_KEY}`,
        LOG_LEVEL: 'info',
        ...(SQL_PROFILE && { SETTLE_SQL_PROFILE: `${SQL_PROFILE}.${name}.tsv` }),
        ...env,
      },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    const exited = new Promise<number | null>((done) => child.once('exit', done));
    const api = new ApiProcess(child, `http://127.0.0.1:${port}`, logFile, exited);
    await api.waitUntilAnswering(startTimeoutMs);
    return api;
  }

  get pid(): number {
    return this.child.pid!;
  }

  memory(): ProcessMemory {
    return processMemory(this.pid);
  }

  cpuSeconds(): number {
    return processCpuSeconds(this.pid);
  }

  /** The measured part begins: the SQL profile (when loaded) counts from here. */
  measuring(): void {
    if (SQL_PROFILE) this.child.kill('SIGWINCH');
  }

  resetPeakRss(): boolean {
    return resetPeakRss(this.pid);
  }

  /** The `msg` of every JSON log line so far. */
  logMessages(): string[] {
    return readFileSync(this.logFile, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => String((JSON.parse(line) as { msg?: unknown }).msg ?? ''));
  }

  /** Waits for a log message matching `pattern`; returns its match. */
  async waitForLog(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const message of this.logMessages()) {
        const match = pattern.exec(message);
        if (match) return match;
      }
      if (Date.now() > deadline) throw new Error(`No log line matching ${pattern} within ${timeoutMs} ms (${this.logFile})`);
      await new Promise((done) => setTimeout(done, 250));
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    const timeout = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
    await this.exited;
    clearTimeout(timeout);
  }

  private async waitUntilAnswering(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exitCode: number | null | undefined;
    void this.exited.then((code) => (exitCode = code));
    while (Date.now() < deadline) {
      if (exitCode !== undefined) break;
      const answered = await fetch(`${this.url}/health`).then(
        () => true,
        () => false,
      );
      if (answered) return;
      await new Promise((done) => setTimeout(done, 200));
    }
    const tail = readFileSync(this.logFile, 'utf8').split('\n').slice(-20).join('\n');
    await this.stop();
    throw new Error(`The API did not start (exit code ${exitCode ?? 'none, timed out'}); log ${this.logFile}:\n${tail}`);
  }
}
