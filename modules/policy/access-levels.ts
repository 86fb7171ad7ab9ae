/**
 * The access levels: ONE table, {@link ACCESS_LEVEL_TABLE}, holds per level the S3 object, listing
 * and ACL actions, the KMS actions, the Sids its statements get, and the data-plane requests verify
 * expects to be allowed and denied. Everything else derives from it: the action sets and
 * `reads()` / `writes()` of `s3.ts`, `kmsActions()` of `kms.ts`, the grant Sids of `grant.ts`, the
 * pattern of the stack's Sids in `current.ts`, and verify's level rows (`verify/rows/s3.ts`,
 * `verify/rows/kms.ts`). Adding a level means adding an entry here (and its tests); the
 * `AccessLevel` type and `ACCESS_LEVELS` follow from the entries.
 *
 * AWS pages behind the action sets:
 * - Object reads: `s3:GetObject` also covers HeadObject.
 *   https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-policy-actions.html
 * - Object writes, multipart included: `s3:PutObject` covers CreateMultipartUpload, UploadPart and
 *   CompleteMultipartUpload; aborting and listing parts have their own actions.
 *   https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html#mpuAndPermissions
 * - Listing keys, granted on the bucket ARN (not on objects), to levels that read, and to a
 *   writer only with the `list` option (see {@link levelWith}): a write-only consumer that does
 *   not sync has no use for the key names of others.
 *   https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html#API_ListObjectsV2_RequestSyntax
 * - Setting an object's ACL: writers only, and only {@link BUCKET_OWNER_FULL_CONTROL} (the owner's
 *   `denyOtherAcls` in `s3.ts` refuses every other ACL).
 *   https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html#API_PutObject_RequestSyntax
 * - Reading an SSE-KMS object: S3 decrypts the object's data key.
 *   https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html#aws-managed-customer-managed-keys
 * - Writing an SSE-KMS object: `kms:GenerateDataKey` for the data key, and `kms:Decrypt` because a
 *   multipart upload decrypts the data key to encrypt each further part.
 *   https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html#mpuAndPermissions
 *
 * Pure data: this file imports nothing, so every policy module may import it.
 */

/**
 * The canned ACL that writers may send with an upload, and the only one they may set.
 * Object Ownership `BucketOwnerEnforced` accepts it and ignores it; whether S3 then also authorizes
 * `s3:PutObjectAcl` is not settled by AWS's pages (the PutObject reference asks for
 * `s3:PutObjectAcl` to change an object's ACL, "Policy examples for ACLs" grants only
 * `s3:PutObject` with an `s3:x-amz-acl` condition), so writers get both, this ACL only: the
 * action in their grant, every other ACL refused by the owner's `denyOtherAcls` (`s3.ts`).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html#API_PutObject_RequestSyntax
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
 */
export const BUCKET_OWNER_FULL_CONTROL = 'bucket-owner-full-control';

/** The request header (as a condition key) of a canned ACL. */
export const S3_ACL_CONDITION_KEY = 's3:x-amz-acl';

/**
 * A data-plane request verify asks as a consumer's data-plane role, because of its level.
 * The row's resource is an object inside the granted prefixes (`object`) or the bucket (`bucket`).
 */
export interface LevelRequest {
  readonly on: 'object' | 'bucket';
  readonly action: string;
  /** The row's label; `{key}` stands for the object's key. */
  readonly what: string;
  readonly expect: 'allow' | 'deny';
  /**
   * Request context beyond the transport and account keys (headers as condition keys).
   * @default {}
   */
  readonly context?: Readonly<Record<string, string>>;
}

/** What verify expects of a level: the data-plane rows that follow from it. */
export interface LevelExpectations {
  /**
   * Allowed: each action on an object inside every granted prefix (the whole bucket without
   * prefixes); the first one is also asked where it must be denied (outside the prefixes, over
   * plain HTTP, in another consumer's prefix, in a same-name bucket of another account).
   */
  readonly objectActions: readonly string[];
  /**
   * Allowed: each listing action for every granted prefix. Empty: the level does not list (its
   * listing request is then among {@link LevelExpectations.otherLevels}).
   */
  readonly listActions: readonly string[];
  /**
   * Allowed: each action on the bucket without a prefix (the `analytics` option's, see
   * {@link levelWith}); empty for every level without options.
   */
  readonly bucketActions: readonly string[];
  /** Allowed: each key action through S3, with the bucket and with an object as encryption context. */
  readonly kmsActions: readonly string[];
  /** Denied: what another level may do and this one may not. */
  readonly otherLevels: readonly LevelRequest[];
  /** Setting an object's ACL: a writer may send {@link BUCKET_OWNER_FULL_CONTROL} and no other. */
  readonly acl: readonly LevelRequest[];
}

