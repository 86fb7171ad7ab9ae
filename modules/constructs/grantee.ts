/**
 * Grantees: who a grant is for. A grantee binds to one role in the consumer account, the role whose
 * sessions call S3 (direct approach) or assume the owner-side role (assume-role approach), and the
 * grant attaches its identity-side policy there. Adding a kind of grantee is one new class that
 * implements {@link IGrantee}.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { Partition } from '../policy/arn';
import { ChainedSessions, PodIdentityConditions, consumerRoleTrustStatements } from '../policy/trust';
import { checkRoleArn } from '../rules/role-arn';
import { RoleRef } from './consumer-role';
import { GranteeSubject, granteeSubjectOf, validateGranteeProps } from './prop-rules';
import { PropsError, throwIfProblems, valueProblems } from './validate';

/** What a grant tells its grantee when binding it (see {@link IGrantee.bind}). */
export interface GranteeBindContext {
  /** Partition of the shared bucket (and so of every principal). */
  readonly partition: Partition;
  /** Name of the shared bucket, for descriptions. */
  readonly bucketName: string;
  /** Name of the grant, for descriptions. */
  readonly grantName: string;
  /**
   * Terraform logical id of a role the grantee creates.
   * @default derived from the construct path
   */
  readonly logicalId?: string;
  /** Replacements that give references their real length for size checks (see `SharedBucket.sizeSubstitutions`). */
  readonly sizeSubstitutions: ReadonlyMap<string, string>;
}

/** A grantee bound into a construct tree: the role the identity side goes to. */
export interface BoundGrantee {
  /** The role: created, existing, or the user's `IamRole`. */
  readonly role: RoleRef;
  /**
   * AWS principals the role trusts, as far as the stack knows them (a created role's trust): their
   * session tags travel along a role chain (see `chainedTagKeys`).
   */
  readonly trustedPrincipals: readonly string[];
  /**
   * What the sessions reaching the role carry (session tags, source identity).
   * @default undefined: no session tags and no source identity
   */
  readonly sessions?: ChainedSessions;
  /**
   * Replacements that give the role's references their real length in the size checks of the
   * bucket and key policies (an `IamRole`'s `arn` reference → an ARN as long as IAM will write it).
   * @default none
   */
  readonly sizeSubstitutions?: ReadonlyMap<string, string>;
}

/**
 * Who a grant is for. Implementations: {@link NewRoleGrantee} (a role the stack creates),
 * {@link ExistingRoleGrantee} (a role that exists, by name and path or ARN) and
 * {@link IamRoleGrantee} (an `IamRole` built with the provider); {@link Grantee} makes each.
 */
export interface IGrantee {
  /** The consumer account, 12 digits (a token for an `IamRole` whose account is unknown). */
  readonly accountId: string;
  /** Provider of the consumer account: the identity-side policy is written with it. */
  readonly provider: AwsProvider;
  /** The role's name (a token for an `IamRole`), for descriptions and the default grant name. */
  readonly roleName: string;
  /**
   * What the grant rules read of the grantee, in the config file's terms (see `GranteeSubject`):
   * a grant checks them against the bucket and the approach.
   * @default only `accountId` and `roleName`
   */
  readonly ruleSubject?: GranteeSubject;
  /**
   * The role's partition when the grantee knows it (an ARN it was given): a grant on a bucket of
   * another partition is refused.
   * @default undefined: the bucket's partition
   */
  readonly partition?: Partition;
  /** Creates or refers to the role in `scope` (the construct id is `consumer-role`). */
  bind(scope: Construct, context: GranteeBindContext): BoundGrantee;
}

