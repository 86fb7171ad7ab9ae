/**
 * The config file: its schema (zod), and the validated model the stacks are built from.
 * Every problem is reported with the field path, the value and the rule, all at once.
 */
import { z } from 'zod';
import { partitionOf } from '../policy/arn';
import { CurrentPolicy } from '../policy/current';
import type { CurrentLifecycle } from '../policy/lifecycle';
import type { NetworkPerimeter } from '../policy/network';
import { TRUST_POLICY_DEFAULT_MAX, TRUST_POLICY_QUOTA_MAX } from '../policy/limits';
import type { LevelOptions } from '../policy/access-levels';
import { ACCESS_LEVELS, MinimumTlsVersion } from '../policy/s3';
import {
  ACCESS_MODES,
  ConfigSubject,
  ENCRYPTIONS,
  RuleCheck,
  SESSION_TAGS_DOC,
  SESSION_TAGS_MAX,
  accessPointNameOf,
  checkAccessPointName,
  checkAccountId,
  checkBucketName,
  checkEksClusterArn,
  checkExternalId,
  checkKubernetesNamespace,
  checkKubernetesServiceAccount,
  checkLogicalName,
  checkMinimumTlsVersion,
  checkOrganizationId,
  checkOuPath,
  checkPermissionsBoundaryArn,
  checkVpcEndpointId,
  checkVpcId,
  checkPrefix,
  checkPrincipal,
  checkProviderCredentials,
  checkRegion,
  checkRoleArn,
  checkRoleName,
  checkRolePath,
  checkSessionName,
  checkSessionTagKey,
  checkStateKeyPrefix,
  formatPath,
  normalisePrefix,
  ownerRoleKey,
  ownerRoleNameOf,
  ownerRolesNamedAsExisting,
} from '../rules';
import { configWarnings, crossFieldProblems, placeholderProblems } from './checks';
import { CurrentPolicies, readCurrentPolicies } from './current-policies';
import { ConfigError, ConfigProblem } from './problems';
import { configErrorMap, knownKeysAt, unknownKeyRule } from './messages';

export { ConfigError, formatPath, formatProblem } from './problems';
export type { ConfigProblem } from './problems';
export { defaultAccessPointName, defaultOwnerRoleName, entryStackNames } from '../rules/derived-names';
export type { EntryStackNames } from '../rules/derived-names';

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
    for (const p of checkProviderCredentials(ctx.value)) {
      const path = p.path.length === 0 ? {} : { path: [...p.path] };
      ctx.issues.push({ code: 'custom', message: p.rule, ...path, input: ctx.value });
    }
  });

const consumerSchema = z.strictObject({
  name: ruled(checkLogicalName),
  accountId: ruled(checkAccountId),
  roleName: ruled(checkRoleName),
  rolePath: ruled(checkRolePath).default('/'),
  existingRole: z.boolean().default(false),
  additionalRoles: z
    .array(
      z.strictObject(
        {
          /** An existing role of the consumer account. */
          roleName: ruled(checkRoleName),
          /** Its path, `/` or `/a/b/`. */
          rolePath: ruled(checkRolePath).default('/'),
        },
        { error: 'must be an object: { "roleName": "<existing role of the consumer account>", "rolePath"?: "/…/" }' },
      ),
      { error: 'must be a list of roles, for example [{ "roleName": "BatchRole" }]' },
    )
    .default([]),
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
  delete: z.boolean().default(false),
  list: z.boolean().default(false),
  versions: z.boolean().default(false),
  tagging: z.boolean().default(false),
  analytics: z.boolean().default(false),
  permissionsBoundary: ruled(checkPermissionsBoundaryArn).optional(),
  network: z
    .strictObject(
      {
        /** VPC endpoint IDs the consumer's requests may come through. */
        vpcEndpoints: z.array(ruled(checkVpcEndpointId)).optional(),
        /** VPC IDs the consumer's requests may come from. */
        vpcs: z.array(ruled(checkVpcId)).optional(),
      },
      { error: 'must be an object: { "vpcEndpoints"?: ["vpce-…"], "vpcs"?: ["vpc-…"] }' },
    )
    .optional(),
  externalId: ruled(checkExternalId).optional(),
  ownerRoleName: ruled(checkRoleName).optional(),
  ownerRolePath: ruled(checkRolePath).default('/'),
  sessionDurationSeconds: z.number().int().min(900).max(43_200).default(3600),
  accessPointName: ruled(checkAccessPointName).optional(),
  existingOwnerRole: z.boolean().default(false),
  provider: providerSchema.optional(),
});

