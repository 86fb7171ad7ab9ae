/**
 * Reads a synthesized stack (`cdk.tf.json`) back into concrete policies: every identity, trust,
 * bucket and key policy, with references resolved to ARNs (a new key gets a placeholder ARN in the
 * owner account), ready for the evaluation engine.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StackModel, entryStackNames } from '../config/schema';
import { KEY_POLICY_HANDOFF_OUTPUT, ownerTrustHandoffOutput } from '../constructs/names';
import { Partition, accessPointArn, keyIdOf, partitionOf, roleArn } from '../policy/arn';
import { PolicyDocument, Statement, policyDocument } from '../policy/document';
import { ownerRootKeyStatement } from '../policy/kms';
import { additionalRoleArns, consumerRoleArn, ownerRoleArn } from './roles';
import { sealPolicy } from './simulate';

/** Key ID used for a key the stack creates (its real ID exists only after apply). */
export const PLACEHOLDER_KEY_ID = '00000000-0000-4000-8000-000000000000';

/** The policies of one stack, by principal. */
export interface StackPolicies {
  readonly partition: Partition;
  readonly bucketArn: string;
  /**
   * The key's ARN (placeholder for a new key).
   * @default undefined: SSE-S3, no key
   */
  readonly keyArn?: string;
  /**
   * The key's bare ID (the placeholder for a new key).
   * @default undefined: SSE-S3, no key
   */
  readonly keyId?: string;
  /** Aliases the stack gives the key (`alias/…`), which KMS requests carry as `kms:ResourceAliases`. */
  readonly keyAliases: readonly string[];
  readonly bucketPolicy: PolicyDocument;
  /**
   * The key policy: the stack's own, or for an existing key the owner-root statement plus the
   * statements the stack asks the key's owner to add (`key_policy_statements_to_add`).
   * @default undefined: SSE-S3, no key
   */
  readonly keyPolicy?: PolicyDocument;
  /** Role ARN → trust policy, for roles the stack creates. */
  readonly trustPolicies: ReadonlyMap<string, PolicyDocument>;
  /** Access point ARN → its policy (access-points mode). */
  readonly accessPointPolicies: ReadonlyMap<string, PolicyDocument>;
  /** Role ARN → its inline policies written by the stack. */
  readonly identityPolicies: ReadonlyMap<string, Array<{ name: string; policy: PolicyDocument }>>;
}

/** The parts of a synthesized stack (`cdk.tf.json`) that hold policies. */
export interface SynthJson {
  /**
   * Resource type → resource name → the resource's arguments (`aws_iam_role` → `name` → …).
   * @default undefined: a stack without resources
   */
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  /**
   * Output name → the output (the hand-offs: statements for the owners of existing keys and roles).
   * @default undefined: a stack without outputs
   */
  output?: Record<string, { value: unknown }>;
}

/**
 * `aws.account_111111111111` → `111111111111`.
 * @throws Error when the provider is not an account provider (`aws.account_<12 digits>`)
 */
function accountOf(provider: unknown, address: string): string {
  const m = /^aws\.account_(\d{12})$/.exec(String(provider));
  if (!m) throw new Error(`${address}: provider ${String(provider)} is not an account provider`);
  return m[1];
}

/**
 * A policy's JSON text with the stack's key references replaced by `keyArn` (and its ID).
 * @throws Error when another Terraform reference is left (it has no ARN verify could use)
 */
function resolve(text: string, keyArn: string | undefined, address: string): PolicyDocument {
  let resolved = text;
  if (keyArn !== undefined) {
    resolved = resolved
      .split('${aws_kms_key.bucket_key.arn}')
      .join(keyArn)
      .split('${aws_kms_key.bucket_key.key_id}')
      .join(keyIdOf(keyArn));
  }
  const left = /(?<![$])\$\{[^}]*\}/.exec(resolved);
  if (left) throw new Error(`${address}: cannot resolve the reference ${left[0]} to an ARN`);
  // Terraform's escapes (policy variables of a current policy) are literal text for AWS.
  return sealPolicy(JSON.parse(resolved.split('$${').join('${').split('%%{').join('%{')) as PolicyDocument);
}

