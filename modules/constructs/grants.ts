/**
 * The two access approaches. Each takes one consumer and writes both sides of its grant: the
 * resource side into the shared bucket's policies, the identity side into the right role.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { Statement, sidPart } from '../policy/document';
import { S3AccessPoint } from '@cdktf/provider-aws/lib/s3-access-point';
import { TerraformResource } from 'cdktf';
import { GrantSpec, KeyByAlias, grantScopes, identitySideStatements } from '../policy/grant';
import { AccessLevel } from '../policy/s3';
import {
  ChainedSessions,
  PodIdentityConditions,
  assumeRoleStatement,
  chainedTagKeys,
  consumerRoleTrustStatements,
  consumerSessionStatements,
  consumerSessionTrustStatements,
  externalIdTrustStatement,
} from '../policy/trust';
import { RoleRef } from './consumer-role';
import { addressPart } from './names';
import { addDependency } from './references';
import { SharedBucket } from './shared-bucket';

/** The consumer: a role in another account than the bucket's, and what it may do. */
export interface ConsumerProps {
  /** Consumer name: Sids, Terraform addresses and output names derive from it. */
  readonly name: string;
  /** Consumer account, 12 digits. */
  readonly accountId: string;
  /** Provider of the consumer account. */
  readonly provider: AwsProvider;
  /** The consumer's role (the workload's role) in its account. */
  readonly roleName: string;
  /** @default '/' */
  readonly rolePath?: string;
  /**
   * Attach the policies to an existing role of that name instead of creating it.
   * @default false
   */
  readonly existingRole?: boolean;
  /**
   * Who may assume the consumer role when the stack creates it: principal ARNs or service principals.
   * @default the consumer account's root (`arn:<partition>:iam::<account>:root`)
   */
  readonly trustedPrincipals?: readonly string[];
  /**
   * What the sessions that reach the consumer's roles carry: session tag keys and a source
   * identity. The created consumer role's trust lets its AWS principals pass them; in the
   * assume-role approach the owner role's trust and the consumer's `sts` statement do too (with EKS
   * Pod Identity's transitive tag keys added when `pods.eks.amazonaws.com` is trusted).
   * @default none
   */
  readonly sessions?: ChainedSessions;
  /**
   * Conditions on EKS Pod Identity's session tags in the created consumer role's trust, when
   * `pods.eks.amazonaws.com` is a trusted principal.
   * @default none
   */
  readonly podIdentity?: PodIdentityConditions;
  readonly access: AccessLevel;
  /**
   * Key prefixes, each ending with `/`.
   * @default [] (the whole bucket)
   */
  readonly prefixes?: readonly string[];
  /**
   * Longest session of a created consumer role, seconds (900–43,200).
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use.html#id_roles_use_view-role-max-session
   * @default 3600
   */
  readonly maxSessionDurationSeconds?: number;
  /**
   * Trust policy quota of the accounts involved, characters.
   * @default 2048
   */
  readonly trustPolicyMaxChars?: number;
  /**
   * Name of the consumer's access point when the bucket is in access-points mode: 3–50
   * characters of `[a-z0-9-]`, unique per account and region.
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
 * Writes the resource side of a grant where the bucket's mode puts it (bucket policy or a new
 * access point) and returns the spec the identity side must use, with the access point if any.
 */
function grantOnBucket(
  bucket: SharedBucket,
  consumer: ConsumerProps,
  spec: GrantSpec,
  principalArn: string,
  principal: TerraformResource | undefined,
): { spec: GrantSpec; accessPoint?: S3AccessPoint; accessPointArn?: string } {
  if (bucket.accessMode === 'bucket-policy') {
    bucket.grant(principalArn, spec, principal);
    return { spec };
  }
  const name = consumer.accessPointName;
  if (name === undefined)
    throw new Error(`consumer ${consumer.name}: accessPointName is required in access-points mode`);
  const accessPoint = bucket.grantThroughAccessPoint(
    name,
    `${addressPart(consumer.name)}_access_point`,
    principalArn,
    spec,
    principal,
  );
  const arn = bucket.accessPointArn(name);
  return { spec: { ...spec, accessPointArn: arn }, accessPoint, accessPointArn: arn };
}

/** Name of the inline policy on the consumer's role (the same in both approaches). */
export function consumerPolicyName(bucketName: string): string {
  return `cross-account-s3-${bucketName}`;
}

function consumerRole(grant: Construct, bucket: SharedBucket, c: ConsumerProps): RoleRef {
  return new RoleRef(c.scope ?? grant, 'consumer-role', {
    provider: c.provider,
    partition: bucket.partition,
    accountId: c.accountId,
    roleName: c.roleName,
    path: c.rolePath,
    logicalId: `${addressPart(c.name)}_consumer_role`,
    maxSessionDurationSeconds: c.maxSessionDurationSeconds,
    trustPolicyMaxChars: c.trustPolicyMaxChars,
    sizeSubstitutions: bucket.sizeSubstitutions(),
    description: `Workload role of consumer ${c.name} with access to s3://${bucket.bucketName}`,
    trustStatements: c.existingRole
      ? undefined
      : consumerRoleTrustStatements(trustedPrincipalsOf(bucket, c), {
          accountId: c.accountId,
          sessions: c.sessions,
          podIdentity: c.podIdentity,
        }),
  });
}

function trustedPrincipalsOf(bucket: SharedBucket, c: ConsumerProps): readonly string[] {
  return c.trustedPrincipals ?? [`arn:${bucket.partition}:iam::${c.accountId}:root`];
}

/** Props of {@link DirectAccess}. */
export interface DirectAccessProps {
  readonly bucket: SharedBucket;
  readonly consumer: ConsumerProps;
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
export class DirectAccess extends Construct {
  /** The role that calls S3: the consumer's own role. */
  readonly dataPlaneRoleArn: string;
  readonly consumerRole: RoleRef;
  /** The consumer's access point and its ARN (access-points mode). */
  readonly accessPoint?: S3AccessPoint;
  readonly accessPointArn?: string;

