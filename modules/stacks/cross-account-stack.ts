/**
 * A stack = the account providers + the owner side (bucket, key, policies) + one grant per consumer,
 * built from one validated config entry. A split entry puts each consumer account's resources into
 * a stack of that account instead, deployed before the owner stack.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { LocalBackend, S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import { accessHint } from './access-hint';
import { Construct } from 'constructs';
import { requireExplicitProviders } from '../checks/explicit-provider';
import { BackendSettings, ConsumerModel, StackModel, entryStackNames } from '../config/schema';
import { AccountProviders, ProviderMode } from '../constructs/account-providers';
import { AssumeRoleAccess, DirectAccess, ShareGrantProps } from '../constructs/grants';
import { Grantee, IGrantee } from '../constructs/grantee';
import {
  KEY_POLICY_HANDOFF_OUTPUT,
  LOG_BUCKET_POLICY_HANDOFF_OUTPUT,
  addressPart,
  ownerTrustHandoffOutput,
} from '../constructs/names';
import { multilineForOutput } from '../constructs/render';
import { SharedBucket, SharedBucketProps } from '../constructs/shared-bucket';
import { levelOptionsOf } from '../policy/access-levels';
import { renderPolicy } from '../policy/document';
import { Handoff, keyPolicyHandoff, logBucketPolicyHandoff, ownerTrustHandoff } from '../constructs/handoffs';
import { keyAliasFor } from '../policy/kms';

/** Props of {@link CrossAccountS3Stack}. */
export interface CrossAccountS3StackProps {
  /** One validated entry of the config (see `parseConfig`). */
  readonly model: StackModel;
  /**
   * `offline` swaps every provider's sign-in for fake credentials and skip flags, for
   * `terraform plan` without AWS (tests only).
   * @default 'deploy'
   */
  readonly providerMode?: ProviderMode;
  /**
   * Local state file of every stack, relative to the stack's folder `cdktf.out/stacks/<name>/`.
   * Given, or with `providerMode: 'offline'`, it replaces the entry's S3 backend.
   * @default `../../../terraform.<name>.tfstate` (the project folder, outside `cdktf.out`)
   */
  readonly localStatePath?: string;
}

/**
 * The backend of one stack: S3 remote state (`<keyPrefix><stack>.tfstate`, with S3's native lock
 * file) when the entry sets one and the stack is not built offline, else a local state file.
 * https://developer.hashicorp.com/terraform/language/backend/s3
 */
function addBackend(
  stack: TerraformStack,
  name: string,
  backend: BackendSettings | undefined,
  props: CrossAccountS3StackProps,
): void {
  const offline = props.localStatePath !== undefined || props.providerMode === 'offline';
  if (backend === undefined || offline) {
    new LocalBackend(stack, { path: props.localStatePath ?? `../../../terraform.${name}.tfstate` });
    return;
  }
  const s3 = backend.s3;
  new S3Backend(stack, {
    bucket: s3.bucket,
    key: `${s3.keyPrefix}${name}.tfstate`,
    region: s3.region,
    encrypt: true,
    ...(s3.profile !== undefined ? { profile: s3.profile } : {}),
    ...(s3.roleArn !== undefined ? { assumeRole: { roleArn: s3.roleArn } } : {}),
  });
  // cdktf 0.21's S3Backend has no use_lockfile (Terraform 1.10+): S3 itself locks the state.
  if (s3.useLockfile) stack.addOverride('terraform.backend.s3.use_lockfile', true);
}

/** The stack of one consumer account of a split entry: that account's provider, roles and role policies. */
export class ConsumerAccountStack extends TerraformStack {
  /** The provider of the consumer account (aliased `account_<12 digits>`), created on first use. */
  readonly providers: AccountProviders;

  constructor(scope: Construct, id: string, model: StackModel, props: CrossAccountS3StackProps) {
    super(scope, id);
    addBackend(this, id, model.backend, props);
    requireExplicitProviders(this);
    this.providers = new AccountProviders(this, 'providers', {
      region: model.region,
      mode: props.providerMode,
      defaultTags: model.tags,
    });
  }
}