/** Props of {@link NewRoleGrantee}: a role the stack creates in the consumer account. */
export interface NewRoleProps {
  /** Provider of the consumer account. */
  readonly provider: AwsProvider;
  /** Consumer account, 12 digits. */
  readonly accountId: string;
  /** Role name: 1–64 characters of `[A-Za-z0-9_+=,.@-]`. */
  readonly roleName: string;
  /**
   * IAM path: `/` or `/segment/…/`.
   * @default '/'
   */
  readonly rolePath?: string;
  /**
   * Who may assume the role: principal ARNs or service principals (`lambda.amazonaws.com`).
   * @default the consumer account's root (`arn:<partition>:iam::<account>:root`)
   */
  readonly trustedPrincipals?: readonly string[];
  /**
   * Session tag keys and a source identity the role's AWS principals may pass (`sts:TagSession`,
   * `sts:SetSourceIdentity`); in the assume-role approach they travel on to the owner role.
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html
   * @default none
   */
  readonly sessions?: ChainedSessions;
  /**
   * Conditions on EKS Pod Identity's session tags, when `pods.eks.amazonaws.com` is trusted.
   * https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html
   * @default none
   */
  readonly podIdentity?: PodIdentityConditions;
  /**
   * ARN of a managed policy of the consumer account (or AWS managed) set as the role's permissions
   * boundary. The boundary must allow the grant's S3 and KMS actions on the bucket and key, or
   * they fail with AccessDenied; `verify` does not see it.
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
   * @default undefined: no boundary
   */
  readonly permissionsBoundary?: string;
  /**
   * Longest session of the role, seconds (900–43,200).
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use.html#id_roles_use_view-role-max-session
   * @default 3600
   */
  readonly maxSessionDurationSeconds?: number;
  /**
   * The consumer account's trust policy quota, characters (2,048 unless raised).
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
   * @default 2048
   */
  readonly trustPolicyMaxChars?: number;
}

/** A role the stack creates in the consumer account, with its trust policy (see {@link NewRoleProps}). */
export class NewRoleGrantee implements IGrantee {
  readonly accountId: string;
  readonly provider: AwsProvider;
  readonly roleName: string;
  private bound?: BoundGrantee;

  readonly ruleSubject: GranteeSubject;

  /** @throws PropsError when a prop breaks a rule (the prop, its value and the rule are named) */
  constructor(
    /** The props the grantee was made with. */
    readonly props: NewRoleProps,
  ) {
    this.accountId = props.accountId;
    this.provider = props.provider;
    this.roleName = props.roleName;
    this.ruleSubject = granteeSubjectOf(props, false);
    validateGranteeProps(`NewRoleGrantee ${props.roleName}`, props, this.ruleSubject);
  }

  /** Creates the role on the first call; later grants (other buckets) reuse it. */
  bind(scope: Construct, context: GranteeBindContext): BoundGrantee {
    this.bound ??= this.create(scope, context);
    return this.bound;
  }

  private create(scope: Construct, context: GranteeBindContext): BoundGrantee {
    const p = this.props;
    const trusted = p.trustedPrincipals ?? [`arn:${context.partition}:iam::${p.accountId}:root`];
    const role = new RoleRef(scope, 'consumer-role', {
      provider: p.provider,
      partition: context.partition,
      accountId: p.accountId,
      roleName: p.roleName,
      path: p.rolePath,
      logicalId: context.logicalId,
      maxSessionDurationSeconds: p.maxSessionDurationSeconds,
      permissionsBoundary: p.permissionsBoundary,
      trustPolicyMaxChars: p.trustPolicyMaxChars,
      sizeSubstitutions: context.sizeSubstitutions,
      description: `Workload role of consumer ${context.grantName} with access to s3://${context.bucketName}`,
      trustStatements: consumerRoleTrustStatements(trusted, {
        accountId: p.accountId,
        sessions: p.sessions,
        podIdentity: p.podIdentity,
      }),
    });
    return { role, trustedPrincipals: trusted, sessions: p.sessions };
  }
}

