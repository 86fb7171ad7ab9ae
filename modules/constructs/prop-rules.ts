/**
 * Which rules of `modules/rules/` each construct's props answer to, and where each rule's field
 * sits in the props. The rules themselves live in `modules/rules/`, one per file, shared with the
 * config file; this file only maps props to them.
 */
import {
  ACCESS_MODES,
  ConsumerContext,
  ENCRYPTIONS,
  ConsumerSubject,
  OwnerSubject,
  RuleProblem,
  checkAccessPointName,
  checkAccessPointNameMode,
  checkAccountId,
  checkAdoptKeyArn,
  checkAdoptKeyMultiRegion,
  checkAssumeRoleOptions,
  checkBucketName,
  checkConsumerAccount,
  checkDefaultAccessPointName,
  checkEksClusterArn,
  checkExistingBucketKey,
  checkExistingOwnerRoleApproach,
  checkExistingRoleSessionOptions,
  checkExistingRoleTrustedPrincipals,
  checkExternalId,
  checkExternalIdRequired,
  checkKmsKeyAccount,
  checkKmsKeyArn,
  checkKmsKeyEncryption,
  checkKmsKeyNotAlias,
  checkKmsKeyPartition,
  checkKmsKeyRegion,
  checkKubernetesNamespace,
  checkKubernetesServiceAccount,
  checkLogicalName,
  checkNoPlaceholder,
  checkOwnerRoleNameLength,
  checkPodIdentityClusterAccount,
  checkPodIdentityClusterPartition,
  checkPodIdentityEmpty,
  checkPodIdentityTrust,
  checkPrefix,
  checkPrefixesNested,
  checkListForWriters,
  checkLifecycle,
  checkAccessLogs,
  checkMinimumTlsVersion,
  checkNetworkPerimeter,
  checkVpcEndpointId,
  checkVpcId,
  checkPermissionsBoundaryArn,
  checkConsumerPermissionsBoundary,
  checkVersionsForReaders,
  checkPrefixesUnique,
  checkPrincipal,
  checkRegion,
  checkRoleChainingDuration,
  checkRoleName,
  checkRolePath,
  checkSessionTagKey,
  checkSessionTagKeysUnique,
  checkTrustedPrincipalPartition,
  checkUniqueAccessPointNames,
  checkUniqueConsumerNames,
  checkUniqueSids,
} from '../rules';
import { LEVEL_OPTIONS } from '../policy/access-levels';
import { Token } from 'cdktf';
import { ValueRule, renameKeys, throwIfProblems, valueProblems, withoutTokens } from './validate';

/** The owner's props as the owner rules read them (see `SharedBucketProps`). */
export interface OwnerProps {
  /** The owner account, 12 digits. */
  readonly accountId: string;
  /** The bucket's region. */
  readonly region: string;
  /** The bucket's name. */
  readonly bucketName: string;
  /** @default 'kms' */
  readonly encryption?: 'kms' | 's3';
  /**
   * An existing key, by full key ARN (the config's `kmsKeyArn`).
   * @default undefined: a new key
   */
  readonly existingKmsKeyArn?: string;
  /**
   * The bucket exists already.
   * @default undefined: the stack creates the bucket
   */
  readonly existingBucket?: { readonly adopt: boolean };
  /**
   * The minimum TLS version.
   * @default undefined: AWS's own minimum
   */
  readonly minimumTlsVersion?: string;
  /**
   * Server access logging: the log bucket and the key prefix.
   * @default undefined: no access logs
   */
  readonly accessLogs?: OwnerSubject['accessLogs'];
  /**
   * Lifecycle rules, days each.
   * @default undefined: no lifecycle configuration
   */
  readonly lifecycle?: Omit<NonNullable<OwnerSubject['lifecycle']>, 'currentRulesFile'>;
  /**
   * An adopted bucket's current lifecycle rules; only its `source` is read (the value a problem names).
   * @default undefined: none given
   */
  readonly currentLifecycle?: { readonly source: string };
  /**
   * The existing key is adopted into the stack.
   * @default undefined: an existing key is not managed
   */
  readonly adoptKey?: {
    /** The key's current key policy; only its `source` is read (the value a problem names). */
    readonly currentPolicy: { readonly source: string };
    /**
     * The deployer confirms it may call `kms:PutKeyPolicy`: the lockout rule is skipped.
     * @default false
     */
    readonly deployerIsKeyAdministrator?: boolean;
  };
}

