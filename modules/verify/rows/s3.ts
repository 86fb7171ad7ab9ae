/**
 * S3 rows: the data-plane role's requests to the bucket (the object and listing requests its access
 * level expects allowed, and the denies around them: other actions, other prefixes, other
 * encryption, other ACLs, plain HTTP), and the S3 requests of roles nobody granted anything.
 * In access-points mode every object request and listing goes through the consumer's access point.
 */
import { OPTION_ACTIONS, PREFIX_LISTING_ACTIONS } from '../../policy/access-levels';
import { SOURCE_VPCE_KEY, SOURCE_VPC_KEY, VIA_AWS_SERVICE_KEY } from '../../policy/network';
import {
  S3_RESOURCE_ACCOUNT_KEY,
  S3_SSE_CONDITION_KEY,
  S3_SSE_C_CONDITION_KEY,
  S3_TLS_VERSION_KEY,
} from '../../policy/s3';
import { EVERYTHING, Expectation, IdentityPolicies, OBJECT_NAME, Row, tlsContext } from '../common';
import type { StackPolicies } from '../extract';
import { uploadKeyAsks } from './kms';
import { ConsumerScope, DataPlaneAsk, ForeignRole, levelAsk, objectArn } from './scope';

/** Input of {@link s3Request}. */
export interface S3RequestInput {
  readonly p: StackPolicies;
  /** The owner account, which owns the bucket. */
  readonly owner: string;
  /**
   * The access point the request goes through.
   * @default undefined: straight to the bucket
   */
  readonly accessPoint?: string;
  readonly who: string;
  readonly principal: string;
  /** The principal's account. */
  readonly account: string;
  readonly identity: IdentityPolicies;
  readonly action: string;
  /** The bucket or object ARN the request is about. */
  readonly resource: string;
  readonly what: string;
  readonly expect: Expectation;
  /**
   * Request context beyond transport, accounts and `s3:ResourceAccount`.
   * @default {}
   */
  readonly extra?: Readonly<Record<string, string>>;
}

/** The account in an access point ARN. */
function accountOfAccessPoint(arn: string): string {
  return arn.split(':')[4];
}

/**
 * The bucket requests (besides object requests) that go through an access point: listing keys and
 * versions, the bucket's Region, and unfinished multipart uploads. Other bucket requests cannot.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-service-api-support.html
 */
export const ACCESS_POINT_BUCKET_ACTIONS: readonly string[] = [
  's3:ListBucket',
  's3:ListBucketVersions',
  's3:GetBucketLocation',
  's3:ListBucketMultipartUploads',
];

