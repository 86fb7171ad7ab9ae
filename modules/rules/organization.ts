/** An Organization (or some of its OUs) as a read grantee. */
import { sidPart } from '../policy/document';
import type { RuleCheck, RuleProblem } from './rule';
import type { EntrySubject } from './subjects';

/** The IAM page on the Organization condition keys. */
export const ORG_KEYS_DOC =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgpaths';

/**
 * An Organization ID: `o-` and 10 to 32 lowercase letters or digits.
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_Organization.html
 */
export const checkOrganizationId: RuleCheck = (v) =>
  /^o-[a-z0-9]{10,32}$/.test(v)
    ? undefined
    : 'must be an Organization ID: "o-" and 10 to 32 lowercase letters or digits (https://docs.aws.amazon.com/organizations/latest/APIReference/API_Organization.html)';

/**
 * An OU path as `aws:PrincipalOrgPaths` holds it: `<org ID>/<root ID>/<OU ID>/…/`, ending in `/`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgpaths
 */
export const checkOuPath: RuleCheck = (v) =>
  /^o-[a-z0-9]{10,32}\/r-[0-9a-z]{4,32}\/(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}\/)+$/.test(v)
    ? undefined
    : `must be an OU path "o-…/r-…/ou-…/" (the Organization, its root, then OUs, each followed by "/") (${ORG_KEYS_DOC})`;

/**
 * The entry's `organizations`: each OU path lies in its Organization, once; not in `access-points`
 * mode (each access point serves one consumer); names unique among the grants of the bucket
 * (their Sids derive from them).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgpaths
 */
export function checkOrganizationGrants(
  entry: Pick<EntrySubject, 'organizations' | 'accessMode' | 'consumers'>,
): RuleProblem[] {
  const orgs = entry.organizations ?? [];
  const problems: RuleProblem[] = [];
  const sids = new Map<string, string>(
    entry.consumers.flatMap((c) => (c === undefined ? [] : [[sidPart(c.name), `consumer "${c.name}"`] as const])),
  );
  orgs.forEach((o, oi) => {
    if (entry.accessMode === 'access-points') {
      problems.push({
        path: ['organizations', oi],
        value: o.name,
        rule: 'is not supported in "access-points" mode: each access point serves one consumer role; grant the Organization on a bucket in "bucket-policy" mode',
      });
    }
    const other = sids.get(sidPart(o.name));
    if (other !== undefined) {
      problems.push({
        path: ['organizations', oi, 'name'],
        value: o.name,
        rule: `gives the same statement Sids as ${other}; the Sids of one policy must be unique: rename one of them`,
      });
    }
    sids.set(sidPart(o.name), `organizations[${oi}]`);
    (o.ouPaths ?? []).forEach((path: unknown, pi) => {
      if (typeof path !== 'string') {
        problems.push({
          path: ['organizations', oi, 'ouPaths', pi],
          value: path,
          rule: 'must be an OU path, a string',
        });
      } else if (!path.startsWith(`${o.organizationId}/`)) {
        problems.push({
          path: ['organizations', oi, 'ouPaths', pi],
          value: path,
          rule: `is not in the Organization ${o.organizationId}: an OU path starts with its Organization's ID`,
        });
      } else if ((o.ouPaths ?? []).indexOf(path) !== pi) {
        problems.push({ path: ['organizations', oi, 'ouPaths', pi], value: path, rule: 'is listed twice' });
      }
    });
  });
  return problems;
}
