/**
 * Constructs validate their props with the config file's rules (modules/rules/): each error names
 * the prop, the value and the rule; unresolved tokens are skipped. Whole-tree checks (policy size,
 * Sid conflicts) hold even when validation is skipped.
 */
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Grantee, PropsError, SharedBucket, SharedBucketProps, defaultGrantName } from '../../index';

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

describe('found in review: one role, many grants; tokens; partitions; defaults', () => {
  const reader = (consumer: AwsProvider, roleName = 'Reader') =>
    Grantee.newRole({ provider: consumer, accountId: '111111111111', roleName });

  test('one grantee granted twice on one bucket gets two inline policies with distinct names', () => {
    const { stack, consumer, make } = setUp();
    const bucket = make();
    const g = reader(consumer);
    bucket.grantRead(g, { name: 'reads', prefixes: ['a/'] });
    bucket.grantWrite(g, { name: 'writes', prefixes: ['b/'] });
    const json = JSON.parse(Testing.synth(stack, true));
    const names = Object.values(json.resource.aws_iam_role_policy as Record<string, { name: string }>).map(
      (p) => p.name,
    );
    expect(names.sort()).toEqual([
      'cross-account-s3-reports-share-example',
      'cross-account-s3-reports-share-example-2',
    ]);
  });

  test('two buckets granting one grantee through default owner roles: the second role name is refused', () => {
    const { stack, owner, consumer, make } = setUp();
    const first = make();
    const second = new SharedBucket(stack, 'other', {
      provider: owner,
      accountId: '222222222222',
      region: 'eu-west-1',
      bucketName: 'other-share-example',
    });
    const g = reader(consumer);
    first.grantRead(g, { assumeRole: { externalId: 'reader-6b0e2f9a41c7' } });
    const e = propsError(() => second.grantRead(g, { assumeRole: { externalId: 'reader-6b0e2f9a41c7' } }));
    expect(e.problems[0]).toMatchObject({
      path: 'roleName',
      value: 'S3AccessFromReader',
      rule: expect.stringContaining('library/share/grant-Reader/owner-role already creates in account 222222222222'),
    });
  });

  test("IamRole grantees count at their real ARN length in the bucket policy's size", () => {
    const { stack, consumer, make } = setUp();
    const bucket = make();
    for (let i = 0; i < 34; i++) {
      const role = new IamRole(stack, `role-${i}`, {
        provider: consumer,
        name: `R${i}${'x'.repeat(58)}`,
        path: `/${'p'.repeat(198)}/`,
        assumeRolePolicy: '{}',
      });
      bucket.grantRead(Grantee.fromIamRole(role, '111111111111'), { name: `g${i}`, prefixes: [`t${i}/`] });
    }
    expect(() => Testing.synth(stack, true)).toThrow(/bucket policy is [\d,]+ bytes, over the limit of 20,480/);
  });

  test("a created role's trust policy over its quota fails even without validation", () => {
    const { stack, consumer, make } = setUp();
    const bucket = make();
    const trusted = Array.from({ length: 80 }, (_, i) => `arn:aws:iam::111111111111:role/caller-${i}`);
    bucket.grantRead(
      Grantee.newRole({
        provider: consumer,
        accountId: '111111111111',
        roleName: 'Reader',
        trustedPrincipals: trusted,
      }),
    );
    expect(() => Testing.synth(stack)).toThrow(/RoleRef library\/share\/grant-Reader\/consumer-role: .*2,048/);
  });

  test('a Terraform list as prefixes is refused; a number reference as session duration is accepted', () => {
    const { stack, consumer, make } = setUp();
    const bucket = make();
    const prefixes = new TerraformVariable(stack, 'prefixes', { type: 'list(string)' });
    const e = propsError(() => bucket.grantRead(reader(consumer), { prefixes: prefixes.listValue }));
    expect(e.problems[0]).toMatchObject({
      path: 'options.prefixes',
      rule: expect.stringContaining('not a Terraform list reference'),
    });
    const seconds = new TerraformVariable(stack, 'seconds', { type: 'number' });
    expect(() =>
      bucket.grantRead(reader(consumer, 'Other'), {
        assumeRole: { externalId: 'other-6b0e2f9a41c7', sessionDurationSeconds: seconds.numberValue },
      }),
    ).not.toThrow();
  });

  test('a reference inside a prefix: the literal text around it is checked', () => {
    const { stack, consumer, make } = setUp();
    const bucket = make();
    const team = new TerraformVariable(stack, 'team', { type: 'string' });
    const e = propsError(() => bucket.grantRead(reader(consumer), { prefixes: [`*${team.stringValue}`] }));
    expect(e.problems[0]).toMatchObject({
      path: 'options.prefixes[0]',
      rule: expect.stringContaining('must not contain the policy wildcards'),
    });
    expect(() =>
      bucket.grantRead(reader(consumer, 'Other'), { prefixes: [`teams/${team.stringValue}/`] }),
    ).not.toThrow();
  });

  test('a role ARN of another partition is refused, not rewritten', () => {
    const { consumer, make } = setUp();
    const bucket = make();
    const e = propsError(() =>
      bucket.grantRead(Grantee.fromRoleArn(consumer, 'arn:aws-cn:iam::111111111111:role/App')),
    );
    expect(e.problems[0]).toMatchObject({ path: 'grantee.partition', value: 'aws-cn' });
  });

  test("an IamRole on the stack's default provider is accepted", () => {
    const { stack, make } = setUp();
    const bucket = make();
    new AwsProvider(stack, 'default', { region: 'eu-west-1' });
    const role = new IamRole(stack, 'app', { name: 'App', assumeRolePolicy: '{}' });
    expect(() => bucket.grantRead(Grantee.fromIamRole(role, '111111111111'))).not.toThrow();
  });

  test('the default grant name is the role name made valid; a placeholder external ID is refused', () => {
    const { consumer, make } = setUp();
    const bucket = make();
    expect(defaultGrantName('data_reader')).toBe('data-reader');
    expect(defaultGrantName('2fast')).toBe('fast');
    expect(bucket.grantRead(reader(consumer, 'data_reader')).name).toBe('data-reader');
    const e = propsError(() =>
      bucket.grantRead(reader(consumer, 'Other'), { assumeRole: { externalId: 'YOUR-STRONG-EXTERNAL-ID' } }),
    );
    expect(e.problems[0].path).toBe('options.assumeRole.externalId');
  });

  test("rules over several grants name the earlier grant, not the config's consumers[i]", () => {
    const { consumer, make } = setUp();
    const bucket = make();
    bucket.grantRead(reader(consumer), { name: 'reader' });
    const e = propsError(() => bucket.grantRead(reader(consumer, 'Other'), { name: 'READER' }));
    expect(e.problems.map((p) => p.rule).join('\n')).toContain('grant "reader"');
    expect(e.message).not.toContain('consumers[');
  });
});