/** Owner side + grants for one config entry. Logical ids name what a resource is, never the approach. */
export class CrossAccountS3Stack extends TerraformStack {
  /** The owner side: the shared bucket, its key and their policies (with the config app's fixed logical ids). */
  readonly bucket: SharedBucket;
  /** Per consumer name, the grant construct. */
  readonly grants = new Map<string, DirectAccess | AssumeRoleAccess>();
  /** Split entries: per consumer account, its stack (deployed before this one). Empty otherwise. */
  readonly consumerStacks = new Map<string, ConsumerAccountStack>();
  /** Statements for others to add to policies this stack does not own (see `Handoff`); `main.ts` writes them with `writeHandoffs`. */
  readonly handoffs: Handoff[] = [];

  /**
   * @param id the stack name: the entry's name, or for a split entry the owner stack's name
   *   (`entryStackNames(model).owner`); consumer stacks are created beside it, in `scope`
   */
  constructor(scope: Construct, id: string, props: CrossAccountS3StackProps) {
    super(scope, id);
    const { model } = props;
    addBackend(this, id, model.backend, props);
    requireExplicitProviders(this);

    const providers = new AccountProviders(this, 'providers', {
      region: model.region,
      mode: props.providerMode,
      defaultTags: model.tags,
    });
    const ownerProvider = providers.forAccount(model.owner.accountId, model.owner.provider);
    this.addConsumerStacks(scope, props);
    this.bucket = new SharedBucket(this, 'shared-bucket', sharedBucketProps(model, ownerProvider));
    for (const c of model.consumers) this.addConsumer(c, model, providers);
    // Organization grants: resource side only, after the consumers' (their statements come last).
    for (const o of model.organizations) {
      this.bucket.grantOrganization(
        o.name,
        { organizationId: o.organizationId, ouPaths: o.ouPaths },
        { prefixes: o.prefixes },
      );
    }
    this.ownerOutputs();
  }

  /** Split entries: one stack per consumer account, in `scope` beside this one, deployed before it. */
  private addConsumerStacks(scope: Construct, props: CrossAccountS3StackProps): void {
    for (const [account, name] of entryStackNames(props.model).consumers) {
      const stack = new ConsumerAccountStack(scope, name, props.model, props);
      this.consumerStacks.set(account, stack);
      // The owner stack's policies name the consumer roles, which must exist first.
      this.addDependency(stack);
    }
  }

  /**
   * One consumer's grant (its account's resources in its account's stack when split) and its
   * outputs. `providers` is this stack's: a split consumer's provider comes from its own stack.
   */
  private addConsumer(c: ConsumerModel, model: StackModel, providers: AccountProviders): void {
    const consumerStack = this.consumerStacks.get(c.accountId);
    const provider = (consumerStack?.providers ?? providers).forAccount(c.accountId, c.provider);
    const common: ShareGrantProps = {
      bucket: this.bucket,
      grantee: granteeFor(c, model, provider),
      ...(c.additionalRoles.length > 0 ? { additionalGrantees: additionalGranteesOf(c, provider) } : {}),
      name: c.name,
      access: c.access,
      prefixes: c.prefixes,
      ...levelOptionsOf(c),
      ...(c.network !== undefined ? { network: c.network } : {}),
      accessPointName: model.accessMode === 'access-points' ? c.accessPointName : undefined,
      scope: consumerStack !== undefined ? new Construct(consumerStack, `consumer-${c.name}`) : undefined,
    };
    const grant = this.newGrant(c, model, common);
    this.grants.set(c.name, grant);
    this.consumerOutputs(consumerStack ?? this, c, grant);
  }

