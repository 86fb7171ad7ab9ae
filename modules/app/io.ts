/** What a command of this project runs with, passed in so the tests run it in-process. */

/** Where a command's text goes: `process.stdout` and `process.stderr`, or a test's collector. */
export interface TextSink {
  write(text: string): unknown;
}

/** A command's arguments, environment and output streams: in a script, `process.argv.slice(2)`, `process.env` and the two streams. */
export interface CommandIo {
  /** The command-line arguments after the script. */
  readonly argv: readonly string[];
  /** The environment (`S3_SHARE_CONFIG`, `S3_SHARE_PROVIDER_MODE`, `CDKTF_OUTDIR`, …). */
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: TextSink;
  readonly stderr: TextSink;
}

/** The running process's own arguments, environment and streams. */
export function processIo(): CommandIo {
  return { argv: process.argv.slice(2), env: process.env, stdout: process.stdout, stderr: process.stderr };
}
