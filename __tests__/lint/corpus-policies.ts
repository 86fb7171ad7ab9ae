/**
 * The policies of every stack of the compatibility corpus (see `../compat/synth-corpus.ts`), as
 * `npm run verify` reads them: each entry synthesized, each stack model's JSON (the union of a
 * split entry's stacks) resolved to concrete ARNs.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { StackModel, entryStackNames, parseConfig } from '../../modules/config/schema';
import { SynthJson, StackPolicies, policiesOf, unionOfStacks } from '../../modules/verify/extract';
import { CorpusEntry, CorpusResult, synthCorpusEntry } from '../compat/synth-corpus';

/** One stack model of a corpus entry with its policies. */
export interface CorpusStack {
  readonly entry: number;
  readonly test: string;
  readonly model: StackModel;
  readonly policies: StackPolicies;
}

/** The entry's models, parsed as synthCorpusEntry parses them (with the files it names in a temporary folder). */
function modelsOf(entry: CorpusEntry): readonly StackModel[] {
  const dir = mkdtempSync(join(tmpdir(), 's3share-lint-'));
  try {
    for (const [file, text] of Object.entries(entry.files)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    return parseConfig(entry.input, 'corpus', { baseDir: dir }).stacks;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The stacks of one corpus entry with their policies.
 * @param result the entry synthesized, when the caller has it already
 * @returns the stacks, or the synth error of an entry the app refuses (the corpus keeps bad configs too)
 */
export function corpusStacks(
  entry: CorpusEntry,
  index: number,
  result: CorpusResult = synthCorpusEntry(entry),
): CorpusStack[] | { error: string } {
  if ('error' in result) return result;
  return modelsOf(entry).map((model) => {
    const names = entryStackNames(model);
    const jsons = [names.owner, ...new Set(names.consumers.values())].map(
      (name) => JSON.parse(result.stacks[name]) as SynthJson,
    );
    return { entry: index, test: entry.test, model, policies: policiesOf(unionOfStacks(jsons), model) };
  });
}
