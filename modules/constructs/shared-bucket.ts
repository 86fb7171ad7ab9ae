/**
 * The owner side: the shared bucket with its settings, its customer-managed key, and the one
 * bucket policy and one key policy that every grant contributes statements to. The policies are
 * rendered once, at synth time, so grants can be added in any order.
 */
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsKeyPolicy } from '@cdktf/provider-aws/lib/kms-key-policy';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3AccessPoint } from '@cdktf/provider-aws/lib/s3-access-point';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Lazy, TerraformResource, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { Partition, accessPointArn, accessPointSuffix, bucketArn, keyIdOf, partitionOf } from '../policy/arn';
import { CurrentPolicy, MergeOptions, mergeWithCurrent, othersStatements } from '../policy/current';
import { PolicyDocument, Statement, mergeStatements, policyDocument, renderPolicy, sidPart } from '../policy/document';
import { ACCESS_POINT_POLICY_LIMIT, BUCKET_POLICY_LIMIT, KEY_POLICY_LIMIT, checkPolicySize } from '../policy/limits';
import { LevelOptions, definedLevelOptions } from '../policy/access-levels';
import { CurrentLifecycle, LifecycleSettings, stackLifecycleRules } from '../policy/lifecycle';
import type { NetworkPerimeter } from '../policy/network';
import { OrganizationGrantSide, OrganizationGrantee, organizationGrantStatements } from '../policy/org';
import { checkOrganizationGrants, checkOrganizationId, checkOuPath } from '../rules/organization';
import { checkLogicalName } from '../rules/logical-name';
import { checkPrefix } from '../rules/prefix';
import { BucketTarget, GrantSpec, ResourceSide, resourceSideStatements } from '../policy/grant';
import { OWNER_ROOT_KEY_SID, keyLockoutProblem, ownerRootKeyStatement } from '../policy/kms';
import {
  MinimumTlsVersion,
  delegateToAccessPoints,
  ownerBucketStatements,
  serverAccessLogsStatement,
} from '../policy/s3';
import { AssumeRoleAccess, AssumeRoleOptions, BucketGrant, DirectAccess, checkLevelOptions } from './grants';
import { IGrantee } from './grantee';
import { defaultAccessPointName } from '../rules/derived-names';
import { addDependency, ofStack, substitute } from './references';
import { AccessLevel } from '../policy/s3';
import { normalisePrefix } from '../rules/prefix';
import { policyForOutput } from './render';
import { validateGrant, validateOwnerProps } from './prop-rules';
import { PropsError, RenderGuard } from './validate';
import { ACCESS_MODES, ConsumerSubject, ENCRYPTIONS } from '../rules/subjects';

/** Default encryption of new objects. */
export type BucketEncryption = (typeof ENCRYPTIONS)[number];

/**
 * Where grants live: `bucket-policy` (every grant in the one bucket policy, 20,480 bytes) or
 * `access-points` (one S3 Access Point per consumer with the grant in its policy; the bucket policy
 * delegates to the owner account's access points).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points.html
 */
export type AccessMode = (typeof ACCESS_MODES)[number];

/**
 * An existing key adopted into the stack (see {@link SharedBucketProps.adoptKey}). The key policy
 * the stack writes keeps the current statements exactly, adds the grants, and never adds the
 * owner-root statement (`EnableOwnerAccountIamPolicies`): where the current policy does not
 * delegate to IAM, that statement would give the key to every owner-account role whose IAM policy
 * allows KMS on `*`. The synth fails when the kept statements do not let the deployer administer
 * the key (see `keyLockoutProblem`), unless {@link deployerIsKeyAdministrator} is set.
 */
export interface AdoptKey {
  /** The key's current key policy. */
  readonly currentPolicy: CurrentPolicy;
  /**
   * The role the owner account is deployed with, when known: a statement naming it proves the
   * deployer may administer the key.
   * @default undefined: only a statement delegating to IAM proves it
   */
  readonly deployerRoleArn?: string;
  /**
   * The person deploying confirms that the current statements let the deploying principal call
   * `kms:PutKeyPolicy` (for example through a condition the stack cannot evaluate): the lockout
   * check is skipped, and KMS's own check decides at apply.
   * https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html
   * @default false
   */
  readonly deployerIsKeyAdministrator?: boolean;
}

