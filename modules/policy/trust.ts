/**
 * Trust policies (who may assume a role) and the caller-side permission to assume one.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#term_trust-policy
 */
import { Principal, Statement, oneOrMany, principalArns } from './document';

/**
 * Trust for the owner-side role of the assume-role approach: only the named consumer roles (the
 * consumer's role, and its additional roles) may call `sts:AssumeRole`, and only with the agreed
 * external ID (defeats the confused deputy).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html
 * @param consumerRoleArns one role ARN, or several (one statement, a list of principals)
 */
export function externalIdTrustStatement(consumerRoleArns: string | readonly string[], externalId: string): Statement {
  return {
    Sid: 'TrustConsumerRoleWithExternalId',
    Effect: 'Allow',
    Principal: { AWS: principalArns(consumerRoleArns) },
    Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'sts:ExternalId': externalId } },
  };
}

/** True for a service principal such as `ec2.amazonaws.com` (not an ARN). */
export function isServicePrincipal(principal: string): boolean {
  return !principal.startsWith('arn:');
}

/** The service principal of EKS Pod Identity. */
export const EKS_POD_IDENTITY_PRINCIPAL = 'pods.eks.amazonaws.com';

/**
 * The session tags EKS Pod Identity adds to every session it starts; all of them are transitive,
 * so they reach every role the session assumes next.
 * https://docs.aws.amazon.com/eks/latest/userguide/pod-id-abac.html
 */
export const EKS_POD_IDENTITY_TAG_KEYS: readonly string[] = [
  'eks-cluster-arn',
  'eks-cluster-name',
  'kubernetes-namespace',
  'kubernetes-service-account',
  'kubernetes-pod-name',
  'kubernetes-pod-uid',
];

/** What one service principal's trust needs. */
export interface ServiceTrust {
  /** The STS actions the service calls when it assumes the role. */
  readonly actions: readonly string[];
  /**
   * The service sends `aws:SourceAccount` when it assumes the role, so the trust can require the
   * role's own account (confused-deputy prevention). Only services whose page says so are marked:
   * a condition on a key the service does not send makes every AssumeRole fail.
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html#cross-service-confused-deputy-prevention
   */
  readonly sendsSourceAccount: boolean;
  /** The AWS page that says so. */
  readonly doc: string;
}

/**
 * The services whose trust differs from a plain `sts:AssumeRole`. Any other service principal is
 * trusted with `sts:AssumeRole` alone and no condition.
 */
export const SERVICE_TRUSTS: Readonly<Record<string, ServiceTrust>> = {
  [EKS_POD_IDENTITY_PRINCIPAL]: {
    actions: ['sts:AssumeRole', 'sts:TagSession'],
    sendsSourceAccount: false,
    doc: 'https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html',
  },
  'ecs-tasks.amazonaws.com': {
    actions: ['sts:AssumeRole'],
    sendsSourceAccount: true,
    doc: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html',
  },
  'states.amazonaws.com': {
    actions: ['sts:AssumeRole'],
    sendsSourceAccount: true,
    doc: 'https://docs.aws.amazon.com/step-functions/latest/dg/procedure-create-iam-role.html',
  },
};

/**
 * Conditions on the session tags EKS Pod Identity sets, for a role it assumes: only pods of this
 * cluster, namespace and service account get the role.
 * https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html
 */
export interface PodIdentityConditions {
  /**
   * `aws:RequestTag/eks-cluster-arn`.
   * @default any cluster
   */
  readonly clusterArn?: string;
  /**
   * `aws:RequestTag/kubernetes-namespace`.
   * @default any namespace
   */
  readonly namespace?: string;
  /**
   * `aws:RequestTag/kubernetes-service-account`.
   * @default any service account
   */
  readonly serviceAccount?: string;
}

/**
 * What sessions that assume a role carry, so that the trust (and the caller's policy) allow it.
 * Role chaining with a source identity needs `sts:SetSourceIdentity`, transitive session tags
 * need `sts:TagSession`, each in the caller's identity policy and in the target's trust policy.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html
 */
export interface ChainedSessions {
  /**
   * Session tag keys the sessions may pass: `sts:TagSession` is allowed with
   * `ForAllValues:StringEquals aws:TagKeys` limited to them. It limits keys, not values: a caller
   * chooses the values, so no policy of the owner account may trust these keys for ABAC.
   * @default [] (no `sts:TagSession`)
   */
  readonly tagKeys?: readonly string[];
  /**
   * The sessions carry a source identity: `sts:SetSourceIdentity` is allowed.
   * @default false
   */
  readonly sourceIdentity?: boolean;
}

/** The statements that let `principal` pass session tags and a source identity (see {@link ChainedSessions}). */
function chainedSessionStatements(
  sidPrefix: string,
  principal: Principal | undefined,
  sessions: ChainedSessions,
  resource?: string,
): Statement[] {
  const tagKeys = [...new Set(sessions.tagKeys ?? [])];
  const who = principal !== undefined ? { Principal: principal } : {};
  const on = resource !== undefined ? { Resource: resource } : {};
  return [
    ...(tagKeys.length > 0
      ? [
          {
            Sid: `${sidPrefix}SessionTags`,
            Effect: 'Allow' as const,
            ...who,
            Action: 'sts:TagSession',
            ...on,
            Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': oneOrMany(tagKeys) } },
          },
        ]
      : []),
    ...(sessions.sourceIdentity
      ? [
          {
            Sid: `${sidPrefix}SourceIdentity`,
            Effect: 'Allow' as const,
            ...who,
            Action: 'sts:SetSourceIdentity',
            ...on,
          },
        ]
      : []),
  ];
}

