import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyPgliteTemplate, PGLITE_TEMPLATE_VARIABLE, preparePgliteTemplateRoot } from '../../test/setup/pglite-template';

/**
 * Fresh PGlite data directories for the benchmarks. Initialising one runs initdb in WebAssembly for
 * seconds, so one is built per run and copied (the test suite's template).
 */
export class BenchPglite {
  private template?: Promise<{ remove(): Promise<void> }>;
  private readonly directories: string[] = [];

  /** A directory laid out as the API's DATA_DIR: an initialised, empty database in `<dir>/pglite`. */
  async dataDir(name: string): Promise<{ dataDir: string; databaseDir: string }> {
    this.template ??= preparePgliteTemplateRoot().then((root) => {
      process.env[PGLITE_TEMPLATE_VARIABLE] = root.root;
      return root;
    });
    await this.template;
    const dataDir = await mkdtemp(join(tmpdir(), `settle-bench-${name}-`));
    this.directories.push(dataDir);
    const databaseDir = join(dataDir, 'pglite');
    await copyPgliteTemplate(databaseDir);
    return { dataDir, databaseDir };
  }

  async remove(): Promise<void> {
    await Promise.all(this.directories.map((directory) => rm(directory, { recursive: true, force: true })));
    if (this.template) await (await this.template).remove();
  }
}
