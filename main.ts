/**
 * The cdktf app: one stack per config entry. `npm run synth` runs it directly (the `app` of
 * cdktf.json, which `cdktf synth` and `cdktf deploy` run too). The work is `runApp` in
 * `modules/app/run-app.ts`.
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
import { processIo } from './modules/app/io';
import { runApp } from './modules/app/run-app';

// cdktf records a stack trace for every token; with source maps on (tsx turns them on), each one
// is mapped back to TypeScript, which is most of the synth time of large configs.
process.setSourceMapsEnabled(false);
process.exitCode = runApp(processIo());
