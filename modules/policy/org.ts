/**
 * An AWS Organization, or some of its OUs, as a read grantee (issue 14): the resource side only.
 * The bucket and key policies name `Principal: *` limited to the Organization's principals
 * (`aws:PrincipalOrgID`) or to principals of accounts under given OUs (`aws:PrincipalOrgPaths`,
 * multi-valued: `ForAnyValue:StringLike`). Member accounts still need identity policies of their
 * own: a cross-account request needs both sides, and the stack writes no role in them.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgpaths
 */
import { grantSids } from './access-levels';
import { Conditions, Statement, mergeConditions } from './document';
import type { BucketTarget } from './grant';
import { kmsGrantStatement, s3KeyUseConditions } from './kms';
import { s3GrantStatements } from './s3';

/** Which principals an Organization grant reaches. */
export interface OrganizationGrantee {
  /** The Organization's ID: `o-` and 10 to 32 lowercase letters or digits. */
  readonly organizationId: string;
  /**
   * OU paths (`o-…/r-…/ou-…/`, each ending in `/`): only principals of accounts in these OUs and
   * the OUs below them.
   * @default [] (the whole Organization)
   */
  readonly ouPaths?: readonly string[];
}

/** The condition key of the Organization of the request's principal. */
export const PRINCIPAL_ORG_ID_KEY = 'aws:PrincipalOrgID';
/** The condition key of the OU paths of the request's principal's account (multi-valued). */
export const PRINCIPAL_ORG_PATHS_KEY = 'aws:PrincipalOrgPaths';

/**
 * The condition that limits `Principal: *` to the grantee: always the Organization's ID (a fixed
 * value, so S3's Block Public Access counts the statement as not public), and with OU paths also
 * any of the OUs and what lies below them (`<path>*`, a wildcard, which alone would count as
 * public).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
 */
export function organizationConditions(org: OrganizationGrantee): Conditions {
  const paths = org.ouPaths ?? [];
  return {
    StringEquals: { [PRINCIPAL_ORG_ID_KEY]: org.organizationId },
    ...(paths.length > 0
      ? {
          'ForAnyValue:StringLike': {
            [PRINCIPAL_ORG_PATHS_KEY]: paths.length === 1 ? `${paths[0]}*` : paths.map((p) => `${p}*`),
          },
        }
      : {}),
  };
}

/** The statements of an Organization grant, by the policy they go into. */
export interface OrganizationGrantSide {
  /** Bucket-policy statements (objects, listing). */
  readonly bucketPolicy: Statement[];
  /** Key-policy statements (empty with SSE-S3). */
  readonly keyPolicy: Statement[];
}

/** What one Organization grant gets: a name (its Sid prefix), the prefixes it reads, and who. */
export interface OrganizationGrantSpec {
  /** Letters and digits, prefix of the grant's Sids (`OrgReaders`). */
  readonly sidPrefix: string;
  /**
   * Key prefixes, each ending with `/`.
   * @default [] (the whole bucket)
   */
  readonly prefixes?: readonly string[];
  /** The Organization, and its OUs. */
  readonly organization: OrganizationGrantee;
}

/**
 * The resource-side statements of an Organization's read grant: the `read` level's object and
 * listing statements with `Principal: *` and the Organization condition (bucket policy), and its
 * key statement with the same condition beside S3's (key policy). Reads only: writes stay per role.
 */
export function organizationGrantStatements(target: BucketTarget, spec: OrganizationGrantSpec): OrganizationGrantSide {
  const org = organizationConditions(spec.organization);
  const prefixes = spec.prefixes ?? [];
  const s3 = s3GrantStatements({
    sidPrefix: spec.sidPrefix,
    access: 'read',
    bucketArn: target.bucketArn,
    prefixes,
    principal: '*',
    conditions: org,
  });
  return {
    bucketPolicy: s3,
    keyPolicy:
      target.keyArn === undefined
        ? []
        : [
            kmsGrantStatement({
              sid: grantSids('read', spec.sidPrefix).key,
              access: 'read',
              resource: '*',
              principal: '*',
              conditions: mergeConditions(
                s3KeyUseConditions(target.region, target.partition, target.bucketArn, prefixes),
                org,
              ),
            }),
          ],
  };
}
