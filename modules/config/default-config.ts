/**
 * The embedded default config: the reference scenario, once per approach, as two stacks over the
 * same bucket. They are alternatives: deploy one of them, never both.
 * Account A 111111111111 (workload), account B 222222222222 (owner of `my-shared-bucket`).
 */
/** The owner side both stacks share: account B and its SSE-KMS bucket. */
const owner = {
  /** Account B, which owns the bucket and its key. */
  accountId: '222222222222',
  /** The shared bucket. */
  bucketName: 'my-shared-bucket',
  /** SSE-KMS with a customer-managed key the stack creates. */
  encryption: 'kms',
  /** S3 Bucket Key on: fewer KMS calls. */
  bucketKeyEnabled: true,
  /** Account B is deployed with the profile `account-b`. */
  provider: {
    /** Named profile of the AWS shared config and credentials files. */
    profile: 'account-b',
  },
} as const;

/** The consumer both stacks grant: a role of account A that reads and writes the whole bucket. */
const workload = {
  /** The consumer's name: Sids, addresses and outputs derive from it. */
  name: 'workload-a',
  /** Account A, where the workload runs. */
  accountId: '111111111111',
  /** The workload's role in account A, created by the stack. */
  roleName: 'RoleInAccountA',
  /** Read and write objects, and list keys. */
  access: 'read-write',
  /** Account A is deployed with the profile `account-a`. */
  provider: {
    /** Named profile of the AWS shared config and credentials files. */
    profile: 'account-a',
  },
} as const;

/**
 * The config `main.ts` uses when `S3_SHARE_CONFIG` is not set, in the config file's shape (see
 * {@link parseConfig}): the direct and the assume-role approach over the same bucket, in
 * `us-east-1`. Its ids and profiles are examples, not real accounts.
 */
export const DEFAULT_CONFIG = {
  /** Two alternatives over the same bucket; deploy one of them, never both. */
  stacks: [
    {
      /** Stack name: folder `cdktf.out/stacks/direct-access`, state file `terraform.direct-access.tfstate`. */
      name: 'direct-access',
      /** The role of account A is named in the bucket and key policies. */
      approach: 'direct',
      /** Region of the bucket, the key and both providers. */
      region: 'us-east-1',
      owner,
      /** One consumer: the workload of account A. */
      consumers: [workload],
    },
    {
      /** Stack name: folder `cdktf.out/stacks/assume-role-access`, state `terraform.assume-role-access.tfstate`. */
      name: 'assume-role-access',
      /** Account A's role assumes the owner-side role `S3AccessFromA` with an external ID. */
      approach: 'assume-role',
      /** Region of the bucket, the key and both providers. */
      region: 'us-east-1',
      owner,
      /** One consumer: the workload of account A, through the owner role. */
      consumers: [
        {
          ...workload,
          /** External ID of `sts:AssumeRole` on the owner role (an example value, not a secret). */
          externalId: 'workload-a-7f3e9c2b41d8',
          /** The role the stack creates in account B for this consumer. */
          ownerRoleName: 'S3AccessFromA',
        },
      ],
    },
  ],
} as const;