/** Props of {@link SharedBucket}. */
export interface SharedBucketProps {
  /** Provider of the owner account. */
  readonly provider: AwsProvider;
  /** Owner account, 12 digits. */
  readonly accountId: string;
  /** Region of the bucket (and of the key). */
  readonly region: string;
  /** Bucket name, valid under S3's general-purpose naming rules. */
  readonly bucketName: string;
  /**
   * `kms`: SSE-KMS with a customer-managed key; `s3`: SSE-S3 (no key, no key statements).
   * @default 'kms'
   */
  readonly encryption?: BucketEncryption;
  /**
   * S3 Bucket Key: fewer KMS calls; S3 then uses the bucket ARN as encryption context.
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html
   * @default true
   */
  readonly bucketKeyEnabled?: boolean;
  /**
   * An existing customer-managed key of the owner account, by full key ARN. The stack then does
   * not create a key and never writes its key policy (that would replace the owner's policy and
   * every other grant on it): {@link SharedBucket.keyPolicyStatements} are for the key's owner to add.
   * @default undefined: a new key with rotation on
   */
  readonly existingKmsKeyArn?: string;
  /**
   * Versioning: a cross-account writer can overwrite objects, versions keep the old ones.
   * `false` creates no versioning resource (an existing setting is left as it is).
   * @default true
   */
  readonly versioning?: boolean;
  /**
   * Where grants live (see {@link AccessMode}).
   * @default 'bucket-policy'
   */
  readonly accessMode?: AccessMode;
  /**
   * The bucket exists already. `adopt: false`: the stack grants on it without managing it: it
   * writes only the bucket policy (and access points), never the bucket's ownership, public access
   * block, versioning or default encryption. `adopt: true`: the stack manages it as if it had
   * created it, and a Terraform `import` block adopts the bucket (and its policy, when
   * {@link currentBucketPolicy} is given) instead of creating it.
   * https://developer.hashicorp.com/terraform/language/import
   * @default undefined: the stack creates the bucket
   */
  readonly existingBucket?: {
    /** `true`: adopt the bucket with an `import` block and manage it; `false`: only grant on it. */
    readonly adopt: boolean;
  };
  /**
   * The existing bucket's current policy: its statements are kept, first and unchanged, and the
   * stack's are added after them; a Sid both use with other content fails synthesis.
   * @default undefined: the bucket has no policy (the stack's replaces nothing)
   */
  readonly currentBucketPolicy?: CurrentPolicy;
  /**
   * Adopt the existing key {@link existingKmsKeyArn} into the stack with `import` blocks: the stack
   * then manages the key and its key policy (which keeps the statements of `currentPolicy`).
   * @default undefined: an existing key is not managed
   */
  readonly adoptKey?: AdoptKey;
  /**
   * Lifecycle rules of a bucket the stack manages (created or adopted): noncurrent versions expire
   * and incomplete multipart uploads abort after the given whole days (see {@link LifecycleSettings}).
   * The stack then writes the bucket's whole lifecycle configuration: an adopted bucket's current
   * rules are carried over from {@link currentLifecycle}, which is required with an adopted bucket.
   * Removing it later deletes the bucket's lifecycle configuration, carried-over rules included.
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html
   * @default undefined: no lifecycle configuration (an existing one is left as it is)
   */
  readonly lifecycle?: LifecycleSettings;
  /**
   * Deny every request to the bucket made with an older TLS version: only `1.3` is offered (AWS
   * endpoints have required TLS 1.2 since 2024, so a 1.2 minimum does nothing). Clients and proxies
   * without TLS 1.3 cannot reach the bucket then, nor can interface VPC endpoints (AWS PrivateLink
   * for S3) and Multi-Region Access Points, which S3 serves without TLS 1.3.
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html#example-object-tls-version
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/network-isolation.html
   * @default undefined: AWS's own minimum (TLS 1.2)
   */
  readonly minimumTlsVersion?: MinimumTlsVersion;
  /**
   * Server access logging into another bucket of the owner account, in the same region, whose
   * bucket policy must let the logging service write (see {@link SharedBucket.accessLogsStatements},
   * the `log-bucket-policy-statements-to-add.json` hand-off); its default encryption must be SSE-S3.
   * For a bucket the stack manages (created or adopted: an adopted bucket's logging settings are
   * replaced).
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
   * @default undefined: no access logs (an existing setting is left as it is)
   */
  readonly accessLogs?: {
    /** The log bucket's name. */
    readonly bucket: string;
    /**
     * Key prefix of the log objects.
     * @default `<bucket name>/`
     */
    readonly prefix?: string;
  };
  /**
   * An adopted bucket's current lifecycle configuration (see `parseCurrentLifecycle`; no rules
   * when it has none): its rules are written first, unchanged, then the stack's.
   * @default undefined: no rules to carry over (required with `lifecycle` on an adopted bucket)
   */
  readonly currentLifecycle?: CurrentLifecycle;
  /**
   * An alias for a key the stack creates or adopts, `alias/<name>` (split stacks name the key
   * by its alias, see `KeyByAlias`).
   * @default undefined: no alias
   */
  readonly keyAlias?: string;
  /**
   * Give the resources the config app's fixed logical ids (`shared_bucket`, `bucket_key`,
   * `<grant>_consumer_role`, `<grant>_owner_policy`, …) instead of ids derived from the construct
   * path. Only one such bucket fits in a stack. For stacks the config app deployed first, whose
   * addresses must not move (a moved address is a destroy and a create).
   * @default false: ids derived from the construct path, so several buckets fit in one stack
   */
  readonly fixedLogicalIds?: boolean;
}

/**
 * Options of {@link SharedBucket.grantRead}, {@link SharedBucket.grantWrite} and
 * {@link SharedBucket.grantReadWrite}: the grant's name, prefixes, approach, access point, and its
 * access options (see {@link LevelOptions}: `list` only with `grantWrite`, `versions` only with the
 * reading grants).
 */
export interface GrantOptions extends LevelOptions {
  /**
   * Name of the grant: 2–40 characters of letters, digits and hyphens, starting with a letter;
   * Sids and construct ids derive from it, so it is unique per bucket.
   * @default the grantee's role name made valid (see {@link defaultGrantName}); required when that
   *   is a Terraform reference
   */
  readonly name?: string;
  /**
   * Key prefixes the grant is limited to (`reports/`; a missing trailing `/` is added). Listing
   * is limited to them too (`s3:prefix`).
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html
   * @default [] (the whole bucket)
   */
  readonly prefixes?: readonly string[];
  /**
   * The grantee's network perimeter: its requests only through these VPC endpoints or from these
   * VPCs (see `networkPerimeterStatement`).
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html
   * @default undefined: from anywhere
   */
  readonly network?: NetworkPerimeter;
  /**
   * Other roles of the grantee's account that get the same grant (see `ShareGrantProps.additionalGrantees`).
   * @default [] (the grantee's role alone)
   */
  readonly additionalGrantees?: readonly IGrantee[];
  /**
   * Grant through a role in the owner account that the grantee assumes with an external ID (the
   * assume-role approach, recommended) instead of naming the grantee's role in the bucket and key
   * policies (the direct approach).
   * @default undefined: the direct approach
   */
  readonly assumeRole?: AssumeRoleOptions;
  /**
   * The grantee's access point name in access-points mode.
   * @default `<name, lowercase>-<first 6 hex digits of SHA-256 of the bucket name>`
   */
  readonly accessPointName?: string;
  /**
   * Where the consumer account's resources go (another stack, when stacks are split per account).
   * @default the grant construct, under this bucket
   */
  readonly scope?: Construct;
}

/**
 * A grant's default name from its grantee's role name: characters other than letters, digits and
 * hyphens become hyphens, and the name starts with a letter and has at most 40 characters
 * (`data_reader` → `data-reader`). Undefined when the role name is a token or leaves fewer than 2.
 */
