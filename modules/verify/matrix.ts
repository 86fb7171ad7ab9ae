/**
 * The access matrix of a stack, generated from its config: every request a consumer is meant to
 * make (expected Allowed) and the requests nobody should get through (expected denied), with the
 * request context S3, KMS and STS really send.
 */
import type { ConsumerModel, StackModel } from '../config/schema';
import { accessPointArn, accessPointSuffix, dnsSuffixOf, roleArn } from '../policy/arn';
import { PolicyDocument, policyDocument } from '../policy/document';
import { othersStatements } from '../policy/current';
import { OWNER_ROOT_KEY_SID, kmsActions } from '../policy/kms';
import {
  BUCKET_OWNER_FULL_CONTROL,
  S3_ACL_CONDITION_KEY,
  S3_READ_OBJECT_ACTIONS,
  S3_RESOURCE_ACCOUNT_KEY,
  S3_WRITE_OBJECT_ACTIONS,
  objectActions,
  reads,
  writes,
} from '../policy/s3';
import { chainedSessionRows, escapeRows, kmsHeaderRows, podIdentityRows } from './escape-rows';
import type { StackPolicies } from './extract';
import { consumerRoleArn, dataPlaneRoleArn } from './roles';
import type { SimRequest } from './simulate';
import { ALLOW_EVERYTHING, Expectation, OBJECT_NAME, UNRELATED_ACCOUNT } from './common';

export type { Expectation } from './common';

/** One row of the matrix. */
export interface Check extends SimRequest {
  readonly stack: string;
  /** The consumer the row belongs to, or `owner` for the owner's own rows. */
  readonly consumer: string;
  /** Short description of the request (`GetObject inside reports/`). */
  readonly what: string;
  /** Who asks, in words (`data-plane role`, `another role of 111111111111`). */
  readonly who: string;
  readonly expect: Expectation;
  /**
   * A review of a policy's Allow principals instead of a request: the row passes when the
   * principals found are exactly the expected ones (no principal nobody asked for, none missing).
   */
  readonly inventory?: {
    readonly policy: string;
    readonly expected: readonly string[];
    readonly found: readonly string[];
  };
  /**
   * Access-points mode: the same request as the bucket sees it behind the access point. AWS needs
   * the identity policy and the access point policy (the row itself) **and** the bucket policy
   * (this leg, asked with an identity policy that allows everything, so only the bucket policy
   * decides) to allow it; an explicit deny in either wins.
   */
  readonly bucketLeg?: SimRequest;
  /**
   * The row expects what this other resource policy decides for the same request (an adopted
   * key: the merged key policy must decide as the current one did, never widening it); `expect`
   * is then filled in by the evaluation.
   */
  readonly expectAsUnder?: PolicyDocument;
}

export { ALLOW_EVERYTHING, UNRELATED_ACCOUNT } from './common';

/** Builds every row of one stack's matrix. */
export function accessMatrix(model: StackModel, policies: StackPolicies): Check[] {
  const rows = model.consumers.flatMap((c) => consumerRows(model, policies, c));
  return [
    ...rows,
    ...(model.approach === 'direct' ? widenedIdentityRows(rows) : []),
    ...ownerRows(model, policies),
    ...inventoryRows(model, policies),
  ];
}

/** Every principal that an Allow statement of the document names (`*` included). */
export function allowedPrincipals(doc: PolicyDocument | undefined): string[] {
  if (doc === undefined) return [];
  return doc.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => {
    if (s.Principal === undefined) return [];
    if (s.Principal === '*') return ['*'];
    return [s.Principal.AWS ?? [], s.Principal.Service ?? []].flat();
  });
}