/** One access level's row of {@link ACCESS_LEVEL_TABLE}. */
export interface AccessLevelEntry {
  /** The level reads objects (and lists their keys). */
  readonly reads: boolean;
  /** The level writes objects: the owner's upload denies (encryption, key, ACL) concern it. */
  readonly writes: boolean;
  /** S3 actions on the object ARNs (`<bucket>/<prefix>*`), reads first. */
  readonly objectActions: readonly string[];
  /** S3 actions on the bucket ARN, limited to the granted prefixes with `s3:prefix`. */
  readonly listActions: readonly string[];
  /**
   * S3 actions on the bucket ARN that take no `s3:prefix` (the `analytics` option's, see
   * {@link levelWith}); empty for every level without options.
   */
  readonly bucketActions: readonly string[];
  /** S3 ACL actions on the object ARNs, beside {@link AccessLevelEntry.objectActions}. */
  readonly aclActions: readonly string[];
  /** KMS actions on the bucket's key, through S3 (a writer's set contains the reader's). */
  readonly kmsActions: readonly string[];
  /**
   * The Sids of the level's grant statements, after the grant's prefix (`WorkloadA` in resource
   * policies, none in the grantee's identity policy): the object statement, the listing statement
   * (present exactly when {@link AccessLevelEntry.listActions} is not empty) and the key statement.
   * Merged statements append `And<N>More` (see `mergeStatements`).
   */
  readonly sids: {
    /** Sid of the statement with the object actions. */
    readonly objects: string;
    /**
     * Sid of the listing statement.
     * @default undefined: the level does not list
     */
    readonly listing?: string;
    /**
     * Sid of the statement with {@link AccessLevelEntry.bucketActions}.
     * @default undefined: no bucket actions (the `analytics` option sets it)
     */
    readonly bucket?: string;
    /** Sid of the key statement. */
    readonly key: string;
  };
  /** verify's rows for the level. */
  readonly verify: LevelExpectations;
}

const READ_OBJECTS: readonly string[] = ['s3:GetObject'];
const WRITE_OBJECTS: readonly string[] = ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'];
const LIST_KEYS: readonly string[] = ['s3:ListBucket'];
const SET_ACL: readonly string[] = ['s3:PutObjectAcl'];
const KMS_DECRYPT: readonly string[] = ['kms:Decrypt'];
const KMS_ENCRYPT: readonly string[] = ['kms:GenerateDataKey', 'kms:Decrypt'];

/** A writer's ACL rows: the canned ACL {@link BUCKET_OWNER_FULL_CONTROL} passes, any other is refused. */
const WRITER_ACL: readonly LevelRequest[] = [
  {
    on: 'object',
    action: 's3:PutObject',
    what: `PutObject with ${BUCKET_OWNER_FULL_CONTROL}`,
    expect: 'allow',
    context: { [S3_ACL_CONDITION_KEY]: BUCKET_OWNER_FULL_CONTROL },
  },
  {
    on: 'object',
    action: 's3:PutObjectAcl',
    what: `PutObjectAcl ${BUCKET_OWNER_FULL_CONTROL}`,
    expect: 'allow',
    context: { [S3_ACL_CONDITION_KEY]: BUCKET_OWNER_FULL_CONTROL },
  },
  {
    on: 'object',
    action: 's3:PutObjectAcl',
    what: 'PutObjectAcl {key} with another ACL (public-read)',
    expect: 'deny',
    context: { [S3_ACL_CONDITION_KEY]: 'public-read' },
  },
  // An ACL in the request body sends no x-amz-acl header.
  {
    on: 'object',
    action: 's3:PutObjectAcl',
    what: 'PutObjectAcl {key} with the ACL in the body (no header)',
    expect: 'deny',
  },
];

