/**
 * KMS rows: the key actions of the consumer's level through S3 (with the bucket or an object as
 * encryption context), the key uses that must be refused (another bucket, not via S3, key
 * administration), a foreign role's decrypt, and the uploads whose encryption headers name a key.
 */
import type { StackModel } from '../../config/schema';
import { dnsSuffixOf } from '../../policy/arn';
import { S3_KMS_KEY_ID_CONDITION_KEY, S3_SSE_CONDITION_KEY } from '../../policy/s3';
import { EVERYTHING, Expectation, OBJECT_NAME, Row, tlsContext } from '../common';
import type { StackPolicies } from '../extract';
import { ConsumerScope, DataPlaneAsk, ForeignRole, objectArn } from './scope';

/** Input of {@link kmsContext}. */
export interface KmsContextInput {
  readonly model: StackModel;
  readonly p: StackPolicies;
  /** The caller's account. */
  readonly account: string;
  /** The encryption context `aws:s3:arn`: the bucket (S3 Bucket Key) or an object. */
  readonly contextArn: string;
}

/** The request context of a KMS call that S3 makes for a caller. */
export function kmsContext(input: KmsContextInput): Record<string, string | string[]> {
  const { model, p, account } = input;
  return {
    ...tlsContext(account),
    'kms:CallerAccount': account,
    'kms:ViaService': `s3.${model.region}.${dnsSuffixOf(p.partition)}`,
    'kms:EncryptionContext:aws:s3:arn': input.contextArn,
    'kms:EncryptionContextKeys': ['aws:s3:arn'],
    ...(p.keyAliases.length > 0 ? { 'kms:ResourceAliases': [...p.keyAliases] } : {}),
  };
}

/** A KMS request of the data-plane role on the bucket's key. */
interface KeyAsk {
  readonly action: string;
  readonly context: Record<string, string | string[]>;
  readonly what: string;
  readonly expect: Expectation;
}

/**
 * The data-plane role and the bucket's key: each key action of its level through S3, with the
 * bucket and with an object as encryption context; refused with another bucket as context, not via
 * S3, and for scheduling the key's deletion.
 */
export function keyUseRows(scope: ConsumerScope): Row[] {
  const { model, p, c, dataPlaneAccount: account } = scope;
  const { keyArn, keyPolicy } = p;
  if (keyArn === undefined || keyPolicy === undefined) return [];
  const row = (ask: KeyAsk): Row => ({
    who: 'data-plane role',
    principal: scope.dataPlaneArn,
    action: ask.action,
    resource: keyArn,
    resourceAccount: scope.owner,
    context: ask.context,
    identityPolicies: scope.dataPlaneIdentity,
    resourcePolicy: keyPolicy,
    what: ask.what,
    expect: ask.expect,
  });
  const via = (contextArn: string) => kmsContext({ model, p, account, contextArn });
  return [
    ...scope.level.verify.kmsActions.flatMap((action) => [
      row({ action, context: via(p.bucketArn), what: `${action} (bucket key: context = bucket)`, expect: 'allow' }),
      row({
        action,
        context: via(objectArn(scope, scope.someKey)),
        what: `${action} (no bucket key: context = object)`,
        expect: 'allow',
      }),
    ]),
    row({
      action: 'kms:Decrypt',
      context: via(`arn:${p.partition}:s3:::another-bucket-${c.name}/${OBJECT_NAME}`),
      what: 'kms:Decrypt with another bucket as context',
      expect: 'deny',
    }),
    row({
      action: 'kms:Decrypt',
      context: { ...via(p.bucketArn), 'kms:ViaService': `ec2.${model.region}.${dnsSuffixOf(p.partition)}` },
      what: 'kms:Decrypt not via S3',
      expect: 'deny',
    }),
    row({
      action: 'kms:ScheduleKeyDeletion',
      context: { ...tlsContext(account), 'kms:CallerAccount': account },
      what: 'kms:ScheduleKeyDeletion',
      expect: 'deny',
    }),
  ];
}

