/**
 * The shared bucket's lifecycle rules (issue 14, owner hygiene): the stack's two rules (noncurrent
 * versions expire, incomplete multipart uploads abort) and, for an adopted bucket, its current
 * rules carried over. Terraform's `aws_s3_bucket_lifecycle_configuration` replaces a bucket's
 * whole lifecycle configuration, so an adopted bucket's current rules must be written too, or they
 * are lost. Pure: no cdktf import; the rules are in the shape of the provider's construct props.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_lifecycle_configuration
 */

/** The stack's lifecycle settings; each rule is written only when its number of days is set. */
export interface LifecycleSettings {
  /**
   * Noncurrent versions expire this many days after they become noncurrent (a whole number, at
   * least 1). With the `delete` option a deleted object is then gone for good after these days.
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-configuration-examples.html#lifecycle-config-conceptual-ex6
   * @default undefined: no such rule
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Incomplete multipart uploads are aborted this many days after they were started (a whole
   * number, at least 1): their parts are stored and billed until then.
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpu-abort-incomplete-mpu-lifecycle-config.html
   * @default undefined: no such rule
   */
  readonly abortIncompleteMultipartUploadDays?: number;
}

/** The IDs of the stack's rules (a current rule may not use them). */
export const LIFECYCLE_RULE_IDS: {
  /** The rule that expires noncurrent versions. */
  readonly noncurrent: string;
  /** The rule that aborts incomplete multipart uploads. */
  readonly abort: string;
} = {
  noncurrent: 'cross-account-s3-expire-noncurrent-versions',
  abort: 'cross-account-s3-abort-incomplete-uploads',
};

/** The `and` block of a lifecycle rule filter, in the provider's shape (all conditions hold). */
export interface LifecycleFilterAnd {
  /**
   * @default undefined: any key
   */
  readonly prefix?: string;
  /**
   * Bytes.
   * @default undefined: any size
   */
  readonly objectSizeGreaterThan?: number;
  /**
   * Bytes.
   * @default undefined: any size
   */
  readonly objectSizeLessThan?: number;
  /**
   * Object tags, key → value.
   * @default undefined: any tags
   */
  readonly tags?: Record<string, string>;
}

/** A lifecycle rule filter in the provider's shape (`{}`: the whole bucket). */
export interface LifecycleFilter {
  /**
   * @default undefined: any key
   */
  readonly prefix?: string;
  /**
   * Bytes.
   * @default undefined: any size
   */
  readonly objectSizeGreaterThan?: number;
  /**
   * Bytes.
   * @default undefined: any size
   */
  readonly objectSizeLessThan?: number;
  /**
   * One object tag.
   * @default undefined: any tags
   */
  readonly tag?: Array<{
    /** The tag's key. */
    key: string;
    /** The tag's value. */
    value: string;
  }>;
  /**
   * Several conditions together.
   * @default undefined
   */
  readonly and?: LifecycleFilterAnd[];
}

/** Days or a date (RFC 3339, UTC midnight) after which the rule acts. */
export interface LifecycleWhen {
  /**
   * @default undefined: by date
   */
  days?: number;
  /**
   * @default undefined: by days
   */
  date?: string;
}

/** A lifecycle rule in the shape of the provider's `S3BucketLifecycleConfigurationRule`. */
export interface LifecycleRule {
  /** The rule's ID, unique in the configuration. */
  readonly id: string;
  /** `Enabled` or `Disabled`. */
  readonly status: string;
  /**
   * Which objects the rule applies to.
   * @default undefined
   */
  readonly filter?: LifecycleFilter[];
  /**
   * When current versions expire.
   * @default undefined: never
   */
  readonly expiration?: Array<
    LifecycleWhen & {
      /**
       * Remove delete markers with no versions left.
       * @default undefined
       */
      expiredObjectDeleteMarker?: boolean;
    }
  >;
  /**
   * Moves of current versions to other storage classes.
   * @default undefined: none
   */
  readonly transition?: Array<
    LifecycleWhen & {
      /** The storage class moved to. */
      storageClass: string;
    }
  >;
  /**
   * When noncurrent versions expire.
   * @default undefined: never
   */
  readonly noncurrentVersionExpiration?: Array<{
    /** Days after the version became noncurrent. */
    noncurrentDays: number;
    /**
     * Newer noncurrent versions kept.
     * @default undefined
     */
    newerNoncurrentVersions?: number;
  }>;
  /**
   * Moves of noncurrent versions to other storage classes.
   * @default undefined: none
   */
  readonly noncurrentVersionTransition?: Array<{
    /** Days after the version became noncurrent. */
    noncurrentDays: number;
    /**
     * Newer noncurrent versions kept.
     * @default undefined
     */
    newerNoncurrentVersions?: number;
    /** The storage class moved to. */
    storageClass: string;
  }>;
  /**
   * When incomplete multipart uploads are aborted.
   * @default undefined: never
   */
  readonly abortIncompleteMultipartUpload?: Array<{
    /** Days after the upload started. */
    daysAfterInitiation: number;
  }>;
}

