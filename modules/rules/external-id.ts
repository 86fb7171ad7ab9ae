/** The external ID rule. */
import type { RuleCheck } from './rule';

/** https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html */
export const EXTERNAL_ID_DOC =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html';

/** External ID: 2–1,224 characters of `[\w+=,.@:/-]` (the `sts:AssumeRole` ExternalId parameter). */
export const checkExternalId: RuleCheck = (v) =>
  v.length >= 2 && v.length <= 1224 && /^[\w+=,.@:/-]+$/.test(v)
    ? undefined
    : `must be 2 to 1,224 characters of letters, digits and _+=,.@:/- (${EXTERNAL_ID_DOC})`;
