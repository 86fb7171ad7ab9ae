/**
 * The lint's rules catch planted defects, in hand-written documents and in the policies the stack
 * really writes (the default `direct-access` stack): an unknown action, a condition key that does
 * not apply to its action, a malformed ARN; and a wildcard action passes when it matches real actions.
 */
import { lintPolicy } from '../../modules/lint';
import type { Finding, LintTarget, PolicyKind } from '../../modules/lint';
import { Suppression } from '../../modules/lint/suppressions';
import { SynthJson, policiesOf } from '../../modules/verify/extract';
import { PolicyDocument, Statement } from '../../modules/policy/document';
import { defaultModel, synthStack } from '../helpers';

const model = defaultModel('direct-access');
const policies = policiesOf(synthStack(model) as unknown as SynthJson, model);

/** A copy of a real policy with one statement changed. */
function withStatement(doc: PolicyDocument, sid: string, change: (s: Statement) => Statement): PolicyDocument {
  expect(doc.Statement.map((s) => s.Sid)).toContain(sid);
  return { ...doc, Statement: doc.Statement.map((s) => (s.Sid === sid ? change(s) : s)) };
}

async function lint(
  kind: PolicyKind,
  document: unknown,
  suppressions: readonly Suppression[] = [],
): Promise<Finding[]> {
  const target: LintTarget = { kind, policy: `${kind} policy`, document };
  return (await lintPolicy(target, suppressions)).findings;
}

/** The fields a test asserts. */
const brief = (f: Finding) => ({ rule: f.rule, severity: f.severity, sid: f.sid, action: f.action, key: f.key });

const allow = (extra: Record<string, unknown>) => ({
  Version: '2012-10-17',
  Statement: [{ Sid: 'Planted', Effect: 'Allow', Resource: 'arn:aws:s3:::my-shared-bucket/*', ...extra }],
});

describe('the stack’s own policies', () => {
  test('lint clean as written', async () => {
    expect(await lint('bucket', policies.bucketPolicy)).toEqual([]);
    expect(await lint('key', policies.keyPolicy)).toEqual([]);
    for (const [, list] of policies.identityPolicies) {
      for (const { policy } of list) expect(await lint('identity', policy)).toEqual([]);
    }
  });

  test('an unknown action fails', async () => {
    const doc = withStatement(policies.bucketPolicy, 'WorkloadAListBucket', (s) => ({
      ...s,
      Action: 's3:ListBuckets',
    }));
    const findings = await lint('bucket', doc);
    expect(findings.map(brief)).toEqual([
      {
        rule: 'action-exists',
        severity: 'error',
        sid: 'WorkloadAListBucket',
        action: 's3:ListBuckets',
        key: undefined,
      },
    ]);
    expect(findings[0].message).toBe('s3:ListBuckets is not an action of s3');
  });

  test('a condition key that does not apply to its action fails, once per action', async () => {
    const doc = withStatement(policies.bucketPolicy, 'WorkloadAReadWriteObjects', (s) => ({
      ...s,
      Condition: { StringLike: { 's3:prefix': 'reports/*' } },
    }));
    const findings = await lint('bucket', doc);
    expect(new Set(findings.map((f) => `${f.rule} ${f.sid} ${f.key}`))).toEqual(
      new Set(['condition-key-applies WorkloadAReadWriteObjects s3:prefix']),
    );
    expect(findings.map((f) => f.action)).toEqual([
      's3:GetObject',
      's3:PutObject',
      's3:AbortMultipartUpload',
      's3:ListMultipartUploadParts',
      's3:PutObjectAcl',
    ]);
    expect(findings[0].message).toBe('s3:prefix does not apply to s3:GetObject');
  });

  test('a KMS key in a bucket policy condition fails; the key policy’s own KMS keys pass', async () => {
    const doc = withStatement(policies.bucketPolicy, 'DenyUploadsWithOtherKmsKeys', (s) => ({
      ...s,
      Condition: { StringNotEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } },
    }));
    expect((await lint('bucket', doc)).map(brief)).toEqual([
      {
        rule: 'condition-key-applies',
        severity: 'error',
        sid: 'DenyUploadsWithOtherKmsKeys',
        action: 's3:PutObject',
        key: 'kms:ViaService',
      },
    ]);
    // kms:ViaService and kms:EncryptionContext:aws:s3:arn (a template key) on kms:Decrypt.
    const grant = policies.keyPolicy!.Statement.find((s) => s.Sid === 'WorkloadAUseBucketKey')!;
    expect(Object.keys(grant.Condition!.StringLike)).toEqual(['kms:EncryptionContext:aws:s3:arn']);
    expect(await lint('key', policies.keyPolicy)).toEqual([]);
  });

  test('a malformed ARN fails the grammar', async () => {
    const doc = withStatement(policies.bucketPolicy, 'WorkloadAReadWriteObjects', (s) => ({
      ...s,
      Resource: 'arn:aws:s3::my-shared-bucket/*',
    }));
    const findings = await lint('bucket', doc);
    expect(findings.map(brief)).toEqual([
      { rule: 'grammar', severity: 'error', sid: 'WorkloadAReadWriteObjects', action: undefined, key: undefined },
    ]);
    expect(findings[0].message).toBe('arn:aws:s3::my-shared-bucket/* has 5 of the 6 colon-separated parts of an ARN');
  });
});

