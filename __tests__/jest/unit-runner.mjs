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
 * What a test file here cannot do (jest's runner could): `jest.mock` and `jest.setTimeout` (give a
 * test's timeout as its third argument, which this runner ignores), and rely on a fresh module
 * registry or global object: a test that changes `process.env` or a module's state restores it.
 */
import LightRunner from 'jest-light-runner/child-process';

export default class UnitRunner extends LightRunner {
  constructor(globalConfig, context, runnerConfiguration) {
    super(globalConfig, context, runnerConfiguration);
    this.inBand = globalConfig.maxWorkers === 1;
  }

  async runTests(...args) {
    if (this.inBand) {
      const [{ register: registerCjs }, { register: registerEsm }] = await Promise.all([
        import('tsx/cjs/api'),
        import('tsx/esm/api'),
      ]);
      registerCjs();
      registerEsm();
      return super.runTests(...args);
    }
    // Only this runner's worker processes get tsx: the e2e and package projects run after it,
    // with jest's own runner, and start node in other folders.
    const previous = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = `${previous ?? ''} --import tsx`.trim();
    try {
      return await super.runTests(...args);
    } finally {
      if (previous === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = previous;
    }
  }
}
