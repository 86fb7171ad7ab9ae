/**
 * What a user does with the package: `npm pack`, a fresh app laid out as
 * `cdktf init --template typescript` lays it out (ts-node, CommonJS with no moduleResolution),
 * the tarball and the peers installed once, a ~15-line `main.ts`, synth, `terraform validate`.
 * The examples run in the same app: each synthesizes and validates, and their jest tests run
 * against the installed tarball (not the sources).
 *
 * After the install, the independent steps run side by side (at most {@link PARALLEL} processes):
 * one `tsc --noEmit` under the template's tsconfig over every app (what ts-node would check one by
 * one), the synths under ts-node (then with `--transpile-only`, the types being checked), each
 * stack's `terraform init` and `validate`, and the examples' jest run. The tests assert their results.
 */
import { spawnSync } from 'node:child_process';
import pLimit from 'p-limit';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  ProcessResult,
  ValidateResult,
  describeWithTerraform,
  initAndValidateAsync,
  report,
  runProcess,
} from '../e2e/terraform';

const REPO = resolve(__dirname, '..', '..');
const EXAMPLES = readdirSync(join(REPO, 'examples'));
/** Processes at a time after the install (this machine has 2 cores; terraform's provider uses both). */
const PARALLEL = 2;

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

/** One app of the fresh project (the user's main.ts, the README's example, each example): synthesized and validated. */
interface AppRun {
  readonly synth: ProcessResult;
  readonly stacks: string[];
  readonly validation: ValidateResult | Error;
}

/** Synthesizes the app in `dir` under ts-node (types checked by the one tsc run) and validates its one stack. */
async function synthAndValidate(dir: string, tsNode: string, limit: pLimit.Limit): Promise<AppRun> {
  const synth = await limit(() => runProcess(tsNode, ['--transpile-only', 'main.ts'], { cwd: dir, env: USER_ENV }));
  const out = join(dir, 'cdktf.out', 'stacks');
  const stacks = synth.status === 0 && existsSync(out) ? readdirSync(out) : [];
  if (stacks.length === 0) return { synth, stacks, validation: new Error(`no stack synthesized in ${dir}`) };
  const validation = await limit(() => initAndValidateAsync(join(out, stacks[0]))).catch((e: Error) => e);
  return { synth, stacks, validation };
}

