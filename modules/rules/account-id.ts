/** The account ID rule. */
import type { RuleCheck } from './rule';

/** https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html */
export const ACCOUNT_ID_DOC = 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html';

/** An AWS account ID: a string of exactly 12 digits (a JSON number would lose leading zeros). */
export const checkAccountId: RuleCheck = (v) =>
  /^\d{12}$/.test(v) ? undefined : `must be a string of exactly 12 digits (${ACCOUNT_ID_DOC})`;
