/**
 * The subjects of the rules over several fields. Field names are the config file's keys, which the
 * construct props share; a rule takes only the fields it reads (`Pick<…>`), so a construct passes
 * its props as they are. An optional field left undefined means its documented default.
 */

import type { LevelOptions } from '../policy/access-levels';

/** Access approach of an entry. */
export type Approach = 'direct' | 'assume-role';

/** The values of {@link AccessMode}, in the order messages list them. */
export const ACCESS_MODES = ['bucket-policy', 'access-points'] as const;

/** Where the grants live: the bucket policy, or one access point per consumer. */
export type AccessMode = (typeof ACCESS_MODES)[number];

/** Default encryption of the bucket: SSE-KMS with a customer-managed key, or SSE-S3. */
export const ENCRYPTIONS = ['kms', 's3'] as const;

/** How a stack signs in to one account for deployment. */
export interface ProviderSubject {
  /**
   * Named profile of the AWS shared config and credentials files.
   * @default undefined: no profile (the ambient credentials, unless `assumeRoleArn` is given)
   */
  readonly profile?: string;
  /**
   * ARN of a role in the account the provider deploys into, assumed for the deployment.
   * https://registry.terraform.io/providers/hashicorp/aws/latest/docs#assume_role-configuration-block
   * @default undefined: no role is assumed
   */
  readonly assumeRoleArn?: string;
  /**
   * External ID the deployment role's trust policy requires (only with `assumeRoleArn`).
   * @default undefined: none sent
   */
  readonly externalId?: string;
  /**
   * STS session name of the deployment role, 2–64 characters of `[\w+=,.@-]` (only with
   * `assumeRoleArn`).
   * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
   * @default undefined: the AWS provider's own session name
   */
  readonly sessionName?: string;
}

/** The owner's fields (the config's `owner`), with the entry's region. */
export interface OwnerSubject {
  /** The owner account, 12 digits. */
  readonly accountId: string;
  /** The shared bucket's name (S3 general-purpose naming rules). */
  readonly bucketName: string;
  /**
   * `kms`: SSE-KMS with a customer-managed key; `s3`: SSE-S3.
   * @default 'kms'
   */
  readonly encryption?: 'kms' | 's3';
  /**
   * Bucket versioning.
   * @default true
   */
  readonly versioning?: boolean;
  /**
   * An existing key of the owner account, by full key ARN
   * `arn:<partition>:kms:<region>:<account>:key/<key-id>`.
   * https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id
   * @default undefined: the stack creates a key
   */
  readonly kmsKeyArn?: string;
  /**
   * Server access logging into another bucket of the owner account (its name, and the key prefix
   * of the log objects).
   * @default undefined: no access logs
   */
  readonly accessLogs?: {
    /** The log bucket's name. */
    readonly bucket: string;
    /**
     * Key prefix of the log objects.
     * @default `<bucket name>/`
     */
    readonly prefix?: string;
  };
  /**
   * Lifecycle rules of a bucket the stack manages, days each (whole numbers, at least 1), and
   * for an adopted bucket the file of its current rules (null: it has none).
   * @default undefined: no lifecycle configuration
   */
  readonly lifecycle?: {
    /** @default undefined: no such rule */
    readonly noncurrentVersionExpirationDays?: number;
    /** @default undefined: no such rule */
    readonly abortIncompleteMultipartUploadDays?: number;
    /**
     * An adopted bucket's current rules: the file's path, or null when it has none.
     * @default undefined: not given
     */
    readonly currentRulesFile?: string | null;
  };
  /**
   * The minimum TLS version the bucket policy requires (`1.3`).
   * @default undefined: AWS's own minimum
   */
  readonly minimumTlsVersion?: string;
  /**
   * ARN of a managed policy of the owner account (or AWS managed) set as the permissions boundary
   * of every owner role the stack creates (assume-role).
   * @default undefined: no boundary
   */
  readonly permissionsBoundary?: string;
  /**
   * The bucket exists already.
   * @default undefined: the stack creates the bucket
   */
  readonly existingBucket?: {
    /**
     * The stack adopts the bucket with an `import` block instead of only granting on it.
     * @default false
     */
    readonly adopt?: boolean;
  };
  /**
   * The existing key `kmsKeyArn` is adopted into the stack with `import` blocks.
   * @default undefined: an existing key is not managed
   */
  readonly adoptKey?: {
    /**
     * Path of the file with the key's current key policy, named in messages.
     * @default undefined: messages name no file
     */
    readonly currentPolicyFile?: string;
    /**
     * The deployer confirms it may call `kms:PutKeyPolicy` on the key: the lockout rule is skipped.
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html
     * @default false
     */
    readonly deployerIsKeyAdministrator?: boolean;
  };
  /**
   * How the stack signs in to the owner account.
   * @default undefined: the ambient credentials
   */
  readonly provider?: ProviderSubject;
  /**
   * The entry's region (a key of the entry, not of `owner`, in the config file).
   * @default undefined: unknown, the rules that need it are skipped
   */
  readonly region?: string;
}

