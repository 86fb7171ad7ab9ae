/**
 * The two access approaches. Each takes one grantee and writes both sides of its grant: the
 * resource side into the shared bucket's policies, the identity side into the right role. Each is
 * a {@link BucketGrant}; `SharedBucket.grantRead` and its siblings create them.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { S3AccessPoint } from '@cdktf/provider-aws/lib/s3-access-point';
import { TerraformResource, Token } from 'cdktf';
import { Construct } from 'constructs';
import { Statement, policyDocument, renderPolicy, sidPart } from '../policy/document';
import { checkPolicySize, trustPolicyLimit } from '../policy/limits';
import { GrantSpec, KeyByAlias, ResourceSide, grantScopes, identitySideStatements } from '../policy/grant';
import { AccessLevel } from '../policy/s3';
import {
  ChainedSessions,
  assumeRoleStatement,
  chainedTagKeys,
  consumerSessionStatements,
  consumerSessionTrustStatements,
  externalIdTrustStatement,
} from '../policy/trust';
import { RoleRef } from './consumer-role';
import { PropsError } from './validate';
import { BoundGrantee, IGrantee, IamRoleGrantee } from './grantee';
import { defaultOwnerRoleName } from '../rules/derived-names';
import { addressPart, roleAddressPart } from './names';
import { addDependency, substitute } from './references';
import { checkListForWriters } from '../rules/list-writers';
import { checkAdditionalRoles } from '../rules/additional-roles';
import { checkVersionsForReaders } from '../rules/versions-readers';
import { checkNetworkPerimeter, checkVpcEndpointId, checkVpcId } from '../rules/network-perimeter';
import { formatPath } from '../rules/rule';
import { checkOwnerPermissionsBoundary, checkPermissionsBoundaryArn } from '../rules/permissions-boundary';
import { LEVEL_OPTIONS, LevelOptions, levelOptionsOf } from '../policy/access-levels';
import type { NetworkPerimeter } from '../policy/network';
import type { ConfigProblem } from '../config/problems';
import type { SharedBucket } from './shared-bucket';

/**
 * What every grant construct takes: the bucket, the grantee, and what the grantee may do (its
 * level, prefixes and access options, see {@link LevelOptions}).
 */
export interface ShareGrantProps extends LevelOptions {
  /** The shared bucket (owner side). */
  readonly bucket: SharedBucket;
  /** Who the grant is for (see {@link Grantee}). */
  readonly grantee: IGrantee;
  /**
   * Other roles of the grantee's account that get the same grant: named beside the grantee's role
   * in the bucket (or access point) and key policies and given the same identity policy (direct),
   * or trusted beside it by the owner role, with the same external ID, and given the same
   * `sts:AssumeRole` policy (assume-role).
   * @default [] (the grantee's role alone)
   */
  readonly additionalGrantees?: readonly IGrantee[];
  /**
   * Name of the grant: 2–40 characters of letters, digits and hyphens, starting with a letter. The
   * statements' Sids derive from it (`workload-a` → `WorkloadA…`), so it is unique per bucket.
   */
  readonly name: string;
  /** `read`, `write` or `read-write` (see `ACCESS_LEVELS`). */
  readonly access: AccessLevel;
  /**
   * Key prefixes, each ending with `/`.
   * @default [] (the whole bucket)
   */
  readonly prefixes?: readonly string[];
  /**
   * The grantee's network perimeter: its data-plane role's requests are denied unless they come
   * through these VPC endpoints or from these VPCs (requests an AWS service makes with its
   * credentials excepted), by a deny in the bucket policy or its access point's policy.
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html
   * @default undefined: from anywhere
   */
  readonly network?: NetworkPerimeter;
  /**
   * Name of the grantee's access point when the bucket is in access-points mode: 3–50 characters
   * of `[a-z0-9-]`, unique per account and region.
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-restrictions-limitations-naming-rules.html
   * @default undefined (required in access-points mode)
   */
  readonly accessPointName?: string;
  /**
   * Where the consumer account's resources (its role and the role's policy) are created: another
   * stack than the owner side's when stacks are split per account.
   * @default the grant construct itself (one stack)
   */
  readonly scope?: Construct;
}

/**
 * Both sides of one grant: what the owner's resource policies say about the grantee, what the
 * grantee's roles say, and the role that calls S3.
 */
