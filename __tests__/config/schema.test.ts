/** Config validation: the default is valid; each bad input names the field, the value and the rule. */
import { ConfigError, parseConfig } from '../../modules/config/schema';
import { defaultConfig } from '../helpers';
import { multiConsumerEntry } from '../fixtures';

type Mutate = (c: { stacks: Array<Record<string, any>> }) => void;

function problemsOf(mutate: Mutate): string[] {
  const config = defaultConfig();
  mutate(config);
  try {
    parseConfig(config, 'test.json');
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.map((p) => `${p.path}: ${JSON.stringify(p.value)} ${p.rule}`);
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  test('the default config is valid and fills defaults', () => {
    const model = parseConfig(defaultConfig(), 'default');
    expect(model.stacks.map((s) => [s.name, s.approach])).toEqual([
      ['direct-access', 'direct'],
      ['assume-role-access', 'assume-role'],
    ]);
    const consumer = model.stacks[1].consumers[0];
    expect(consumer).toMatchObject({
      rolePath: '/',
      existingRole: false,
      trustedPrincipals: ['arn:aws:iam::111111111111:root'],
      prefixes: [],
      ownerRoleName: 'S3AccessFromA',
      ownerRolePath: '/',
    });
    expect(model.stacks[0].owner).toMatchObject({ encryption: 'kms', bucketKeyEnabled: true, versioning: true });
  });

  test('prefixes are normalised to end with /', () => {
    const model = parseConfig({ stacks: [multiConsumerEntry('direct')] }, 'test');
    expect(model.stacks[0].consumers[0].prefixes).toEqual(['reports/', 'exports/daily/']);
  });

  test('ownerRoleName defaults to S3AccessFrom<Name>', () => {
    const model = parseConfig({ stacks: [multiConsumerEntry('assume-role')] }, 'test');
    expect(model.stacks[0].consumers.map((c) => c.ownerRoleName)).toEqual([
      'S3AccessFromReportsReader',
      'S3IngestFrom333',
      'S3AccessFromAnalyst',
    ]);
  });

  test('all problems of a file are reported together, with the source in the message', () => {
    const config = defaultConfig();
    config.stacks[0].owner.accountId = '2222';
    config.stacks[1].consumers[0].roleName = 'bad role';
    let error: ConfigError | undefined;
    try {
      parseConfig(config, 'my.json');
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems.map((p) => p.path)).toEqual([
      'stacks[0].owner.accountId',
      'stacks[1].consumers[0].roleName',
    ]);
    expect(error!.message).toMatch(
      /^my\.json: 2 problems\n {2}- stacks\[0\]\.owner\.accountId: "2222" must be a string of exactly 12 digits/,
    );
  });

  const cases: Array<[string, Mutate, RegExp]> = [
    [
      'account ID too short',
      (c) => (c.stacks[0].owner.accountId = '22222'),
      /^stacks\[0\]\.owner\.accountId: "22222" must be a string of exactly 12 digits/,
    ],
    [
      'account ID as a number',
      (c) => (c.stacks[0].consumers[0].accountId = 111111111111),
      /^stacks\[0\]\.consumers\[0\]\.accountId: 111111111111 Invalid input: expected string/,
    ],
    [
      'consumer in the owner account',
      (c) => (c.stacks[0].consumers[0].accountId = '222222222222'),
      /^stacks\[0\]\.consumers\[0\]\.accountId: "222222222222" is the owner account/,
    ],
    [
      'bucket name with capitals',
      (c) => (c.stacks[0].owner.bucketName = 'My-Bucket'),
      /^stacks\[0\]\.owner\.bucketName: "My-Bucket" may contain only lowercase letters/,
    ],
    [
      'bucket name as IP address',
      (c) => (c.stacks[0].owner.bucketName = '192.168.5.4'),
      /must not be formatted as an IP address/,
    ],
    [
      'bucket name with reserved suffix',
      (c) => (c.stacks[0].owner.bucketName = 'data-s3alias'),
      /reserved suffix "-s3alias"/,
    ],
    [
      'unknown approach',
      (c) => (c.stacks[0].approach = 'cross'),
      /^stacks\[0\]\.approach: "cross" Invalid option: expected one of "direct"\|"assume-role"/,
    ],
    [
      'unknown access level',
      (c) => (c.stacks[0].consumers[0].access = 'admin'),
      /^stacks\[0\]\.consumers\[0\]\.access: "admin" Invalid option/,
    ],
    [
      'typo in a key',
      (c) => (c.stacks[0].owner.bucketname = 'x'),
      /^stacks\[0\]\.owner\.bucketname: "x" is not a known key here \(a typo\?\)/,
    ],
    [
      'missing externalId for assume-role',
      (c) => delete c.stacks[1].consumers[0].externalId,
      /^stacks\[1\]\.consumers\[0\]\.externalId: undefined is required with "approach": "assume-role"/,
    ],
    [
      'externalId too short',
      (c) => (c.stacks[1].consumers[0].externalId = 'x'),
      /^stacks\[1\]\.consumers\[0\]\.externalId: "x" must be 2 to 1,224 characters/,
    ],
    [
      'externalId placeholder',
      (c) => (c.stacks[1].consumers[0].externalId = 'YOUR-STRONG-EXTERNAL-ID'),
      /^stacks\[1\]\.consumers\[0\]\.externalId: "YOUR-STRONG-EXTERNAL-ID" is a placeholder/,
    ],
    [
      'externalId with direct',
      (c) => (c.stacks[0].consumers[0].externalId = 'abc-123'),
      /^stacks\[0\]\.consumers\[0\]\.externalId: "abc-123" is used only with "approach": "assume-role"/,
    ],
    [
      'role name with a space',
      (c) => (c.stacks[0].consumers[0].roleName = 'Role A'),
      /^stacks\[0\]\.consumers\[0\]\.roleName: "Role A" must be 1 to 64 characters/,
    ],
    [
      'role path without trailing slash',
      (c) => (c.stacks[0].consumers[0].rolePath = '/team'),
      /^stacks\[0\]\.consumers\[0\]\.rolePath: "\/team" must be "\/" or start and end with "\/"/,
    ],
    ['region placeholder', (c) => (c.stacks[0].region = 'region'), /^stacks\[0\]\.region: "region" is a placeholder/],
    [
      'KMS key as an alias',
      (c) => (c.stacks[0].owner.kmsKeyArn = 'arn:aws:kms:us-east-1:222222222222:alias/shared'),
      /kmsKeyArn: ".*alias\/shared" is an alias; give the key ARN: S3 resolves an alias in the requester's account/,
    ],
    [
      'KMS key in another account',
      (c) =>
        (c.stacks[0].owner.kmsKeyArn = 'arn:aws:kms:us-east-1:333333333333:key/1234abcd-12ab-34cd-56ef-1234567890ab'),
      /is in account 333333333333; the key must be in the owner account 222222222222/,
    ],
    [
      'KMS key in another region',
      (c) =>
        (c.stacks[0].owner.kmsKeyArn = 'arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab'),
      /is in region eu-west-1; S3 default encryption needs a key in the bucket's region us-east-1/,
    ],
    [
      'KMS key with SSE-S3',
      (c) =>
        Object.assign(c.stacks[0].owner, {
          encryption: 's3',
          kmsKeyArn: 'arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        }),
      /is set but "encryption" is "s3"/,
    ],
    [
      'KMS key placeholder',
      (c) => (c.stacks[0].owner.kmsKeyArn = 'arn:aws:kms:region:222222222222:key/KEY-ID'),
      /kmsKeyArn: ".*" is a placeholder/,
    ],
    [
      'prefix with leading slash',
      (c) => (c.stacks[0].consumers[0].prefixes = ['/reports/']),
      /prefixes\[0\]: "\/reports\/" must not start with "\/"/,
    ],
    [
      'prefix with wildcard',
      (c) => (c.stacks[0].consumers[0].prefixes = ['reports/*']),
      /prefixes\[0\]: "reports\/\*" must not contain the policy wildcards/,
    ],
    [
      'duplicate prefix after normalising',
      (c) => (c.stacks[0].consumers[0].prefixes = ['logs', 'logs/']),
      /prefixes\[1\]: "logs\/" repeats prefixes\[0\]/,
    ],
    [
      'nested prefix',
      (c) => (c.stacks[0].consumers[0].prefixes = ['logs/', 'logs/app/']),
      /lists "logs\/app\/" inside "logs\/"/,
    ],
    [
      'trusted principal as unique ID',
      (c) => (c.stacks[0].consumers[0].trustedPrincipals = ['AROA1234567890EXAMPLE']),
      /is a unique ID, not an ARN/,
    ],
    [
      'trustedPrincipals with existingRole',
      (c) =>
        Object.assign(c.stacks[0].consumers[0], {
          existingRole: true,
          trustedPrincipals: ['arn:aws:iam::111111111111:root'],
        }),
      /has no effect with "existingRole": true/,
    ],
    [
      'duplicate stack names',
      (c) => (c.stacks[1].name = 'direct-access'),
      /^stacks\[1\]\.name: "direct-access" is already the name of stacks\[0\]/,
    ],
    ['no consumers', (c) => (c.stacks[0].consumers = []), /^stacks\[0\]\.consumers: \[\] Too small/],
    [
      'profile and assumeRoleArn together',
      (c) => (c.stacks[0].owner.provider = { profile: 'b', assumeRoleArn: 'arn:aws:iam::222222222222:role/Deploy' }),
      /^stacks\[0\]\.owner\.provider: .* give either "profile" or "assumeRoleArn", not both/,
    ],
  ];

  test.each(cases)('%s', (_name, mutate, expected) => {
    expect(problemsOf(mutate)).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });

  test('two consumers with the same role in one account', () => {
    const entry = multiConsumerEntry('direct');
    entry.consumers[2].roleName = 'reportsreader';
    expect(() => parseConfig({ stacks: [entry] }, 't')).toThrow(
      /stacks\[0\]\.consumers\[2\]\.roleName: "reportsreader" gives role "reportsreader" in account 111111111111, as stacks\[0\]\.consumers\[0\]\.roleName does; role names are unique per account, case-insensitively/,
    );
  });

  test('derived owner role name colliding with an explicit one', () => {
    const entry = multiConsumerEntry('assume-role');
    (entry.consumers[1] as Record<string, unknown>).ownerRoleName = 'S3AccessFromAnalyst';
    expect(() => parseConfig({ stacks: [entry] }, 't')).toThrow(
      /stacks\[0\]\.consumers\[2\]\.name: "analyst" gives role "S3AccessFromAnalyst" in account 222222222222, as stacks\[0\]\.consumers\[1\]\.ownerRoleName does/,
    );
  });

  test('consumer names that collide once hyphens are dropped', () => {
    const entry = multiConsumerEntry('direct');
    entry.consumers[1].name = 'reportsReader';
    expect(() => parseConfig({ stacks: [entry] }, 't')).toThrow(
      /stacks\[0\]\.consumers\[1\]\.name: "reportsReader" reads as "ReportsReader" like consumers\[0\] once hyphens are dropped/,
    );
  });

  test('two providers for one account', () => {
    const config = defaultConfig();
    config.stacks[0].consumers.push({
      ...config.stacks[0].consumers[0],
      name: 'second',
      roleName: 'Second',
      provider: { profile: 'other' },
    });
    expect(() => parseConfig(config, 't')).toThrow(
      /stacks\[0\]\.consumers\[1\]\.provider: \{"profile":"other"\} differs from stacks\[0\]\.consumers\[0\]\.provider, which signs in to the same account 111111111111/,
    );
  });
});
