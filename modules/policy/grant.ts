/**
 * One grant = one principal's access to the shared bucket (and its key). A cross-account grant
 * needs both sides: the resource side (bucket policy, key policy, in the owner account) and the
 * identity side (the principal's own IAM policy). These functions produce both from one spec.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
 */
import { AccessLevel, LevelOptions, grantSids, levelOptionsOf, levelWith } from './access-levels';
import { Partition, objectArns } from './arn';
import { Statement, oneOrMany, principalArns } from './document';
import { S3_ENCRYPTION_CONTEXT_KEY, kmsGrantStatement, s3KeyUseConditions, s3ViaService } from './kms';
import { NetworkPerimeter, networkPerimeterStatement } from './network';
import { listPrefixPatterns, s3GrantStatements } from './s3';

/** The shared bucket as grants see it. */
export interface BucketTarget {
  /** The partition of the bucket's region (ARNs and the S3 endpoint in `kms:ViaService` use it). */
  readonly partition: Partition;
  /** The bucket's region (and its key's): `kms:ViaService` names `s3.<region>.<DNS suffix>`. */
  readonly region: string;
  /** The bucket owner's account, 12 digits: identity grants are pinned to it (`s3:ResourceAccount`). */
  readonly accountId: string;
  /** `arn:<partition>:s3:::<bucket>`. */
  readonly bucketArn: string;
  /**
   * ARN of the customer-managed key (a Terraform reference for a key created in the stack).
   * @default undefined: SSE-S3, no key statements
   */
  readonly keyArn?: string;
}

/** What one grantee gets: its level, prefixes and access options (see `LevelOptions`). */
export interface GrantSpec extends LevelOptions {
  /** Letters and digits, prefix of the grant's Sids in shared policies (`WorkloadA`). */
  readonly sidPrefix: string;
  /** What the grantee may do: `read`, `write` or `read-write`. */
  readonly access: AccessLevel;
  /**
   * Key prefixes, each ending with `/`.
   * @default [] (the whole bucket)
   */
  readonly prefixes?: readonly string[];
  /**
   * The grantee's network perimeter: its requests are denied unless they come through these VPC
   * endpoints or from these VPCs (see `networkPerimeterStatement`), in the bucket policy or its
   * access point's policy.
   * @default undefined: from anywhere
   */
  readonly network?: NetworkPerimeter;
  /**
   * The access point the grant goes through (access-points mode): the S3 statements then name the
   * access point's ARNs and go into its policy, and the KMS statements accept any object of the
   * bucket as encryption context, so that the key policy can list many principals in one statement
   * (S3 calls KMS only for requests the access point allowed).
   * @default undefined: the grant is in the bucket policy
   */
  readonly accessPointArn?: string;
}

/** Resource-side statements of one grant. */
export interface ResourceSide {
  /** Empty in access-points mode. */
  readonly bucketPolicy: Statement[];
  /** Empty in bucket-policy mode. */
  readonly accessPointPolicy: Statement[];
  /** Empty with SSE-S3. */
  readonly keyPolicy: Statement[];
}

/** The encryption-context prefixes of a grant's KMS statements (all of the bucket through an access point). */
function contextPrefixes(spec: GrantSpec): readonly string[] {
  return spec.accessPointArn !== undefined ? [] : (spec.prefixes ?? []);
}

/**
 * The bucket-policy and key-policy statements that name `principalArn` as grantee.
 * @param principalArn the grantee's role ARN, or several roles that get the same grant (one
 *   statement each, with a list of principals)
 */
export function resourceSideStatements(
  target: BucketTarget,
  spec: GrantSpec,
  principalArn: string | readonly string[],
): ResourceSide {
  const prefixes = spec.prefixes ?? [];
  const principal = { AWS: principalArns(principalArn) };
  const s3 = [
    ...s3GrantStatements({
      sidPrefix: spec.sidPrefix,
      access: spec.access,
      bucketArn: spec.accessPointArn ?? target.bucketArn,
      prefixes,
      principal,
      ...levelOptionsOf(spec),
    }),
    ...(spec.network !== undefined
      ? [networkPerimeterStatement(spec.sidPrefix, spec.accessPointArn ?? target.bucketArn, principalArn, spec.network)]
      : []),
  ];
  return {
    bucketPolicy: spec.accessPointArn === undefined ? s3 : [],
    accessPointPolicy: spec.accessPointArn === undefined ? [] : s3,
    keyPolicy:
      target.keyArn === undefined
        ? []
        : [
            kmsGrantStatement({
              sid: grantSids(spec.access, spec.sidPrefix).key,
              access: spec.access,
              resource: '*',
              principal,
              conditions: s3KeyUseConditions(target.region, target.partition, target.bucketArn, contextPrefixes(spec)),
            }),
          ],
  };
}

