/**
 * Terraform's CLI configuration for machines without registry access: when `TF_CLI_CONFIG_FILE`
 * names no existing file and `TF_PLUGIN_MIRROR` names a filesystem mirror (the folder above
 * `registry.terraform.io`), a CLI config that installs hashicorp/aws from the mirror. Used by
 * `npm run deploy:local` and the tests that run terraform.
 * https://developer.hashicorp.com/terraform/cli/config/config-file#provider-installation
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The CLI config text that installs hashicorp/aws from the filesystem mirror `mirror`. */
export function mirrorCliConfig(mirror: string): string {
  return [
    'provider_installation {',
    `  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }`,
    '  direct {\n    exclude = ["registry.terraform.io/hashicorp/aws"]\n  }',
    '}',
    '',
  ].join('\n');
}

/**
 * `env` with the CLI config terraform should use: `TF_CLI_CONFIG_FILE` as it is when it names an
 * existing file; else, with `TF_PLUGIN_MIRROR`, a config for that mirror written to
 * `<dir>/terraformrc`; else without `TF_CLI_CONFIG_FILE` (a file that does not exist only makes
 * every terraform command warn) and Terraform's defaults (the registry).
 * @throws Error when `TF_PLUGIN_MIRROR` has no `registry.terraform.io` folder
 */
export function withCliConfig(env: NodeJS.ProcessEnv, dir: string): NodeJS.ProcessEnv {
  const configured = env.TF_CLI_CONFIG_FILE;
  if (configured && existsSync(configured)) return { ...env };
  const out = { ...env };
  delete out.TF_CLI_CONFIG_FILE;
  const mirror = env.TF_PLUGIN_MIRROR;
  if (!mirror) return out;
  if (!existsSync(join(mirror, 'registry.terraform.io'))) {
    throw new Error(`TF_PLUGIN_MIRROR=${mirror} has no registry.terraform.io folder; give the mirror's root folder`);
  }
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'terraformrc');
  writeFileSync(file, mirrorCliConfig(mirror));
  return { ...out, TF_CLI_CONFIG_FILE: file };
}
