/**
 * `npm run verify`: evaluates the access matrix of every stack in `cdktf.out` (run `npm run synth`
 * first, with the same S3_SHARE_CONFIG), prints it, writes `cdktf.out/access-report.md`, and exits
 * non-zero when any request is not decided as expected. It also lints every policy of every stack
 * (`modules/lint`): an error there exits 1 too; warnings (statements kept from an existing policy)
 * are printed only. The work is `runVerify` in `run-verify.ts`.
 */
import { processIo } from '../app/io';
import { runVerify } from './run-verify';

void runVerify(processIo()).then((code) => process.exit(code));