/** The condition key holding the aliases of the key a request uses. */
export const KMS_RESOURCE_ALIASES_KEY = 'kms:ResourceAliases';

/**
 * The key named by its alias instead of its ARN, for an identity policy written before the key
 * exists (a consumer stack deployed before the owner stack creates the key): the statement allows
 * the owner account's keys that carry the alias. The key policy still names the grantee exactly,
 * and a cross-account request needs both, so only that key is usable.
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-resource-aliases
 */
export interface KeyByAlias {
  /** Account of the key, 12 digits. */
  readonly ownerAccountId: string;
  /** `alias/<name>`. */
  readonly alias: string;
}

/**
 * The grantee's identity-policy statements: the same S3 actions, each pinned to the owner's bucket
 * with `s3:ResourceAccount` (S3 ARNs carry no account), and the key actions on the key
 * ARN with the same conditions as the key policy. In the key's own account an identity policy
 * alone allows key use (the owner-root statement delegates to IAM), so without the conditions it
 * would bypass those of the key policy.
 */
export function identitySideStatements(target: BucketTarget, spec: GrantSpec, keyByAlias?: KeyByAlias): Statement[] {
  const prefixes = spec.prefixes ?? [];
  const statements = s3GrantStatements({
    sidPrefix: '',
    access: spec.access,
    bucketArn: spec.accessPointArn ?? target.bucketArn,
    prefixes,
    resourceAccount: target.accountId,
    ...levelOptionsOf(spec),
  });
  if (target.keyArn !== undefined) {
    const conditions = s3KeyUseConditions(target.region, target.partition, target.bucketArn, contextPrefixes(spec));
    statements.push(
      kmsGrantStatement({
        sid: grantSids(spec.access, '').key,
        access: spec.access,
        resource:
          keyByAlias === undefined
            ? target.keyArn
            : `arn:${target.partition}:kms:${target.region}:${keyByAlias.ownerAccountId}:key/*`,
        conditions:
          keyByAlias === undefined
            ? conditions
            : { ...conditions, 'ForAnyValue:StringEquals': { [KMS_RESOURCE_ALIASES_KEY]: keyByAlias.alias } },
      }),
    );
  }
  return statements;
}

/**
 * What one grant lets its principal do: these actions on these resources. A role confined to its
 * shares (`confinementStatements` in `modules/policy/grant.ts`) is denied everything else.
 */
export interface GrantScope {
  /** The resource ARNs: the bucket, its objects of the granted prefixes (and the access point's), or the key. */
  readonly resources: readonly string[];
  /** The actions granted on every one of {@link GrantScope.resources}. */
  readonly actions: readonly string[];
  /**
   * For a bucket a grant may list: the bucket and access point ARNs, the listing actions, and the
   * `s3:prefix` patterns it may list (empty: any prefix).
   * @default undefined: no listing
   */
  readonly listing?: {
    /** The bucket ARN, and the access point ARN in access-points mode. */
    readonly resources: readonly string[];
    /** The listing actions (`s3:ListBucket`, and `s3:ListBucketVersions` with `versions`). */
    readonly actions: readonly string[];
    /** `s3:prefix` patterns the grant may list (`reports/*`); empty: any prefix. */
    readonly patterns: readonly string[];
  };
  /**
   * For a key: the only use the grant makes of it, through S3 (`kms:ViaService`) for the granted
   * objects (`kms:EncryptionContext:aws:s3:arn`, the bucket ARN or an object ARN inside the prefixes).
   * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service
   * @default undefined: not a key
   */
  readonly keyUse?: {
    /** The S3 endpoint that may use the key, `s3.<region>.amazonaws.com` (`amazonaws.com.cn` in China). */
    readonly viaService: string;
    /** The encryption contexts (`aws:s3:arn` values) the key may be used for. */
    readonly contexts: readonly string[];
  };
}

