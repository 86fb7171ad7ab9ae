/**
 * `npm run deploy:local [name]` and `npm run deploy:local:stop`: a real `terraform apply` of the
 * synthesized stacks against a local AWS emulator (moto), with no AWS account.
 *
 * deploy: synthesizes the config (`S3_SHARE_CONFIG`, else the embedded default) into
 * `.local-deploy/cdktf.out`, copies each stack to `.local-deploy/<stack>/` with an override that
 * points its providers at the emulator and keeps its state there (see `localOverride`), starts the
 * emulator unless it runs already, and runs `terraform init` and `apply`, then prints the outputs.
 * It never writes into `cdktf.out` or a real state file: a leftover override there would redirect
 * a later real deploy.
 *
 * stop: kills the emulator by its recorded PID and deletes `.local-deploy/` (a destroy would stop
 * at `prevent_destroy`, and the emulator's state goes with it anyway).
 *
 * What this proves and what it does not: see the README, "Deploying locally".
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CommandIo } from '../app/io';
import { runApp } from '../app/run-app';
import { loadConfig } from '../config/load';
import { ConfigError, StackModel, entryStackNames } from '../config/schema';
import { withCliConfig } from './cli-config';
import { OVERRIDE_FILE, SynthesizedStack, localOverride } from './override';
import {
  EmulatorServer,
  MOTO_INSTALL,
  MOTO_SERVER,
  SERVER_FILE,
  isEmulator,
  isRunning,
  onPath,
  runningServer,
  startServer,
  stopProcess,
} from './server';

/** The folder of local deploys, in the project folder (git-ignored). */
export const LOCAL_DEPLOY_DIR = '.local-deploy';

/** The stop command, as the messages name it. */
export const STOP_COMMAND = 'npm run deploy:local:stop';

/** What a terraform run printed and how it ended. */
export interface TerraformRun {
  /** The exit code (`plan -detailed-exitcode`: 0 no changes, 2 changes, 1 an error). */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Proxy settings of the user's environment, replaced by the emulator's. */
const PROXY_VARIABLES = ['NO_PROXY', 'no_proxy', 'HTTP_PROXY', 'http_proxy'];

/**
 * How the AWS SDK would sign in from the environment: the override gives every provider its own
 * credentials, and a profile named here that does not exist would stop the provider before them.
 */
const AWS_SIGN_IN_VARIABLES = [
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_ROLE_ARN',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
];

/**
 * The environment of terraform against the emulator at `endpoint`. `HTTP_PROXY` names the
 * emulator because S3 Control puts the account ID in front of the endpoint's host
 * (`<account>.127.0.0.1`), which resolves nowhere; Terraform's HTTP client never sends requests for
 * loopback addresses through a proxy, so every other request goes straight to the emulator. Not
 * for `init` (`withProxy: false`), which may download the provider from its registry. The AWS
 * sign-in variables (`AWS_PROFILE`, keys, web identity) are dropped: the override signs in.
 */
export function terraformEnv(env: NodeJS.ProcessEnv, endpoint: string, withProxy = true): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
  for (const key of [...PROXY_VARIABLES, ...AWS_SIGN_IN_VARIABLES]) delete out[key];
  return withProxy ? { ...out, HTTP_PROXY: endpoint, http_proxy: endpoint } : out;
}

/**
 * Runs terraform in `folder`; its output goes to `echo` as it comes (when given) and is returned.
 */
