/**
 * The subjects of the rules over several fields. Field names are the config file's keys, which the
 * construct props share; a rule takes only the fields it reads (`Pick<…>`), so a construct passes
 * its props as they are. An optional field left undefined means its documented default.
 */

/** Access approach of an entry. */
export type Approach = 'direct' | 'assume-role';

/** Where the grants live: the bucket policy, or one access point per consumer. */
export type AccessMode = 'bucket-policy' | 'access-points';

/** How a stack signs in to one account for deployment. */
export interface ProviderSubject {
  readonly profile?: string;
  readonly assumeRoleArn?: string;
  readonly externalId?: string;
  readonly sessionName?: string;
}

/** The owner's fields (the config's `owner`), with the entry's region. */
export interface OwnerSubject {
  readonly accountId: string;
  readonly bucketName: string;
  /** @default 'kms' */
  readonly encryption?: 'kms' | 's3';
  readonly kmsKeyArn?: string;
  /** @default adopt false */
  readonly existingBucket?: { readonly adopt?: boolean };
  readonly adoptKey?: { readonly currentPolicyFile?: string; readonly deployerIsKeyAdministrator?: boolean };
  readonly provider?: ProviderSubject;
  /** The entry's region (a key of the entry, not of `owner`, in the config file). */
  readonly region?: string;
}

/** Conditions on EKS Pod Identity's session tags. */
export interface PodIdentitySubject {
  readonly clusterArn?: string;
  readonly namespace?: string;
  readonly serviceAccount?: string;
}

/** One consumer's fields (an element of the config's `consumers`). */
export interface ConsumerSubject {
  readonly name: string;
  readonly accountId: string;
  readonly roleName: string;
  /** @default '/' */
  readonly rolePath?: string;
  /** @default false */
  readonly existingRole?: boolean;
  /** @default the consumer account's root */
  readonly trustedPrincipals?: readonly string[];
  readonly sessionTagKeys?: readonly string[];
  /** @default false */
  readonly sourceIdentity?: boolean;
  readonly podIdentity?: PodIdentitySubject;
  /** `read`, `write` or `read-write`. */
  readonly access: string;
  /** @default [] (the whole bucket) */
  readonly prefixes?: readonly string[];
  readonly externalId?: string;
  /** @default `S3AccessFrom<Name>` (see `defaultOwnerRoleName`) */
  readonly ownerRoleName?: string;
  /** @default '/' */
  readonly ownerRolePath?: string;
  /** @default 3600 */
  readonly sessionDurationSeconds?: number;
  /** @default `<name>-<6 hex>` (see `defaultAccessPointName`) */
  readonly accessPointName?: string;
  /** @default false */
  readonly existingOwnerRole?: boolean;
  readonly provider?: ProviderSubject;
}

/**
 * What a consumer rule knows of the consumer's entry; a field left undefined (unknown, or invalid
 * in a config file) skips the rules that need it.
 */
export interface ConsumerContext {
  readonly approach?: Approach;
  readonly region?: string;
  readonly ownerAccountId?: string;
  /** @default the rules treat undefined as not `access-points` */
  readonly accessMode?: AccessMode;
  readonly bucketName?: string;
}

/** One entry: an owner and its consumers (an element of the config's `stacks`). */
export interface EntrySubject {
  readonly name?: string;
  readonly approach?: Approach;
  readonly region?: string;
  readonly accessMode?: AccessMode;
  /** @default false */
  readonly split?: boolean;
  readonly backend?: { readonly s3: { readonly profile?: string; readonly roleArn?: string } };
  /** Undefined when unknown (in a config file: when `owner` is invalid). */
  readonly owner?: OwnerSubject;
  /**
   * The consumers at their positions in the entry; a config file's invalid consumer is undefined,
   * so messages that name `consumers[i]` keep the file's index.
   */
  readonly consumers: ReadonlyArray<ConsumerSubject | undefined>;
}

/** Several entries (the config's `stacks`). */
export interface ConfigSubject {
  readonly stacks: readonly EntrySubject[];
}