/** One of `values` (for JavaScript callers; TypeScript's types say the same). */
const oneOf =
  (...values: readonly string[]) =>
  (v: string): string | undefined =>
    values.includes(v) ? undefined : `must be one of ${values.map((x) => `"${x}"`).join(', ')}`;

/** The region names every ARN's partition, so it must be known at synth. */
const literalRegion = (props: OwnerProps): RuleProblem[] =>
  Token.isUnresolved(props.region)
    ? [
        {
          path: ['region'],
          value: props.region,
          rule: 'must be written in the code, not a Terraform reference: the partition of every ARN the stack writes derives from it',
        },
      ]
    : [];

const OWNER_VALUE_RULES: readonly ValueRule[] = [
  { path: ['accountId'], check: checkAccountId },
  { path: ['region'], check: checkRegion },
  { path: ['bucketName'], check: checkBucketName },
  { path: ['encryption'], check: oneOf(...ENCRYPTIONS) },
  { path: ['accessMode'], check: oneOf(...ACCESS_MODES) },
  { path: ['accessLogs', 'bucket'], check: checkBucketName },
  { path: ['minimumTlsVersion'], check: checkMinimumTlsVersion },
];

/** The owner rules over several fields, in the config's order. */
const OWNER_RULES: ReadonlyArray<(owner: OwnerSubject) => RuleProblem[]> = [
  checkExistingBucketKey,
  checkAdoptKeyArn,
  checkAdoptKeyMultiRegion,
  checkKmsKeyEncryption,
  checkKmsKeyArn,
  checkKmsKeyNotAlias,
  checkKmsKeyAccount,
  checkKmsKeyRegion,
  checkKmsKeyPartition,
  checkLifecycle,
  checkAccessLogs,
];

/**
 * Checks a shared bucket's props with the owner rules of the config file.
 * @throws PropsError naming each prop that breaks a rule, its value and the rule
 */
export function validateOwnerProps(where: string, props: OwnerProps): void {
  const single = [...literalRegion(props), ...valueProblems(props, OWNER_VALUE_RULES)];
  const subject: OwnerSubject = withoutTokens({
    accountId: props.accountId,
    bucketName: props.bucketName,
    region: props.region,
    encryption: props.encryption,
    kmsKeyArn: props.existingKmsKeyArn,
    existingBucket: props.existingBucket,
    accessLogs: props.accessLogs,
    lifecycle:
      props.lifecycle === undefined
        ? undefined
        : { ...props.lifecycle, currentRulesFile: props.currentLifecycle?.source },
    adoptKey:
      props.adoptKey === undefined
        ? undefined
        : {
            currentPolicyFile: props.adoptKey.currentPolicy.source,
            deployerIsKeyAdministrator: props.adoptKey.deployerIsKeyAdministrator,
          },
  });
  // A field that broke its own rule is not read again by the rules over several fields.
  const broken = new Set(single.map((p) => p.path[0]));
  const valid = Object.fromEntries(Object.entries(subject).filter(([k]) => !broken.has(k))) as OwnerSubject;
  const several = OWNER_RULES.flatMap((rule) => rule(valid));
  const rename = renameKeys({ kmsKeyArn: ['existingKmsKeyArn'] });
  throwIfProblems(where, [...single, ...several], (path) =>
    path[0] === 'lifecycle' && path[1] === 'currentRulesFile' ? ['currentLifecycle'] : rename(path),
  );
}

/**
 * What the grant rules read of a grantee, in the config file's terms (a consumer's fields); each
 * grantee kind fills the fields it has. Inlined where the API docs reference it.
 * @inline
 */
export type GranteeSubject = Pick<
  ConsumerSubject,
  | 'accountId'
  | 'roleName'
  | 'rolePath'
  | 'existingRole'
  | 'trustedPrincipals'
  | 'sessionTagKeys'
  | 'sourceIdentity'
  | 'podIdentity'
  | 'permissionsBoundary'
>;

/** The props of the grantee kinds, as far as the grant rules read them. */
interface GranteeProps {
  readonly accountId: string;
  readonly roleName: string;
  readonly rolePath?: string;
  readonly trustedPrincipals?: readonly string[];
  readonly sessions?: { readonly tagKeys?: readonly string[]; readonly sourceIdentity?: boolean };
  readonly podIdentity?: GranteeSubject['podIdentity'];
  readonly permissionsBoundary?: string;
}

/**
 * A grantee's props in the config file's terms (see {@link GRANTEE_PROP_PATHS} for the way back).
 * @param existingRole the stack does not write the role's trust policy
 */
