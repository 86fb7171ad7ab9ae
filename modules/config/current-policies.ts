/** The current policies an entry's owner names (existing bucket, adopted key): read, parsed, checked. */
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { bucketArn, partitionOf } from '../policy/arn';
import { CurrentPolicy, parseCurrentPolicy } from '../policy/current';
import { ProviderSubject, checkAdoptedKeyLockout, formatPath } from '../rules';
import { ConfigProblem } from './problems';

/** What parsed of an entry that names current-policy files. */
export interface PolicyFilesEntry {
  readonly region?: string;
  /** Undefined when the owner is invalid. */
  readonly owner?: {
    readonly accountId: string;
    readonly bucketName: string;
    readonly provider?: ProviderSubject;
    readonly existingBucket?: { readonly currentPolicyFile: string | null };
    readonly adoptKey?: { readonly currentPolicyFile: string; readonly deployerIsKeyAdministrator?: boolean };
  };
}

/** The current policies an entry's owner names, read and parsed. */
export interface CurrentPolicies {
  readonly bucket?: CurrentPolicy;
  readonly key?: CurrentPolicy;
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
  if (file === undefined || file === null) return undefined;
  const full = resolvePath(baseDir, file);
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch (e) {
    problems.push({ path: formatPath(path), value: file, rule: `cannot be read: ${(e as Error).message}` });
    return undefined;
  }
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
  };
}
