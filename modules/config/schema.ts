/**
 * The config file: its schema (zod), and the validated model the stacks are built from.
 * Every problem is reported with the field path, the value and the rule, all at once.
 */
import { z } from 'zod';
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { accessPointSuffix, bucketArn, parseKmsKeyArn, partitionOf } from '../policy/arn';
import { CurrentPolicy, othersStatements, parseCurrentPolicy } from '../policy/current';
import { OWNER_ROOT_KEY_SID, keyLockoutProblem } from '../policy/kms';
import { EKS_POD_IDENTITY_PRINCIPAL } from '../policy/trust';
import { sidPart } from '../policy/document';
import { TRUST_POLICY_DEFAULT_MAX, TRUST_POLICY_QUOTA_MAX } from '../policy/limits';
import { resourceSideStatements } from '../policy/grant';
import { ACCESS_LEVELS, AccessLevel } from '../policy/s3';
import {
  ACCESS_POINT_NAME_DOC,
  EXTERNAL_ID_DOC,
  KMS_KEY_DOC,
  ROLE_NAME_MAX,
  RuleCheck,
  checkAccessPointName,
  checkAccountId,
  checkBucketName,
  checkExternalId,
  checkLogicalName,
  checkNoPlaceholder,
  checkPrefix,
  checkPrincipal,
  checkStateKeyPrefix,
  checkRegion,
  checkRoleArn,
  checkSessionName,
  checkRoleName,
  checkRolePath,
  checkEksClusterArn,
  checkKubernetesNamespace,
  checkKubernetesServiceAccount,
  checkSessionTagKey,
  SESSION_TAGS_DOC,
  SESSION_TAGS_MAX,
  POD_IDENTITY_DOC,
  normalisePrefix,
} from './rules';

/** A string field checked by one rule. */
function ruled(check: RuleCheck) {
  return z.string().check((ctx) => {
    const broken = check(ctx.value);
    if (broken) ctx.issues.push({ code: 'custom', message: broken, input: ctx.value });
  });
}

const providerSchema = z
  .strictObject({
    /** Named profile of the AWS shared config / credentials files. */
    profile: z.string().min(1).optional(),
    /** Role to assume for deployment into this account. */
    assumeRoleArn: ruled(checkRoleArn).optional(),
    /** External ID for the deployment role, when its trust policy requires one. */
    externalId: ruled(checkExternalId).optional(),
    /** Session name for the deployment role. */
    sessionName: ruled(checkSessionName).optional(),
  })
  .check((ctx) => {
    const v = ctx.value;
    if (v.profile !== undefined && v.assumeRoleArn !== undefined) {
      ctx.issues.push({
        code: 'custom',
        message: 'give either "profile" or "assumeRoleArn", not both',
        input: v,
      });
    }
    for (const key of ['externalId', 'sessionName'] as const) {
      if (v[key] !== undefined && v.assumeRoleArn === undefined) {
        ctx.issues.push({ code: 'custom', message: 'is used only with "assumeRoleArn"', path: [key], input: v });
      }
    }
  });

const consumerSchema = z.strictObject({
  name: ruled(checkLogicalName),
  accountId: ruled(checkAccountId),
  roleName: ruled(checkRoleName),
  rolePath: ruled(checkRolePath).default('/'),
  existingRole: z.boolean().default(false),
  trustedPrincipals: z.array(ruled(checkPrincipal)).min(1).optional(),
  sessionTagKeys: z
    .array(ruled(checkSessionTagKey), { error: 'must be a list of session tag keys, for example ["team"]' })
    .min(1, { error: 'must list at least one key; omit "sessionTagKeys" for none' })
    .max(SESSION_TAGS_MAX, { error: `must list at most ${SESSION_TAGS_MAX} keys (${SESSION_TAGS_DOC})` })
    .optional(),
  sourceIdentity: z.boolean({ error: 'must be true or false' }).default(false),
  podIdentity: z
    .strictObject(
      {
        clusterArn: ruled(checkEksClusterArn).optional(),
        namespace: ruled(checkKubernetesNamespace).optional(),
        serviceAccount: ruled(checkKubernetesServiceAccount).optional(),
      },
      { error: 'must be an object: { "clusterArn"?: "<EKS cluster ARN>", "namespace"?: "…", "serviceAccount"?: "…" }' },
    )
    .optional(),
  access: z.enum(ACCESS_LEVELS as [string, ...string[]]),
  prefixes: z.array(ruled(checkPrefix)).default([]),
  externalId: ruled(checkExternalId).optional(),
  ownerRoleName: ruled(checkRoleName).optional(),
  ownerRolePath: ruled(checkRolePath).default('/'),
  sessionDurationSeconds: z.number().int().min(900).max(43_200).default(3600),
  accessPointName: ruled(checkAccessPointName).optional(),
  existingOwnerRole: z.boolean().default(false),
  provider: providerSchema.optional(),
});

