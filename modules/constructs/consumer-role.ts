/**
 * A role in some account that policies are attached to: created by the stack (with a trust
 * policy), an existing role referred to by name and path, or an `IamRole` the user built.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Lazy, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { Partition, roleArn } from '../policy/arn';
import { PolicyDocument, Statement, policyDocument, renderPolicy } from '../policy/document';
import { GrantScope, confinementStatements } from '../policy/grant';
import { ROLE_INLINE_POLICIES_LIMIT, checkPolicySize, trustPolicyLimit } from '../policy/limits';
import { policyForOutput } from './render';
import { addDependency, ofStack, substitute } from './references';
import { PropsError, RenderGuard } from './validate';

/** Per stack: the roles its RoleRefs create (`<account>/<name, lowercase>` → construct path). */
const createdRolesByStack = new WeakMap<TerraformStack, Map<string, string>>();
/** Per stack: the inline policy names on each role (`<account>/<role name, lowercase>`). */
const policyNamesByStack = new WeakMap<TerraformStack, Map<string, Set<string>>>();

/**
 * Claims a role name the stack creates; a second role of that name in the account fails here, not
 * at apply (`EntityAlreadyExists`). Names that are tokens cannot be compared and are not claimed.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names
 * @throws PropsError when another RoleRef of the stack creates a role of that name in that account
 */
function claimRoleName(role: RoleRef, accountId: string, roleName: string): void {
  if (Token.isUnresolved(accountId) || Token.isUnresolved(roleName)) return;
  const claimed = ofStack(createdRolesByStack, role, () => new Map<string, string>());
  const key = `${accountId}/${roleName.toLowerCase()}`;
  const other = claimed.get(key);
  if (other !== undefined) {
    throw new PropsError(`RoleRef ${role.node.path}`, [
      {
        path: 'roleName',
        value: roleName,
        rule: `is a role that ${other} already creates in account ${accountId}; role names are unique per account, case-insensitively: give this grant another name or owner role name (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names)`,
      },
    ]);
  }
  claimed.set(key, role.node.path);
}

/** Per stack: the fixed logical ids its RoleRefs give (`<resource type>.<id>` → construct path). */
const logicalIdsByStack = new WeakMap<TerraformStack, Map<string, string>>();

/**
 * Claims a fixed logical id in the stack: two resources of one type and id would be one resource,
 * and cdktf would merge them without a word.
 * @throws PropsError when another resource of the stack has that type and id
 */
function claimLogicalId(role: RoleRef, type: string, id: string): void {
  const claimed = ofStack(logicalIdsByStack, role, () => new Map<string, string>());
  const key = `${type}.${id}`;
  const other = claimed.get(key);
  if (other !== undefined) {
    throw new PropsError(`RoleRef ${role.node.path}`, [
      {
        path: 'logicalId',
        value: id,
        rule: `gives the Terraform address ${key}, which ${other} has already; one address is one resource: give this grant or its additional role another name`,
      },
    ]);
  }
  claimed.set(key, role.node.path);
}

/**
 * The inline policy name to use on a role: `name`, or `name-2`, `name-3`, … when the stack already
 * puts a policy of that name on the role (one grantee granted twice on one bucket): a second policy
 * of one name would replace the first at apply.
 */
function claimPolicyName(role: RoleRef, accountId: string, roleName: string, name: string): string {
  const byRole = ofStack(policyNamesByStack, role, () => new Map<string, Set<string>>());
  const key = `${accountId}/${roleName.toLowerCase()}`;
  const names = byRole.get(key) ?? new Set<string>();
  byRole.set(key, names);
  let unique = name;
  for (let n = 2; names.has(unique); n++) unique = `${name}-${n}`;
  names.add(unique);
  return unique;
}

