/**
 * Running the real terraform against synthesized stacks, offline.
 *
 * Provider installation: `TF_CLI_CONFIG_FILE` when it names an existing file; else, when
 * `TF_PLUGIN_MIRROR` names a filesystem mirror (the folder above `registry.terraform.io`), a CLI
 * config written here that installs hashicorp/aws from it; else Terraform's defaults (the registry).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { StackModel, entryStackNames } from '../../modules/config/schema';
import { CrossAccountS3Stack } from '../../modules/stacks/cross-account-stack';

/** `terraform version` output, or undefined when the binary is not on PATH. */
export function terraformVersion(): string | undefined {
  const r = spawnSync('terraform', ['version', '-json'], {
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1' },
  });
  if (r.error || r.status !== 0) return undefined;
  return (JSON.parse(r.stdout) as { terraform_version: string }).terraform_version;
}

/**
 * `describe` when terraform is on PATH. Without it: in CI (`CI` set) the suite fails with a clear
 * message; elsewhere it is skipped with a one-line notice.
 */
export function describeWithTerraform(name: string, fn: () => void): void {
  if (terraformVersion() !== undefined) {
    describe(name, fn);
  } else if (process.env.CI) {
    describe(name, () => {
      test('terraform is installed', () => {
        throw new Error('terraform is not on PATH: the end-to-end tests need Terraform >= 1.5 in CI');
      });
    });
  } else {
    console.warn(`[e2e] skipped "${name}": terraform is not on PATH (install Terraform to run the end-to-end tests)`);
    describe.skip(name, fn);
  }
}

let cliConfig: string | undefined;

/** The environment every terraform call of the tests runs with. */
export function terraformEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
  const configured = process.env.TF_CLI_CONFIG_FILE;
  if (configured && existsSync(configured)) return env;
  const mirror = process.env.TF_PLUGIN_MIRROR;
  if (mirror) {
    if (!existsSync(join(mirror, 'registry.terraform.io'))) {
      throw new Error(`TF_PLUGIN_MIRROR=${mirror} has no registry.terraform.io folder; give the mirror's root folder`);
    }
    if (cliConfig === undefined) {
      const dir = mkdtempSync(join(tmpdir(), 's3share-tfcli-'));
      cliConfig = join(dir, 'terraformrc');
      writeFileSync(
        cliConfig,
        [
          'provider_installation {',
          `  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }`,
          '  direct {\n    exclude = ["registry.terraform.io/hashicorp/aws"]\n  }',
          '}',
          '',
        ].join('\n'),
      );
    }
    return { ...env, TF_CLI_CONFIG_FILE: cliConfig };
  }
  delete env.TF_CLI_CONFIG_FILE; // a config file that does not exist only produces warnings
  return env;
}

/** Runs terraform in `dir`; throws with its output when it exits non-zero. */
export function terraform(dir: string, args: string[]): string {
  const r = spawnSync('terraform', args, {
    cwd: dir,
    encoding: 'utf8',
    env: terraformEnv(),
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    const hint = /could not connect to registry\.terraform\.io/.test(r.stderr)
      ? '\nNo registry access: set TF_PLUGIN_MIRROR to a filesystem mirror of hashicorp/aws 5.100.0 (the folder above registry.terraform.io).\n'
      : '';
    throw new Error(
      `terraform ${args.join(' ')} failed in ${dir} (exit ${r.status}):${hint}\n${r.stderr}\n${r.stdout}`,
    );
  }
  return r.stdout;
}

/** `terraform validate -json`, parsed. */
export interface ValidateResult {
  valid: boolean;
  error_count: number;
  warning_count: number;
  diagnostics: Array<{ severity: string; summary: string; detail?: string }>;
}

/** init + validate; throws when the configuration is invalid, with every diagnostic. */
export function initAndValidate(dir: string): ValidateResult {
  terraform(dir, ['init', '-input=false', '-no-color']);
  const r = spawnSync('terraform', ['validate', '-json', '-no-color'], {
    cwd: dir,
    encoding: 'utf8',
    env: terraformEnv(),
  });
  const result = JSON.parse(r.stdout) as ValidateResult;
  if (!result.valid) {
    throw new Error(
      `terraform validate failed in ${dir}:\n` +
        result.diagnostics.map((d) => `  ${d.severity}: ${d.summary}${d.detail ? ` (${d.detail})` : ''}`).join('\n'),
    );
  }
  return result;
}

/** The parts of `terraform show -json <plan>` the tests read. */
export interface PlanJson {
  resource_changes: Array<{
    address: string;
    type: string;
    name: string;
    provider_name: string;
    change: { actions: string[]; after: Record<string, unknown>; after_unknown: Record<string, unknown> };
  }>;
  configuration: {
    provider_config: Record<string, { name: string; alias?: string; expressions?: Record<string, unknown> }>;
    root_module: { resources: Array<{ address: string; provider_config_key: string }> };
  };
  planned_values: {
    root_module: {
      resources: Array<{ address: string; type: string; name: string; values?: Record<string, unknown> }>;
    };
  };
}

/** plan -out + show -json; the plan file stays in `dir`. `extra`: more plan arguments (`-refresh=false`). */
export function planJson(dir: string, extra: readonly string[] = []): PlanJson {
  terraform(dir, ['plan', '-input=false', '-lock=false', '-no-color', '-out=tfplan', ...extra]);
  return JSON.parse(terraform(dir, ['show', '-json', 'tfplan'])) as PlanJson;
}

/**
 * Synthesizes stacks with the real App into a fresh folder, with offline providers and state
 * inside each stack's folder (an S3 backend is replaced, as the providers are). Returns each
 * stack's folder by name (a split entry's owner and consumer stacks each by their own name).
 * `hcl`: write `cdk.tf` as `cdktf synth --hcl` does.
 */
export function synthOffline(
  models: readonly StackModel[],
  label: string,
  options: { hcl?: boolean } = {},
): Record<string, string> {
  const outdir = mkdtempSync(join(tmpdir(), `s3share-e2e-${label}-`));
  mkdirSync(outdir, { recursive: true });
  // cdktf decides HCL per stack from SYNTH_HCL_OUTPUT, which `cdktf synth --hcl` sets.
  const previous = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = options.hcl ? 'true' : 'false';
  const app = new App({ outdir, skipValidation: false, hclOutput: options.hcl ?? false });
  const names: string[] = [];
  for (const model of models) {
    const owner = new CrossAccountS3Stack(app, entryStackNames(model).owner, {
      model,
      providerMode: 'offline',
      localStatePath: 'terraform.tfstate',
    });
    names.push(owner.node.id, ...[...owner.consumerStacks.values()].map((s) => s.node.id));
  }
  try {
    app.synth();
  } finally {
    if (previous === undefined) delete process.env.SYNTH_HCL_OUTPUT;
    else process.env.SYNTH_HCL_OUTPUT = previous;
  }
  return Object.fromEntries(names.map((name) => [name, join(outdir, 'stacks', name)]));
}

/** Prints one line per checked stack, so the test output names what was validated and planned. */
export function report(line: string): void {
  process.stdout.write(`[e2e] ${line}\n`);
}
