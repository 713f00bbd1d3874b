// Dependency rules (`npm run lint:deps`). Paths are relative to the directory depcruise runs in: the repo root,
// or a fixture root in test/architecture/fixtures (test/architecture/architecture-rules.e2e-spec.ts runs it there).

/**
 * The libraries, lowest first: each may import only the ones before it (README: "Dependencies point one way").
 * collections sits above projections: its process takes the projections' lease lock. letters (templates and
 * rendering) needs only the domain; collections renders with it at delivery, the API for previews.
 */
const LIBRARY_LAYERS = ['domain', 'letters', 'event-store', 'command-pipeline', 'projections', 'collections', 'runtime'];

/** Folders of libs/domain/src, lowest first: each may import only itself and the ones before it. */
const DOMAIN_LAYERS = ['shared', 'money', 'agreement', 'client-account', 'metrics', 'collections'];

/** Everything the domain may import from outside itself: small, pure packages. */
const DOMAIN_PACKAGES = ['luxon', 'immutable', 'canonicalize', 'ibantools'];

/** What the domain's own tests may use besides: generators for property tests. */
const DOMAIN_TEST_PACKAGES = ['fast-check'];

/** Code that exists only for tests: specs, their helpers and data. */
const TEST_CODE = '(^|/)(testing|fixtures)/|\\.(e2e-|contract-)?spec\\.ts$|^test/';

/** Code that ships: the apps, the libraries and the scripts built with them. */
const PRODUCTION_CODE = '^(apps|libs|scripts)/';

const NPM = ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'npm-unknown'];

const alternatives = (names) => `(${names.join('|')})`;

// The top layer has no rule: it may import every layer below it.
const libraryLayering = LIBRARY_LAYERS.slice(0, -1).map((library, index) => ({
  name: 'library-layering',
  comment: `libs/${library} may import only ${LIBRARY_LAYERS.slice(0, index).join(', ') || 'no other library'}`,
  severity: 'error',
  from: { path: `^libs/${library}/` },
  to: { path: `^libs/${alternatives(LIBRARY_LAYERS.slice(index + 1))}/` },
}));

// Test helpers (testing/, fixtures/) sit outside the ladder: they may build any state. Specs follow their folder.
const domainLayering = DOMAIN_LAYERS.slice(0, -1).map((folder, index) => ({
  name: 'domain-layering',
  comment: `libs/domain/src/${folder} may import only ${DOMAIN_LAYERS.slice(0, index + 1).join(', ')}`,
  severity: 'error',
  from: { path: `^libs/domain/src/${folder}/`, pathNot: '(^|/)(testing|fixtures)/' },
  to: { path: `^libs/domain/src/${alternatives(DOMAIN_LAYERS.slice(index + 1))}/` },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...libraryLayering,
    ...domainLayering,
    {
      name: 'libs-not-to-apps',
      comment: 'Libraries never import an app: shared wiring lives in libs/runtime.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'app-not-to-other-app',
      comment: 'An app never imports another app (what both need belongs in a library).',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'library-through-its-alias',
      comment: "Another library's files are imported through @settle/<library>, never by a relative path.",
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/', pathNot: '^libs/$1/', dependencyTypesNot: ['aliased-tsconfig-paths'] },
    },
    {
      name: 'domain-only-pure-packages',
      comment: `The domain imports no framework, driver or I/O package: only ${DOMAIN_PACKAGES.join(', ')}.`,
      severity: 'error',
      from: { path: '^libs/domain/', pathNot: TEST_CODE },
      to: { dependencyTypes: NPM, pathNot: `node_modules/${alternatives(DOMAIN_PACKAGES)}/` },
    },
    {
      name: 'domain-tests-only-pure-packages',
      comment: `The domain's tests use the domain's packages and ${DOMAIN_TEST_PACKAGES.join(', ')}: nothing with I/O.`,
      severity: 'error',
      from: { path: ['^libs/domain/src/[^.]+/(testing|fixtures)/', '^libs/domain/src/(testing|fixtures)/', '^libs/domain/src/[^.]+\\.spec\\.ts$'] },
      to: { dependencyTypes: NPM, pathNot: `node_modules/${alternatives([...DOMAIN_PACKAGES, ...DOMAIN_TEST_PACKAGES])}/` },
    },
    {
      name: 'domain-no-node-builtins',
      comment:
        'No Node.js built-in in the domain: no I/O (fs, net, http, child_process), and no hidden clock or randomness (ids and time are given).',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'production-not-to-test-code',
      comment: 'Production code never imports specs, test helpers (testing/, fixtures/) or test/.',
      severity: 'error',
      from: { path: PRODUCTION_CODE, pathNot: TEST_CODE },
      to: { path: TEST_CODE },
    },
    {
      name: 'no-circular',
      comment: 'No import cycle anywhere (type-only imports count: they tie the concepts together just the same).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves (a broken alias would otherwise hide a dependency from these rules).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports are dependencies too: the layering is about concepts, not about what survives compilation.
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|test/architecture/fixtures)/' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