/** Props of {@link RoleRef}. */
export interface RoleRefProps {
  /** Provider of the role's account: the role and its inline policies are written with it. */
  readonly provider: AwsProvider;
  /** Partition of the role's ARN (`aws`, `aws-cn`, `aws-us-gov`). */
  readonly partition: Partition;
  /** Account of the role, 12 digits. */
  readonly accountId: string;
  /** The role's name: 1–64 characters of `[A-Za-z0-9_+=,.@-]` (ignored with {@link iamRole}). */
  readonly roleName: string;
  /** @default '/' */
  readonly path?: string;
  /**
   * An `IamRole` built outside this module: policies are attached to it (by its `name`) and
   * resource policies name its `arn`; its trust policy stays the user's.
   * @default undefined
   */
  readonly iamRole?: IamRole;
  /**
   * Trust policy statements when the stack creates the role; omit to refer to an existing role,
   * whose trust policy the stack then never touches.
   * @default undefined: an existing role
   */
  readonly trustStatements?: readonly Statement[];
  /**
   * Longest session of the role, seconds.
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use.html#id_roles_use_view-role-max-session
   * @default 3600
   */
  readonly maxSessionDurationSeconds?: number;
  /**
   * Description of a created role (IAM allows up to 1,000 characters).
   * https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
   * @default undefined: no description
   */
  readonly description?: string;
  /**
   * ARN of a managed policy set as the created role's permissions boundary (a policy of the role's
   * account, or AWS managed).
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
   * @default undefined: no boundary
   */
  readonly permissionsBoundary?: string;
  /**
   * Terraform logical id of the created role (a stable address).
   * @default derived from the construct path
   */
  readonly logicalId?: string;
  /**
   * The account's quota for trust policies, characters (2,048 unless the account had it raised).
   * @default 2048
   */
  readonly trustPolicyMaxChars?: number;
  /**
   * Replacements that give references their real length for size checks (see `SharedBucket.sizeSubstitutions`).
   * @default none
   */
  readonly sizeSubstitutions?: ReadonlyMap<string, string>;
}

/** A role's ARN and, when the stack creates it, the role resource. */
export class RoleRef extends Construct {
  /**
   * The role's ARN, `arn:<partition>:iam::<account>:role<path><name>` (the `IamRole`'s `arn`
   * reference for {@link RoleRefProps.iamRole}).
   */
  readonly arn: string;
  /** The role's name (the `IamRole`'s `name` for {@link RoleRefProps.iamRole}). */
  readonly roleName: string;
  /** The created role; undefined for an existing one. */
  readonly role?: IamRole;
  private readonly provider: AwsProvider;
  private readonly inlinePolicies: Array<{ readonly statements: readonly Statement[]; readonly confines: boolean }> =
    [];
  /** Scopes of every share the role is confined to (see {@link addInlinePolicy}). */
  private readonly confinedTo: GrantScope[] = [];
  private readonly props: RoleRefProps;
  private readonly renderGuard: RenderGuard;

  /** @throws Error when `maxSessionDurationSeconds` is not a whole number from 900 to 43,200 */
  constructor(scope: Construct, id: string, props: RoleRefProps) {
    super(scope, id);
    this.provider = props.provider;
    this.props = props;
    this.roleName = props.iamRole?.name ?? props.roleName;
    this.arn = props.iamRole?.arn ?? roleArn(props.partition, props.accountId, props.roleName, props.path ?? '/');
    const session = props.maxSessionDurationSeconds ?? 3600;
    if (!Token.isUnresolved(session) && (!Number.isInteger(session) || session < 900 || session > 43_200)) {
      throw new Error(
        `role ${this.arn}: maxSessionDurationSeconds ${session} must be a whole number from 900 to 43,200 (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html)`,
      );
    }
    // Sizes need every policy of the role, so they are checked when the stack is synthesized.
    this.renderGuard = new RenderGuard(
      this,
      () => this.sizeProblems(),
      () => `${this.inlinePolicies.length}/${props.sizeSubstitutions?.size ?? 0}`,
    );
    const trustStatements = props.trustStatements;
    if (trustStatements !== undefined) {
      claimRoleName(this, props.accountId, props.roleName);
      this.role = new IamRole(this, 'role', {
        provider: props.provider,
        name: props.roleName,
        path: props.path ?? '/',
        description: props.description,
        assumeRolePolicy: Lazy.stringValue({
          produce: () => this.renderChecked(() => policyDocument(trustStatements)),
        }),
        maxSessionDuration: session,
        ...(props.permissionsBoundary !== undefined ? { permissionsBoundary: props.permissionsBoundary } : {}),
      });
      if (props.logicalId !== undefined) {
        claimLogicalId(this, 'aws_iam_role', props.logicalId);
        this.role.overrideLogicalId(props.logicalId);
      }
    }
  }

