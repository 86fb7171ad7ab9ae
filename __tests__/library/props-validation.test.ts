/**
 * Constructs validate their props with the config file's rules (modules/rules/): each error names
 * the prop, the value and the rule; unresolved tokens are skipped. Whole-tree checks (policy size,
 * Sid conflicts) hold even when validation is skipped.
 */
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack, Testing, Token } from 'cdktf';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Grantee, PropsError, SharedBucket, SharedBucketProps } from '../../index';

function setUp(bucket: Partial<SharedBucketProps> = {}) {
  const stack = new TerraformStack(Testing.app(), 'library');
  const owner = new AwsProvider(stack, 'owner', { alias: 'owner', region: 'eu-west-1' });
  const consumer = new AwsProvider(stack, 'consumer', { alias: 'consumer', region: 'eu-west-1' });
  const make = () =>
    new SharedBucket(stack, 'share', {
      provider: owner,
      accountId: '222222222222',
      region: 'eu-west-1',
      bucketName: 'reports-share-example',
      ...bucket,
    });
  return { stack, owner, consumer, make };
}

/** The PropsError `fn` throws (the test fails when it throws nothing or something else). */
function propsError(fn: () => unknown): PropsError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PropsError);
    return e as PropsError;
  }
  throw new Error('expected a PropsError, nothing was thrown');
}

describe("the new user's stack: every bad value is refused with the prop, the value and the rule", () => {
  test('bucket "Bad_Bucket"', () => {
    const e = propsError(() => setUp({ bucketName: 'Bad_Bucket' }).make());
    expect(e.problems).toEqual([
      {
        path: 'bucketName',
        value: 'Bad_Bucket',
        rule: expect.stringContaining('may contain only lowercase letters, digits, dots and hyphens'),
      },
    ]);
    expect(e.message).toContain('SharedBucket library/share: 1 invalid prop');
    expect(e.message).toContain('bucketName: "Bad_Bucket" may contain only lowercase letters');
    expect(e.message).toContain('https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html');
  });

  test('owner account "2222"', () => {
    const e = propsError(() => setUp({ accountId: '2222' }).make());
    expect(e.problems).toEqual([
      { path: 'accountId', value: '2222', rule: expect.stringContaining('must be a string of exactly 12 digits') },
    ]);
  });

  test('consumer account "2222"', () => {
    const { consumer } = setUp();
    const e = propsError(() => Grantee.newRole({ provider: consumer, accountId: '2222', roleName: 'Reader' }));
    expect(e.message).toContain('NewRoleGrantee Reader: 1 invalid prop');
    expect(e.problems).toEqual([
      { path: 'accountId', value: '2222', rule: expect.stringContaining('exactly 12 digits') },
    ]);
  });

  test('external ID "x"', () => {
    const { consumer, make } = setUp();
    const bucket = make();
    const reader = Grantee.newRole({ provider: consumer, accountId: '111111111111', roleName: 'Reader' });
    const e = propsError(() => bucket.grantRead(reader, { assumeRole: { externalId: 'x' } }));
    expect(e.message).toContain('SharedBucket library/share grant "Reader"');
    expect(e.problems).toEqual([
      {
        path: 'options.assumeRole.externalId',
        value: 'x',
        rule: expect.stringContaining('must be 2 to 1,224 characters'),
      },
    ]);
  });

  test('prefix "reports/*" (it used to come out as reports/**)', () => {
    const { consumer, make } = setUp();
    const bucket = make();
    const reader = Grantee.newRole({ provider: consumer, accountId: '111111111111', roleName: 'Reader' });
    const e = propsError(() => bucket.grantRead(reader, { prefixes: ['monthly/', 'reports/*'] }));
    expect(e.problems).toEqual([
      {
        path: 'options.prefixes[1]',
        value: 'reports/*',
        rule: expect.stringContaining('must not contain the policy wildcards "*" or "?"'),
      },
    ]);
  });

  test('all problems of one construct are listed together', () => {
    const e = propsError(() => setUp({ accountId: '2222', bucketName: 'Bad_Bucket', region: 'mars-1' }).make());
    expect(e.problems.map((p) => p.path)).toEqual(['accountId', 'region', 'bucketName']);
  });
});