/** Reviews of who the resource and trust policies name: exactly the principals the config asks for. */
function inventoryRows(model: StackModel, p: StackPolicies): Check[] {
  const owner = model.owner.accountId;
  const dataPlane = (c: ConsumerModel) => dataPlaneRoleArn(model, c);
  const review = (consumer: string, policy: string, doc: PolicyDocument | undefined, expected: string[]): Check => ({
    stack: model.name,
    consumer,
    who: 'policy review',
    what: `${policy} names only ${expected.length} intended principal(s)`,
    principal: '',
    action: '',
    resource: '',
    resourceAccount: owner,
    context: {},
    identityPolicies: [],
    expect: 'allow',
    inventory: { policy, expected: [...new Set(expected)].sort(), found: [...new Set(allowedPrincipals(doc))].sort() },
  });
  const accessPoints = model.accessMode === 'access-points';
  // The statements of a current policy (an existing bucket or key) come first and are not this
  // stack's to review; they are still evaluated in every request row.
  const own = (doc: PolicyDocument | undefined, current: number): PolicyDocument | undefined =>
    doc === undefined ? undefined : { ...doc, Statement: doc.Statement.slice(current) };
  const rows = [
    review(
      'owner',
      model.currentBucketPolicy ? 'bucket policy (the statements this stack adds)' : 'bucket policy',
      own(p.bucketPolicy, othersStatements(model.currentBucketPolicy).length),
      accessPoints ? ['*'] : model.consumers.map(dataPlane),
    ),
  ];
  if (accessPoints) {
    for (const c of model.consumers) {
      const ap = accessPointArn(p.partition, model.region, owner, c.accessPointName);
      rows.push(review(c.name, 'access point policy', p.accessPointPolicies.get(ap), [dataPlane(c)]));
    }
  }
  if (p.keyPolicy !== undefined) {
    rows.push(
      review(
        'owner',
        model.currentKeyPolicy
          ? 'key policy (the statements this stack adds)'
          : model.owner.kmsKeyArn !== undefined
            ? "key policy (assumed: the owner's root + the statements handed off; the key's real policy is not in the stack)"
            : 'key policy',
        own(p.keyPolicy, othersStatements(model.currentKeyPolicy, [OWNER_ROOT_KEY_SID]).length),
        // An adopted key gets no owner-root statement from the stack (its current policy keeps its own).
        [
          ...(model.currentKeyPolicy ? [] : [`arn:${p.partition}:iam::${owner}:root`]),
          ...model.consumers.map(dataPlane),
        ],
      ),
    );
  }
  for (const c of model.consumers) {
    const consumerArn = consumerRoleArn(model, c);
    if (!c.existingRole) {
      rows.push(
        review(c.name, 'trust policy of the consumer role', p.trustPolicies.get(consumerArn), [...c.trustedPrincipals]),
      );
    }
    if (model.approach === 'assume-role') {
      const what = c.existingOwnerRole
        ? "trust policy of the owner role (assumed: the statement handed off; the role's real trust policy is not in the stack)"
        : 'trust policy of the owner role';
      rows.push(review(c.name, what, p.trustPolicies.get(dataPlane(c)), [consumerArn]));
    }
  }
  return rows;
}

/**
 * Direct approach: the data-plane role lives in the consumer account, whose administrators can
 * widen its identity policy at will, so the owner's bucket and key policies are the real boundary.
 * Every denied request of the data-plane role is asked again with an identity policy that allows
 * everything: it must still be denied.
 */
function widenedIdentityRows(rows: readonly Check[]): Check[] {
  return rows
    .filter(
      (r) =>
        // A bucket of another account is guarded by the identity policy alone, which the consumer account controls.
        r.who === 'data-plane role' && r.expect === 'deny' && r.resourceAccount !== UNRELATED_ACCOUNT,
    )
    .map((r) => ({
      ...r,
      who: 'data-plane role (its IAM allowing everything)',
      identityPolicies: [{ name: 'allow-everything', policy: ALLOW_EVERYTHING }],
    }));
}