  /**
   * A policy of the role, rendered for the output after the size checks (see `RenderGuard`).
   * @throws Error when the trust policy or the inline policies are over their limits
   */
  private renderChecked(document: () => PolicyDocument): string {
    this.renderGuard.check();
    return policyForOutput(this, document());
  }

  private sizeProblems(): string[] {
    const subs = this.props.sizeSubstitutions ?? new Map<string, string>();
    const measure = (text: string) => substitute(text, subs);
    const problems = [
      this.props.trustStatements !== undefined
        ? checkPolicySize(
            `role ${this.arn}`,
            measure(renderPolicy(policyDocument(this.props.trustStatements))),
            trustPolicyLimit(this.props.trustPolicyMaxChars),
          )?.concat('; trust fewer principals, or state a raised quota (trustPolicyQuota)')
        : undefined,
      checkPolicySize(
        `role ${this.arn}`,
        this.inlinePolicies.map((_, i) => measure(renderPolicy(this.inlinePolicyDocument(i)))),
        ROLE_INLINE_POLICIES_LIMIT,
      ),
    ];
    return problems.filter((p): p is string => p !== undefined);
  }

  /**
   * Attaches an inline (identity) policy to the role, after the role exists.
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html
   * @param logicalId Terraform logical id of the policy; undefined: derived from the construct path
   * @param confineTo the scopes of the share this policy grants (see `grantScopes`): the role is
   *   then denied everything else, by `confinementStatements` in its first confined policy that
   *   cover every confined policy of the role (rendered at synth, once all are known)
   */
  addInlinePolicy(
    id: string,
    logicalId: string | undefined,
    policyName: string,
    statements: readonly Statement[],
    confineTo?: readonly GrantScope[],
  ): IamRolePolicy {
    const index = this.inlinePolicies.length;
    this.inlinePolicies.push({ statements, confines: confineTo !== undefined });
    this.confinedTo.push(...(confineTo ?? []));
    // A role granted on several buckets gets one policy per bucket: number the construct ids.
    let unique = id;
    for (let n = 2; this.node.tryFindChild(unique) !== undefined; n++) unique = `${id}-${n}`;
    const policy = new IamRolePolicy(this, unique, {
      provider: this.provider,
      role: this.roleName,
      name: claimPolicyName(this, this.props.accountId, this.roleName, policyName),
      policy: Lazy.stringValue({ produce: () => this.renderChecked(() => this.inlinePolicyDocument(index)) }),
    });
    if (this.role) addDependency(policy, this.role);
    if (logicalId !== undefined) {
      claimLogicalId(this, 'aws_iam_role_policy', logicalId);
      policy.overrideLogicalId(logicalId);
    }
    return policy;
  }

  /** The inline policy `index` as written: its statements, and the confinement in the first confined one. */
  private inlinePolicyDocument(index: number): PolicyDocument {
    const { statements } = this.inlinePolicies[index];
    const first = this.inlinePolicies.findIndex((p) => p.confines);
    return policyDocument(first === index ? [...statements, ...confinementStatements(this.confinedTo)] : statements);
  }
}
