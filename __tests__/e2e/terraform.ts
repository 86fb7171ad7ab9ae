/**
 * Running the real terraform against synthesized stacks, offline.
 *
 * Provider installation: `TF_CLI_CONFIG_FILE` when it names an existing file; else, when
 * `TF_PLUGIN_MIRROR` names a filesystem mirror (the folder above `registry.terraform.io`), a CLI
 * config written here that installs hashicorp/aws from it; else Terraform's defaults (the registry).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { StackModel, entryStackNames } from '../../modules/config/schema';
import { CrossAccountS3Stack } from '../../modules/stacks/cross-account-stack';
import { withCliConfig } from '../../modules/local/cli-config';

/** `terraform version` output (asked once per test file), or undefined when the binary is not on PATH. */
let version: { value: string | undefined } | undefined;

export function terraformVersion(): string | undefined {
  version ??= { value: readTerraformVersion() };
  return version.value;
}

function readTerraformVersion(): string | undefined {
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

let cliDir: string | undefined;

/** The environment every terraform call of the tests runs with (see `withCliConfig`). */
export function terraformEnv(): NodeJS.ProcessEnv {
  cliDir ??= mkdtempSync(join(tmpdir(), 's3share-tfcli-'));
  return withCliConfig({ ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' }, cliDir);
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

/** init + validate, where no plan follows (a plan validates too); throws when the configuration is invalid, with every diagnostic. */
export function initAndValidate(dir: string): ValidateResult {
  terraform(dir, ['init', '-input=false', '-no-color']);
  const r = spawnSync('terraform', ['validate', '-json', '-no-color'], {
    cwd: dir,
    encoding: 'utf8',
    env: terraformEnv(),
  });
  const result = JSON.parse(r.stdout) as ValidateResult;
  if (!result.valid) throw failure('validate', dir, result.diagnostics);
  return result;
}

/** What a process printed, and its exit code. */
export interface ProcessResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a process without blocking the test file, so several can run side by side. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<ProcessResult> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env });
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/** {@link initAndValidate} without blocking: init + validate; rejects when the configuration is invalid. */
export async function initAndValidateAsync(dir: string): Promise<ValidateResult> {
  const init = await runProcess('terraform', ['init', '-input=false', '-no-color'], { cwd: dir, env: terraformEnv() });
  if (init.status !== 0) throw new Error(`terraform init failed in ${dir} (exit ${init.status}):\n${init.stderr}`);
  const r = await runProcess('terraform', ['validate', '-json', '-no-color'], { cwd: dir, env: terraformEnv() });
  const result = JSON.parse(r.stdout) as ValidateResult;
  if (!result.valid) throw failure('validate', dir, result.diagnostics);
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

/** A plan as `show -json` gives it, with the diagnostics of the plan's validation. */
export type CheckedPlan = PlanJson & { validation: ValidateResult };

/** One diagnostic of `terraform plan -json` (a line of type `diagnostic`). */
interface PlanDiagnostic {
  severity: string;
  summary: string;
  detail?: string;
}

function failure(what: string, dir: string, diagnostics: readonly PlanDiagnostic[]): Error {
  return new Error(
    `terraform ${what} failed in ${dir}:\n` +
      diagnostics.map((d) => `  ${d.severity}: ${d.summary}${d.detail ? ` (${d.detail})` : ''}`).join('\n'),
  );
}

/**
 * `plan -json -out=tfplan` + `show -json`; the plan file stays in `dir`. `extra`: more plan
 * arguments (`-refresh=false`). A plan validates the configuration first, as `terraform validate`
 * does, so `validation` holds the same diagnostics (and any the plan adds); an invalid
 * configuration throws with every diagnostic.
 */
export function planJson(dir: string, extra: readonly string[] = []): CheckedPlan {
  return sharedPlan(dir, extra, 'show', () => plan(dir, extra));
}

/** The stack's configuration and state as terraform reads them: what decides its plan. */
function planKey(dir: string, extra: readonly string[], kind: string): string {
  const hash = createHash('sha256').update(JSON.stringify([kind, ...extra]));
  for (const file of ['cdk.tf.json', 'cdk.tf', 'terraform.tfstate']) {
    hash.update(`\0${file}\0`);
    if (existsSync(join(dir, file))) hash.update(readFileSync(join(dir, file)));
  }
  return hash.digest('hex');
}

/**
 * Each distinct stack is planned once per test run: the plan (as `show -json` gives it, with its
 * diagnostics) is kept in the run's temporary folder under the hash of the configuration, the
 * state and the plan arguments, for every test file (jest's workers are separate processes). A
 * worker that finds another one planning the same stack waits for its result.
 */
function sharedPlan<T>(dir: string, extra: readonly string[], kind: 'show' | 'actions', compute: () => T): T {
  const root = process.env.S3SHARE_TEST_TMP;
  if (root === undefined) return compute();
  const cache = join(root, 'plans');
  mkdirSync(cache, { recursive: true });
  const file = join(cache, `${planKey(dir, extra, kind)}.json`);
  const lock = `${file}.lock`;
  for (;;) {
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as T;
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250); // another worker plans it
    }
  }
  try {
    const result = compute();
    writeFileSync(`${file}.tmp`, JSON.stringify(result));
    renameSync(`${file}.tmp`, file);
    return result;
  } finally {
    rmSync(lock, { force: true });
  }
}

/** One line of `terraform plan -json`: a diagnostic, a planned change, or another message. */
interface PlanMessage {
  type: string;
  diagnostic?: PlanDiagnostic;
  change?: { resource: { addr: string; resource_type: string }; action: string };
}

/**
 * `terraform plan -json` (with `-out=tfplan` when `out`): its messages, after the diagnostics
 * were checked; throws with every diagnostic when the plan fails.
 */
function streamedPlan(
  dir: string,
  extra: readonly string[],
  out: boolean,
): { messages: PlanMessage[]; validation: ValidateResult } {
  const r = spawnSync(
    'terraform',
    ['plan', '-json', '-input=false', '-lock=false', '-no-color', ...(out ? ['-out=tfplan'] : []), ...extra],
    { cwd: dir, encoding: 'utf8', env: terraformEnv(), maxBuffer: 256 * 1024 * 1024 },
  );
  if (r.error) throw r.error;
  const messages = r.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as PlanMessage);
  const diagnostics = messages.filter((m) => m.type === 'diagnostic').map((m) => m.diagnostic!);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (r.status !== 0 || errors.length > 0) {
    throw failure('plan', dir, diagnostics.length > 0 ? diagnostics : [{ severity: 'error', summary: r.stderr }]);
  }
  const validation: ValidateResult = {
    valid: true,
    error_count: 0,
    warning_count: diagnostics.length,
    diagnostics,
  };
  return { messages, validation };
}