export interface BucketGrant {
  /** Name of the grant (see {@link ShareGrantProps.name}). */
  readonly name: string;
  /** `direct` or `assume-role`. */
  readonly approach: 'direct' | 'assume-role';
  /** ARN of the role whose sessions call S3: the consumer role (direct) or the owner-side role (assume-role). */
  readonly dataPlaneRoleArn: string;
  /** The statements the grant adds to the bucket policy, the access point policy and the key policy. */
  readonly resourceStatements: ResourceSide;
  /** The identity-side statements on the data-plane role (S3 and KMS, pinned to the owner account). */
  readonly identityStatements: readonly Statement[];
  /**
   * The statements on the consumer's role: the same as {@link identityStatements} (direct), or
   * `sts:AssumeRole` of the owner-side role (assume-role).
   */
  readonly consumerStatements: readonly Statement[];
  /** The grantee's role (created, existing or the user's). */
  readonly consumerRole: RoleRef;
  /** The roles of the additional grantees (see {@link ShareGrantProps.additionalGrantees}), in order; empty when none. */
  readonly additionalConsumerRoles: readonly RoleRef[];
  /** Roles the grant created (the consumer role, the owner-side role); empty when none. */
  readonly createdRoles: readonly IamRole[];
  /**
   * The grantee's access point (access-points mode).
   * @default undefined: bucket-policy mode, no access point
   */
  readonly accessPoint?: S3AccessPoint;
  /**
   * ARN of the grantee's access point (access-points mode), `arn:<partition>:s3:<region>:<account>:accesspoint/<name>`.
   * @default undefined: bucket-policy mode, no access point
   */
  readonly accessPointArn?: string;
}

/**
 * The pure grant functions' spec of a grant construct's props.
 * @throws PropsError when an access option (see {@link LevelOptions}) is not a boolean, or does not
 *   apply to the level (`list` on a level that reads, `versions` on `write`)
 */
function grantSpec(where: string, props: ShareGrantProps): GrantSpec {
  checkLevelOptions(where, props);
  return {
    sidPrefix: sidPart(props.name),
    access: props.access,
    prefixes: props.prefixes,
    ...levelOptionsOf(props),
    ...(props.network !== undefined ? { network: props.network } : {}),
  };
}

/** What {@link checkLevelOptions} reads of a grant. */
export interface CheckedGrant extends LevelOptions {
  /** The grant's level. */
  readonly access: string;
  /**
   * The grant's network perimeter.
   * @default undefined: none
   */
  readonly network?: NetworkPerimeter;
}

/**
 * A grant's access options (see {@link LevelOptions}) are booleans that apply to its level: not
 * `list` on a level that reads, not `versions` on `write`; its network perimeter names well-formed
 * VPC endpoint and VPC IDs, at least one, each once.
 * @throws PropsError naming each option that breaks a rule, its value and the rule
 */
export function checkLevelOptions(where: string, grant: CheckedGrant): void {
  const problems: ConfigProblem[] = LEVEL_OPTIONS.filter(
    (key) => grant[key] !== undefined && typeof grant[key] !== 'boolean',
  ).map((key) => ({ path: key, value: grant[key], rule: 'must be true or false' }));
  const n: unknown = grant.network;
  if (n !== undefined && (n === null || typeof n !== 'object' || Array.isArray(n))) {
    problems.push({
      path: 'network',
      value: n,
      rule: 'must be an object: { vpcEndpoints?: ["vpce-…"], vpcs?: ["vpc-…"] }',
    });
  }
  for (const key of ['vpcEndpoints', 'vpcs'] as const) {
    const list: unknown = n !== null && typeof n === 'object' ? (n as Record<string, unknown>)[key] : undefined;
    if (list !== undefined && !Array.isArray(list)) {
      problems.push({ path: `network.${key}`, value: list, rule: 'must be a list of IDs' });
    }
  }
  if (problems.length > 0) throw new PropsError(where, problems);
  const ids = (key: 'vpcEndpoints' | 'vpcs', check: (v: string) => string | undefined) =>
    (grant.network?.[key] ?? []).flatMap((v, i) => {
      const rule = check(v);
      return rule === undefined ? [] : [{ path: `network.${key}[${i}]`, value: v, rule }];
    });
  problems.push(...ids('vpcEndpoints', checkVpcEndpointId), ...ids('vpcs', checkVpcId));
  for (const rule of [checkListForWriters, checkVersionsForReaders, checkNetworkPerimeter]) {
    problems.push(
      ...rule(grant).map((p) => ({
        path: formatPath(p.path),
        value: p.value,
        rule: p.rule,
      })),
    );
  }
  if (problems.length > 0) throw new PropsError(where, problems);
}