export function terraform(
  folder: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  echo?: CommandIo,
): Promise<TerraformRun> {
  return new Promise((resolve, reject) => {
    // Its own process group: a Ctrl-C reaches terraform once, through forwardInterrupts, so that
    // it stops gracefully and writes its state (a second interrupt makes it exit at once).
    const child = spawn('terraform', [...args], {
      cwd: folder,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    running.add(child);
    child.on('close', () => running.delete(child));
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      echo?.stdout.write(d.toString());
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      echo?.stderr.write(d.toString());
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** The terraform processes running now. */
const running = new Set<ChildProcess>();

/** True once an interrupt reached this process. */
let interrupted = false;

/**
 * Makes Ctrl-C (SIGINT) and SIGTERM stop the running terraform gracefully instead of leaving it
 * and its providers behind: the signal is passed to terraform once, and the command then fails
 * with the way to start over.
 */
export function forwardInterrupts(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      interrupted = true;
      for (const child of running) child.kill(signal);
      if (running.size === 0) process.exit(130);
    });
  }
}

/** The way back to a clean emulator, for the messages of a failed or interrupted deploy. */
const START_OVER = `To start over: ${'npm run deploy:local:stop'}, then deploy again.`;

/**
 * Writes a stack's copy for the emulator: its synthesized JSON (`cdk.tf.json`) and the override
 * (see `localOverride`) in `folder`. The state file already there stays: writing another stack's
 * JSON into the folder of an applied one is a change of configuration against that state.
 */
export function prepareStack(folder: string, stackJson: string, endpoint: string): void {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'cdk.tf.json'), stackJson);
  const override = localOverride(JSON.parse(stackJson) as SynthesizedStack, endpoint);
  writeFileSync(join(folder, OVERRIDE_FILE), `${JSON.stringify(override, null, 2)}\n`);
}

/**
 * `terraform init` (quiet; not again in a folder initialized already) and `apply` of a prepared
 * stack folder, the apply's output echoed.
 * @throws Error naming the step and its output when one fails
 */
export async function applyStack(folder: string, env: NodeJS.ProcessEnv, endpoint: string, echo?: CommandIo) {
  // A folder initialized already (a second apply: the same provider, the same local backend) skips init.
  const initialized =
    existsSync(join(folder, '.terraform.lock.hcl')) && existsSync(join(folder, '.terraform', 'terraform.tfstate'));
  const init = initialized
    ? { code: 0, stdout: '', stderr: '' }
    : await terraform(folder, ['init', '-input=false', '-no-color'], terraformEnv(env, endpoint, false));
  if (init.code !== 0) {
    const offline = /registry\.terraform\.io/.test(init.stderr)
      ? '\nWithout access to registry.terraform.io, set TF_PLUGIN_MIRROR to a filesystem mirror of hashicorp/aws (the folder above registry.terraform.io), or TF_CLI_CONFIG_FILE to a Terraform CLI config that installs it.'
      : '';
    throw new Error(`terraform init failed in ${folder}:\n${init.stdout}${init.stderr}${offline}`);
  }
  const apply = await terraform(
    folder,
    ['apply', '-auto-approve', '-input=false', '-no-color'],
    terraformEnv(env, endpoint),
    echo,
  );
  if (apply.code !== 0) {
    throw new Error(
      `terraform apply ${interrupted ? 'was interrupted' : 'failed'} in ${folder} (its output is above). ${START_OVER} A resource that exists already may be another entry's: the emulator holds one of each name, as AWS does.`,
    );
  }
  return apply;
}

/**
 * The stacks to deploy for `name`, in deployment order: an entry's stacks (a split entry's
 * consumer stacks first, then its owner stack), or one stack by its own name; without a name the
 * first entry's. With the entry they belong to.
 * @throws ConfigError when no entry or stack has that name
 */
export function selectStacks(
  env: NodeJS.ProcessEnv,
  name: string | undefined,
): { stacks: string[]; model: StackModel } {
  const config = loadConfig(env);
  const entries = config.stacks.map((model) => {
    const names = entryStackNames(model);
    return { model, stacks: [...names.consumers.values(), names.owner] };
  });
  if (name === undefined) return entries[0];
  const entry = entries.find((e) => e.model.name === name);
  if (entry) return entry;
  const holding = entries.find((e) => e.stacks.includes(name));
  if (holding) return { model: holding.model, stacks: [name] };
  throw new ConfigError('command line', [
    {
      path: '(stack)',
      value: name,
      rule: `is neither an entry nor a stack of the config; entries: ${entries.map((e) => e.model.name).join(', ')}`,
    },
  ]);
}

/** The stacks of {@link selectStacks}. */
export function stacksFor(env: NodeJS.ProcessEnv, name: string | undefined): string[] {
  return selectStacks(env, name).stacks;
}

