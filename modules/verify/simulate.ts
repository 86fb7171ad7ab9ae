/**
 * One request through the IAM policy evaluation engine (@cloud-copilot/iam-simulate, AGPL-3.0,
 * a devDependency used only by `verify` and the tests), with two guards:
 *
 * 1. Anything the engine did not evaluate fully is a failure, never a pass: a validation error,
 *    or a context key it dropped (`ignoredContextKeys`).
 * 2. The engine drops context keys it does not expect for the resource (see STAND_INS), among
 *    them every `kms:EncryptionContext:<key>` context key (its action table lists the
 *    key only as the template `kms:EncryptionContext:${EncryptionContextKey}`), so a key-policy
 *    condition on `kms:EncryptionContext:aws:s3:arn` could never match. Workaround: before the
 *    evaluation, that condition key is renamed, in every policy and in the request alike, to a
 *    stand-in KMS key the engine does evaluate for the action (`kms:RequestAlias`, a string key
 *    none of our policies use). Operators, wildcards and `…IfExists` then behave as AWS applies them
 *    to the real key. A policy that already uses the stand-in is refused, so the rename cannot
 *    change a decision.
 * 3. The engine refuses an action on a resource type its action table does not list for it, and
 *    the table lists only the bucket for `s3:ListBucketMultipartUploads`, which S3 also takes
 *    through an access point (see ACTION_STAND_INS).
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { PolicyDocument } from '../policy/document';
import { engineSpeedUps } from './engine-speed';

engineSpeedUps();

/** The condition key the engine drops: the S3 object or bucket ARN in the KMS encryption context. */
export const ENCRYPTION_CONTEXT_KEY = 'kms:EncryptionContext:aws:s3:arn';
/** The key {@link ENCRYPTION_CONTEXT_KEY} is evaluated under (see STAND_INS). */
export const ENCRYPTION_CONTEXT_STAND_IN = 'kms:RequestAlias';

/**
 * Condition keys the engine drops, each with the stand-in it is evaluated under. Besides the
 * encryption context: the engine accepts `s3:DataAccessPointAccount` and `s3:DataAccessPointArn`
 * only on access point resources, while AWS also sets them when it evaluates the bucket policy
 * behind an access point; they stand in as global string keys none of our policies use (the
 * request's user agent and referer: `aws:SourceVpc` and `aws:SourceVpce` served until the network
 * perimeter put them into policies).
 */
export const STAND_INS: ReadonlyArray<readonly [string, string]> = [
  [ENCRYPTION_CONTEXT_KEY, ENCRYPTION_CONTEXT_STAND_IN],
  ['s3:DataAccessPointAccount', 'aws:UserAgent'],
  ['s3:DataAccessPointArn', 'aws:Referer'],
];

/**
 * Actions the engine refuses on an access point ARN although S3 takes them through an access
 * point, each with the stand-in it is evaluated under there: an S3 action that the engine accepts
 * on access points, with the same condition keys as far as our requests set them, and that none of
 * our policies use. The rename applies to the request and to every `Action` and `NotAction` of
 * its policies; a policy whose action patterns match one of the pair and not the other (a
 * wildcard, or the stand-in itself) is refused, so the rename cannot change a decision.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-service-api-support.html
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
 */
export const ACTION_STAND_INS: ReadonlyArray<readonly [string, string]> = [
  ['s3:ListBucketMultipartUploads', 's3:GetBucketNotification'],
];

/** True when the IAM action pattern (`*` and `?` wildcards, any case) matches the action. */
function actionMatches(pattern: string, action: string): boolean {
  const source = pattern
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'i').test(action);
}

/** The statements of a policy document, as the grammar allows them (one object or a list). */
function statementsOf(policy: unknown): Array<Record<string, unknown>> {
  if (policy === null || typeof policy !== 'object') return [];
  const st = (policy as { Statement?: unknown }).Statement;
  return (Array.isArray(st) ? st : st === undefined ? [] : [st]) as Array<Record<string, unknown>>;
}

/**
 * The policy with `from` renamed to `to` in its `Action` and `NotAction` elements, or a problem when
 * one of its other patterns (a wildcard, or `to` itself) matches only one of the two.
 */
function renameAction(policy: unknown, from: string, to: string): { policy: unknown } | { problem: string } {
  for (const st of statementsOf(policy)) {
    for (const element of ['Action', 'NotAction']) {
      const value = st[element];
      for (const pattern of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
        if (typeof pattern !== 'string' || pattern.toLowerCase() === from.toLowerCase()) continue;
        if (actionMatches(pattern, from) !== actionMatches(pattern, to)) {
          return { problem: `a policy's action ${pattern} matches only one of ${from} and its stand-in ${to}` };
        }
      }
    }
  }
  if (policy === null || typeof policy !== 'object') return { policy };
  const rename = (v: unknown): unknown =>
    typeof v === 'string' && v.toLowerCase() === from.toLowerCase() ? to : Array.isArray(v) ? v.map(rename) : v;
  const statements = statementsOf(policy).map((st) => ({
    ...st,
    ...('Action' in st ? { Action: rename(st.Action) } : {}),
    ...('NotAction' in st ? { NotAction: rename(st.NotAction) } : {}),
  }));
  return { policy: { ...(policy as object), Statement: statements } };
}