function consumerRows(model: StackModel, p: StackPolicies, c: ConsumerModel): Check[] {
  const owner = model.owner.accountId;
  const consumerArn = consumerRoleArn(model, c);
  const assume = model.approach === 'assume-role';
  const dataPlaneArn = dataPlaneRoleArn(model, c);
  const dataPlaneAccount = assume ? owner : c.accountId;
  const identityOf = (arn: string) => p.identityPolicies.get(arn) ?? [];
  const rows: Check[] = [];
  const row = (r: Omit<Check, 'stack' | 'consumer'>) => rows.push({ stack: model.name, consumer: c.name, ...r });

  const insideKeys = c.prefixes.length > 0 ? c.prefixes.map((pre) => `${pre}${OBJECT_NAME}`) : [OBJECT_NAME];
  const outsideKey = `not-granted-${c.name}/${OBJECT_NAME}`;
  const objectArn = (key: string) => `${p.bucketArn}/${key}`;
  const tls = (account: string) => ({ 'aws:SecureTransport': 'true', 'aws:PrincipalAccount': account });

  const apArn =
    model.accessMode === 'access-points'
      ? accessPointArn(p.partition, model.region, owner, c.accessPointName)
      : undefined;
  /** An S3 request; in access-points mode made through the consumer's access point. */
  const s3 = (
    who: string,
    principal: string,
    account: string,
    identity: Check['identityPolicies'],
    action: string,
    resource: string,
    what: string,
    expect: Expectation,
    extra: Record<string, string> = {},
  ) => row(s3Request(p, owner, apArn, { who, principal, account, identity, action, resource, what, expect, extra }));
  const dp = 'data-plane role';
  const dpIdentity = identityOf(dataPlaneArn);
  /** A request of the consumer's data-plane role to the bucket. */
  const dataPlane = (
    action: string,
    resource: string,
    what: string,
    expect: Expectation,
    extra: Record<string, string> = {},
  ) => s3(dp, dataPlaneArn, dataPlaneAccount, dpIdentity, action, resource, what, expect, extra);

  // Intended allows: each action of the level inside each granted prefix.
  for (const key of insideKeys) {
    for (const action of objectActions(c.access)) {
      dataPlane(action, objectArn(key), `${action.slice(3)} ${key}`, 'allow');
    }
  }
  if (reads(c.access)) {
    const listPrefixes = c.prefixes.length > 0 ? c.prefixes : [''];
    for (const prefix of listPrefixes) {
      dataPlane('s3:ListBucket', p.bucketArn, `ListBucket prefix "${prefix}"`, 'allow', {
        's3:prefix': prefix,
      });
    }
  }

  // Intended denies on S3.
  const someKey = insideKeys[0];
  dataPlane('s3:DeleteObject', objectArn(someKey), `DeleteObject ${someKey}`, 'deny');
  dataPlane('s3:PutBucketPolicy', p.bucketArn, 'PutBucketPolicy', 'deny');
  if (!writes(c.access)) {
    dataPlane(S3_WRITE_OBJECT_ACTIONS[0], objectArn(someKey), `PutObject ${someKey} (reader)`, 'deny');
  }
  if (!reads(c.access)) {
    dataPlane(S3_READ_OBJECT_ACTIONS[0], objectArn(someKey), `GetObject ${someKey} (writer)`, 'deny');
    dataPlane('s3:ListBucket', p.bucketArn, 'ListBucket (writer)', 'deny', {
      's3:prefix': '',
    });
  }
  if (c.prefixes.length > 0) {
    const firstAction = objectActions(c.access)[0];
    dataPlane(firstAction, objectArn(outsideKey), `${firstAction.slice(3)} outside the prefixes`, 'deny');
    if (reads(c.access)) {
      dataPlane('s3:ListBucket', p.bucketArn, 'ListBucket outside the prefixes', 'deny', {
        's3:prefix': `not-granted-${c.name}/`,
      });
      dataPlane('s3:ListBucket', p.bucketArn, 'ListBucket of the whole bucket', 'deny', {
        's3:prefix': '',
      });
    }
  }
  const first = objectActions(c.access)[0];
  dataPlane(first, objectArn(someKey), `${first.slice(3)} over plain HTTP`, 'deny', { 'aws:SecureTransport': 'false' });
  if (apArn !== undefined) {
    // Straight at the bucket, around the access point: the delegation covers access point requests only.
    row({
      who: model.approach === 'direct' ? `${dp} (its IAM allowing everything)` : dp,
      principal: dataPlaneArn,
      action: first,
      resource: objectArn(someKey),
      resourceAccount: owner,
      context: { ...tls(dataPlaneAccount), [S3_RESOURCE_ACCOUNT_KEY]: owner },
      identityPolicies:
        model.approach === 'direct' ? [{ name: 'allow-everything', policy: ALLOW_EVERYTHING }] : dpIdentity,
      resourcePolicy: p.bucketPolicy,
      what: `${first.slice(3)} on the bucket itself, bypassing the access point`,
      expect: 'deny',
    });
  }
  if (writes(c.access)) {
    const other = p.keyArn !== undefined ? 'AES256' : 'aws:kms';
    dataPlane('s3:PutObject', objectArn(someKey), `PutObject asking for ${other}`, 'deny', {
      's3:x-amz-server-side-encryption': other,
    });
    dataPlane('s3:PutObject', objectArn(someKey), 'PutObject with SSE-C', 'deny', {
      's3:x-amz-server-side-encryption-customer-algorithm': 'AES256',
    });
  }
  if (writes(c.access) && p.keyArn !== undefined) {
    dataPlane('s3:PutObject', objectArn(someKey), "PutObject naming the bucket's key", 'allow', {
      's3:x-amz-server-side-encryption': 'aws:kms',
      's3:x-amz-server-side-encryption-aws-kms-key-id': p.keyArn,
    });
    dataPlane('s3:PutObject', objectArn(someKey), 'PutObject naming another KMS key', 'deny', {
      's3:x-amz-server-side-encryption': 'aws:kms',
      's3:x-amz-server-side-encryption-aws-kms-key-id': `arn:${p.partition}:kms:${model.region}:${c.accountId}:key/11111111-1111-4111-8111-111111111111`,
    });
    for (const r of kmsHeaderRows(p, dataPlaneAccount === owner, objectArn(someKey))) dataPlane(...r);
  }

  dataPlane('s3:DeleteObjectVersion', objectArn(someKey), `DeleteObjectVersion ${someKey}`, 'deny');
  if (writes(c.access)) {
    // Writers may send the bucket-owner-full-control canned ACL, and no other (see BUCKET_OWNER_FULL_CONTROL).
    const acl = (value: string) => ({ [S3_ACL_CONDITION_KEY]: value });
    dataPlane(
      's3:PutObject',
      objectArn(someKey),
      `PutObject with ${BUCKET_OWNER_FULL_CONTROL}`,
      'allow',
      acl(BUCKET_OWNER_FULL_CONTROL),
    );
    dataPlane(
      's3:PutObjectAcl',
      objectArn(someKey),
      `PutObjectAcl ${BUCKET_OWNER_FULL_CONTROL}`,
      'allow',
      acl(BUCKET_OWNER_FULL_CONTROL),
    );
    dataPlane(
      's3:PutObjectAcl',
      objectArn(someKey),
      `PutObjectAcl ${someKey} with another ACL (public-read)`,
      'deny',
      acl('public-read'),
    );
    // An ACL in the request body sends no x-amz-acl header.
    dataPlane(
      's3:PutObjectAcl',
      objectArn(someKey),
      `PutObjectAcl ${someKey} with the ACL in the body (no header)`,
      'deny',
    );
  } else {
    dataPlane('s3:PutObjectAcl', objectArn(someKey), `PutObjectAcl ${someKey}`, 'deny');
  }
  dataPlane('s3:GetObjectVersion', objectArn(someKey), `GetObjectVersion ${someKey}`, 'deny');
  if (reads(c.access)) {
    dataPlane('s3:ListBucket', p.bucketArn, 'ListBucket over plain HTTP', 'deny', {
      'aws:SecureTransport': 'false',
      's3:prefix': c.prefixes[0] ?? '',
    });
  }
  // Other consumers' prefixes that this consumer's own prefixes do not cover.
  if (c.prefixes.length > 0) {
    const others = model.consumers
      .filter((o) => o.name !== c.name)
      .flatMap((o) => o.prefixes)
      .filter((o) => !c.prefixes.some((mine) => o.startsWith(mine)));
    for (const other of [...new Set(others)]) {
      dataPlane(first, objectArn(`${other}${OBJECT_NAME}`), `${first.slice(3)} in another consumer's ${other}`, 'deny');
      if (reads(c.access)) {
        dataPlane('s3:ListBucket', p.bucketArn, `ListBucket another consumer's ${other}`, 'deny', {
          's3:prefix': other,
        });
      }
    }
  }

  // Foreign roles with an identity policy that allows everything.
  const foreign: Array<[string, string, string]> = [
    [
      `another role of ${c.accountId}`,
      roleArn(p.partition, c.accountId, `NotGranted${c.roleName}`.slice(0, 64)),
      c.accountId,
    ],
    [
      `a role of unrelated ${UNRELATED_ACCOUNT}`,
      roleArn(p.partition, UNRELATED_ACCOUNT, c.roleName),
      UNRELATED_ACCOUNT,
    ],
  ];
  for (const [who, arn, account] of foreign) {
    const everything = [{ name: 'allow-everything', policy: ALLOW_EVERYTHING }];
    s3(who, arn, account, everything, 's3:GetObject', objectArn(someKey), `GetObject ${someKey}`, 'deny');
    s3(who, arn, account, everything, 's3:PutObject', objectArn(someKey), `PutObject ${someKey}`, 'deny');
    s3(who, arn, account, everything, 's3:ListBucket', p.bucketArn, 'ListBucket', 'deny', {
      's3:prefix': c.prefixes[0] ?? '',
    });
    if (p.keyArn !== undefined && p.keyPolicy !== undefined) {
      row({
        who,
        principal: arn,
        action: 'kms:Decrypt',
        resource: p.keyArn,
        resourceAccount: owner,
        context: kmsContext(model, p, account, objectArn(someKey)),
        identityPolicies: everything,
        resourcePolicy: p.keyPolicy,
        what: 'kms:Decrypt via S3',
        expect: 'deny',
      });
    }
    if (assume) {
      row({
        who,
        principal: arn,
        action: 'sts:AssumeRole',
        resource: dataPlaneArn,
        resourceAccount: owner,
        context: {
          'aws:SecureTransport': 'true',
          'aws:PrincipalAccount': account,
          'sts:ExternalId': c.externalId ?? '',
        },
        identityPolicies: everything,
        resourcePolicy: p.trustPolicies.get(dataPlaneArn),
        what: 'AssumeRole with the right external ID',
        expect: 'deny',
      });
    }
  }

  const consumerTrust = p.trustPolicies.get(consumerArn);
  if (consumerTrust !== undefined) {
    row({
      who: `a role of unrelated ${UNRELATED_ACCOUNT}`,
      principal: roleArn(p.partition, UNRELATED_ACCOUNT, c.roleName),
      action: 'sts:AssumeRole',
      resource: consumerArn,
      resourceAccount: c.accountId,
      context: { 'aws:SecureTransport': 'true', 'aws:PrincipalAccount': UNRELATED_ACCOUNT },
      identityPolicies: [{ name: 'allow-everything', policy: ALLOW_EVERYTHING }],
      resourcePolicy: consumerTrust,
      what: 'AssumeRole of the consumer role',
      expect: 'deny',
    });
  }

  // KMS through S3.
  if (p.keyArn !== undefined && p.keyPolicy !== undefined) {
    const kms = (
      action: string,
      context: Record<string, string | string[]>,
      what: string,
      expect: Expectation,
      principal = dataPlaneArn,
    ) =>
      row({
        who: principal === dataPlaneArn ? dp : 'consumer role',
        principal,
        action,
        resource: p.keyArn!,
        resourceAccount: owner,
        context,
        identityPolicies: identityOf(principal),
        resourcePolicy: p.keyPolicy,
        what,
        expect,
      });
    for (const action of kmsActions(c.access)) {
      kms(
        action,
        kmsContext(model, p, dataPlaneAccount, p.bucketArn),
        `${action} (bucket key: context = bucket)`,
        'allow',
      );
      kms(
        action,
        kmsContext(model, p, dataPlaneAccount, objectArn(someKey)),
        `${action} (no bucket key: context = object)`,
        'allow',
      );
    }
    kms(
      'kms:Decrypt',
      kmsContext(model, p, dataPlaneAccount, `arn:${p.partition}:s3:::another-bucket-${c.name}/${OBJECT_NAME}`),
      'kms:Decrypt with another bucket as context',
      'deny',
    );
    kms(
      'kms:Decrypt',
      {
        ...kmsContext(model, p, dataPlaneAccount, p.bucketArn),
        'kms:ViaService': `ec2.${model.region}.${dnsSuffixOf(p.partition)}`,
      },
      'kms:Decrypt not via S3',
      'deny',
    );
    kms(
      'kms:ScheduleKeyDeletion',
      {
        'aws:SecureTransport': 'true',
        'aws:PrincipalAccount': dataPlaneAccount,
        'kms:CallerAccount': dataPlaneAccount,
      },
      'kms:ScheduleKeyDeletion',
      'deny',
    );
  }

  // The assume-role hop.
  if (assume) {
    const trust = p.trustPolicies.get(dataPlaneArn);
    const hop = (externalId: string | undefined, what: string, expect: Expectation) =>
      row({
        who: 'consumer role',
        principal: consumerArn,
        action: 'sts:AssumeRole',
        resource: dataPlaneArn,
        resourceAccount: owner,
        context: {
          'aws:SecureTransport': 'true',
          'aws:PrincipalAccount': c.accountId,
          ...(externalId !== undefined ? { 'sts:ExternalId': externalId } : {}),
        },
        identityPolicies: identityOf(consumerArn),
        resourcePolicy: trust,
        what,
        expect,
      });
    hop(c.externalId, 'AssumeRole with the right external ID', 'allow');
    hop(`${c.externalId}-wrong`, 'AssumeRole with a wrong external ID', 'deny');
    hop(undefined, 'AssumeRole without external ID', 'deny');
    // Worst case: the consumer account widens its role's own policy; B's policies must still refuse.
    s3(
      'consumer role',
      consumerArn,
      c.accountId,
      [{ name: 'allow-everything', policy: ALLOW_EVERYTHING }],
      first,
      objectArn(someKey),
      `${first.slice(3)} directly, without assuming (its IAM allowing everything)`,
      'deny',
    );
  }
  for (const r of [
    ...escapeRows({ model, p, c, dataPlaneArn, dataPlaneAccount, identity: dpIdentity, someKey }),
    ...chainedSessionRows({ model, p, c, consumerArn, ownerArn: assume ? dataPlaneArn : undefined }),
    ...podIdentityRows({ model, p, c, consumerArn }),
  ])
    row(r);
  return rows;
}

