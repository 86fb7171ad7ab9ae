/**
 * Rows for the ways data could escape the bucket's key or a grant reach beyond the share: uploads
 * whose encryption headers would skip the bucket's key, a same-name bucket in another account,
 * the owner role reaching other owner-account resources, and sessions that carry tags or a source
 * identity along a role chain.
 */
import type { ConsumerModel, StackModel } from '../config/schema';
import { roleArn } from '../policy/arn';
import { policyDocument } from '../policy/document';
import {
  BUCKET_OWNER_FULL_CONTROL,
  S3_ACL_CONDITION_KEY,
  S3_KMS_KEY_ID_CONDITION_KEY,
  S3_RESOURCE_ACCOUNT_KEY,
  S3_SSE_CONDITION_KEY,
  objectActions,
  reads,
  writes,
} from '../policy/s3';
import { EKS_POD_IDENTITY_PRINCIPAL, EKS_POD_IDENTITY_TAG_KEYS, chainedTagKeys } from '../policy/trust';
import { ALLOW_EVERYTHING, Expectation, OBJECT_NAME, UNRELATED_ACCOUNT } from './common';
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

/** A request of the data-plane role that must be denied: on `resource` of `account`, under `policy`. */
interface DenyRequest {
  readonly action: string;
  readonly resource: string;
  readonly account: string;
  readonly policy: Row['resourcePolicy'];
  readonly what: string;
  readonly extra: Record<string, string | string[]>;
}

function dataPlaneDeny(input: EscapeRowsInput, r: DenyRequest): Row {
  return {
    who: 'data-plane role',
    principal: input.dataPlaneArn,
    action: r.action,
    resource: r.resource,
    resourceAccount: r.account,
    context: { 'aws:SecureTransport': 'true', 'aws:PrincipalAccount': input.dataPlaneAccount, ...r.extra },
    identityPolicies: input.identity,
    resourcePolicy: r.policy,
    what: r.what,
    expect: 'deny',
  };
}

/**
 * The data-plane role against a bucket of the same name in another account whose bucket policy
 * allows everyone (S3 ARNs carry no account: only the `s3:ResourceAccount` pin tells them apart),
 * and, for an owner-account data-plane role, against another bucket and another key of the owner
 * account open to the whole account (only the role's confinement stops those).
 */
export function escapeRows(input: EscapeRowsInput): Row[] {
  const { model, p, c, someKey } = input;
  // In access-points mode the identity grants name access point ARNs, which carry the owner's account.
  if (model.accessMode === 'access-points') return ownerEscapeRows(input);
  const bucket = p.bucketArn;
  const policy = policyDocument([
    { Sid: 'OpenToEveryone', Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: [bucket, `${bucket}/*`] },
  ]);
  const elsewhere = { [S3_RESOURCE_ACCOUNT_KEY]: UNRELATED_ACCOUNT };
  const label = `in a same-name bucket of ${UNRELATED_ACCOUNT} open to everyone`;
  const object = `${bucket}/${someKey}`;
  const ask = (action: string, resource: string, extra: Record<string, string>) =>
    dataPlaneDeny(input, {
      action,
      resource,
      account: UNRELATED_ACCOUNT,
      policy,
      what: `${action.slice(3)} ${label}`,
      extra: { ...elsewhere, ...extra },
    });
  return [
    ...objectActions(c.access).map((action) => ask(action, object, {})),
    ...(writes(c.access)
      ? [ask('s3:PutObjectAcl', object, { [S3_ACL_CONDITION_KEY]: BUCKET_OWNER_FULL_CONTROL })]
      : []),
    ...(reads(c.access) ? [ask('s3:ListBucket', bucket, { 's3:prefix': c.prefixes[0] ?? '' })] : []),
    ...ownerEscapeRows(input),
  ];
}

