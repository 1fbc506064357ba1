import tseslint from 'typescript-eslint';

// Typed linting of the SDK source; tests and tooling are checked by tsc and their runners.
export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'demo/**', 'bench/**', 'e2e/**', 'test/**', 'scripts/**', '*.config.*'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      // Platform and Performance methods are passed around as plain functions on purpose.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
