/** One consumer as its rows see it: who asks, for what, under which policies. Shared by the row families. */
import type { ConsumerModel, StackModel } from '../../config/schema';
import { AccessLevelEntry, LevelRequest, levelOptionsOf, levelWith } from '../../policy/access-levels';
import { accessPointArn, roleArn } from '../../policy/arn';
import { Expectation, IdentityPolicies, OBJECT_NAME, UNRELATED_ACCOUNT } from '../common';
import type { StackPolicies } from '../extract';
import { additionalRoleArns, consumerRoleArn, dataPlaneRoleArn } from '../roles';

/** A consumer of a stack, with what its rows derive from the config once. */
export interface ConsumerScope {
  readonly model: StackModel;
  readonly p: StackPolicies;
  readonly c: ConsumerModel;
  /** The consumer's access level (see `ACCESS_LEVEL_TABLE`). */
  readonly level: AccessLevelEntry;
  /** The owner account. */
  readonly owner: string;
  /** True in the assume-role approach. */
  readonly assume: boolean;
  /** The consumer's own role. */
  readonly consumerArn: string;
  /** The role that calls S3: the owner role (assume-role) or the consumer role (direct). */
  readonly dataPlaneArn: string;
  readonly dataPlaneAccount: string;
  /** The data-plane role's identity policies written by the stack. */
  readonly dataPlaneIdentity: IdentityPolicies;
  /**
   * The consumer's access point ARN (access-points mode).
   * @default undefined: bucket-policy mode
   */
  readonly accessPoint?: string;
  /** An object key under each granted prefix (the bucket's root without prefixes). */
  readonly insideKeys: readonly string[];
  /** The first of {@link ConsumerScope.insideKeys}. */
  readonly someKey: string;
}

/** The scope of one consumer of the stack. */
export function consumerScope(model: StackModel, p: StackPolicies, c: ConsumerModel): ConsumerScope {
  const owner = model.owner.accountId;
  const assume = model.approach === 'assume-role';
  const dataPlaneArn = dataPlaneRoleArn(model, c);
  const insideKeys = c.prefixes.length > 0 ? c.prefixes.map((pre) => `${pre}${OBJECT_NAME}`) : [OBJECT_NAME];
  return {
    model,
    p,
    c,
    level: levelWith(c.access, levelOptionsOf(c)),
    owner,
    assume,
    consumerArn: consumerRoleArn(model, c),
    dataPlaneArn,
    dataPlaneAccount: assume ? owner : c.accountId,
    dataPlaneIdentity: identityOf(p, dataPlaneArn),
    accessPoint:
      model.accessMode === 'access-points'
        ? accessPointArn(p.partition, model.region, owner, c.accessPointName)
        : undefined,
    insideKeys,
    someKey: insideKeys[0],
  };
}

/**
 * The consumer's additional roles (`additionalRoles`), each as a scope of its own: the consumer
 * role of its rows and, in the direct approach, also the data-plane role (with its own identity
 * policies as the stack wrote them).
 */
export function additionalRoleScopes(scope: ConsumerScope): ConsumerScope[] {
  return additionalRoleArns(scope.model, scope.c).map((arn) => ({
    ...scope,
    consumerArn: arn,
    ...(scope.assume ? {} : { dataPlaneArn: arn, dataPlaneIdentity: identityOf(scope.p, arn) }),
  }));
}

/** The identity policies the stack writes for a role (none for a role it does not manage). */
export function identityOf(p: StackPolicies, arn: string): IdentityPolicies {
  return p.identityPolicies.get(arn) ?? [];
}

/** The ARN of an object of the shared bucket. */
export function objectArn(scope: ConsumerScope, key: string): string {
  return `${scope.p.bucketArn}/${key}`;
}

/** A request the data-plane role makes to the bucket (through its access point in access-points mode). */
export interface DataPlaneAsk {
  readonly action: string;
  /** The bucket or object ARN. */
  readonly resource: string;
  readonly what: string;
  readonly expect: Expectation;
  /**
   * Request context beyond transport, accounts and `s3:ResourceAccount`.
   * @default {}
   */
  readonly extra?: Readonly<Record<string, string>>;
  /**
   * The request does not come through the consumer's network perimeter (no VPC keys); without it,
   * a consumer with a perimeter asks through its first VPC endpoint (or from its first VPC).
   * @default false
   */
  readonly outsideNetwork?: boolean;
}

/** A request of the level table (see `LevelRequest`) on this consumer's first object or its bucket. */
export function levelAsk(scope: ConsumerScope, r: LevelRequest): DataPlaneAsk {
  return {
    action: r.action,
    resource: r.on === 'object' ? objectArn(scope, scope.someKey) : scope.p.bucketArn,
    what: r.what.split('{key}').join(scope.someKey),
    expect: r.expect,
    extra: r.context,
  };
}

/** A role nobody granted anything, whose own identity policy allows everything. */
export interface ForeignRole {
  readonly who: string;
  readonly arn: string;
  readonly account: string;
}

/** Another role of the consumer's account, and a role of an unrelated account with the consumer role's name. */
export function foreignRoles(scope: ConsumerScope): ForeignRole[] {
  const { c, p } = scope;
  return [
    {
      who: `another role of ${c.accountId}`,
      arn: roleArn(p.partition, c.accountId, `NotGranted${c.roleName}`.slice(0, 64)),
      account: c.accountId,
    },
    {
      who: `a role of unrelated ${UNRELATED_ACCOUNT}`,
      arn: roleArn(p.partition, UNRELATED_ACCOUNT, c.roleName),
      account: UNRELATED_ACCOUNT,
    },
  ];
}
