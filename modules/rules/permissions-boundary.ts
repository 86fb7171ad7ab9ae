/** Permissions boundaries of the roles the stacks create. */
import { partitionOf } from '../policy/arn';
import type { RuleCheck, RuleProblem } from './rule';
import type { ConsumerContext, ConsumerSubject, EntrySubject } from './subjects';

/** The IAM page on permissions boundaries. */
export const BOUNDARY_DOC = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html';

// An IAM path's segments take any character from ! to ~ but the slash; a name, [\w+=,.@-].
const BOUNDARY_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}|aws):policy\/([\x21-\x2e\x30-\x7e]+\/)*[\w+=,.@-]{1,128}$/;

/**
 * A permissions boundary is a managed policy, by ARN:
 * `arn:<partition>:iam::<account>:policy/<path><name>` (an AWS managed policy has `aws` for account).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
 */
export const checkPermissionsBoundaryArn: RuleCheck = (v) =>
  BOUNDARY_ARN.test(v)
    ? undefined
    : `must be a managed policy ARN arn:<partition>:iam::<account>:policy/<name> (${BOUNDARY_DOC})`;

/** The rule a well-formed boundary ARN breaks for a role of `accountId` in `region`, if any. */
function boundaryPlace(arn: string, accountId: string, region: string | undefined): string | undefined {
  const m = BOUNDARY_ARN.exec(arn);
  if (m === null) return undefined;
  const [, partition, account] = m;
  if (account !== 'aws' && account !== accountId) {
    return `is a policy of account ${account}; a role's permissions boundary is a managed policy of the role's account ${accountId} (or an AWS managed policy) (${BOUNDARY_DOC})`;
  }
  if (region !== undefined && partition !== partitionOf(region)) {
    return `is in partition ${partition}; the region ${region} is in ${partitionOf(region)}`;
  }
  return undefined;
}

/**
 * A consumer's `permissionsBoundary` goes on the consumer role the stack creates: a policy of the
 * consumer's account (or AWS managed) in the region's partition; not with `existingRole` (the
 * stack creates no role to put it on).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
 */
export function checkConsumerPermissionsBoundary(
  c: Pick<ConsumerSubject, 'accountId' | 'existingRole' | 'permissionsBoundary'>,
  context: Pick<ConsumerContext, 'region'>,
): RuleProblem[] {
  const arn = c.permissionsBoundary;
  if (arn === undefined) return [];
  if (c.existingRole === true) {
    return [
      {
        path: ['permissionsBoundary'],
        value: arn,
        rule: 'has no role to go on: with "existingRole": true the stack creates no consumer role (set the boundary on the role where it is managed)',
      },
    ];
  }
  const rule = boundaryPlace(arn, c.accountId, context.region);
  return rule === undefined ? [] : [{ path: ['permissionsBoundary'], value: arn, rule }];
}

/**
 * The owner's `permissionsBoundary` goes on every owner role the stack creates (assume-role; an
 * `existingOwnerRole` keeps its own): a policy of the owner account (or AWS managed) in the region's
 * partition; with `direct` the stack creates no role in the owner account.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
 */
export function checkOwnerPermissionsBoundary(
  entry: Pick<EntrySubject, 'owner' | 'approach' | 'region'>,
): RuleProblem[] {
  const arn = entry.owner?.permissionsBoundary;
  if (arn === undefined || entry.owner === undefined) return [];
  if (entry.approach === 'direct') {
    return [
      {
        path: ['owner', 'permissionsBoundary'],
        value: arn,
        rule: 'has no role to go on: the direct approach creates no role in the owner account (set "consumers[].permissionsBoundary" for the consumer roles)',
      },
    ];
  }
  const rule = boundaryPlace(arn, entry.owner.accountId, entry.region);
  return rule === undefined ? [] : [{ path: ['owner', 'permissionsBoundary'], value: arn, rule }];
}

/**
 * Warning: the owner's `permissionsBoundary` does not reach a consumer's `existingOwnerRole` (the
 * stack does not create that role, so it keeps its own boundary).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
 */
export function warnBoundaryExistingOwnerRole(
  entry: Pick<EntrySubject, 'owner' | 'approach' | 'consumers'>,
): RuleProblem[] {
  const arn = entry.owner?.permissionsBoundary;
  if (arn === undefined || entry.approach !== 'assume-role') return [];
  return entry.consumers.flatMap((c, ci) =>
    c?.existingOwnerRole === true
      ? [
          {
            path: ['consumers', ci, 'existingOwnerRole'],
            value: true,
            rule: `keeps its own permissions boundary: "owner.permissionsBoundary" (${arn}) goes only on the owner roles the stack creates; set it on this role where it is managed`,
          },
        ]
      : [],
  );
}
