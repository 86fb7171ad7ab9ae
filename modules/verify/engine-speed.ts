/**
 * Two speed-ups of the policy evaluation engine (@cloud-copilot/iam-simulate 0.1.173 with
 * @cloud-copilot/iam-policy 0.1.109 and @cloud-copilot/iam-utils 0.1.82, the newest releases on
 * 2026-12-06), each the same function with the same answers, installed where the engine's
 * CommonJS build looks them up at every call. Measured on the unit tests (`npm run bench`,
 * BENCHMARKS.md), they took 19 % of the CPU time:
 *
 * 1. `getResourceTypesForAction(service, action, resource)` intersects pattern automata of every
 *    resource type of the action on every request. Its answer depends on its three strings and
 *    the engine's bundled action data only, so it is kept per arguments here (a copy of the list
 *    each call; callers only read it).
 * 2. `caseInsensitiveEquals(a, b)` (and `caseInsensitiveEndsWith`, which compares the value's end
 *    with it) is `a.localeCompare(b, undefined, { sensitivity: 'accent' })`:
 *    V8 builds a new ICU collator for every such call. A collator made once with the same
 *    options compares the same way (ECMA-402: `localeCompare` with these arguments is
 *    `new Intl.Collator(undefined, options).compare`), without the build.
 *
 * A speed-up is installed only where the function's text is the one checked here (see
 * CHECKED_SOURCES): when a later release moves, renames or changes a function, that speed-up is
 * left out and nothing else changes ({@link engineSpeedUps} says which apply). A call with more
 * arguments than the three goes to the engine's own function.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Which speed-ups are installed: `false` where the engine's internals were not where expected. */
export interface EngineSpeedUps {
  /** `getResourceTypesForAction` answers from memory for arguments it has seen. */
  readonly resourceTypesMemo: boolean;
  /** `caseInsensitiveEquals` and `caseInsensitiveEndsWith` use one collator. */
  readonly sharedCollator: boolean;
}

let installed: EngineSpeedUps | undefined;

/** The resource-type answers kept, for the tests. */
let memoOfResourceTypes: Map<string, unknown> | undefined;

/** How many resource-type answers are kept (0 without the speed-up); for the tests. */
export function keptResourceTypeAnswers(): number {
  return memoOfResourceTypes?.size ?? 0;
}

/** The most resource-type answers kept (the oldest go first). */
const MEMO_SIZE = 20_000;

/**
 * The sources this file was checked against (iam-simulate 0.1.173, iam-policy 0.1.109), as SHA-256
 * prefixes of the function's text with runs of white space made one space. A release that changes
 * a function's text leaves it alone: its behaviour may differ from what the replacement assumes.
 */
const CHECKED_SOURCES = {
  getResourceTypesForAction: 'd4c6ac87445a42f6',
  caseInsensitiveEquals: '855a3fc5c3440bd8',
  caseInsensitiveEndsWith: 'd5c899c689701084',
} as const;

/** The options `caseInsensitiveEquals` passes to `localeCompare`, as its module declares them. */
const COMPARE_OPTIONS_DECLARATION = "const caseInsensitiveCompareOptions = { sensitivity: 'accent' };";

function sourceIs(fn: unknown, name: keyof typeof CHECKED_SOURCES): boolean {
  if (typeof fn !== 'function') return false;
  const text = Function.prototype.toString.call(fn).replace(/\s+/g, ' ');
  return createHash('sha256').update(text).digest('hex').startsWith(CHECKED_SOURCES[name]);
}

type Module = Record<string, unknown>;

/**
 * The CommonJS module `relative` to the main file of `pkg`, as the engine resolves `pkg` (its own
 * copy of iam-policy, when it has one), or undefined.
 */
function engineModule(pkg: string, relative: string): { module: Module; path: string } | undefined {
  try {
    const engine = require.resolve('@cloud-copilot/iam-simulate');
    const main = pkg === '@cloud-copilot/iam-simulate' ? engine : createRequire(engine).resolve(pkg);
    const path = join(dirname(main), relative);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return { module: require(path) as Module, path };
  } catch {
    return undefined;
  }
}

/**
 * Installs the speed-ups once per process (later calls return the first result).
 * @returns which of the two are in place
 */
export function engineSpeedUps(): EngineSpeedUps {
  if (installed !== undefined) return installed;
  const resourceTypes = engineModule('@cloud-copilot/iam-simulate', 'simulation_engine/resourceTypes.js')?.module;
  let resourceTypesMemo = false;
  const original = resourceTypes?.getResourceTypesForAction as
    ((service: string, action: string, resource: string, ...rest: unknown[]) => Promise<unknown[]>) | undefined;
  if (resourceTypes !== undefined && original !== undefined && sourceIs(original, 'getResourceTypesForAction')) {
    const known = new Map<string, Promise<unknown[]>>();
    resourceTypes.getResourceTypesForAction = (
      service: string,
      action: string,
      resource: string,
      ...rest: unknown[]
    ) => {
      if (rest.length > 0) return original(service, action, resource, ...rest);
      const key = JSON.stringify([service, action, resource]);
      let answer = known.get(key);
      if (answer === undefined) {
        answer = original(service, action, resource);
        if (known.size >= MEMO_SIZE) known.delete(known.keys().next().value!);
        known.set(key, answer);
        answer.catch(() => known.delete(key));
      }
      return answer.then((list) => [...list]);
    };
    memoOfResourceTypes = known;
    resourceTypesMemo = true;
  }
  const utils = engineModule('@cloud-copilot/iam-policy', 'utils.js');
  let sharedCollator = false;
  if (
    utils !== undefined &&
    sourceIs(utils.module.caseInsensitiveEquals, 'caseInsensitiveEquals') &&
    sourceIs(utils.module.caseInsensitiveEndsWith, 'caseInsensitiveEndsWith') &&
    readFileSync(utils.path, 'utf8').includes(COMPARE_OPTIONS_DECLARATION)
  ) {
    const collator = new Intl.Collator(undefined, { sensitivity: 'accent' });
    const equals = (first: string, second: string) => collator.compare(first, second) === 0;
    utils.module.caseInsensitiveEquals = equals;
    // The library's own version calls its local caseInsensitiveEquals: replaced alike.
    utils.module.caseInsensitiveEndsWith = (value: string, suffix: string) =>
      equals(value.slice(suffix.length * -1), suffix);
    sharedCollator = true;
  }
  installed = { resourceTypesMemo, sharedCollator };
  return installed;
}
