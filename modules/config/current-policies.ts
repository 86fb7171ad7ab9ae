/** The current policies an entry's owner names (existing bucket, adopted key): read, parsed, checked. */
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { bucketArn, partitionOf } from '../policy/arn';
import { CurrentPolicy, parseCurrentPolicy } from '../policy/current';
import { CurrentLifecycle, LIFECYCLE_RULE_IDS, parseCurrentLifecycle } from '../policy/lifecycle';
import { ProviderSubject, checkAdoptedKeyLockout, formatPath } from '../rules';
import { ConfigProblem } from './problems';

/** What parsed of an entry that names current-policy files. */
export interface PolicyFilesEntry {
  /**
   * The entry's region.
   * @default undefined: invalid; the bucket policy's resources and the key lockout are not checked
   */
  readonly region?: string;
  /**
   * The entry's owner.
   * @default undefined: the owner is invalid, no file is read
   */
  readonly owner?: {
    /** The owner account, 12 digits. */
    readonly accountId: string;
    /** The shared bucket's name. */
    readonly bucketName: string;
    /**
     * How the stack signs in to the owner account (its `assumeRoleArn` may administer an adopted key).
     * @default undefined: the ambient credentials
     */
    readonly provider?: ProviderSubject;
    /**
     * The existing bucket, with the path of its current policy (null: it has none).
     * @default undefined: no bucket policy file
     */
    readonly existingBucket?: { readonly currentPolicyFile: string | null };
    /**
     * The lifecycle settings, with the path of an adopted bucket's current rules (null: it has none).
     * @default undefined: no lifecycle file
     */
    readonly lifecycle?: {
      /**
       * The file's path; null when the bucket has no rules.
       * @default undefined: none given
       */
      readonly currentRulesFile?: string | null;
    };
    /**
     * The adopted key, with the path of its current key policy.
     * @default undefined: no key policy file
     */
    readonly adoptKey?: {
      readonly currentPolicyFile: string;
      /**
       * The deployer is confirmed as the key's administrator: the lockout rule is skipped.
       * @default false
       */
      readonly deployerIsKeyAdministrator?: boolean;
    };
  };
}

/** The current policies an entry's owner names, read and parsed. */
export interface CurrentPolicies {
  /**
   * The existing bucket's current policy.
   * @default undefined: no file named, or it failed (a problem says why)
   */
  readonly bucket?: CurrentPolicy;
  /**
   * The adopted key's current key policy.
   * @default undefined: no file named, or it failed (a problem says why)
   */
  readonly key?: CurrentPolicy;
  /**
   * The adopted bucket's current lifecycle rules.
   * @default undefined: no file named, null, or it failed (a problem says why)
   */
  readonly lifecycle?: CurrentLifecycle;
}

/**
 * The text of the file a config field names (relative to `baseDir`), and its full path; undefined
 * when the field names none (undefined or null) or the file cannot be read (a problem says why).
 */
function readNamedFile(
  file: string | null | undefined,
  path: PropertyKey[],
  baseDir: string,
  problems: ConfigProblem[],
): { full: string; text: string } | undefined {
  if (file === undefined || file === null) return undefined;
  const full = resolvePath(baseDir, file);
  try {
    return { full, text: readFileSync(full, 'utf8') };
  } catch (e) {
    problems.push({ path: formatPath(path), value: file, rule: `cannot be read: ${(e as Error).message}` });
    return undefined;
  }
}

/**
 * Reads the file at `path` (relative to `baseDir`) and parses it as a current lifecycle
 * configuration; its rule IDs must not be those of the stack's rules.
 */
function readLifecycle(
  file: string | null | undefined,
  path: PropertyKey[],
  baseDir: string,
  problems: ConfigProblem[],
): CurrentLifecycle | undefined {
  const read = readNamedFile(file, path, baseDir, problems);
  if (read === undefined) return undefined;
  const { full, text } = read;
  const parsed = parseCurrentLifecycle(text);
  const ours: readonly string[] = Object.values(LIFECYCLE_RULE_IDS);
  const clash = parsed.rules?.find((r) => ours.includes(r.id));
  const broken =
    parsed.broken ??
    (clash !== undefined
      ? `has the rule ID "${clash.id}", an ID of the stack's own rules: take that rule out of the file (the stack writes its own)`
      : undefined);
  if (broken !== undefined || parsed.rules === undefined) {
    problems.push({ path: formatPath(path), value: file, rule: broken ?? 'is not a lifecycle configuration' });
    return undefined;
  }
  return {
    source: `${formatPath(path)} (${full})`,
    rules: parsed.rules,
    ...(parsed.transitionDefaultMinimumObjectSize !== undefined
      ? { transitionDefaultMinimumObjectSize: parsed.transitionDefaultMinimumObjectSize }
      : {}),
  };
}

/**
 * Reads the file at `path` (relative to `baseDir`) and parses it as a current policy.
 * @param resourceArn the bucket, whose policy may name only it and its objects
 */
function readPolicy(
  file: string | null | undefined,
  path: PropertyKey[],
  baseDir: string,
  problems: ConfigProblem[],
  resourceArn?: string,
): CurrentPolicy | undefined {
  const read = readNamedFile(file, path, baseDir, problems);
  if (read === undefined) return undefined;
  const { full, text } = read;
  const parsed = parseCurrentPolicy(text, resourceArn);
  if (parsed.statements === undefined) {
    problems.push({ path: formatPath(path), value: file, rule: parsed.broken ?? 'is not a policy' });
    return undefined;
  }
  return { source: `${formatPath(path)} (${full})`, statements: parsed.statements };
}

/**
 * Reads the current policies entry `si` names; pushes a problem for each file that fails, and the
 * adopted key's lockout rule (`checkAdoptedKeyLockout`).
 */
export function readCurrentPolicies(
  stack: PolicyFilesEntry,
  si: number,
  baseDir: string,
  problems: ConfigProblem[],
): CurrentPolicies {
  const op: PropertyKey[] = ['stacks', si, 'owner'];
  const { owner, region } = stack;
  const arn =
    owner !== undefined && region !== undefined ? bucketArn(partitionOf(region), owner.bucketName) : undefined;
  const key = readPolicy(
    owner?.adoptKey?.currentPolicyFile,
    [...op, 'adoptKey', 'currentPolicyFile'],
    baseDir,
    problems,
  );
  if (key !== undefined && owner?.adoptKey !== undefined && region !== undefined) {
    for (const p of checkAdoptedKeyLockout({ ...owner, adoptKey: owner.adoptKey, region, currentKeyPolicy: key })) {
      problems.push({ path: formatPath([...op, ...p.path]), value: p.value, rule: p.rule });
    }
  }
  const bucketFile = owner?.existingBucket?.currentPolicyFile;
  return {
    bucket: readPolicy(bucketFile, [...op, 'existingBucket', 'currentPolicyFile'], baseDir, problems, arn),
    key,
    lifecycle: readLifecycle(
      owner?.lifecycle?.currentRulesFile,
      [...op, 'lifecycle', 'currentRulesFile'],
      baseDir,
      problems,
    ),
  };
}