/** Options of {@link consumerRoleTrustStatements}. */
export interface ConsumerTrustOptions {
  /** The role's account, 12 digits (`aws:SourceAccount` of the services that send it). */
  readonly accountId: string;
  /**
   * What the sessions of the trusted AWS principals carry.
   * @default none
   */
  readonly sessions?: ChainedSessions;
  /**
   * Conditions on EKS Pod Identity's session tags, when it is trusted.
   * @default none
   */
  readonly podIdentity?: PodIdentityConditions;
}

/** The `aws:RequestTag/…` conditions of {@link PodIdentityConditions}. */
function podIdentityCondition(p: PodIdentityConditions | undefined): Statement['Condition'] {
  const tags: Record<string, string> = {};
  if (p?.clusterArn !== undefined) tags['aws:RequestTag/eks-cluster-arn'] = p.clusterArn;
  if (p?.namespace !== undefined) tags['aws:RequestTag/kubernetes-namespace'] = p.namespace;
  if (p?.serviceAccount !== undefined) tags['aws:RequestTag/kubernetes-service-account'] = p.serviceAccount;
  return Object.keys(tags).length > 0 ? { StringEquals: tags } : undefined;
}

/**
 * Trust for a role the module creates in a consumer account: AWS principals (ARNs) in one
 * statement, plain service principals (`lambda.amazonaws.com`) in another, services that send
 * `aws:SourceAccount` (see {@link SERVICE_TRUSTS}) with it required to be the role's account, and
 * EKS Pod Identity with `sts:TagSession` (and its optional tag conditions). With
 * {@link ConsumerTrustOptions.sessions}, the AWS principals may also pass session tags and a source identity.
 */
export function consumerRoleTrustStatements(principals: readonly string[], options: ConsumerTrustOptions): Statement[] {
  const aws = principals.filter((p) => !isServicePrincipal(p));
  const services = principals.filter(isServicePrincipal);
  const plain = services.filter((p) => SERVICE_TRUSTS[p] === undefined);
  const fromAccount = services.filter((p) => SERVICE_TRUSTS[p]?.sendsSourceAccount);
  const statements: Statement[] = [];
  if (aws.length > 0) {
    statements.push({
      Sid: 'TrustAwsPrincipals',
      Effect: 'Allow',
      Principal: { AWS: oneOrMany(aws) },
      Action: 'sts:AssumeRole',
    });
    statements.push(...chainedSessionStatements('TrustAwsPrincipals', { AWS: oneOrMany(aws) }, options.sessions ?? {}));
  }
  if (plain.length > 0) {
    statements.push({
      Sid: 'TrustServicePrincipals',
      Effect: 'Allow',
      Principal: { Service: oneOrMany(plain) },
      Action: 'sts:AssumeRole',
    });
  }
  if (fromAccount.length > 0) {
    statements.push({
      Sid: 'TrustServicePrincipalsOfThisAccount',
      Effect: 'Allow',
      Principal: { Service: oneOrMany(fromAccount) },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:SourceAccount': options.accountId } },
    });
  }
  if (services.includes(EKS_POD_IDENTITY_PRINCIPAL)) {
    const condition = podIdentityCondition(options.podIdentity);
    statements.push({
      Sid: 'TrustEksPodIdentity',
      Effect: 'Allow',
      Principal: { Service: EKS_POD_IDENTITY_PRINCIPAL },
      Action: [...SERVICE_TRUSTS[EKS_POD_IDENTITY_PRINCIPAL].actions],
      ...(condition !== undefined ? { Condition: condition } : {}),
    });
  }
  return statements;
}

/**
 * The session tag keys that reach the owner role from a consumer role trusted by `principals`:
 * the configured keys, and EKS Pod Identity's transitive tags when it is trusted.
 */
export function chainedTagKeys(principals: readonly string[], sessions: ChainedSessions | undefined): string[] {
  const pod = principals.includes(EKS_POD_IDENTITY_PRINCIPAL) ? EKS_POD_IDENTITY_TAG_KEYS : [];
  return [...new Set([...(sessions?.tagKeys ?? []), ...pod])];
}

/**
 * The owner role's trust statements beyond {@link externalIdTrustStatement}: the consumer role may
 * pass the chained session tags and source identity (see {@link ChainedSessions}).
 */
export function consumerSessionTrustStatements(
  consumerRoleArns: string | readonly string[],
  sessions: ChainedSessions,
): Statement[] {
  return chainedSessionStatements('TrustConsumerRole', { AWS: principalArns(consumerRoleArns) }, sessions);
}

/** The consumer role's permission to pass them when it assumes the owner role. */
export function consumerSessionStatements(targetRoleArn: string, sessions: ChainedSessions): Statement[] {
  return chainedSessionStatements('OwnerAccountRole', undefined, sessions, targetRoleArn);
}

/** The consumer role's whole identity policy in the assume-role approach: assume exactly one role. */
export function assumeRoleStatement(targetRoleArn: string): Statement {
  return {
    Sid: 'AssumeOwnerAccountRole',
    Effect: 'Allow',
    Action: 'sts:AssumeRole',
    Resource: targetRoleArn,
  };
}
