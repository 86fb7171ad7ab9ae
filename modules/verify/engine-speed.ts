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
 * When a later release moves or renames either function, that speed-up is left out and nothing
 * else changes ({@link engineSpeedUps} says which apply): the engine's answers never depend on
 * this file.
 */
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

/** The most resource-type answers kept (the oldest go first). */
const MEMO_SIZE = 20_000;

type Module = Record<string, unknown>;

/**
 * The CommonJS module `relative` to the main file of `pkg`, as the engine resolves `pkg` (its own
 * copy of iam-policy, when it has one), or undefined.
 */
function engineModule(pkg: string, relative: string): Module | undefined {
  try {
    const engine = require.resolve('@cloud-copilot/iam-simulate');
    const main = pkg === '@cloud-copilot/iam-simulate' ? engine : createRequire(engine).resolve(pkg);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(join(dirname(main), relative)) as Module;
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
  const resourceTypes = engineModule('@cloud-copilot/iam-simulate', 'simulation_engine/resourceTypes.js');
  let resourceTypesMemo = false;
  const original = resourceTypes?.getResourceTypesForAction;
  if (resourceTypes !== undefined && typeof original === 'function' && original.length === 3) {
    const known = new Map<string, Promise<unknown[]>>();
    resourceTypes.getResourceTypesForAction = (service: string, action: string, resource: string) => {
      const key = `${service}\0${action}\0${resource}`;
      let answer = known.get(key);
      if (answer === undefined) {
        answer = (original as (s: string, a: string, r: string) => Promise<unknown[]>)(service, action, resource);
        if (known.size >= MEMO_SIZE) known.delete(known.keys().next().value!);
        known.set(key, answer);
        answer.catch(() => known.delete(key));
      }
      return answer.then((list) => [...list]);
    };
    resourceTypesMemo = true;
  }
  const utils = engineModule('@cloud-copilot/iam-policy', 'utils.js');
  let sharedCollator = false;
  if (
    utils !== undefined &&
    typeof utils.caseInsensitiveEquals === 'function' &&
    typeof utils.caseInsensitiveEndsWith === 'function'
  ) {
    const collator = new Intl.Collator(undefined, { sensitivity: 'accent' });
    const equals = (first: string, second: string) => collator.compare(first, second) === 0;
    utils.caseInsensitiveEquals = equals;
    // The library's own version calls its local caseInsensitiveEquals: replaced alike.
    utils.caseInsensitiveEndsWith = (value: string, suffix: string) => equals(value.slice(suffix.length * -1), suffix);
    sharedCollator = true;
  }
  installed = { resourceTypesMemo, sharedCollator };
  return installed;
}
