/** The app as a process: the config contract of main.ts (S3_SHARE_CONFIG, exit code, nothing written). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultConfig } from './helpers';

const ROOT = resolve(__dirname, '..');

function runApp(env: Record<string, string>) {
  const outdir = mkdtempSync(join(tmpdir(), 's3share-out-'));
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'main.ts'], {
    cwd: ROOT,
    env: { ...process.env, CDKTF_OUTDIR: outdir, ...env },
    encoding: 'utf8',
  });
  return { ...result, outdir };
}

describe('main.ts', () => {
  test('without S3_SHARE_CONFIG it writes the two default stacks', () => {
    const run = runApp({ S3_SHARE_CONFIG: '' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readdirSync(join(run.outdir, 'stacks')).sort()).toEqual(['assume-role-access', 'direct-access']);
    const json = JSON.parse(readFileSync(join(run.outdir, 'stacks', 'direct-access', 'cdk.tf.json'), 'utf8'));
    expect(json.terraform.backend).toEqual({ local: { path: '../../../terraform.direct-access.tfstate' } });
  });

  test('a config file is read from S3_SHARE_CONFIG', () => {
    const dir = mkdtempSync(join(tmpdir(), 's3share-cfg-'));
    const config = defaultConfig();
    config.stacks = [config.stacks[1]];
    config.stacks[0].name = 'only-this-one';
    writeFileSync(join(dir, 'c.json'), JSON.stringify(config));
    const run = runApp({ S3_SHARE_CONFIG: join(dir, 'c.json') });
    expect(run.status).toBe(0);
    expect(readdirSync(join(run.outdir, 'stacks'))).toEqual(['only-this-one']);
  });

  test('an invalid file exits 1, prints every problem and writes no stack', () => {
    const dir = mkdtempSync(join(tmpdir(), 's3share-cfg-'));
    const config = defaultConfig();
    config.stacks[0].owner.accountId = '12345';
    config.stacks[1].consumers[0].externalId = 'YOUR-STRONG-EXTERNAL-ID';
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(config));
    const run = runApp({ S3_SHARE_CONFIG: file });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${file}: 2 problems`);
    expect(run.stderr).toContain('- stacks[0].owner.accountId: "12345" must be a string of exactly 12 digits');
    expect(run.stderr).toContain(
      '- stacks[1].consumers[0].externalId: "YOUR-STRONG-EXTERNAL-ID" is a placeholder from an example; replace it with the real value',
    );
    expect(existsSync(join(run.outdir, 'stacks'))).toBe(false);
  });

  test('warnings go to stderr and do not stop the synth', () => {
    const dir = mkdtempSync(join(tmpdir(), 's3share-cfg-'));
    const config = defaultConfig();
    config.stacks = [config.stacks[1]];
    config.stacks[0].consumers[0].externalId = 'short-id';
    writeFileSync(join(dir, 'c.json'), JSON.stringify(config));
    const run = runApp({ S3_SHARE_CONFIG: join(dir, 'c.json') });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(
      'warning: stacks[0].consumers[0].externalId: "short-id" is short (8 characters): use a unique value of 16 or more characters per consumer, e.g. a UUID (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html)\n',
    );
  });

  test('under the cdktf CLI, which labels stderr [ERROR], warnings go to stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 's3share-cfg-'));
    const config = defaultConfig();
    config.stacks = [config.stacks[1]];
    config.stacks[0].consumers[0].externalId = 'short-id';
    writeFileSync(join(dir, 'c.json'), JSON.stringify(config));
    // The variable the cdktf CLI sets when it runs the app (cdktf-cli 0.21, bin/cmds/handlers.js).
    const run = runApp({ S3_SHARE_CONFIG: join(dir, 'c.json'), CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: 'true' });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^warning: stacks\[0\]\.consumers\[0\]\.externalId: "short-id" is short/);
  });

  test('--output names the output folder; any other argument is refused', () => {
    const outdir = join(mkdtempSync(join(tmpdir(), 's3share-arg-')), 'out');
    const ok = spawnSync(process.execPath, ['--import', 'tsx', 'main.ts', '--output', outdir], {
      cwd: ROOT,
      env: { ...process.env, S3_SHARE_CONFIG: '' },
      encoding: 'utf8',
    });
    expect(ok.status).toBe(0);
    expect(readdirSync(join(outdir, 'stacks')).sort()).toEqual(['assume-role-access', 'direct-access']);
    const bad = spawnSync(process.execPath, ['--import', 'tsx', 'main.ts', '--hcl'], {
      cwd: ROOT,
      env: { ...process.env, S3_SHARE_CONFIG: '', CDKTF_OUTDIR: outdir },
      encoding: 'utf8',
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(
      `command line: 1 problem\n  - (arguments): "--hcl" Unknown option '--hcl'; the only option is --output <dir>`,
    );
  });

  test("a policy over its size limit exits 1 with the numbers, without cdktf's advice to skip validations", () => {
    const dir = mkdtempSync(join(tmpdir(), 's3share-cfg-'));
    const config = defaultConfig();
    config.stacks = [config.stacks[0]];
    config.stacks[0].consumers[0].trustedPrincipals = Array.from(
      { length: 45 },
      (_, i) => `arn:aws:iam::111111111111:role/ci/deployers/Deployer${i}`,
    );
    writeFileSync(join(dir, 'c.json'), JSON.stringify(config));
    const run = runApp({ S3_SHARE_CONFIG: join(dir, 'c.json') });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      '[direct-access/consumer-workload-a/consumer-role] role arn:aws:iam::111111111111:role/RoleInAccountA: the trust policy is 2,687 characters, over the limit of 2,048 characters by 639',
    );
    expect(run.stderr).not.toContain('skipValidation');
    expect(existsSync(join(run.outdir, 'stacks'))).toBe(false);
  });

  test('a file that is not JSON, and a missing file, are reported by name', () => {
    const dir = mkdtempSync(join(tmpdir(), 's3share-cfg-'));
    writeFileSync(join(dir, 'broken.json'), '{ "stacks": [');
    const broken = runApp({ S3_SHARE_CONFIG: join(dir, 'broken.json') });
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/- \(file\): ".*broken\.json" is not valid JSON/);
    const missing = runApp({ S3_SHARE_CONFIG: join(dir, 'nope.json') });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/- S3_SHARE_CONFIG: ".*nope\.json" cannot be read: ENOENT/);
  });

  test('an existing key: the statements for its owner are written next to the stack and announced', () => {
    const dir = mkdtempSync(join(tmpdir(), 's3share-cfg-'));
    const config = defaultConfig();
    config.stacks = [config.stacks[0]];
    const keyArn = 'arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    config.stacks[0].owner.kmsKeyArn = keyArn;
    writeFileSync(join(dir, 'c.json'), JSON.stringify(config));
    const run = runApp({ S3_SHARE_CONFIG: join(dir, 'c.json') });
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
    const dir = mkdtempSync(join(tmpdir(), 's3share-cfg-'));
    const config = defaultConfig();
    config.stacks = [{ ...config.stacks[1], split: true }];
    writeFileSync(join(dir, 'c.json'), JSON.stringify(config));
    const run = runApp({ S3_SHARE_CONFIG: join(dir, 'c.json') });
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