describe('values only a JavaScript caller or a reference can get past the types', () => {
  test('an unknown encryption or access mode is refused, not read as SSE-S3 or bucket-policy', () => {
    const e = propsError(() =>
      setUp({ encryption: 'aws:kms' as 'kms', accessMode: 'access-point' as 'access-points' }).make(),
    );
    expect(e.problems.map((p) => [p.path, p.rule])).toEqual([
      ['encryption', 'must be one of "kms", "s3"'],
      ['accessMode', 'must be one of "bucket-policy", "access-points"'],
    ]);
  });

  test('a region given as a reference is refused (every ARN takes its partition from it)', () => {
    const { stack } = setUp();
    const region = new TerraformVariable(stack, 'region', { type: 'string' });
    const e = propsError(() => setUp({ region: region.stringValue }).make());
    expect(e.problems[0]).toMatchObject({ path: 'region', rule: expect.stringContaining('partition') });
  });

  test('an access point name given as a reference is refused', () => {
    const { stack, consumer, make } = setUp({ accessMode: 'access-points' });
    const bucket = make();
    const name = new TerraformVariable(stack, 'ap', { type: 'string' });
    const e = propsError(() =>
      bucket.grantRead(Grantee.newRole({ provider: consumer, accountId: '111111111111', roleName: 'Reader' }), {
        accessPointName: name.stringValue,
      }),
    );
    expect(e.problems[0].path).toBe('options.accessPointName');
  });

  test("a grantee kind of the user's own is checked when it is granted", () => {
    const { consumer, make } = setUp();
    const bucket = make();
    const inner = Grantee.newRole({ provider: consumer, accountId: '111111111111', roleName: 'Reader' });
    const custom = { accountId: '12', provider: consumer, roleName: 'Reader', bind: inner.bind.bind(inner) };
    const e = propsError(() => bucket.grantRead(custom));
    expect(e.problems[0]).toMatchObject({ path: 'grantee.accountId', value: '12' });
  });
});