/**
 * `ownerRolePermissionsBoundary` is a managed policy of the owner account (or AWS managed) in the
 * bucket's partition.
 * @throws PropsError naming the prop, the value and the rule
 */
function checkOwnerRoleBoundary(where: string, props: AssumeRoleAccessProps): void {
  const arn = props.ownerRolePermissionsBoundary;
  if (arn === undefined || Token.isUnresolved(arn)) return;
  const malformed = checkPermissionsBoundaryArn(arn);
  const problems =
    malformed !== undefined
      ? [{ path: ['owner', 'permissionsBoundary'], value: arn, rule: malformed }]
      : checkOwnerPermissionsBoundary({
          approach: 'assume-role',
          region: props.bucket.region,
          owner: { accountId: props.bucket.accountId, bucketName: props.bucket.bucketName, permissionsBoundary: arn },
        });
  if (problems.length > 0) {
    throw new PropsError(
      where,
      problems.map((p) => ({ path: 'ownerRolePermissionsBoundary', value: p.value, rule: p.rule })),
    );
  }
}

/**
 * The config app's logical id `<grant>_<suffix>` when the bucket keeps fixed ids
 * (`SharedBucketProps.fixedLogicalIds`); undefined (derived from the construct path) otherwise.
 */
function fixedLogicalId(props: ShareGrantProps, suffix: string): string | undefined {
  return props.bucket.fixedLogicalIds ? `${addressPart(props.name)}_${suffix}` : undefined;
}

/**
 * Writes the resource side of a grant where the bucket's mode puts it (bucket policy or a new
 * access point) and returns the spec the identity side must use, with the access point if any.
 * @throws Error in access-points mode when the grant has no `accessPointName`
 */
function grantOnBucket(
  props: ShareGrantProps,
  spec: GrantSpec,
  principalArn: string | readonly string[],
  principal: TerraformResource | readonly TerraformResource[] | undefined,
): { spec: GrantSpec; side: ResourceSide; accessPoint?: S3AccessPoint; accessPointArn?: string } {
  const { bucket } = props;
  if (bucket.accessMode === 'bucket-policy') {
    return { spec, side: bucket.grant(principalArn, spec, principal) };
  }
  const name = props.accessPointName;
  if (name === undefined) throw new Error(`grant ${props.name}: accessPointName is required in access-points mode`);
  const granted = bucket.grantThroughAccessPoint(
    name,
    fixedLogicalId(props, 'access_point'),
    principalArn,
    spec,
    principal,
  );
  const arn = bucket.accessPointArn(name);
  return {
    spec: { ...spec, accessPointArn: arn },
    side: granted.side,
    accessPoint: granted.accessPoint,
    accessPointArn: arn,
  };
}

/** Name of the inline policy on the consumer's role (the same in both approaches). */
export function consumerPolicyName(bucketName: string): string {
  return `cross-account-s3-${bucketName}`;
}

/** Binds the grant's grantee: its role, in the consumer account's scope. */
function bindGrantee(grant: Construct, props: ShareGrantProps): BoundGrantee {
  return bindOne(props, props.grantee, props.scope ?? grant, 'consumer_role');
}

function bindOne(props: ShareGrantProps, grantee: IGrantee, scope: Construct, logicalSuffix: string): BoundGrantee {
  const { bucket } = props;
  const bound = grantee.bind(scope, {
    partition: bucket.partition,
    bucketName: bucket.bucketName,
    grantName: props.name,
    logicalId: fixedLogicalId(props, logicalSuffix),
    sizeSubstitutions: bucket.sizeSubstitutions(),
  });
  if (bound.sizeSubstitutions !== undefined) bucket.addSizeSubstitutions(bound.sizeSubstitutions);
  return bound;
}

/** An additional grantee bound, with the suffix of its resources' logical ids (`<suffix>` of `<grant>_consumer_policy_<suffix>`). */
interface BoundAdditional {
  readonly bound: BoundGrantee;
  readonly suffix: string;
}

