/**
 * What a user does with the package: `npm pack`, a fresh app laid out as
 * `cdktf init --template typescript` lays it out (ts-node, CommonJS with no moduleResolution),
 * the tarball and the peers installed once, a ~15-line `main.ts`, synth, `terraform validate`.
 * The examples run in the same app: each synthesizes and validates, and their jest tests run
 * against the installed tarball (not the sources).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describeWithTerraform, initAndValidate, report } from './terraform';

const REPO = resolve(__dirname, '..', '..');
const EXAMPLES = readdirSync(join(REPO, 'examples'));

/** The tsconfig.json of `cdktf init --template typescript` (cdktf 0.21). */
const TEMPLATE_TSCONFIG = {
  compilerOptions: {
    alwaysStrict: true,
    declaration: true,
    experimentalDecorators: true,
    inlineSourceMap: true,
    inlineSources: true,
    lib: ['es2018'],
    module: 'CommonJS',
    noEmitOnError: true,
    noFallthroughCasesInSwitch: true,
    noImplicitAny: true,
    noImplicitReturns: true,
    noImplicitThis: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    resolveJsonModule: true,
    strict: true,
    strictNullChecks: true,
    strictPropertyInitialization: true,
    stripInternal: true,
    target: 'ES2018',
    incremental: true,
    skipLibCheck: true,
  },
  include: ['**/*.ts'],
  exclude: ['node_modules', 'cdktf.out'],
};

/** The user's whole app: a validated two-account share in about 15 lines. */
const USER_MAIN = `import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { Grantee, SharedBucket } from 'cdktf-cross-account-s3';

const app = new App();
const stack = new TerraformStack(app, 'share');
const owner = new AwsProvider(stack, 'owner', { alias: 'owner', region: 'eu-west-1' });
const consumer = new AwsProvider(stack, 'consumer', { alias: 'consumer', region: 'eu-west-1' });
const bucket = new SharedBucket(stack, 'reports', {
  provider: owner, accountId: '222222222222', region: 'eu-west-1', bucketName: 'user-reports-share',
});
bucket.grantRead(Grantee.newRole({ provider: consumer, accountId: '111111111111', roleName: 'Reader' }), {
  prefixes: ['monthly/'], assumeRole: { externalId: 'reader-6b0e2f9a41c7' },
});
app.synth();
`;

/**
 * The environment of the user's shell: without CDKTF_OUTDIR, which the cdktf CLI sets for its app
 * (and `npm run bench` for every process it measures); a user's `new App()` would write there.
 */
const USER_ENV: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => name !== 'CDKTF_OUTDIR'),
);

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = USER_ENV): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd} (${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

describeWithTerraform('the packed package in a fresh cdktf app', () => {
  let app: string;

  beforeAll(() => {
    const root = mkdtempSync(join(tmpdir(), 's3share-package-'));
    const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', root], REPO)) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    const files = packed[0].files.map((f) => f.path);
    // The build and the docs only: no sources, no tests, no config app.
    expect(files.filter((f) => !/^dist\/.*\.(js|d\.ts)$|^(README\.md|LICENSE|package\.json)$/.test(f))).toEqual([]);
    expect(files).not.toContain('dist/main.js');
    app = join(root, 'app');
    mkdirSync(app);
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'user-app', version: '1.0.0', private: true, main: 'main.js' }, null, 2),
    );
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify(TEMPLATE_TSCONFIG, null, 2));
    writeFileSync(
      join(app, 'cdktf.json'),
      JSON.stringify({ language: 'typescript', app: 'npx ts-node main.ts', terraformProviders: [] }, null, 2),
    );
    const pinned = (name: string) =>
      `${name}@${(JSON.parse(readFileSync(join(REPO, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version}`;
    run(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        join(root, packed[0].filename),
        pinned('cdktf'),
        pinned('constructs'),
        pinned('@cdktf/provider-aws'),
        pinned('typescript'),
        pinned('@types/node'),
        'ts-node@10',
      ],
      app,
    );
    for (const example of EXAMPLES)
      cpSync(join(REPO, 'examples', example), join(app, 'examples', example), { recursive: true });
  }, 600_000);

  test('npm ls shows one copy of cdktf and of constructs', () => {
    const tree = run('npm', ['ls', 'cdktf', 'constructs', '--all', '--parseable'], app);
    const paths = tree
      .trim()
      .split('\n')
      .filter((p) => p.includes('node_modules'));
    expect(paths.map((p) => p.slice(p.indexOf('node_modules')))).toEqual([
      'node_modules/cdktf',
      'node_modules/constructs',
    ]);
  });

  test('importing the package synthesizes nothing, writes nothing and prints nothing', () => {
    const out = run('node', ['-e', "require('cdktf-cross-account-s3'); console.log('loaded')"], app);
    expect(out).toBe('loaded\n');
    expect(existsSync(join(app, 'cdktf.out'))).toBe(false);
  });

  test('a 15-line main.ts under ts-node gives a share that terraform validates', () => {
    writeFileSync(join(app, 'main.ts'), USER_MAIN);
    expect(USER_MAIN.trim().split('\n').length).toBeLessThanOrEqual(16);
    run(join(app, 'node_modules', '.bin', 'ts-node'), ['main.ts'], app);
    const result = initAndValidate(join(app, 'cdktf.out', 'stacks', 'share'));
    expect(result.error_count).toBe(0);
    report('package: user main.ts synthesized under ts-node and validated');
  }, 300_000);

  test("the README's library example compiles under the template's tsconfig and validates, as written", () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const example = /```ts\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf('## Use as a library')));
    expect(example).not.toBeNull();
    const dir = join(app, 'readme-example');
    mkdirSync(dir);
    writeFileSync(join(dir, 'main.ts'), example![1]);
    run(join(app, 'node_modules', '.bin', 'ts-node'), ['main.ts'], dir);
    const stack = JSON.parse(readFileSync(join(dir, 'cdktf.out', 'stacks', 'share', 'cdk.tf.json'), 'utf8')) as {
      output: Record<string, unknown>;
    };
    expect(Object.keys(stack.output).sort()).toEqual(['data_plane_role_arn', 'reader_role_arn']);
    expect(initAndValidate(join(dir, 'cdktf.out', 'stacks', 'share')).error_count).toBe(0);
  }, 300_000);

  test.each(EXAMPLES)(
    'example %s synthesizes under ts-node and validates',
    (example) => {
      const dir = join(app, 'examples', example);
      run(join(app, 'node_modules', '.bin', 'ts-node'), ['main.ts'], dir);
      const stacks = readdirSync(join(dir, 'cdktf.out', 'stacks'));
      expect(stacks).toHaveLength(1);
      expect(initAndValidate(join(dir, 'cdktf.out', 'stacks', stacks[0])).error_count).toBe(0);
    },
    300_000,
  );

  test("the examples' jest tests pass against the installed tarball", () => {
    const config = {
      rootDir: app,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/examples/**/*.test.ts'],
      transform: {
        '^.+\\.ts$': [
          join(REPO, 'node_modules', '@swc', 'jest'),
          { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } },
        ],
      },
    };
    const r = spawnSync(
      process.execPath,
      [join(REPO, 'node_modules', 'jest', 'bin', 'jest.js'), '--config', JSON.stringify(config), '--ci'],
      { cwd: app, encoding: 'utf8' },
    );
    // Jest prints its summary on stderr.
    expect(r.stderr).toMatch(new RegExp(`Test Suites: ${EXAMPLES.length} passed, ${EXAMPLES.length} total`));
    expect(r.stderr).not.toMatch(/failed/);
    expect(r.status).toBe(0);
  }, 300_000);
});
