/**
 * `npm run verify`: evaluates the access matrix of every stack in `cdktf.out` (run `npm run synth`
 * first, with the same S3_SHARE_CONFIG), prints it, writes `cdktf.out/access-report.md`, and exits
 * non-zero when any request is not decided as expected.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/load';
import { ConfigError } from '../config/schema';
import { verifyStacks } from './index';
import { markdownReport, terminalReport } from './report';

async function main(): Promise<number> {
  const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  const config = loadConfig();
  const results = await verifyStacks(outdir, config);
  process.stdout.write(`${terminalReport(results)}\n`);
  const report = join(outdir, 'access-report.md');
  writeFileSync(report, markdownReport(results, config));
  const failed = results.filter((r) => !r.ok);
  process.stdout.write(`\n${results.length - failed.length} passed, ${failed.length} failed; report: ${report}\n`);
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof ConfigError ? e.message : e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  },
);
