/**
 * The rules over several fields, called directly with plain subjects as a construct calls them (no
 * config file, no zod): problems come back with paths relative to the subject.
 */
import {
  ConsumerSubject,
  RuleProblem,
  checkAmbientCredentials,
  checkConsumerAccount,
  checkExternalIdRequired,
  checkKmsKeyAccount,
  checkKmsKeyNotAlias,
  checkKmsKeyRegion,
  checkPrefixesNested,
  checkPrefixesUnique,
  checkTrustedPrincipalPartition,
  checkUniqueRoles,
  checkUniqueStackNames,
  warnExternalIdGuessable,
} from '../../modules/rules';

const KEY = 'arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab';
/** A consumer as construct props give it: optional fields left out. */
const consumer: ConsumerSubject = { name: 'workload-a', accountId: '111111111111', roleName: 'RoleA', access: 'read' };

describe('owner rules', () => {
  test('a key of another account, then of another region, with the owner props', () => {
    const owner = { accountId: '333333333333', kmsKeyArn: KEY, region: 'eu-west-1' };
    expect(checkKmsKeyAccount(owner)).toEqual<RuleProblem[]>([
      {
        path: ['kmsKeyArn'],
        value: KEY,
        rule: 'is in account 222222222222; the key must be in the owner account 333333333333, which controls its key policy',
      },
    ]);
    // The region rule applies once the account is right; `encryption` left out means "kms".
    expect(checkKmsKeyRegion(owner)).toEqual([]);
    expect(checkKmsKeyRegion({ ...owner, accountId: '222222222222' })).toEqual<RuleProblem[]>([
      {
        path: ['kmsKeyArn'],
        value: KEY,
        rule: "is in region us-east-1; S3 default encryption needs a key in the bucket's region eu-west-1",
      },
    ]);
  });

  test('an alias ARN; nothing with SSE-S3', () => {
    const alias = 'arn:aws:kms:us-east-1:222222222222:alias/shared';
    expect(checkKmsKeyNotAlias({ kmsKeyArn: alias }).map((p) => [p.path, p.value])).toEqual([[['kmsKeyArn'], alias]]);
    expect(checkKmsKeyNotAlias({ kmsKeyArn: alias, encryption: 's3' })).toEqual([]);
  });
});

describe('consumer rules', () => {
  test('the consumer is in the owner account', () => {
    expect(checkConsumerAccount(consumer, { ownerAccountId: '111111111111' })).toEqual<RuleProblem[]>([
      {
        path: ['accountId'],
        value: '111111111111',
        rule: 'is the owner account; this module grants cross-account access only (grant same-account roles with their own IAM policies)',
      },
    ]);
    expect(checkConsumerAccount(consumer, {})).toEqual([]);
  });

  test('assume-role needs an external ID; direct does not', () => {
    expect(checkExternalIdRequired(consumer, { approach: 'assume-role' })).toEqual<RuleProblem[]>([
      {
        path: ['externalId'],
        value: undefined,
        rule: 'is required with "approach": "assume-role" (the owner role trusts the consumer role only with this external ID)',
      },
    ]);
    expect(checkExternalIdRequired(consumer, { approach: 'direct' })).toEqual([]);
  });

  test('prefixes: repeated (as normalised) and nested, at the index or the list', () => {
    const prefixes = ['reports', 'exports/', 'reports/', 'exports/daily/'];
    expect(checkPrefixesUnique({ prefixes })).toEqual<RuleProblem[]>([
      { path: ['prefixes', 2], value: 'reports/', rule: 'repeats prefixes[0]' },
    ]);
    expect(checkPrefixesNested({ prefixes })).toEqual<RuleProblem[]>([
      {
        path: ['prefixes'],
        value: prefixes,
        rule: 'lists "exports/daily/" inside "exports/", which already grants it; list only "exports/"',
      },
    ]);
    expect(checkPrefixesUnique({})).toEqual([]);
  });

  test('a trusted principal of another partition, at its index', () => {
    const trustedPrincipals = ['lambda.amazonaws.com', 'arn:aws-cn:iam::111111111111:root'];
    expect(checkTrustedPrincipalPartition({ trustedPrincipals }, { region: 'us-east-1' })).toEqual<RuleProblem[]>([
      {
        path: ['trustedPrincipals', 1],
        value: 'arn:aws-cn:iam::111111111111:root',
        rule: "is in partition aws-cn, but the stack's region us-east-1 is in aws; IAM rejects principals of another partition",
      },
    ]);
  });

  test('warning: an external ID equal to the role name', () => {
    const problems = warnExternalIdGuessable({ ...consumer, externalId: 'rolea' }, {});
    expect(problems.map((p) => [p.path, p.value, p.rule.split(':')[0]])).toEqual([
      [['externalId'], 'rolea', 'is guessable'],
    ]);
  });
});

describe('entry and config rules', () => {
  const owner = { accountId: '222222222222', bucketName: 'shared' };

  test('role names per account: the derived owner role of one consumer and the explicit one of another', () => {
    const entry = {
      approach: 'assume-role' as const,
      owner,
      consumers: [
        { ...consumer, ownerRoleName: 'S3AccessFromAnalyst' },
        { ...consumer, name: 'analyst', roleName: 'RoleB' },
      ],
    };
    const expected = (at: string): RuleProblem[] => [
      {
        path: ['consumers', 1, 'name'],
        value: 'analyst',
        rule: `gives role "S3AccessFromAnalyst" in account 222222222222, as ${at} does; role names are unique per account, case-insensitively (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names)`,
      },
    ];
    expect(checkUniqueRoles(entry)).toEqual(expected('consumers[0].ownerRoleName'));
    // A caller says where the subject sits, for messages that name another field.
    expect(checkUniqueRoles(entry, { at: ['stacks', 3] })).toEqual(expected('stacks[3].consumers[0].ownerRoleName'));
  });

  test('two accounts on ambient credentials, unless split', () => {
    const entry = { owner, consumers: [consumer] };
    expect(checkAmbientCredentials(entry)).toEqual<RuleProblem[]>([
      {
        path: ['consumers', 0, 'provider'],
        value: undefined,
        rule: 'is not set, and neither is owner.provider: both accounts 222222222222 and 111111111111 would sign in with the same ambient credentials, and allowed_account_ids stops one of them; give each account a "profile" or an "assumeRoleArn"',
      },
    ]);
    expect(checkAmbientCredentials({ ...entry, split: true })).toEqual([]);
  });

  test('stack names across entries, with split names', () => {
    const stacks = [
      { name: 'share-111111111111', consumers: [] },
      { name: 'share', split: true, consumers: [consumer] },
    ];
    expect(checkUniqueStackNames({ stacks })).toEqual<RuleProblem[]>([
      {
        path: ['stacks', 1, 'name'],
        value: 'share',
        rule: 'gives the split stack name "share-111111111111", which is already the name of stacks[0] (names are compared case-insensitively: they name folders and state files); stack names must be unique',
      },
    ]);
  });
});
