/**
 * Inventory rows: reviews of who the resource and trust policies name. Each passes when a
 * policy's Allow principals are exactly the ones the config asks for: none nobody asked for, none
 * missing.
 */
import type { ConsumerModel, StackModel } from '../../config/schema';
import { accessPointArn } from '../../policy/arn';
import { othersStatements } from '../../policy/current';
import { PolicyDocument } from '../../policy/document';
import { OWNER_ROOT_KEY_SID } from '../../policy/kms';
import { PRINCIPAL_ORG_ID_KEY, PRINCIPAL_ORG_PATHS_KEY } from '../../policy/org';
import type { Check } from '../common';
import type { StackPolicies } from '../extract';
import { consumerRoleArn, consumerRoleArns, dataPlaneRoleArn, dataPlaneRoleArns } from '../roles';

/**
 * Every principal that an Allow statement of the document names (`*` included). A `*` limited to
 * an Organization counts as `org:<ID>`, and to OUs of it as `org-path:<path>` each: a `*` without
 * the Organization's ID stays `*`, which no review expects but the access-points delegation.
 */
export function allowedPrincipals(doc: PolicyDocument | undefined): string[] {
  if (doc === undefined) return [];
  return doc.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => {
    if (s.Principal === undefined) return [];
    const everyone = s.Principal === '*' || (typeof s.Principal === 'object' && s.Principal.AWS === '*');
    if (everyone) {
      const orgId = s.Condition?.StringEquals?.[PRINCIPAL_ORG_ID_KEY];
      const paths = s.Condition?.['ForAnyValue:StringLike']?.[PRINCIPAL_ORG_PATHS_KEY];
      // An OU grant carries the Organization's ID too: its paths are what it names.
      if (typeof orgId === 'string' && paths !== undefined) return [paths].flat().map((p) => `org-path:${p}`);
      if (typeof orgId === 'string') return [`org:${orgId}`];
      return ['*'];
    }
    return [s.Principal.AWS ?? [], s.Principal.Service ?? []].flat();
  });
}

/** The principals an Organization grant's statements count as (see {@link allowedPrincipals}). */
function organizationPrincipals(model: StackModel): string[] {
  return model.organizations.flatMap((o) =>
    o.ouPaths.length > 0 ? o.ouPaths.map((p) => `org-path:${p}*`) : [`org:${o.organizationId}`],
  );
}

/** One review: the policy, what the row calls it, and the principals it must name. */
interface Review {
  /** The consumer the row belongs to, or `owner`. */
  readonly consumer: string;
  readonly policy: string;
  readonly doc: PolicyDocument | undefined;
  readonly expected: readonly string[];
}

function reviewRow(model: StackModel, r: Review): Check {
  return {
    stack: model.name,
    consumer: r.consumer,
    who: 'policy review',
    what: `${r.policy} names only ${r.expected.length} intended principal(s)`,
    principal: '',
    action: '',
    resource: '',
    resourceAccount: model.owner.accountId,
    context: {},
    identityPolicies: [],
    expect: 'allow',
    inventory: {
      policy: r.policy,
      expected: [...new Set(r.expected)].sort(),
      found: [...new Set(allowedPrincipals(r.doc))].sort(),
    },
  };
}

/**
 * The statements this stack adds to a policy: the statements of a current policy (an existing
 * bucket or key) come first and are not this stack's to review; they are still evaluated in every
 * request row.
 */
function own(doc: PolicyDocument | undefined, current: number): PolicyDocument | undefined {
  return doc === undefined ? undefined : { ...doc, Statement: doc.Statement.slice(current) };
}

/** Reviews of who the resource and trust policies name: exactly the principals the config asks for. */
export function inventoryRows(model: StackModel, p: StackPolicies): Check[] {
  return [...resourcePolicyReviews(model, p), ...trustPolicyReviews(model, p)].map((r) => reviewRow(model, r));
}

/** The bucket policy, the access point policies and the key policy. */
function resourcePolicyReviews(model: StackModel, p: StackPolicies): Review[] {
  const owner = model.owner.accountId;
  const dataPlane = (c: ConsumerModel) => dataPlaneRoleArns(model, c);
  const accessPoints = model.accessMode === 'access-points';
  const reviews: Review[] = [
    {
      consumer: 'owner',
      policy: model.currentBucketPolicy ? 'bucket policy (the statements this stack adds)' : 'bucket policy',
      doc: own(p.bucketPolicy, othersStatements(model.currentBucketPolicy).length),
      expected: accessPoints ? ['*'] : [...model.consumers.flatMap(dataPlane), ...organizationPrincipals(model)],
    },
  ];
  if (accessPoints) {
    for (const c of model.consumers) {
      const ap = accessPointArn(p.partition, model.region, owner, c.accessPointName);
      reviews.push({
        consumer: c.name,
        policy: 'access point policy',
        doc: p.accessPointPolicies.get(ap),
        expected: dataPlane(c),
      });
    }
  }
  if (p.keyPolicy !== undefined) {
    reviews.push({
      consumer: 'owner',
      policy: model.currentKeyPolicy
        ? 'key policy (the statements this stack adds)'
        : model.owner.kmsKeyArn !== undefined
          ? "key policy (assumed: the owner's root + the statements handed off; the key's real policy is not in the stack)"
          : 'key policy',
      doc: own(p.keyPolicy, othersStatements(model.currentKeyPolicy, [OWNER_ROOT_KEY_SID]).length),
      // An adopted key gets no owner-root statement from the stack (its current policy keeps its own).
      expected: [
        ...(model.currentKeyPolicy ? [] : [`arn:${p.partition}:iam::${owner}:root`]),
        ...model.consumers.flatMap(dataPlane),
        ...organizationPrincipals(model),
      ],
    });
  }
  return reviews;
}

/** The trust policies of the consumer roles the stack creates, and of the owner roles (assume-role). */
function trustPolicyReviews(model: StackModel, p: StackPolicies): Review[] {
  return model.consumers.flatMap((c) => {
    const consumerArn = consumerRoleArn(model, c);
    const reviews: Review[] = [];
    if (!c.existingRole) {
      reviews.push({
        consumer: c.name,
        policy: 'trust policy of the consumer role',
        doc: p.trustPolicies.get(consumerArn),
        expected: [...c.trustedPrincipals],
      });
    }
    if (model.approach === 'assume-role') {
      reviews.push({
        consumer: c.name,
        policy: c.existingOwnerRole
          ? "trust policy of the owner role (assumed: the statement handed off; the role's real trust policy is not in the stack)"
          : 'trust policy of the owner role',
        doc: p.trustPolicies.get(dataPlaneRoleArn(model, c)),
        expected: consumerRoleArns(model, c),
      });
    }
    return reviews;
  });
}
