import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';

// The rules CI runs (`npm run lint:deps`, `npm run lint`) fail on a violation: each fixture file is named after the one
// rule it breaks; the other fixture files are imports the rules allow. The real runs ignore test/architecture/fixtures.
// The dependency fixture has its own node_modules/ of stand-in packages, so that packages resolve into node_modules/
// exactly as in the real tree (a rule written for a path the real tree never has would pass here and fire nowhere).
const ROOT = join(__dirname, '..', '..');
const FIXTURES = join(__dirname, 'fixtures');

describe('dependency rules (.dependency-cruiser.cjs)', () => {
  it('reports each broken rule by name, on the file that breaks it, and exits non-zero', () => {
    const depcruise = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
    // As `npm run lint:deps` runs it (its exit code is the number of errors), in the fixture's own small repo.
    const run = spawnSync(process.execPath, [depcruise, '--config', join(ROOT, '.dependency-cruiser.cjs'), 'apps', 'libs'], {
      cwd: join(FIXTURES, 'dependencies'),
      encoding: 'utf8',
    });

    const violations = [...run.stdout.matchAll(/^\s*error (\S+): (\S+) →/gm)].map(([, rule, from]) => `${rule}: ${from}`);
    expect(violations.sort()).toEqual([
      'app-not-to-other-app: apps/worker/src/app-not-to-other-app.ts',
      'domain-layering: libs/domain/src/shared/domain-layering.ts',
      'domain-no-node-builtins: libs/domain/src/money/domain-no-node-builtins.ts',
      'domain-only-pure-packages: libs/domain/src/money/domain-only-pure-packages.ts',
      'domain-tests-only-pure-packages: libs/domain/src/money/domain-tests-only-pure-packages.spec.ts',
      'library-layering: libs/event-store/src/library-layering.ts',
      'library-through-its-alias: libs/event-store/src/library-through-its-alias.ts',
      'libs-not-to-apps: libs/runtime/src/libs-not-to-apps.ts',
      'no-circular: libs/command-pipeline/src/no-circular-decide.ts',
      'not-to-unresolvable: libs/command-pipeline/src/not-to-unresolvable.ts',
      'production-not-to-test-code: libs/domain/src/agreement/production-not-to-test-code.ts',
    ]);
    expect(run.status).toBe(violations.length);
  });
});

describe('lint rules (eslint.config.mjs)', () => {
  it('reports each broken rule by name, and leaves the imports Nest injects by decorator metadata alone', async () => {
    const eslint = new ESLint({ cwd: ROOT, ignore: false });

    const results = await eslint.lintFiles([join(FIXTURES, 'lint')]);

    const rulesByFile = Object.fromEntries(
      results.map(({ filePath, messages }) => [relative(join(FIXTURES, 'lint'), filePath), messages.map((message) => message.ruleId)]),
    );
    expect(rulesByFile).toEqual({
      'clock.ts': [],
      'consistent-type-imports.ts': ['@typescript-eslint/consistent-type-imports'],
      'libs/domain/src/no-restricted-properties.ts': ['no-restricted-properties'],
      'nest-injection-allowed.ts': [],
      'no-floating-promises.ts': ['@typescript-eslint/no-floating-promises'],
      'switch-exhaustiveness-check.ts': ['@typescript-eslint/switch-exhaustiveness-check'],
    });
  });
});
