// ESLint: typescript-eslint's recommended and type-checked rules over the TypeScript sources, eslint's recommended
// rules over the few CommonJS files. Formatting is Prettier's job (`npm run lint` runs both).
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const nodeCommonJsGlobals = {
  require: 'readonly',
  module: 'writable',
  exports: 'writable',
  process: 'readonly',
  console: 'readonly',
  __dirname: 'readonly',
};

export default defineConfig(
  {
    ignores: ['node_modules/', 'dist/', 'cdk.out/', 'cdk.out.*/', 'coverage/', '.scratch/', 'test/fixtures/**/*.js'],
  },
  eslint.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `_`-prefixed parameters and variables are deliberately unused (interface methods, destructuring).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // A floating promise loses its error: every promise is awaited, returned or explicitly voided.
      '@typescript-eslint/no-floating-promises': 'error',
      // A switch over a union without a default must name every member; a default is an explicit catch-all.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    // CloudFormation templates, SDK responses and fixtures are untyped JSON: the rules, readers and tests walk them
    // as `any` on purpose, after checking shapes at run time.
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    // The resolver marks the unresolved parts of a string with NUL-delimited placeholders (lib/rules/resolve.ts) and
    // the diff's Markdown strips control characters from names: both match control characters on purpose.
    files: ['lib/rules/**/*.ts', 'lib/diff/**/*.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    // Fakes of asynchronous AWS and GitHub APIs answer at once: async without await is their point.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: nodeCommonJsGlobals },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: nodeCommonJsGlobals },
  },
);