/**
 * Binds the additional grantees (see {@link ShareGrantProps.additionalGrantees}), each in its own
 * scope `additional-grantee-<role name>` (`-#<position>` when the name is a reference) beside the
 * grantee's, reused when the same grantee is in several grants; their logical ids end in the role
 * name's address form (see {@link roleAddressPart}), or the position.
 * @throws PropsError when one is not a grantee, is in another account or partition than the
 *   grantee, or names its role or another one's again
 */
function bindAdditionalGrantees(grant: Construct, props: ShareGrantProps): BoundAdditional[] {
  if (props.additionalGrantees === undefined) return [];
  const additional = checkAdditionalGrantees(`${grant.constructor.name} ${grant.node.path}`, props);
  const scope = props.scope ?? grant;
  return additional.map((grantee, i) => {
    const literal = !Token.isUnresolved(grantee.roleName);
    const suffix = literal ? roleAddressPart(grantee.roleName) : String(i + 2);
    const id = `additional-grantee-${literal ? grantee.roleName : `#${i + 2}`}`;
    const own = scope.node.tryFindChild(id) ?? new Construct(scope, id);
    return { bound: bindOne(props, grantee, own, `consumer_role_${suffix}`), suffix };
  });
}

/** True when two grantees are one role: one object, or two of one `IamRole`. */
function sameRole(a: IGrantee, b: IGrantee): boolean {
  return a === b || (a instanceof IamRoleGrantee && b instanceof IamRoleGrantee && a.props.role === b.props.role);
}

/**
 * The additional grantees are a list of grantees, roles of the grantee's account and partition,
 * each named once (by name, compared case-insensitively, or as one object when a name is a
 * reference).
 * @returns the list
 * @throws PropsError naming each one that is not
 */