  /** The grant construct of the entry's approach, `consumer-<name>` in this stack. */
  private newGrant(c: ConsumerModel, model: StackModel, common: ShareGrantProps): DirectAccess | AssumeRoleAccess {
    if (model.approach === 'direct') {
      return new DirectAccess(this, `consumer-${c.name}`, {
        ...common,
        keyByAlias:
          this.bucket.keyAlias !== undefined
            ? { ownerAccountId: model.owner.accountId, alias: this.bucket.keyAlias }
            : undefined,
      });
    }
    return new AssumeRoleAccess(this, `consumer-${c.name}`, {
      ...common,
      ownerRoleName: c.ownerRoleName,
      ownerRolePath: c.ownerRolePath,
      externalId: requireExternalId(c),
      sessionDurationSeconds: c.sessionDurationSeconds,
      existingOwnerRole: c.existingOwnerRole,
      confineOwnerRole: c.confineOwnerRole,
      trustPolicyMaxChars: model.trustPolicyQuota,
      ownerRolePermissionsBoundary: model.owner.permissionsBoundary,
    });
  }

  /**
   * HCL output: cdktf's HCL renderer drops top-level overrides other than `terraform`, so the
   * `removed` blocks of {@link SharedBucket.unmanagedAddresses} are appended here.
   */
  override toHclTerraform(): ReturnType<TerraformStack['toHclTerraform']> {
    const out = super.toHclTerraform();
    const removed = this.bucket.unmanagedAddresses.map(
      (from) => `removed {\n  from = ${from}\n  lifecycle {\n    destroy = false\n  }\n}`,
    );
    return removed.length === 0 ? out : { ...out, hcl: `${out.hcl}\n\n${removed.join('\n\n')}\n` };
  }

  /** A handoff (see {@link Handoff}) and its Terraform output `outputId`. */
  private handoff(outputId: string, handoff: Handoff): void {
    this.handoffs.push(handoff);
    new TerraformOutput(this, outputId, {
      value: renderPolicy(handoff.document),
      description: `${handoff.what} (also in the file ${handoff.file} of this stack's folder)`,
    });
  }

  private ownerOutputs(): void {
    new TerraformOutput(this, 'bucket_name', {
      value: this.bucket.bucketName,
      description: 'Name of the shared bucket',
    });
    new TerraformOutput(this, 'bucket_arn', { value: this.bucket.bucketArn, description: 'ARN of the shared bucket' });
    if (this.bucket.keyArn !== undefined) {
      new TerraformOutput(this, 'kms_key_arn', {
        value: this.bucket.keyArn,
        description: 'ARN of the customer-managed key that encrypts the bucket (SSE-KMS)',
      });
    }
    if (this.bucket.keyAlias !== undefined) {
      new TerraformOutput(this, 'kms_key_alias', {
        value: this.bucket.keyAlias,
        description: 'Alias of the key: consumer stacks name the key by it (kms:ResourceAliases)',
      });
    }
    const keyHandoff = keyPolicyHandoff(this.bucket);
    if (keyHandoff !== undefined) this.handoff(KEY_POLICY_HANDOFF_OUTPUT, keyHandoff);
    const logHandoff = logBucketPolicyHandoff(this.bucket);
    if (logHandoff !== undefined) this.handoff(LOG_BUCKET_POLICY_HANDOFF_OUTPUT, logHandoff);
    for (const [name, grant] of this.grants) {
      const trustHandoff = grant instanceof AssumeRoleAccess ? ownerTrustHandoff(grant) : undefined;
      if (trustHandoff !== undefined) this.handoff(ownerTrustHandoffOutput(name), trustHandoff);
      if (grant.accessPoint !== undefined && this.consumerStacks.size > 0) {
        new TerraformOutput(this, `${addressPart(name)}_access_point_alias`, {
          value: grant.accessPoint.alias,
          description: `Access point alias for consumer ${name}: use it wherever a bucket name goes (aws s3 ls s3://<alias>/)`,
        });
      }
    }
  }