/** A bucket's current lifecycle configuration, converted, with where it came from. */
export interface CurrentLifecycle {
  /** The file it came from, for messages. */
  readonly source: string;
  /** The rules, in the file's order, in the provider's shape. */
  readonly rules: readonly LifecycleRule[];
  /**
   * The configuration's `TransitionDefaultMinimumObjectSize`, kept as it is.
   * @default undefined: the provider's default
   */
  readonly transitionDefaultMinimumObjectSize?: string;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Thrown inside the conversion: the rule a current configuration breaks. */
class Broken extends Error {}

/**
 * `v` as an object with only the `known` keys.
 * @throws Broken naming the first other key, or when `v` is not an object
 */
function only(v: unknown, where: string, known: readonly string[]): Json {
  if (!isObject(v)) throw new Broken(`has ${where}, which is not an object`);
  const other = Object.keys(v).find((k) => !known.includes(k));
  if (other !== undefined) {
    throw new Broken(
      `has ${where}.${other}, which this stack cannot carry over: manage this bucket's lifecycle outside the stack`,
    );
  }
  return v;
}

/**
 * An optional number.
 * @throws Broken when `v` is there and not a number
 */
function num(v: unknown, where: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number') throw new Broken(`has ${where}, which is not a number`);
  return v;
}

/**
 * A number the API always gives.
 * @throws Broken when `v` is missing or not a number
 */
function required(v: unknown, where: string): number {
  const n = num(v, where);
  if (n === undefined) throw new Broken(`has no ${where}`);
  return n;
}

/**
 * An optional string.
 * @throws Broken when `v` is there and not a string
 */
function str(v: unknown, where: string): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new Broken(`has ${where}, which is not a string`);
  return v;
}

/**
 * A string the API always gives (a tag's key and value, a storage class).
 * @throws Broken when `v` is missing or not a string
 */
function text(v: unknown, where: string): string {
  const s = str(v, where);
  if (s === undefined) throw new Broken(`has no ${where}`);
  return s;
}

/**
 * An API date (`2030-01-01T00:00:00+00:00`, `…Z`) as the provider's RFC 3339 UTC time.
 * @throws Broken when `v` is there and not a date
 */
function date(v: unknown, where: string): string | undefined {
  const text = str(v, where);
  if (text === undefined) return undefined;
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw new Broken(`has ${where} "${text}", which is not a date`);
  return `${new Date(t).toISOString().slice(0, 19)}Z`;
}

/** `o` without its undefined fields. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * An optional list.
 * @throws Broken when `v` is there and not a list
 */
function list(v: unknown, where: string): unknown[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new Broken(`has ${where}, which is not a list`);
  return v;
}

/**
 * The `And` block of a filter.
 * @throws Broken when it has a field this conversion does not know, or a wrong type
 */
function andOf(v: unknown, where: string): LifecycleFilterAnd {
  const and = only(v, where, ['Prefix', 'Tags', 'ObjectSizeGreaterThan', 'ObjectSizeLessThan']);
  const tags = and.Tags === undefined ? undefined : list(and.Tags, `${where}.Tags`);
  return defined({
    prefix: str(and.Prefix, `${where}.Prefix`),
    objectSizeGreaterThan: num(and.ObjectSizeGreaterThan, `${where}.ObjectSizeGreaterThan`),
    objectSizeLessThan: num(and.ObjectSizeLessThan, `${where}.ObjectSizeLessThan`),
    tags:
      tags === undefined
        ? undefined
        : Object.fromEntries(
            tags.map((t, i) => {
              const kv = only(t, `${where}.Tags[${i}]`, ['Key', 'Value']);
              return [text(kv.Key, `${where}.Tags[${i}].Key`), text(kv.Value, `${where}.Tags[${i}].Value`)];
            }),
          ),
  });
}

/**
 * A rule's `Filter`.
 * @throws Broken when it has a field this conversion does not know, or a wrong type
 */
function filterOf(v: unknown, where: string): LifecycleFilter {
  const f = only(v, where, ['Prefix', 'Tag', 'ObjectSizeGreaterThan', 'ObjectSizeLessThan', 'And']);
  const tag = f.Tag === undefined ? undefined : only(f.Tag, `${where}.Tag`, ['Key', 'Value']);
  return defined({
    prefix: str(f.Prefix, `${where}.Prefix`),
    objectSizeGreaterThan: num(f.ObjectSizeGreaterThan, `${where}.ObjectSizeGreaterThan`),
    objectSizeLessThan: num(f.ObjectSizeLessThan, `${where}.ObjectSizeLessThan`),
    tag:
      tag === undefined
        ? undefined
        : [{ key: text(tag.Key, `${where}.Tag.Key`), value: text(tag.Value, `${where}.Tag.Value`) }],
    and: f.And === undefined ? undefined : [andOf(f.And, `${where}.And`)],
  });
}

