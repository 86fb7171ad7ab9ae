/**
 * Owner rows: the owner's denies hold where a grant could reach beyond the share, and the owner
 * keeps control of its key. A same-name bucket in another account, another bucket and key of the
 * owner account open to the whole account, access points the stack did not create, and the key's
 * administration.
 */
import type { StackModel } from '../../config/schema';
import { BUCKET_OWNER_FULL_CONTROL, S3_ACL_CONDITION_KEY } from '../../policy/access-levels';
import { accessPointArn, accessPointSuffix, roleArn } from '../../policy/arn';
import { PolicyDocument, policyDocument } from '../../policy/document';
import { S3_RESOURCE_ACCOUNT_KEY } from '../../policy/s3';
import { Check, EVERYTHING, OBJECT_NAME, Row, UNRELATED_ACCOUNT, tlsContext } from '../common';
import type { StackPolicies } from '../extract';
import { kmsContext } from './kms';
import { s3Request } from './s3';
import { ConsumerScope, objectArn } from './scope';

/** A request of the data-plane role that must be denied: on `resource` of `account`, under `policy`. */
interface DenyRequest {
  readonly action: string;
  readonly resource: string;
  readonly account: string;
  readonly policy: Row['resourcePolicy'];
  readonly what: string;
  readonly extra: Record<string, string | string[]>;
}

function dataPlaneDeny(scope: ConsumerScope, r: DenyRequest): Row {
  return {
    who: 'data-plane role',
    principal: scope.dataPlaneArn,
    action: r.action,
    resource: r.resource,
    resourceAccount: r.account,
    context: { ...tlsContext(scope.dataPlaneAccount), ...r.extra },
    identityPolicies: scope.dataPlaneIdentity,
    resourcePolicy: r.policy,
    what: r.what,
    expect: 'deny',
  };
}

/**
 * The data-plane role against a bucket of the same name in another account whose bucket policy
 * allows everyone (S3 ARNs carry no account: only the `s3:ResourceAccount` pin tells them apart):
 * each action its level grants (with its access options); and, for an owner-account data-plane role, against another bucket
 * and another key of the owner account open to the whole account (only the role's confinement
 * stops those).
 */
export function escapeRows(scope: ConsumerScope): Row[] {
  const { model, p, c, level } = scope;
  // In access-points mode the identity grants name access point ARNs, which carry the owner's account.
  if (model.accessMode === 'access-points') return ownerEscapeRows(scope);
  const bucket = p.bucketArn;
  const policy = policyDocument([
    { Sid: 'OpenToEveryone', Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: [bucket, `${bucket}/*`] },
  ]);
  const label = `in a same-name bucket of ${UNRELATED_ACCOUNT} open to everyone`;
  const object = objectArn(scope, scope.someKey);
  const ask = (action: string, resource: string, extra: Record<string, string> = {}) =>
    dataPlaneDeny(scope, {
      action,
      resource,
      account: UNRELATED_ACCOUNT,
      policy,
      what: `${action.slice(3)} ${label}`,
      extra: { [S3_RESOURCE_ACCOUNT_KEY]: UNRELATED_ACCOUNT, ...extra },
    });
  return [
    ...level.objectActions.map((action) => ask(action, object)),
    ...level.aclActions.map((action) => ask(action, object, { [S3_ACL_CONDITION_KEY]: BUCKET_OWNER_FULL_CONTROL })),
    ...level.listActions.map((action) => ask(action, bucket, { 's3:prefix': c.prefixes[0] ?? '' })),
    ...level.bucketActions.map((action) => ask(action, bucket)),
    ...ownerEscapeRows(scope),
  ];
}

/**
 * An owner-account data-plane role against another bucket and key of its account open to the
 * whole account, and (a level that lists, with prefixes) listing the shared bucket outside its
 * prefixes where the bucket policy lets the whole account list.
 */
