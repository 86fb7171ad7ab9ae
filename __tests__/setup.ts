import childProcess, { ExecSyncOptions } from 'node:child_process';
// cdktf's matchers are not set up here: no test under __tests__ uses them, and loading cdktf for
// the files that never need it cost about 0.4 s each. The examples' tests call Testing.setupJest().

// cdktf records a stack trace for every token it creates (on a plain object, never shown unless a
// token fails to resolve). Jest maps every trace through the test files' source maps, which was a
// tenth of the unit suite's time; those traces are formatted without source maps, 10 frames deep.
// Errors (the tests' own failures) keep jest's mapped traces.
const mapped = Error.prepareStackTrace;
Error.prepareStackTrace = (error: unknown, frames: NodeJS.CallSite[]) =>
  mapped !== undefined && error instanceof Error
    ? mapped(error, frames)
    : `${String(error)}\n${frames
        .slice(0, 10)
        .map((f) => `    at ${f.toString()}`)
        .join('\n')}`;

// cdktf checks the Terraform version (`terraform version`, about 120 ms) for every resource with an
// import block, at every synth: each adopting config runs it up to 4 times. The answer does not
// change during a test run, so each test file asks the real binary once.
const versions = new Map<string, Buffer | string>();
const execSync = childProcess.execSync;
childProcess.execSync = ((command: string, options?: ExecSyncOptions) => {
  if (!/^terraform\S* version$/.test(command)) return execSync(command, options);
  if (!versions.has(command)) versions.set(command, execSync(command, options));
  return versions.get(command);
}) as typeof childProcess.execSync;
