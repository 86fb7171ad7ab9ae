/**
 * The cdktf app: one stack per config entry.
 *   S3_SHARE_CONFIG=path/to/config.json  the config file (default: the embedded reference scenario)
 *   S3_SHARE_PROVIDER_MODE=offline       fake credentials for an offline `terraform plan` (tests only)
 */
import { App } from 'cdktf';
import { loadConfig } from './modules/config/load';
import { ConfigError } from './modules/config/schema';
import { ProviderMode } from './modules/constructs/account-providers';
import { CrossAccountS3Stack } from './modules/stacks/cross-account-stack';

function providerMode(value: string | undefined): ProviderMode {
  if (value === undefined || value === '' || value === 'deploy') return 'deploy';
  if (value === 'offline') return 'offline';
  throw new ConfigError('environment', [
    { path: 'S3_SHARE_PROVIDER_MODE', value, rule: 'must be "deploy" (the default) or "offline"' },
  ]);
}

function main(): void {
  const config = loadConfig();
  const mode = providerMode(process.env.S3_SHARE_PROVIDER_MODE);
  const app = new App();
  for (const model of config.stacks) {
    new CrossAccountS3Stack(app, model.name, { model, providerMode: mode });
  }
  app.synth();
}

try {
  main();
} catch (e) {
  if (e instanceof ConfigError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
  throw e;
}