const ownerSchema = z.strictObject({
  accountId: ruled(checkAccountId),
  bucketName: ruled(checkBucketName),
  encryption: z.enum(['kms', 's3']).default('kms'),
  bucketKeyEnabled: z.boolean().default(true),
  kmsKeyArn: z.string().optional(),
  versioning: z.boolean().default(true),
  existingBucket: z
    .strictObject(
      {
        adopt: z.boolean().default(false),
        currentPolicyFile: z
          .string({
            error:
              "must be the path of a file with the bucket's current policy (relative to the config file), or null when the bucket has no policy",
          })
          .min(1)
          .nullable(),
      },
      { error: 'must be an object: { "adopt"?: true or false, "currentPolicyFile": "<path>" or null }' },
    )
    .optional(),
  adoptKey: z
    .strictObject(
      {
        currentPolicyFile: z
          .string({
            error:
              "must be the path of a file with the key's current key policy (relative to the config file); every key has one",
          })
          .min(1),
        deployerIsKeyAdministrator: z.boolean({ error: 'must be true or false' }).default(false),
      },
      { error: 'must be an object: { "currentPolicyFile": "<path>", "deployerIsKeyAdministrator"?: true or false }' },
    )
    .optional(),
  provider: providerSchema.optional(),
});

const backendSchema = z.strictObject({
  s3: z.strictObject({
    bucket: ruled(checkBucketName),
    region: ruled(checkRegion),
    keyPrefix: ruled(checkStateKeyPrefix).default('cross-account-s3/'),
    useLockfile: z.boolean().default(true),
    profile: z.string().min(1).optional(),
    roleArn: ruled(checkRoleArn).optional(),
  }),
});

const stackSchema = z.strictObject({
  name: ruled(checkLogicalName),
  approach: z.enum(['direct', 'assume-role']),
  region: ruled(checkRegion),
  owner: ownerSchema,
  consumers: z.array(consumerSchema).min(1),
  accessMode: z.enum(['bucket-policy', 'access-points']).default('bucket-policy'),
  split: z.boolean().default(false),
  backend: backendSchema.optional(),
  trustPolicyQuota: z
    .number()
    .int()
    .min(TRUST_POLICY_DEFAULT_MAX)
    .max(TRUST_POLICY_QUOTA_MAX)
    .default(TRUST_POLICY_DEFAULT_MAX),
});

/** The whole config file. */
export const configSchema = z.strictObject({ stacks: z.array(stackSchema).min(1) });

type RawStack = z.output<typeof stackSchema>;
type RawConsumer = z.output<typeof consumerSchema>;
type RawOwner = z.output<typeof ownerSchema>;

/**
 * What parsed of one stack entry: every part that passed its own schema, so rules that need
 * several fields still run on the valid parts while other parts of the entry have errors.
 */
interface PartialStack {
  readonly name?: string;
  readonly approach?: RawStack['approach'];
  readonly region?: string;
  readonly accessMode?: RawStack['accessMode'];
  readonly split?: boolean;
  readonly backend?: RawStack['backend'];
  readonly owner?: RawOwner;
  readonly consumers: ReadonlyArray<{ readonly index: number; readonly c: RawConsumer }>;
}

function partialStacks(input: unknown): PartialStack[] {
  const stacks = (input as { stacks?: unknown })?.stacks;
  if (!Array.isArray(stacks)) return [];
  return stacks.map((raw: Record<string, unknown> | null) => {
    const entry = raw !== null && typeof raw === 'object' ? raw : {};
    const ok = <T>(schema: z.ZodType<T>, v: unknown): T | undefined => {
      const r = schema.safeParse(v);
      return r.success ? r.data : undefined;
    };
    const consumers = Array.isArray(entry.consumers) ? entry.consumers : [];
    return {
      name: ok(stackSchema.shape.name, entry.name),
      approach: ok(stackSchema.shape.approach, entry.approach),
      region: ok(stackSchema.shape.region, entry.region),
      accessMode: ok(stackSchema.shape.accessMode, entry.accessMode),
      split: ok(stackSchema.shape.split, entry.split),
      backend: ok(stackSchema.shape.backend, entry.backend),
      owner: ok(ownerSchema, entry.owner),
      consumers: consumers
        .map((c: unknown, index: number) => ({ index, c: ok(consumerSchema, c) }))
        .filter((x): x is { index: number; c: RawConsumer } => x.c !== undefined),
    };
  });
}

/** How the stack signs in to one account for deployment. */
export type ProviderSettings = z.output<typeof providerSchema>;

/** Access approach of a stack. */
export type Approach = RawStack['approach'];

/** A validated consumer, with every default and derived name filled in. */
export interface ConsumerModel {
  readonly name: string;
  readonly accountId: string;
  readonly roleName: string;
  readonly rolePath: string;
  readonly existingRole: boolean;
  /** Who may assume the consumer role when the module creates it; default the consumer account's root. */
  readonly trustedPrincipals: readonly string[];
  /** Session tag keys the sessions reaching the consumer's roles may pass (`sts:TagSession`); empty for none. */
  readonly sessionTagKeys: readonly string[];
  /** The sessions carry a source identity (`sts:SetSourceIdentity`). */
  readonly sourceIdentity: boolean;
  /** Conditions on EKS Pod Identity's session tags in the consumer role's trust. */
  readonly podIdentity?: {
    readonly clusterArn?: string;
    readonly namespace?: string;
    readonly serviceAccount?: string;
  };
  readonly access: 'read' | 'write' | 'read-write';
  /** Normalised to end with `/`; empty for the whole bucket. */
  readonly prefixes: readonly string[];
  /** Set for the assume-role approach. */
  readonly externalId?: string;
  /** Role in the owner account (assume-role approach); default `S3AccessFrom<Name>`. */
  readonly ownerRoleName: string;
  readonly ownerRolePath: string;
  /**
   * Longest session of the data-plane role, seconds: the consumer role (direct, 900–43,200) or
   * the owner role (assume-role, 900–3,600 because of role chaining).
   */
  readonly sessionDurationSeconds: number;
  /** The consumer's access point in access-points mode; default `<name>-<6 hex of the bucket name's SHA-256>`. */
  readonly accessPointName: string;
  /**
   * Assume-role approach: the owner-side role exists; the stack attaches its policy but never
   * writes its trust policy (the statement to add is an output and a file).
   */
  readonly existingOwnerRole: boolean;
  /**
   * Assume-role approach: the stack creates the owner role and confines it to this share; false
   * for an existing owner role, and for a created one that another entry names as its existing
   * owner role (a warning says so).
   */
  readonly confineOwnerRole: boolean;
  readonly provider?: ProviderSettings;
}

