/**
 * The config contract across the library redesign: every config the test suite synthesized before
 * it gives byte-identical Terraform JSON (and the same synth errors) now. A deliberate difference
 * is re-recorded with `scripts/compat-golden.ts` and listed in the commit and the closing note.
 */
import { CorpusResult, readCorpus, readGolden, synthCorpusEntry } from './synth-corpus';

const corpus = readCorpus();
const golden = readGolden();

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
      const difference = describeDifference(golden[i], synthCorpusEntry(entry));
      expect(difference).toBeUndefined();
    });
  },
);