/** The account in an access point ARN. */
function accountOfAccessPoint(arn: string): string {
  return arn.split(':')[4];
}

interface S3RequestInput {
  readonly who: string;
  readonly principal: string;
  readonly account: string;
  readonly identity: Check['identityPolicies'];
  readonly action: string;
  /** The bucket or object ARN the request is about. */
  readonly resource: string;
  readonly what: string;
  readonly expect: Expectation;
  readonly extra: Record<string, string>;
}

/** A request on the bucket, or (access-points mode) through the access point, with the bucket leg. */
function s3Request(
  p: StackPolicies,
  owner: string,
  apArn: string | undefined,
  r: S3RequestInput,
): Omit<Check, 'stack' | 'consumer'> {
  // S3 sets s3:ResourceAccount, the bucket owner, on every request.
  const context = {
    'aws:SecureTransport': 'true',
    'aws:PrincipalAccount': r.account,
    [S3_RESOURCE_ACCOUNT_KEY]: owner,
    ...r.extra,
  };
  const base = {
    who: r.who,
    principal: r.principal,
    action: r.action,
    resourceAccount: owner,
    context,
    identityPolicies: r.identity,
    expect: r.expect,
  };
  if (apArn === undefined) return { ...base, resource: r.resource, resourcePolicy: p.bucketPolicy, what: r.what };
  const key = r.resource.startsWith(`${p.bucketArn}/`) ? r.resource.slice(p.bucketArn.length + 1) : undefined;
  // Object requests and listings go through the access point; other bucket requests cannot.
  if (key === undefined && r.action !== 's3:ListBucket') {
    return { ...base, resource: r.resource, resourcePolicy: p.bucketPolicy, what: r.what };
  }
  return {
    ...base,
    resource: key === undefined ? apArn : `${apArn}/object/${key}`,
    resourcePolicy: p.accessPointPolicies.get(apArn),
    what: `${r.what} (via its access point)`,
    bucketLeg: {
      principal: r.principal,
      action: r.action,
      resource: r.resource,
      resourceAccount: owner,
      context: { ...context, 's3:DataAccessPointAccount': accountOfAccessPoint(apArn), 's3:DataAccessPointArn': apArn },
      // Cross-account, only the bucket policy can allow the bucket side (the identity policy names
      // the access point), so the leg asks with an identity policy that allows everything. In the
      // owner account the principal's own identity policy counts for the bucket too, as in AWS.
      identityPolicies: r.account === owner ? r.identity : [{ name: 'allow-everything', policy: ALLOW_EVERYTHING }],
      resourcePolicy: p.bucketPolicy,
    },
  };
}