/**
 * A rule's actions on current versions: `Expiration` and `Transitions`.
 * @throws Broken when they have a field this conversion does not know, or a wrong type
 */
function currentVersionActions(r: Json, where: string): Pick<LifecycleRule, 'expiration' | 'transition'> {
  const exp =
    r.Expiration === undefined
      ? undefined
      : only(r.Expiration, `${where}.Expiration`, ['Days', 'Date', 'ExpiredObjectDeleteMarker']);
  const marker = exp?.ExpiredObjectDeleteMarker;
  if (marker !== undefined && typeof marker !== 'boolean') {
    throw new Broken(`has ${where}.Expiration.ExpiredObjectDeleteMarker, which is not true or false`);
  }
  const transitions = list(r.Transitions, `${where}.Transitions`);
  return defined({
    expiration:
      exp === undefined
        ? undefined
        : [
            defined({
              days: num(exp.Days, `${where}.Expiration.Days`),
              date: date(exp.Date, `${where}.Expiration.Date`),
              expiredObjectDeleteMarker: marker,
            }),
          ],
    transition:
      transitions.length === 0
        ? undefined
        : transitions.map((t, i) => {
            const at = `${where}.Transitions[${i}]`;
            const x = only(t, at, ['Days', 'Date', 'StorageClass']);
            return defined({
              days: num(x.Days, `${at}.Days`),
              date: date(x.Date, `${at}.Date`),
              storageClass: text(x.StorageClass, `${at}.StorageClass`),
            });
          }),
  });
}

/**
 * A rule's actions on noncurrent versions and uploads: `NoncurrentVersionExpiration`,
 * `NoncurrentVersionTransitions`, `AbortIncompleteMultipartUpload`.
 * @throws Broken when they have a field this conversion does not know, or a wrong type
 */
function otherActions(
  r: Json,
  where: string,
): Pick<
  LifecycleRule,
  'noncurrentVersionExpiration' | 'noncurrentVersionTransition' | 'abortIncompleteMultipartUpload'
> {
  const nve =
    r.NoncurrentVersionExpiration === undefined
      ? undefined
      : only(r.NoncurrentVersionExpiration, `${where}.NoncurrentVersionExpiration`, [
          'NoncurrentDays',
          'NewerNoncurrentVersions',
        ]);
  const abort =
    r.AbortIncompleteMultipartUpload === undefined
      ? undefined
      : only(r.AbortIncompleteMultipartUpload, `${where}.AbortIncompleteMultipartUpload`, ['DaysAfterInitiation']);
  const nvts = list(r.NoncurrentVersionTransitions, `${where}.NoncurrentVersionTransitions`);
  return defined({
    noncurrentVersionExpiration:
      nve === undefined
        ? undefined
        : [
            defined({
              noncurrentDays: required(nve.NoncurrentDays, `${where}.NoncurrentVersionExpiration.NoncurrentDays`),
              newerNoncurrentVersions: num(
                nve.NewerNoncurrentVersions,
                `${where}.NoncurrentVersionExpiration.NewerNoncurrentVersions`,
              ),
            }),
          ],
    noncurrentVersionTransition:
      nvts.length === 0
        ? undefined
        : nvts.map((t, i) => {
            const at = `${where}.NoncurrentVersionTransitions[${i}]`;
            const x = only(t, at, ['NoncurrentDays', 'NewerNoncurrentVersions', 'StorageClass']);
            return defined({
              noncurrentDays: required(x.NoncurrentDays, `${at}.NoncurrentDays`),
              newerNoncurrentVersions: num(x.NewerNoncurrentVersions, `${at}.NewerNoncurrentVersions`),
              storageClass: text(x.StorageClass, `${at}.StorageClass`),
            });
          }),
    abortIncompleteMultipartUpload:
      abort === undefined
        ? undefined
        : [
            {
              daysAfterInitiation: required(
                abort.DaysAfterInitiation,
                `${where}.AbortIncompleteMultipartUpload.DaysAfterInitiation`,
              ),
            },
          ],
  });
}

/**
 * One rule of the S3 API's shape (`GetBucketLifecycleConfiguration`) in the provider's.
 * @throws Broken when it has no ID, a status other than `Enabled` or `Disabled`, a field this
 *   conversion does not know, or a wrong type
 */
