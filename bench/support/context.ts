import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Figure } from './figures';
import { emptyMeasured } from './goals';
import { type BenchOptions, type StoreName } from './options';
import { BenchPglite } from './pglite';
import { BenchPostgres } from './postgres';

/** What every benchmark suite gets: the options, the servers it may need, and where figures go. */
export class BenchContext {
  readonly figures: Figure[] = [];
  /** The numbers the goals of issue 15 are judged on. */
  readonly measured = emptyMeasured();
  readonly postgres = new BenchPostgres();
  readonly pglite = new BenchPglite();
  /** API logs and other files of this run. */
  readonly workDirectory = mkdtempSync(join(tmpdir(), 'settle-bench-'));

  constructor(readonly options: BenchOptions) {}

  get sizes() {
    return this.options.sizes;
  }

  record(figure: Figure): void {
    this.figures.push(figure);
    const goal = figure.goal ? ` (goal ${figure.goal.text}: ${figure.goal.reached ? 'reached' : 'missed'})` : '';
    this.log(`${figure.label}: ${figure.value}${goal}`);
  }

  /** Measures each store in turn; one store's failure does not keep the others from being measured. */
  async forEachStore<Store extends StoreName>(stores: readonly Store[], measure: (store: Store) => Promise<void>): Promise<void> {
    const failures = await this.eachAttempted(stores, measure);
    if (failures.length > 0) throw new Error(failures.join('\n'));
  }

  /** Runs `run` for every item, whatever fails on the way; the failures, each named by its item. */
  async eachAttempted<Item extends string>(items: readonly Item[], run: (item: Item) => Promise<void>): Promise<string[]> {
    const failures: string[] = [];
    for (const item of items) {
      try {
        await run(item);
      } catch (error) {
        failures.push(`${item}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        this.log(`FAILED ${failures[failures.length - 1]}`);
      }
    }
    return failures;
  }

  log(message: string): void {
    process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
  }

  async dispose(): Promise<void> {
    await Promise.allSettled([this.postgres.stop(), this.pglite.remove()]);
  }
}