const TABLE = {
  read: {
    reads: true,
    writes: false,
    objectActions: READ_OBJECTS,
    listActions: LIST_KEYS,
    bucketActions: [],
    aclActions: [],
    kmsActions: KMS_DECRYPT,
    sids: { objects: 'ReadObjects', listing: 'ListBucket', key: 'UseBucketKey' },
    verify: {
      objectActions: READ_OBJECTS,
      listActions: LIST_KEYS,
      bucketActions: [],
      kmsActions: KMS_DECRYPT,
      otherLevels: [{ on: 'object', action: 's3:PutObject', what: 'PutObject {key} (reader)', expect: 'deny' }],
      acl: [{ on: 'object', action: 's3:PutObjectAcl', what: 'PutObjectAcl {key}', expect: 'deny' }],
    },
  },
  write: {
    reads: false,
    writes: true,
    objectActions: WRITE_OBJECTS,
    listActions: [],
    bucketActions: [],
    aclActions: SET_ACL,
    kmsActions: KMS_ENCRYPT,
    sids: { objects: 'WriteObjects', key: 'UseBucketKey' },
    verify: {
      objectActions: WRITE_OBJECTS,
      listActions: [],
      bucketActions: [],
      kmsActions: KMS_ENCRYPT,
      otherLevels: [
        { on: 'object', action: 's3:GetObject', what: 'GetObject {key} (writer)', expect: 'deny' },
        {
          on: 'bucket',
          action: 's3:ListBucket',
          what: 'ListBucket (writer)',
          expect: 'deny',
          context: { 's3:prefix': '' },
        },
      ],
      acl: WRITER_ACL,
    },
  },
  'read-write': {
    reads: true,
    writes: true,
    objectActions: [...READ_OBJECTS, ...WRITE_OBJECTS],
    listActions: LIST_KEYS,
    bucketActions: [],
    aclActions: SET_ACL,
    kmsActions: KMS_ENCRYPT,
    sids: { objects: 'ReadWriteObjects', listing: 'ListBucket', key: 'UseBucketKey' },
    verify: {
      objectActions: [...READ_OBJECTS, ...WRITE_OBJECTS],
      listActions: LIST_KEYS,
      bucketActions: [],
      kmsActions: KMS_ENCRYPT,
      otherLevels: [],
      acl: WRITER_ACL,
    },
  },
} satisfies Record<string, AccessLevelEntry>;

/**
 * What a consumer may do with the shared bucket's objects: `read` (get objects, list keys), `write`
 * (put objects, multipart uploads, the `bucket-owner-full-control` ACL) or `read-write` (both). The
 * levels are the keys of the one table of `modules/policy/access-levels.ts`.
 * @useDeclaredType
 */
export type AccessLevel = keyof typeof TABLE;

/** Every access level with its actions, Sids and verify rows: the one place that defines them. */
export const ACCESS_LEVEL_TABLE: Readonly<Record<AccessLevel, AccessLevelEntry>> = TABLE;

/** Every access level, in the order the docs and errors list them (the table's order). */
export const ACCESS_LEVELS: readonly AccessLevel[] = Object.keys(TABLE) as AccessLevel[];

/** The Sids of one grant's statements (see {@link AccessLevelEntry.sids}), each after `sidPrefix`. */
export function grantSids(
  access: AccessLevel,
  sidPrefix: string,
): {
  /** Sid of the statement with the object actions. */
  readonly objects: string;
  /**
   * Sid of the listing statement.
   * @default undefined: the level does not list
   */
  readonly listing?: string;
  /** Sid of the key statement. */
  readonly key: string;
} {
  const { objects, listing, key } = ACCESS_LEVEL_TABLE[access].sids;
  return {
    objects: `${sidPrefix}${objects}`,
    ...(listing !== undefined ? { listing: `${sidPrefix}${listing}` } : {}),
    key: `${sidPrefix}${key}`,
  };
}

/**
 * The access options of one grant (issue 14): each is off by default and, on, adds to what the
 * grant's level allows (see `levelWith` in `modules/policy/access-levels.ts`). The same keys are the config's consumer keys, the
 * library's `GrantOptions` and the grant constructs' props.
 */
