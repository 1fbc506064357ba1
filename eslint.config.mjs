import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', '**/node_modules/**', 'demo/app/dist/**', 'test-results/**', 'playwright-report/**'] },
  // The SDK's source: typed linting.
  {
    files: ['src/**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      // Platform and Performance methods are passed around as plain functions on purpose.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  // Tests, browser-test pages, benchmarks, the demo and tooling: the untyped recommended rules (tsc
  // checks the TypeScript among them).
  {
    files: [
      'test/**/*.{ts,tsx}',
      'e2e/**/*.{ts,tsx,js,mjs}',
      'bench/**/*.{js,mjs}',
      'demo/**/*.{js,mjs}',
      'scripts/**/*.{mjs,mts}',
      '*.{ts,mjs}',
    ],
    extends: [...tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Tests reach into pages and payloads whose shape they assert: `any` is the honest type there.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  // Plain scripts the test pages load: written with `var` and full handler signatures on purpose.
  {
    files: ['e2e/pages/**/*.js'],
    rules: { 'no-var': 'off', '@typescript-eslint/no-unused-vars': ['error', { args: 'none', caughtErrors: 'none' }] },
  },
);