/** Props of {@link ExistingRoleGrantee}: a role that exists; its trust policy is never touched. */
export interface ExistingRoleProps {
  /** Provider of the consumer account. */
  readonly provider: AwsProvider;
  /** Consumer account, 12 digits. */
  readonly accountId: string;
  /** Role name: 1–64 characters of `[A-Za-z0-9_+=,.@-]`. */
  readonly roleName: string;
  /** @default '/' */
  readonly rolePath?: string;
  /**
   * Partition of the role (`Grantee.fromRoleArn` reads it from the ARN): a grant on a bucket of
   * another partition is refused, since a principal cannot cross partitions.
   * @default the bucket's partition
   */
  readonly partition?: Partition;
  /**
   * Session tag keys and a source identity the role's sessions carry; in the assume-role approach the
   * owner role's trust accepts them.
   * @default none
   */
  readonly sessions?: ChainedSessions;
}

/** An existing role in the consumer account: the grant attaches its identity policy to it. */
export class ExistingRoleGrantee implements IGrantee {
  readonly accountId: string;
  readonly provider: AwsProvider;
  readonly roleName: string;
  /** The role's partition (see {@link ExistingRoleProps.partition}). */
  readonly partition?: Partition;
  private bound?: BoundGrantee;

  readonly ruleSubject: GranteeSubject;

  /** @throws PropsError when a prop breaks a rule (the prop, its value and the rule are named) */
  constructor(
    /** The props the grantee was made with. */
    readonly props: ExistingRoleProps,
  ) {
    this.accountId = props.accountId;
    this.provider = props.provider;
    this.partition = props.partition;
    this.roleName = props.roleName;
    this.ruleSubject = granteeSubjectOf(props, true);
    validateGranteeProps(`ExistingRoleGrantee ${props.roleName}`, props, this.ruleSubject);
  }

  /**
   * An existing role by ARN, `arn:<partition>:iam::<account>:role/<path><name>`.
   * @throws PropsError when `roleArn` is not a role ARN, or is a Terraform reference
   */
  static fromRoleArn(provider: AwsProvider, roleArn: string, sessions?: ChainedSessions): ExistingRoleGrantee {
    if (Token.isUnresolved(roleArn)) {
      throw new PropsError('ExistingRoleGrantee.fromRoleArn', [
        {
          path: 'roleArn',
          value: roleArn,
          rule: 'is a Terraform reference, so its account and name cannot be read; use Grantee.fromIamRole for an IamRole of the stack, or Grantee.existingRole with the account and name',
        },
      ]);
    }
    throwIfProblems(
      'ExistingRoleGrantee.fromRoleArn',
      valueProblems({ roleArn }, [{ path: ['roleArn'], check: checkRoleArn }]),
    );
    // arn:<partition>:iam::<account>:role<path><name>, the form checkRoleArn accepted.
    const [, partition, , , accountId, resource] = roleArn.split(':');
    const slash = resource.lastIndexOf('/');
    return new ExistingRoleGrantee({
      provider,
      partition: partition as Partition,
      accountId,
      roleName: resource.slice(slash + 1),
      rolePath: resource.slice('role'.length, slash + 1),
      sessions,
    });
  }

  /** Refers to the role on the first call; later grants reuse the reference. */
  bind(scope: Construct, context: GranteeBindContext): BoundGrantee {
    const p = this.props;
    this.bound ??= {
      role: new RoleRef(scope, 'consumer-role', {
        provider: p.provider,
        partition: context.partition,
        accountId: p.accountId,
        roleName: p.roleName,
        path: p.rolePath,
        sizeSubstitutions: context.sizeSubstitutions,
      }),
      trustedPrincipals: [],
      sessions: p.sessions,
    };
    return this.bound;
  }
}

/** Props of {@link IamRoleGrantee}. */
export interface IamRoleGranteeProps {
  /** The role, built with `@cdktf/provider-aws/lib/iam-role` in the consumer account's provider. */
  readonly role: IamRole;
  /** The role's account, 12 digits: its ARN is a reference, so the account cannot be read from it. */
  readonly accountId: string;
}