/** The process's result; throws with its output when it failed. */
async function succeeded(running: Promise<ProcessResult>): Promise<ProcessResult> {
  const r = await running;
  if (r.status !== 0) throw new Error(`exit ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

function validated(run: AppRun): ValidateResult {
  expect(run.synth.stderr).toBe('');
  expect(run.synth.status).toBe(0);
  if (run.validation instanceof Error) throw run.validation;
  return run.validation;
}

describeWithTerraform('the packed package in a fresh cdktf app', () => {
  let app: string;
  let typecheck: ProcessResult;
  let examplesJest: ProcessResult;
  const runs = new Map<string, AppRun>();

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 's3share-package-'));
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
    const install = ['install', '--prefer-offline', '--no-audit', '--no-fund'];
    // The app as `cdktf init` leaves it (cdktf, constructs, the provider, TypeScript and ts-node),
    // installed while `npm pack` builds the package; then the user adds the package.
    const [pack] = await Promise.all([
      succeeded(runProcess('npm', ['pack', '--json', '--pack-destination', root], { cwd: REPO, env: USER_ENV })),
      succeeded(
        runProcess(
          'npm',
          [
            ...install,
            pinned('cdktf'),
            pinned('constructs'),
            pinned('@cdktf/provider-aws'),
            pinned('typescript'),
            pinned('@types/node'),
            'ts-node@10',
          ],
          { cwd: app, env: USER_ENV },
        ),
      ),
    ]);
    const packed = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const files = packed[0].files.map((f) => f.path);
    // The build and the docs only: no sources, no tests, no config app.
    expect(files.filter((f) => !/^dist\/.*\.(js|d\.ts)$|^(README\.md|LICENSE|package\.json)$/.test(f))).toEqual([]);
    expect(files).not.toContain('dist/main.js');
    run('npm', [...install, join(root, packed[0].filename)], app);
    for (const example of EXAMPLES)
      cpSync(join(REPO, 'examples', example), join(app, 'examples', example), { recursive: true });
    writeFileSync(join(app, 'main.ts'), USER_MAIN);
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const example = /```ts\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf('## Use as a library')));
    expect(example).not.toBeNull();
    mkdirSync(join(app, 'readme-example'));
    writeFileSync(join(app, 'readme-example', 'main.ts'), example![1]);
    // The template's tsconfig over the apps ts-node runs (the examples' tests need jest's types).
    writeFileSync(
      join(app, 'tsconfig.apps.json'),
      JSON.stringify({
        extends: './tsconfig.json',
        compilerOptions: { noEmit: true, incremental: false },
        include: ['main.ts', 'readme-example/main.ts', 'examples/*/main.ts'],
      }),
    );

    const limit = pLimit(PARALLEL);
    const dirs: Array<[string, string]> = [
      ['user', app],
      ['readme', join(app, 'readme-example')],
      ...EXAMPLES.map((e): [string, string] => [e, join(app, 'examples', e)]),
    ];
    const tsc = join(app, 'node_modules', '.bin', 'tsc');
    const tsNode = join(app, 'node_modules', '.bin', 'ts-node');
    const jestConfig = {
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
    const jestBin = join(REPO, 'node_modules', 'jest', 'bin', 'jest.js');
    [typecheck, examplesJest] = await Promise.all([
      limit(() => runProcess(tsc, ['-p', 'tsconfig.apps.json'], { cwd: app, env: USER_ENV })),
      limit(() =>
        runProcess(process.execPath, [jestBin, '--config', JSON.stringify(jestConfig), '--ci'], {
          cwd: app,
          env: USER_ENV,
        }),
      ),
      ...dirs.map(async ([label, dir]) => void runs.set(label, await synthAndValidate(dir, tsNode, limit))),
    ]);
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
    const dir = join(app, 'import-only');
    mkdirSync(dir);
    const out = run('node', ['-e', "require('cdktf-cross-account-s3'); console.log('loaded')"], dir);
    expect(out).toBe('loaded\n');
    expect(readdirSync(dir)).toEqual([]);
  });

  test("every app compiles under the template's tsconfig (what ts-node checks before it runs one)", () => {
    expect(`${typecheck.stdout}${typecheck.stderr}`).toBe('');
    expect(typecheck.status).toBe(0);
  });

  test('a 15-line main.ts under ts-node gives a share that terraform validates', () => {
    expect(USER_MAIN.trim().split('\n').length).toBeLessThanOrEqual(16);
    expect(runs.get('user')!.stacks).toEqual(['share']);
    expect(validated(runs.get('user')!).error_count).toBe(0);
    report('package: user main.ts synthesized under ts-node and validated');
  });

  test("the README's library example compiles under the template's tsconfig and validates, as written", () => {
    const dir = join(app, 'readme-example');
    expect(runs.get('readme')!.stacks).toEqual(['share']);
    const stack = JSON.parse(readFileSync(join(dir, 'cdktf.out', 'stacks', 'share', 'cdk.tf.json'), 'utf8')) as {
      output: Record<string, unknown>;
    };
    expect(Object.keys(stack.output).sort()).toEqual(['data_plane_role_arn', 'reader_role_arn']);
    expect(validated(runs.get('readme')!).error_count).toBe(0);
  });

  test.each(EXAMPLES)('example %s synthesizes under ts-node and validates', (example) => {
    expect(runs.get(example)!.stacks).toHaveLength(1);
    expect(validated(runs.get(example)!).error_count).toBe(0);
  });

  test("the examples' jest tests pass against the installed tarball", () => {
    // Jest prints its summary on stderr.
    expect(examplesJest.stderr).toMatch(new RegExp(`Test Suites: ${EXAMPLES.length} passed, ${EXAMPLES.length} total`));
    expect(examplesJest.stderr).not.toMatch(/failed/);
    expect(examplesJest.status).toBe(0);
  });
});
