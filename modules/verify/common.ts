/** What the matrix's row families share: the row type, and the values several families use. */
import { PolicyDocument, policyDocument } from '../policy/document';
import type { SimRequest } from './simulate';

/** What a check expects: `allow` (the engine's Allowed) or `deny` (explicitly or implicitly denied). */
export type Expectation = 'allow' | 'deny';

/** One row of the matrix. */
export interface Check extends SimRequest {
  /** The stack (the config entry's name) the row belongs to. */
  readonly stack: string;
  /** The consumer the row belongs to, or `owner` for the owner's own rows. */
  readonly consumer: string;
  /** Short description of the request (`GetObject inside reports/`). */
  readonly what: string;
  /** Who asks, in words (`data-plane role`, `another role of 111111111111`). */
  readonly who: string;
  /** The verdict the row expects: `allow` passes only on Allowed, `deny` on either kind of deny. */
  readonly expect: Expectation;
  /**
   * A review of a policy's Allow principals instead of a request: the row passes when the
   * principals found are exactly the expected ones (no principal nobody asked for, none missing).
   * @default undefined: the row is a request, evaluated by the engine
   */
  readonly inventory?: {
    /** The policy reviewed, in words (`bucket policy`). */
    readonly policy: string;
    /** The principal ARNs the config grants. */
    readonly expected: readonly string[];
    /** The principal ARNs the policy's Allow statements name. */
    readonly found: readonly string[];
  };
  /**
   * Access-points mode: the same request as the bucket sees it behind the access point. AWS needs
   * the identity policy and the access point policy (the row itself) **and** the bucket policy
   * (this leg, asked with an identity policy that allows everything, so only the bucket policy
   * decides) to allow it; an explicit deny in either wins.
   * @default undefined: bucket-policy mode, the row alone decides
   */
  readonly bucketLeg?: SimRequest;
  /**
   * The row expects what this other resource policy decides for the same request (an adopted
   * key: the merged key policy must decide as the current one did, never widening it); `expect`
   * is then filled in by the evaluation.
   * @default undefined: the row's own `expect`
   */
  readonly expectAsUnder?: PolicyDocument;
}

/** A row before its stack and consumer are filled in. */
export type Row = Omit<Check, 'stack' | 'consumer'>;

/** The identity policies a row's principal asks with. */
export type IdentityPolicies = Check['identityPolicies'];

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

/** {@link ALLOW_EVERYTHING} as a principal's only identity policy. */
export const EVERYTHING: IdentityPolicies = [{ name: 'allow-everything', policy: ALLOW_EVERYTHING }];

/** The object key the rows ask for (under each granted prefix). */
export const OBJECT_NAME = 'verify-object.csv';

/** A request made over TLS by a principal of `account`. */
export function tlsContext(account: string): { 'aws:SecureTransport': string; 'aws:PrincipalAccount': string } {
  return { 'aws:SecureTransport': 'true', 'aws:PrincipalAccount': account };
}