function ruleOf(v: unknown, where: string): LifecycleRule {
  const r = only(v, where, [
    'ID',
    'Status',
    'Prefix',
    'Filter',
    'Expiration',
    'Transitions',
    'NoncurrentVersionExpiration',
    'NoncurrentVersionTransitions',
    'AbortIncompleteMultipartUpload',
  ]);
  if (r.Prefix !== undefined && r.Filter !== undefined) {
    throw new Broken(`has ${where} with both Prefix and Filter; S3 takes one of them`);
  }
  const id = str(r.ID, `${where}.ID`);
  if (id === undefined || id === '')
    throw new Broken(`has ${where} without an ID; give it one (the provider needs it)`);
  const status = str(r.Status, `${where}.Status`);
  if (status !== 'Enabled' && status !== 'Disabled') {
    throw new Broken(`has ${where}.Status ${JSON.stringify(r.Status)}; it must be "Enabled" or "Disabled"`);
  }
  return defined({
    id,
    status,
    // The legacy top-level Prefix means what a filter with that prefix means; the provider
    // deprecates it and S3 refuses it beside rules with a Filter, so it becomes a filter.
    filter:
      r.Filter !== undefined
        ? [filterOf(r.Filter, `${where}.Filter`)]
        : r.Prefix !== undefined
          ? [{ prefix: text(r.Prefix, `${where}.Prefix`) }]
          : undefined,
    ...currentVersionActions(r, where),
    ...otherActions(r, where),
  });
}

/**
 * Parses a bucket's current lifecycle configuration: what `aws s3api
 * get-bucket-lifecycle-configuration --bucket <name>` prints (`{"Rules": [...]}`, with
 * `TransitionDefaultMinimumObjectSize`), converted to the provider's shape. Every field of a rule
 * is carried over or the text is refused (naming the field), so no rule is silently changed; a
 * legacy top-level `Prefix` becomes the rule's filter, which means the same.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLifecycleConfiguration.html
 * @returns the rules and the setting, or the rule the text breaks (a clause after the file's name)
 * @throws Error only for a fault of the conversion itself (bad input is reported in `broken`)
 */
export function parseCurrentLifecycle(text: string): {
  /**
   * The rules, converted.
   * @default undefined: the text breaks a rule (see `broken`)
   */
  rules?: LifecycleRule[];
  /**
   * `TransitionDefaultMinimumObjectSize` of the configuration.
   * @default undefined: not in the text
   */
  transitionDefaultMinimumObjectSize?: string;
  /**
   * The rule the text breaks.
   * @default undefined: the text is a lifecycle configuration
   */
  broken?: string;
} {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { broken: `is not valid JSON: ${(e as Error).message}` };
  }
  try {
    const doc = only(data, '(the file)', ['Rules', 'TransitionDefaultMinimumObjectSize']);
    if (!Array.isArray(doc.Rules)) {
      return { broken: 'must hold {"Rules": [...]}, what aws s3api get-bucket-lifecycle-configuration prints' };
    }
    const rules = doc.Rules.map((r, i) => ruleOf(r, `Rules[${i}]`));
    const ids = rules.map((r) => r.id);
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice !== undefined) return { broken: `has the rule ID "${twice}" twice` };
    const size = str(doc.TransitionDefaultMinimumObjectSize, 'TransitionDefaultMinimumObjectSize');
    if (size === undefined && rules.length > 0) {
      // Without it the provider writes its default (all_storage_classes_128K) over the bucket's.
      return {
        broken:
          'has no TransitionDefaultMinimumObjectSize, the bucket\'s setting the configuration is written with: export it again with a current AWS CLI, or add the bucket\'s value ("all_storage_classes_128K" or "varies_by_storage_class")',
      };
    }
    return { rules, ...(size !== undefined ? { transitionDefaultMinimumObjectSize: size } : {}) };
  } catch (e) {
    if (e instanceof Broken) return { broken: e.message };
    throw e;
  }
}

/** The stack's rules for `settings`, on the whole bucket (an empty filter), in this order: versions, uploads. */
export function stackLifecycleRules(settings: LifecycleSettings): LifecycleRule[] {
  return [
    ...(settings.noncurrentVersionExpirationDays !== undefined
      ? [
          {
            id: LIFECYCLE_RULE_IDS.noncurrent,
            status: 'Enabled',
            filter: [{}],
            noncurrentVersionExpiration: [{ noncurrentDays: settings.noncurrentVersionExpirationDays }],
          },
        ]
      : []),
    ...(settings.abortIncompleteMultipartUploadDays !== undefined
      ? [
          {
            id: LIFECYCLE_RULE_IDS.abort,
            status: 'Enabled',
            filter: [{}],
            abortIncompleteMultipartUpload: [{ daysAfterInitiation: settings.abortIncompleteMultipartUploadDays }],
          },
        ]
      : []),
  ];
}