export interface LevelOptions {
  /**
   * The grant may also delete objects of its prefixes: `s3:DeleteObject` joins the level's object
   * actions (in the grant's object statement, the owner role's confinement and verify's rows),
   * with any level. Never `s3:DeleteObjectVersion`. On a versioned bucket a delete adds a delete
   * marker; on an unversioned one it is final.
   * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html
   * @default false
   */
  readonly delete?: boolean;
  /**
   * A write-only grant lists its prefixes too (`aws s3 sync`, s3a writers): the `read` level's
   * listing actions and listing Sid (`s3:ListBucket` limited by `s3:prefix`), and verify's listing
   * rows instead of the denied listing. Only for `write`: the reading levels list already.
   * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
   * @default false
   */
  readonly list?: boolean;
  /**
   * A reading grant may read older versions of its objects and list versions of its prefixes:
   * `s3:GetObjectVersion` joins the object actions, `s3:ListBucketVersions` the listing actions
   * (limited by `s3:prefix` like `s3:ListBucket`). Only for levels that read (`read`,
   * `read-write`). Never `s3:DeleteObjectVersion`.
   * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html#API_GetObject_RequestSyntax
   * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html
   * @default false
   */
  readonly versions?: boolean;
  /**
   * The grant may read the tags of its objects when its level reads (`s3:GetObjectTagging`) and set
   * them when it writes (`s3:PutObjectTagging`, which an upload with the `x-amz-tagging` header
   * needs too); with `versions`, the same for older versions (`s3:GetObjectVersionTagging`, and
   * `s3:PutObjectVersionTagging` for `read-write`). With any level.
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/tagging-and-policies.html
   * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html#API_PutObject_RequestSyntax
   * @default false
   */
  readonly tagging?: boolean;
  /**
   * The bucket-level actions that Athena, Glue and EMR ask for beside the object actions, from
   * Athena's cross-account bucket policy: `s3:GetBucketLocation` for every level, and
   * `s3:ListBucketMultipartUploads` for levels that write (it lists the bucket's unfinished
   * uploads, whatever their prefix: the action takes no `s3:prefix`). A statement of its own, Sid
   * `<Name>AnalyticsListBucket`, on the bucket ARN (the access point's in `access-points` mode).
   * With any level.
   * https://docs.aws.amazon.com/athena/latest/ug/cross-account-permissions.html
   * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html
   * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListMultipartUploads.html
   * @default false
   */
  readonly analytics?: boolean;
}

/** Every access option, in the order the docs list them (see {@link LevelOptions}). */
export const LEVEL_OPTIONS: ReadonlyArray<keyof LevelOptions> = ['delete', 'list', 'versions', 'tagging', 'analytics'];

/**
 * The options of `source` that are on (`true`), and no other key: what the grant functions take,
 * whatever else `source` holds (a config consumer, a construct's props).
 */
export function levelOptionsOf(source: LevelOptions): LevelOptions {
  return Object.fromEntries(LEVEL_OPTIONS.filter((key) => source[key] === true).map((key) => [key, true]));
}

/**
 * The options `source` sets, whatever their values (not checked yet): what a construct hands on to
 * the rules and to the grant constructs, which check them.
 */
export function definedLevelOptions(source: LevelOptions): LevelOptions {
  return Object.fromEntries(LEVEL_OPTIONS.filter((key) => source[key] !== undefined).map((key) => [key, source[key]]));
}

/**
 * The object action of the `delete` option (see {@link LevelOptions.delete}): `s3:DeleteObject`
 * on the object ARNs of the granted prefixes. It also authorizes each key of a multi-object delete
 * (`DeleteObjects`, what `aws s3 sync --delete` and `aws s3 rm --recursive` send). On a versioned
 * bucket it adds a delete marker and keeps the object's versions; removing a version for good is
 * `s3:DeleteObjectVersion`, which no option grants.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html#API_DeleteObject_RequestSyntax
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/DeletingObjectVersions.html
 */
export const DELETE_OBJECT_ACTIONS: readonly string[] = ['s3:DeleteObject'];

/**
 * The `versions` option's actions (see {@link LevelOptions.versions}): reading an object's older
 * version (`GetObject` and `HeadObject` with `versionId`) and listing versions (`ListObjectVersions`,
 * which takes `s3:prefix` like `ListObjectsV2`).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html#API_GetObject_RequestSyntax
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html
 */
export const VERSION_ACTIONS = {
  objects: ['s3:GetObjectVersion'],
  listing: ['s3:ListBucketVersions'],
} as const;

/**
 * Every listing action any level or option grants, each limited to the grant's prefixes with
 * `s3:prefix` (`ListBucketMultipartUploads`, which takes no prefix, is not one).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html#condition-key-bucket-ops-2
 */
export const PREFIX_LISTING_ACTIONS: readonly string[] = [...LIST_KEYS, ...VERSION_ACTIONS.listing];

/**
 * The `tagging` option's object actions (see {@link LevelOptions.tagging}), by what the level does
 * and whether versions are granted.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectTagging.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectTagging.html
 */
export const TAGGING_ACTIONS = {
  read: ['s3:GetObjectTagging'],
  write: ['s3:PutObjectTagging'],
  readVersions: ['s3:GetObjectVersionTagging'],
  writeVersions: ['s3:PutObjectVersionTagging'],
} as const;

/**
 * The `analytics` option's bucket actions (see {@link LevelOptions.analytics}). In the bucket's
 * home Region its bucket policy governs GetBucketLocation; from another Region a cross-account
 * GetBucketLocation is refused whatever the policy (HeadBucket tells the Region in a response
 * header whether the request is authorized or not).
 * https://docs.aws.amazon.com/athena/latest/ug/cross-account-permissions.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html
 */