/**
 * The scopes of a grant: the S3 actions of its level with its options (see `levelWith`) on the
 * bucket and the objects of its prefixes (and, in access-points mode, on the access point and its objects of those prefixes),
 * the prefixes it may list, and the KMS actions of its level on the key (with SSE-KMS) for those
 * objects.
 */
export function grantScopes(target: BucketTarget, spec: GrantSpec): GrantScope[] {
  const prefixes = spec.prefixes ?? [];
  const ap = spec.accessPointArn;
  const s3Resources = [
    target.bucketArn,
    ...objectArns(target.bucketArn, prefixes),
    ...(ap !== undefined ? [ap, ...objectArns(`${ap}/object`, prefixes)] : []),
  ];
  const level = levelWith(spec.access, levelOptionsOf(spec));
  const s3Actions = [...level.objectActions, ...level.aclActions, ...level.listActions, ...level.bucketActions];
  const listing =
    level.listActions.length > 0
      ? {
          listing: {
            resources: [target.bucketArn, ...(ap !== undefined ? [ap] : [])],
            actions: level.listActions,
            patterns: listPrefixPatterns(prefixes),
          },
        }
      : {};
  return [
    { resources: s3Resources, actions: s3Actions, ...listing },
    ...(target.keyArn !== undefined
      ? [
          {
            resources: [target.keyArn],
            actions: [...level.kmsActions],
            keyUse: {
              viaService: s3ViaService(target.region, target.partition),
              contexts: [target.bucketArn, ...objectArns(target.bucketArn, prefixes)],
            },
          },
        ]
      : []),
  ];
}

/**
 * Resources whose values are equal (as JSON) in one group, groups in the order their first
 * resource appears: each group becomes one statement.
 */
function groupByValue<V, T>(
  entries: Iterable<readonly [string, V]>,
  valueOf: (v: V) => T,
): Array<{ value: T; resources: string[] }> {
  const groups = new Map<string, { value: T; resources: string[] }>();
  for (const [resource, v] of entries) {
    const value = valueOf(v);
    const id = JSON.stringify(value);
    const group = groups.get(id) ?? { value, resources: [] };
    group.resources.push(resource);
    groups.set(id, group);
  }
  return [...groups.values()];
}

/** Sid of the first statement of {@link confinementStatements}. */
export const CONFINEMENT_SID = 'DenyEverythingOutsideTheShares';

/** Sid prefix of the per-resource statements of {@link confinementStatements}. */
export const OTHER_ACTIONS_SID = 'DenyOtherActionsOnTheShares';

/** Sid prefixes of the key statements of {@link confinementStatements}. */
export const KEY_OUTSIDE_S3_SID = 'DenyKeyUseOutsideS3';
export const KEY_OTHER_OBJECTS_SID = 'DenyKeyUseForOtherObjects';

/** Sid prefix of the listing statements of {@link confinementStatements}. */
export const LISTING_SID = 'DenyListingOutsideThePrefixes';

/**
 * Confines a role of the owner account to the shares it was made for: within one account a
 * resource policy alone grants access ("Policy evaluation for requests within a single account"),
 * so any bucket policy with `Principal: *` and `aws:PrincipalAccount`, or any key policy in the
 * `kms:CallerAccount` style, would otherwise reach the consumer's session: on other resources, and
 * with other actions on the shared ones (an adopted or existing key whose policy trusts the whole
 * account would let it schedule the key's deletion, or decrypt what others encrypted with it).
 * Explicit denies in the role's own identity policy win over any such Allow: `Deny *` with
 * `NotResource` every share's resources; per shared resource `Deny` with `NotAction` the actions
 * granted on it (the union over the shares that name it); listings outside the shares' prefixes
 * (`s3:prefix`); and per key, every use that is not S3's (`kms:ViaService`) for the shares'
 * objects (`kms:EncryptionContext:aws:s3:arn`). The negated operators match a request without
 * those keys, so a listing without a prefix and a direct KMS call are denied too. A permissions
 * boundary would not do: within an account, a boundary does not reduce what resource-based
 * policies grant ("Permissions boundaries for IAM entities"), and the boundary slot stays free for
 * the user. One set of statements covers every share of the role:
 * per-share `NotResource` denies would deny each other's shares.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
 * @param scopes every scope of every share of the role (see {@link grantScopes})
 */