/** Conditions on EKS Pod Identity's session tags. */
export interface PodIdentitySubject {
  /**
   * ARN of an EKS cluster of the consumer account (`eks-cluster-arn` session tag).
   * https://docs.aws.amazon.com/eks/latest/userguide/pod-id-abac.html
   * @default undefined: any cluster
   */
  readonly clusterArn?: string;
  /**
   * Kubernetes namespace, an RFC 1123 label (`kubernetes-namespace` session tag).
   * @default undefined: any namespace
   */
  readonly namespace?: string;
  /**
   * Kubernetes service account, an RFC 1123 subdomain (`kubernetes-service-account` session tag).
   * @default undefined: any service account
   */
  readonly serviceAccount?: string;
}

/** One more role of a consumer's account with the consumer's grant (config key `additionalRoles[]`). */
export interface AdditionalRoleSubject {
  /** The role's name: 1–64 characters of `[\w+=,.@-]`. */
  readonly roleName: string;
  /** @default '/' */
  readonly rolePath?: string;
}

/** One consumer's fields (an element of the config's `consumers`). */
export interface ConsumerSubject extends LevelOptions {
  /** Consumer name: 2–40 letters, digits and hyphens (Terraform addresses, Sids and outputs derive from it). */
  readonly name: string;
  /** The consumer account, 12 digits, not the owner's. */
  readonly accountId: string;
  /** The workload's role in the consumer account: 1–64 characters of `[\w+=,.@-]`. */
  readonly roleName: string;
  /** @default '/' */
  readonly rolePath?: string;
  /** @default false */
  readonly existingRole?: boolean;
  /**
   * Other existing roles of the consumer account that get the same grant (see `checkAdditionalRoles`).
   * @default [] (the consumer's role alone)
   */
  readonly additionalRoles?: readonly AdditionalRoleSubject[];
  /**
   * Who may assume a consumer role the stack creates: principal ARNs or service principals.
   * @default the consumer account's root
   */
  readonly trustedPrincipals?: readonly string[];
  /**
   * Session tag keys the sessions reaching the consumer's roles pass along (`sts:TagSession`):
   * 1–50 keys of 1–128 characters.
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html
   * @default undefined: no session tags
   */
  readonly sessionTagKeys?: readonly string[];
  /** @default false */
  readonly sourceIdentity?: boolean;
  /**
   * Conditions on EKS Pod Identity's session tags, for a created role that trusts
   * `pods.eks.amazonaws.com`.
   * @default undefined: any pod
   */
  readonly podIdentity?: PodIdentitySubject;
  /** `read`, `write` or `read-write`. */
  readonly access: string;
  /** @default [] (the whole bucket) */
  readonly prefixes?: readonly string[];
  /**
   * The consumer's network perimeter: its data-plane role's requests only through these VPC
   * endpoints or from these VPCs.
   * @default undefined: from anywhere
   */
  readonly network?: {
    /**
     * VPC endpoint IDs.
     * @default []
     */
    readonly vpcEndpoints?: readonly string[];
    /**
     * VPC IDs.
     * @default []
     */
    readonly vpcs?: readonly string[];
  };
  /**
   * ARN of a managed policy of the consumer's account (or AWS managed) set as the permissions
   * boundary of the consumer role the stack creates.
   * @default undefined: no boundary
   */
  readonly permissionsBoundary?: string;
  /**
   * External ID of the owner role's `sts:AssumeRole`: 2–1,224 characters of `[\w+=,.@:/-]`,
   * required for the assume-role approach, rejected for direct.
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html
   * @default undefined: none (valid only for the direct approach)
   */
  readonly externalId?: string;
  /** @default `S3AccessFrom<Name>` (see `defaultOwnerRoleName`) */
  readonly ownerRoleName?: string;
  /** @default '/' */
  readonly ownerRolePath?: string;
  /**
   * Longest session of the role that calls S3, seconds: 900–43,200, at most 3,600 for the
   * assume-role approach (role chaining).
   * https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-role-chaining
   * @default 3600
   */
  readonly sessionDurationSeconds?: number;
  /** @default `<name>-<6 hex>` (see `defaultAccessPointName`) */
  readonly accessPointName?: string;
  /** @default false */
  readonly existingOwnerRole?: boolean;
  /**
   * How the stack signs in to the consumer account.
   * @default undefined: the ambient credentials
   */
  readonly provider?: ProviderSubject;
}

