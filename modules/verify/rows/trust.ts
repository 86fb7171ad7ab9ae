/**
 * Trust rows: who may assume the roles the stack creates. The assume-role hop with and without the
 * external ID, foreign roles and an unrelated account refused, sessions that carry tags or a source
 * identity along a role chain, and EKS Pod Identity.
 */
import { roleArn } from '../../policy/arn';
import { EKS_POD_IDENTITY_PRINCIPAL, EKS_POD_IDENTITY_TAG_KEYS, chainedTagKeys } from '../../policy/trust';
import { EVERYTHING, Expectation, IdentityPolicies, Row, UNRELATED_ACCOUNT, tlsContext } from '../common';
import type { StackPolicies } from '../extract';
import { s3Request } from './s3';
import { ConsumerScope, ForeignRole, identityOf, objectArn } from './scope';

/** Assume-role: a foreign role (its IAM allowing everything) with the right external ID is refused by the owner role's trust. */
export function foreignAssumeRows(scope: ConsumerScope, role: ForeignRole): Row[] {
  if (!scope.assume) return [];
  return [
    {
      who: role.who,
      principal: role.arn,
      action: 'sts:AssumeRole',
      resource: scope.dataPlaneArn,
      resourceAccount: scope.owner,
      context: { ...tlsContext(role.account), 'sts:ExternalId': scope.c.externalId ?? '' },
      identityPolicies: EVERYTHING,
      resourcePolicy: scope.p.trustPolicies.get(scope.dataPlaneArn),
      what: 'AssumeRole with the right external ID',
      expect: 'deny',
    },
  ];
}

/** A role of an unrelated account may not assume the consumer role the stack creates. */
export function consumerTrustRows(scope: ConsumerScope): Row[] {
  const { c, p } = scope;
  const trust = p.trustPolicies.get(scope.consumerArn);
  if (trust === undefined) return [];
  return [
    {
      who: `a role of unrelated ${UNRELATED_ACCOUNT}`,
      principal: roleArn(p.partition, UNRELATED_ACCOUNT, c.roleName),
      action: 'sts:AssumeRole',
      resource: scope.consumerArn,
      resourceAccount: c.accountId,
      context: tlsContext(UNRELATED_ACCOUNT),
      identityPolicies: EVERYTHING,
      resourcePolicy: trust,
      what: 'AssumeRole of the consumer role',
      expect: 'deny',
    },
  ];
}

/**
 * The assume-role hop: the consumer role assumes the owner role with the right external ID, not
 * with a wrong one or none; and even with its own policy widened to everything, it cannot reach
 * the objects without assuming (the owner's policies must refuse it).
 */
export function assumeRoleRows(scope: ConsumerScope): Row[] {
  const { c, p } = scope;
  if (!scope.assume) return [];
  const hop = (externalId: string | undefined, what: string, expect: Expectation): Row => ({
    who: 'consumer role',
    principal: scope.consumerArn,
    action: 'sts:AssumeRole',
    resource: scope.dataPlaneArn,
    resourceAccount: scope.owner,
    context: { ...tlsContext(c.accountId), ...(externalId !== undefined ? { 'sts:ExternalId': externalId } : {}) },
    identityPolicies: identityOf(p, scope.consumerArn),
    resourcePolicy: p.trustPolicies.get(scope.dataPlaneArn),
    what,
    expect,
  });
  const first = scope.level.verify.objectActions[0];
  return [
    hop(c.externalId, 'AssumeRole with the right external ID', 'allow'),
    hop(`${c.externalId}-wrong`, 'AssumeRole with a wrong external ID', 'deny'),
    hop(undefined, 'AssumeRole without external ID', 'deny'),
    // Worst case: the consumer account widens its role's own policy; B's policies must still refuse.
    s3Request({
      p,
      owner: scope.owner,
      accessPoint: scope.accessPoint,
      who: 'consumer role',
      principal: scope.consumerArn,
      account: c.accountId,
      identity: EVERYTHING,
      action: first,
      resource: objectArn(scope, scope.someKey),
      what: `${first.slice(3)} directly, without assuming (its IAM allowing everything)`,
      expect: 'deny',
    }),
  ];
}

