/**
 * Every config of the compatibility corpus, synthesized, lints clean: no error in any policy of any
 * stack (bucket, key, access point, trust and identity policies), as `npm run verify` lints them.
 */
import { formatFinding, lintStack, stackTargets } from '../../modules/lint';
import type { Finding, PolicyKind } from '../../modules/lint';
import { readCorpus } from '../compat/synth-corpus';
import { corpusStacks } from './corpus-policies';

jest.setTimeout(120_000);

test('every synthesized config of the corpus lints without an error', async () => {
  const errors: string[] = [];
  const warnings: Finding[] = [];
  const kinds = new Map<PolicyKind, number>();
  let [stacks, policies, kept, refused] = [0, 0, 0, 0];
  for (const [i, entry] of readCorpus().entries()) {
    const result = corpusStacks(entry, i);
    if ('error' in result) {
      refused++;
      continue;
    }
    for (const s of result) {
      stacks++;
      for (const t of stackTargets(s.model, s.policies)) {
        kinds.set(t.kind, (kinds.get(t.kind) ?? 0) + 1);
        kept += t.kept?.length ?? 0;
      }
      const r = await lintStack(s.model, s.policies);
      policies += r.policies;
      for (const f of r.findings) {
        if (f.severity === 'error') errors.push(`#${i} (${entry.test}) ${formatFinding(s.model.name, f)}`);
        else warnings.push(f);
      }
    }
  }
  expect(errors).toEqual([]);
  // Kept statements of the corpus's current policies are others' and lint clean too.
  expect(warnings).toEqual([]);
  // The corpus reaches every kind of policy, and statements kept from current policies.
  expect(stacks).toBeGreaterThanOrEqual(70);
  expect(refused).toBeLessThan(10);
  expect(policies).toBeGreaterThan(3000);
  expect([...kinds.keys()].sort()).toEqual(['access-point', 'bucket', 'identity', 'key', 'trust']);
  expect(kept).toBeGreaterThan(10);
});
