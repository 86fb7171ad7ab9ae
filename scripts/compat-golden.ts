/**
 * Re-records the compatibility test's golden results (`__tests__/compat/golden.json.gz`) from the
 * current code. Run it only for a deliberate change of the synthesized JSON, and list that change
 * in the commit message: the compatibility test exists to prove that nothing else moved.
 *   node --import tsx scripts/compat-golden.ts
 */
import { readCorpus, synthCorpusEntry, writeGolden } from '../__tests__/compat/synth-corpus';

process.setSourceMapsEnabled(false);
const results = readCorpus().map(synthCorpusEntry);
writeGolden(results);
process.stdout.write(
  `${results.length} configs recorded, ${results.filter((r) => 'error' in r).length} of them synth errors\n`,
);
