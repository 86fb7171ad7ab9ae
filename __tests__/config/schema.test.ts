/** Config validation: the default is valid; each bad input names the field, the value and the rule. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, formatProblem, parseConfig } from '../../modules/config/schema';
import { defaultConfig } from '../helpers';
import { multiConsumerEntry } from '../fixtures';
import { BAD_CONFIGS as cases, Mutate } from '../bad-configs';

function problemsOf(mutate: Mutate): string[] {
  const config = defaultConfig();
  mutate(config);
  try {
    parseConfig(config, 'test.json');
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.map(formatProblem);
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

  test('the table holds at least 40 bad inputs', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

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

  test('consumer names whose statement Sids collide once hyphens are dropped', () => {
    const entry = multiConsumerEntry('direct');
    entry.consumers[1].name = 'reportsReader';
    expect(() => parseConfig({ stacks: [entry] }, 't')).toThrow(
      /stacks\[0\]\.consumers\[1\]\.name: "reportsReader" gives the statement Sid "ReportsReaderUseBucketKey", as consumers\[0\] does; the Sids of one policy must be unique/,
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

describe('split entries', () => {
  test('every account may use ambient credentials: each stack has one provider, run by its own pipeline', () => {
    const config = defaultConfig();
    for (const stack of config.stacks) {
      delete stack.owner.provider;
      delete stack.consumers[0].provider;
    }
    expect(() => parseConfig(config, 't')).toThrow(/would sign in with the same ambient credentials/);
    config.stacks[0].split = true;
    config.stacks[1].split = true;
    expect(parseConfig(config, 't').stacks.map((s) => s.split)).toEqual([true, true]);
  });
});

describe('warnings', () => {
  test('adopting a bucket with a new key: the objects written before keep their encryption', () => {
    const config = defaultConfig();
    config.stacks = [config.stacks[0]];
    config.stacks[0].owner.existingBucket = { adopt: true, currentPolicyFile: null };
    expect(parseConfig(config, 't').warnings.map(formatProblem)).toEqual([
      'stacks[0].owner.kmsKeyArn: (missing) is not set, so the adopted bucket gets a new key as its default encryption: objects written before stay encrypted as they are, and if that is another KMS key the consumers cannot read them; give that key here to keep it',
    ]);
  });

  test('dots in the bucket name and short or guessable external IDs are warned about, not rejected', () => {
    const config = defaultConfig();
    config.stacks[1].owner.bucketName = 'my.shared.bucket';
    config.stacks[1].consumers[0].externalId = 'external-id';
    config.stacks[1].consumers.push({
      ...config.stacks[1].consumers[0],
      name: 'second',
      roleName: 'Second',
      ownerRoleName: 'S3AccessFromSecond',
      externalId: 'a1b2c3d4',
    });
    const model = parseConfig(config, 't');
    expect(model.warnings.map(formatProblem)).toEqual([
      'stacks[1].owner.bucketName: "my.shared.bucket" contains dots: TLS certificates do not match virtual-hosted-style addresses of such buckets; clients need path-style requests (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html)',
      'stacks[1].consumers[0].externalId: "external-id" is guessable: use a unique value of 16 or more characters per consumer, e.g. a UUID (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html)',
      'stacks[1].consumers[1].externalId: "a1b2c3d4" is short (8 characters): use a unique value of 16 or more characters per consumer, e.g. a UUID (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html)',
    ]);
  });

  test('two consumers with the same external ID', () => {
    const config = defaultConfig();
    config.stacks[1].consumers.push({
      ...config.stacks[1].consumers[0],
      name: 'second',
      roleName: 'Second',
      ownerRoleName: 'S3AccessFromSecond',
    });
    expect(parseConfig(config, 't').warnings.map(formatProblem)).toEqual([
      'stacks[1].consumers[1].externalId: "workload-a-7f3e9c2b41d8" is also the external ID of consumers[0]: give each consumer its own (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html)',
    ]);
  });

  test('an existing owner role is not confined: the warning says why and what to do', () => {
    const config = defaultConfig();
    config.stacks[1].consumers[0].existingOwnerRole = true;
    expect(parseConfig(config, 't').warnings.map(formatProblem)).toEqual([
      'stacks[1].consumers[0].existingOwnerRole: true is set, so the stack does not confine the role S3AccessFromA to this share (it may hold other duties): within the owner account any resource policy that trusts the whole account (a bucket policy with "Principal": "*" and aws:PrincipalAccount, a key policy with kms:CallerAccount) reaches consumer workload-a\'s sessions too; deny the role everything outside its shares in its own policy (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html)',
    ]);
  });

  test('an adopted key that does not delegate to IAM passes when its policy names the deployment role, or with the opt-in', () => {
    const adopt = (provider: object, extra: object = {}) => {
      const config = defaultConfig();
      const owner = config.stacks[0].owner;
      Object.assign(owner, {
        provider,
        kmsKeyArn: 'arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        adoptKey: { currentPolicyFile: 'non-delegating-key-policy.json', ...extra },
      });
      return () => parseConfig({ stacks: [config.stacks[0]] }, 't', { baseDir: join(__dirname, '..', 'policies') });
    };
    expect(adopt({ profile: 'b' })).toThrow(/adoptKey\.currentPolicyFile: .* allows kms:PutKeyPolicy/);
    expect(adopt({ assumeRoleArn: 'arn:aws:iam::222222222222:role/KeyAdmins' })).not.toThrow();
    expect(adopt({ profile: 'b' }, { deployerIsKeyAdministrator: true })).not.toThrow();
  });

  test('Pod Identity and session options that would do less than they say are warned about', () => {
    const config = defaultConfig();
    Object.assign(config.stacks[0].consumers[0], {
      trustedPrincipals: ['pods.eks.amazonaws.com'],
      podIdentity: { serviceAccount: 'loader' },
      sessionTagKeys: ['team'],
      sourceIdentity: true,
    });
    expect(parseConfig(config, 't').warnings.map((w) => `${w.path}: ${w.rule.split(':')[0]}`)).toEqual([
      'stacks[0].consumers[0].sessionTagKeys: has no effect',
      'stacks[0].consumers[0].sourceIdentity: has no effect',
      'stacks[0].consumers[0].podIdentity.serviceAccount: is given without "namespace"',
    ]);
  });

  test('a file that is not an object names "(file)" as the path', () => {
    expect(() => parseConfig([], 'x.json')).toThrow(
      'x.json: 1 problem\n  - (file): [] must be an object ({…}), not a list',
    );
  });

  test('the default config has no warnings', () => {
    expect(parseConfig(defaultConfig(), 'default').warnings).toEqual([]);
  });
});

test("the README's config example is the embedded default's assume-role entry", () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const example = /```json\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf('## Configuration')));
  expect(example).not.toBeNull();
  expect(JSON.parse(example![1])).toEqual({ stacks: [defaultConfig().stacks[1]] });
});