/** One hop of a role chain: `principal` passes tags or a source identity to `target`. */
interface Hop {
  readonly who: string;
  readonly principal: string;
  readonly account: string;
  readonly target: string;
  readonly targetAccount: string;
  readonly identity: IdentityPolicies;
  readonly keys: readonly string[];
  readonly sourceIdentity: boolean;
  readonly label: string;
}

/** A request of one hop (see {@link hopRows}). */
interface HopAsk {
  readonly action: string;
  readonly what: string;
  readonly expect: Expectation;
  readonly extra: Record<string, string | string[]>;
  /**
   * The caller's own policy allows everything: the target's trust alone must decide.
   * @default false: the caller's policies as the stack wrote them
   */
  readonly widened?: boolean;
}

/** The rows of one hop: the listed keys and the source identity pass; a key nobody listed does not, whatever the caller's own policy allows. */
function hopRows(p: StackPolicies, h: Hop): Row[] {
  const row = (ask: HopAsk): Row => ({
    who: ask.widened ? `${h.who} (its IAM allowing everything)` : h.who,
    principal: h.principal,
    action: ask.action,
    resource: h.target,
    resourceAccount: h.targetAccount,
    context: { ...tlsContext(h.account), ...ask.extra },
    identityPolicies: ask.widened ? EVERYTHING : h.identity,
    resourcePolicy: p.trustPolicies.get(h.target),
    what: ask.what,
    expect: ask.expect,
  });
  const tags: HopAsk[] = [
    {
      action: 'sts:TagSession',
      what: `TagSession on ${h.label} with the ${h.keys.length} chained tag key(s)`,
      expect: 'allow',
      extra: { 'aws:TagKeys': [...h.keys] },
    },
    // The trust alone must refuse it: the caller's own policy is its account's to widen.
    {
      action: 'sts:TagSession',
      what: `TagSession on ${h.label} with a tag key nobody listed`,
      expect: 'deny',
      extra: { 'aws:TagKeys': [...h.keys, 'not-listed-key'] },
      widened: true,
    },
  ];
  const source: HopAsk = {
    action: 'sts:SetSourceIdentity',
    what: `SetSourceIdentity on ${h.label}`,
    expect: 'allow',
    extra: { 'sts:SourceIdentity': 'someone' },
  };
  return [...(h.keys.length > 0 ? tags : []), ...(h.sourceIdentity ? [source] : [])].map(row);
}

/**
 * Sessions that carry tags or a source identity along the chain: a trusted AWS principal passes
 * them to the created consumer role, and in assume-role the consumer role passes them (with EKS Pod
 * Identity's transitive tags when it is trusted) to the owner role; a tag key nobody listed is
 * refused by the trust itself.
 */
export function chainedSessionRows(scope: ConsumerScope): Row[] {
  const { p, c, consumerArn } = scope;
  const rows: Row[] = [];
  const trusted = c.trustedPrincipals.find((t) => t.startsWith('arn:'));
  if (!c.existingRole && trusted !== undefined) {
    // The account root stands for any principal of the account: ask as one of its roles.
    const account = trusted.split(':')[4];
    const principal = trusted.endsWith(':root') ? roleArn(p.partition, account, 'AnyRoleOfTheAccount') : trusted;
    rows.push(
      ...hopRows(p, {
        who: 'a trusted principal',
        principal,
        account,
        target: consumerArn,
        targetAccount: c.accountId,
        identity: EVERYTHING,
        keys: c.sessionTagKeys,
        sourceIdentity: c.sourceIdentity,
        label: 'the consumer role',
      }),
    );
  }
  rows.push(...ownerRoleHopRows(scope, c.existingRole ? [] : c.trustedPrincipals));
  return rows;
}