function ownerEscapeRows(scope: ConsumerScope): Row[] {
  const { model, p, c, owner } = scope;
  if (scope.dataPlaneAccount !== owner || !c.confineOwnerRole) return [];
  const other = `arn:${p.partition}:s3:::another-bucket-of-${owner}`;
  const otherKey = `arn:${p.partition}:kms:${model.region}:${owner}:key/22222222-2222-4222-8222-222222222222`;
  // Listing the shared bucket outside the prefixes, with a bucket policy statement that lets the
  // whole owner account list: only the confinement's listing deny stops it.
  const listing =
    c.prefixes.length > 0
      ? scope.level.listActions.map((action) =>
          dataPlaneDeny(scope, {
            action,
            resource: p.bucketArn,
            account: owner,
            policy: policyDocument([
              ...p.bucketPolicy.Statement,
              {
                Sid: 'WholeAccountListing',
                Effect: 'Allow',
                Principal: '*',
                Action: action,
                Resource: p.bucketArn,
                Condition: { StringEquals: { 'aws:PrincipalAccount': owner } },
              },
            ]),
            what: `${action.slice(3)} outside the prefixes, the bucket open to every owner-account principal`,
            extra: { [S3_RESOURCE_ACCOUNT_KEY]: owner, 's3:prefix': `not-granted-${c.name}/` },
          }),
        )
      : [];
  return [
    ...listing,
    dataPlaneDeny(scope, {
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
    dataPlaneDeny(scope, {
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

/**
 * The owner keeps control of its key: an admin role of the owner account may change the key
 * policy. In access-points mode, an access point of the owner account that the stack did not
 * create (its policy open to anyone) must not reach the bucket.
 */
export function ownerRows(model: StackModel, p: StackPolicies): Check[] {
  return [...rogueAccessPointRows(model, p), ...keyAdminRows(model, p)];
}

/** Access-points mode: access points the stack did not create, their policies open to anyone. */
function rogueAccessPointRows(model: StackModel, p: StackPolicies): Check[] {
  if (model.accessMode !== 'access-points') return [];
  const owner = model.owner.accountId;
  const suffix = accessPointSuffix(model.owner.bucketName);
  const rogues = [
    {
      arn: accessPointArn(p.partition, model.region, owner, 'not-from-this-stack'),
      label: 'an access point of the owner account the stack did not create',
    },
    {
      arn: accessPointArn(p.partition, model.region, UNRELATED_ACCOUNT, `lookalike-${suffix}`),
      label: `an access point of ${UNRELATED_ACCOUNT} named like the stack's`,
    },
  ];
  return rogues.map(({ arn, label }) => {
    const request = s3Request({
      p,
      owner,
      accessPoint: arn,
      who: `a role of unrelated ${UNRELATED_ACCOUNT}`,
      principal: roleArn(p.partition, UNRELATED_ACCOUNT, 'AnyRole'),
      account: UNRELATED_ACCOUNT,
      identity: EVERYTHING,
      action: 's3:GetObject',
      resource: `${p.bucketArn}/${OBJECT_NAME}`,
      what: `GetObject through ${label}`,
      expect: 'deny',
      extra: {},
    });
    const openPolicy = policyDocument([
      { Sid: 'OpenToAnyone', Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:*', Resource: `${arn}/object/*` },
    ]);
    return { stack: model.name, consumer: 'owner', ...request, resourcePolicy: openPolicy };
  });
}

/**
 * The key's administration: an admin role of the owner account may change the key policy. A key
 * the stack creates: the owner is never locked out. An adopted key: the stack changes nothing about
 * who may administer or use it (its current policy decides, see AdoptKey).
 */
function keyAdminRows(model: StackModel, p: StackPolicies): Check[] {
  const { keyArn, keyPolicy } = p;
  if (keyArn === undefined || keyPolicy === undefined) return [];
  const owner = model.owner.accountId;
  const adopted = model.currentKeyPolicy;
  const asUnder: { expectAsUnder?: PolicyDocument } = adopted
    ? { expectAsUnder: policyDocument(adopted.statements) }
    : {};
  const row = (action: string, context: Record<string, string | string[]>, what: string): Check => ({
    stack: model.name,
    consumer: 'owner',
    who: `admin role of ${owner} (IAM allows kms:*)`,
    principal: roleArn(p.partition, owner, 'KeyAdministrator'),
    action,
    resource: keyArn,
    resourceAccount: owner,
    context: { ...tlsContext(owner), 'kms:CallerAccount': owner, ...context },
    identityPolicies: [
      {
        name: 'key-admin',
        policy: policyDocument([{ Sid: 'KeyAdmin', Effect: 'Allow', Action: 'kms:*', Resource: '*' }]),
      },
    ],
    resourcePolicy: keyPolicy,
    what: adopted ? `${what} (as the adopted key's current policy decides)` : what,
    expect: 'allow',
    ...asUnder,
  });
  const decrypt = kmsContext({ model, p, account: owner, contextArn: `${p.bucketArn}/${OBJECT_NAME}` });
  return [
    row('kms:PutKeyPolicy', {}, 'kms:PutKeyPolicy'),
    ...(adopted ? [row('kms:Decrypt', decrypt, 'kms:Decrypt via S3')] : []),
  ];
}