export function granteeSubjectOf(props: GranteeProps, existingRole: boolean): GranteeSubject {
  return {
    accountId: props.accountId,
    roleName: props.roleName,
    rolePath: props.rolePath,
    existingRole,
    trustedPrincipals: props.trustedPrincipals,
    sessionTagKeys: props.sessions?.tagKeys,
    sourceIdentity: props.sessions?.sourceIdentity,
    podIdentity: props.podIdentity,
    permissionsBoundary: props.permissionsBoundary,
  };
}

/** Where the consumer fields a grantee supplies sit in its props. */
const GRANTEE_PROP_PATHS: Readonly<Record<string, readonly PropertyKey[]>> = {
  sessionTagKeys: ['sessions', 'tagKeys'],
  sourceIdentity: ['sessions', 'sourceIdentity'],
};

const GRANTEE_VALUE_RULES: readonly ValueRule[] = [
  { path: ['accountId'], check: checkAccountId },
  { path: ['roleName'], check: checkRoleName },
  { path: ['rolePath'], check: checkRolePath },
  { path: ['trustedPrincipals'], check: checkPrincipal },
  { path: ['sessions', 'tagKeys'], check: checkSessionTagKey },
  { path: ['podIdentity', 'clusterArn'], check: checkEksClusterArn },
  { path: ['podIdentity', 'namespace'], check: checkKubernetesNamespace },
  { path: ['podIdentity', 'serviceAccount'], check: checkKubernetesServiceAccount },
  { path: ['permissionsBoundary'], check: checkPermissionsBoundaryArn },
];

/** The rules over a grantee's own fields, which need nothing of the bucket. */
const GRANTEE_RULES: ReadonlyArray<(grantee: GranteeSubject) => RuleProblem[]> = [
  (g) => checkPodIdentityTrust(g),
  (g) => checkPodIdentityEmpty(g),
  (g) => checkPodIdentityClusterAccount(g),
  (g) => checkSessionTagKeysUnique(g),
  (g) => checkExistingRoleTrustedPrincipals(g),
  (g) => checkConsumerPermissionsBoundary(g, {}),
];

/**
 * Checks a grantee's props (`accountId`, `roleName`, `rolePath`, `trustedPrincipals`, `sessions`,
 * `podIdentity`, as far as the kind has them) with the consumer rules of the config file.
 * @throws PropsError naming each prop that breaks a rule, its value and the rule
 */
export function validateGranteeProps(where: string, props: object, subject: GranteeSubject): void {
  const single = valueProblems(props, GRANTEE_VALUE_RULES);
  const several = single.length > 0 ? [] : GRANTEE_RULES.flatMap((rule) => rule(withoutTokens(subject)));
  throwIfProblems(where, [...single, ...several], renameKeys(GRANTEE_PROP_PATHS));
}

/** A grant as the grant rules read it: the grant's options, and the bucket's and grantee's facts. */
export interface GrantSubject {
  /** The grant's name, access level and options, in the config's terms. */
  readonly consumer: ConsumerSubject;
  /** The bucket's facts (approach is the grant's). */
  readonly context: Required<
    Pick<ConsumerContext, 'approach' | 'region' | 'ownerAccountId' | 'accessMode' | 'bucketName'>
  >;
}

/** Where the config's consumer fields sit among a grant's arguments (`options`, `grantee`). */
const GRANT_PROP_PATHS: Readonly<Record<string, readonly PropertyKey[]>> = {
  name: ['options', 'name'],
  prefixes: ['options', 'prefixes'],
  ...Object.fromEntries(LEVEL_OPTIONS.map((key) => [key, ['options', key]])),
  network: ['options', 'network'],
  accessPointName: ['options', 'accessPointName'],
  externalId: ['options', 'assumeRole', 'externalId'],
  ownerRoleName: ['options', 'assumeRole', 'ownerRoleName'],
  ownerRolePath: ['options', 'assumeRole', 'ownerRolePath'],
  sessionDurationSeconds: ['options', 'assumeRole', 'sessionDurationSeconds'],
  existingOwnerRole: ['options', 'assumeRole', 'existingOwnerRole'],
  accountId: ['grantee', 'accountId'],
  roleName: ['grantee', 'roleName'],
  rolePath: ['grantee', 'rolePath'],
  trustedPrincipals: ['grantee', 'trustedPrincipals'],
  sessionTagKeys: ['grantee', 'sessions', 'tagKeys'],
  sourceIdentity: ['grantee', 'sessions', 'sourceIdentity'],
  podIdentity: ['grantee', 'podIdentity'],
};