export const ANALYTICS_ACTIONS = {
  every: ['s3:GetBucketLocation'],
  write: ['s3:ListBucketMultipartUploads'],
} as const;

/**
 * The Sid suffix of the `analytics` option's statement. It ends in the listing Sid suffix
 * (`ListBucket`), which the pattern of the stack's Sids (`current.ts`) knew before the option
 * existed: a current policy's statements are read exactly as before.
 */
export const ANALYTICS_SID = 'AnalyticsListBucket';

/**
 * Every action an option may add, with what it is about (`object` or `bucket`): verify asks each
 * one a grant does not have, and expects a deny.
 */
export const OPTION_ACTIONS: ReadonlyArray<{ readonly action: string; readonly on: 'object' | 'bucket' }> = [
  ...DELETE_OBJECT_ACTIONS.map((action) => ({ action, on: 'object' as const })),
  ...VERSION_ACTIONS.objects.map((action) => ({ action, on: 'object' as const })),
  ...VERSION_ACTIONS.listing.map((action) => ({ action, on: 'bucket' as const })),
  ...Object.values(TAGGING_ACTIONS).flatMap((actions) => actions.map((action) => ({ action, on: 'object' as const }))),
  ...Object.values(ANALYTICS_ACTIONS).flatMap((actions) =>
    actions.map((action) => ({ action, on: 'bucket' as const })),
  ),
];

/** `entry` with `actions` after its object actions, in the grant and in verify's rows. */
function withObjectActions(entry: AccessLevelEntry, actions: readonly string[]): AccessLevelEntry {
  if (actions.length === 0) return entry;
  return {
    ...entry,
    objectActions: [...entry.objectActions, ...actions],
    verify: { ...entry.verify, objectActions: [...entry.verify.objectActions, ...actions] },
  };
}

/**
 * A level's entry with its options applied, the one place the options change a level (see
 * {@link LevelOptions}), in this order: `delete`, `list`, `versions`, `tagging` add object and
 * listing actions to the level's statements; `analytics` adds bucket actions and their Sid. An
 * option that does not apply to the level (`list` on a level that lists, `versions` on `write`)
 * changes nothing here: the rules refuse it before.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
 */
export function levelWith(access: AccessLevel, options: LevelOptions = {}): AccessLevelEntry {
  const base: AccessLevelEntry = ACCESS_LEVEL_TABLE[access];
  let entry = base;
  if (options.delete === true) entry = withObjectActions(entry, DELETE_OBJECT_ACTIONS);
  if (options.list === true && entry.listActions.length === 0) {
    const read = ACCESS_LEVEL_TABLE.read;
    entry = {
      ...entry,
      listActions: read.listActions,
      sids: { ...entry.sids, listing: read.sids.listing },
      verify: {
        ...entry.verify,
        listActions: read.verify.listActions,
        otherLevels: entry.verify.otherLevels.filter((r) => !read.listActions.includes(r.action)),
      },
    };
  }
  const versions = options.versions === true && base.reads;
  if (versions) {
    entry = withObjectActions(entry, VERSION_ACTIONS.objects);
    entry = {
      ...entry,
      listActions: [...entry.listActions, ...VERSION_ACTIONS.listing],
      verify: { ...entry.verify, listActions: [...entry.verify.listActions, ...VERSION_ACTIONS.listing] },
    };
  }
  if (options.tagging === true) {
    entry = withObjectActions(entry, [
      ...(base.reads ? TAGGING_ACTIONS.read : []),
      ...(base.writes ? TAGGING_ACTIONS.write : []),
      ...(versions ? TAGGING_ACTIONS.readVersions : []),
      ...(versions && base.writes ? TAGGING_ACTIONS.writeVersions : []),
    ]);
  }
  if (options.analytics === true) {
    const bucketActions = [...ANALYTICS_ACTIONS.every, ...(base.writes ? ANALYTICS_ACTIONS.write : [])];
    entry = {
      ...entry,
      bucketActions,
      sids: { ...entry.sids, bucket: ANALYTICS_SID },
      verify: { ...entry.verify, bucketActions },
    };
  }
  return entry;
}

/**
 * Every Sid suffix a grant statement of any level gets, each once, in table order. The options'
 * Sids end in one of them ({@link ANALYTICS_SID} in `ListBucket`).
 */
export const GRANT_SID_SUFFIXES: readonly string[] = [
  ...new Set(
    ACCESS_LEVELS.flatMap((level) => {
      const { objects, listing, key } = ACCESS_LEVEL_TABLE[level].sids;
      return [objects, ...(listing !== undefined ? [listing] : []), key];
    }),
  ),
];
