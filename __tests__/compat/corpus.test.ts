/**
 * The compatibility corpus (79 configs, `synth-corpus.ts`), synthesized once for two checks:
 * - The config contract across the library redesign: every config the test suite synthesized
 *   before it gives byte-identical Terraform JSON (and the same synth errors) now. A deliberate
 *   difference is re-recorded with `scripts/compat-golden.ts` and listed in the commit and the
 *   closing note.
 * - Every synthesized config lints clean: no error in any policy of any stack (bucket, key, access
 *   point, trust and identity policies), as `npm run verify` lints them.
 */
import { formatFinding, lintStack, stackTargets } from '../../modules/lint';
import type { Finding, PolicyKind } from '../../modules/lint';
import { corpusStacks } from '../lint/corpus-policies';
import { CorpusResult, readCorpus, readGolden, synthCorpusEntry } from './synth-corpus';

const corpus = readCorpus();
const golden = readGolden();
/** Each entry's result, kept by the comparison tests for the lint test (which synthesizes any missing one). */
const synthesized = new Map<number, CorpusResult>();

/** The first line that differs, with its number, for a readable failure. */
function firstDifference(expected: string, actual: string): string {
  const e = expected.split('\n');
  const a = actual.split('\n');
  const i = e.findIndex((line, n) => line !== a[n]);
  const n = i === -1 ? e.length : i;
  return `line ${n + 1}:\n  before: ${e[n] ?? '(end)'}\n  now:    ${a[n] ?? '(end)'}`;
}

function describeDifference(expected: CorpusResult, actual: CorpusResult): string | undefined {
  if ('error' in expected || 'error' in actual) {
    const e = 'error' in expected ? expected.error : undefined;
    const a = 'error' in actual ? actual.error : undefined;
    return e === a ? undefined : `synth error before: ${e ?? '(none)'}\nnow: ${a ?? '(none)'}`;
  }
  const names = [...new Set([...Object.keys(expected.stacks), ...Object.keys(actual.stacks)])];
  for (const name of names) {
    const e = expected.stacks[name];
    const a = actual.stacks[name];
    if (e === undefined || a === undefined) return `stack ${name}: ${e === undefined ? 'new' : 'missing'}`;
    if (e !== a) return `stack ${name}, ${firstDifference(e, a)}`;
  }
  return undefined;
}

test('the corpus and its golden results match one to one', () => {
  expect(golden).toHaveLength(corpus.length);
  expect(corpus.length).toBeGreaterThanOrEqual(79);
});

describe.each(corpus.map((entry, i) => [i, entry.test, entry] as const))(
  'corpus config %i (from %s)',
  (i, _t, entry) => {
    test('synthesizes byte-identical JSON', () => {
      const result = synthCorpusEntry(entry);
      synthesized.set(i, result);
      const difference = describeDifference(golden[i], result);
      expect(difference).toBeUndefined();
    });
  },
);

test('every synthesized config of the corpus lints without an error', async () => {
  const errors: string[] = [];
  const warnings: Finding[] = [];
  const kinds = new Map<PolicyKind, number>();
  let [stacks, policies, kept, refused] = [0, 0, 0, 0];
  for (const [i, entry] of corpus.entries()) {
    const result = corpusStacks(entry, i, synthesized.get(i) ?? synthCorpusEntry(entry));
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
}, 120_000);
