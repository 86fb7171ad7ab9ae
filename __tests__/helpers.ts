/** Test helpers: build a stack from a config object and read the synthesized Terraform JSON. */
import { Testing } from 'cdktf';
import { entryStackNames, parseConfig, StackModel } from '../modules/config/schema';
import { ProviderMode } from '../modules/constructs/account-providers';
import { CrossAccountS3Stack } from '../modules/stacks/cross-account-stack';
import { DEFAULT_CONFIG } from '../modules/config/default-config';
import type { PolicyDocument, Statement } from '../modules/policy/document';
import type { CommandIo } from '../modules/app/io';

/** Synthesized Terraform JSON of one stack. */
export interface SynthJson {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  provider: { aws: Array<Record<string, unknown>> };
  output: Record<string, { value: unknown; description?: string }>;
  terraform: Record<string, any>;
  import?: Array<Record<string, unknown>>;
}

/** A deep copy of the default config, to modify in a test. */
export function defaultConfig(): { stacks: Array<Record<string, any>> } {
  return JSON.parse(JSON.stringify(DEFAULT_CONFIG));
}

/** The default config's entry `name`, validated. */
export function defaultModel(name: 'direct-access' | 'assume-role-access'): StackModel {
  const model = parseConfig(DEFAULT_CONFIG, 'default').stacks.find((s) => s.name === name);
  if (!model) throw new Error(`no stack ${name}`);
  return model;
}

/** One stack entry (raw JSON), validated into a model. */
export function modelOf(entry: Record<string, unknown>): StackModel {
  return parseConfig({ stacks: [entry] }, 'test').stacks[0];
}

/** Builds the stack of `model` in a fresh app and synthesizes it with validations on. */
export function synthStack(model: StackModel, providerMode: ProviderMode = 'deploy'): SynthJson {
  const app = Testing.app();
  const stack = new CrossAccountS3Stack(app, model.name, { model, providerMode });
  return JSON.parse(Testing.synth(stack, true)) as SynthJson;
}

/** Builds every stack of an entry (one, or the split owner and consumer stacks) and synthesizes each; by stack name. */
export function synthEntry(model: StackModel, providerMode: ProviderMode = 'deploy'): Map<string, SynthJson> {
  const app = Testing.app();
  const owner = new CrossAccountS3Stack(app, entryStackNames(model).owner, { model, providerMode });
  const out = new Map<string, SynthJson>();
  for (const stack of [owner, ...owner.consumerStacks.values()]) {
    out.set(stack.node.id, JSON.parse(Testing.synth(stack, true)) as SynthJson);
  }
  return out;
}

/** The addresses of a new key and its key policy, in `addresses()` order. */
export const KEY_ADDRESSES = ['aws_kms_key.bucket_key', 'aws_kms_key_policy.bucket_key'];

/** The addresses of a bucket the stack manages (created or adopted), in `addresses()` order. */
export const BUCKET_ADDRESSES = [
  'aws_s3_bucket.shared_bucket',
  'aws_s3_bucket_ownership_controls.shared_bucket',
  'aws_s3_bucket_policy.shared_bucket',
  'aws_s3_bucket_public_access_block.shared_bucket',
  'aws_s3_bucket_server_side_encryption_configuration.shared_bucket',
  'aws_s3_bucket_versioning.shared_bucket',
];

/** A resource's arguments; throws with the addresses present when it is missing. */
export function resource(json: SynthJson, type: string, name: string): Record<string, unknown> {
  const r = json.resource[type]?.[name];
  if (!r) throw new Error(`${type}.${name} not found; present: ${addresses(json).join(', ')}`);
  return r;
}

/** Every resource address of a synthesized stack, sorted. */
export function addresses(json: SynthJson): string[] {
  return Object.entries(json.resource)
    .flatMap(([type, rs]) => Object.keys(rs).map((n) => `${type}.${n}`))
    .sort();
}

/** A policy argument of a resource (`policy`, `assume_role_policy`), parsed. */
export function policyOf(json: SynthJson, type: string, name: string, field = 'policy'): PolicyDocument {
  const text = resource(json, type, name)[field];
  if (typeof text !== 'string') throw new Error(`${type}.${name}.${field} is not a string`);
  return JSON.parse(text) as PolicyDocument;
}

/** Statements by Sid. */
export function bySid(doc: PolicyDocument): Record<string, Statement> {
  return Object.fromEntries(doc.Statement.map((s) => [s.Sid, s]));
}

/** Every principal ARN named anywhere in a policy. */
export function principalsOf(doc: PolicyDocument): string[] {
  return doc.Statement.flatMap((s) => {
    if (s.Principal === undefined) return [];
    if (s.Principal === '*') return ['*'];
    return [s.Principal.AWS ?? [], s.Principal.Service ?? []].flat();
  });
}

/**
 * The owner's deny statements of a bucket policy with SSE-KMS, in order (see `ownerBucketStatements`):
 * plain HTTP, another encryption, another key, aws:kms without the bucket key, the bare key ID from
 * another account, SSE-C, ACLs other than bucket-owner-full-control.
 */
export const OWNER_DENY_SIDS = [
  'DenyInsecureTransport',
  'DenyUploadsWithOtherEncryption',
  'DenyUploadsWithOtherKmsKeys',
  'DenyKmsUploadsWithoutBucketKey',
  'DenyBareKeyIdFromOtherAccounts',
  'DenyCustomerProvidedKeys',
  'DenyAclsOtherThanBucketOwnerFullControl',
];

/** What a command printed, and its exit code. */
export interface CommandRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a command of the project (`runApp`, `runVerify`) in-process, as its script would with `env`
 * as the whole environment and `argv` as the arguments, and collects what it prints.
 */
export function runCommand(command: (io: CommandIo) => number, env: NodeJS.ProcessEnv, argv?: string[]): CommandRun;
export function runCommand(
  command: (io: CommandIo) => Promise<number>,
  env: NodeJS.ProcessEnv,
  argv?: string[],
): Promise<CommandRun>;
export function runCommand(
  command: (io: CommandIo) => number | Promise<number>,
  env: NodeJS.ProcessEnv,
  argv: string[] = [],
): CommandRun | Promise<CommandRun> {
  const out = { stdout: '', stderr: '' };
  const status = command({
    argv,
    env,
    stdout: { write: (t: string) => (out.stdout += t) },
    stderr: { write: (t: string) => (out.stderr += t) },
  });
  return typeof status === 'number' ? { status, ...out } : status.then((s) => ({ status: s, ...out }));
}
