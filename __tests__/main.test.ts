/**
 * The config contract of main.ts (S3_SHARE_CONFIG, arguments, exit code, what is printed where,
 * nothing written on a problem), through `runApp` in-process: main.ts passes it `process.argv`,
 * `process.env` and the two streams. The app as a process is the e2e suite's
 * (`__tests__/e2e/bad-config-process.test.ts`).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runApp } from '../modules/app/run-app';
import { BAD_CONFIGS } from './bad-configs';
import { defaultConfig, runCommand } from './helpers';

const temporary: string[] = [];
afterAll(() => temporary.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

/** Runs the app in-process with `env` as its whole environment. */
function runWith(env: Record<string, string>, argv: string[] = []) {
  return runCommand(runApp, env, argv);
}

function runInTemp(env: Record<string, string>) {
  const outdir = tempDir('s3share-out-');
  return { ...runWith({ CDKTF_OUTDIR: outdir, ...env }), outdir };
}

describe('main.ts', () => {
  test('without S3_SHARE_CONFIG it writes the two default stacks', () => {
    const run = runInTemp({ S3_SHARE_CONFIG: '' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readdirSync(join(run.outdir, 'stacks')).sort()).toEqual(['assume-role-access', 'direct-access']);
    const json = JSON.parse(readFileSync(join(run.outdir, 'stacks', 'direct-access', 'cdk.tf.json'), 'utf8'));
    expect(json.terraform.backend).toEqual({ local: { path: '../../../terraform.direct-access.tfstate' } });
  });

  test('a config file is read from S3_SHARE_CONFIG', () => {
    const dir = tempDir('s3share-cfg-');
    const config = defaultConfig();
    config.stacks = [config.stacks[1]];
    config.stacks[0].name = 'only-this-one';
    writeFileSync(join(dir, 'c.json'), JSON.stringify(config));
    const run = runInTemp({ S3_SHARE_CONFIG: join(dir, 'c.json') });
    expect(run.status).toBe(0);
    expect(readdirSync(join(run.outdir, 'stacks'))).toEqual(['only-this-one']);
  });

  test('an invalid file exits 1, prints every problem and writes no stack', () => {
    const dir = tempDir('s3share-cfg-');
    const config = defaultConfig();
    config.stacks[0].owner.accountId = '12345';
    config.stacks[1].consumers[0].externalId = 'YOUR-STRONG-EXTERNAL-ID';
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(config));
    const run = runInTemp({ S3_SHARE_CONFIG: file });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${file}: 2 problems`);
    expect(run.stderr).toContain('- stacks[0].owner.accountId: "12345" must be a string of exactly 12 digits');
    expect(run.stderr).toContain(
      '- stacks[1].consumers[0].externalId: "YOUR-STRONG-EXTERNAL-ID" is a placeholder from an example; replace it with the real value',
    );
    expect(existsSync(join(run.outdir, 'stacks'))).toBe(false);
  });

  test('warnings go to stderr and do not stop the synth', () => {
    const dir = tempDir('s3share-cfg-');
    const config = defaultConfig();
    config.stacks = [config.stacks[1]];
    config.stacks[0].consumers[0].externalId = 'short-id';
    writeFileSync(join(dir, 'c.json'), JSON.stringify(config));
    const run = runInTemp({ S3_SHARE_CONFIG: join(dir, 'c.json') });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(
      'warning: stacks[0].consumers[0].externalId: "short-id" is short (8 characters): use a unique value of 16 or more characters per consumer, e.g. a UUID (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html)\n',
    );
  });

  test('under the cdktf CLI, which labels stderr [ERROR], warnings go to stdout', () => {
    const dir = tempDir('s3share-cfg-');
    const config = defaultConfig();
    config.stacks = [config.stacks[1]];
    config.stacks[0].consumers[0].externalId = 'short-id';
    writeFileSync(join(dir, 'c.json'), JSON.stringify(config));
    // The variable the cdktf CLI sets when it runs the app (cdktf-cli 0.21, bin/cmds/handlers.js).
    const run = runInTemp({ S3_SHARE_CONFIG: join(dir, 'c.json'), CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: 'true' });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^warning: stacks\[0\]\.consumers\[0\]\.externalId: "short-id" is short/);
  });

  test('--output names the output folder; any other argument is refused', () => {
    const outdir = join(tempDir('s3share-arg-'), 'out');
    const ok = runWith({ S3_SHARE_CONFIG: '' }, ['--output', outdir]);
    expect(ok.status).toBe(0);
    expect(readdirSync(join(outdir, 'stacks')).sort()).toEqual(['assume-role-access', 'direct-access']);
    const bad = runWith({ S3_SHARE_CONFIG: '', CDKTF_OUTDIR: outdir }, ['--hcl']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(
      `command line: 1 problem\n  - (arguments): "--hcl" Unknown option '--hcl'; the only option is --output <dir>`,
    );
  });

  test("a policy over its size limit exits 1 with the numbers, without cdktf's advice to skip validations", () => {
    const dir = tempDir('s3share-cfg-');
    const config = defaultConfig();
    config.stacks = [config.stacks[0]];
    config.stacks[0].consumers[0].trustedPrincipals = Array.from(
      { length: 45 },
      (_, i) => `arn:aws:iam::111111111111:role/ci/deployers/Deployer${i}`,
    );
    writeFileSync(join(dir, 'c.json'), JSON.stringify(config));
    const run = runInTemp({ S3_SHARE_CONFIG: join(dir, 'c.json') });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      '[direct-access/consumer-workload-a/consumer-role] role arn:aws:iam::111111111111:role/RoleInAccountA: the trust policy is 2,687 characters, over the limit of 2,048 characters by 639',
    );
    expect(run.stderr).not.toContain('skipValidation');
    expect(existsSync(join(run.outdir, 'stacks'))).toBe(false);
  });

  test('a file that is not JSON, and a missing file, are reported by name', () => {
    const dir = tempDir('s3share-cfg-');
    writeFileSync(join(dir, 'broken.json'), '{ "stacks": [');
    const broken = runInTemp({ S3_SHARE_CONFIG: join(dir, 'broken.json') });
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/- \(file\): ".*broken\.json" is not valid JSON/);
    const missing = runInTemp({ S3_SHARE_CONFIG: join(dir, 'nope.json') });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/- S3_SHARE_CONFIG: ".*nope\.json" cannot be read: ENOENT/);
  });

  test('an existing key: the statements for its owner are written next to the stack and announced', () => {
    const dir = tempDir('s3share-cfg-');
    const config = defaultConfig();
    config.stacks = [config.stacks[0]];
    const keyArn = 'arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    config.stacks[0].owner.kmsKeyArn = keyArn;
    writeFileSync(join(dir, 'c.json'), JSON.stringify(config));
    const run = runInTemp({ S3_SHARE_CONFIG: join(dir, 'c.json') });
    expect(run.status).toBe(0);
    const file = join(run.outdir, 'stacks', 'direct-access', 'key-policy-statements-to-add.json');
    // On stdout: cdktf synth labels everything on stderr as [ERROR].
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      `ACTION NEEDED (direct-access): The key ${keyArn} is not managed by this stack: its owner must add these statements to its key policy, or the grants fail with AccessDenied on KMS.\n  Statements: ${file}\n`,
    );
    const written = JSON.parse(readFileSync(file, 'utf8'));
    const output = JSON.parse(readFileSync(join(run.outdir, 'stacks', 'direct-access', 'cdk.tf.json'), 'utf8')).output;
    expect(written).toEqual(JSON.parse(output.key_policy_statements_to_add.value));
    expect(written.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['WorkloadAUseBucketKey']);
  });

  test('a split entry: one folder per stack, and the manifest orders the owner stack after the consumer stacks', () => {
    const dir = tempDir('s3share-cfg-');
    const config = defaultConfig();
    config.stacks = [{ ...config.stacks[1], split: true }];
    writeFileSync(join(dir, 'c.json'), JSON.stringify(config));
    const run = runInTemp({ S3_SHARE_CONFIG: join(dir, 'c.json') });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readdirSync(join(run.outdir, 'stacks')).sort()).toEqual([
      'assume-role-access-111111111111',
      'assume-role-access-owner',
    ]);
    const manifest = JSON.parse(readFileSync(join(run.outdir, 'manifest.json'), 'utf8'));
    expect(manifest.stacks['assume-role-access-owner'].dependencies).toEqual(['assume-role-access-111111111111']);
    expect(manifest.stacks['assume-role-access-111111111111'].dependencies).toEqual([]);
  });
});

describe('every bad config of the table through the app', () => {
  /** Problem lines of the output, without the `  - ` bullet. */
  const problemLines = (stderr: string) =>
    stderr
      .split('\n')
      .filter((l) => l.startsWith('  - '))
      .map((l) => l.slice(4));

  test.each(BAD_CONFIGS.map(([name, mutate, expected]) => [name, mutate, expected] as const))(
    '%s: exit 1, the problem printed, no stack left (not even a stale one)',
    (_name, mutate, expected) => {
      const dir = tempDir('s3share-bad-');
      const config = defaultConfig();
      mutate(config);
      const file = join(dir, 'config.json');
      writeFileSync(file, JSON.stringify(config));
      const outdir = join(dir, 'cdktf.out');
      mkdirSync(join(outdir, 'stacks', 'stale'), { recursive: true });
      writeFileSync(join(outdir, 'stacks', 'stale', 'cdk.tf.json'), '{}');
      const r = runWith({ CDKTF_OUTDIR: outdir, S3_SHARE_CONFIG: file });
      expect(r.status).toBe(1);
      expect(problemLines(r.stderr)).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
      expect(r.stderr).toContain('No stack written');
      expect(existsSync(join(outdir, 'stacks'))).toBe(false);
    },
  );
});
