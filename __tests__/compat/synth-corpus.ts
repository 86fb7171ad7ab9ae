/**
 * The compatibility corpus: every config the test suite synthesized when the library redesign began
 * (captured from `parseConfig` during a full `npm test` run, 79 distinct configs that parse), with
 * the current-policy files they name. `synthCorpusEntry` builds one as `main.ts` does and returns
 * each stack's `cdk.tf.json` text, or the synth error.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { App } from 'cdktf';
import { entryStackNames, parseConfig } from '../../modules/config/schema';
import { CrossAccountS3Stack } from '../../modules/stacks/cross-account-stack';

/** One captured config: the test file that first used it, the raw config, the files it names. */
export interface CorpusEntry {
  readonly test: string;
  readonly input: { stacks: Array<Record<string, unknown>> };
  readonly files: Record<string, string>;
}

/** The synthesized result of one entry: stack name → `cdk.tf.json` text, or the error message. */
export type CorpusResult = { readonly stacks: Record<string, string> } | { readonly error: string };

export const CORPUS_FILE = join(__dirname, 'corpus.json');
/** The results before the redesign, gzipped JSON (`zcat golden.json.gz` to read). */
export const GOLDEN_FILE = join(__dirname, 'golden.json.gz');

export function readCorpus(): CorpusEntry[] {
  return JSON.parse(readFileSync(CORPUS_FILE, 'utf8')) as CorpusEntry[];
}

/** The recorded results, one per corpus entry, in corpus order. */
export function readGolden(): CorpusResult[] {
  return JSON.parse(gunzipSync(readFileSync(GOLDEN_FILE)).toString('utf8')) as CorpusResult[];
}

/** Records `results` as the golden results (after a deliberate change, listed in the closing note). */
export function writeGolden(results: readonly CorpusResult[]): void {
  writeFileSync(GOLDEN_FILE, gzipSync(JSON.stringify(results, null, 1), { level: 9 }));
}

/** Synthesizes one corpus entry in a temporary folder (deploy mode, as `cdktf synth` does). */
export function synthCorpusEntry(entry: CorpusEntry): CorpusResult {
  const dir = mkdtempSync(join(tmpdir(), 's3share-compat-'));
  try {
    for (const [file, text] of Object.entries(entry.files)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    const outdir = join(dir, 'cdktf.out');
    try {
      const model = parseConfig(entry.input, 'corpus', { baseDir: dir });
      const app = new App({ outdir });
      for (const m of model.stacks) new CrossAccountS3Stack(app, entryStackNames(m).owner, { model: m });
      app.synth();
    } catch (e) {
      return { error: (e as Error).message.split(dir).join('<dir>') };
    }
    const stacks: Record<string, string> = {};
    for (const name of readdirSync(join(outdir, 'stacks')).sort()) {
      stacks[name] = readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')
        .split(dir)
        .join('<dir>');
    }
    return { stacks };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
