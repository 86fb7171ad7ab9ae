/** Config entries shared by tests: a multi-consumer bucket with prefixes and several access levels. */

/** Three consumers in two accounts: a prefix-scoped reader, a write-only role, an existing role. */
export function multiConsumerEntry(approach: 'direct' | 'assume-role', encryption: 'kms' | 's3' = 'kms') {
  const ids = approach === 'assume-role';
  return {
    name: `multi-${approach}`,
    approach,
    region: 'eu-central-1',
    owner: {
      accountId: '222222222222',
      bucketName: 'analytics-share',
      encryption,
      provider: { profile: 'analytics-owner' },
    },
    consumers: [
      {
        name: 'reports-reader',
        accountId: '111111111111',
        roleName: 'ReportsReader',
        access: 'read',
        prefixes: ['reports', 'exports/daily/'],
        trustedPrincipals: ['lambda.amazonaws.com', 'arn:aws:iam::111111111111:role/ci/Deployer'],
        provider: { profile: 'team-a' },
        ...(ids ? { externalId: 'reports-reader-2b9f6a' } : {}),
      },
      {
        name: 'ingest',
        accountId: '333333333333',
        roleName: 'IngestWriter',
        rolePath: '/pipelines/',
        provider: { assumeRoleArn: 'arn:aws:iam::333333333333:role/TerraformDeploy' },
        access: 'write',
        prefixes: ['incoming/'],
        ...(ids ? { externalId: 'ingest-5c1d8e', ownerRoleName: 'S3IngestFrom333' } : {}),
      },
      {
        name: 'analyst',
        accountId: '111111111111',
        roleName: 'AnalystRole',
        existingRole: true,
        provider: { profile: 'team-a' },
        access: 'read-write',
        ...(ids ? { externalId: 'analyst-9e4a7b' } : {}),
      },
    ],
  };
}

/**
 * An access-points entry: n consumers alternating read and read-write, one prefix each, spread
 * over `accounts` consumer accounts (each account is one more provider for Terraform to start).
 */
export function accessPointsEntry(approach: 'direct' | 'assume-role', n: number, accounts = n) {
  return {
    name: `ap-${approach}-${n}`,
    approach,
    region: 'eu-central-1',
    accessMode: 'access-points',
    owner: { accountId: '222222222222', bucketName: 'analytics-share', provider: { profile: 'analytics-owner' } },
    consumers: Array.from({ length: n }, (_, i) => {
      const accountId = String(100000000000 + (i % accounts) * 7919);
      return {
        name: `team-${i}`,
        accountId,
        roleName: `Team${i}Role`,
        access: i % 2 === 0 ? 'read' : 'read-write',
        prefixes: [`teams/${i}/`],
        provider: { assumeRoleArn: `arn:aws:iam::${accountId}:role/Deploy` },
        ...(approach === 'assume-role' ? { externalId: `team-${i}-external-4f1a9c2e` } : {}),
      };
    }),
  };
}
