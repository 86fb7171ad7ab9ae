/**
 * Rows for the ways data could escape the bucket's key or a grant reach beyond the share: uploads
 * whose encryption headers would skip the bucket's key, a same-name bucket in another account,
 * the owner role reaching other owner-account resources, and sessions that carry tags or a source
 * identity along a role chain.
 */
import type { ConsumerModel, StackModel } from '../config/schema';
import { policyDocument } from '../policy/document';
import {
  S3_KMS_KEY_ID_CONDITION_KEY,
  S3_RESOURCE_ACCOUNT_KEY,
  S3_SSE_CONDITION_KEY,
  objectActions,
  reads,
} from '../policy/s3';
import { EKS_POD_IDENTITY_PRINCIPAL, EKS_POD_IDENTITY_TAG_KEYS, chainedTagKeys } from '../policy/trust';
import { Expectation, OBJECT_NAME, UNRELATED_ACCOUNT } from './common';
import type { StackPolicies } from './extract';
import type { Check } from './matrix';

/** A row before its stack and consumer are filled in. */
type Row = Omit<Check, 'stack' | 'consumer'>;

/** Arguments of a data-plane S3 request: action, resource, what, expect, extra context. */
type DataPlaneArgs = [string, string, string, Expectation, Record<string, string>];

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
export function kmsHeaderRows(p: StackPolicies, ownerAccountCaller: boolean, object: string): DataPlaneArgs[] {
  if (p.keyArn === undefined || p.keyId === undefined) return [];
  const kms = (keyId?: string) => ({
    [S3_SSE_CONDITION_KEY]: 'aws:kms',
    ...(keyId !== undefined ? { [S3_KMS_KEY_ID_CONDITION_KEY]: keyId } : {}),
  });
  return [
    ['s3:PutObject', object, 'PutObject asking for aws:kms without a key ID (aws/s3)', 'deny', kms()],
    ['s3:PutObject', object, 'PutObject naming a key by an alias', 'deny', kms('alias/aws/s3')],
    [
      's3:PutObject',
      object,
      `PutObject naming the bucket's key by its bare key ID (${ownerAccountCaller ? 'owner-account caller' : 'resolved in the caller account'})`,
      ownerAccountCaller ? 'allow' : 'deny',
      kms(p.keyId),
    ],
  ];
}

/** Input of {@link escapeRows}. */
export interface EscapeRowsInput {
  readonly model: StackModel;
  readonly p: StackPolicies;
  readonly c: ConsumerModel;
  readonly dataPlaneArn: string;
  readonly dataPlaneAccount: string;
  readonly identity: Check['identityPolicies'];
  readonly someKey: string;
}

/**
 * The data-plane role against a bucket of the same name in another account whose bucket policy
 * allows everyone (S3 ARNs carry no account: only the `s3:ResourceAccount` pin tells them apart),
 * and, for an owner-account data-plane role, against another bucket and another key of the owner
 * account open to the whole account (only the role's confinement stops those).
 */
export function escapeRows(input: EscapeRowsInput): Row[] {
  const { model, p, c, dataPlaneArn, dataPlaneAccount, identity, someKey } = input;
  const owner = model.owner.accountId;
  const rows: Row[] = [];
  const ask = (
    action: string,
    resource: string,
    account: string,
    policy: Row['resourcePolicy'],
    what: string,
    extra: Record<string, string | string[]>,
  ) =>
    rows.push({
      who: 'data-plane role',
      principal: dataPlaneArn,
      action,
      resource,
      resourceAccount: account,
      context: { 'aws:SecureTransport': 'true', 'aws:PrincipalAccount': dataPlaneAccount, ...extra },
      identityPolicies: identity,
      resourcePolicy: policy,
      what,
      expect: 'deny',
    });

  const bucket = p.bucketArn;
  const openToAll = policyDocument([
    { Sid: 'OpenToEveryone', Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: [bucket, `${bucket}/*`] },
  ]);
  const elsewhere = { [S3_RESOURCE_ACCOUNT_KEY]: UNRELATED_ACCOUNT };
  const label = `in a same-name bucket of ${UNRELATED_ACCOUNT} open to everyone`;
  for (const action of objectActions(c.access)) {
    ask(action, `${bucket}/${someKey}`, UNRELATED_ACCOUNT, openToAll, `${action.slice(3)} ${label}`, elsewhere);
  }
  if (reads(c.access)) {
    ask('s3:ListBucket', bucket, UNRELATED_ACCOUNT, openToAll, `ListBucket ${label}`, {
      ...elsewhere,
      's3:prefix': c.prefixes[0] ?? '',
    });
  }

  if (dataPlaneAccount === owner && !c.existingOwnerRole) {
    const other = `arn:${p.partition}:s3:::another-bucket-of-${owner}`;
    const accountWide = policyDocument([
      {
        Sid: 'WholeAccount',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:*',
        Resource: [other, `${other}/*`],
        Condition: { StringEquals: { 'aws:PrincipalAccount': owner } },
      },
    ]);
    ask(
      's3:GetObject',
      `${other}/${OBJECT_NAME}`,
      owner,
      accountWide,
      'GetObject in another owner-account bucket open to the whole account',
      {
        [S3_RESOURCE_ACCOUNT_KEY]: owner,
      },
    );
    const otherKey = `arn:${p.partition}:kms:${model.region}:${owner}:key/22222222-2222-4222-8222-222222222222`;
    const callerAccountStyle = policyDocument([
      {
        Sid: 'CallerAccount',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'kms:*',
        Resource: '*',
        Condition: { StringEquals: { 'kms:CallerAccount': owner } },
      },
    ]);
    ask(
      'kms:Decrypt',
      otherKey,
      owner,
      callerAccountStyle,
      'kms:Decrypt with another owner-account key open to the whole account',
      {
        'kms:CallerAccount': owner,
      },
    );
  }
  return rows;
}