/** Remote state in S3 for every stack of an entry (see the README, "Backends"). */
export type BackendSettings = NonNullable<RawStack['backend']>;

/** A validated stack entry. */
export interface StackModel {
  readonly name: string;
  readonly approach: Approach;
  readonly region: string;
  readonly owner: z.output<typeof ownerSchema>;
  readonly consumers: readonly ConsumerModel[];
  /** The accounts' trust policy quota, characters (2,048 unless raised). */
  readonly trustPolicyQuota: number;
  /** Where the grants live: the bucket policy, or one access point per consumer. */
  readonly accessMode: 'bucket-policy' | 'access-points';
  /** One stack for the owner account and one per consumer account, instead of one for all. */
  readonly split: boolean;
  /** S3 remote state; undefined: a local state file. */
  readonly backend?: BackendSettings;
  /** The existing bucket's current policy (`owner.existingBucket.currentPolicyFile`), merged into the stack's. */
  readonly currentBucketPolicy?: CurrentPolicy;
  /** The adopted key's current policy (`owner.adoptKey.currentPolicyFile`), merged into the stack's. */
  readonly currentKeyPolicy?: CurrentPolicy;
}

/** Names of the stacks one entry synthesizes, owner first. */
export interface EntryStackNames {
  /** The stack with the owner account's resources: the entry's name, or `<name>-owner` when split. */
  readonly owner: string;
  /** Split only: consumer account → the stack of that account's consumers, `<name>-<account>`. */
  readonly consumers: ReadonlyMap<string, string>;
}

/** The stack names of an entry (see {@link EntryStackNames}). */
export function entryStackNames(entry: {
  readonly name: string;
  readonly split?: boolean;
  readonly consumers: ReadonlyArray<{ readonly accountId: string }>;
}): EntryStackNames {
  if (!entry.split) return { owner: entry.name, consumers: new Map() };
  const consumers = new Map<string, string>();
  for (const c of entry.consumers) consumers.set(c.accountId, `${entry.name}-${c.accountId}`);
  return { owner: `${entry.name}-owner`, consumers };
}

/** The validated config. */
export interface ConfigModel {
  readonly stacks: readonly StackModel[];
  /** Soft problems: the config is valid, but something deserves a look. */
  readonly warnings: readonly ConfigProblem[];
}

/** One problem in a config: where, what value, which rule. */
export interface ConfigProblem {
  /** Field path such as `stacks[0].consumers[1].accountId`. */
  readonly path: string;
  readonly value: unknown;
  readonly rule: string;
}

/** Thrown by {@link parseConfig}; `problems` lists every problem found, `message` prints them all. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(
      `${source}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n` +
        problems.map((p) => `  - ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** `path: value rule`, one problem as printed. */
export function formatProblem(p: ConfigProblem): string {
  return `${p.path}: ${formatValue(p.value)} ${p.rule}`;
}

function formatValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** `["stacks", 0, "owner"]` → `stacks[0].owner`. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(file)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** Placeholders are rejected in every string of the file, whichever field holds them. */
function placeholderProblems(node: unknown, path: PropertyKey[], out: ConfigProblem[]): void {
  if (typeof node === 'string') {
    const broken = checkNoPlaceholder(node);
    if (broken) out.push({ path: formatPath(path), value: node, rule: broken });
  } else if (Array.isArray(node)) {
    node.forEach((v, i) => placeholderProblems(v, [...path, i], out));
  } else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) placeholderProblems(v, [...path, k], out);
  }
}

/**
 * `<consumer name, lowercase>-<first 6 hex digits of SHA-256 of the bucket name>`: unique per bucket
 * (access point names are unique per account and region), at most 47 characters.
 */
export function defaultAccessPointName(consumerName: string, bucketName: string): string {
  return `${consumerName.toLowerCase()}-${accessPointSuffix(bucketName)}`;
}

/** `S3AccessFrom` + the consumer's name in PascalCase: `workload-a` → `S3AccessFromWorkloadA`. */
export function defaultOwnerRoleName(consumerName: string): string {
  return `S3AccessFrom${sidPart(consumerName)}`;
}

/** The Sids a consumer's grant puts into the shared bucket and key policies. */
function grantSids(c: RawConsumer): string[] {
  const spec = { sidPrefix: sidPart(c.name), access: c.access as AccessLevel, prefixes: c.prefixes };
  const side = resourceSideStatements(
    { partition: 'aws', region: 'us-east-1', accountId: '000000000000', bucketArn: 'arn:aws:s3:::b', keyArn: 'k' },
    spec,
    'arn:aws:iam::000000000000:role/r',
  );
  return [...side.bucketPolicy, ...side.keyPolicy].map((st) => st.Sid);
}

