/**
 * The config app as a function: what `main.ts` (the `app` of cdktf.json) does, with its arguments,
 * environment and output streams passed in, so the tests run it in-process.
 *
 * It reads the config (`S3_SHARE_CONFIG`, else the embedded default), builds one stack per entry,
 * synthesizes them into the output folder and writes the hand-off files. On any problem (config,
 * policy size, provider rule) it prints every message, removes the output folder's stacks and
 * manifest, even those of an earlier run, so a pipeline cannot go on with stale Terraform, and
 * returns 1.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { App } from 'cdktf';
import { loadConfig } from '../config/load';
import { ConfigError, entryStackNames, formatProblem } from '../config/schema';
import { ProviderMode } from '../constructs/account-providers';
import { writeHandoffs } from '../constructs/handoffs';
import { PropsError } from '../constructs/validate';
import { CrossAccountS3Stack } from '../stacks/cross-account-stack';
import { CommandIo } from './io';

/**
 * The provider setup `S3_SHARE_PROVIDER_MODE` names.
 * @throws ConfigError for any value but "deploy", "offline" or none
 */
function providerMode(value: string | undefined): ProviderMode {
  if (value === undefined || value === '' || value === 'deploy') return 'deploy';
  if (value === 'offline') return 'offline';
  throw new ConfigError('environment', [
    { path: 'S3_SHARE_PROVIDER_MODE', value, rule: 'must be "deploy" (the default) or "offline"' },
  ]);
}

/**
 * The output folder: `--output <dir>`, else `$CDKTF_OUTDIR` (cdktf's own default), else `cdktf.out`.
 * @throws ConfigError for any other argument
 */
function outdirOf(argv: readonly string[], defaultOutdir: string): string {
  try {
    const { values } = parseArgs({ args: [...argv], options: { output: { type: 'string' } }, strict: true });
    return values.output ?? defaultOutdir;
  } catch (e) {
    throw new ConfigError('command line', [
      {
        path: '(arguments)',
        value: argv.join(' '),
        rule: `${(e as Error).message}; the only option is --output <dir>`,
      },
    ]);
  }
}

function synthesize(outdir: string, io: CommandIo): void {
  const config = loadConfig(io.env);
  // The cdktf CLI runs the app with this variable set, and labels the app's stderr `[ERROR]`.
  const warn = io.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS === 'true' ? io.stdout : io.stderr;
  for (const w of config.warnings) warn.write(`warning: ${formatProblem(w)}\n`);
  const mode = providerMode(io.env.S3_SHARE_PROVIDER_MODE);
  const app = new App({ outdir });
  const stacks = config.stacks.map(
    (model) => new CrossAccountS3Stack(app, entryStackNames(model).owner, { model, providerMode: mode }),
  );
  app.synth();
  // What the stacks cannot do themselves: statements for the owners of existing keys and roles.
  for (const stack of stacks) {
    const files = writeHandoffs(stack, app.outdir, stack.handoffs);
    stack.handoffs.forEach((h, i) => {
      io.stdout.write(`ACTION NEEDED (${stack.node.id}): ${h.what}.\n  Statements: ${files[i]}\n`);
    });
  }
}

/**
 * Runs the config app once.
 * @param io the arguments (only `--output <dir>`), the environment (`S3_SHARE_CONFIG`,
 *   `S3_SHARE_PROVIDER_MODE`, `CDKTF_OUTDIR`, the cdktf CLI's variable) and the output streams
 * @returns the exit code: 0 when every stack was written, 1 on any problem (every message on `io.stderr`)
 */
export function runApp(io: CommandIo): number {
  let outdir = io.env.CDKTF_OUTDIR ?? 'cdktf.out';
  try {
    outdir = outdirOf(io.argv, outdir);
    synthesize(outdir, io);
    return 0;
  } catch (e) {
    rmSync(join(outdir, 'stacks'), { recursive: true, force: true });
    rmSync(join(outdir, 'manifest.json'), { force: true });
    const known =
      e instanceof ConfigError ||
      e instanceof PropsError ||
      (e instanceof Error && /Validation failed/.test(e.message));
    // cdktf's advice to skip validations does not apply: these checks guard the deployment.
    const text = known
      ? (e as Error).message.replace(/\n+If you wish to ignore these validations[\s\S]*$/, '')
      : e instanceof Error
        ? e.stack
        : String(e);
    io.stderr.write(`${text}\n`);
    io.stderr.write(`No stack written (${join(outdir, 'stacks')} removed).\n`);
    return 1;
  }
}
