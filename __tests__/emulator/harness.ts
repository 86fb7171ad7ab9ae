/**
 * The emulator suite's harness: the stacks synthesized as `npm run deploy:local` synthesizes them,
 * applied with its own functions (`prepareStack`, `applyStack`) against the suite's one moto
 * server, and read back through the emulator's API with the AWS SDK, as each account sees it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetRoleCommand, GetRolePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { DescribeKeyCommand, GetKeyPolicyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  GetBucketEncryptionCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetAccessPointCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { runApp } from '../../modules/app/run-app';
import { TerraformRun, applyStack, prepareStack, terraform, terraformEnv } from '../../modules/local/deploy';
import { MOTO_INSTALL, MOTO_SERVER, onPath } from '../../modules/local/server';
import { terraformEnv as offlineTerraformEnv, terraformVersion } from '../e2e/terraform';
import { EMULATOR_ENDPOINT_ENV } from './env';

/**
 * `describe` when the suite's emulator runs (moto_server and terraform on PATH). Without them: in
 * CI (`CI` set) the suite fails with the reason; elsewhere it is skipped with a one-line notice.
 */
export function describeWithEmulator(name: string, fn: () => void): void {
  const missing =
    onPath(MOTO_SERVER) === undefined
      ? `${MOTO_SERVER} is not on PATH (${MOTO_INSTALL})`
      : terraformVersion() === undefined
        ? 'terraform is not on PATH'
        : process.env[EMULATOR_ENDPOINT_ENV] === undefined
          ? 'the suite global setup started no emulator'
          : undefined;
  if (missing === undefined) {
    describe(name, fn);
  } else if (process.env.CI) {
    describe(name, () => {
      test('the emulator runs', () => {
        throw new Error(`${missing}: the emulator suite needs it in CI`);
      });
    });
  } else {
    console.warn(`[emulator] skipped "${name}": ${missing}`);
    describe.skip(name, fn);
  }
}

/** The suite's emulator. */
export function endpoint(): string {
  const value = process.env[EMULATOR_ENDPOINT_ENV];
  if (value === undefined) throw new Error(`${EMULATOR_ENDPOINT_ENV} is not set: no emulator`);
  return value;
}

/**
 * Synthesizes `config` with the config app, as `npm run deploy:local` does (deploy-mode providers).
 * @returns stack name → its `cdk.tf.json` text
 * @throws Error with the app's messages when the synth fails
 */
export function synthesize(config: unknown): Map<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 's3share-emulator-synth-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  let errors = '';
  const code = runApp({
    argv: ['--output', join(dir, 'out')],
    env: { ...process.env, S3_SHARE_CONFIG: join(dir, 'config.json'), S3_SHARE_PROVIDER_MODE: 'deploy' },
    stdout: { write: () => true },
    stderr: { write: (t: string) => (errors += t) },
  });
  if (code !== 0) throw new Error(errors);
  const manifest = JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8')) as {
    stacks: Record<string, unknown>;
  };
  return new Map(
    Object.keys(manifest.stacks).map((name) => [
      name,
      readFileSync(join(dir, 'out', 'stacks', name, 'cdk.tf.json'), 'utf8'),
    ]),
  );
}

/** The environment of the suite's terraform runs: the tests' CLI config (provider mirror), then the emulator's. */
function env(): NodeJS.ProcessEnv {
  return offlineTerraformEnv();
}

/** A folder of its own for one applied stack (its state lives there). */
export function stackFolder(label: string): string {
  return mkdtempSync(join(tmpdir(), `s3share-emulator-${label}-`));
}

/** Writes `stackJson` into `folder` for the emulator and applies it (see `applyStack`). */
export async function apply(folder: string, stackJson: string): Promise<TerraformRun> {
  prepareStack(folder, stackJson, endpoint());
  return applyStack(folder, env(), endpoint());
}

/** `terraform <args>` in a prepared folder, against the emulator. */
export function run(folder: string, args: readonly string[]): Promise<TerraformRun> {
  return terraform(folder, [...args, '-input=false', '-no-color'], terraformEnv(env(), endpoint()));
}

/** The SDK clients of one account: credentials of a role in that account, as the stacks' providers assume one. */
export interface AccountClients {
  readonly s3: S3Client;
  readonly s3control: S3ControlClient;
  readonly iam: IAMClient;
  readonly kms: KMSClient;
}

const REGION = 'us-east-1';