/** A request on the bucket, or (with an access point) through the access point, with the bucket leg. */
export function s3Request(r: S3RequestInput): Row {
  const { p, owner, accessPoint } = r;
  // S3 sets s3:ResourceAccount, the bucket owner, on every request; IAM sets aws:PrincipalArn, the
  // role's ARN for a role session (the engine does not derive it from the principal).
  const context = {
    ...tlsContext(r.account),
    'aws:PrincipalArn': r.principal,
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
  if (accessPoint === undefined) return { ...base, resource: r.resource, resourcePolicy: p.bucketPolicy, what: r.what };
  const key = r.resource.startsWith(`${p.bucketArn}/`) ? r.resource.slice(p.bucketArn.length + 1) : undefined;
  // Object requests and some bucket requests go through the access point; other bucket requests cannot.
  if (key === undefined && !ACCESS_POINT_BUCKET_ACTIONS.includes(r.action)) {
    return { ...base, resource: r.resource, resourcePolicy: p.bucketPolicy, what: r.what };
  }
  return {
    ...base,
    resource: key === undefined ? accessPoint : `${accessPoint}/object/${key}`,
    resourcePolicy: p.accessPointPolicies.get(accessPoint),
    what: `${r.what} (via its access point)`,
    bucketLeg: {
      principal: r.principal,
      action: r.action,
      resource: r.resource,
      resourceAccount: owner,
      context: {
        ...context,
        's3:DataAccessPointAccount': accountOfAccessPoint(accessPoint),
        's3:DataAccessPointArn': accessPoint,
      },
      // Cross-account, only the bucket policy can allow the bucket side (the identity policy names
      // the access point), so the leg asks with an identity policy that allows everything. In the
      // owner account the principal's own identity policy counts for the bucket too, as in AWS.
      identityPolicies: r.account === owner ? r.identity : EVERYTHING,
      resourcePolicy: p.bucketPolicy,
    },
  };
}

/** The `who` of the data-plane role's rows. */
export const DATA_PLANE = 'data-plane role';

/** A request of the consumer's data-plane role to the bucket (through its access point, if any). */
export function dataPlane(scope: ConsumerScope, ask: DataPlaneAsk): Row {
  const tls = scope.model.owner.minimumTlsVersion;
  const { outsideNetwork, ...request } = ask;
  const network = outsideNetwork === true ? {} : insideNetwork(scope);
  return s3Request({
    p: scope.p,
    owner: scope.owner,
    accessPoint: scope.accessPoint,
    who: DATA_PLANE,
    principal: scope.dataPlaneArn,
    account: scope.dataPlaneAccount,
    identity: scope.dataPlaneIdentity,
    ...request,
    // With a minimum TLS version requests use it, and with a perimeter they come through it (a row
    // may ask otherwise).
    extra: { ...(tls !== undefined ? { [S3_TLS_VERSION_KEY]: tls } : {}), ...network, ...ask.extra },
  });
}

/**
 * The VPC keys of a request through the consumer's perimeter, as a request through a VPC endpoint
 * carries both: its first endpoint (or, with only VPCs, an endpoint no perimeter names) in its
 * first VPC (or, with only endpoints, a VPC no perimeter names).
 */
function insideNetwork(scope: ConsumerScope): Record<string, string> {
  const n = scope.c.network;
  if (n === undefined) return {};
  return { [SOURCE_VPCE_KEY]: n.vpcEndpoints?.[0] ?? OTHER_VPCE, [SOURCE_VPC_KEY]: n.vpcs?.[0] ?? OTHER_VPC };
}

/** A VPC endpoint and a VPC no perimeter of the tests names. */
const OTHER_VPCE = 'vpce-0ffffffffffffffff';
const OTHER_VPC = 'vpc-0ffffffffffffffff';

/**
 * With a network perimeter: the level's first object action from outside it (no VPC endpoint),
 * through another endpoint of another VPC (both denied), and by an AWS service acting with the
 * role's credentials from outside (`aws:ViaAWSService`, exempt: allowed as the grant allows).
 */
function networkRows(scope: ConsumerScope): Row[] {
  if (scope.c.network === undefined) return [];
  const first = scope.level.verify.objectActions[0];
  const resource = objectArn(scope, scope.someKey);
  const ask = (what: string, expect: 'allow' | 'deny', extra: Record<string, string>): Row =>
    dataPlane(scope, {
      action: first,
      resource,
      what: `${first.slice(3)} ${what}`,
      expect,
      extra,
      outsideNetwork: true,
    });
  const vpc = scope.c.network.vpcs?.[0];
  const endpoint = scope.c.network.vpcEndpoints?.[0];
  return [
    // With endpoints and VPCs, each half admits on its own: a listed VPC any of its endpoints, a
    // listed endpoint whatever VPC it is in.
    ...(endpoint !== undefined && vpc !== undefined
      ? [
          ask(`through another VPC endpoint of its VPC ${vpc}`, 'allow', {
            [SOURCE_VPCE_KEY]: OTHER_VPCE,
            [SOURCE_VPC_KEY]: vpc,
          }),
          ask(`through its VPC endpoint ${endpoint} in another VPC`, 'allow', {
            [SOURCE_VPCE_KEY]: endpoint,
            [SOURCE_VPC_KEY]: OTHER_VPC,
          }),
        ]
      : []),
    ask('from outside its network (no VPC endpoint)', 'deny', {}),
    ask('through another VPC endpoint of another VPC', 'deny', {
      [SOURCE_VPCE_KEY]: OTHER_VPCE,
      [SOURCE_VPC_KEY]: OTHER_VPC,
    }),
    ask('by an AWS service with its credentials, from outside its network', 'allow', { [VIA_AWS_SERVICE_KEY]: 'true' }),
  ];
}

/**
 * The data-plane role's requests to the bucket, in this order: what its level allows, the denies
 * at the share's edges, the uploads with other encryption or keys (writers), ACLs and versions,
 * and other consumers' prefixes.
 */
export function dataPlaneRows(scope: ConsumerScope): Row[] {
  return [
    ...levelAllowRows(scope),
    ...edgeRows(scope),
    ...networkRows(scope),
    ...uploadRows(scope),
    ...aclAndVersionRows(scope),
    ...optionDenyRows(scope),
    ...otherConsumerRows(scope),
  ];
}

/**
 * The object actions the consumer's access options added to its level (DeleteObject with
 * `delete`, GetObjectVersion with `versions`, the tagging actions with `tagging`): asked wherever
 * the level's first object action is asked to be denied.
 */
function optionObjectActions(scope: ConsumerScope): string[] {
  const options = new Set(OPTION_ACTIONS.filter((o) => o.on === 'object').map((o) => o.action));
  return scope.level.verify.objectActions.filter((action) => options.has(action));
}

/**
 * Allowed: each object action of the level (with its access options, see `levelWith`) inside
 * each granted prefix, each granted listing, and each bucket action (`analytics`).
 */
function levelAllowRows(scope: ConsumerScope): Row[] {
  const { verify } = scope.level;
  const objects = scope.insideKeys.flatMap((key) =>
    verify.objectActions.map((action) =>
      dataPlane(scope, { action, resource: objectArn(scope, key), what: `${action.slice(3)} ${key}`, expect: 'allow' }),
    ),
  );
  const listPrefixes = scope.c.prefixes.length > 0 ? scope.c.prefixes : [''];
  const listings = listPrefixes.flatMap((prefix) =>
    verify.listActions.map((action) =>
      dataPlane(scope, {
        action,
        resource: scope.p.bucketArn,
        what: `${action.slice(3)} prefix "${prefix}"`,
        expect: 'allow',
        extra: { 's3:prefix': prefix },
      }),
    ),
  );
  const bucket = verify.bucketActions.map((action) =>
    dataPlane(scope, { action, resource: scope.p.bucketArn, what: action.slice(3), expect: 'allow' }),
  );
  return [...objects, ...listings, ...bucket];
}

/**
 * Denied: every action an access option adds that this consumer's options do not grant (see
 * `OPTION_ACTIONS`): DeleteObject without `delete`, the version and tagging actions without
 * `versions` and `tagging` (or beyond what the level does with them), the bucket actions without
 * `analytics`. On the consumer's first object, or on the bucket (a listing with its first prefix).
 */
function optionDenyRows(scope: ConsumerScope): Row[] {
  const { verify } = scope.level;
  const granted = new Set([...verify.objectActions, ...verify.listActions, ...verify.bucketActions]);
  return OPTION_ACTIONS.filter((o) => !granted.has(o.action)).map(({ action, on }) => {
    if (on === 'object') {
      return dataPlane(scope, {
        action,
        resource: objectArn(scope, scope.someKey),
        what: `${action.slice(3)} ${scope.someKey}`,
        expect: 'deny',
      });
    }
    const listing = PREFIX_LISTING_ACTIONS.includes(action);
    const prefix = scope.c.prefixes[0] ?? '';
    return dataPlane(scope, {
      action,
      resource: scope.p.bucketArn,
      what: listing ? `${action.slice(3)} prefix "${prefix}"` : action.slice(3),
      expect: 'deny',
      ...(listing ? { extra: { 's3:prefix': prefix } } : {}),
    });
  });
}

/**
 * Denied, with prefixes: each object action the consumer's options add (DeleteObject, the version
 * and tagging actions) outside the prefixes (without an option, {@link optionDenyRows} asks its
 * actions anywhere; DeleteObjectVersion, which no option grants, is denied for every consumer: see
 * {@link aclAndVersionRows}).
 */
function optionOutsideRows(scope: ConsumerScope): Row[] {
  const { c } = scope;
  if (c.prefixes.length === 0) return [];
  return optionObjectActions(scope).map((action) =>
    dataPlane(scope, {
      action,
      resource: objectArn(scope, `not-granted-${c.name}/${OBJECT_NAME}`),
      what: `${action.slice(3)} outside the prefixes`,
      expect: 'deny',
    }),
  );
}

/**
 * Denied: the options' object actions outside the prefixes (see {@link optionOutsideRows}), the bucket policy, what only other levels may do, outside the prefixes, plain
 * HTTP, and (access points) the bucket itself around the access point.
 */
function edgeRows(scope: ConsumerScope): Row[] {
  const { c, p, level, someKey } = scope;
  const first = level.verify.objectActions[0];
  const rows = [
    ...optionOutsideRows(scope),
    dataPlane(scope, { action: 's3:PutBucketPolicy', resource: p.bucketArn, what: 'PutBucketPolicy', expect: 'deny' }),
    ...level.verify.otherLevels.map((r) => dataPlane(scope, levelAsk(scope, r))),
    // A level that does not list (a writer without `list`) may not list its own prefix either.
    ...(level.verify.listActions.length === 0 && c.prefixes.length > 0
      ? [
          dataPlane(scope, {
            action: 's3:ListBucket',
            resource: p.bucketArn,
            what: `ListBucket its own prefix "${c.prefixes[0]}" (writer)`,
            expect: 'deny',
            extra: { 's3:prefix': c.prefixes[0] },
          }),
        ]
      : []),
  ];
  if (c.prefixes.length > 0) {
    rows.push(
      dataPlane(scope, {
        action: first,
        resource: objectArn(scope, `not-granted-${c.name}/${OBJECT_NAME}`),
        what: `${first.slice(3)} outside the prefixes`,
        expect: 'deny',
      }),
    );
    for (const action of level.verify.listActions) {
      const list = (what: string, prefix: string): Row =>
        dataPlane(scope, { action, resource: p.bucketArn, what, expect: 'deny', extra: { 's3:prefix': prefix } });
      rows.push(
        list(`${action.slice(3)} outside the prefixes`, `not-granted-${c.name}/`),
        list(`${action.slice(3)} of the whole bucket`, ''),
      );
    }
  }
  rows.push(
    dataPlane(scope, {
      action: first,
      resource: objectArn(scope, someKey),
      what: `${first.slice(3)} over plain HTTP`,
      expect: 'deny',
      extra: { 'aws:SecureTransport': 'false' },
    }),
  );
  if (scope.model.owner.minimumTlsVersion !== undefined) {
    rows.push(
      dataPlane(scope, {
        action: first,
        resource: objectArn(scope, someKey),
        what: `${first.slice(3)} over TLS 1.2 (the bucket requires ${scope.model.owner.minimumTlsVersion})`,
        expect: 'deny',
        extra: { [S3_TLS_VERSION_KEY]: '1.2' },
      }),
    );
  }
  if (scope.accessPoint === undefined) return rows;
  return [
    ...rows,
    ...[first, ...optionObjectActions(scope)].map((action) => bypassRow(scope, action, 'object')),
    ...[...level.verify.listActions, ...level.verify.bucketActions].map((action) => bypassRow(scope, action, 'bucket')),
  ];
}

/**
 * Straight at the bucket, around the access point: the delegation covers access point requests
 * only. Asked with the level's first object action and each object action of its options (on an
 * object), and each listing and bucket action it has (on the bucket, listing its first prefix).
 */
function bypassRow(scope: ConsumerScope, action: string, on: 'object' | 'bucket'): Row {
  const { p, owner, someKey } = scope;
  const listing = on === 'bucket' && PREFIX_LISTING_ACTIONS.includes(action);
  const direct = scope.model.approach === 'direct';
  return {
    who: direct ? `${DATA_PLANE} (its IAM allowing everything)` : DATA_PLANE,
    principal: scope.dataPlaneArn,
    action,
    resource: on === 'object' ? objectArn(scope, someKey) : p.bucketArn,
    resourceAccount: owner,
    context: {
      ...tlsContext(scope.dataPlaneAccount),
      [S3_RESOURCE_ACCOUNT_KEY]: owner,
      ...(listing ? { 's3:prefix': scope.c.prefixes[0] ?? '' } : {}),
    },
    identityPolicies: direct ? EVERYTHING : scope.dataPlaneIdentity,
    resourcePolicy: p.bucketPolicy,
    what: `${action.slice(3)} on the bucket itself, bypassing the access point`,
    expect: 'deny',
  };
}

/** Writers: uploads asking for the other server-side encryption or SSE-C, and (SSE-KMS) naming keys. */
function uploadRows(scope: ConsumerScope): Row[] {
  if (!scope.level.writes) return [];
  const resource = objectArn(scope, scope.someKey);
  const other = scope.p.keyArn !== undefined ? 'AES256' : 'aws:kms';
  return [
    dataPlane(scope, {
      action: 's3:PutObject',
      resource,
      what: `PutObject asking for ${other}`,
      expect: 'deny',
      extra: { [S3_SSE_CONDITION_KEY]: other },
    }),
    dataPlane(scope, {
      action: 's3:PutObject',
      resource,
      what: 'PutObject with SSE-C',
      expect: 'deny',
      extra: { [S3_SSE_C_CONDITION_KEY]: 'AES256' },
    }),
    ...uploadKeyAsks(scope).map((ask) => dataPlane(scope, ask)),
  ];
}

/** Deleting a version is never granted; the level's ACL rows; a listing over plain HTTP. */
function aclAndVersionRows(scope: ConsumerScope): Row[] {
  const { c, p, level, someKey } = scope;
  const object = objectArn(scope, someKey);
  return [
    dataPlane(scope, {
      action: 's3:DeleteObjectVersion',
      resource: object,
      what: `DeleteObjectVersion ${someKey}`,
      expect: 'deny',
    }),
    ...level.verify.acl.map((r) => dataPlane(scope, levelAsk(scope, r))),
    ...level.verify.listActions.map((action) =>
      dataPlane(scope, {
        action,
        resource: p.bucketArn,
        what: `${action.slice(3)} over plain HTTP`,
        expect: 'deny',
        extra: { 'aws:SecureTransport': 'false', 's3:prefix': c.prefixes[0] ?? '' },
      }),
    ),
  ];
}

/**
 * Other consumers' prefixes that this consumer's own prefixes do not cover: the level's first
 * object action (and each object action of its options) and its listings.
 */
function otherConsumerRows(scope: ConsumerScope): Row[] {
  const { c, p, level } = scope;
  if (c.prefixes.length === 0) return [];
  const first = level.verify.objectActions[0];
  const others = scope.model.consumers
    .filter((o) => o.name !== c.name)
    .flatMap((o) => o.prefixes)
    .filter((o) => !c.prefixes.some((mine) => o.startsWith(mine)));
  return [...new Set(others)].flatMap((other) => [
    ...[first, ...optionObjectActions(scope)].map((action) =>
      dataPlane(scope, {
        action,
        resource: objectArn(scope, `${other}${OBJECT_NAME}`),
        what: `${action.slice(3)} in another consumer's ${other}`,
        expect: 'deny',
      }),
    ),
    ...level.verify.listActions.map((action) =>
      dataPlane(scope, {
        action,
        resource: p.bucketArn,
        what: `${action.slice(3)} another consumer's ${other}`,
        expect: 'deny',
        extra: { 's3:prefix': other },
      }),
    ),
  ]);
}

/** A foreign role's reads, writes and listings of the consumer's objects: all denied. */
export function foreignS3Rows(scope: ConsumerScope, role: ForeignRole): Row[] {
  const { p, someKey } = scope;
  const asks: Array<Omit<DataPlaneAsk, 'expect'>> = [
    { action: 's3:GetObject', resource: objectArn(scope, someKey), what: `GetObject ${someKey}` },
    { action: 's3:PutObject', resource: objectArn(scope, someKey), what: `PutObject ${someKey}` },
    {
      action: 's3:ListBucket',
      resource: p.bucketArn,
      what: 'ListBucket',
      extra: { 's3:prefix': scope.c.prefixes[0] ?? '' },
    },
  ];
  return asks.map((ask) =>
    s3Request({
      p,
      owner: scope.owner,
      accessPoint: scope.accessPoint,
      who: role.who,
      principal: role.arn,
      account: role.account,
      identity: EVERYTHING,
      expect: 'deny',
      ...ask,
    }),
  );
}