const GRANT_VALUE_RULES: readonly ValueRule[] = [
  // A grantee kind of the user's own is checked here; the built-in kinds checked theirs already.
  { path: ['accountId'], check: checkAccountId },
  { path: ['roleName'], check: checkRoleName },
  { path: ['name'], check: checkLogicalName },
  { path: ['prefixes'], check: checkPrefix, literalParts: true },
  { path: ['accessPointName'], check: checkAccessPointName },
  { path: ['externalId'], check: checkExternalId },
  { path: ['externalId'], check: checkNoPlaceholder },
  { path: ['ownerRoleName'], check: checkRoleName },
  { path: ['ownerRolePath'], check: checkRolePath },
  { path: ['network', 'vpcEndpoints'], check: checkVpcEndpointId },
  { path: ['network', 'vpcs'], check: checkVpcId },
];

/** The consumer rules that need the bucket or the approach, in the config's order. */
const GRANT_RULES: ReadonlyArray<(c: ConsumerSubject, context: GrantSubject['context']) => RuleProblem[]> = [
  checkAccessPointNameMode,
  checkDefaultAccessPointName,
  checkConsumerAccount,
  checkTrustedPrincipalPartition,
  checkExistingOwnerRoleApproach,
  checkPodIdentityClusterPartition,
  checkExistingRoleSessionOptions,
  checkExternalIdRequired,
  checkOwnerRoleNameLength,
  checkRoleChainingDuration,
  checkAssumeRoleOptions,
  (c) => checkPrefixesUnique(c),
  (c) => checkPrefixesNested(c),
  (c) => checkListForWriters(c),
  (c) => checkVersionsForReaders(c),
  (c) => checkNetworkPerimeter(c),
];

/**
 * Checks a grant's options against the consumer rules of the config file, and against the bucket's
 * earlier grants (unique names, Sids and access point names).
 * @param earlier the bucket's earlier grants, in order
 * @throws PropsError naming each option (`options.prefixes[0]`) or grantee prop that breaks a rule
 */
export function validateGrant(where: string, grant: GrantSubject, earlier: readonly ConsumerSubject[]): void {
  const consumer = withoutTokens(grant.consumer);
  const apName = grant.consumer.accessPointName;
  const single = [
    ...(apName !== undefined && Token.isUnresolved(apName)
      ? [
          {
            path: ['accessPointName'],
            value: apName,
            rule: "must be written in the code, not a Terraform reference: it names the access point's construct and its ARN in the policies",
          },
        ]
      : []),
    ...valueProblems(grant.consumer, GRANT_VALUE_RULES),
  ];
  const several =
    single.length > 0
      ? []
      : [...GRANT_RULES.flatMap((rule) => rule(consumer, grant.context)), ...acrossGrants(grant, consumer, earlier)];
  const names = earlier.map((c) => c.name);
  throwIfProblems(
    where,
    [...single, ...several].map((p) => ({ ...p, rule: inGrantTerms(p.rule, names) })),
    renameKeys(GRANT_PROP_PATHS),
  );
}

/** A rule's text in the library's terms: `consumers[0]` is the bucket's first grant, `prefixes[1]` an option. */
function inGrantTerms(rule: string, earlierNames: readonly string[]): string {
  return rule
    .replace(/\bconsumers\[(\d+)\]/g, (m, i: string) => {
      const name = earlierNames[Number(i)];
      return name === undefined ? m : `grant "${name}"`;
    })
    .replace(/(^|[^.\w])prefixes\[(\d+)\]/g, '$1options.prefixes[$2]');
}

/** The entry rules over the bucket's grants, as far as they concern the new (last) grant. */
function acrossGrants(
  grant: GrantSubject,
  consumer: ConsumerSubject,
  earlier: readonly ConsumerSubject[],
): RuleProblem[] {
  const consumers = [...earlier, consumer];
  const entry = {
    accessMode: grant.context.accessMode,
    owner: { accountId: grant.context.ownerAccountId, bucketName: grant.context.bucketName },
    consumers,
  };
  const last = consumers.length - 1;
  return [checkUniqueConsumerNames(entry), checkUniqueSids(entry), checkUniqueAccessPointNames(entry)]
    .flat()
    .filter((p) => p.path[0] === 'consumers' && p.path[1] === last)
    .map((p) => ({ ...p, path: p.path.slice(2) }));
}
