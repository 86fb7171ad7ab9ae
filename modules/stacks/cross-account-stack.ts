/**
 * A stack = the account providers + the owner side (bucket, key, policies) + one grant per consumer,
 * built from one validated config entry.
 */
import { LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { requireExplicitProviders } from '../checks/explicit-provider';
import type { ConsumerModel, StackModel } from '../config/schema';
import { AccountProviders, ProviderMode } from '../constructs/account-providers';
import { AssumeRoleAccess, ConsumerProps, DirectAccess, addressPart } from '../constructs/grants';
import { multilineForOutput } from '../constructs/render';
import { SharedBucket } from '../constructs/shared-bucket';
import { renderPolicy, policyDocument } from '../policy/document';

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
   * Local state file, relative to the stack's folder `cdktf.out/stacks/<name>/`.
   * @default `../../../terraform.<name>.tfstate` (the project folder, outside `cdktf.out`)
   */
  readonly localStatePath?: string;
}

/** Owner side + grants for one config entry. Logical ids name what a resource is, never the approach. */
export class CrossAccountS3Stack extends TerraformStack {
  readonly bucket: SharedBucket;
  /** Per consumer name, the grant construct. */
  readonly grants = new Map<string, DirectAccess | AssumeRoleAccess>();

  constructor(scope: Construct, id: string, props: CrossAccountS3StackProps) {
    super(scope, id);
    const { model } = props;
    new LocalBackend(this, { path: props.localStatePath ?? `../../../terraform.${id}.tfstate` });
    requireExplicitProviders(this);

    const providers = new AccountProviders(this, 'providers', { region: model.region, mode: props.providerMode });
    const ownerProvider = providers.forAccount(model.owner.accountId, model.owner.provider);

    this.bucket = new SharedBucket(this, 'shared-bucket', {
      provider: ownerProvider,
      accountId: model.owner.accountId,
      region: model.region,
      bucketName: model.owner.bucketName,
      encryption: model.owner.encryption,
      bucketKeyEnabled: model.owner.bucketKeyEnabled,
      existingKmsKeyArn: model.owner.kmsKeyArn,
      versioning: model.owner.versioning,
      accessMode: model.accessMode,
    });

    for (const c of model.consumers) {
      const consumer: ConsumerProps = {
        name: c.name,
        accountId: c.accountId,
        provider: providers.forAccount(c.accountId, c.provider),
        roleName: c.roleName,
        rolePath: c.rolePath,
        existingRole: c.existingRole,
        trustedPrincipals: c.trustedPrincipals,
        access: c.access,
        prefixes: c.prefixes,
        maxSessionDurationSeconds: model.approach === 'direct' ? c.sessionDurationSeconds : undefined,
        trustPolicyMaxChars: model.trustPolicyQuota,
        accessPointName: model.accessMode === 'access-points' ? c.accessPointName : undefined,
      };
      const grant =
        model.approach === 'direct'
          ? new DirectAccess(this, `consumer-${c.name}`, { bucket: this.bucket, consumer })
          : new AssumeRoleAccess(this, `consumer-${c.name}`, {
              bucket: this.bucket,
              consumer,
              ownerProvider,
              ownerRoleName: c.ownerRoleName,
              ownerRolePath: c.ownerRolePath,
              externalId: requireExternalId(c),
              sessionDurationSeconds: c.sessionDurationSeconds,
            });
      this.grants.set(c.name, grant);
      this.consumerOutputs(c, grant);
    }
    this.ownerOutputs();
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
    if (this.bucket.keyArn !== undefined && !this.bucket.managesKeyPolicy) {
      new TerraformOutput(this, 'key_policy_statements_to_add', {
        value: renderPolicy(policyDocument(this.bucket.keyPolicyStatements())),
        description:
          'The key is not managed by this stack: its owner must add these statements to the key policy, or the grants fail with AccessDenied on KMS',
      });
    }
  }

  private consumerOutputs(c: ConsumerModel, grant: DirectAccess | AssumeRoleAccess): void {
    const prefix = addressPart(c.name);
    new TerraformOutput(this, `${prefix}_data_plane_role_arn`, {
      value: grant.dataPlaneRoleArn,
      description: `Role that calls S3 for consumer ${c.name}`,
    });
    if (grant.accessPoint !== undefined) {
      new TerraformOutput(this, `${prefix}_access_point_alias`, {
        value: grant.accessPoint.alias,
        description: `Access point alias for consumer ${c.name}: use it wherever a bucket name goes (aws s3 ls s3://<alias>/)`,
      });
      new TerraformOutput(this, `${prefix}_access_point_arn`, {
        value: grant.accessPointArn,
        description: `Access point ARN for consumer ${c.name}`,
      });
    }
    if (grant instanceof AssumeRoleAccess) {
      const externalId = requireExternalId(c);
      new TerraformOutput(this, `${prefix}_external_id`, {
        value: externalId,
        description: `External ID consumer ${c.name} passes to sts:AssumeRole (not a secret)`,
      });
      const workloadProfile = `${c.name}-workload`;
      new TerraformOutput(this, `${prefix}_assume_role_command`, {
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
      new TerraformOutput(this, `${prefix}_aws_cli_profile`, {
        value: multilineForOutput(this, [
          `[profile ${workloadProfile}]`,
          `role_arn = ${grant.consumerRole.arn}`,
          `source_profile = ${c.provider?.profile ?? 'default'}`,
          '',
          `[profile ${c.name}-s3]`,
          `role_arn = ${grant.dataPlaneRoleArn}`,
          `source_profile = ${workloadProfile}`,
          `external_id = ${externalId}`,
          `duration_seconds = ${c.sessionDurationSeconds}`,
          '',
        ]),
        description: `Two chained AWS CLI profiles for ~/.aws/config; then: aws s3 ls s3://${this.bucket.bucketName}/ --profile ${c.name}-s3`,
      });
    }
  }
}

function requireExternalId(c: ConsumerModel): string {
  if (c.externalId === undefined) {
    throw new Error(`consumer ${c.name}: "externalId" is required with "approach": "assume-role"`);
  }
  return c.externalId;
}