/**
 * An `IamRole` the user built: resource policies name its `arn` (a Terraform reference) and the
 * grant attaches its identity policy by its `name`; its trust policy stays the user's. For size
 * checks, its ARN counts as long as it will be (the literal name and path when given, else a
 * 64-character name).
 */
export class IamRoleGrantee implements IGrantee {
  readonly accountId: string;
  readonly provider: AwsProvider;
  readonly roleName: string;
  private bound?: BoundGrantee;

  readonly ruleSubject: GranteeSubject;

  /**
   * @throws Error when the role has no provider (the consumer account's provider is needed)
   * @throws PropsError when `accountId` is not 12 digits
   */
  constructor(
    /** The props the grantee was made with. */
    readonly props: IamRoleGranteeProps,
  ) {
    // The role's provider, or the stack's default (unaliased) AWS provider when it names none.
    const provider =
      props.role.provider ??
      TerraformStack.of(props.role)
        .node.children.filter((c): c is AwsProvider => c instanceof AwsProvider)
        .find((p) => p.alias === undefined);
    if (!(provider instanceof AwsProvider)) {
      throw new Error(
        `role: the IamRole ${props.role.node.path} has no AwsProvider; give it the consumer account's provider`,
      );
    }
    this.provider = provider;
    this.accountId = props.accountId;
    this.roleName = props.role.nameInput ?? props.role.name;
    this.ruleSubject = granteeSubjectOf({ accountId: props.accountId, roleName: this.roleName }, true);
    validateGranteeProps(`IamRoleGrantee ${props.role.node.path}`, { accountId: props.accountId }, this.ruleSubject);
  }

  /** The ARN as long as IAM will write it, for size checks. */
  realisticArn(partition: Partition): string {
    const name = this.props.role.nameInput;
    const path = this.props.role.pathInput ?? '/';
    const literal = name !== undefined && !Token.isUnresolved(name) && !Token.isUnresolved(path);
    return `arn:${partition}:iam::${this.accountId}:role${literal ? `${path}${name}` : `/${'x'.repeat(64)}`}`;
  }

  /** Refers to the role on the first call; later grants reuse the reference. */
  bind(scope: Construct, context: GranteeBindContext): BoundGrantee {
    if (this.bound === undefined) {
      const substitutions = new Map(context.sizeSubstitutions);
      const role = new RoleRef(scope, 'consumer-role', {
        provider: this.provider,
        partition: context.partition,
        accountId: this.accountId,
        roleName: this.roleName,
        iamRole: this.props.role,
        sizeSubstitutions: substitutions,
      });
      // Keyed by the RoleRef's own reference: every read of `IamRole.arn` is a new token.
      const own = new Map([[role.arn, this.realisticArn(context.partition)]]);
      for (const [k, v] of own) substitutions.set(k, v);
      this.bound = { role, trustedPrincipals: [], sizeSubstitutions: own };
    }
    return this.bound;
  }
}

/** Factories of the grantee kinds. */
export class Grantee {
  /** A role the stack creates in the consumer account (see {@link NewRoleProps}). */
  static newRole(props: NewRoleProps): NewRoleGrantee {
    return new NewRoleGrantee(props);
  }

  /** An existing role by name and path (see {@link ExistingRoleProps}). */
  static existingRole(props: ExistingRoleProps): ExistingRoleGrantee {
    return new ExistingRoleGrantee(props);
  }

  /**
   * An existing role by ARN.
   * @throws Error when `roleArn` is not a role ARN
   */
  static fromRoleArn(provider: AwsProvider, roleArn: string, sessions?: ChainedSessions): ExistingRoleGrantee {
    return ExistingRoleGrantee.fromRoleArn(provider, roleArn, sessions);
  }

  /** An `IamRole` the user built (see {@link IamRoleGranteeProps}). */
  static fromIamRole(role: IamRole, accountId: string): IamRoleGrantee {
    return new IamRoleGrantee({ role, accountId });
  }
}