const ownerSchema = z.strictObject({
  /** The owner account, a string of 12 digits. */
  accountId: ruled(checkAccountId),
  /**
   * The shared bucket: 3–63 characters under S3's general-purpose naming rules.
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
   */
  bucketName: ruled(checkBucketName),
  /** `kms`: SSE-KMS with a customer-managed key; `s3`: SSE-S3. Default `kms`. */
  encryption: z.enum(ENCRYPTIONS).default('kms'),
  /**
   * S3 Bucket Key (fewer KMS calls). Default true.
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html
   */
  bucketKeyEnabled: z.boolean().default(true),
  /**
   * An existing key of the owner account in the entry's region, by full key ARN; the stack then
   * creates no key and does not write its key policy. Undefined: a new key.
   * https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id
   */
  kmsKeyArn: z.string().optional(),
  /** Bucket versioning (a cross-account writer can overwrite objects). Default true. */
  versioning: z.boolean().default(true),
  /**
   * A permissions boundary (managed policy ARN of the owner account, or AWS managed) for every
   * owner role the stack creates (assume-role). Undefined: none.
   */
  permissionsBoundary: ruled(checkPermissionsBoundaryArn).optional(),
  /** Deny requests to the bucket over TLS older than this version: only "1.3". Undefined: AWS's own minimum (1.2). */
  minimumTlsVersion: ruled(checkMinimumTlsVersion)
    .transform((v) => v as MinimumTlsVersion)
    .optional(),
  /**
   * Server access logging of a bucket the stack manages into another bucket of the owner account
   * in the same region: its name and the key prefix of the log objects (default `<bucket name>/`).
   */
  accessLogs: z
    .strictObject(
      {
        /** The log bucket's name. */
        bucket: ruled(checkBucketName),
        /** Key prefix of the log objects. */
        prefix: z.string().optional(),
      },
      { error: 'must be an object: { "bucket": "<log bucket name>", "prefix"?: "<key prefix>" }' },
    )
    .optional(),
  /**
   * Lifecycle rules of a bucket the stack manages: noncurrent versions expire, incomplete
   * multipart uploads abort, after whole days; an adopted bucket's current rules from a file.
   */
  lifecycle: z
    .strictObject(
      {
        /** Noncurrent versions expire after this many days (a whole number, at least 1). */
        noncurrentVersionExpirationDays: z.number().int().min(1).optional(),
        /** Incomplete multipart uploads abort after this many days (a whole number, at least 1). */
        abortIncompleteMultipartUploadDays: z.number().int().min(1).optional(),
        /** An adopted bucket's current rules: a file's path (relative to the config file), or null when it has none. */
        currentRulesFile: z
          .string({
            error:
              "must be the path of a file with the bucket's current lifecycle rules (relative to the config file), or null when it has none",
          })
          .min(1)
          .nullable()
          .optional(),
      },
      {
        error:
          'must be an object: { "noncurrentVersionExpirationDays"?: days, "abortIncompleteMultipartUploadDays"?: days, "currentRulesFile"?: "<path>" or null }',
      },
    )
    .optional(),
  /** The bucket exists: the stack grants on it, or adopts it with import blocks. Undefined: the stack creates it. */
  existingBucket: z
    .strictObject(
      {
        /** Adopt the bucket with `import` blocks and manage it; false: only grant on it. Default false. */
        adopt: z.boolean().default(false),
        /**
         * Path of a file with the bucket's current policy, relative to the config file; null when
         * the bucket has no policy.
         */
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
  /**
   * Adopt the key `kmsKeyArn` with `import` blocks, keeping its key policy's statements exactly.
   * Undefined: an existing key is not managed.
   */
  adoptKey: z
    .strictObject(
      {
        /** Path of a file with the key's current key policy, relative to the config file. */
        currentPolicyFile: z
          .string({
            error:
              "must be the path of a file with the key's current key policy (relative to the config file); every key has one",
          })
          .min(1),
        /**
         * The deployer may call `kms:PutKeyPolicy` on the key: skips the lockout rule. Default false.
         * https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html
         */
        deployerIsKeyAdministrator: z.boolean({ error: 'must be true or false' }).default(false),
      },
      { error: 'must be an object: { "currentPolicyFile": "<path>", "deployerIsKeyAdministrator"?: true or false }' },
    )
    .optional(),
  /** How the stack signs in to the owner account. Undefined: the ambient credentials. */
  provider: providerSchema.optional(),
});

const backendSchema = z.strictObject({
  /**
   * Terraform's `s3` backend: state files in a bucket.
   * https://developer.hashicorp.com/terraform/language/backend/s3
   */
  s3: z.strictObject({
    /** The state bucket. */
    bucket: ruled(checkBucketName),
    /** The state bucket's region. */
    region: ruled(checkRegion),
    /** Prefix of the state keys, `<keyPrefix><stack name>.tfstate`. Default `cross-account-s3/`. */
    keyPrefix: ruled(checkStateKeyPrefix).default('cross-account-s3/'),
    /** S3 native state locking with a lock file. Default true. */
    useLockfile: z.boolean().default(true),
    /** Named profile for the state bucket. Undefined: no profile. */
    profile: z.string().min(1).optional(),
    /** Role assumed for the state bucket. Undefined: no role. */
    roleArn: ruled(checkRoleArn).optional(),
  }),
});

const stackSchema = z.strictObject({
  name: ruled(checkLogicalName),
  approach: z.enum(['direct', 'assume-role']),
  region: ruled(checkRegion),
  owner: ownerSchema,
  consumers: z.array(consumerSchema).min(1),
  /** Organizations (or some of their OUs) granted read access: resource-side statements with Principal "*". */
  organizations: z
    .array(
      z.strictObject(
        {
          /** The grant's name: its Sids derive from it. */
          name: ruled(checkLogicalName),
          /** The Organization's ID. */
          organizationId: ruled(checkOrganizationId),
          /** OU paths: only accounts in these OUs and below. */
          ouPaths: z.array(ruled(checkOuPath)).default([]),
          /** Key prefixes the grant is limited to. */
          prefixes: z.array(ruled(checkPrefix)).default([]),
        },
        {
          error:
            'must be an object: { "name": "…", "organizationId": "o-…", "ouPaths"?: ["o-…/r-…/ou-…/"], "prefixes"?: ["…/"] }',
        },
      ),
    )
    .default([]),
  /** Tags of every resource the entry's stacks create (their providers' default tags). */
  tags: z.record(z.string(), z.string()).optional(),
  accessMode: z.enum(ACCESS_MODES).default('bucket-policy'),
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
 * several fields still run on the valid parts while other parts of the entry have errors. An
 * invalid consumer is undefined at its index.
 */
interface PartialStack {
  readonly name?: string;
  readonly approach?: RawStack['approach'];
  readonly region?: string;
  readonly accessMode?: RawStack['accessMode'];
  readonly split?: boolean;
  readonly backend?: RawStack['backend'];
  readonly owner?: RawOwner;
  readonly tags?: RawStack['tags'];
  readonly organizations?: RawStack['organizations'];
  readonly consumers: ReadonlyArray<RawConsumer | undefined>;
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
      tags: ok(stackSchema.shape.tags, entry.tags),
      organizations: ok(stackSchema.shape.organizations, entry.organizations),
      consumers: consumers.map((c: unknown) => ok(consumerSchema, c)),
    };
  });
}

/** How the stack signs in to one account for deployment. */
export type ProviderSettings = z.output<typeof providerSchema>;

/** Access approach of a stack. */
export type Approach = RawStack['approach'];

/** A validated Organization grant (`organizations[]`): reads only, resource side only. */
export interface OrganizationGrantModel {
  /** The grant's name: its Sids derive from it. */
  readonly name: string;
  /** The Organization's ID, `o-…`. */
  readonly organizationId: string;
  /** OU paths (`o-…/r-…/ou-…/`); empty for the whole Organization. */
  readonly ouPaths: readonly string[];
  /** Key prefixes, each ending with `/`; empty for the whole bucket. */
  readonly prefixes: readonly string[];
}

/**
 * A validated consumer, with every default and derived name filled in; its access options (config
 * keys `delete`, `list`, `versions`, `tagging`, `analytics`, see `LevelOptions`) are each true or
 * false.
 */
export interface ConsumerModel extends Required<LevelOptions> {
  /** Consumer name: 2–40 letters, digits and hyphens; Terraform addresses, Sids and outputs derive from it. */
  readonly name: string;
  /** The consumer account, 12 digits (not the owner's). */
  readonly accountId: string;
  /** The workload's role in the consumer account. */
  readonly roleName: string;
  /** The role's path, `/` or `/a/b/`. */
  readonly rolePath: string;
  /** The stack attaches its policy to an existing role of that name instead of creating the role. */
  readonly existingRole: boolean;
  /**
   * Other existing roles of the consumer account with the same grant (`additionalRoles`): named
   * beside the consumer's role where it is named, and given the same identity policy; empty for none.
   */
  readonly additionalRoles: ReadonlyArray<{
    /** The role's name. */
    readonly roleName: string;
    /** The role's path, `/` or `/a/b/`. */
    readonly rolePath: string;
  }>;
  /** Who may assume the consumer role when the module creates it; default the consumer account's root. */
  readonly trustedPrincipals: readonly string[];
  /** Session tag keys the sessions reaching the consumer's roles may pass (`sts:TagSession`); empty for none. */
  readonly sessionTagKeys: readonly string[];
  /** The sessions carry a source identity (`sts:SetSourceIdentity`). */
  readonly sourceIdentity: boolean;
  /**
   * Conditions on EKS Pod Identity's session tags in the consumer role's trust.
   * @default undefined: no conditions (any pod, when the role trusts `pods.eks.amazonaws.com`)
   */
  readonly podIdentity?: {
    /**
     * ARN of an EKS cluster of the consumer account.
     * https://docs.aws.amazon.com/eks/latest/userguide/pod-id-abac.html
     * @default undefined: any cluster
     */
    readonly clusterArn?: string;
    /**
     * Kubernetes namespace (an RFC 1123 label).
     * @default undefined: any namespace
     */
    readonly namespace?: string;
    /**
     * Kubernetes service account (an RFC 1123 subdomain).
     * @default undefined: any service account
     */
    readonly serviceAccount?: string;
  };
  /** What the consumer may do: read, write, or both (see {@link ACCESS_LEVELS}). */
  readonly access: 'read' | 'write' | 'read-write';
  /** Normalised to end with `/`; empty for the whole bucket. */
  readonly prefixes: readonly string[];
  /**
   * External ID of `sts:AssumeRole` on the owner role; set for the assume-role approach.
   * @default undefined: the direct approach
   */
  readonly externalId?: string;
  /** Role in the owner account (assume-role approach); default `S3AccessFrom<Name>`. */
  readonly ownerRoleName: string;
  /** The owner role's path (assume-role approach), `/` or `/a/b/`. */
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
   * The consumer's network perimeter (`network`): VPC endpoints and VPCs its requests must come through.
   * @default undefined: from anywhere
   */
  readonly network?: NetworkPerimeter;
  /**
   * Permissions boundary (managed policy ARN) of the consumer role the stack creates.
   * @default undefined: no boundary
   */
  readonly permissionsBoundary?: string;
  /**
   * Assume-role approach: the stack creates the owner role and confines it to this share; false
   * for an existing owner role, and for a created one that another entry names as its existing
   * owner role (a warning says so).
   */
  readonly confineOwnerRole: boolean;
  /**
   * How the stack signs in to the consumer account.
   * @default undefined: the ambient credentials
   */
  readonly provider?: ProviderSettings;
}

/** Remote state in S3 for every stack of an entry (see the README, "Backends"). */
export type BackendSettings = NonNullable<RawStack['backend']>;

/** A validated stack entry. */
export interface StackModel {
  /** Stack name: the folder `cdktf.out/stacks/<name>` and the state file (split: `<name>-owner`, `<name>-<account>`). */
  readonly name: string;
  /** `direct`: the policies name the consumer roles; `assume-role`: they assume an owner-side role. */
  readonly approach: Approach;
  /** Region of the bucket, the key and every provider. */
  readonly region: string;
  /** The owner account, its bucket and key, with every default filled in. */
  readonly owner: z.output<typeof ownerSchema>;
  /** The consumers, at least one, in the file's order. */
  readonly consumers: readonly ConsumerModel[];
  /** The accounts' trust policy quota, characters (2,048 unless raised). */
  readonly trustPolicyQuota: number;
  /** Where the grants live: the bucket policy, or one access point per consumer. */
  readonly accessMode: 'bucket-policy' | 'access-points';
  /** One stack for the owner account and one per consumer account, instead of one for all. */
  readonly split: boolean;
  /**
   * S3 remote state.
   * @default undefined: a local state file
   */
  readonly backend?: BackendSettings;
  /**
   * The existing bucket's current policy (`owner.existingBucket.currentPolicyFile`), merged into the stack's.
   * @default undefined: no current bucket policy
   */
  readonly currentBucketPolicy?: CurrentPolicy;
  /**
   * The adopted key's current policy (`owner.adoptKey.currentPolicyFile`), merged into the stack's.
   * @default undefined: no adopted key
   */
  readonly currentKeyPolicy?: CurrentPolicy;
  /**
   * The adopted bucket's current lifecycle rules (`owner.lifecycle.currentRulesFile`), kept before the stack's.
   * @default undefined: no file, or null (the bucket has none)
   */
  readonly currentLifecycle?: CurrentLifecycle;
  /**
   * Organizations (or OUs) granted read access (`organizations`), prefixes normalised to end in `/`.
   * @default [] (none)
   */
  readonly organizations: readonly OrganizationGrantModel[];
  /**
   * Tags of every resource the entry's stacks create (`tags`): the default tags of its providers.
   * @default undefined: no tags
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/** The validated config. */
export interface ConfigModel {
  /** The stack entries, at least one, in the file's order. */
  readonly stacks: readonly StackModel[];
  /** Soft problems: the config is valid, but something deserves a look. */
  readonly warnings: readonly ConfigProblem[];
}

/** Options of {@link parseConfig}. */
export interface ParseOptions {
  /**
   * Folder that relative `currentPolicyFile` paths start from.
   * @default the working directory
   */
  readonly baseDir?: string;
}

function toModel(stack: RawStack, current: CurrentPolicies, shared: ReadonlySet<string>): StackModel {
  return {
    ...stack,
    currentBucketPolicy: current.bucket,
    currentKeyPolicy: current.key,
    currentLifecycle: current.lifecycle,
    organizations: stack.organizations.map((o) => ({ ...o, prefixes: [...new Set(o.prefixes.map(normalisePrefix))] })),
    // No tags is no default tags at all.
    tags: stack.tags !== undefined && Object.keys(stack.tags).length > 0 ? stack.tags : undefined,
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
      ownerRoleName: ownerRoleNameOf(c),
      accessPointName: accessPointNameOf(c, stack.owner.bucketName),
      confineOwnerRole:
        stack.approach === 'assume-role' && !c.existingOwnerRole && !shared.has(ownerRoleKey(stack.owner.accountId, c)),
    })),
  };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** The schema's issues as problems: an unknown key each, else the issue's message at its path. */