export function confinementStatements(scopes: readonly GrantScope[]): Statement[] {
  const actionsOf = new Map<string, Set<string>>();
  for (const scope of scopes) {
    for (const r of scope.resources) {
      const set = actionsOf.get(r) ?? new Set<string>();
      for (const a of scope.actions) set.add(a);
      actionsOf.set(r, set);
    }
  }
  // Resources with the same actions share one statement.
  const groups = groupByValue(actionsOf, (actions) => [...actions]);
  // Keys with the same S3 endpoints and buckets share one pair of statements.
  const keyUses = new Map<string, { via: Set<string>; contexts: Set<string> }>();
  for (const scope of scopes) {
    if (scope.keyUse === undefined) continue;
    for (const key of scope.resources) {
      const use = keyUses.get(key) ?? { via: new Set<string>(), contexts: new Set<string>() };
      use.via.add(scope.keyUse.viaService);
      for (const c of scope.keyUse.contexts) use.contexts.add(c);
      keyUses.set(key, use);
    }
  }
  const keyGroups = groupByValue(keyUses, (use) => ({ via: [...use.via], contexts: [...use.contexts] }));
  // Listing: per bucket or access point and per listing action, the prefixes of every share that
  // lists with that action, unless one of them may list all; then, per resource, the actions with
  // the same prefixes together.
  const listing = new Map<string, Map<string, Set<string> | 'any'>>();
  for (const scope of scopes) {
    for (const r of scope.listing?.resources ?? []) {
      const { actions, patterns } = scope.listing!;
      const byAction = listing.get(r) ?? new Map<string, Set<string> | 'any'>();
      for (const a of actions) {
        const known = byAction.get(a);
        if (patterns.length === 0 || known === 'any') byAction.set(a, 'any');
        else byAction.set(a, new Set([...(known ?? []), ...patterns]));
      }
      listing.set(r, byAction);
    }
  }
  const listEntries = [...listing].flatMap(([r, byAction]) =>
    groupByValue(
      [...byAction].filter((e): e is [string, Set<string>] => e[1] !== 'any'),
      (patterns) => [...patterns],
    ).map((g) => [r, { actions: g.resources, patterns: g.value }] as const),
  );
  const listGroups = groupByValue(listEntries, (l) => l);
  const suffix = (i: number) => (i === 0 ? '' : `Group${i + 1}`);
  return [
    { Sid: CONFINEMENT_SID, Effect: 'Deny', Action: '*', NotResource: oneOrMany([...actionsOf.keys()]) },
    ...groups.map((g, i) => ({
      Sid: `${OTHER_ACTIONS_SID}${suffix(i)}`,
      Effect: 'Deny' as const,
      NotAction: oneOrMany(g.value),
      Resource: oneOrMany(g.resources),
    })),
    ...listGroups.map((g, i): Statement => ({
      Sid: `${LISTING_SID}${suffix(i)}`,
      Effect: 'Deny',
      Action: oneOrMany(g.value.actions),
      Resource: oneOrMany(g.resources),
      // No Null guard: a listing without a prefix lists everything.
      Condition: { StringNotLike: { 's3:prefix': oneOrMany(g.value.patterns) } },
    })),
    ...keyGroups.flatMap((g, i): Statement[] => [
      {
        Sid: `${KEY_OUTSIDE_S3_SID}${suffix(i)}`,
        Effect: 'Deny',
        Action: 'kms:*',
        Resource: oneOrMany(g.resources),
        Condition: { StringNotEquals: { 'kms:ViaService': oneOrMany(g.value.via) } },
      },
      {
        Sid: `${KEY_OTHER_OBJECTS_SID}${suffix(i)}`,
        Effect: 'Deny',
        Action: 'kms:*',
        Resource: oneOrMany(g.resources),
        Condition: { StringNotLike: { [S3_ENCRYPTION_CONTEXT_KEY]: oneOrMany(g.value.contexts) } },
      },
    ]),
  ];
}
