/** Current policies: parsing a file, escaping for Terraform, and merging with the stack's statements. */
import {
  CurrentStatement,
  escapeForTerraform,
  isStackSid,
  mergeWithCurrent,
  parseCurrentPolicy,
} from '../../modules/policy/current';
import { Statement } from '../../modules/policy/document';

const BUCKET = 'arn:aws:s3:::team-data';
const theirs: CurrentStatement = {
  Sid: 'BackupReads',
  Effect: 'Allow',
  NotPrincipal: { AWS: 'arn:aws:iam::444444444444:role/Other' },
  Action: 's3:GetObject',
  Resource: `${BUCKET}/backup/*`,
  Condition: { StringLike: { 's3:prefix': 'home/${aws:username}/%{x}' } },
} as unknown as CurrentStatement;
const ours: Statement = {
  Sid: 'DenyUploadsWithOtherKmsKeys',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:PutObject',
  Resource: `${BUCKET}/*`,
  Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': '${TfToken[TOKEN.7]}' } },
};

describe('parseCurrentPolicy', () => {
  test('a single Statement object is one statement, kept whole', () => {
    const parsed = parseCurrentPolicy(JSON.stringify({ Version: '2012-10-17', Statement: theirs }), BUCKET);
    expect(parsed).toEqual({ statements: [theirs] });
  });

  test('rules: version, wrapper, Effect, unique Sids, resources of this bucket', () => {
    const doc = (statement: unknown, extra: object = {}) =>
      JSON.stringify({ Version: '2012-10-17', Statement: statement, ...extra });
    expect(parseCurrentPolicy('{"Version":"2008-10-17","Statement":[]}').broken).toMatch(
      /^has "Version": "2008-10-17"/,
    );
    expect(parseCurrentPolicy('{"Policy":"{}"}').broken).toMatch(/^holds \{"Policy": "…"\}/);
    expect(parseCurrentPolicy(doc([{ Effect: 'Maybe' }])).broken).toBe(
      'has Statement[0] with "Effect": "Maybe"; it must be "Allow" or "Deny"',
    );
    expect(parseCurrentPolicy(doc([theirs, theirs])).broken).toBe(
      'has Statement[1] with the Sid "BackupReads" of Statement[0]; Sids must be unique',
    );
    expect(parseCurrentPolicy(doc([{ ...theirs, Resource: 'arn:aws:s3:::team-data-old/*' }]), BUCKET).broken).toBe(
      'has Statement[0] on "arn:aws:s3:::team-data-old/*", which is not arn:aws:s3:::team-data or an object in it: is this the policy of another bucket?',
    );
    expect(
      parseCurrentPolicy(doc([{ ...theirs, Resource: [BUCKET, `${BUCKET}/x/*`] }]), BUCKET).broken,
    ).toBeUndefined();
    expect(parseCurrentPolicy('{"Version":').broken).toMatch(/^is not valid JSON/);
  });
});

describe('escapeForTerraform', () => {
  test('every ${ and %{ is doubled, in values and keys, and nothing else changes', () => {
    const escaped = escapeForTerraform({
      ...theirs,
      Condition: { StringEquals: { 'aws:PrincipalTag/${x}': ['a${b}', '100%', '%{c}', '$$'] } },
    } as unknown as CurrentStatement);
    expect(escaped).toEqual({
      ...theirs,
      Condition: { StringEquals: { 'aws:PrincipalTag/$${x}': ['a$${b}', '100%', '%%{c}', '$$'] } },
    });
  });
});

describe('mergeWithCurrent', () => {
  test("others' statements first (escaped), then the stack's", () => {
    const merged = mergeWithCurrent({ source: 'f', statements: [theirs] }, [ours], {
      keyArn: '${TfToken[TOKEN.7]}',
    });
    expect(merged.conflicts).toEqual([]);
    expect(merged.statements).toEqual([escapeForTerraform(theirs), ours]);
  });

  test('a statement of the stack in the file (an earlier deploy, with the real key ARN) is written once', () => {
    const deployed = {
      ...ours,
      Condition: {
        StringNotEquals: {
          's3:x-amz-server-side-encryption-aws-kms-key-id':
            'arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        },
      },
    } as CurrentStatement;
    const merged = mergeWithCurrent({ source: 'f', statements: [deployed, theirs] }, [ours], {
      keyArn: '${TfToken[TOKEN.7]}',
    });
    expect(merged).toEqual({ statements: [escapeForTerraform(theirs), ours], conflicts: [] });
  });

  test('the key ID reference compares equal to the deployed bare key ID, and to nothing else', () => {
    const withId = (arn: string, id: string): Statement => ({
      ...ours,
      Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': [arn, id] } },
    });
    const mine = withId('${TfToken[TOKEN.7]}', '${TfToken[TOKEN.8]}');
    const deployed = withId(
      'arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      '1234abcd-12ab-34cd-56ef-1234567890ab',
    ) as CurrentStatement;
    const options = { keyArn: '${TfToken[TOKEN.7]}', keyId: '${TfToken[TOKEN.8]}' };
    expect(mergeWithCurrent({ source: 'f', statements: [deployed] }, [mine], options).conflicts).toEqual([]);
    const aliased = withId('arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab', 'alias/x');
    expect(
      mergeWithCurrent({ source: 'f', statements: [aliased as CurrentStatement] }, [mine], options).conflicts,
    ).toHaveLength(1);
  });

  test('othersSids: a stack-form Sid kept as the current policy has it, never a conflict', () => {
    const root = {
      Sid: 'EnableOwnerAccountIamPolicies',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::222222222222:root' },
      Action: 'kms:*',
      Resource: '*',
    } as CurrentStatement;
    const kept = mergeWithCurrent({ source: 'f', statements: [root] }, [ours], {
      othersSids: ['EnableOwnerAccountIamPolicies'],
    });
    expect(kept).toEqual({ statements: [root, ours], conflicts: [] });
    expect(mergeWithCurrent({ source: 'f', statements: [root] }, [ours]).conflicts).toEqual([
      expect.stringMatching(
        /^f: statement Sid "EnableOwnerAccountIamPolicies" has the form of the Sids this stack writes/,
      ),
    ]);
  });

  test('the same Sid with other content, and a stack-form Sid the stack no longer writes, are conflicts', () => {
    const changed = { ...ours, Action: 's3:*' } as CurrentStatement;
    const stale = { ...theirs, Sid: 'WorkloadBReadObjectsAnd2More' } as CurrentStatement;
    const merged = mergeWithCurrent({ source: 'f', statements: [changed, stale] }, [ours]);
    expect(merged.conflicts).toEqual([
      expect.stringMatching(/^f: statement Sid "DenyUploadsWithOtherKmsKeys" is also a Sid of this stack's statements/),
      expect.stringMatching(
        /^f: statement Sid "WorkloadBReadObjectsAnd2More" has the form of the Sids this stack writes/,
      ),
    ]);
  });

  test("the stack's Sid forms", () => {
    for (const sid of [
      'DenyInsecureTransport',
      'DenyKmsUploadsWithoutBucketKey',
      'DenyBareKeyIdFromOtherAccounts',
      'AReadWriteObjects',
      'ListBucket',
      'DenyAclsOtherThanBucketOwnerFullControl',
      'XUseBucketKeyAnd3More',
    ])
      expect(isStackSid(sid)).toBe(true);
    for (const sid of ['BackupReads', 'ListBuckets', 'Allow ListBucket', undefined])
      expect(isStackSid(sid)).toBe(false);
  });
});