/**
 * What an entry uses and does not create, which the emulator has only when the user made it there
 * first: existing roles (`existingRole`, `additionalRoles`, `existingOwnerRole`), an existing bucket,
 * an existing key. One line each.
 */
export function outsideNeeds(model: StackModel): string[] {
  const owner = model.owner.accountId;
  const needs = model.consumers.flatMap((c) => [
    ...(c.existingRole ? [`role ${c.roleName} in account ${c.accountId} (existingRole of ${c.name})`] : []),
    ...c.additionalRoles.map((r) => `role ${r.roleName} in account ${c.accountId} (additionalRoles of ${c.name})`),
    ...(model.approach === 'assume-role' && c.existingOwnerRole
      ? [`role ${c.ownerRoleName} in account ${owner} (existingOwnerRole of ${c.name})`]
      : []),
  ]);
  if (model.owner.existingBucket !== undefined) {
    needs.push(`bucket ${model.owner.bucketName} in account ${owner} (owner.existingBucket)`);
  }
  if (model.owner.kmsKeyArn !== undefined) needs.push(`key ${model.owner.kmsKeyArn} (owner.kmsKeyArn)`);
  return needs;
}

/**
 * The one optional positional argument: the entry or stack to deploy.
 * @throws ConfigError for an option or a second name
 */
function nameArgument(argv: readonly string[]): string | undefined {
  try {
    const { positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: {}, strict: true });
    if (positionals.length > 1) throw new Error(`one name at most, got ${positionals.length}`);
    return positionals[0];
  } catch (e) {
    throw new ConfigError('command line', [
      {
        path: '(arguments)',
        value: argv.join(' '),
        rule: `${(e as Error).message}; usage: npm run deploy:local [entry or stack name]`,
      },
    ]);
  }
}

/** The tools a local deploy needs, or the message saying how to get the first one missing. */
function missingTool(env: NodeJS.ProcessEnv): string | undefined {
  // A pyenv shim is on PATH even for a Python without moto: it must run.
  const runs =
    onPath(MOTO_SERVER, env.PATH) !== undefined &&
    spawnSync(MOTO_SERVER, ['--help'], { env, stdio: 'ignore', timeout: 30_000 }).status === 0;
  if (!runs) return `${MOTO_SERVER} (the moto AWS emulator) is not on PATH; install it with: ${MOTO_INSTALL}`;
  if (onPath('terraform', env.PATH) === undefined) return 'terraform is not on PATH; install Terraform >= 1.7';
  return undefined;
}

/**
 * `npm run deploy:local [name]` in `cwd` (see the file's comment).
 * @returns the exit code: 0 when every stack applied, 1 otherwise (the reason on `io.stderr`)
 */
