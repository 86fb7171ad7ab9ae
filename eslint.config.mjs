// ESLint flat config: typescript-eslint's recommended rules, plus the project's own import rule.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import jsdoc from 'eslint-plugin-jsdoc';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdktf.out/', '.local-deploy/', 'coverage/', '.gen/', 'dist/', 'docs/api/'] },
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
  {
    // Issue 12: the public API's docs (everything index.ts and verify.ts reach). TypeDoc's
    // `notDocumented` only checks that a comment exists; these check that it states the default of
    // every optional property and what a throwing function throws.
    files: ['index.ts', 'verify.ts', 'modules/**/*.ts'],
    ignores: ['**/*.test.ts', '**/__tests__/**'],
    plugins: { jsdoc },
    // TSDoc's `@typeParam` (which TypeDoc reads) rather than JSDoc's `@template`.
    settings: { jsdoc: { mode: 'typescript', tagNamePreference: { template: 'typeParam' } } },
    rules: {
      // A comment on every optional property of an exported interface, type or function signature
      // (not on type literals inside function bodies), and on every function or method that
      // contains a `throw` (require-throws below only reads existing comments).
      'jsdoc/require-jsdoc': [
        'error',
        {
          require: { FunctionDeclaration: false },
          contexts: [
            'ExportNamedDeclaration TSPropertySignature[optional=true]:not(BlockStatement TSPropertySignature)',
            'FunctionDeclaration:has(ThrowStatement)',
            'MethodDefinition:has(ThrowStatement)',
          ],
        },
      ],
      // ...and that comment has a `@default` (or `@defaultValue`) tag. (This rule matches the context
      // without the node's ancestors, so a descendant selector would never match: any commented
      // optional property in these files needs the tag.)
      'jsdoc/no-restricted-syntax': [
        'error',
        {
          contexts: [
            {
              context: 'TSPropertySignature[optional=true]',
              comment: 'JsdocBlock:not(:has(JsdocTag[tag=/^default(Value)?$/]))',
              message: 'An optional property of the public API needs a @default tag (what undefined means).',
            },
          ],
        },
      ],
      'jsdoc/require-throws': 'error',
      // No misspelt tags; TypeDoc's tags (`@remarks`, `@inline`, `@useDeclaredType`, …) are known to
      // the plugin in typescript mode, except TSDoc's `@defaultValue`.
      'jsdoc/check-tag-names': ['error', { definedTags: ['defaultValue'] }],
    },
  },
);
