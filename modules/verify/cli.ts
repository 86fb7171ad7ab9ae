/**
 * `npm run verify`: evaluates the access matrix of every stack in `cdktf.out` (run `npm run synth`
 * first, with the same S3_SHARE_CONFIG), prints it, writes `cdktf.out/access-report.md`, and exits
 * non-zero when any request is not decided as expected. It also lints every policy of every stack
 * (`modules/lint`): an error there exits 1 too; warnings (statements kept from an existing policy)
 * are printed only.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/load';
import { ConfigModel, ConfigError } from '../config/schema';
import { formatFinding, lintStack } from '../lint';
import { extractPolicies } from './extract';
import { verifyStacks } from './index';
import { markdownReport, terminalReport } from './report';

/** Lints every policy of every stack, prints the findings and a summary line; returns the number of errors. */
async function lintStacks(outdir: string, config: ConfigModel): Promise<number> {
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
  process.stdout.write(`\n${lines.join('\n')}\n`);
  return errors;
}

async function main(): Promise<number> {
  const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  const config = loadConfig();
  const results = await verifyStacks(outdir, config);
  process.stdout.write(`${terminalReport(results)}\n`);
  const report = join(outdir, 'access-report.md');
  writeFileSync(report, markdownReport(results, config));
  const lintErrors = await lintStacks(outdir, config);
  const failed = results.filter((r) => !r.ok);
  process.stdout.write(`\n${results.length - failed.length} passed, ${failed.length} failed; report: ${report}\n`);
  return failed.length === 0 && lintErrors === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof ConfigError ? e.message : e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  },
);