/** True for an access point ARN (not an object through it). */
function isAccessPoint(resource: string): boolean {
  return /:accesspoint\/[^/]+$/.test(resource);
}

/** One request to evaluate. */
export interface SimRequest {
  /** Principal ARN making the request. */
  readonly principal: string;
  /** The IAM action, `service:Action` (`s3:GetObject`). */
  readonly action: string;
  /** Resource ARN. */
  readonly resource: string;
  /** The account that owns the resource, 12 digits. */
  readonly resourceAccount: string;
  /**
   * Request context: condition key → value(s), such as `aws:SecureTransport` or `s3:prefix`.
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
   */
  readonly context: Record<string, string | string[]>;
  /** The principal's identity policies, each with its name. */
  readonly identityPolicies: ReadonlyArray<{
    /** The policy's name (an inline policy's name, for messages). */
    name: string;
    /** The policy document. */
    policy: PolicyDocument;
  }>;
  /**
   * Bucket, key or trust policy of the resource.
   * @default undefined: the resource has no resource policy
   */
  readonly resourcePolicy?: PolicyDocument;
}

/** The engine's verdict. */
export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

/** A verdict, or why the engine could not give one reliably. */
export interface SimResult {
  /**
   * The engine's verdict.
   * @default undefined: the engine gave none (see `problems`)
   */
  readonly decision?: Decision;
  /** Validation errors and dropped context keys; a non-empty list means the result is unusable. */
  readonly problems: string[];
}

/** Whether the stand-in renames are applied (on by default; tests switch them off to show the gap). */
export interface SimulateOptions {
  /**
   * Evaluate the condition keys the engine drops under their stand-ins (see STAND_INS), and the
   * actions it refuses on access points under theirs (see ACTION_STAND_INS); off, a condition on
   * those keys cannot match and those requests are not evaluated, so the rows that depend on them
   * fail.
   * @default true
   */
  readonly encryptionContextWorkaround?: boolean;
}

function renameKey(value: unknown, from: string, to: string): unknown {
  if (Array.isArray(value)) return value.map((v) => renameKey(v, from, to));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k.toLowerCase() === from.toLowerCase() ? to : k, renameKey(v, from, to)]),
    );
  }
  return value;
}

function usesKey(value: unknown, key: string): boolean {
  return JSON.stringify(value).toLowerCase().includes(`"${key.toLowerCase()}"`);
}

/**
 * A policy with every key of `pairs` renamed to its stand-in, or a problem when it already uses a
 * stand-in. Kept per policy object and set of pairs: a stack's matrix evaluates the same policies
 * many times.
 */
const withStandIns = new WeakMap<object, Map<string, { policy: unknown } | { problem: string }>>();

function standInPolicy(
  policy: unknown,
  pairs: ReadonlyArray<readonly [string, string]>,
): { policy: unknown } | { problem: string } {
  if (policy === null || typeof policy !== 'object' || pairs.length === 0) return { policy };
  const byPairs = withStandIns.get(policy) ?? new Map<string, { policy: unknown } | { problem: string }>();
  withStandIns.set(policy, byPairs);
  const id = pairs.map(([key]) => key).join(' ');
  const known = byPairs.get(id);
  if (known) return known;
  let renamed: unknown = policy;
  let result: { policy: unknown } | { problem: string } | undefined;
  for (const [key, standIn] of pairs) {
    if (usesKey(renamed, standIn)) {
      result = { problem: `a policy already uses ${standIn}, the stand-in for ${key}` };
      break;
    }
    renamed = renameKey(renamed, key, standIn);
  }
  result ??= { policy: renamed };
  byPairs.set(id, result);
  return result;
}

/**
 * Verdicts of recent requests, by the request and the workaround switch as JSON, at most
 * {@link RESULT_CACHE_SIZE} (the oldest go first). The engine is deterministic, and the matrices of
 * a stack, of its split stacks and of its variants repeat many requests: a third to a half of them
 * in the tests.
 */
const results = new Map<string, SimResult>();
const RESULT_CACHE_SIZE = 20_000;

/** Policies {@link sealPolicy} froze: only these are keyed by number (see {@link policyKey}). */
const sealedPolicies = new WeakSet<object>();

/** Freezes every object and array of a JSON value (an object frozen already may hold unfrozen ones). */
function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}

/**
 * The policy, frozen to its depth, so that {@link simulate} may key its verdicts by the policy's
 * number instead of its text (verify's own policies, read from the synthesized JSON, are sealed).
 * @returns the same object
 */