/**
 * Assume-role: the hop from the scope's consumer role to the owner role, with the chained session
 * tags (those of a role trusting `trustedPrincipals`) and the source identity.
 */
export function ownerRoleHopRows(scope: ConsumerScope, trustedPrincipals: readonly string[]): Row[] {
  const { model, p, c, consumerArn } = scope;
  if (!scope.assume) return [];
  return hopRows(p, {
    who: 'consumer role',
    principal: consumerArn,
    account: c.accountId,
    target: scope.dataPlaneArn,
    targetAccount: model.owner.accountId,
    identity: identityOf(p, consumerArn),
    keys: chainedTagKeys(trustedPrincipals, { tagKeys: c.sessionTagKeys }),
    sourceIdentity: c.sourceIdentity,
    label: 'the owner role',
  });
}

/** The pod a request comes from; each field defaults to the one the conditions ask for. */
interface Pod {
  readonly cluster?: string;
  readonly namespace?: string;
  readonly serviceAccount?: string;
}

/** The session tags EKS Pod Identity sets for a pod. */
function podTags(pod: Required<Pod>): Record<string, string | string[]> {
  const { cluster, namespace, serviceAccount } = pod;
  return {
    'aws:SecureTransport': 'true',
    'aws:TagKeys': [...EKS_POD_IDENTITY_TAG_KEYS],
    'aws:RequestTag/eks-cluster-arn': cluster,
    'aws:RequestTag/eks-cluster-name': cluster.slice(cluster.lastIndexOf('/') + 1),
    'aws:RequestTag/kubernetes-namespace': namespace,
    'aws:RequestTag/kubernetes-service-account': serviceAccount,
    'aws:RequestTag/kubernetes-pod-name': 'pod',
    'aws:RequestTag/kubernetes-pod-uid': '0000',
  };
}

/**
 * A created consumer role that trusts EKS Pod Identity: the service assumes it and tags the
 * session with its six tags; with tag conditions, a pod of another namespace is refused.
 * https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html
 */
export function podIdentityRows(scope: ConsumerScope): Row[] {
  const { model, p, c, consumerArn } = scope;
  if (c.existingRole || !c.trustedPrincipals.includes(EKS_POD_IDENTITY_PRINCIPAL)) return [];
  const expected = {
    cluster: c.podIdentity?.clusterArn ?? `arn:${p.partition}:eks:${model.region}:${c.accountId}:cluster/c`,
    namespace: c.podIdentity?.namespace ?? 'default',
    serviceAccount: c.podIdentity?.serviceAccount ?? 'sa',
  };
  const ask = (r: { action: string; what: string; expect: Expectation; pod?: Pod }): Row => ({
    who: 'EKS Pod Identity',
    principal: EKS_POD_IDENTITY_PRINCIPAL,
    action: r.action,
    resource: consumerArn,
    resourceAccount: c.accountId,
    context: podTags({ ...expected, ...r.pod }),
    identityPolicies: [],
    resourcePolicy: p.trustPolicies.get(consumerArn),
    what: r.what,
    expect: r.expect,
  });
  const rows = [
    ask({ action: 'sts:AssumeRole', what: 'AssumeRole of the consumer role', expect: 'allow' }),
    ask({ action: 'sts:TagSession', what: 'TagSession with its six tags', expect: 'allow' }),
  ];
  const refuse = (what: string, pod: Pod) => rows.push(ask({ action: 'sts:AssumeRole', what, expect: 'deny', pod }));
  if (c.podIdentity?.namespace !== undefined) {
    refuse('AssumeRole from a pod of another namespace', { namespace: `not-${expected.namespace}` });
  }
  if (c.podIdentity?.serviceAccount !== undefined) {
    refuse('AssumeRole from another service account', { serviceAccount: `not-${c.podIdentity.serviceAccount}` });
  }
  if (c.podIdentity?.clusterArn !== undefined) {
    refuse('AssumeRole from a pod of another cluster', { cluster: `${expected.cluster}-other` });
  }
  return rows;
}
