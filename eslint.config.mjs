// ESLint flat config: typescript-eslint's recommended rules, plus the project's own import rule.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdktf.out/', 'coverage/', '.gen/', 'dist/'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' },
    },
    rules: {
      // The barrel import of the provider costs 4-5 s and ~500 MB per process: deep imports only.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@cdktf/provider-aws',
              message:
                "Import the one resource you need, e.g. '@cdktf/provider-aws/lib/s3-bucket' (the barrel loads every AWS resource).",
            },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Issue 12: no function over 80 lines in the library and its entry points (tests excluded).
    files: ['modules/**/*.ts', 'main.ts', 'index.ts', 'verify.ts'],
    ignores: ['**/*.test.ts', '**/__tests__/**'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    // CommonJS preload scripts (bench/rss-probe.cjs) load modules with require().
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