/** Input of {@link chainedSessionRows}. */
export interface ChainedSessionRowsInput {
  readonly model: StackModel;
  readonly p: StackPolicies;
  readonly c: ConsumerModel;
  readonly consumerArn: string;
  readonly ownerArn: string;
}

/**
 * Assume-role: the consumer role passes its session tags (the configured keys and, when EKS Pod
 * Identity is trusted, its transitive tags) and source identity on to the owner role; a tag key
 * nobody listed is refused.
 */
export function chainedSessionRows(input: ChainedSessionRowsInput): Row[] {
  const { model, p, c, consumerArn, ownerArn } = input;
  const tagKeys = chainedTagKeys(c.existingRole ? [] : c.trustedPrincipals, { tagKeys: c.sessionTagKeys });
  const rows: Row[] = [];
  const hop = (action: string, what: string, expect: Expectation, extra: Record<string, string | string[]>) =>
    rows.push({
      who: 'consumer role',
      principal: consumerArn,
      action,
      resource: ownerArn,
      resourceAccount: model.owner.accountId,
      context: { 'aws:SecureTransport': 'true', 'aws:PrincipalAccount': c.accountId, ...extra },
      identityPolicies: p.identityPolicies.get(consumerArn) ?? [],
      resourcePolicy: p.trustPolicies.get(ownerArn),
      what,
      expect,
    });
  if (tagKeys.length > 0) {
    hop('sts:TagSession', `TagSession with the ${tagKeys.length} chained tag key(s)`, 'allow', {
      'aws:TagKeys': tagKeys,
    });
    hop('sts:TagSession', 'TagSession with a tag key nobody listed', 'deny', {
      'aws:TagKeys': [...tagKeys, 'not-listed-key'],
    });
  }
  if (c.sourceIdentity) {
    hop('sts:SetSourceIdentity', 'SetSourceIdentity on the owner role', 'allow', { 'sts:SourceIdentity': 'someone' });
  }
  return rows;
}

/** Input of {@link podIdentityRows}. */
export interface PodIdentityRowsInput {
  readonly model: StackModel;
  readonly p: StackPolicies;
  readonly c: ConsumerModel;
  readonly consumerArn: string;
}

/**
 * A created consumer role that trusts EKS Pod Identity: the service assumes it and tags the
 * session with its six tags; with tag conditions, a pod of another namespace is refused.
 * https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html
 */
export function podIdentityRows(input: PodIdentityRowsInput): Row[] {
  const { model, p, c, consumerArn } = input;
  if (c.existingRole || !c.trustedPrincipals.includes(EKS_POD_IDENTITY_PRINCIPAL)) return [];
  const cluster = c.podIdentity?.clusterArn ?? `arn:${p.partition}:eks:${model.region}:${c.accountId}:cluster/c`;
  const tags = (namespace: string): Record<string, string | string[]> => ({
    'aws:SecureTransport': 'true',
    'aws:TagKeys': [...EKS_POD_IDENTITY_TAG_KEYS],
    'aws:RequestTag/eks-cluster-arn': cluster,
    'aws:RequestTag/eks-cluster-name': cluster.slice(cluster.lastIndexOf('/') + 1),
    'aws:RequestTag/kubernetes-namespace': namespace,
    'aws:RequestTag/kubernetes-service-account': c.podIdentity?.serviceAccount ?? 'sa',
    'aws:RequestTag/kubernetes-pod-name': 'pod',
    'aws:RequestTag/kubernetes-pod-uid': '0000',
  });
  const rows: Row[] = [];
  const ask = (action: string, what: string, expect: Expectation, namespace: string) =>
    rows.push({
      who: 'EKS Pod Identity',
      principal: EKS_POD_IDENTITY_PRINCIPAL,
      action,
      resource: consumerArn,
      resourceAccount: c.accountId,
      context: tags(namespace),
      identityPolicies: [],
      resourcePolicy: p.trustPolicies.get(consumerArn),
      what,
      expect,
    });
  const namespace = c.podIdentity?.namespace ?? 'default';
  ask('sts:AssumeRole', 'AssumeRole of the consumer role', 'allow', namespace);
  ask('sts:TagSession', 'TagSession with its six tags', 'allow', namespace);
  if (c.podIdentity?.namespace !== undefined) {
    ask('sts:AssumeRole', 'AssumeRole from a pod of another namespace', 'deny', `not-${namespace}`.slice(0, 63));
  }
  return rows;
}