  /**
   * A consumer's outputs, in `scope`: this stack, or its account's stack when split (only values
   * computed from names: a split stack cannot read the owner stack's attributes).
   */
  private consumerOutputs(scope: TerraformStack, c: ConsumerModel, grant: DirectAccess | AssumeRoleAccess): void {
    const prefix = addressPart(c.name);
    const hintTarget = {
      access: c.access,
      ...levelOptionsOf(c),
      ...(c.network !== undefined ? { network: c.network } : {}),
      prefixes: c.prefixes,
      bucketName: this.bucket.bucketName,
      accessPointArn: grant.accessPointArn,
    };
    new TerraformOutput(scope, `${prefix}_data_plane_role_arn`, {
      value: grant.dataPlaneRoleArn,
      description:
        grant instanceof AssumeRoleAccess
          ? `Role that calls S3 for consumer ${c.name}`
          : `Role that calls S3 for consumer ${c.name}; with its credentials: ${accessHint(hintTarget, '<a profile of this role>')}`,
    });
    if (grant.additionalConsumerRoles.length > 0) {
      new TerraformOutput(scope, `${prefix}_additional_role_arns`, {
        value: grant.additionalConsumerRoles.map((r) => r.arn),
        description:
          grant instanceof AssumeRoleAccess
            ? `More roles of consumer ${c.name} that may assume ${c.ownerRoleName} with the external ID, as ${c.roleName} may`
            : `More roles of consumer ${c.name} that call S3 with the same grant as ${c.roleName}`,
      });
    }
    if (grant.accessPoint !== undefined && scope === this) {
      new TerraformOutput(this, `${prefix}_access_point_alias`, {
        value: grant.accessPoint.alias,
        description: `Access point alias for consumer ${c.name}: use it wherever a bucket name goes (aws s3 ls s3://<alias>/)`,
      });
    }
    if (grant.accessPointArn !== undefined) {
      new TerraformOutput(scope, `${prefix}_access_point_arn`, {
        value: grant.accessPointArn,
        description: `Access point ARN for consumer ${c.name}`,
      });
    }
    if (grant instanceof AssumeRoleAccess) {
      const externalId = requireExternalId(c);
      new TerraformOutput(scope, `${prefix}_external_id`, {
        value: externalId,
        description: `External ID consumer ${c.name} passes to sts:AssumeRole (not a secret)`,
      });
      const workloadProfile = `${c.name}-workload`;
      new TerraformOutput(scope, `${prefix}_assume_role_command`, {
        value: [
          'aws sts assume-role',
          `--role-arn ${grant.dataPlaneRoleArn}`,
          `--role-session-name ${c.name}`,
          `--external-id ${externalId}`,
          `--duration-seconds ${c.sessionDurationSeconds}`,
          `--profile ${workloadProfile}`,
        ].join(' '),
        description: `Run with credentials of ${c.roleName} (profile ${workloadProfile}, see ${prefix}_aws_cli_profile) to get credentials for the bucket`,
      });
      new TerraformOutput(scope, `${prefix}_aws_cli_profile`, {
        value: multilineForOutput(scope, [
          `[profile ${workloadProfile}]`,
          `role_arn = ${grant.consumerRole.arn}`,
          ...sourceProfileLines(c),
          '',
          `[profile ${c.name}-s3]`,
          `role_arn = ${grant.dataPlaneRoleArn}`,
          `source_profile = ${workloadProfile}`,
          `external_id = ${externalId}`,
          `duration_seconds = ${c.sessionDurationSeconds}`,
          '',
        ]),
        description: `Two chained AWS CLI profiles for ~/.aws/config; then: ${accessHint(hintTarget, `${c.name}-s3`)}`,
      });
    }
  }
}

/**
 * The `source_profile` of the workload profile: the profile the consumer account is deployed with;
 * with ambient credentials or a deployment role there is no such profile, so a placeholder the
 * user fills in, with a comment saying so.
 */
function sourceProfileLines(c: ConsumerModel): string[] {
  const profile = c.provider?.profile;
  if (profile !== undefined) return [`source_profile = ${profile}`];
  return [
    `# fill in: a profile of account ${c.accountId} that may assume ${c.roleName} (this stack was deployed ${c.provider?.assumeRoleArn !== undefined ? `through ${c.provider.assumeRoleArn}` : 'with ambient credentials'}, which no profile names)`,
    `source_profile = FILL-IN`,
  ];
}