export function sealPolicy<T>(policy: T): T {
  if (policy !== null && typeof policy === 'object') {
    deepFreeze(policy);
    sealedPolicies.add(policy);
  }
  return policy;
}

/**
 * Numbers of sealed policies, the same for policies of the same JSON text: the text is written once
 * per sealed object, not at every request. Any other object is keyed by its text, as it may change
 * between two requests.
 */
const policyNumbers = new WeakMap<object, number>();
/** Numbers by policy text, at most {@link RESULT_CACHE_SIZE} (then forgotten: later texts get new numbers). */
const numbersByText = new Map<string, number>();
let nextPolicyNumber = 0;

function policyKey(policy: unknown): number | string {
  if (policy === null || typeof policy !== 'object') return `${typeof policy}:${String(policy)}`;
  if (!sealedPolicies.has(policy)) return JSON.stringify(policy);
  let number = policyNumbers.get(policy);
  if (number === undefined) {
    const text = JSON.stringify(policy);
    number = numbersByText.get(text);
    if (number === undefined) {
      if (numbersByText.size >= RESULT_CACHE_SIZE) numbersByText.clear();
      number = nextPolicyNumber++;
      numbersByText.set(text, number);
    }
    policyNumbers.set(policy, number);
  }
  return number;
}

/** Evaluates one request (the verdict of an identical earlier request, when it is still kept). */
export async function simulate(request: SimRequest, options: SimulateOptions = {}): Promise<SimResult> {
  const key = JSON.stringify([
    request.principal,
    request.action,
    request.resource,
    request.resourceAccount,
    request.context,
    request.identityPolicies.map((p) => [p.name, policyKey(p.policy)]),
    policyKey(request.resourcePolicy),
    options.encryptionContextWorkaround ?? true,
  ]);
  const known = results.get(key);
  if (known) return { ...known, problems: [...known.problems] };
  const result = await evaluate(request, options);
  results.set(key, result);
  if (results.size > RESULT_CACHE_SIZE) results.delete(results.keys().next().value!);
  return { ...result, problems: [...result.problems] };
}

async function evaluate(request: SimRequest, options: SimulateOptions): Promise<SimResult> {
  const workaround = options.encryptionContextWorkaround ?? true;
  let identity: Array<{ name: string; policy: unknown }> = request.identityPolicies.map((p) => ({ ...p }));
  let resourcePolicy: unknown = request.resourcePolicy;
  let context: Record<string, string | string[]> = { ...request.context };
  if (workaround) {
    // Only the keys the request carries are renamed: a policy's condition on a key the request
    // lacks decides as for an absent key whether it is renamed or not, and a stand-in a kept
    // statement uses (aws:Referer in a legacy hotlink rule) then stops only the requests that
    // need that stand-in.
    const pairs = STAND_INS.filter(([key]) => usesKey(context, key));
    for (const [key, standIn] of pairs) {
      if (usesKey(context, standIn)) {
        return { problems: [`a policy already uses ${standIn}, the stand-in for ${key}`] };
      }
      context = renameKey(context, key, standIn) as Record<string, string | string[]>;
    }
    const policies = [...identity.map((p) => p.policy), resourcePolicy].map((p) => standInPolicy(p, pairs));
    const problem = policies.find((p) => 'problem' in p);
    if (problem && 'problem' in problem) return { problems: [problem.problem] };
    const renamed = policies.map((p) => ('policy' in p ? p.policy : undefined));
    identity = identity.map((p, i) => ({ name: p.name, policy: renamed[i] }));
    resourcePolicy = renamed[identity.length];
  }
  let action = request.action;
  const actionStandIn = ACTION_STAND_INS.find(([from]) => from.toLowerCase() === action.toLowerCase());
  if (workaround && actionStandIn !== undefined && isAccessPoint(request.resource)) {
    const [from, to] = actionStandIn;
    const policies = [...identity.map((p) => p.policy), resourcePolicy].map((p) => renameAction(p, from, to));
    const problem = policies.find((p) => 'problem' in p);
    if (problem && 'problem' in problem) return { problems: [problem.problem] };
    const renamed = policies.map((p) => ('policy' in p ? p.policy : undefined));
    identity = identity.map((p, i) => ({ name: p.name, policy: renamed[i] }));
    resourcePolicy = renamed[identity.length];
    action = to;
  }
  const result = await runSimulation(
    {
      request: {
        principal: request.principal,
        action,
        resource: { resource: request.resource, accountId: request.resourceAccount },
        contextVariables: context,
      },
      identityPolicies: identity,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy,
    },
    {},
  );
  if (result.resultType === 'error') {
    return { problems: [`simulation error: ${result.errors.message} ${JSON.stringify(result.errors)}`] };
  }
  const ignored =
    result.resultType === 'single'
      ? (result.result.ignoredContextKeys ?? [])
      : result.results.flatMap((r) => r.ignoredContextKeys ?? []);
  const problems = ignored.map((k) => `the engine ignored the context key ${k}`);
  return { decision: result.overallResult, problems };
}