/** Rules that need more than one field. */
function crossFieldProblems(stacks: readonly PartialStack[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const add = (path: PropertyKey[], value: unknown, rule: string) =>
    problems.push({ path: formatPath(path), value, rule });

  const stackNames = new Map<string, { si: number; generated: boolean }>();
  // Access point names across stacks: stacks over the same bucket are alternatives and may repeat them.
  const accessPointsByAccount = new Map<string, { bucket: string; path: string }>();
  stacks.forEach((stack, si) => {
    const sp: PropertyKey[] = ['stacks', si];
    if (stack.name !== undefined) {
      // Case-insensitively: the name is a folder and a state file name.
      const names = entryStackNames({
        name: stack.name,
        split: stack.split,
        consumers: stack.consumers.map((x) => x.c),
      });
      for (const name of [names.owner, ...new Set(names.consumers.values())]) {
        const first = stackNames.get(name.toLowerCase());
        if (first !== undefined) {
          const mine = name === stack.name ? 'is already' : `gives the split stack name "${name}", which is already`;
          const theirs = first.generated
            ? `the name of a split stack of stacks[${first.si}]`
            : `the name of stacks[${first.si}]`;
          add(
            [...sp, 'name'],
            stack.name,
            `${mine} ${theirs} (names are compared case-insensitively: they name folders and state files); stack names must be unique`,
          );
          break;
        }
        stackNames.set(name.toLowerCase(), { si, generated: name !== stack.name });
      }
    }

    const backendS3 = stack.backend?.s3;
    if (backendS3?.profile !== undefined && backendS3.roleArn !== undefined) {
      add([...sp, 'backend', 's3', 'roleArn'], backendS3.roleArn, 'give either "profile" or "roleArn", not both');
    }

    const { owner, region, approach } = stack;
    if (owner?.existingBucket !== undefined && !owner.existingBucket.adopt) {
      if (owner.encryption === 'kms' && owner.kmsKeyArn === undefined) {
        add(
          [...sp, 'owner', 'kmsKeyArn'],
          undefined,
          'is required with "existingBucket" and "encryption": "kms": the stack does not change an existing bucket\'s default encryption, so give the key it already uses (or "encryption": "s3" for a bucket with SSE-S3)',
        );
      }
    }
    if (owner?.adoptKey !== undefined) {
      if (owner.kmsKeyArn === undefined) {
        add([...sp, 'owner', 'adoptKey'], owner.adoptKey, 'needs "kmsKeyArn": the ARN of the key to adopt');
      } else if (/:key\/mrk-/.test(owner.kmsKeyArn)) {
        add(
          [...sp, 'owner', 'adoptKey'],
          owner.adoptKey,
          'is not supported for a multi-Region key (kmsKeyArn is key/mrk-…): the stack manages a single-Region key, so the key would be replaced; leave the key unmanaged (remove "adoptKey")',
        );
      }
    }
    if (owner?.kmsKeyArn !== undefined) {
      const key = parseKmsKeyArn(owner.kmsKeyArn);
      const kp = [...sp, 'owner', 'kmsKeyArn'];
      if (owner.encryption !== 'kms') {
        add(kp, owner.kmsKeyArn, 'is set but "encryption" is "s3"; remove it or set "encryption": "kms"');
      } else if (!key) {
        add(
          kp,
          owner.kmsKeyArn,
          `must be a full key ARN arn:<partition>:kms:<region>:<account>:key/<key-id> (${KMS_KEY_DOC})`,
        );
      } else if (key.resource.startsWith('alias/')) {
        add(
          kp,
          owner.kmsKeyArn,
          `is an alias; give the key ARN: S3 resolves an alias in the requester's account, so a consumer would encrypt with a key of its own (${KMS_KEY_DOC})`,
        );
      } else if (
        !/^key\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/.test(key.resource)
      ) {
        add(kp, owner.kmsKeyArn, `must name a key as key/<key-id> (${KMS_KEY_DOC})`);
      } else if (key.accountId !== owner.accountId) {
        add(
          kp,
          owner.kmsKeyArn,
          `is in account ${key.accountId}; the key must be in the owner account ${owner.accountId}, which controls its key policy`,
        );
      } else if (region !== undefined && key.region !== region) {
        add(
          kp,
          owner.kmsKeyArn,
          `is in region ${key.region}; S3 default encryption needs a key in the bucket's region ${region}`,
        );
      } else if (region !== undefined && key.partition !== partitionOf(region)) {
        add(kp, owner.kmsKeyArn, `is in partition ${key.partition}; the region ${region} is in ${partitionOf(region)}`);
      }
    }

    const consumerNames = new Map<string, number>();
    const sids = new Map<string, number>();
    const rolesByAccount = new Map<string, string>();
    const claimRole = (account: string, name: string, path: PropertyKey[], value: unknown) => {
      const key = `${account}/${name.toLowerCase()}`;
      const other = rolesByAccount.get(key);
      if (other !== undefined) {
        add(
          path,
          value,
          `gives role "${name}" in account ${account}, as ${other} does; role names are unique per account, case-insensitively (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names)`,
        );
      } else rolesByAccount.set(key, formatPath(path));
    };
    const providersByAccount = new Map<string, { json: string; path: string }>();
    let ambient: { account: string; path: string } | undefined;
    const claimProvider = (account: string, provider: ProviderSettings | undefined, path: PropertyKey[]) => {
      const json = JSON.stringify(provider ?? null);
      const other = providersByAccount.get(account);
      if (provider?.assumeRoleArn !== undefined) {
        const rolePartition = /^arn:([^:]+):/.exec(provider.assumeRoleArn)?.[1];
        if (region !== undefined && rolePartition !== undefined && rolePartition !== partitionOf(region)) {
          add(
            [...path, 'assumeRoleArn'],
            provider.assumeRoleArn,
            `is in partition ${rolePartition}, but the stack's region ${region} is in ${partitionOf(region)}`,
          );
        }
        const roleAccount = /^arn:[^:]+:iam::(\d{12}):/.exec(provider.assumeRoleArn)?.[1];
        if (roleAccount !== undefined && roleAccount !== account) {
          add(
            [...path, 'assumeRoleArn'],
            provider.assumeRoleArn,
            `is a role of account ${roleAccount}, but this provider deploys into ${account} (allowed_account_ids pins it); name a deployment role of ${account}`,
          );
        }
      }
      // Split entries give each account its own stack (and pipeline): ambient credentials fit each.
      if (provider === undefined && other === undefined && !stack.split) {
        if (ambient !== undefined && ambient.account !== account) {
          add(
            path,
            undefined,
            `is not set, and neither is ${ambient.path}: both accounts ${ambient.account} and ${account} would sign in with the same ambient credentials, and allowed_account_ids stops one of them; give each account a "profile" or an "assumeRoleArn"`,
          );
        } else ambient = { account, path: formatPath(path) };
      }
      if (other === undefined) providersByAccount.set(account, { json, path: formatPath(path) });
      else if (other.json !== json) {
        add(
          path,
          provider,
          `differs from ${other.path}, which signs in to the same account ${account}; one account has one provider per stack`,
        );
      }
    };
    if (owner) claimProvider(owner.accountId, owner.provider, [...sp, 'owner', 'provider']);

    const accessPoints = new Map<string, number>();
    for (const { index: ci, c } of stack.consumers) {
      if (c.accessPointName !== undefined && stack.accessMode !== 'access-points') {
        add(
          [...sp, 'consumers', ci, 'accessPointName'],
          c.accessPointName,
          'is used only with "accessMode": "access-points"; remove it, or set the mode',
        );
      }
      if (stack.accessMode === 'access-points' && owner) {
        const apName = c.accessPointName ?? defaultAccessPointName(c.name, owner.bucketName);
        const brokenDefault = c.accessPointName === undefined ? checkAccessPointName(apName) : undefined;
        if (brokenDefault !== undefined) {
          add(
            [...sp, 'consumers', ci, 'name'],
            c.name,
            `gives the access point name "${apName}", which ${brokenDefault}; set "accessPointName"`,
          );
        }
        if (region !== undefined) {
          const key = `${owner.accountId}/${region}/${apName}`;
          const elsewhere = accessPointsByAccount.get(key);
          if (elsewhere !== undefined && elsewhere.bucket !== owner.bucketName) {
            add(
              [...sp, 'consumers', ci, c.accessPointName === undefined ? 'name' : 'accessPointName'],
              c.accessPointName ?? c.name,
              `gives access point "${apName}" in account ${owner.accountId} and ${region}, as ${elsewhere.path} does for bucket ${elsewhere.bucket}; names are unique per account and region (${ACCESS_POINT_NAME_DOC})`,
            );
          } else if (elsewhere === undefined) {
            accessPointsByAccount.set(key, { bucket: owner.bucketName, path: formatPath([...sp, 'consumers', ci]) });
          }
        }
        const other = accessPoints.get(apName);
        if (other !== undefined) {
          add(
            [...sp, 'consumers', ci, c.accessPointName === undefined ? 'name' : 'accessPointName'],
            c.accessPointName ?? c.name,
            `gives access point "${apName}", as consumers[${other}] does; access point names are unique per account and region (${ACCESS_POINT_NAME_DOC})`,
          );
        } else accessPoints.set(apName, ci);
      }
      const cp: PropertyKey[] = [...sp, 'consumers', ci];
      const firstName = consumerNames.get(c.name.toLowerCase());
      if (firstName !== undefined)
        add(
          [...cp, 'name'],
          c.name,
          `is already the name of consumers[${firstName}]; consumer names must be unique in a stack`,
        );
      else consumerNames.set(c.name.toLowerCase(), ci);
      for (const sid of grantSids(c)) {
        const other = sids.get(sid);
        if (other !== undefined && other !== ci) {
          add(
            [...cp, 'name'],
            c.name,
            `gives the statement Sid "${sid}", as consumers[${other}] does; the Sids of one policy must be unique: rename one of them`,
          );
          break;
        }
        sids.set(sid, ci);
      }

      if (owner && c.accountId === owner.accountId) {
        add(
          [...cp, 'accountId'],
          c.accountId,
          'is the owner account; this module grants cross-account access only (grant same-account roles with their own IAM policies)',
        );
      }
      claimRole(c.accountId, c.roleName, [...cp, 'roleName'], c.roleName);
      claimProvider(c.accountId, c.provider, [...cp, 'provider']);

      if (region !== undefined) {
        const partition = partitionOf(region);
        (c.trustedPrincipals ?? []).forEach((t, ti) => {
          const m = /^arn:([^:]+):/.exec(t);
          if (m && m[1] !== partition) {
            add(
              [...cp, 'trustedPrincipals', ti],
              t,
              `is in partition ${m[1]}, but the stack's region ${region} is in ${partition}; IAM rejects principals of another partition`,
            );
          }
        });
      }
      if (c.existingOwnerRole && approach === 'direct') {
        add(
          [...cp, 'existingOwnerRole'],
          c.existingOwnerRole,
          'is used only with "approach": "assume-role" (the direct approach has no owner-side role); remove it',
        );
      }
      if (
        c.podIdentity !== undefined &&
        (c.existingRole || !(c.trustedPrincipals ?? []).includes(EKS_POD_IDENTITY_PRINCIPAL))
      ) {
        add(
          [...cp, 'podIdentity'],
          c.podIdentity,
          `is used only when the stack creates the consumer role and "trustedPrincipals" lists "${EKS_POD_IDENTITY_PRINCIPAL}" (${POD_IDENTITY_DOC})`,
        );
      }
      if (c.podIdentity !== undefined && Object.keys(c.podIdentity).length === 0) {
        add(
          [...cp, 'podIdentity'],
          c.podIdentity,
          'names no condition: give "clusterArn", "namespace" or "serviceAccount", or remove "podIdentity" (any pod of any cluster in the account may then use the role)',
        );
      }
      const cluster = c.podIdentity?.clusterArn?.split(':');
      if (cluster !== undefined && cluster[4] !== c.accountId) {
        add(
          [...cp, 'podIdentity', 'clusterArn'],
          c.podIdentity?.clusterArn,
          `is a cluster of account ${cluster[4]}; EKS Pod Identity assumes a role of the cluster's own account, here the consumer account ${c.accountId} (${POD_IDENTITY_DOC})`,
        );
      }
      if (cluster !== undefined && region !== undefined && cluster[1] !== partitionOf(region)) {
        add(
          [...cp, 'podIdentity', 'clusterArn'],
          c.podIdentity?.clusterArn,
          `is in partition ${cluster[1]}, but the stack's region ${region} is in ${partitionOf(region)}`,
        );
      }
      const tagKeys = new Map<string, number>();
      (c.sessionTagKeys ?? []).forEach((k, ki) => {
        const first = tagKeys.get(k.toLowerCase());
        if (first !== undefined) {
          add(
            [...cp, 'sessionTagKeys', ki],
            k,
            `repeats sessionTagKeys[${first}]; session tag keys are compared case-insensitively (${SESSION_TAGS_DOC})`,
          );
        } else tagKeys.set(k.toLowerCase(), ki);
      });
      if (c.existingRole && approach === 'direct') {
        if (c.sessionTagKeys !== undefined) {
          add(
            [...cp, 'sessionTagKeys'],
            c.sessionTagKeys,
            'has no effect with "existingRole": true in the direct approach (the module writes no trust policy that could allow sts:TagSession); remove it',
          );
        }
        if (c.sourceIdentity) {
          add(
            [...cp, 'sourceIdentity'],
            c.sourceIdentity,
            'has no effect with "existingRole": true in the direct approach (the module writes no trust policy that could allow sts:SetSourceIdentity); remove it',
          );
        }
      }
      if (c.existingRole && c.trustedPrincipals !== undefined) {
        add(
          [...cp, 'trustedPrincipals'],
          c.trustedPrincipals,
          'has no effect with "existingRole": true (the module does not write an existing role\'s trust policy); remove it',
        );
      }
      if (approach === 'assume-role') {
        if (c.externalId === undefined) {
          add(
            [...cp, 'externalId'],
            undefined,
            'is required with "approach": "assume-role" (the owner role trusts the consumer role only with this external ID)',
          );
        }
        const ownerRoleName = c.ownerRoleName ?? defaultOwnerRoleName(c.name);
        if (c.ownerRoleName === undefined && ownerRoleName.length > ROLE_NAME_MAX) {
          add(
            [...cp, 'name'],
            c.name,
            `gives the derived owner role name "${ownerRoleName}" of ${ownerRoleName.length} characters, over IAM's ${ROLE_NAME_MAX}; set "ownerRoleName"`,
          );
        }
        if (c.sessionDurationSeconds > 3600) {
          add(
            [...cp, 'sessionDurationSeconds'],
            c.sessionDurationSeconds,
            'is over 3,600 s: assuming the owner role from the consumer role is role chaining, which AWS limits to one hour (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-role-chaining)',
          );
        }
        if (owner)
          claimRole(
            owner.accountId,
            ownerRoleName,
            [...cp, c.ownerRoleName === undefined ? 'name' : 'ownerRoleName'],
            c.ownerRoleName ?? c.name,
          );
      } else if (approach === 'direct') {
        if (c.externalId !== undefined) {
          add(
            [...cp, 'externalId'],
            c.externalId,
            'is used only with "approach": "assume-role"; remove it for "direct"',
          );
        }
        if (c.ownerRolePath !== '/') {
          add(
            [...cp, 'ownerRolePath'],
            c.ownerRolePath,
            'is used only with "approach": "assume-role"; remove it for "direct"',
          );
        }
        if (c.ownerRoleName !== undefined) {
          add(
            [...cp, 'ownerRoleName'],
            c.ownerRoleName,
            'is used only with "approach": "assume-role"; remove it for "direct"',
          );
        }
      }
      const seen = new Map<string, number>();
      c.prefixes.map(normalisePrefix).forEach((p, pi) => {
        const dup = seen.get(p);
        if (dup !== undefined) add([...cp, 'prefixes', pi], c.prefixes[pi], `repeats prefixes[${dup}]`);
        seen.set(p, pi);
      });
      const normalised = [...seen.keys()];
      normalised.forEach((p, i) => {
        const outer = normalised.find((q, j) => j !== i && p.startsWith(q) && p !== q);
        if (outer !== undefined) {
          add(
            [...cp, 'prefixes'],
            c.prefixes,
            `lists "${p}" inside "${outer}", which already grants it; list only "${outer}"`,
          );
        }
      });
    }
  });
  return problems;
}

/** Options of {@link parseConfig}. */
export interface ParseOptions {
  /**
   * Folder that relative `currentPolicyFile` paths start from.
   * @default the working directory
   */
  readonly baseDir?: string;
}

/** The current policies an entry's owner names, read and parsed; problems for files that fail. */
interface CurrentPolicies {
  readonly bucket?: CurrentPolicy;
  readonly key?: CurrentPolicy;
}

function readCurrentPolicies(
  stack: PartialStack,
  si: number,
  baseDir: string,
  problems: ConfigProblem[],
): CurrentPolicies {
  /** @param resourceArn the bucket, whose policy may name only it and its objects */
  const read = (
    file: string | null | undefined,
    path: PropertyKey[],
    resourceArn?: string,
  ): CurrentPolicy | undefined => {
    if (file === undefined || file === null) return undefined;
    const full = resolvePath(baseDir, file);
    let text: string;
    try {
      text = readFileSync(full, 'utf8');
    } catch (e) {
      problems.push({ path: formatPath(path), value: file, rule: `cannot be read: ${(e as Error).message}` });
      return undefined;
    }
    const parsed = parseCurrentPolicy(text, resourceArn);
    if (parsed.statements === undefined) {
      problems.push({ path: formatPath(path), value: file, rule: parsed.broken ?? 'is not a policy' });
      return undefined;
    }
    return { source: `${formatPath(path)} (${full})`, statements: parsed.statements };
  };
  const op: PropertyKey[] = ['stacks', si, 'owner'];
  const bucketName = stack.owner?.bucketName;
  const arn =
    bucketName !== undefined && stack.region !== undefined
      ? bucketArn(partitionOf(stack.region), bucketName)
      : undefined;
  const keyPath = [...op, 'adoptKey', 'currentPolicyFile'];
  const key = read(stack.owner?.adoptKey?.currentPolicyFile, keyPath);
  if (key !== undefined && stack.owner !== undefined && stack.region !== undefined) {
    const lockout = stack.owner.adoptKey?.deployerIsKeyAdministrator
      ? undefined
      : keyLockoutProblem(
          othersStatements(key, [OWNER_ROOT_KEY_SID]),
          {
            partition: partitionOf(stack.region),
            ownerAccountId: stack.owner.accountId,
            deployerRoleArn: stack.owner.provider?.assumeRoleArn,
          },
          '"deployerIsKeyAdministrator": true',
        );
    if (lockout !== undefined) {
      problems.push({
        path: formatPath(keyPath),
        value: stack.owner.adoptKey?.currentPolicyFile,
        rule: `${lockout.reason}; the stack keeps an adopted key's statements as they are and adds no owner-root statement (it could widen who may use the key): ${lockout.advice}`,
      });
    }
  }
  return {
    bucket: read(stack.owner?.existingBucket?.currentPolicyFile, [...op, 'existingBucket', 'currentPolicyFile'], arn),
    key,
  };
}

/** `<account>/<role name, lowercase>` of an owner role. */
function ownerRoleKey(owner: string, c: RawConsumer): string {
  return `${owner}/${(c.ownerRoleName ?? defaultOwnerRoleName(c.name)).toLowerCase()}`;
}

/**
 * Owner roles that one entry creates and another entry grants on as its `existingOwnerRole`: the
 * creating stack cannot confine such a role to its own share, or the other entry's share would be
 * denied (and one stack cannot name another's new key).
 */
function ownerRolesSharedAcrossEntries(stacks: readonly RawStack[]): Set<string> {
  const existing = new Set<string>();
  for (const stack of stacks) {
    if (stack.approach !== 'assume-role') continue;
    for (const c of stack.consumers) if (c.existingOwnerRole) existing.add(ownerRoleKey(stack.owner.accountId, c));
  }
  return existing;
}

function toModel(stack: RawStack, current: CurrentPolicies, shared: ReadonlySet<string>): StackModel {
  return {
    ...stack,
    currentBucketPolicy: current.bucket,
    currentKeyPolicy: current.key,
    backend:
      stack.backend === undefined
        ? undefined
        : {
            s3: {
              ...stack.backend.s3,
              keyPrefix: stack.backend.s3.keyPrefix === '' ? '' : normalisePrefix(stack.backend.s3.keyPrefix),
            },
          },
    consumers: stack.consumers.map((c) => ({
      ...c,
      trustedPrincipals: c.trustedPrincipals ?? [`arn:${partitionOf(stack.region)}:iam::${c.accountId}:root`],
      sessionTagKeys: [...new Set(c.sessionTagKeys ?? [])],
      access: c.access as ConsumerModel['access'],
      prefixes: [...new Set(c.prefixes.map(normalisePrefix))],
      ownerRoleName: c.ownerRoleName ?? defaultOwnerRoleName(c.name),
      accessPointName: c.accessPointName ?? defaultAccessPointName(c.name, stack.owner.bucketName),
      confineOwnerRole:
        stack.approach === 'assume-role' && !c.existingOwnerRole && !shared.has(ownerRoleKey(stack.owner.accountId, c)),
    })),
  };
}

/**
 * Validates a parsed config object and returns the model.
 * @param source where the config came from, for the error message (a file path or `default config`)
 * @throws ConfigError listing every problem with its field path, value and rule
 */
export function parseConfig(input: unknown, source: string, options: ParseOptions = {}): ConfigModel {
  const problems: ConfigProblem[] = [];
  placeholderProblems(input, [], problems);
  const result = configSchema.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          problems.push({
            path: formatPath([...issue.path, key]),
            value: valueAt(input, [...issue.path, key]),
            rule: `is not a known key here (a typo?): ${issue.message}`,
          });
        }
      } else {
        const value = valueAt(input, issue.path);
        const rule = value === undefined ? `is required: ${issue.message}` : issue.message;
        problems.push({ path: formatPath(issue.path), value, rule });
      }
    }
  }
  const partial = partialStacks(input);
  problems.push(...crossFieldProblems(partial));
  const baseDir = options.baseDir ?? process.cwd();
  const current = partial.map((stack, si) => readCurrentPolicies(stack, si, baseDir, problems));
  const unique = problems.filter((p, i) => problems.findIndex((q) => q.path === p.path && q.rule === p.rule) === i);
  if (unique.length > 0 || !result.success) throw new ConfigError(source, unique);
  const shared = ownerRolesSharedAcrossEntries(result.data.stacks);
  const stacks = result.data.stacks.map((stack, si) => toModel(stack, current[si], shared));
  return { stacks, warnings: stacks.flatMap((stack, si) => stackWarnings(stack, si)) };
}