function kmsContext(
  model: StackModel,
  p: StackPolicies,
  callerAccount: string,
  contextArn: string,
): Record<string, string | string[]> {
  return {
    'aws:SecureTransport': 'true',
    'aws:PrincipalAccount': callerAccount,
    'kms:CallerAccount': callerAccount,
    'kms:ViaService': `s3.${model.region}.${dnsSuffixOf(p.partition)}`,
    'kms:EncryptionContext:aws:s3:arn': contextArn,
    'kms:EncryptionContextKeys': ['aws:s3:arn'],
    ...(p.keyAliases.length > 0 ? { 'kms:ResourceAliases': [...p.keyAliases] } : {}),
  };
}

/**
 * The owner keeps control of its key: an admin role of the owner account may change the key
 * policy. In access-points mode, an access point of the owner account that the stack did not
 * create (its policy open to anyone) must not reach the bucket.
 */
function ownerRows(model: StackModel, p: StackPolicies): Check[] {
  const owner = model.owner.accountId;
  const rows: Check[] = [];
  if (model.accessMode === 'access-points') {
    const stranger = roleArn(p.partition, UNRELATED_ACCOUNT, 'AnyRole');
    const everything = [{ name: 'allow-everything', policy: ALLOW_EVERYTHING }];
    const suffix = accessPointSuffix(model.owner.bucketName);
    const rogues: Array<[string, string]> = [
      [
        accessPointArn(p.partition, model.region, owner, 'not-from-this-stack'),
        'an access point of the owner account the stack did not create',
      ],
      [
        accessPointArn(p.partition, model.region, UNRELATED_ACCOUNT, `lookalike-${suffix}`),
        `an access point of ${UNRELATED_ACCOUNT} named like the stack's`,
      ],
    ];
    for (const [rogue, label] of rogues) {
      const request = s3Request(p, owner, rogue, {
        who: `a role of unrelated ${UNRELATED_ACCOUNT}`,
        principal: stranger,
        account: UNRELATED_ACCOUNT,
        identity: everything,
        action: 's3:GetObject',
        resource: `${p.bucketArn}/${OBJECT_NAME}`,
        what: `GetObject through ${label}`,
        expect: 'deny',
        extra: {},
      });
      const openPolicy = policyDocument([
        {
          Sid: 'OpenToAnyone',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 's3:*',
          Resource: `${rogue}/object/*`,
        },
      ]);
      rows.push({ stack: model.name, consumer: 'owner', ...request, resourcePolicy: openPolicy });
    }
  }
  if (p.keyArn === undefined || p.keyPolicy === undefined) return rows;
  return [...rows, ...keyAdminRows(model, p, owner, p.keyArn, p.keyPolicy)];
}