export async function runLocalDeploy(io: CommandIo, cwd = process.cwd()): Promise<number> {
  const dir = join(cwd, LOCAL_DEPLOY_DIR);
  let locked = false;
  try {
    const name = nameArgument(io.argv);
    const missing = missingTool(io.env);
    if (missing !== undefined) {
      io.stderr.write(`${missing}\n`);
      return 1;
    }
    const { stacks, model } = selectStacks(io.env, name);
    const outdir = join(dir, 'cdktf.out');
    const held = takeLock(dir);
    if (held !== undefined) {
      io.stderr.write(`${held}\n`);
      return 1;
    }
    locked = true;
    const env = { ...io.env, S3_SHARE_PROVIDER_MODE: 'deploy' };
    if (runApp({ argv: ['--output', outdir], env, stdout: io.stdout, stderr: io.stderr }) !== 0) return 1;
    const needs = outsideNeeds(model);
    if (needs.length > 0) {
      io.stdout.write(
        `note: ${model.name} uses what it does not create; the emulator has it only if you made it there first (README, Deploying locally):\n${needs.map((n) => `  - ${n}\n`).join('')}`,
      );
    }
    const tfEnv = withCliConfig(io.env, dir);
    const server = await ensureServer(dir, io);
    for (const stack of stacks) {
      io.stdout.write(`\n== ${stack}: terraform apply against the emulator (${LOCAL_DEPLOY_DIR}/${stack}/)\n`);
      const folder = join(dir, stack);
      prepareStack(folder, readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'), server.endpoint);
      await applyStack(folder, tfEnv, server.endpoint, io);
    }
    io.stdout.write(
      [
        '',
        `Applied ${stacks.join(', ')} against the emulator at ${server.endpoint} (pid ${server.pid}).`,
        'This proves that Terraform applies the stacks and puts each resource in its account; it proves',
        'nothing about access (the emulator enforces no bucket, key or trust policy): npm run verify does.',
        `Terraform in a stack's folder needs the emulator as proxy (S3 Control puts the account in front of its host):`,
        `  cd ${LOCAL_DEPLOY_DIR}/${stacks[stacks.length - 1]} && HTTP_PROXY=${server.endpoint} terraform plan`,
        `Stop the emulator and delete ${LOCAL_DEPLOY_DIR}/: ${STOP_COMMAND}`,
        '',
      ].join('\n'),
    );
    return 0;
  } catch (e) {
    io.stderr.write(`${e instanceof ConfigError ? e.message : e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    if (locked) rmSync(join(dir, LOCK_FILE), { force: true });
  }
}

/** The lock file of a running deploy, holding its PID. */
const LOCK_FILE = 'deploy.lock';

/**
 * Takes the deploy folder's lock: one `deploy:local` at a time per folder (two would start two
 * emulators and write one state at once). A lock whose process is gone is taken over.
 * @returns the message when another deploy holds it
 * @throws Error when the lock file cannot be written (other than because it exists)
 */
function takeLock(dir: string): string | undefined {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, LOCK_FILE);
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
    return undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const pid = Number(readFileSync(file, 'utf8'));
  if (Number.isInteger(pid) && pid > 1 && isRunning(pid)) {
    return `another npm run deploy:local runs in this folder (pid ${pid}); wait for it to end`;
  }
  writeFileSync(file, String(process.pid));
  return undefined;
}

/** The emulator recorded in `dir` when it still runs, else a new one. */
async function ensureServer(dir: string, io: CommandIo): Promise<EmulatorServer> {
  const running = await runningServer(dir);
  if (running !== undefined) {
    io.stdout.write(`Emulator already running at ${running.endpoint} (pid ${running.pid}).\n`);
    return running;
  }
  const server = await startServer(dir);
  io.stdout.write(`Started ${MOTO_SERVER} at ${server.endpoint} (pid ${server.pid}).\n`);
  return server;
}

/** The PID a server record holds; null when the file is not a record with a PID above 1. */
function recordedPid(file: string): number | null {
  try {
    const pid = (JSON.parse(readFileSync(file, 'utf8')) as Partial<EmulatorServer>).pid;
    return typeof pid === 'number' && Number.isInteger(pid) && pid > 1 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * `npm run deploy:local:stop` in `cwd`: kills the recorded emulator by its PID (only when that
 * process is the emulator) and deletes `.local-deploy/`.
 * @returns 0 (also when nothing ran)
 */
export async function runLocalStop(io: CommandIo, cwd = process.cwd()): Promise<number> {
  const dir = join(cwd, LOCAL_DEPLOY_DIR);
  const file = join(dir, SERVER_FILE);
  const pid = existsSync(file) ? recordedPid(file) : undefined;
  if (pid === null) {
    io.stdout.write(`${file} holds no PID: no process stopped (stop the emulator yourself, if it runs).\n`);
  } else if (pid !== undefined) {
    if (!isRunning(pid)) io.stdout.write(`${MOTO_SERVER} (pid ${pid}) was not running.\n`);
    else if (!isEmulator(pid)) io.stdout.write(`pid ${pid} is not ${MOTO_SERVER}: left running.\n`);
    else if (await stopProcess(pid)) io.stdout.write(`Stopped ${MOTO_SERVER} (pid ${pid}).\n`);
  }
  rmSync(dir, { recursive: true, force: true });
  io.stdout.write(`Deleted ${LOCAL_DEPLOY_DIR}/.\n`);
  return 0;
}