export function defaultGrantName(roleName: string): string | undefined {
  if (Token.isUnresolved(roleName)) return undefined;
  const name = roleName
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/^[^A-Za-z]+/, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return name.length >= 2 ? name : undefined;
}

/** One resource, several, or none, as a list. */
function resourcesOf(r: TerraformResource | readonly TerraformResource[] | undefined): readonly TerraformResource[] {
  return r === undefined ? [] : r instanceof TerraformResource ? [r] : r;
}

/** Removed blocks of each stack, shared by its buckets (a stack has one `removed` override). */
const removedByStack = new WeakMap<TerraformStack, Array<{ from: string; lifecycle: { destroy: false } }>>();

/** The bucket, its key and their two resource policies. */
export class SharedBucket extends Construct {
  /** The bucket's name (see {@link SharedBucketProps.bucketName}). */
  readonly bucketName: string;
  /** The bucket's ARN, `arn:<partition>:s3:::<bucket>` (S3 bucket ARNs have neither region nor account). */
  readonly bucketArn: string;
  /** The partition of the bucket's region: `aws`, `aws-cn` or `aws-us-gov`. */
  readonly partition: Partition;
  /** The bucket's region (and its key's). */
  readonly region: string;
  /** The owner account, 12 digits. */
  readonly accountId: string;
  /** Key ARN: a Terraform reference for a new key, the given ARN for an existing one; undefined with SSE-S3. */
  readonly keyArn?: string;
  /** The key's bare ID (a reference for a new key); undefined with SSE-S3. */
  readonly keyId?: string;
  /** True when this stack writes the key policy (a key created here). */
  readonly managesKeyPolicy: boolean;
  /** The bucket resource; undefined for an existing bucket the stack does not adopt. */
  readonly bucket?: S3Bucket;
  /** The key's alias (see {@link SharedBucketProps.keyAlias}). */
  readonly keyAlias?: string;
  /**
   * Addresses an earlier deploy may have created that this configuration does not manage: the
   * stack's JSON forgets them with `removed` blocks (HCL output: see `CrossAccountS3Stack`).
   */
  readonly unmanagedAddresses: readonly string[];
  /** The key resource the stack creates or adopts; undefined for an existing key it does not manage, and with SSE-S3. */
  readonly key?: KmsKey;
  /** The bucket policy resource: the owner's denies and every grant, rendered at synth (see {@link bucketPolicyDocument}). */
  readonly bucketPolicy: S3BucketPolicy;
  /** Provider of the owner account. */
  readonly provider: AwsProvider;
  /** True when the resources have the config app's fixed logical ids (see {@link SharedBucketProps.fixedLogicalIds}). */
  readonly fixedLogicalIds: boolean;
  private readonly bucketRef: string;
  /**
   * The key policy resource, rendered at synth (see {@link keyPolicyDocument}); undefined when the
   * stack does not write the key policy (an existing key it does not adopt, or SSE-S3).
   */
  readonly keyPolicy?: KmsKeyPolicy;

  /** Where grants live (see {@link SharedBucketProps.accessMode}). */
  readonly accessMode: AccessMode;
  private readonly bucketStatements: Statement[] = [];
  private readonly accessPointNames: string[] = [];
  private readonly keyStatements: Statement[] = [];
  private readonly currentBucketPolicy?: CurrentPolicy;
  private readonly organizationNames: string[] = [];
  /**
   * The minimum TLS version the bucket policy requires.
   * @default undefined: none beyond AWS's own
   */
  readonly minimumTlsVersion?: MinimumTlsVersion;
  /**
   * The log bucket of the server access logs.
   * @default undefined: no access logs
   */
  readonly accessLogsBucket?: string;
  /**
   * The key prefix of the server access logs.
   * @default undefined: no access logs
   */
  readonly accessLogsPrefix?: string;
  private readonly currentKeyPolicy?: CurrentPolicy;
  private readonly adoptKey?: AdoptKey;
  private readonly grantSubjects: ConsumerSubject[] = [];
  private readonly renderGuard: RenderGuard;
  private readonly extraSubstitutions = new Map<string, string>();

  /** @throws PropsError when a prop breaks a rule (the prop, its value and the rule are named) */
  constructor(scope: Construct, id: string, props: SharedBucketProps) {
    super(scope, id);
    validateOwnerProps(`SharedBucket ${this.node.path}`, props);
    const encryption = props.encryption ?? 'kms';
    this.bucketName = props.bucketName;
    this.region = props.region;
    this.accountId = props.accountId;
    this.partition = partitionOf(props.region);
    this.bucketArn = bucketArn(this.partition, props.bucketName);
    this.accessMode = props.accessMode ?? 'bucket-policy';
    this.provider = props.provider;
    this.fixedLogicalIds = props.fixedLogicalIds ?? false;
    this.currentBucketPolicy = props.currentBucketPolicy;
    this.minimumTlsVersion = props.minimumTlsVersion;
    this.accessLogsBucket = props.accessLogs?.bucket;
    this.accessLogsPrefix =
      props.accessLogs === undefined ? undefined : (props.accessLogs.prefix ?? `${props.bucketName}/`);

    const managed = props.existingBucket === undefined || props.existingBucket.adopt;
    // The bucket's settings, which the bucket policy is written after (see below).
    const settings: TerraformResource[] = [];
    if (managed) {
      this.bucket = this.createBucket(props);
      // One reference, reused: every new token costs a stack trace (hundreds of access points).
      this.bucketRef = this.bucket.id;
      settings.push(...this.createBucketSettings(props));
      this.createLifecycle(props, settings);
      this.createAccessLogs(props);
    } else {
      this.bucketRef = props.bucketName;
    }

    const key = encryption === 'kms' ? this.createOrReferToKey(props) : undefined;
    this.keyArn = key?.keyArn;
    this.keyId = key?.keyId;
    this.key = key?.key;
    this.keyPolicy = key?.keyPolicy;
    this.keyAlias = key?.keyAlias;
    this.managesKeyPolicy = this.keyPolicy !== undefined;
    if (this.key !== undefined && props.adoptKey !== undefined && props.existingKmsKeyArn !== undefined) {
      this.currentKeyPolicy = props.adoptKey.currentPolicy;
      this.adoptKey = props.adoptKey;
    }

    if (managed) settings.push(this.createDefaultEncryption(props));
    this.bucketPolicy = this.createBucketPolicy(props, settings);
    this.unmanagedAddresses = this.forgetUnmanaged(props, managed);

    // Sizes need the whole set of grants, so they are checked when the stack is synthesized.
    this.renderGuard = new RenderGuard(
      this,
      () => this.wholeTreeProblems(),
      () =>
        `${this.bucketStatements.length}/${this.keyStatements.length}/${this.accessPointNames.length}/${this.extraSubstitutions.size}`,
    );
  }

