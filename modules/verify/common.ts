/** Values the matrix's row families share. */
import { PolicyDocument, policyDocument } from '../policy/document';

/** What a check expects. */
export type Expectation = 'allow' | 'deny';

/** An account no config names, for the "unrelated account" rows. */
export const UNRELATED_ACCOUNT = '999999999999';

/** An identity policy that allows everything this module guards: the worst case for a foreign role. */
export const ALLOW_EVERYTHING: PolicyDocument = policyDocument([
  {
    Sid: 'AllowEverything',
    Effect: 'Allow',
    Action: ['s3:*', 'kms:*', 'sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
    Resource: '*',
  },
]);

/** The object key the rows ask for (under each granted prefix). */
export const OBJECT_NAME = 'verify-object.csv';