/**
 * What a consumer rule knows of the consumer's entry; a field left undefined (unknown, or invalid
 * in a config file) skips the rules that need it.
 */
export interface ConsumerContext {
  /**
   * The entry's approach.
   * @default undefined: unknown, the rules that need it are skipped
   */
  readonly approach?: Approach;
  /**
   * The entry's region.
   * @default undefined: unknown, the rules that need it are skipped
   */
  readonly region?: string;
  /**
   * The owner account, 12 digits.
   * @default undefined: unknown, the rules that need it are skipped
   */
  readonly ownerAccountId?: string;
  /** @default the rules treat undefined as not `access-points` */
  readonly accessMode?: AccessMode;
  /**
   * The shared bucket's name.
   * @default undefined: unknown, the rules that need it are skipped
   */
  readonly bucketName?: string;
}

/** One entry: an owner and its consumers (an element of the config's `stacks`). */
export interface EntrySubject {
  /**
   * The stack name: 2–40 letters, digits and hyphens.
   * @default undefined: unknown, the rules that need it are skipped
   */
  readonly name?: string;
  /**
   * `direct` or `assume-role`.
   * @default undefined: unknown, the rules that need it are skipped
   */
  readonly approach?: Approach;
  /**
   * Region of the bucket, the key and every provider.
   * @default undefined: unknown, the rules that need it are skipped
   */
  readonly region?: string;
  /** @default the rules treat undefined as `bucket-policy` */
  readonly accessMode?: AccessMode;
  /** @default false */
  readonly split?: boolean;
  /**
   * Remote state in S3: how its backend signs in.
   * @default undefined: a local state file
   */
  readonly backend?: {
    /** Terraform's `s3` backend. */
    readonly s3: {
      /**
       * Named profile for the state bucket.
       * @default undefined: no profile
       */
      readonly profile?: string;
      /**
       * Role assumed for the state bucket.
       * @default undefined: no role is assumed
       */
      readonly roleArn?: string;
    };
  };
  /**
   * The owner's fields.
   * @default undefined: unknown (in a config file: `owner` is invalid), the rules that need it are skipped
   */
  readonly owner?: OwnerSubject;
  /**
   * Organizations (or some of their OUs) granted read access, by name.
   * @default [] (none)
   */
  readonly organizations?: ReadonlyArray<{
    /** The grant's name (its Sids derive from it). */
    readonly name: string;
    /** The Organization's ID. */
    readonly organizationId: string;
    /**
     * OU paths.
     * @default [] (the whole Organization)
     */
    readonly ouPaths?: readonly string[];
  }>;
  /**
   * Tags (key → value) every resource the entry's stacks create gets (its providers' default tags).
   * @default undefined: no tags
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * The consumers at their positions in the entry; a config file's invalid consumer is undefined,
   * so messages that name `consumers[i]` keep the file's index.
   */
  readonly consumers: ReadonlyArray<ConsumerSubject | undefined>;
}

/** Several entries (the config's `stacks`). */
export interface ConfigSubject {
  /** The entries, in the file's order. */
  readonly stacks: readonly EntrySubject[];
}