  /** Gives `resource` the config app's fixed logical id, when {@link fixedLogicalIds} is set. */
  private fixed(resource: TerraformResource, id: string): void {
    if (this.fixedLogicalIds) resource.overrideLogicalId(id);
  }

  /** The bucket, kept on destroy; an adopted bucket is imported. */
  private createBucket(props: SharedBucketProps): S3Bucket {
    const bucket = new S3Bucket(this, 'bucket', {
      provider: props.provider,
      bucket: props.bucketName,
      forceDestroy: false,
      lifecycle: { preventDestroy: true },
    });
    this.fixed(bucket, 'shared_bucket');
    if (props.existingBucket?.adopt) bucket.importFrom(props.bucketName, props.provider);
    return bucket;
  }

  /** Object Ownership `BucketOwnerEnforced`, the public access block and (by default) versioning. */
  private createBucketSettings(props: SharedBucketProps): TerraformResource[] {
    const { provider } = props;
    const ownership = new S3BucketOwnershipControls(this, 'ownership', {
      provider,
      bucket: this.bucketRef,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    this.fixed(ownership, 'shared_bucket');

    const publicAccess = new S3BucketPublicAccessBlock(this, 'public-access', {
      provider,
      bucket: this.bucketRef,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    this.fixed(publicAccess, 'shared_bucket');

    const settings: TerraformResource[] = [publicAccess, ownership];
    if (props.versioning ?? true) {
      const versioning = new S3BucketVersioningA(this, 'versioning', {
        provider,
        bucket: this.bucketRef,
        versioningConfiguration: { status: 'Enabled' },
      });
      this.fixed(versioning, 'shared_bucket');
      settings.push(versioning);
    }
    return settings;
  }

  /**
   * The lifecycle configuration (with {@link SharedBucketProps.lifecycle}): the adopted bucket's
   * current rules, then the stack's; after versioning, which the noncurrent-version rule concerns.
   */
  private createLifecycle(props: SharedBucketProps, settings: readonly TerraformResource[]): void {
    if (props.lifecycle === undefined) return;
    const current = props.currentLifecycle;
    const lifecycle = new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      provider: props.provider,
      bucket: this.bucketRef,
      rule: [...(current?.rules ?? []), ...stackLifecycleRules(props.lifecycle)],
      ...(current?.transitionDefaultMinimumObjectSize !== undefined
        ? { transitionDefaultMinimumObjectSize: current.transitionDefaultMinimumObjectSize }
        : {}),
      dependsOn: settings.filter((r) => r instanceof S3BucketVersioningA),
    });
    this.fixed(lifecycle, 'shared_bucket');
  }

  /** Server access logging (with {@link SharedBucketProps.accessLogs}) into the log bucket. */
  private createAccessLogs(props: SharedBucketProps): void {
    if (props.accessLogs === undefined) return;
    const logging = new S3BucketLoggingA(this, 'logging', {
      provider: props.provider,
      bucket: this.bucketRef,
      targetBucket: props.accessLogs.bucket,
      targetPrefix: this.accessLogsPrefix!,
    });
    this.fixed(logging, 'shared_bucket');
  }

  /**
   * SSE-KMS: an existing key by ARN (its policy is not written), or a new key with rotation and its
   * key policy; an adopted key is imported with its policy.
   */
  private createOrReferToKey(props: SharedBucketProps): {
    keyArn: string;
    keyId: string;
    /**
     * The key resource.
     * @default undefined: an existing key the stack does not manage
     */
    key?: KmsKey;
    /**
     * The key policy resource.
     * @default undefined: an existing key the stack does not manage
     */
    keyPolicy?: KmsKeyPolicy;
    /**
     * The alias the key gets.
     * @default undefined: no alias
     */
    keyAlias?: string;
  } {
    if (props.existingKmsKeyArn !== undefined && props.adoptKey === undefined) {
      return { keyArn: props.existingKmsKeyArn, keyId: keyIdOf(props.existingKmsKeyArn) };
    }
    const { provider } = props;
    const key = new KmsKey(this, 'key', {
      provider,
      description: `Encrypts objects of s3://${props.bucketName} (shared across accounts)`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      lifecycle: { preventDestroy: true },
    });
    this.fixed(key, 'bucket_key');
    const keyPolicy = new KmsKeyPolicy(this, 'key-policy', {
      provider,
      keyId: key.keyId,
      policy: Lazy.stringValue({ produce: () => this.renderChecked(() => this.keyPolicyDocument()) }),
    });
    this.fixed(keyPolicy, 'bucket_key');
    if (props.adoptKey !== undefined && props.existingKmsKeyArn !== undefined) {
      const keyId = keyIdOf(props.existingKmsKeyArn);
      key.importFrom(keyId, provider);
      keyPolicy.importFrom(keyId, provider);
    }
    if (props.keyAlias !== undefined) {
      this.fixed(
        new KmsAlias(this, 'key-alias', { provider, name: props.keyAlias, targetKeyId: key.keyId }),
        'bucket_key',
      );
    }
    return { keyArn: key.arn, keyId: key.keyId, key, keyPolicy, keyAlias: props.keyAlias };
  }

  /** Default encryption of new objects: SSE-KMS with the full key ARN, or SSE-S3. */
  private createDefaultEncryption(props: SharedBucketProps): TerraformResource {
    const sse = new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      provider: props.provider,
      bucket: this.bucketRef,
      rule: [
        this.keyArn !== undefined
          ? {
              // The full key ARN: S3 resolves a key ID or alias in the requester's account.
              applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: this.keyArn },
              bucketKeyEnabled: props.bucketKeyEnabled ?? true,
            }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
      ],
    });
    this.fixed(sse, 'shared_bucket');
    return sse;
  }

  /** The one bucket policy, rendered at synth from every grant; written after the bucket's settings. */
  private createBucketPolicy(props: SharedBucketProps, settings: TerraformResource[]): S3BucketPolicy {
    const policy = new S3BucketPolicy(this, 'policy', {
      provider: props.provider,
      bucket: this.bucketRef,
      policy: Lazy.stringValue({ produce: () => this.renderChecked(() => this.bucketPolicyDocument()) }),
      // S3 rejects concurrent changes to one bucket's configuration (OperationAborted).
      dependsOn: settings,
      // Destroying the policy of a bucket the stack does not manage would delete the statements
      // others wrote (the current policy) with it.
      ...(props.existingBucket !== undefined &&
      !props.existingBucket.adopt &&
      othersStatements(props.currentBucketPolicy).length > 0
        ? { lifecycle: { preventDestroy: true } }
        : {}),
    });
    this.fixed(policy, 'shared_bucket');
    if (props.existingBucket?.adopt && props.currentBucketPolicy !== undefined) {
      policy.importFrom(props.bucketName, props.provider);
    }
    return policy;
  }

  /**
   * What the stack does not manage is never destroyed: prevent_destroy protects a resource only
   * while it is in the configuration, so a change of config (an existing bucket, an existing key,
   * SSE-S3, versioning off) would otherwise destroy what an earlier deploy created or adopted. A
   * `removed` block (Terraform 1.7+) forgets it instead; with nothing in the state it does nothing.
   * https://developer.hashicorp.com/terraform/language/resources/syntax#removing-resources
   * @returns the addresses forgotten
   */
  private forgetUnmanaged(props: SharedBucketProps, managed: boolean): string[] {
    const unmanaged = [
      ...(managed
        ? props.versioning === false
          ? [['aws_s3_bucket_versioning', 'shared_bucket', 'versioning']]
          : []
        : [
            ['aws_s3_bucket', 'shared_bucket', 'bucket'],
            ['aws_s3_bucket_ownership_controls', 'shared_bucket', 'ownership'],
            ['aws_s3_bucket_public_access_block', 'shared_bucket', 'public-access'],
            ['aws_s3_bucket_versioning', 'shared_bucket', 'versioning'],
            ['aws_s3_bucket_server_side_encryption_configuration', 'shared_bucket', 'encryption'],
          ]),
      ...(this.key === undefined
        ? [
            ['aws_kms_key', 'bucket_key', 'key'],
            ['aws_kms_key_policy', 'bucket_key', 'key-policy'],
            ['aws_kms_alias', 'bucket_key', 'key-alias'],
          ]
        : []),
    ].map(([type, fixedId, constructId]) => `${type}.${this.logicalIdOf(fixedId, constructId)}`);
    if (unmanaged.length > 0) {
      const removed = ofStack(removedByStack, this, () => []);
      removed.push(...unmanaged.map((from) => ({ from, lifecycle: { destroy: false as const } })));
      TerraformStack.of(this).addOverride('removed', removed);
    }
    return unmanaged;
  }

  /**
   * The checks over the whole set of grants: Sids the current policies use with other content, an
   * adopted key's lockout, then the policy sizes.
   */
  private wholeTreeProblems(): string[] {
    const conflicts = this.conflictProblems();
    return conflicts.length > 0 ? conflicts : this.sizeProblems();
  }

  /**
   * Renders a policy for the output after the whole-tree checks: they run again here because
   * cdktf skips `node.validate()` under `skipValidation`, and no policy that breaks them may be
   * written.
   * @throws Error listing the problems of {@link wholeTreeProblems}
   */
  private renderChecked(document: () => PolicyDocument): string {
    this.renderGuard.check();
    return policyForOutput(this, document());
  }

  /**
   * The logical id a resource of this bucket has, or had, at construct id `constructId`: the fixed
   * id, or the id cdktf derives from the path (an empty placeholder construct stands in for a
   * resource this configuration does not create, so its old address can be forgotten).
   */
  private logicalIdOf(fixedId: string, constructId: string): string {
    if (this.fixedLogicalIds) return fixedId;
    const node = (this.node.tryFindChild(constructId) ?? new Construct(this, constructId)).node;
    return TerraformStack.of(this).getLogicalId(node);
  }

  /**
   * Replacements that turn the synthesized text into what AWS will measure: a new key's ARN
   * reference becomes an ARN of the real length (`key/` + a 36-character key ID), its key ID
   * reference 36 characters.
   */
  sizeSubstitutions(): ReadonlyMap<string, string> {
    const extra = [...this.extraSubstitutions];
    if (this.key === undefined || this.keyArn === undefined || this.keyId === undefined) return new Map(extra);
    const id = `${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}`;
    return new Map([
      [this.keyArn, `arn:${this.partition}:kms:${this.region}:${this.accountId}:key/${id}`],
      [this.keyId, id],
      ...extra,
    ]);
  }

  /**
   * Adds replacements for the size checks of the bucket and key policies: a grantee's references
   * measured at their real length (see `BoundGrantee.sizeSubstitutions`).
   */
  addSizeSubstitutions(substitutions: ReadonlyMap<string, string>): void {
    for (const [reference, real] of substitutions) this.extraSubstitutions.set(reference, real);
  }

  /** Sids of the current policies that the stack's statements use with other content. */
  private conflictProblems(): string[] {
    return [
      ...mergeWithCurrent(this.currentBucketPolicy, this.ownBucketStatements(), this.keyMergeOptions()).conflicts,
      ...(this.keyPolicy
        ? mergeWithCurrent(this.currentKeyPolicy, this.ownKeyStatements(), this.keyMergeOptions()).conflicts
        : []),
      ...this.lockoutProblems(),
    ];
  }

  /** How the current policies are merged: the key's ARN and ID, and an adopted key's own root statement. */
  private keyMergeOptions(): MergeOptions {
    return {
      keyArn: this.keyArn,
      keyId: this.keyId,
      othersSids: this.adoptKey !== undefined ? [OWNER_ROOT_KEY_SID] : [],
    };
  }

  /** An adopted key whose kept statements may lock the deployer out (see {@link AdoptKey}). */
  private lockoutProblems(): string[] {
    if (this.adoptKey === undefined || this.adoptKey.deployerIsKeyAdministrator) return [];
    const problem = keyLockoutProblem(
      othersStatements(this.currentKeyPolicy, [OWNER_ROOT_KEY_SID]),
      { partition: this.partition, ownerAccountId: this.accountId, deployerRoleArn: this.adoptKey.deployerRoleArn },
      'adoptKey.deployerIsKeyAdministrator',
    );
    return problem === undefined
      ? []
      : [
          `${this.adoptKey.currentPolicy.source}: the current key policy ${problem.reason}; the stack adds no owner-root statement to an adopted key (it could widen who may use the key): ${problem.advice}`,
        ];
  }

  private sizeProblems(): string[] {
    const measured = (doc: PolicyDocument) => substitute(renderPolicy(doc), this.sizeSubstitutions());
    const problems = [
      checkPolicySize(`s3://${this.bucketName}`, measured(this.bucketPolicyDocument()), BUCKET_POLICY_LIMIT),
      this.keyPolicy
        ? checkPolicySize(`key of s3://${this.bucketName}`, measured(this.keyPolicyDocument()), KEY_POLICY_LIMIT)
        : undefined,
    ];
    return problems
      .filter((p): p is string => p !== undefined)
      .map(
        (p) =>
          `${p}. ${
            this.accessMode === 'bucket-policy'
              ? 'Consumers that share an access level and prefixes are merged into one statement; for more consumers set "accessMode": "access-points" (one access point per consumer, the grants in their policies)'
              : 'In access-points mode the bucket policy lists custom access point names one by one (default names share one pattern) and the key policy merges the principals of each access level; use default names, or split the consumers over several buckets'
          }`,
      );
  }

  /**
   * Lets `grantee` read objects (`s3:GetObject`, listing with `s3:ListBucket`; `kms:Decrypt` with
   * SSE-KMS), in both the resource policies and the grantee's identity policy.
   * @returns both sides of the grant
   * @throws PropsError when an option or the grantee breaks a rule (the prop, the value and the rule are named)
   */
  grantRead(grantee: IGrantee, options: GrantOptions = {}): BucketGrant {
    return this.addGrant('read', grantee, options);
  }

  /**
   * Lets `grantee` write objects (`s3:PutObject` with multipart upload and the
   * `bucket-owner-full-control` ACL; `kms:GenerateDataKey` and `kms:Decrypt` with SSE-KMS). A
   * writer does not list, unless `options.list` lets it list its prefixes.
   * @returns both sides of the grant
   * @throws PropsError when an option or the grantee breaks a rule (the prop, the value and the rule are named)
   */
  grantWrite(grantee: IGrantee, options: GrantOptions = {}): BucketGrant {
    return this.addGrant('write', grantee, options);
  }

  /**
   * Lets `grantee` read, list and write objects (see {@link grantRead} and {@link grantWrite}).
   * @returns both sides of the grant
   * @throws PropsError when an option or the grantee breaks a rule (the prop, the value and the rule are named)
   */
  grantReadWrite(grantee: IGrantee, options: GrantOptions = {}): BucketGrant {
    return this.addGrant('read-write', grantee, options);
  }

  /**
   * Checks a grant with the config's rules, then creates its construct (`grant-<name>`).
   * @throws PropsError when the grant has no name (the grantee's role name is a reference) or breaks a rule
   */
  private addGrant(access: AccessLevel, grantee: IGrantee, options: GrantOptions): BucketGrant {
    const name = options.name ?? defaultGrantName(grantee.roleName);
    if (name === undefined) {
      throw new PropsError(`SharedBucket ${this.node.path} grant`, [
        {
          path: 'options.name',
          value: undefined,
          rule: `is required when the grantee's role name (${Token.isUnresolved(grantee.roleName) ? 'a Terraform reference' : JSON.stringify(grantee.roleName)}) gives no default: 2 to 40 characters of letters, digits and hyphens, starting with a letter`,
        },
      ]);
    }
    if (grantee.partition !== undefined && grantee.partition !== this.partition) {
      throw new PropsError(`SharedBucket ${this.node.path} grant "${name}"`, [
        {
          path: 'grantee.partition',
          value: grantee.partition,
          rule: `is not the bucket's partition (${this.partition}, from region ${this.region}); a principal cannot be granted across partitions (https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html)`,
        },
      ]);
    }
    if (this.organizationNames.some((n) => sidPart(n) === sidPart(name))) {
      throw new PropsError(`SharedBucket ${this.node.path} grant "${name}"`, [
        {
          path: 'options.name',
          value: name,
          rule: 'gives the same statement Sids as an Organization grant of this bucket; the Sids of one policy must be unique: rename one of them',
        },
      ]);
    }
    const consumer = this.grantSubject(name, access, grantee, options);
    validateGrant(
      `SharedBucket ${this.node.path} grant "${name}"`,
      {
        consumer,
        context: {
          approach: options.assumeRole !== undefined ? 'assume-role' : 'direct',
          region: this.region,
          ownerAccountId: this.accountId,
          accessMode: this.accessMode,
          bucketName: this.bucketName,
        },
      },
      this.grantSubjects,
    );
    this.grantSubjects.push(consumer);
    const props = {
      bucket: this,
      grantee,
      ...(options.additionalGrantees !== undefined ? { additionalGrantees: options.additionalGrantees } : {}),
      name,
      access,
      prefixes: [...new Set((options.prefixes ?? []).map(normalisePrefix))],
      ...definedLevelOptions(options),
      ...(options.network !== undefined ? { network: options.network } : {}),
      accessPointName:
        this.accessMode === 'access-points'
          ? (options.accessPointName ?? defaultAccessPointName(name, this.bucketName))
          : options.accessPointName,
      scope: options.scope,
    };
    return options.assumeRole !== undefined
      ? new AssumeRoleAccess(this, `grant-${name}`, { ...props, ...options.assumeRole })
      : new DirectAccess(this, `grant-${name}`, props);
  }

  /** A grant in the config file's terms (a consumer), for the rules. */
  private grantSubject(name: string, access: AccessLevel, grantee: IGrantee, options: GrantOptions): ConsumerSubject {
    const assumeRole = options.assumeRole;
    return {
      ...(grantee.ruleSubject ?? { accountId: grantee.accountId, roleName: grantee.roleName }),
      name,
      access,
      prefixes: options.prefixes,
      ...definedLevelOptions(options),
      network: options.network,
      accessPointName: options.accessPointName,
      externalId: assumeRole?.externalId,
      ownerRoleName: assumeRole?.ownerRoleName,
      ownerRolePath: assumeRole?.ownerRolePath,
      sessionDurationSeconds: assumeRole?.sessionDurationSeconds,
      existingOwnerRole: assumeRole?.existingOwnerRole,
    };
  }

  /** The ARN of this bucket's access point `name` (in the owner account and the bucket's region). */
  accessPointArn(name: string): string {
    return accessPointArn(this.partition, this.region, this.accountId, name);
  }

  /** The bucket as the pure grant functions see it. */
  get target(): BucketTarget {
    return {
      partition: this.partition,
      region: this.region,
      accountId: this.accountId,
      bucketArn: this.bucketArn,
      keyArn: this.keyArn,
    };
  }

  /**
   * Lets the principals of an AWS Organization, or of accounts under some of its OUs, read objects
   * (and list keys) of the given prefixes: the `read` level's statements with `Principal: *` and
   * `aws:PrincipalOrgID` (or `ForAnyValue:StringLike aws:PrincipalOrgPaths`) in the bucket policy,
   * and `kms:Decrypt` through S3 with the same condition in the key policy. The resource side only:
   * member accounts need identity policies of their own (a cross-account request needs both), and
   * writes stay per role. Only in `bucket-policy` mode.
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid
   * @param name 2–40 letters, digits and hyphens, starting with a letter; the statements' Sids
   *   derive from it, so it is unique among the bucket's grants
   * @param options `prefixes`: key prefixes (default: the whole bucket)
   * @returns the statements added to the bucket policy and the key policy
   * @throws PropsError when the name, the Organization ID, an OU path or a prefix breaks its rule,
   *   the name gives the Sids of an earlier grant, or the bucket is in `access-points` mode
   */
  grantOrganization(
    name: string,
    organization: OrganizationGrantee,
    options: {
      /**
       * Key prefixes the grant is limited to (a missing trailing `/` is added).
       * @default [] (the whole bucket)
       */
      readonly prefixes?: readonly string[];
    } = {},
  ): OrganizationGrantSide {
    const where = `SharedBucket ${this.node.path} grantOrganization "${name}"`;
    if (organization.ouPaths !== undefined && !Array.isArray(organization.ouPaths)) {
      throw new PropsError(where, [
        { path: 'organization.ouPaths', value: organization.ouPaths, rule: 'must be a list of OU paths' },
      ]);
    }
    const problems = [
      ...[checkLogicalName(name)].flatMap((rule) => (rule ? [{ path: 'name', value: name, rule }] : [])),
      ...[checkOrganizationId(organization.organizationId)].flatMap((rule) =>
        rule ? [{ path: 'organization.organizationId', value: organization.organizationId, rule }] : [],
      ),
      ...(organization.ouPaths ?? []).flatMap((path, i) => {
        const rule = checkOuPath(path);
        return rule ? [{ path: `organization.ouPaths[${i}]`, value: path, rule }] : [];
      }),
      ...(options.prefixes ?? []).flatMap((prefix, i) => {
        const rule = checkPrefix(prefix);
        return rule ? [{ path: `options.prefixes[${i}]`, value: prefix, rule }] : [];
      }),
      ...checkOrganizationGrants({
        accessMode: this.accessMode,
        consumers: [...this.grantSubjects, ...this.organizationNames.map((n) => ({ name: n }) as ConsumerSubject)],
        organizations: [{ name, ...organization }],
      }).map((p) => ({
        path: p.path.slice(2).join('.') || 'name',
        value: p.value,
        rule: p.rule.replace(/consumer "([^"]+)"/, 'grant "$1"'),
      })),
    ];
    if (problems.length > 0) throw new PropsError(where, problems);
    this.organizationNames.push(name);
    const side = organizationGrantStatements(this.target, {
      sidPrefix: sidPart(name),
      prefixes: [...new Set((options.prefixes ?? []).map(normalisePrefix))],
      organization,
    });
    this.bucketStatements.push(...side.bucketPolicy);
    this.keyStatements.push(...side.keyPolicy);
    return side;
  }

  /**
   * Adds the resource side of a grant to `principalArn`: bucket-policy statements and, with
   * SSE-KMS, a key-policy statement.
   * @param principalArn a role ARN, or several roles that get the same grant (each statement then
   *   lists them as its principals)
   * @param principal the resources the principals are created by: the policies are created after
   *   them, since AWS rejects a policy that names a principal that does not exist yet
   * @throws Error in access-points mode (grant with {@link grantThroughAccessPoint}); PropsError when an access option of `spec` is not a boolean or does not apply to its level
   */
  grant(
    principalArn: string | readonly string[],
    spec: GrantSpec,
    principal?: TerraformResource | readonly TerraformResource[],
  ): ResourceSide {
    if (this.accessMode !== 'bucket-policy') {
      throw new Error(`s3://${this.bucketName} is in ${this.accessMode} mode: grant through grantThroughAccessPoint()`);
    }
    checkLevelOptions(`SharedBucket ${this.node.path} grant`, spec);
    const side = resourceSideStatements(this.target, spec, principalArn);
    this.bucketStatements.push(...side.bucketPolicy);
    this.keyStatements.push(...side.keyPolicy);
    for (const resource of resourcesOf(principal)) {
      addDependency(this.bucketPolicy, resource);
      if (this.keyPolicy) addDependency(this.keyPolicy, resource);
    }
    return side;
  }

  /**
   * Access-points mode: creates the consumer's access point with the grant in its policy, and adds
   * the key-policy statement. The access point's ARN is built from its name, so identity policies
   * can name it before it exists.
   * @param name access point name: 3–50 characters of `[a-z0-9-]`, unique per account and region
   * @param logicalId Terraform logical id of the access point; undefined: derived from the construct path
   * @param principalArn a role ARN, or several roles that get the same grant
   * @param principal the resources that create the principals (policies are created after them)
   * @returns the access point and the grant's resource-side statements
   * @throws Error in bucket-policy mode (grant with {@link grant}); PropsError when an access option of `spec` is not a boolean or does not apply to its level, or the access point policy is over 20,480 bytes (see `ACCESS_POINT_POLICY_LIMIT`)
   */
  grantThroughAccessPoint(
    name: string,
    logicalId: string | undefined,
    principalArn: string | readonly string[],
    spec: GrantSpec,
    principal?: TerraformResource | readonly TerraformResource[],
  ): {
    /** The access point created for the grant, with the grant in its policy. */
    accessPoint: S3AccessPoint;
    /** The grant's resource-side statements (access point policy and key policy). */
    side: ResourceSide;
  } {
    if (this.accessMode !== 'access-points') {
      throw new Error(`s3://${this.bucketName} is in ${this.accessMode} mode: grant through grant()`);
    }
    checkLevelOptions(`SharedBucket ${this.node.path} grant`, spec);
    const arn = this.accessPointArn(name);
    this.accessPointNames.push(name);
    const side = resourceSideStatements(this.target, { ...spec, accessPointArn: arn }, principalArn);
    const size = checkPolicySize(
      `access point ${name} of s3://${this.bucketName}`,
      substitute(renderPolicy(policyDocument(side.accessPointPolicy)), this.sizeSubstitutions()),
      ACCESS_POINT_POLICY_LIMIT,
    );
    if (size !== undefined) {
      throw new PropsError(`SharedBucket ${this.node.path} grant`, [
        {
          path: 'principalArn',
          value: `${[principalArn].flat().length} principal(s)`,
          rule: `are too many for one access point: ${size}; split the roles over several grants`,
        },
      ]);
    }
    this.keyStatements.push(...side.keyPolicy);
    const accessPoint = new S3AccessPoint(this, `access-point-${logicalId ?? name}`, {
      provider: this.provider,
      bucket: this.bucketRef,
      name,
      policy: policyForOutput(this, policyDocument(side.accessPointPolicy)),
      publicAccessBlockConfiguration: {
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
    });
    if (logicalId !== undefined) accessPoint.overrideLogicalId(logicalId);
    for (const resource of resourcesOf(principal)) {
      addDependency(accessPoint, resource);
      if (this.keyPolicy) addDependency(this.keyPolicy, resource);
    }
    return { accessPoint, side };
  }

  /**
   * The access points the bucket delegates to: names that end with this bucket's default suffix
   * (`-<6 hex digits>`) as one pattern, other names by their exact ARN. No access point yet: none.
   */
  private accessPointPatterns(): string[] {
    const suffix = `-${accessPointSuffix(this.bucketName)}`;
    const patterns = this.accessPointNames.map((n) =>
      n.endsWith(suffix) ? this.accessPointArn(`*${suffix}`) : this.accessPointArn(n),
    );
    return [...new Set(patterns)];
  }

  /**
   * The complete bucket policy: the current policy's statements (an existing bucket), the owner's
   * denies (plain HTTP, other encryption, other key, SSE-C), then every grant (merged).
   */
  bucketPolicyDocument(): PolicyDocument {
    return policyDocument(
      mergeWithCurrent(this.currentBucketPolicy, this.ownBucketStatements(), this.keyMergeOptions()).statements,
    );
  }

  private ownBucketStatements(): Statement[] {
    return [
      ...ownerBucketStatements({
        bucketArn: this.bucketArn,
        ownerAccountId: this.accountId,
        keyArn: this.keyArn,
        keyId: this.keyId,
        ...(this.minimumTlsVersion !== undefined ? { minimumTlsVersion: this.minimumTlsVersion } : {}),
      }),
      ...(this.accessMode === 'access-points'
        ? [delegateToAccessPoints(this.bucketArn, this.accountId, this.accessPointPatterns())]
        : []),
      ...mergeStatements(this.bucketStatements),
    ];
  }

  /**
   * The complete key policy: the current policy's statements (an adopted key), the owner account's
   * `kms:*` (a key the stack creates, never an adopted one), then every grant (merged).
   */
  keyPolicyDocument(): PolicyDocument {
    return policyDocument(
      mergeWithCurrent(this.currentKeyPolicy, this.ownKeyStatements(), this.keyMergeOptions()).statements,
    );
  }

  private ownKeyStatements(): Statement[] {
    // An adopted key keeps who administers it as its current policy says (see AdoptKey).
    const root = this.adoptKey === undefined ? [ownerRootKeyStatement(this.partition, this.accountId)] : [];
    return [...root, ...this.keyPolicyStatements()];
  }

  /**
   * The statement the log bucket's policy needs for the server access logs (see
   * {@link SharedBucketProps.accessLogs}); empty without access logs.
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html#grant-log-delivery-permissions-general
   */
  accessLogsStatements(): Statement[] {
    if (this.accessLogsBucket === undefined || this.accessLogsPrefix === undefined) return [];
    return [
      serverAccessLogsStatement(
        bucketArn(this.partition, this.accessLogsBucket),
        this.accessLogsPrefix,
        this.bucketArn,
        this.accountId,
      ),
    ];
  }

  /** The grants' key-policy statements alone (merged), for the owner of an existing key to add to its policy. */
  keyPolicyStatements(): Statement[] {
    return mergeStatements(this.keyStatements);
  }
}