function schemaProblems(input: unknown, issues: readonly z.core.$ZodIssue[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(configSchema, issue.path);
      for (const key of issue.keys) {
        problems.push({
          path: formatPath([...issue.path, key]),
          value: valueAt(input, [...issue.path, key]),
          rule: unknownKeyRule(key, known),
        });
      }
    } else {
      const value = valueAt(input, issue.path);
      const rule = value === undefined ? `is required: ${issue.message}` : issue.message;
      problems.push({ path: formatPath(issue.path), value, rule });
    }
  }
  return problems;
}

/**
 * Validates a parsed config object and returns the model.
 * @param source where the config came from, for the error message (a file path or `default config`)
 * @throws ConfigError listing every problem with its field path, value and rule
 */
export function parseConfig(input: unknown, source: string, options: ParseOptions = {}): ConfigModel {
  const problems: ConfigProblem[] = [];
  placeholderProblems(input, [], problems);
  const result = configSchema.safeParse(input, { error: configErrorMap });
  if (!result.success) problems.push(...schemaProblems(input, result.error.issues));
  const partial = partialStacks(input);
  problems.push(...crossFieldProblems({ stacks: partial }));
  const baseDir = options.baseDir ?? process.cwd();
  const current = partial.map((stack, si) => readCurrentPolicies(stack, si, baseDir, problems));
  const unique = problems.filter((p, i) => problems.findIndex((q) => q.path === p.path && q.rule === p.rule) === i);
  if (unique.length > 0 || !result.success) throw new ConfigError(source, unique);
  const valid: ConfigSubject = result.data;
  const shared = ownerRolesNamedAsExisting(valid);
  const stacks = result.data.stacks.map((stack, si) => toModel(stack, current[si], shared));
  return { stacks, warnings: configWarnings({ stacks }) };
}
