/**
 * The embedded default config: the reference scenario, once per approach, as two stacks over the
 * same bucket. They are alternatives: deploy one of them, never both.
 * Account A 111111111111 (workload), account B 222222222222 (owner of `my-shared-bucket`).
 */
const owner = {
  accountId: '222222222222',
  bucketName: 'my-shared-bucket',
  encryption: 'kms',
  bucketKeyEnabled: true,
  provider: { profile: 'account-b' },
} as const;

const workload = {
  name: 'workload-a',
  accountId: '111111111111',
  roleName: 'RoleInAccountA',
  access: 'read-write',
  provider: { profile: 'account-a' },
} as const;

export const DEFAULT_CONFIG = {
  stacks: [
    { name: 'direct-access', approach: 'direct', region: 'us-east-1', owner, consumers: [workload] },
    {
      name: 'assume-role-access',
      approach: 'assume-role',
      region: 'us-east-1',
      owner,
      consumers: [{ ...workload, externalId: 'workload-a-7f3e9c2b41d8', ownerRoleName: 'S3AccessFromA' }],
    },
  ],
} as const;
