/**
 * The access matrix of a stack, generated from its config: every request a consumer is meant to
 * make (expected Allowed) and the requests nobody should get through (expected denied), with the
 * request context S3, KMS and STS really send. The rows come from the row families in `rows/`
 * (S3, KMS, trust, owner, inventory); this file puts them in order.
 */
import type { ConsumerModel, StackModel } from '../config/schema';
import { Check, EVERYTHING, Row, UNRELATED_ACCOUNT } from './common';
import type { StackPolicies } from './extract';
import { inventoryRows } from './rows/inventory';
import { foreignKeyRows, keyUseRows } from './rows/kms';
import { escapeRows, ownerRows } from './rows/owner';
import { organizationRows } from './rows/org';
import { dataPlaneRows, foreignS3Rows } from './rows/s3';
import { ConsumerScope, additionalRoleScopes, consumerScope, foreignRoles } from './rows/scope';
import {
  assumeRoleRows,
  chainedSessionRows,
  consumerTrustRows,
  ownerRoleHopRows,
  foreignAssumeRows,
  podIdentityRows,
} from './rows/trust';

export type { Check, Expectation } from './common';
export { ALLOW_EVERYTHING, UNRELATED_ACCOUNT } from './common';
export { allowedPrincipals } from './rows/inventory';

/** Builds every row of one stack's matrix. */
export function accessMatrix(model: StackModel, policies: StackPolicies): Check[] {
  const rows = model.consumers.flatMap((c) => consumerRows(model, policies, c));
  return [
    ...rows,
    ...(model.approach === 'direct' ? widenedIdentityRows(rows) : []),
    ...organizationRows(model, policies),
    ...ownerRows(model, policies),
    ...inventoryRows(model, policies),
  ];
}

/**
 * Direct approach: the data-plane role lives in the consumer account, whose administrators can
 * widen its identity policy at will, so the owner's bucket and key policies are the real boundary.
 * Every denied request of the data-plane role is asked again with an identity policy that allows
 * everything: it must still be denied.
 */
function widenedIdentityRows(rows: readonly Check[]): Check[] {
  return rows
    .filter(
      (r) =>
        // A bucket of another account is guarded by the identity policy alone, which the consumer account controls.
        (r.who === 'data-plane role' || r.who.startsWith(`${ADDITIONAL_ROLE} `)) &&
        r.expect === 'deny' &&
        r.resourceAccount !== UNRELATED_ACCOUNT,
    )
    .map((r) => ({
      ...r,
      who: `${r.who} (its IAM allowing everything)`,
      identityPolicies: EVERYTHING,
    }));
}

/**
 * The rows of one of the consumer's additional roles (an existing role with the consumer's grant):
 * direct, its data-plane requests, the key through S3 and the escapes beyond the share, as the
 * consumer role's; assume-role, the hop to the owner role (with the external ID only, not
 * straight to the objects, the chained session keys).
 */
function additionalRoleRows(scope: ConsumerScope): Row[] {
  const rows = scope.assume
    ? [...assumeRoleRows(scope), ...ownerRoleHopRows(scope, [])]
    : [...dataPlaneRows(scope), ...keyUseRows(scope), ...escapeRows(scope)];
  // Named by the role, so the table tells them from the consumer role's rows.
  const label = `${ADDITIONAL_ROLE} ${scope.consumerArn.slice(scope.consumerArn.lastIndexOf('/') + 1)}`;
  return rows.map((r) => ({ ...r, who: r.who.replace(/^(data-plane role|consumer role)/, label) }));
}

/** How the rows of an additional role name it (`additional role <name>`). */
const ADDITIONAL_ROLE = 'additional role';

/**
 * One consumer's rows, in this order: its data-plane requests to the bucket, roles nobody granted
 * anything (S3, the key, the owner role), the consumer role's trust, the key through S3, the
 * assume-role hop, the escapes beyond the share, sessions along role chains, and the rows of its
 * additional roles.
 */
function consumerRows(model: StackModel, p: StackPolicies, c: ConsumerModel): Check[] {
  const scope = consumerScope(model, p, c);
  const rows: Row[] = [
    ...dataPlaneRows(scope),
    ...foreignRoles(scope).flatMap((role) => [
      ...foreignS3Rows(scope, role),
      ...foreignKeyRows(scope, role),
      ...foreignAssumeRows(scope, role),
    ]),
    ...consumerTrustRows(scope),
    ...keyUseRows(scope),
    ...assumeRoleRows(scope),
    ...escapeRows(scope),
    ...chainedSessionRows(scope),
    ...podIdentityRows(scope),
    ...additionalRoleScopes(scope).flatMap(additionalRoleRows),
  ];
  return rows.map((r) => ({ stack: model.name, consumer: c.name, ...r }));
}
