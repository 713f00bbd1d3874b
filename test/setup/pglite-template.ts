import { access, cp, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/** A directory, shared by the test workers of one run, where the PGlite template is built once. */
export const PGLITE_TEMPLATE_VARIABLE = 'SETTLE_TEST_PGLITE_TEMPLATE';

/** Global setup: the (empty) place for the template; built only if a test asks for it. */
export async function preparePgliteTemplateRoot(): Promise<{ root: string; remove(): Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'settle-pglite-template-'));
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}

/**
 * Fills `target` (created if missing) with an initialised, empty PGlite data directory. Creating
 * one runs initdb in WebAssembly (10-15 s here); copying a finished one and opening it takes about
 * 2 s. The first caller of a run builds the template, the others wait for it. Returns false when
 * no template is offered (outside the e2e project) or it could not be built: then open `target`
 * as it is and PGlite initialises it.
 */
export async function copyPgliteTemplate(target: string, timeoutMs = 120_000): Promise<boolean> {
  const root = process.env[PGLITE_TEMPLATE_VARIABLE];
  if (!root) return false;
  const template = join(root, 'template');
  const failed = join(root, 'failed');
  if (await claim(join(root, 'lock'))) await build(root, template, failed);
  const deadline = Date.now() + timeoutMs;
  while (!(await exists(template))) {
    if (await exists(failed)) return false;
    if (Date.now() > deadline) throw new Error(`The PGlite template was not built within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await cp(template, target, { recursive: true });
  return true;
}

async function build(root: string, template: string, failed: string): Promise<void> {
  const building = join(root, 'building');
  try {
    const db = await PGlite.create(building);
    await db.close();
    // Appears whole or not at all: the other workers wait for this name.
    await rename(building, template);
  } catch (error) {
    await writeFile(failed, String(error));
  }
}

/** mkdir is atomic: exactly one worker gets to build. */
const claim = (lock: string) =>
  mkdir(lock).then(
    () => true,
    () => false,
  );

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );
