/**
 * One grant = one principal's access to the shared bucket (and its key). A cross-account grant
 * needs both sides: the resource side (bucket policy, key policy, in the owner account) and the
 * identity side (the principal's own IAM policy). These functions produce both from one spec.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
 */
import { Partition } from './arn';
import { Statement, oneOrMany } from './document';
import { kmsGrantStatement, s3KeyUseConditions } from './kms';
import { AccessLevel, s3GrantStatements } from './s3';

/** The shared bucket as grants see it. */
export interface BucketTarget {
  readonly partition: Partition;
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

/** What one grantee gets. */
export interface GrantSpec {
  /** Letters and digits, prefix of the grant's Sids in shared policies (`WorkloadA`). */
  readonly sidPrefix: string;
  readonly access: AccessLevel;
  /**
   * Key prefixes, each ending with `/`.
   * @default [] (the whole bucket)
   */
  readonly prefixes?: readonly string[];
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

/** The bucket-policy and key-policy statements that name `principalArn` as grantee. */
export function resourceSideStatements(target: BucketTarget, spec: GrantSpec, principalArn: string): ResourceSide {
  const prefixes = spec.prefixes ?? [];
  const principal = { AWS: principalArn };
  const s3 = s3GrantStatements({
    sidPrefix: spec.sidPrefix,
    access: spec.access,
    bucketArn: spec.accessPointArn ?? target.bucketArn,
    prefixes,
    principal,
  });
  return {
    bucketPolicy: spec.accessPointArn === undefined ? s3 : [],
    accessPointPolicy: spec.accessPointArn === undefined ? [] : s3,
    keyPolicy:
      target.keyArn === undefined
        ? []
        : [
            kmsGrantStatement({
              sid: `${spec.sidPrefix}UseBucketKey`,
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
  });
  if (target.keyArn !== undefined) {
    const conditions = s3KeyUseConditions(target.region, target.partition, target.bucketArn, contextPrefixes(spec));
    statements.push(
      kmsGrantStatement({
        sid: 'UseBucketKey',
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
 * The resources a grant is about, for {@link confinementStatement}: the bucket and its objects, the
 * key (with SSE-KMS) and, in access-points mode, the access point and its objects.
 */
export function grantResources(target: BucketTarget, spec: GrantSpec): string[] {
  return [
    target.bucketArn,
    `${target.bucketArn}/*`,
    ...(target.keyArn !== undefined ? [target.keyArn] : []),
    ...(spec.accessPointArn !== undefined ? [spec.accessPointArn, `${spec.accessPointArn}/object/*`] : []),
  ];
}

/** Sid of {@link confinementStatement}. */
export const CONFINEMENT_SID = 'DenyEverythingOutsideTheShares';

/**
 * Confines a role of the owner account to the shares it was made for: within one account a
 * resource policy alone grants access ("Policy evaluation for requests within a single account"),
 * so any bucket policy with `Principal: *` and `aws:PrincipalAccount`, or any key policy in the
 * `kms:CallerAccount` style, would otherwise reach the consumer's session. An explicit Deny in the
 * role's own identity policy wins over any such Allow. A permissions boundary would not do: within
 * an account, a boundary does not reduce what resource-based policies grant ("Permissions
 * boundaries for IAM entities"), and the boundary slot stays free for the user.
 * One statement covers every share of the role: two per-share Denies would deny each other's.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html
 * @param resources every resource of every share of the role (see {@link grantResources})
 */
export function confinementStatement(resources: readonly string[]): Statement {
  return {
    Sid: CONFINEMENT_SID,
    Effect: 'Deny',
    Action: '*',
    NotResource: oneOrMany([...new Set(resources)]),
  };
}