describe('rules over several props', () => {
  test('a grantee in the owner account is refused (cross-account only)', () => {
    const { consumer, make } = setUp();
    const bucket = make();
    const sameAccount = Grantee.newRole({ provider: consumer, accountId: '222222222222', roleName: 'Reader' });
    const e = propsError(() => bucket.grantRead(sameAccount));
    expect(e.problems).toEqual([
      { path: 'grantee.accountId', value: '222222222222', rule: expect.stringContaining('is the owner account') },
    ]);
  });

  test('an existing key in another account, by its prop name', () => {
    const e = propsError(() =>
      setUp({
        existingKmsKeyArn: 'arn:aws:kms:eu-west-1:333333333333:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
      }).make(),
    );
    expect(e.problems).toEqual([
      {
        path: 'existingKmsKeyArn',
        value: 'arn:aws:kms:eu-west-1:333333333333:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
        rule: expect.stringContaining('333333333333'),
      },
    ]);
  });

  test('an access point name in bucket-policy mode', () => {
    const { consumer, make } = setUp();
    const bucket = make();
    const reader = Grantee.newRole({ provider: consumer, accountId: '111111111111', roleName: 'Reader' });
    const e = propsError(() => bucket.grantRead(reader, { accessPointName: 'reader-ap' }));
    expect(e.problems).toEqual([
      {
        path: 'options.accessPointName',
        value: 'reader-ap',
        rule: expect.stringContaining('is used only with "accessMode": "access-points"'),
      },
    ]);
  });

  test('nested prefixes in one grant', () => {
    const { consumer, make } = setUp();
    const bucket = make();
    const reader = Grantee.newRole({ provider: consumer, accountId: '111111111111', roleName: 'Reader' });
    const e = propsError(() => bucket.grantRead(reader, { prefixes: ['a/', 'a/b/'] }));
    expect(e.problems[0]).toMatchObject({ path: 'options.prefixes', rule: expect.stringContaining('inside "a/"') });
  });

  test('two grants whose Sids collide (names that differ only in case)', () => {
    const { consumer, make } = setUp();
    const bucket = make();
    const reader = Grantee.newRole({ provider: consumer, accountId: '111111111111', roleName: 'Reader' });
    bucket.grantRead(reader, { name: 'reader' });
    const e = propsError(() => bucket.grantRead(reader, { name: 'READER' }));
    expect(e.problems[0]).toMatchObject({ path: 'options.name', value: 'READER' });
  });

  test('session tag keys of an existing role in the direct approach', () => {
    const { consumer, make } = setUp();
    const bucket = make();
    const existing = Grantee.existingRole({
      provider: consumer,
      accountId: '111111111111',
      roleName: 'App',
      sessions: { tagKeys: ['team'] },
    });
    const e = propsError(() => bucket.grantRead(existing));
    expect(e.problems[0].path).toBe('grantee.sessions.tagKeys');
  });
});

describe('unresolved tokens are skipped', () => {
  test("an IamRole's arn and a data source's account ID are accepted as a grantee", () => {
    const { stack, consumer, make } = setUp();
    const bucket = make();
    const identity = new DataAwsCallerIdentity(stack, 'consumer-identity', { provider: consumer });
    const role = new IamRole(stack, 'app-role', {
      provider: consumer,
      name: 'AppRole',
      assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [] }),
    });
    const grant = bucket.grantRead(Grantee.fromIamRole(role, identity.accountId), { prefixes: ['in/'] });
    expect(Token.asString(grant.dataPlaneRoleArn)).toMatch(/\${TfToken/);
    const json = JSON.parse(Testing.synth(stack, true));
    const [policy] = Object.values(json.resource.aws_s3_bucket_policy) as Array<{ policy: string }>;
    expect(policy.policy).toContain('aws_iam_role.app-role.arn');
  });

  test('a token bucket name is not checked, a literal one is', () => {
    const { stack, make } = setUp();
    const identity = new DataAwsCallerIdentity(stack, 'owner-identity');
    expect(() => setUp({ bucketName: `reports-${identity.accountId}` }).make()).not.toThrow();
    expect(() => make()).not.toThrow();
  });

  test('a role ARN given as a reference cannot be parsed, and says what to use instead', () => {
    const { stack, consumer } = setUp();
    const role = new IamRole(stack, 'r', { provider: consumer, assumeRolePolicy: '{}' });
    const e = propsError(() => Grantee.fromRoleArn(consumer, role.arn));
    expect(e.problems[0]).toMatchObject({ path: 'roleArn', rule: expect.stringContaining('Grantee.fromIamRole') });
  });
});

describe('whole-tree checks hold without validation', () => {
  /** A stack whose bucket policy is over 20,480 bytes: many grants with distinct prefixes. */
  function oversized(stack: TerraformStack) {
    const owner = new AwsProvider(stack, 'owner', { alias: 'owner', region: 'eu-west-1' });
    const consumer = new AwsProvider(stack, 'consumer', { alias: 'consumer', region: 'eu-west-1' });
    const bucket = new SharedBucket(stack, 'share', {
      provider: owner,
      accountId: '222222222222',
      region: 'eu-west-1',
      bucketName: 'reports-share-example',
    });
    for (let i = 0; i < 40; i++) {
      const grantee = Grantee.newRole({
        provider: consumer,
        accountId: '111111111111',
        roleName: `Reader${i}`,
      });
      bucket.grantRead(grantee, { prefixes: [`team-${i}/reports-${'x'.repeat(40)}/`] });
    }
  }

  test('with validation, the size problem is a validation error', () => {
    const stack = new TerraformStack(Testing.app(), 'big');
    oversized(stack);
    expect(() => Testing.synth(stack, true)).toThrow(/Validation failed[\s\S]*20,480/);
  });

  test('Testing.synth without validation still refuses to render the policy', () => {
    const stack = new TerraformStack(Testing.app(), 'big');
    oversized(stack);
    expect(() => Testing.synth(stack)).toThrow(/SharedBucket big\/share: .*20,480/);
  });

  test("App({ skipValidation: true }).synth() fails and writes no stack's JSON", () => {
    const outdir = mkdtempSync(join(tmpdir(), 's3share-skip-'));
    try {
      const app = new App({ outdir, skipValidation: true });
      oversized(new TerraformStack(app, 'big'));
      expect(() => app.synth()).toThrow(/SharedBucket big\/share: .*20,480/);
      expect(existsSync(join(outdir, 'stacks', 'big', 'cdk.tf.json'))).toBe(false);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