function plan(dir: string, extra: readonly string[]): CheckedPlan {
  const { validation } = streamedPlan(dir, extra, true);
  return { ...(JSON.parse(terraform(dir, ['show', '-json', 'tfplan'])) as PlanJson), validation };
}

/** `terraform init`, unless an earlier init of this folder installed the provider already. */
function init(dir: string): void {
  if (existsSync(join(dir, '.terraform.lock.hcl')) && existsSync(join(dir, '.terraform'))) return;
  terraform(dir, ['init', '-input=false', '-no-color']);
}

/** init + plan (with its validation: see {@link planJson}). */
export function initAndPlan(dir: string, extra: readonly string[] = []): CheckedPlan {
  return sharedPlan(dir, extra, 'show', () => {
    init(dir);
    return plan(dir, extra);
  });
}

/**
 * What the plan does to each resource it changes, as `terraform plan -json` streams it, by
 * address: `create`, `update`, `delete`, `replace`, `read`, or `forget` (the stream's `remove`: a
 * `removed` block with `destroy = false`; `show -json` calls it `forget`). An address has one
 * action per object (a deposed object of a resource gets its own `delete`), in the order of the
 * stream, which varies. Resources left as they are do not appear.
 */
export type PlannedActions = Record<string, { type: string; actions: string[] }>;

/**
 * init + `plan -json` without a plan file, for tests that read only what each resource is planned
 * to do. A plan's values need `show -json`, which loads the AWS provider's schema again (about
 * 3.5 CPU-seconds); this skips it. Shared between test files as {@link initAndPlan} is.
 * @throws Error with every diagnostic when the configuration is invalid or the plan fails
 */
export function initAndPlanActions(dir: string, extra: readonly string[] = []): PlannedActions {
  return sharedPlan(dir, extra, 'actions', () => {
    init(dir);
    const planned: PlannedActions = {};
    for (const m of streamedPlan(dir, extra, false).messages) {
      if (m.type !== 'planned_change') continue;
      const { addr, resource_type: type } = m.change!.resource;
      planned[addr] ??= { type, actions: [] };
      planned[addr].actions.push(m.change!.action === 'remove' ? 'forget' : m.change!.action);
    }
    return planned;
  });
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
