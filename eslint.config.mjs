// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import playwright from 'eslint-plugin-playwright';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'reports/', 'test-results/', '.auth/', '.cache/', 'lab/**/public/**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Playwright fixtures are declared with an empty destructuring pattern by design.
      'no-empty-pattern': 'off',
      '@typescript-eslint/no-invalid-void-type': ['error', { allowAsThisParameter: true, allowInGenericTypeArguments: true }],
    },
  },
  {
    // docs/examples/: the README's plug-in example, checked like the real thing.
    files: ['specs/**/*.ts', 'docs/examples/specs/**/*.ts'],
    ...playwright.configs['flat/recommended'],
    rules: {
      ...playwright.configs['flat/recommended'].rules,
      'playwright/no-raw-locators': 'error',
      // Conditional skips carry their reason into the report (missing data, real-portal safety).
      'playwright/no-skipped-test': ['error', { allowConditional: true }],
      'playwright/no-wait-for-timeout': 'error',
      'playwright/expect-expect': 'error',
    },
  },
  {
    // Page objects hold the locators: the same preference as specs (role, label, text), raw CSS only with a reason.
    files: ['pages/**/*.ts', 'docs/examples/pages/**/*.ts'],
    plugins: { playwright },
    rules: { 'playwright/no-raw-locators': 'error' },
  },
  {
    files: ['test/**/*.ts'],
    ...playwright.configs['flat/recommended'],
    rules: {
      ...playwright.configs['flat/recommended'].rules,
      // The harness's own tests drive child processes and raw pages on purpose.
      'playwright/no-conditional-in-test': 'off',
      'playwright/no-conditional-expect': 'off',
      'playwright/no-skipped-test': 'off',
    },
  },
);