function checkAdditionalGrantees(where: string, props: ShareGrantProps): readonly IGrantee[] {
  const { grantee } = props;
  const additional: unknown = props.additionalGrantees;
  if (!Array.isArray(additional)) {
    const what =
      additional === null ? 'null' : typeof additional === 'object' ? additional.constructor.name : additional;
    throw new PropsError(where, [
      { path: 'additionalGrantees', value: what, rule: 'must be a list of grantees: [Grantee.existingRole(…), …]' },
    ]);
  }
  const problems: ConfigProblem[] = [];
  additional.forEach((g: unknown, i) => {
    if (g === null || typeof g !== 'object' || typeof (g as IGrantee).bind !== 'function') {
      problems.push({
        path: `additionalGrantees[${i}]`,
        value: g === null || typeof g !== 'object' ? g : g.constructor.name,
        rule: 'must be a grantee (Grantee.existingRole, Grantee.newRole, Grantee.fromRoleArn, Grantee.fromIamRole)',
      });
    }
  });
  if (problems.length > 0) throw new PropsError(where, problems);
  const list = additional as IGrantee[];
  list.forEach((g, i) => {
    const known = !Token.isUnresolved(g.accountId) && !Token.isUnresolved(grantee.accountId);
    if (known && g.accountId !== grantee.accountId) {
      problems.push({
        path: `additionalGrantees[${i}].accountId`,
        value: g.accountId,
        rule: `is not the grantee's account (${grantee.accountId}): additional grantees are other roles of the same consumer account; grant another account with a grant of its own`,
      });
    }
    if (g.partition !== undefined && g.partition !== props.bucket.partition) {
      problems.push({
        path: `additionalGrantees[${i}].partition`,
        value: g.partition,
        rule: `is not the bucket's partition (${props.bucket.partition}); a principal cannot be granted across partitions (https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html)`,
      });
    }
    const twin = [grantee, ...list.slice(0, i)].findIndex((other) => sameRole(other, g));
    if (twin !== -1) {
      problems.push({
        path: `additionalGrantees[${i}]`,
        value: g.roleName,
        rule: `is the role ${twin === 0 ? 'grantee' : `additionalGrantees[${twin - 1}]`} already is; list each role once`,
      });
    }
  });
  const literal = (name: string) => (Token.isUnresolved(name) ? '' : name);
  for (const p of checkAdditionalRoles({
    roleName: literal(grantee.roleName),
    additionalRoles: list.map((g) => ({ roleName: literal(g.roleName) })),
  })) {
    // A reference cannot be compared ('' stands in for it); one object is found above.
    const i = Number(p.path[1]);
    if (p.value === '' || problems.some((q) => q.path === `additionalGrantees[${i}]`)) continue;
    problems.push({
      path: `additionalGrantees[${i}].roleName`,
      value: p.value,
      rule: p.rule
        .replace('the role roleName ', 'the role grantee.roleName ')
        .replace(/additionalRoles\[/g, 'additionalGrantees['),
    });
  }
  if (problems.length > 0) throw new PropsError(where, problems);
  return list;
}

/** Props of {@link DirectAccess}. */
export interface DirectAccessProps extends ShareGrantProps {
  /**
   * Name the key in the consumer's identity policy by its alias instead of its ARN: for a consumer
   * stack deployed before the owner stack creates the key (split stacks).
   * @default undefined: the key ARN
   */
  readonly keyByAlias?: KeyByAlias;
}

/**
 * Approach `direct`: the consumer's role is named in the bucket policy (in access-points mode: its
 * access point's policy) and the key policy, and its own identity policy allows the same S3
 * actions and the key actions.
 */
export class DirectAccess extends Construct implements BucketGrant {
  readonly name: string;
  readonly approach = 'direct';
  /** The role that calls S3: the consumer's own role. */
  readonly dataPlaneRoleArn: string;
  readonly consumerRole: RoleRef;
  readonly additionalConsumerRoles: readonly RoleRef[];
  readonly resourceStatements: ResourceSide;
  readonly identityStatements: readonly Statement[];
  readonly consumerStatements: readonly Statement[];
  readonly createdRoles: readonly IamRole[];
  /** The consumer's access point and its ARN (access-points mode). */
  readonly accessPoint?: S3AccessPoint;
  readonly accessPointArn?: string;

  constructor(scope: Construct, id: string, props: DirectAccessProps) {
    super(scope, id);
    const { bucket } = props;
    this.name = props.name;
    const spec = grantSpec(`${this.constructor.name} ${this.node.path}`, props);
    this.consumerRole = bindGrantee(this, props).role;
    const additional = bindAdditionalGrantees(this, props);
    this.additionalConsumerRoles = additional.map((a) => a.bound.role);
    const roles = [this.consumerRole, ...this.additionalConsumerRoles];
    this.createdRoles = createdOf(roles);
    this.dataPlaneRoleArn = this.consumerRole.arn;
    const granted = grantOnBucket(
      props,
      spec,
      roles.map((r) => r.arn),
      this.createdRoles,
    );
    this.resourceStatements = granted.side;
    this.accessPoint = granted.accessPoint;
    this.accessPointArn = granted.accessPointArn;
    this.identityStatements = identitySideStatements(bucket.target, granted.spec, props.keyByAlias);
    this.consumerStatements = this.identityStatements;
    addConsumerPolicies(props, this.consumerRole, additional, this.identityStatements);
  }
}

/** How a grant goes through a role in the owner account (the assume-role approach). */
export interface AssumeRoleOptions {
  /**
   * External ID the consumer must pass to `sts:AssumeRole`: 2–1,224 characters of `[\w+=,.@:/-]`.
   * It defeats the confused deputy; it is not a secret.
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html
   */
  readonly externalId: string;
  /**
   * Name of the data-plane role in the owner account.
   * @default `S3AccessFrom` + the grant's name in PascalCase (`workload-a` → `S3AccessFromWorkloadA`)
   */
  readonly ownerRoleName?: string;
  /** @default '/' */
  readonly ownerRolePath?: string;
  /**
   * Longest session of the owner-side role, seconds (900–3,600: role chaining allows one hour).
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-role-chaining
   * @default 3600
   */
  readonly sessionDurationSeconds?: number;
  /**
   * The owner-side role exists: the stack attaches its policy but does not write its trust
   * policy; {@link AssumeRoleAccess.ownerTrustStatements} are for the role's owner to add.
   * @default false
   */
  readonly existingOwnerRole?: boolean;
  /**
   * Deny the owner-side role everything outside this share (see `confinementStatements`). Turn it
   * off only for a role that other stacks also grant on (they would be denied); an existing owner
   * role is never confined.
   * @default true
   */
  readonly confineOwnerRole?: boolean;
  /**
   * The owner account's trust policy quota, characters (2,048 unless raised).
   * @default 2048
   */
  readonly trustPolicyMaxChars?: number;
  /**
   * ARN of a managed policy of the owner account (or AWS managed) set as the permissions boundary
   * of the owner-side role the grant creates (not of an existing one). It must allow the grant's
   * S3 and KMS actions, or they fail with AccessDenied: it also limits what the bucket and key
   * policies grant to the role's ARN; `verify` does not see it. It does not limit grants to `*`
   * or to a role session, so the role's confinement does not rely on it (see `confinementStatements`).
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
   * @default undefined: no boundary
   */
  readonly ownerRolePermissionsBoundary?: string;
}

/** Props of {@link AssumeRoleAccess}. */
export interface AssumeRoleAccessProps extends ShareGrantProps, AssumeRoleOptions {}

/**
 * Approach `assume-role`: a role in the owner account holds the permissions and is the only
 * principal in the bucket (or access point) and key policies; the consumer's role may only assume
 * it, with the external ID.
 */
export class AssumeRoleAccess extends Construct implements BucketGrant {
  readonly name: string;
  readonly approach = 'assume-role';
  /** The role that calls S3: the owner-side role. */
  readonly dataPlaneRoleArn: string;
  readonly consumerRole: RoleRef;
  readonly additionalConsumerRoles: readonly RoleRef[];
  /**
   * The role in the owner account that the grantee assumes with the external ID: created by the
   * grant, or an existing role (`existingOwnerRole`) whose trust statement is handed off.
   */
  readonly ownerRole: RoleRef;
  /** The owner role's trust statement: written by the stack, or to be added to an existing role's trust policy. */
  readonly ownerTrustStatements: readonly Statement[];
  readonly resourceStatements: ResourceSide;
  readonly identityStatements: readonly Statement[];
  readonly consumerStatements: readonly Statement[];
  readonly createdRoles: readonly IamRole[];
  /** The consumer's access point and its ARN (access-points mode). */
  readonly accessPoint?: S3AccessPoint;
  readonly accessPointArn?: string;

  /** @throws Error when `sessionDurationSeconds` is not a whole number from 900 to 3,600 (role chaining) */
  constructor(scope: Construct, id: string, props: AssumeRoleAccessProps) {
    super(scope, id);
    const { bucket } = props;
    this.name = props.name;
    const session = props.sessionDurationSeconds ?? 3600;
    if (!Token.isUnresolved(session) && (!Number.isInteger(session) || session < 900 || session > 3600)) {
      throw new PropsError(`AssumeRoleAccess ${this.node.path}`, [
        {
          path: 'sessionDurationSeconds',
          value: session,
          rule: 'must be a whole number from 900 to 3,600 (seconds): assuming the owner role from the consumer role is role chaining, limited to one hour (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-role-chaining)',
        },
      ]);
    }
    const spec = grantSpec(`${this.constructor.name} ${this.node.path}`, props);
    checkOwnerRoleBoundary(`${this.constructor.name} ${this.node.path}`, props);
    const consumer = bindGrantee(this, props);
    this.consumerRole = consumer.role;
    const additional = bindAdditionalGrantees(this, props);
    this.additionalConsumerRoles = additional.map((a) => a.bound.role);
    const consumerRoles = [this.consumerRole, ...this.additionalConsumerRoles];
    const consumerArns = consumerRoles.map((r) => r.arn);
    // Session tags and a source identity travel along the chain into the owner role.
    const chained = chainedSessionsOf([consumer, ...additional.map((a) => a.bound)]);
    this.ownerTrustStatements = [
      externalIdTrustStatement(consumerArns, props.externalId),
      ...consumerSessionTrustStatements(consumerArns, chained),
    ];
    if (props.existingOwnerRole) checkTrustHandoffSize(`${this.constructor.name} ${this.node.path}`, props, this);
    this.ownerRole = new RoleRef(this, 'owner-role', {
      provider: bucket.provider,
      partition: bucket.partition,
      accountId: bucket.accountId,
      roleName: props.ownerRoleName ?? defaultOwnerRoleName(props.name),
      path: props.ownerRolePath,
      logicalId: fixedLogicalId(props, 'owner_role'),
      description: `Assumed by ${props.grantee.roleName}${
        additional.length > 0 ? ` and ${additional.length} more role(s)` : ''
      } of account ${props.grantee.accountId} for s3://${bucket.bucketName}`,
      trustStatements: props.existingOwnerRole ? undefined : this.ownerTrustStatements,
      // A session started from another role's session is role chaining: at most one hour.
      // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-role-chaining
      maxSessionDurationSeconds: session,
      permissionsBoundary: props.existingOwnerRole ? undefined : props.ownerRolePermissionsBoundary,
      trustPolicyMaxChars: props.trustPolicyMaxChars,
      sizeSubstitutions: bucket.sizeSubstitutions(),
    });
    for (const created of createdOf(consumerRoles)) {
      // The trust policy names the consumer roles: IAM rejects a principal that does not exist yet.
      if (this.ownerRole.role) addDependency(this.ownerRole.role, created);
    }
    this.createdRoles = createdOf([...consumerRoles, this.ownerRole]);
    this.dataPlaneRoleArn = this.ownerRole.arn;
    const granted = grantOnBucket(props, spec, this.ownerRole.arn, this.ownerRole.role);
    this.resourceStatements = granted.side;
    this.accessPoint = granted.accessPoint;
    this.accessPointArn = granted.accessPointArn;
    this.identityStatements = identitySideStatements(bucket.target, granted.spec);
    this.ownerRole.addInlinePolicy(
      'owner-policy',
      fixedLogicalId(props, 'owner_policy'),
      `s3-access-${bucket.bucketName}`,
      this.identityStatements,
      // An existing owner role may hold other duties: confining it is for its owner (see the config warning).
      props.existingOwnerRole || props.confineOwnerRole === false
        ? undefined
        : grantScopes(bucket.target, granted.spec),
    );
    this.consumerStatements = [
      assumeRoleStatement(this.ownerRole.arn),
      ...consumerSessionStatements(this.ownerRole.arn, chained),
    ];
    addConsumerPolicies(props, this.consumerRole, additional, this.consumerStatements);
  }
}

/**
 * An existing owner role's trust statements to hand off fit its account's trust policy quota on
 * their own (the role's own statements come on top): the stack cannot check the role's real trust.
 * @throws PropsError when they do not (more additional roles than the quota holds)
 */
function checkTrustHandoffSize(where: string, props: AssumeRoleAccessProps, grant: AssumeRoleAccess): void {
  const text = substitute(renderPolicy(policyDocument(grant.ownerTrustStatements)), props.bucket.sizeSubstitutions());
  const problem = checkPolicySize(
    `the trust statements to add to ${props.ownerRoleName ?? defaultOwnerRoleName(props.name)}`,
    text,
    trustPolicyLimit(props.trustPolicyMaxChars),
  );
  if (problem !== undefined) {
    throw new PropsError(where, [
      {
        path: 'existingOwnerRole',
        value: true,
        rule: `cannot take them: ${problem}; trust fewer roles, or state a raised quota (trustPolicyQuota)`,
      },
    ]);
  }
}

/** The roles of `roles` the stack creates. */
function createdOf(roles: readonly RoleRef[]): IamRole[] {
  return roles.map((r) => r.role).filter((r): r is IamRole => r !== undefined);
}

/**
 * The session tags and source identity that reach the owner role from the consumer roles (see
 * `chainedTagKeys`): every key any of them passes, and a source identity when one carries it.
 */
function chainedSessionsOf(bound: readonly BoundGrantee[]): ChainedSessions {
  return {
    tagKeys: [...new Set(bound.flatMap((b) => chainedTagKeys(b.trustedPrincipals, b.sessions)))],
    sourceIdentity: bound.some((b) => b.sessions?.sourceIdentity === true),
  };
}

/**
 * The consumer-side policy on the grantee's role (`<grant>_consumer_policy`) and on each
 * additional role (`<grant>_consumer_policy_<role>`): the same statements on every role.
 */
function addConsumerPolicies(
  props: ShareGrantProps,
  role: RoleRef,
  additional: readonly BoundAdditional[],
  statements: readonly Statement[],
): void {
  const name = consumerPolicyName(props.bucket.bucketName);
  role.addInlinePolicy('consumer-policy', fixedLogicalId(props, 'consumer_policy'), name, statements);
  for (const a of additional) {
    a.bound.role.addInlinePolicy(
      'consumer-policy',
      fixedLogicalId(props, `consumer_policy_${a.suffix}`),
      name,
      statements,
    );
  }
}