/** An owner-account data-plane role against another bucket and key of its account open to the whole account. */
function ownerEscapeRows(input: EscapeRowsInput): Row[] {
  const { model, p, c, dataPlaneAccount } = input;
  const owner = model.owner.accountId;
  if (dataPlaneAccount !== owner || !c.confineOwnerRole) return [];
  const other = `arn:${p.partition}:s3:::another-bucket-of-${owner}`;
  const otherKey = `arn:${p.partition}:kms:${model.region}:${owner}:key/22222222-2222-4222-8222-222222222222`;
  return [
    dataPlaneDeny(input, {
      action: 's3:GetObject',
      resource: `${other}/${OBJECT_NAME}`,
      account: owner,
      policy: policyDocument([
        {
          Sid: 'WholeAccount',
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:*',
          Resource: [other, `${other}/*`],
          Condition: { StringEquals: { 'aws:PrincipalAccount': owner } },
        },
      ]),
      what: 'GetObject in another owner-account bucket open to the whole account',
      extra: { [S3_RESOURCE_ACCOUNT_KEY]: owner },
    }),
    dataPlaneDeny(input, {
      action: 'kms:Decrypt',
      resource: otherKey,
      account: owner,
      policy: policyDocument([
        {
          Sid: 'CallerAccount',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'kms:*',
          Resource: '*',
          Condition: { StringEquals: { 'kms:CallerAccount': owner } },
        },
      ]),
      what: 'kms:Decrypt with another owner-account key open to the whole account',
      extra: { 'kms:CallerAccount': owner },
    }),
  ];
}

/** Input of {@link chainedSessionRows}. */
export interface ChainedSessionRowsInput {
  readonly model: StackModel;
  readonly p: StackPolicies;
  readonly c: ConsumerModel;
  readonly consumerArn: string;
  /** The owner role (assume-role); undefined in the direct approach. */
  readonly ownerArn?: string;
}

/** One hop of a role chain: `principal` passes tags or a source identity to `target`. */
interface Hop {
  readonly who: string;
  readonly principal: string;
  readonly account: string;
  readonly target: string;
  readonly targetAccount: string;
  readonly identity: Check['identityPolicies'];
  readonly keys: readonly string[];
  readonly sourceIdentity: boolean;
  readonly label: string;
}

/** The rows of one hop: the listed keys and the source identity pass; a key nobody listed does not, whatever the caller's own policy allows. */
function hopRows(p: StackPolicies, h: Hop): Row[] {
  const row = (
    action: string,
    what: string,
    expect: Expectation,
    extra: Record<string, string | string[]>,
    widened = false,
  ): Row => ({
    who: widened ? `${h.who} (its IAM allowing everything)` : h.who,
    principal: h.principal,
    action,
    resource: h.target,
    resourceAccount: h.targetAccount,
    context: { 'aws:SecureTransport': 'true', 'aws:PrincipalAccount': h.account, ...extra },
    identityPolicies: widened ? [{ name: 'allow-everything', policy: ALLOW_EVERYTHING }] : h.identity,
    resourcePolicy: p.trustPolicies.get(h.target),
    what,
    expect,
  });
  return [
    ...(h.keys.length > 0
      ? [
          row('sts:TagSession', `TagSession on ${h.label} with the ${h.keys.length} chained tag key(s)`, 'allow', {
            'aws:TagKeys': [...h.keys],
          }),
          // The trust alone must refuse it: the caller's own policy is its account's to widen.
          row(
            'sts:TagSession',
            `TagSession on ${h.label} with a tag key nobody listed`,
            'deny',
            { 'aws:TagKeys': [...h.keys, 'not-listed-key'] },
            true,
          ),
        ]
      : []),
    ...(h.sourceIdentity
      ? [row('sts:SetSourceIdentity', `SetSourceIdentity on ${h.label}`, 'allow', { 'sts:SourceIdentity': 'someone' })]
      : []),
  ];
}

/**
 * Sessions that carry tags or a source identity along the chain: a trusted AWS principal passes
 * them to the created consumer role, and in assume-role the consumer role passes them (with EKS Pod
 * Identity's transitive tags when it is trusted) to the owner role; a tag key nobody listed is
 * refused by the trust itself.
 */