/** A foreign role (its IAM allowing everything) decrypting through S3: denied by the key policy. */
export function foreignKeyRows(scope: ConsumerScope, role: ForeignRole): Row[] {
  const { model, p } = scope;
  if (p.keyArn === undefined || p.keyPolicy === undefined) return [];
  return [
    {
      who: role.who,
      principal: role.arn,
      action: 'kms:Decrypt',
      resource: p.keyArn,
      resourceAccount: scope.owner,
      context: kmsContext({ model, p, account: role.account, contextArn: objectArn(scope, scope.someKey) }),
      identityPolicies: EVERYTHING,
      resourcePolicy: p.keyPolicy,
      what: 'kms:Decrypt via S3',
      expect: 'deny',
    },
  ];
}

/**
 * A writer's uploads to an SSE-KMS bucket that name a key: the bucket's key passes, another key is
 * refused, and so are the header combinations of {@link kmsHeaderAsks}.
 */
export function uploadKeyAsks(scope: ConsumerScope): DataPlaneAsk[] {
  const { p, model, c } = scope;
  if (!scope.level.writes || p.keyArn === undefined) return [];
  const resource = objectArn(scope, scope.someKey);
  return [
    {
      action: 's3:PutObject',
      resource,
      what: "PutObject naming the bucket's key",
      expect: 'allow',
      extra: { [S3_SSE_CONDITION_KEY]: 'aws:kms', [S3_KMS_KEY_ID_CONDITION_KEY]: p.keyArn },
    },
    {
      action: 's3:PutObject',
      resource,
      what: 'PutObject naming another KMS key',
      expect: 'deny',
      extra: {
        [S3_SSE_CONDITION_KEY]: 'aws:kms',
        [S3_KMS_KEY_ID_CONDITION_KEY]: `arn:${p.partition}:kms:${model.region}:${c.accountId}:key/11111111-1111-4111-8111-111111111111`,
      },
    },
    ...kmsHeaderAsks(p, scope.dataPlaneAccount === scope.owner, resource),
  ];
}

/**
 * Uploads that ask for SSE-KMS in ways that could skip the bucket's key. verify models the
 * header-as-sent reading of the key-ID condition key: with `aws:kms` and no key-ID header, the
 * request context holds no key ID. (The PutObject reference says S3 then uses `aws/s3`; the User
 * Guide's "Requiring server-side encryption" and the bucket-encryption page's cross-account
 * section read otherwise; `denyKmsUploadsWithoutBucketKey` refuses it under both readings.)
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html#API_PutObject_RequestSyntax
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html#require-sse-kms
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-encryption.html
 * @param ownerAccountCaller the data-plane role is in the owner account, where a bare key ID names the bucket's key
 */
export function kmsHeaderAsks(p: StackPolicies, ownerAccountCaller: boolean, object: string): DataPlaneAsk[] {
  if (p.keyArn === undefined || p.keyId === undefined) return [];
  const kms = (keyId?: string) => ({
    [S3_SSE_CONDITION_KEY]: 'aws:kms',
    ...(keyId !== undefined ? { [S3_KMS_KEY_ID_CONDITION_KEY]: keyId } : {}),
  });
  const put = { action: 's3:PutObject', resource: object };
  return [
    { ...put, what: 'PutObject asking for aws:kms without a key ID (aws/s3)', expect: 'deny', extra: kms() },
    { ...put, what: 'PutObject naming a key by an alias', expect: 'deny', extra: kms('alias/aws/s3') },
    {
      ...put,
      what: `PutObject naming the bucket's key by its bare key ID (${ownerAccountCaller ? 'owner-account caller' : 'resolved in the caller account'})`,
      expect: ownerAccountCaller ? 'allow' : 'deny',
      extra: kms(p.keyId),
    },
  ];
}
