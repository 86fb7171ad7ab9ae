/**
 * The cdktf app: one stack per config entry. `npm run synth` runs it directly (the `app` of
 * cdktf.json, which `cdktf synth` and `cdktf deploy` run too).
 *   S3_SHARE_CONFIG=path/to/config.json  the config file (default: the embedded reference scenario)
 *   S3_SHARE_PROVIDER_MODE=offline       fake credentials for an offline `terraform plan`
 *   --output <dir>                       the output folder (default: $CDKTF_OUTDIR, else cdktf.out)
 *
 * Warnings go to stderr; under the cdktf CLI, which labels every stderr line `[ERROR]`, to stdout.
 * The notices for statements someone must add by hand (ACTION NEEDED) come last, on stdout.
 *
 * On any problem (config, policy size, provider rule) it prints every message, exits 1 and leaves
 * no stack in the output folder, not even one from an earlier run, so a pipeline cannot go on
 * with stale Terraform.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { App } from 'cdktf';
import { loadConfig } from './modules/config/load';
import { ConfigError, entryStackNames, formatProblem } from './modules/config/schema';
import { ProviderMode } from './modules/constructs/account-providers';
import { writeHandoffs } from './modules/constructs/handoffs';
import { CrossAccountS3Stack } from './modules/stacks/cross-account-stack';

function providerMode(value: string | undefined): ProviderMode {
  if (value === undefined || value === '' || value === 'deploy') return 'deploy';
  if (value === 'offline') return 'offline';
  throw new ConfigError('environment', [
    { path: 'S3_SHARE_PROVIDER_MODE', value, rule: 'must be "deploy" (the default) or "offline"' },
  ]);
}

/** cdktf's own default output folder: `$CDKTF_OUTDIR`, else `cdktf.out`. */
const DEFAULT_OUTDIR = process.env.CDKTF_OUTDIR ?? 'cdktf.out';

/** The output folder: `--output <dir>`, else {@link DEFAULT_OUTDIR}. */
function outdirOf(argv: readonly string[]): string {
  try {
    const { values } = parseArgs({ args: [...argv], options: { output: { type: 'string' } }, strict: true });
    return values.output ?? DEFAULT_OUTDIR;
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

/** The cdktf CLI runs the app with this variable set, and labels the app's stderr `[ERROR]`. */
const UNDER_CDKTF_CLI = process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS === 'true';

function main(outdir: string): void {
  // cdktf records a stack trace for every token; with source maps on (tsx turns them on), each one
  // is mapped back to TypeScript, which is most of the synth time of large configs.
  process.setSourceMapsEnabled(false);
  const config = loadConfig();
  const warn = UNDER_CDKTF_CLI ? process.stdout : process.stderr;
  for (const w of config.warnings) warn.write(`warning: ${formatProblem(w)}\n`);
  const mode = providerMode(process.env.S3_SHARE_PROVIDER_MODE);
  const app = new App({ outdir });
  const stacks = config.stacks.map(
    (model) => new CrossAccountS3Stack(app, entryStackNames(model).owner, { model, providerMode: mode }),
  );
  app.synth();
  // What the stacks cannot do themselves: statements for the owners of existing keys and roles.
  for (const stack of stacks) {
    const files = writeHandoffs(stack, app.outdir, stack.handoffs);
    stack.handoffs.forEach((h, i) => {
      process.stdout.write(`ACTION NEEDED (${stack.node.id}): ${h.what}.\n  Statements: ${files[i]}\n`);
    });
  }
}

let outdir = DEFAULT_OUTDIR;
try {
  outdir = outdirOf(process.argv.slice(2));
  main(outdir);
} catch (e) {
  rmSync(join(outdir, 'stacks'), { recursive: true, force: true });
  rmSync(join(outdir, 'manifest.json'), { force: true });
  const known = e instanceof ConfigError || (e instanceof Error && /Validation failed/.test(e.message));
  // cdktf's advice to skip validations does not apply: these checks guard the deployment.
  const text = known
    ? (e as Error).message.replace(/\n+If you wish to ignore these validations[\s\S]*$/, '')
    : e instanceof Error
      ? e.stack
      : String(e);
  process.stderr.write(`${text}\n`);
  process.stderr.write(`No stack written (${join(outdir, 'stacks')} removed).\n`);
  process.exit(1);
}