// The pinned SDK's notice about Node.js versions it will require later is not this suite's concern.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** Clients that act in `account` (the emulator's STS gives a role's credentials that account). */
export async function clientsFor(account: string, region = REGION): Promise<AccountClients> {
  const base = { endpoint: endpoint(), region, credentials: { accessKeyId: 'emulator', secretAccessKey: 'emulator' } };
  const sts = new STSClient(base);
  const assumed = await sts.send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/emulator-check`, RoleSessionName: 'check' }),
  );
  const c = assumed.Credentials!;
  const credentials = {
    accessKeyId: c.AccessKeyId!,
    secretAccessKey: c.SecretAccessKey!,
    sessionToken: c.SessionToken,
  };
  const common = { endpoint: endpoint(), region, credentials };
  return {
    s3: new S3Client({ ...common, forcePathStyle: true }),
    // S3 Control puts `<account>.` in front of the endpoint's host, which is no host here (and no
    // valid URL in front of an IP address): every request goes to the emulator itself.
    s3control: new S3ControlClient({ ...common, endpointProvider: () => ({ url: new URL(endpoint()) }) }),
    iam: new IAMClient(common),
    kms: new KMSClient(common),
  };
}

/** The names of the buckets an account owns. */
export async function bucketsOf(clients: AccountClients): Promise<string[]> {
  const out = await clients.s3.send(new ListBucketsCommand({}));
  return (out.Buckets ?? []).map((b) => b.Name!);
}

/** What the owner account reads back of its bucket. */
export async function bucketSettings(clients: AccountClients, bucket: string) {
  const [policy, ownership, encryption, versioning] = await Promise.all([
    clients.s3.send(new GetBucketPolicyCommand({ Bucket: bucket })),
    clients.s3.send(new GetBucketOwnershipControlsCommand({ Bucket: bucket })),
    clients.s3.send(new GetBucketEncryptionCommand({ Bucket: bucket })),
    clients.s3.send(new GetBucketVersioningCommand({ Bucket: bucket })),
  ]);
  return {
    policy: JSON.parse(policy.Policy!) as { Statement: Array<{ Sid: string; Principal?: unknown }> },
    ownership: ownership.OwnershipControls?.Rules?.[0]?.ObjectOwnership,
    encryption: encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault,
    versioning: versioning.Status,
  };
}

/** The key as its account sees it: its account, manager and key policy (undefined when the account does not have it). */
export async function keyOf(clients: AccountClients, keyId: string) {
  try {
    const key = await clients.kms.send(new DescribeKeyCommand({ KeyId: keyId }));
    const policy = await clients.kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }));
    return {
      account: key.KeyMetadata?.AWSAccountId,
      manager: key.KeyMetadata?.KeyManager,
      policy: JSON.parse(policy.Policy!) as { Statement: Array<{ Sid: string }> },
    };
  } catch (e) {
    if ((e as Error).name === 'NotFoundException') return undefined;
    throw e;
  }
}

/** A role of the account and its inline policy `policyName`; undefined when the account has no such role. */
export async function roleOf(clients: AccountClients, roleName: string, policyName?: string) {
  try {
    const role = await clients.iam.send(new GetRoleCommand({ RoleName: roleName }));
    const policy =
      policyName === undefined
        ? undefined
        : await clients.iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }));
    return {
      arn: role.Role!.Arn!,
      trust: JSON.parse(decodeURIComponent(role.Role!.AssumeRolePolicyDocument!)) as unknown,
      policy:
        policy === undefined
          ? undefined
          : (JSON.parse(decodeURIComponent(policy.PolicyDocument!)) as { Statement: Array<{ Sid: string }> }),
    };
  } catch (e) {
    if ((e as Error).name === 'NoSuchEntityException' || (e as Error).name === 'NoSuchEntity') return undefined;
    throw e;
  }
}

/** An access point of the account; undefined when it has none of that name. */
export async function accessPointOf(clients: AccountClients, account: string, name: string) {
  try {
    const ap = await clients.s3control.send(new GetAccessPointCommand({ AccountId: account, Name: name }));
    return { bucket: ap.Bucket, name: ap.Name };
  } catch (e) {
    if (/NoSuchAccessPoint|NotFound/.test((e as Error).name)) return undefined;
    throw e;
  }
}

/** The Sids of a policy document, in order. */
export function sids(doc: { Statement: Array<{ Sid: string }> } | undefined): string[] {
  return (doc?.Statement ?? []).map((s) => s.Sid);
}