/** Short or guessable external IDs: it is not a secret, but it should be unique per consumer. */
const GUESSABLE_EXTERNAL_ID = /^(external[-_]?id|test|secret|password|changeme|default|example|demo|123456.*)$/i;

function stackWarnings(stack: StackModel, si: number): ConfigProblem[] {
  const warnings: ConfigProblem[] = [];
  const sp = `stacks[${si}]`;
  if (stack.owner.bucketName.includes('.')) {
    warnings.push({
      path: `${sp}.owner.bucketName`,
      value: stack.owner.bucketName,
      rule: 'contains dots: TLS certificates do not match virtual-hosted-style addresses of such buckets; clients need path-style requests (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html)',
    });
  }
  if (stack.owner.existingBucket?.adopt && stack.owner.encryption === 'kms' && stack.owner.kmsKeyArn === undefined) {
    warnings.push({
      path: `${sp}.owner.kmsKeyArn`,
      value: undefined,
      rule: 'is not set, so the adopted bucket gets a new key as its default encryption: objects written before stay encrypted as they are, and if that is another KMS key the consumers cannot read them; give that key here to keep it',
    });
  }
  if (stack.approach === 'assume-role') {
    stack.consumers.forEach((c, ci) => {
      if (!c.existingOwnerRole && !c.confineOwnerRole) {
        warnings.push({
          path: `${sp}.consumers[${ci}].ownerRoleName`,
          value: c.ownerRoleName,
          rule: `is created here and named by another entry as its "existingOwnerRole", so the stack does not confine it to this share (the other entry's share would be denied): within the owner account any resource policy that trusts the whole account reaches consumer ${c.name}'s sessions too; deny the role everything outside its shares in a policy of your own (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html)`,
        });
      }
      if (!c.existingOwnerRole) return;
      warnings.push({
        path: `${sp}.consumers[${ci}].existingOwnerRole`,
        value: true,
        rule: `is set, so the stack does not confine the role ${c.ownerRoleName} to this share (it may hold other duties): within the owner account any resource policy that trusts the whole account (a bucket policy with "Principal": "*" and aws:PrincipalAccount, a key policy with kms:CallerAccount) reaches consumer ${c.name}'s sessions too; deny the role everything outside its shares in its own policy (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html)`,
      });
    });
  }
  stack.consumers.forEach((c, ci) => {
    const trustsAwsPrincipals = c.trustedPrincipals.some((t) => t.startsWith('arn:'));
    if (stack.approach === 'direct' && !c.existingRole && !trustsAwsPrincipals) {
      for (const key of ['sessionTagKeys', 'sourceIdentity'] as const) {
        if (key === 'sessionTagKeys' ? c.sessionTagKeys.length > 0 : c.sourceIdentity) {
          warnings.push({
            path: `${sp}.consumers[${ci}].${key}`,
            value: c[key],
            rule: 'has no effect: in the direct approach it applies to the AWS principals the consumer role trusts, and "trustedPrincipals" lists only services',
          });
        }
      }
    }
    if (c.podIdentity?.serviceAccount !== undefined && c.podIdentity.namespace === undefined) {
      warnings.push({
        path: `${sp}.consumers[${ci}].podIdentity.serviceAccount`,
        value: c.podIdentity.serviceAccount,
        rule: 'is given without "namespace": a service account of that name in any namespace may use the role; give the namespace too',
      });
    }
  });
  const firstWithId = new Map<string, number>();
  stack.consumers.forEach((c, ci) => {
    if (c.externalId === undefined) return;
    const id = c.externalId;
    const same = firstWithId.get(id);
    if (same !== undefined) {
      warnings.push({
        path: `${sp}.consumers[${ci}].externalId`,
        value: id,
        rule: `is also the external ID of consumers[${same}]: give each consumer its own (${EXTERNAL_ID_DOC})`,
      });
    } else firstWithId.set(id, ci);
    const guessable =
      GUESSABLE_EXTERNAL_ID.test(id) ||
      [c.accountId, stack.owner.accountId, c.name, c.roleName, c.ownerRoleName].some(
        (v) => v.toLowerCase() === id.toLowerCase(),
      );
    if (id.length < 16 || guessable) {
      warnings.push({
        path: `${sp}.consumers[${ci}].externalId`,
        value: id,
        rule: `is ${guessable ? 'guessable' : `short (${id.length} characters)`}: use a unique value of 16 or more characters per consumer, e.g. a UUID (${EXTERNAL_ID_DOC})`,
      });
    }
  });
  return warnings;
}
