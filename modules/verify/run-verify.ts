/**
 * `npm run verify` as a function (the script is `modules/verify/cli.ts`): evaluates the access
 * matrix of every stack in the output folder (`$CDKTF_OUTDIR`, else `cdktf.out`; run `npm run
 * synth` first, with the same S3_SHARE_CONFIG), prints it, writes `access-report.md` there, and
 * lints every policy of every stack (`modules/lint`): errors fail the run; warnings (statements kept
 * from an existing policy) are printed only.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandIo, TextSink } from '../app/io';
import { loadConfig } from '../config/load';
import { ConfigModel, ConfigError } from '../config/schema';
import { formatFinding, lintStack } from '../lint';
import { extractPolicies } from './extract';
import { verifyStacks } from './index';
import { markdownReport, terminalReport } from './report';

/** Lints every policy of every stack, prints the findings and a summary line; returns the number of errors. */
async function lintStacks(outdir: string, config: ConfigModel, out: TextSink): Promise<number> {
  let [policies, errors, warnings, suppressed] = [0, 0, 0, 0];
  const lines: string[] = [];
  for (const model of config.stacks) {
    const result = await lintStack(model, extractPolicies(outdir, model));
    policies += result.policies;
    suppressed += result.suppressed.length;
    for (const f of result.findings) {
      if (f.severity === 'error') errors++;
      else warnings++;
      lines.push(formatFinding(model.name, f));
    }
  }
  const silenced = suppressed > 0 ? `, ${suppressed} suppressed (modules/lint/suppressions.ts)` : '';
  lines.push(`policy lint: ${policies} policies, ${errors} error(s), ${warnings} warning(s)${silenced}`);
  out.write(`\n${lines.join('\n')}\n`);
  return errors;
}

async function verify(io: CommandIo): Promise<number> {
  const outdir = io.env.CDKTF_OUTDIR ?? 'cdktf.out';
  const config = loadConfig(io.env);
  const results = await verifyStacks(outdir, config);
  io.stdout.write(`${terminalReport(results)}\n`);
  const report = join(outdir, 'access-report.md');
  writeFileSync(report, markdownReport(results, config));
  const lintErrors = await lintStacks(outdir, config, io.stdout);
  const failed = results.filter((r) => !r.ok);
  io.stdout.write(`\n${results.length - failed.length} passed, ${failed.length} failed; report: ${report}\n`);
  return failed.length === 0 && lintErrors === 0 ? 0 : 1;
}

/**
 * Runs `npm run verify` once.
 * @param io the environment (`S3_SHARE_CONFIG`, `CDKTF_OUTDIR`) and the output streams; no arguments are read
 * @returns the exit code: 0 when every request is decided as expected and the lint has no error,
 *   1 when not, 2 when the config or the synthesized stacks cannot be read (the message on `io.stderr`)
 */
export async function runVerify(io: CommandIo): Promise<number> {
  try {
    return await verify(io);
  } catch (e) {
    io.stderr.write(`${e instanceof ConfigError ? e.message : e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}