/**
 * One stack's JSON made of several: the resources and outputs of a split entry's stacks together,
 * which is what AWS holds once all of them are deployed. Addresses are unique across them.
 * @throws Error when one resource address is in two of the stacks
 */
export function unionOfStacks(jsons: readonly SynthJson[]): SynthJson {
  const resource: Record<string, Record<string, Record<string, unknown>>> = {};
  const output: Record<string, { value: unknown }> = {};
  for (const json of jsons) {
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      for (const [name, value] of Object.entries(byName)) {
        if (resource[type]?.[name] !== undefined) throw new Error(`${type}.${name} is in more than one stack`);
        resource[type] = { ...resource[type], [name]: value };
      }
    }
    Object.assign(output, json.output ?? {});
  }
  return { resource, output };
}

/**
 * Reads `<outdir>/stacks/<name>/cdk.tf.json` of a model (every stack of a split entry, as their
 * union) and returns its policies.
 * @throws Error when a stack's file cannot be read or parsed (synth first, with the same config),
 * and as {@link policiesOf} does
 */
export function extractPolicies(outdir: string, model: StackModel): StackPolicies {
  const names = entryStackNames(model);
  const jsons = [names.owner, ...new Set(names.consumers.values())].map((name) => {
    const file = join(outdir, 'stacks', name, 'cdk.tf.json');
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as SynthJson;
    } catch (e) {
      throw new Error(
        `cannot read ${file}: ${(e as Error).message} (run npm run synth first, with the same S3_SHARE_CONFIG)`,
      );
    }
  });
  return policiesOf(unionOfStacks(jsons), model);
}

/**
 * Resource types whose effect on access the matrix accounts for. The lifecycle configuration and
 * server access logging grant nothing: their effect on access is none (logs go to another bucket,
 * whose policy the stack does not write).
 */
export const EVALUATED_RESOURCE_TYPES: readonly string[] = [
  'aws_iam_role',
  'aws_iam_role_policy',
  'aws_kms_alias',
  'aws_kms_key',
  'aws_kms_key_policy',
  'aws_s3_access_point',
  'aws_s3_bucket',
  'aws_s3_bucket_lifecycle_configuration',
  'aws_s3_bucket_logging',
  'aws_s3_bucket_ownership_controls',
  'aws_s3_bucket_policy',
  'aws_s3_bucket_public_access_block',
  'aws_s3_bucket_server_side_encryption_configuration',
  'aws_s3_bucket_versioning',
];

/**
 * The key policy: the stack's own, or for an existing key the owner-root statement plus the
 * statements the stack asks the key's owner to add; undefined with SSE-S3.
 */
function keyPolicyOf(json: SynthJson, model: StackModel, keyArn: string | undefined): PolicyDocument | undefined {
  const text = json.resource?.aws_kms_key_policy?.bucket_key?.policy;
  if (typeof text === 'string') return resolve(text, keyArn, 'aws_kms_key_policy.bucket_key');
  if (keyArn === undefined) return undefined;
  const toAdd = json.output?.[KEY_POLICY_HANDOFF_OUTPUT]?.value;
  const added = typeof toAdd === 'string' ? (JSON.parse(toAdd) as PolicyDocument).Statement : ([] as Statement[]);
  return sealPolicy(
    policyDocument([ownerRootKeyStatement(partitionOf(model.region), model.owner.accountId), ...added]),
  );
}

/**
 * The policies of a stack, from its parsed JSON (see {@link extractPolicies}).
 * @throws Error when the stack holds a resource type verify does not evaluate, a role or a
 * provider the config does not name, a reference it cannot resolve, or no bucket policy
 */
