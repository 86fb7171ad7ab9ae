/**
 * Jest's global setup and teardown: one temporary folder for the whole run. Every test (and every
 * process it starts: terraform, npm, the app) creates its temporary folders inside it, since
 * `os.tmpdir()` and child processes follow `TMPDIR`; the teardown removes it, so a run leaves
 * nothing in the system's temporary folder but tsx's cache of compiled files (`tsx-<uid>`, see
 * `tsxProcessEnv` and unit-runner.mjs). `KEEP_TEST_TMP=1` keeps it, to inspect a failure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT_ENV = 'S3SHARE_TEST_TMP';

export function setup(): void {
  const root = mkdtempSync(join(tmpdir(), 's3share-test-'));
  // The system's own, for tools that keep a cache there (tsx: see unit-runner.mjs); '' when unset.
  process.env.S3SHARE_SYSTEM_TMPDIR = process.env.TMPDIR ?? '';
  process.env[ROOT_ENV] = root;
  process.env.TMPDIR = root;
}

export function teardown(): void {
  const root = process.env[ROOT_ENV];
  if (root === undefined) return;
  if (process.env.KEEP_TEST_TMP) {
    process.stdout.write(`\ntest folders kept in ${root} (KEEP_TEST_TMP)\n`);
    return;
  }
  rmSync(root, { recursive: true, force: true });
}

/**
 * `env` with the system's temporary folder, for a process started with `node --import tsx`: tsx
 * keeps its compiled files in `os.tmpdir()`, and in the run's folder a process starts cold (about
 * 0.7 s more for the app). Such a process must write no temporary file of its own.
 */
export function tsxProcessEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const system = env.S3SHARE_SYSTEM_TMPDIR;
  if (system === undefined) return env;
  const result: NodeJS.ProcessEnv = { ...env, TMPDIR: system };
  if (system === '') delete result.TMPDIR;
  return result;
}