/** The owner side of one entry, with the config app's fixed logical ids. */
function sharedBucketProps(model: StackModel, provider: AwsProvider): SharedBucketProps {
  // A consumer stack names a new key by the alias the owner stack gives it (its ARN is unknown before).
  const keyByAliasNeeded =
    model.split &&
    model.approach === 'direct' &&
    model.owner.encryption === 'kms' &&
    model.owner.kmsKeyArn === undefined;
  return {
    provider,
    accountId: model.owner.accountId,
    region: model.region,
    bucketName: model.owner.bucketName,
    encryption: model.owner.encryption,
    bucketKeyEnabled: model.owner.bucketKeyEnabled,
    existingKmsKeyArn: model.owner.kmsKeyArn,
    versioning: model.owner.versioning,
    lifecycle: model.owner.lifecycle,
    accessLogs: model.owner.accessLogs,
    minimumTlsVersion: model.owner.minimumTlsVersion,
    currentLifecycle:
      model.currentLifecycle ??
      (model.owner.lifecycle?.currentRulesFile === null
        ? { source: 'owner.lifecycle.currentRulesFile (null: the bucket has no rules)', rules: [] }
        : undefined),
    accessMode: model.accessMode,
    existingBucket: model.owner.existingBucket,
    currentBucketPolicy: model.currentBucketPolicy,
    adoptKey:
      model.currentKeyPolicy !== undefined
        ? {
            currentPolicy: model.currentKeyPolicy,
            deployerRoleArn: model.owner.provider?.assumeRoleArn,
            deployerIsKeyAdministrator: model.owner.adoptKey?.deployerIsKeyAdministrator,
          }
        : undefined,
    keyAlias: keyByAliasNeeded ? keyAliasFor(model.owner.bucketName) : undefined,
    // Addresses users have deployed: the config app keeps them.
    fixedLogicalIds: true,
  };
}

/** A consumer's grantee: its existing role, or a role the stack creates in its account. */
function granteeFor(c: ConsumerModel, model: StackModel, provider: AwsProvider): IGrantee {
  const sessions = { tagKeys: c.sessionTagKeys, sourceIdentity: c.sourceIdentity };
  if (c.existingRole) {
    return Grantee.existingRole({
      provider,
      accountId: c.accountId,
      roleName: c.roleName,
      rolePath: c.rolePath,
      sessions,
    });
  }
  return Grantee.newRole({
    provider,
    accountId: c.accountId,
    roleName: c.roleName,
    rolePath: c.rolePath,
    trustedPrincipals: c.trustedPrincipals,
    sessions,
    podIdentity: c.podIdentity,
    maxSessionDurationSeconds: model.approach === 'direct' ? c.sessionDurationSeconds : undefined,
    permissionsBoundary: c.permissionsBoundary,
    trustPolicyMaxChars: model.trustPolicyQuota,
  });
}

/** A consumer's additional roles (`additionalRoles`): existing roles of its account, with its sessions. */
function additionalGranteesOf(c: ConsumerModel, provider: AwsProvider): IGrantee[] {
  const sessions = { tagKeys: c.sessionTagKeys, sourceIdentity: c.sourceIdentity };
  return c.additionalRoles.map((r) =>
    Grantee.existingRole({ provider, accountId: c.accountId, roleName: r.roleName, rolePath: r.rolePath, sessions }),
  );
}

/**
 * The consumer's external ID (assume-role approach).
 * @throws Error when the consumer has none (the config requires it with `"approach": "assume-role"`)
 */
function requireExternalId(c: ConsumerModel): string {
  if (c.externalId === undefined) {
    throw new Error(`consumer ${c.name}: "externalId" is required with "approach": "assume-role"`);
  }
  return c.externalId;
}