describe('grammar', () => {
  test('the validator of the policy’s kind: an Effect that is not Allow or Deny, a Principal in an identity policy', async () => {
    const bad = await lint('bucket', allow({ Effect: 'Permit', Principal: '*', Action: 's3:GetObject' }));
    expect(bad.map((f) => [f.rule, f.sid, f.path])).toEqual([['grammar', 'Planted', 'Statement[0].Effect']]);
    const identity = await lint('identity', allow({ Principal: '*', Action: 's3:GetObject' }));
    expect(identity.map((f) => [f.rule, f.sid])).toEqual([['grammar', 'Planted']]);
    expect(identity[0].message).toMatch(/Principal is not allowed in an identity policy/);
  });

  test('ARNs: a bad account, an empty resource, a principal that is no ARN, a resource of no type of its service', async () => {
    const findings = await lint(
      'bucket',
      allow({
        Principal: { AWS: ['arn:aws:iam::12345:role/R', 'RoleInAccountA'] },
        Action: 's3:GetObject',
        Resource: ['arn:aws:s3:::', 'arn:aws:s3:::my-shared-bucket/*', 'arn:aws:s3:us-east-1:111111111111:nothing/x'],
      }),
    );
    expect(findings.map((f) => `${f.rule}: ${f.message}`)).toEqual([
      'grammar: arn:aws:s3::: has a malformed resource ""',
      'grammar: arn:aws:s3:us-east-1:111111111111:nothing/x fits no resource type of s3',
      'grammar: arn:aws:iam::12345:role/R has a malformed account "12345"; an AWS principal is *, an account ID or an IAM or STS ARN',
      'grammar: RoleInAccountA is not an ARN (arn:partition:service:region:account:resource); an AWS principal is *, an account ID or an IAM or STS ARN',
    ]);
  });
});

describe('wildcard actions', () => {
  test('pass when they match real actions: s3:Get*, s3:*, *, s3:Put?bject', async () => {
    for (const action of ['s3:Get*', 's3:*', '*', 's3:Put?bject', 'S3:getobject']) {
      expect(await lint('bucket', allow({ Principal: '*', Action: action }))).toEqual([]);
    }
  });

  test('fail when they match none, or name no service', async () => {
    const findings = await lint('bucket', allow({ Principal: '*', Action: ['s3:Fetch*', 'nosuchservice:Get*'] }));
    expect(findings.map((f) => [f.rule, f.action, f.message])).toEqual([
      ['action-exists', 's3:Fetch*', 's3:Fetch* matches no action of s3'],
      ['action-exists', 'nosuchservice:Get*', 'nosuchservice:Get*: IAM has no service "nosuchservice"'],
    ]);
  });

  test('a condition key passes when it applies to at least one matched action', async () => {
    const list = allow({ Principal: '*', Action: 's3:List*', Condition: { StringLike: { 's3:prefix': 'a/*' } } });
    expect(await lint('bucket', list)).toEqual([]);
    const put = allow({ Principal: '*', Action: 's3:Put*', Condition: { StringLike: { 's3:prefix': 'a/*' } } });
    expect((await lint('bucket', put)).map(brief)).toEqual([
      { rule: 'condition-key-applies', severity: 'error', sid: 'Planted', action: 's3:Put*', key: 's3:prefix' },
    ]);
  });
});

describe('condition keys', () => {
  test('service keys with a variable part and keys of the action’s resource types apply', async () => {
    const doc = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Trust',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111111111111:root' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': 'x', 'aws:RequestTag/team': 'a', 'aws:SourceAccount': '1' } },
        },
      ],
    };
    expect(await lint('trust', doc)).toEqual([]);
    // s3:DataAccessPointAccount is a key of the access point resource types of s3:GetObject.
    const ap = allow({
      Principal: '*',
      Action: 's3:GetObject',
      Condition: { StringEquals: { 's3:DataAccessPointAccount': '2', 's3:ResourceAccount': '2' } },
    });
    expect(await lint('bucket', ap)).toEqual([]);
    const kms = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Use',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111111111111:root' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Resource: '*',
          Condition: {
            StringLike: { 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::b/*', 'kms:ViaService': 's3.*' },
            'ForAllValues:StringEquals': {
              'kms:EncryptionContextKeys': 'aws:s3:arn',
              'kms:ResourceAliases': 'alias/x',
            },
          },
        },
      ],
    };
    expect(await lint('key', kms)).toEqual([]);
  });

  test('a key IAM does not know fails, whatever the action', async () => {
    const findings = await lint(
      'bucket',
      allow({ Principal: '*', Action: '*', Condition: { StringEquals: { 's3:nope': 'x', 'aws:Nope': 'y' } } }),
    );
    expect(findings.map((f) => [f.rule, f.key, f.message])).toEqual([
      ['condition-key-applies', 's3:nope', 's3:nope is not a condition key IAM knows'],
      ['condition-key-applies', 'aws:Nope', 'aws:Nope is not a condition key IAM knows'],
    ]);
  });

  test('sts:ExternalId does not apply to sts:TagSession', async () => {
    const doc = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Trust',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111111111111:root' },
          Action: ['sts:AssumeRole', 'sts:TagSession'],
          Condition: { StringEquals: { 'sts:ExternalId': 'x' } },
        },
      ],
    };
    expect((await lint('trust', doc)).map(brief)).toEqual([
      {
        rule: 'condition-key-applies',
        severity: 'error',
        sid: 'Trust',
        action: 'sts:TagSession',
        key: 'sts:ExternalId',
      },
    ]);
  });
});

describe('suppressions', () => {
  test('a matching suppression moves the finding to suppressed', async () => {
    const suppression: Suppression = {
      rule: 'action-exists',
      match: { sid: /^Planted$/, action: 's3:ListBuckets' },
      reason: 'test',
      url: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html',
    };
    const result = await lintPolicy(
      { kind: 'bucket', policy: 'bucket policy', document: allow({ Principal: '*', Action: 's3:ListBuckets' }) },
      [suppression],
    );
    expect(result.findings).toEqual([]);
    expect(result.suppressed.map((s) => [s.finding.action, s.suppression])).toEqual([['s3:ListBuckets', suppression]]);
  });
});