function keyAdminRows(
  model: StackModel,
  p: StackPolicies,
  owner: string,
  keyArn: string,
  keyPolicy: PolicyDocument,
): Check[] {
  const admin = roleArn(p.partition, owner, 'KeyAdministrator');
  const adopted = model.currentKeyPolicy;
  const row = (action: string, context: Record<string, string | string[]>, what: string): Check => ({
    stack: model.name,
    consumer: 'owner',
    who: `admin role of ${owner} (IAM allows kms:*)`,
    principal: admin,
    action,
    resource: keyArn,
    resourceAccount: owner,
    context: { 'aws:SecureTransport': 'true', 'aws:PrincipalAccount': owner, 'kms:CallerAccount': owner, ...context },
    identityPolicies: [
      {
        name: 'key-admin',
        policy: policyDocument([{ Sid: 'KeyAdmin', Effect: 'Allow', Action: 'kms:*', Resource: '*' }]),
      },
    ],
    resourcePolicy: keyPolicy,
    what: adopted ? `${what} (as the adopted key's current policy decides)` : what,
    // A key the stack creates: the owner is never locked out. An adopted key: the stack changes
    // nothing about who may administer or use it (its current policy decides, see AdoptKey).
    expect: 'allow',
    ...(adopted ? { expectAsUnder: policyDocument(adopted.statements) } : {}),
  });
  return [
    row('kms:PutKeyPolicy', {}, 'kms:PutKeyPolicy'),
    ...(adopted
      ? [row('kms:Decrypt', kmsContext(model, p, owner, `${p.bucketArn}/${OBJECT_NAME}`), 'kms:Decrypt via S3')]
      : []),
  ];
}
