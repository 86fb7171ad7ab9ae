/**
 * Policies this stack did not write: the current bucket or key policy of an existing resource,
 * read from a file, and merged with the stack's statements so that nothing already granted is lost.
 */
import { GRANT_SID_SUFFIXES } from './access-levels';
import { POLICY_VERSION, Statement } from './document';
import { OWNER_ROOT_KEY_SID } from './kms';
import { NETWORK_SID_SUFFIX } from './network';
import { delegateToAccessPoints, ownerBucketStatements } from './s3';

/**
 * A statement of a current policy, kept exactly as it is: any element of the policy grammar
 * (NotPrincipal, NotAction, policy variables …) and possibly no Sid.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
export type CurrentStatement = Statement & Record<string, unknown>;

/** A current policy as read from its file. */
export interface CurrentPolicy {
  /** The file it came from, for messages. */
  readonly source: string;
  /** The policy's statements, in the file's order, exactly as they are. */
  readonly statements: readonly CurrentStatement[];
}

/**
 * Parses the text of a current policy (what `aws s3api get-bucket-policy --query Policy --output
 * text` or `aws kms get-key-policy --policy-name default --query Policy --output text` prints).
 * Only `"Version": "2012-10-17"` policies are accepted; Sids must be unique and every `Effect` is
 * `Allow` or `Deny`.
 * @param text the policy document as JSON
 * @param resourceArn a bucket's ARN: every `Resource` and `NotResource` must then be the bucket or
 * an object in it (omit it for a key policy, whose resource is `*`)
 * @returns the statements, or the rule the text breaks
 */
export function parseCurrentPolicy(
  text: string,
  resourceArn?: string,
): {
  /**
   * The policy's statements (a single `Statement` object becomes a list of one).
   * @default undefined: the text breaks a rule (see `broken`)
   */
  statements?: CurrentStatement[];
  /**
   * The rule the text breaks, a clause that follows the file's name (`is not valid JSON: …`).
   * @default undefined: the text is a policy (see `statements`)
   */
  broken?: string;
} {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { broken: `is not valid JSON: ${(e as Error).message}` };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { broken: 'must hold a policy document: an object with "Version" and "Statement"' };
  }
  const doc = data as Record<string, unknown>;
  if (typeof doc.Policy === 'string' && doc.Statement === undefined) {
    return {
      broken:
        'holds {"Policy": "…"}, the whole answer of the AWS CLI; save only the policy itself (add --query Policy --output text to the command)',
    };
  }
  if (doc.Version !== POLICY_VERSION) {
    return {
      broken: `has "Version": ${JSON.stringify(doc.Version)}; the merged policy is written with "${POLICY_VERSION}", whose policy variables and grammar may read the current statements differently, so only "${POLICY_VERSION}" policies are merged (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html)`,
    };
  }
  const raw = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement === undefined ? [] : [doc.Statement];
  const sids = new Map<unknown, number>();
  for (const [i, s] of raw.entries()) {
    if (s === null || typeof s !== 'object' || Array.isArray(s)) {
      return { broken: `has Statement[${i}], which is not an object` };
    }
    const sid = (s as Record<string, unknown>).Sid;
    if (sid !== undefined) {
      const first = sids.get(sid);
      if (first !== undefined) {
        return {
          broken: `has Statement[${i}] with the Sid ${JSON.stringify(sid)} of Statement[${first}]; Sids must be unique`,
        };
      }
      sids.set(sid, i);
    }
    const effect = (s as Record<string, unknown>).Effect;
    if (effect !== 'Allow' && effect !== 'Deny') {
      return { broken: `has Statement[${i}] with "Effect": ${JSON.stringify(effect)}; it must be "Allow" or "Deny"` };
    }
    if (resourceArn !== undefined) {
      const r = s as Record<string, unknown>;
      for (const arn of [r.Resource, r.NotResource].flat()) {
        if (arn === undefined) continue;
        if (typeof arn !== 'string' || (arn !== resourceArn && !arn.startsWith(`${resourceArn}/`))) {
          return {
            broken: `has Statement[${i}] on ${JSON.stringify(arn)}, which is not ${resourceArn} or an object in it: is this the policy of another bucket?`,
          };
        }
      }
    }
  }
  return { statements: raw as CurrentStatement[] };
}

/** A KMS key ARN: a statement written by an earlier deploy holds the real ARN of a new key. */
const KEY_ARN =
  /arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})/g;

/** A bare KMS key ID (the owner's denies accept it beside the ARN). */
const KEY_ID = /(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})/g;

/**
 * The statement for comparison: keys sorted (see {@link canonical}), any key ARN and the stack's
 * key reference `keyArn` (the new key's ARN, unknown until apply) as one placeholder, and any bare
 * key ID and the reference `keyId` as another.
 */
function comparable(statement: unknown, keyArn?: string, keyId?: string): string {
  let text = canonical(statement).replace(KEY_ARN, '<key>');
  if (keyArn !== undefined) text = text.split(keyArn).join('<key>');
  if (keyId !== undefined) text = text.split(keyId).join('<key-id>');
  return text.replace(KEY_ID, '<key-id>');
}

/** JSON with object keys sorted: equal for statements that differ only in key order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Sids the stack writes whatever the consumers: the owner's statements, taken from the functions
 * that write them (every deny of an SSE-KMS bucket with a key ID, the access-points delegation and
 * the key's owner-root statement), so that a new owner statement is known here at once.
 */