  constructor(scope: Construct, id: string, props: DirectAccessProps) {
    super(scope, id);
    const { bucket, consumer } = props;
    const spec = { sidPrefix: sidPart(consumer.name), access: consumer.access, prefixes: consumer.prefixes };
    this.consumerRole = consumerRole(this, bucket, consumer);
    this.dataPlaneRoleArn = this.consumerRole.arn;
    const granted = grantOnBucket(bucket, consumer, spec, this.consumerRole.arn, this.consumerRole.role);
    this.accessPoint = granted.accessPoint;
    this.accessPointArn = granted.accessPointArn;
    this.consumerRole.addInlinePolicy(
      'consumer-policy',
      `${addressPart(consumer.name)}_consumer_policy`,
      consumerPolicyName(bucket.bucketName),
      identitySideStatements(bucket.target, granted.spec, props.keyByAlias),
    );
  }
}

/** Props of {@link AssumeRoleAccess}. */
export interface AssumeRoleAccessProps {
  readonly bucket: SharedBucket;
  readonly consumer: ConsumerProps;
  /** Provider of the owner account, where the data-plane role is created. */
  readonly ownerProvider: AwsProvider;
  /** Name of the data-plane role created in the owner account. */
  readonly ownerRoleName: string;
  /** @default '/' */
  readonly ownerRolePath?: string;
  /** External ID the consumer must pass to `sts:AssumeRole`: 2–1,224 characters of `[\w+=,.@:/-]`. */
  readonly externalId: string;
  /**
   * Longest session of the owner-side role, seconds (900–3,600: role chaining allows one hour).
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
}

/**
 * Approach `assume-role`: a role in the owner account holds the permissions and is the only
 * principal in the bucket (or access point) and key policies; the consumer's role may only assume it, with the
 * external ID.
 */
export class AssumeRoleAccess extends Construct {
  /** The role that calls S3: the owner-side role. */
  readonly dataPlaneRoleArn: string;
  readonly consumerRole: RoleRef;
  readonly ownerRole: RoleRef;
  /** The owner role's trust statement: written by the stack, or to be added to an existing role's trust policy. */
  readonly ownerTrustStatements: readonly Statement[];
  /** The consumer's access point and its ARN (access-points mode). */
  readonly accessPoint?: S3AccessPoint;
  readonly accessPointArn?: string;