export function policiesOf(json: SynthJson, model: StackModel): StackPolicies {
  const partition = partitionOf(model.region);
  const owner = model.owner.accountId;
  const resources = json.resource ?? {};
  const unknown = Object.keys(resources).filter((t) => !EVALUATED_RESOURCE_TYPES.includes(t));
  if (unknown.length > 0) {
    throw new Error(
      `${model.name}: the stack holds ${unknown.join(', ')}, whose effect on access verify does not evaluate; it cannot prove this stack`,
    );
  }
  const newKey = resources.aws_kms_key?.bucket_key !== undefined;
  const keyArn = newKey
    ? `arn:${partition}:kms:${model.region}:${owner}:key/${PLACEHOLDER_KEY_ID}`
    : model.owner.encryption === 'kms'
      ? model.owner.kmsKeyArn
      : undefined;

  // Role name in an account → ARN, from the config (covers existing roles, whose path the JSON lacks).
  const roleArns = new Map<string, string>();
  for (const c of model.consumers) {
    roleArns.set(`${c.accountId}/${c.roleName}`, consumerRoleArn(model, c));
    const additional = additionalRoleArns(model, c);
    c.additionalRoles.forEach((r, i) => roleArns.set(`${c.accountId}/${r.roleName}`, additional[i]));
    if (model.approach === 'assume-role') roleArns.set(`${owner}/${c.ownerRoleName}`, ownerRoleArn(model, c));
  }
  const arnOf = (account: string, name: string, address: string) => {
    const arn = roleArns.get(`${account}/${name}`);
    if (!arn) throw new Error(`${address}: role ${name} in account ${account} is not in the config`);
    return arn;
  };

  const trustPolicies = new Map<string, PolicyDocument>();
  for (const [name, role] of Object.entries(resources.aws_iam_role ?? {})) {
    const address = `aws_iam_role.${name}`;
    const account = accountOf(role.provider, address);
    const arn = roleArn(partition, account, String(role.name), String(role.path ?? '/'));
    if (arn !== arnOf(account, String(role.name), address)) {
      throw new Error(`${address}: ARN ${arn} differs from the config`);
    }
    trustPolicies.set(arn, resolve(String(role.assume_role_policy), keyArn, address));
  }
  // An existing owner role: its trust policy is what the stack asks its owner to add.
  for (const c of model.consumers) {
    if (model.approach !== 'assume-role' || !c.existingOwnerRole) continue;
    const toAdd = json.output?.[ownerTrustHandoffOutput(c.name)]?.value;
    if (typeof toAdd === 'string')
      trustPolicies.set(ownerRoleArn(model, c), sealPolicy(JSON.parse(toAdd) as PolicyDocument));
  }

  const identityPolicies = new Map<string, Array<{ name: string; policy: PolicyDocument }>>();
  for (const [name, policy] of Object.entries(resources.aws_iam_role_policy ?? {})) {
    const address = `aws_iam_role_policy.${name}`;
    const arn = arnOf(accountOf(policy.provider, address), String(policy.role), address);
    const list = identityPolicies.get(arn) ?? [];
    list.push({ name: String(policy.name), policy: resolve(String(policy.policy), keyArn, address) });
    identityPolicies.set(arn, list);
  }

  const bucketPolicyText = resources.aws_s3_bucket_policy?.shared_bucket?.policy;
  if (typeof bucketPolicyText !== 'string') throw new Error(`${model.name}: no bucket policy in the stack`);
  const bucketPolicy = resolve(bucketPolicyText, keyArn, 'aws_s3_bucket_policy.shared_bucket');

  const keyPolicy = keyPolicyOf(json, model, keyArn);

  const accessPointPolicies = new Map<string, PolicyDocument>();
  for (const [name, ap] of Object.entries(resources.aws_s3_access_point ?? {})) {
    const address = `aws_s3_access_point.${name}`;
    const arn = accessPointArn(partition, model.region, accountOf(ap.provider, address), String(ap.name));
    accessPointPolicies.set(arn, resolve(String(ap.policy), keyArn, address));
  }

  const keyAliases = Object.values(resources.aws_kms_alias ?? {}).map((a) => String(a.name));

  return {
    partition,
    keyAliases,
    accessPointPolicies,
    bucketArn: `arn:${partition}:s3:::${model.owner.bucketName}`,
    keyArn,
    keyId: keyArn !== undefined ? keyIdOf(keyArn) : undefined,
    bucketPolicy,
    keyPolicy,
    trustPolicies,
    identityPolicies,
  };
}
