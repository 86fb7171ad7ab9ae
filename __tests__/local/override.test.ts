/**
 * `npm run deploy:local` without the emulator: the override that points a stack at it, the stacks
 * a name selects, and the messages when a tool is missing. The apply itself is the emulator
 * suite's (`__tests__/emulator/`).
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { outsideNeeds, runLocalDeploy, runLocalStop, stacksFor } from '../../modules/local/deploy';
import { localOverride, providerAccount } from '../../modules/local/override';
import { defaultConfig, defaultModel, modelOf, synthStack } from '../helpers';

const ENDPOINT = 'http://127.0.0.1:45678';

test('every aliased provider points at the emulator, assumes a role of its own account, and the state stays local', () => {
  const json = synthStack(defaultModel('direct-access'));
  expect(localOverride(json, ENDPOINT)).toEqual({
    provider: {
      aws: ['222222222222', '111111111111'].map((account) => ({
        alias: `account_${account}`,
        profile: null,
        access_key: 'local-deploy',
        secret_key: 'local-deploy',
        token: null,
        s3_use_path_style: true,
        skip_metadata_api_check: 'true',
        skip_region_validation: true,
        endpoints: [{ s3: ENDPOINT, s3control: ENDPOINT, iam: ENDPOINT, kms: ENDPOINT, sts: ENDPOINT }],
        assume_role: [{ role_arn: `arn:aws:iam::${account}:role/local-deploy`, session_name: 'local-deploy' }],
      })),
    },
    terraform: { backend: { local: { path: 'terraform.tfstate' } } },
  });
});

test('an S3 backend and a deployment role are overridden too', () => {
  const entry = defaultConfig().stacks[0];
  entry.backend = { s3: { bucket: 'tf-state', region: 'us-east-1' } };
  entry.consumers[0].provider = { assumeRoleArn: 'arn:aws:iam::111111111111:role/Deployer' };
  const json = synthStack(modelOf(entry));
  expect(json.terraform.backend.s3).toBeDefined();
  const override = localOverride(json, ENDPOINT) as { provider: { aws: Array<Record<string, unknown>> } } & {
    terraform: unknown;
  };
  expect(override.terraform).toEqual({ backend: { local: { path: 'terraform.tfstate' } } });
  expect(override.provider.aws[1].assume_role).toEqual([
    { role_arn: 'arn:aws:iam::111111111111:role/local-deploy', session_name: 'local-deploy' },
  ]);
});

test('a provider that names no account is refused', () => {
  expect(() => providerAccount({ alias: 'other', region: 'us-east-1' })).toThrow(
    'provider "other" names no account: neither one allowed_account_ids entry nor an alias account_<12 digits>',
  );
  expect(providerAccount({ alias: 'account_333333333333' })).toBe('333333333333');
});

describe('the stacks a name selects, in deployment order', () => {
  const dir = mkdtempSync(join(tmpdir(), 'local-deploy-config-'));
  const config = defaultConfig();
  config.stacks[1].split = true;
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  const env = { S3_SHARE_CONFIG: join(dir, 'config.json') };

  test.each([
    [undefined, ['direct-access']],
    ['direct-access', ['direct-access']],
    ['assume-role-access', ['assume-role-access-111111111111', 'assume-role-access-owner']],
    ['assume-role-access-owner', ['assume-role-access-owner']],
  ])('%s', (name, stacks) => {
    expect(stacksFor(env, name)).toEqual(stacks);
  });

  test('an unknown name is refused with the entries', () => {
    expect(() => stacksFor(env, 'prod')).toThrow(
      '(stack): "prod" is neither an entry nor a stack of the config; entries: direct-access, assume-role-access',
    );
  });
});

describe('the commands without their tools', () => {
  const collect = (argv: string[], env: NodeJS.ProcessEnv) => {
    const out = { stdout: '', stderr: '' };
    const io = {
      argv,
      env,
      stdout: { write: (t: string) => (out.stdout += t) },
      stderr: { write: (t: string) => (out.stderr += t) },
    };
    return { io, out };
  };

  test('without moto_server: how to install it, exit 1, nothing written', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'local-deploy-'));
    const { io, out } = collect([], { PATH: '/nonexistent' });
    expect(await runLocalDeploy(io, cwd)).toBe(1);
    expect(out.stderr).toBe(
      'moto_server (the moto AWS emulator) is not on PATH; install it with: pip install "moto[server]"\n',
    );
    expect(existsSync(join(cwd, '.local-deploy'))).toBe(false);
  });

  test('two names are refused with the usage', async () => {
    const { io, out } = collect(['a', 'b'], process.env);
    expect(await runLocalDeploy(io)).toBe(1);
    expect(out.stderr).toMatch(/one name at most, got 2; usage: npm run deploy:local \[entry or stack name\]/);
  });

  test('stop leaves a recorded process that is not the emulator running, and deletes the folder', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'local-stop-'));
    const folder = join(cwd, '.local-deploy');

    mkdirSync(folder);
    // This test's own process stands in for a PID the system has given to another program since.
    writeFileSync(join(folder, 'server.json'), JSON.stringify({ pid: process.pid, port: 1, endpoint: 'x' }));
    const { io, out } = collect([], process.env);
    expect(await runLocalStop(io, cwd)).toBe(0);
    expect(out.stdout).toContain(`pid ${process.pid} is not moto_server: left running`);
    expect(existsSync(folder)).toBe(false);
  });
});

test('what an entry uses and does not create is listed, for the note before the apply', () => {
  const entry = defaultConfig().stacks[1];
  entry.owner.kmsKeyArn = 'arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab';
  Object.assign(entry.consumers[0], {
    existingRole: true,
    existingOwnerRole: true,
    additionalRoles: [{ roleName: 'Batch' }],
  });
  expect(outsideNeeds(modelOf(entry))).toEqual([
    'role RoleInAccountA in account 111111111111 (existingRole of workload-a)',
    'role Batch in account 111111111111 (additionalRoles of workload-a)',
    'role S3AccessFromA in account 222222222222 (existingOwnerRole of workload-a)',
    'key arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab (owner.kmsKeyArn)',
  ]);
  expect(outsideNeeds(defaultModel('direct-access'))).toEqual([]);
});

test('stop with a server record that holds no PID stops nothing and deletes the folder', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'local-stop-'));
  mkdirSync(join(cwd, '.local-deploy'));
  for (const text of ['{not json', JSON.stringify({ pid: 0 }), JSON.stringify({ pid: -1 })]) {
    mkdirSync(join(cwd, '.local-deploy'), { recursive: true });
    writeFileSync(join(cwd, '.local-deploy', 'server.json'), text);
    let said = '';
    const io = { argv: [], env: {}, stdout: { write: (t: string) => (said += t) }, stderr: process.stderr };
    expect(await runLocalStop(io, cwd)).toBe(0);
    expect(said).toMatch(/server\.json holds no PID: no process stopped/);
    expect(existsSync(join(cwd, '.local-deploy'))).toBe(false);
  }
});
