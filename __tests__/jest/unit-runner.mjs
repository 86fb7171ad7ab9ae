/**
 * The unit project's runner: jest-light-runner, which runs the test files in plain Node processes
 * and keeps each process's loaded modules from one test file to the next. Under jest's own runner
 * every test file loaded cdktf, the provider classes and the modules again (about 0.5 s each, 30
 * files); here each of the two workers loads them once.
 *
 * The test files are TypeScript, loaded by tsx: the worker processes start with `--import tsx`
 * (in Node 20, module hooks reach child processes but not worker threads). With one worker
 * (`jest -i`) the runner runs the files in jest's own process, so tsx is registered there.
 *
 * What a test file here cannot do (jest's runner could): `jest.mock`, `jest.setTimeout` or any
 * timeout (this runner has none: a test that never settles stops the run), and rely on a fresh
 * module registry or global object: a test that changes `process.env` or a module's state
 * restores it.
 */
import { createRequire } from 'node:module';
import { URL, pathToFileURL } from 'node:url';
import LightRunner from 'jest-light-runner/child-process';

/** What a worker process sends its pool to get the run's configuration, and the answer's type. */
const REQUEST = 'jest-light-runner-get-worker-data';

/**
 * jest-light-runner (0.7.13 and 0.8.2) answers a worker's request on a channel that all workers of
 * the pool share, and sends the answer to every worker that has a task, forgetting them: a worker
 * still starting up misses it, later asks in vain, and the run hangs. Each pool here gets a channel
 * that answers every request and forgets nobody; a worker ignores answers once it has its own.
 */
const steadyChannels = new WeakMap();

function steadyChannel(channel) {
  let steady = steadyChannels.get(channel);
  if (steady === undefined) {
    // The runner's channel answers synchronously: ask it once for the configuration.
    let answer;
    channel.onMessage((message) => (answer = message));
    channel.postMessage(REQUEST);
    if (answer === undefined) throw new Error('jest-light-runner did not answer its workers as expected');
    const listeners = new Set();
    steady = {
      onMessage: (listener) => listeners.add(listener),
      postMessage: (message) => {
        if (message === REQUEST) for (const listener of listeners) listener(answer);
      },
    };
    steadyChannels.set(channel, steady);
  }
  return steady;
}

/** Gives every pool a steady channel: patches the pool class jest-light-runner itself imports. */
let patched;
function steadyPools() {
  patched ??= import(
    pathToFileURL(createRequire(import.meta.resolve('jest-light-runner')).resolve('tinypool')).href
  ).then(({ default: Tinypool }) => {
    const run = Tinypool.prototype.run;
    Tinypool.prototype.run = function (task, options) {
      return run.call(this, task, options?.channel ? { ...options, channel: steadyChannel(options.channel) } : options);
    };
  });
  return patched;
}

/** Sets the run's temporary folder in a worker, once tsx has found its cache (see below). */
const TEST_TMPDIR = new URL('./test-tmpdir.mjs', import.meta.url).href;

/**
 * Runs `fn` with `TMPDIR` set to the system's temporary folder, as it was before the run's own
 * (temp-root.ts). tsx keeps its transforms in `os.tmpdir()/tsx-<uid>`, chosen when it loads: in
 * the run's folder, which the teardown removes, every run compiled every TypeScript file again in
 * each worker (about 1.3 s of each worker's time).
 */
async function withSystemTmpdir(fn) {
  const system = process.env.S3SHARE_SYSTEM_TMPDIR;
  const previous = process.env.TMPDIR;
  if (system === undefined) return fn();
  if (system === '') delete process.env.TMPDIR;
  else process.env.TMPDIR = system;
  try {
    return await fn();
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
}

export default class UnitRunner extends LightRunner {
  constructor(globalConfig, context, runnerConfiguration) {
    super(globalConfig, context, runnerConfiguration);
    this.inBand = globalConfig.maxWorkers === 1;
  }

  async runTests(...args) {
    if (this.inBand) {
      const [{ register: registerCjs }, { register: registerEsm }] = await withSystemTmpdir(() =>
        Promise.all([import('tsx/cjs/api'), import('tsx/esm/api')]),
      );
      registerCjs();
      registerEsm();
      return super.runTests(...args);
    }
    await steadyPools();
    // Only this runner's worker processes get tsx: the e2e and package projects run after it,
    // with jest's own runner, and start node in other folders. They start with the system's
    // temporary folder, where tsx keeps its cache, and then take the run's (test-tmpdir.mjs).
    const previous = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = `${previous ?? ''} --import tsx --import ${TEST_TMPDIR}`.trim();
    try {
      return await withSystemTmpdir(() => super.runTests(...args));
    } finally {
      if (previous === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = previous;
    }
  }
}
