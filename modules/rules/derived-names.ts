/**
 * Names derived from others when the config or the props leave them out: the rules check them,
 * the config layer fills them in, the stacks name their folders with them.
 */
import { accessPointSuffix } from '../policy/arn';
import { sidPart } from '../policy/document';

/**
 * `<consumer name, lowercase>-<first 6 hex digits of SHA-256 of the bucket name>`: unique per bucket
 * (access point names are unique per account and region), at most 47 characters.
 */
export function defaultAccessPointName(consumerName: string, bucketName: string): string {
  return `${consumerName.toLowerCase()}-${accessPointSuffix(bucketName)}`;
}

/** A consumer's access point name: the one it gives, or {@link defaultAccessPointName}. */
export function accessPointNameOf(
  consumer: {
    /** The consumer's name. */
    readonly name: string;
    /**
     * The access point name the consumer gives.
     * @default {@link defaultAccessPointName} of the consumer's name and the bucket's
     */
    readonly accessPointName?: string;
  },
  bucketName: string,
): string {
  return consumer.accessPointName ?? defaultAccessPointName(consumer.name, bucketName);
}

/** `S3AccessFrom` + the consumer's name in PascalCase: `workload-a` → `S3AccessFromWorkloadA`. */
export function defaultOwnerRoleName(consumerName: string): string {
  return `S3AccessFrom${sidPart(consumerName)}`;
}

/** A consumer's owner role name (assume-role approach): the one it gives, or {@link defaultOwnerRoleName}. */
export function ownerRoleNameOf(consumer: {
  /** The consumer's name. */
  readonly name: string;
  /**
   * The owner role name the consumer gives.
   * @default {@link defaultOwnerRoleName} of the consumer's name
   */
  readonly ownerRoleName?: string;
}): string {
  return consumer.ownerRoleName ?? defaultOwnerRoleName(consumer.name);
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
  /** The entry's name. */
  readonly name: string;
  /**
   * One stack for the owner account and one per consumer account.
   * @default false: one stack for all
   */
  readonly split?: boolean;
  /** The entry's consumers (only their accounts matter). */
  readonly consumers: ReadonlyArray<{
    /** The consumer account, 12 digits. */
    readonly accountId: string;
  }>;
}): EntryStackNames {
  if (!entry.split) return { owner: entry.name, consumers: new Map() };
  const consumers = new Map<string, string>();
  for (const c of entry.consumers) consumers.set(c.accountId, `${entry.name}-${c.accountId}`);
  return { owner: `${entry.name}-owner`, consumers };
}