  constructor(scope: Construct, id: string, props: AssumeRoleAccessProps) {
    super(scope, id);
    const { bucket, consumer } = props;
    const session = props.sessionDurationSeconds ?? 3600;
    if (!Number.isInteger(session) || session < 900 || session > 3600) {
      throw new Error(
        `AssumeRoleAccess ${id}: sessionDurationSeconds ${session} must be a whole number from 900 to 3,600: assuming the owner role from the consumer role is role chaining, limited to one hour (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-role-chaining)`,
      );
    }
    const spec = { sidPrefix: sidPart(consumer.name), access: consumer.access, prefixes: consumer.prefixes };
    const name = addressPart(consumer.name);
    this.consumerRole = consumerRole(this, bucket, consumer);
    // Session tags and a source identity travel along the chain into the owner role.
    const chained: ChainedSessions = {
      tagKeys: chainedTagKeys(consumer.existingRole ? [] : trustedPrincipalsOf(bucket, consumer), consumer.sessions),
      sourceIdentity: consumer.sessions?.sourceIdentity,
    };
    this.ownerTrustStatements = [
      externalIdTrustStatement(this.consumerRole.arn, props.externalId),
      ...consumerSessionTrustStatements(this.consumerRole.arn, chained),
    ];
    this.ownerRole = new RoleRef(this, 'owner-role', {
      provider: props.ownerProvider,
      partition: bucket.partition,
      accountId: bucket.accountId,
      roleName: props.ownerRoleName,
      path: props.ownerRolePath,
      logicalId: `${name}_owner_role`,
      description: `Assumed by ${consumer.roleName} of account ${consumer.accountId} for s3://${bucket.bucketName}`,
      trustStatements: props.existingOwnerRole ? undefined : this.ownerTrustStatements,
      // A session started from another role's session is role chaining: at most one hour.
      // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-role-chaining
      maxSessionDurationSeconds: session,
      trustPolicyMaxChars: consumer.trustPolicyMaxChars,
      sizeSubstitutions: bucket.sizeSubstitutions(),
    });
    if (this.consumerRole.role && this.ownerRole.role) {
      // The trust policy names the consumer role: IAM rejects a principal that does not exist yet.
      addDependency(this.ownerRole.role, this.consumerRole.role);
    }
    this.dataPlaneRoleArn = this.ownerRole.arn;
    const granted = grantOnBucket(bucket, consumer, spec, this.ownerRole.arn, this.ownerRole.role);
    this.accessPoint = granted.accessPoint;
    this.accessPointArn = granted.accessPointArn;
    this.ownerRole.addInlinePolicy(
      'owner-policy',
      `${name}_owner_policy`,
      `s3-access-${bucket.bucketName}`,
      identitySideStatements(bucket.target, granted.spec),
      // An existing owner role may hold other duties: confining it is for its owner (see the config warning).
      props.existingOwnerRole || props.confineOwnerRole === false
        ? undefined
        : grantScopes(bucket.target, granted.spec),
    );
    this.consumerRole.addInlinePolicy(
      'consumer-policy',
      `${name}_consumer_policy`,
      consumerPolicyName(bucket.bucketName),
      [assumeRoleStatement(this.ownerRole.arn), ...consumerSessionStatements(this.ownerRole.arn, chained)],
    );
  }
}
