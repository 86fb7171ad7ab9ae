/**
 * The cdktf app: one stack per config entry.
 *   S3_SHARE_CONFIG=path/to/config.json  the config file (default: the embedded reference scenario)
 *   S3_SHARE_PROVIDER_MODE=offline       fake credentials for an offline `terraform plan` (tests only)
 *
 * On any problem (config, policy size, provider rule) it prints every message, exits 1 and leaves
 * no stack in the output folder, not even one from an earlier run, so a pipeline cannot go on
 * with stale Terraform.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
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

function main(): void {
  // cdktf records a stack trace for every token; with source maps on (tsx turns them on), each one
  // is mapped back to TypeScript, which is most of the synth time of large configs.
  process.setSourceMapsEnabled(false);
  const config = loadConfig();
  for (const w of config.warnings) process.stderr.write(`warning: ${formatProblem(w)}\n`);
  const mode = providerMode(process.env.S3_SHARE_PROVIDER_MODE);
  const app = new App();
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

try {
  main();
} catch (e) {
  const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
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