const STACK_FIXED_SIDS: readonly string[] = [
  ...ownerBucketStatements({
    bucketArn: 'b',
    ownerAccountId: '0',
    keyArn: 'k',
    keyId: 'i',
    minimumTlsVersion: '1.3',
  }).map((s) => s.Sid),
  delegateToAccessPoints('b', '0', []).Sid,
  OWNER_ROOT_KEY_SID,
];

/**
 * The form of a grant's Sids: a consumer's Sid part (none in an identity policy), a Sid suffix of
 * any access level (`ReadObjects`, `ListBucket`, `UseBucketKey` …, from `ACCESS_LEVEL_TABLE`) or of
 * the network perimeter's deny (`DenyOutsideItsNetwork`), and
 * `And<N>More` when statements were merged. Sid suffixes are letters and digits (Sids allow no
 * other characters), so they need no escaping.
 */
const GRANT_SID = new RegExp(`^[A-Za-z0-9]*(${[...GRANT_SID_SUFFIXES, NETWORK_SID_SUFFIX].join('|')})(And\\d+More)?$`);

/**
 * True for a Sid of the form this stack writes: the owner's statements, and a grant's
 * `<Consumer>(Read|Write|ReadWrite)Objects`, `<Consumer>ListBucket` or `<Consumer>UseBucketKey`
 * (see {@link GRANT_SID}), merged as `…And<N>More`. A current policy taken from the live bucket
 * after a deploy holds such statements; the stack writes its own anew, so they must not be carried
 * over as "current".
 */
export function isStackSid(sid: unknown, othersSids: readonly string[] = []): boolean {
  if (typeof sid !== 'string' || othersSids.includes(sid)) return false;
  return STACK_FIXED_SIDS.includes(sid) || GRANT_SID.test(sid);
}

/**
 * The statements of a current policy that belong to others (see {@link isStackSid}): what the
 * merged policy keeps first.
 * @param othersSids Sids of the stack's form that count as others' in this policy (see {@link MergeOptions})
 */
export function othersStatements(
  current: CurrentPolicy | undefined,
  othersSids: readonly string[] = [],
): CurrentStatement[] {
  return (current?.statements ?? []).filter((s) => !isStackSid(s.Sid, othersSids));
}

/** Options of {@link mergeWithCurrent}. */
export interface MergeOptions {
  /**
   * The key ARN as the stack's statements hold it (a reference for a new key).
   * @default undefined
   */
  readonly keyArn?: string;
  /**
   * The key ID as the stack's statements hold it (a reference for a new key).
   * @default undefined
   */
  readonly keyId?: string;
  /**
   * Sids of the stack's form that the stack does not write into this policy and keeps as the
   * current policy has them (an adopted key's `EnableOwnerAccountIamPolicies`).
   * @default []
   */
  readonly othersSids?: readonly string[];
}

/**
 * The current statements of others, in their order and unchanged (but escaped for Terraform, see
 * {@link escapeForTerraform}), followed by the stack's statements. A current statement with a
 * Sid of the stack's form (see {@link isStackSid}) must be one the stack writes now, identical
 * but for the key's ARN (the stack's may hold the reference to a new key): it is then written
 * once, among the stack's. Otherwise it is a conflict: a statement of an
 * earlier deploy that the stack no longer writes (a consumer removed since: carrying it over
 * would keep the grant), or another's statement whose Sid collides.
 * @returns the merged statements and one message per conflicting statement
 */
export function mergeWithCurrent(
  current: CurrentPolicy | undefined,
  ours: readonly Statement[],
  options: MergeOptions = {},
): { statements: Statement[]; conflicts: string[] } {
  if (current === undefined) return { statements: [...ours], conflicts: [] };
  const { keyArn, keyId, othersSids = [] } = options;
  const oursBySid = new Map(ours.map((s) => [s.Sid, s]));
  const conflicts: string[] = [];
  for (const s of current.statements) {
    if (!isStackSid(s.Sid, othersSids)) continue;
    const mine = oursBySid.get(s.Sid);
    if (mine === undefined) {
      conflicts.push(
        `${current.source}: statement Sid "${s.Sid}" has the form of the Sids this stack writes, but the stack does not write it now: if an earlier deploy wrote it (a consumer removed since), remove it from the file, or it would keep that grant; if it is another's statement, rename its Sid`,
      );
    } else if (comparable(mine, keyArn, keyId) !== comparable(s)) {
      conflicts.push(
        `${current.source}: statement Sid "${s.Sid}" is also a Sid of this stack's statements, with other content; if an earlier deploy wrote it, remove it from the file (the stack writes its own); if it is another's statement, rename its Sid`,
      );
    }
  }
  return { statements: [...othersStatements(current, othersSids).map(escapeForTerraform), ...ours], conflicts };
}

/**
 * A current statement made safe to place in Terraform JSON: `${` and `%{` (policy variables such
 * as `${aws:username}`) are escaped as `$${` and `%%{`, so Terraform passes them through literally.
 * https://developer.hashicorp.com/terraform/language/expressions/strings#escape-sequences
 */
export function escapeForTerraform(statement: CurrentStatement): CurrentStatement {
  const walk = (v: unknown): unknown =>
    typeof v === 'string'
      ? v.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{')
      : Array.isArray(v)
        ? v.map(walk)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [walk(k) as string, walk(x)]))
          : v;
  return walk(statement) as CurrentStatement;
}