export function chainedSessionRows(input: ChainedSessionRowsInput): Row[] {
  const { model, p, c, consumerArn, ownerArn } = input;
  const rows: Row[] = [];
  const trusted = c.trustedPrincipals.find((t) => t.startsWith('arn:'));
  if (!c.existingRole && trusted !== undefined) {
    // The account root stands for any principal of the account: ask as one of its roles.
    const account = trusted.split(':')[4];
    const principal = trusted.endsWith(':root') ? roleArn(p.partition, account, 'AnyRoleOfTheAccount') : trusted;
    rows.push(
      ...hopRows(p, {
        who: 'a trusted principal',
        principal,
        account,
        target: consumerArn,
        targetAccount: c.accountId,
        identity: [{ name: 'allow-everything', policy: ALLOW_EVERYTHING }],
        keys: c.sessionTagKeys,
        sourceIdentity: c.sourceIdentity,
        label: 'the consumer role',
      }),
    );
  }
  if (ownerArn !== undefined) {
    rows.push(
      ...hopRows(p, {
        who: 'consumer role',
        principal: consumerArn,
        account: c.accountId,
        target: ownerArn,
        targetAccount: model.owner.accountId,
        identity: p.identityPolicies.get(consumerArn) ?? [],
        keys: chainedTagKeys(c.existingRole ? [] : c.trustedPrincipals, { tagKeys: c.sessionTagKeys }),
        sourceIdentity: c.sourceIdentity,
        label: 'the owner role',
      }),
    );
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
  /** The pod a request comes from; each field defaults to the one the conditions ask for. */
  interface Pod {
    readonly cluster?: string;
    readonly namespace?: string;
    readonly serviceAccount?: string;
  }
  const expected = {
    cluster: c.podIdentity?.clusterArn ?? `arn:${p.partition}:eks:${model.region}:${c.accountId}:cluster/c`,
    namespace: c.podIdentity?.namespace ?? 'default',
    serviceAccount: c.podIdentity?.serviceAccount ?? 'sa',
  };
  const tags = (pod: Pod): Record<string, string | string[]> => {
    const { cluster, namespace, serviceAccount } = { ...expected, ...pod };
    return {
      'aws:SecureTransport': 'true',
      'aws:TagKeys': [...EKS_POD_IDENTITY_TAG_KEYS],
      'aws:RequestTag/eks-cluster-arn': cluster,
      'aws:RequestTag/eks-cluster-name': cluster.slice(cluster.lastIndexOf('/') + 1),
      'aws:RequestTag/kubernetes-namespace': namespace,
      'aws:RequestTag/kubernetes-service-account': serviceAccount,
      'aws:RequestTag/kubernetes-pod-name': 'pod',
      'aws:RequestTag/kubernetes-pod-uid': '0000',
    };
  };
  const rows: Row[] = [];
  const ask = (action: string, what: string, expect: Expectation, pod: Pod) =>
    rows.push({
      who: 'EKS Pod Identity',
      principal: EKS_POD_IDENTITY_PRINCIPAL,
      action,
      resource: consumerArn,
      resourceAccount: c.accountId,
      context: tags(pod),
      identityPolicies: [],
      resourcePolicy: p.trustPolicies.get(consumerArn),
      what,
      expect,
    });
  ask('sts:AssumeRole', 'AssumeRole of the consumer role', 'allow', {});
  ask('sts:TagSession', 'TagSession with its six tags', 'allow', {});
  if (c.podIdentity?.namespace !== undefined) {
    ask('sts:AssumeRole', 'AssumeRole from a pod of another namespace', 'deny', {
      namespace: `not-${expected.namespace}`,
    });
  }
  if (c.podIdentity?.serviceAccount !== undefined) {
    ask('sts:AssumeRole', 'AssumeRole from another service account', 'deny', {
      serviceAccount: `not-${c.podIdentity.serviceAccount}`,
    });
  }
  if (c.podIdentity?.clusterArn !== undefined) {
    ask('sts:AssumeRole', 'AssumeRole from a pod of another cluster', 'deny', { cluster: `${expected.cluster}-other` });
  }
  return rows;
}
