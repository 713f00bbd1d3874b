// @ts-check
// `npm run lint`: a few typed rules that catch real bugs, not style (prettier owns the layout).
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** The domain reads no clock and draws no random number: time and ids are given to it. */
const CLOCK_AND_RANDOMNESS = [
  { object: 'Date', property: 'now', message: 'The domain reads no clock: take `now` as an argument.' },
  { object: 'DateTime', property: 'now', message: 'The domain reads no clock: take `now` as an argument.' },
  { object: 'Math', property: 'random', message: 'The domain is deterministic: take ids or seeds as arguments.' },
];

export default defineConfig(
  // The architecture fixtures break these rules on purpose; test/architecture lints them with `ignore: false`.
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test/architecture/fixtures/**'] },
  {
    // apps/web's .tsx and its Vite config are typed by apps/web/tsconfig.json.
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: {
        // Each file is typed by its nearest tsconfig.json (the root one for the project). Its experimentalDecorators and
        // emitDecoratorMetadata make consistent-type-imports leave alone every file with a decorator: Nest reads
        // constructor parameter types from that metadata at run time, so a type-only import there would break DI.
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // A `default` branch is a deliberate "all the others" (an evolve that ignores most events): only a switch
      // without one must name every member of the union.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    files: ['**/libs/domain/src/**/*.ts'],
    rules: { 'no-restricted-properties': ['error', ...CLOCK_AND_RANDOMNESS] },
  },
);
