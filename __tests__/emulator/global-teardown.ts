/**
 * The emulator suite's global teardown: stops the suite's server by its PID and removes its folder
 * (kept with `KEEP_TEST_TMP=1`, as the run's other folders are).
 */
import { rmSync } from 'node:fs';
import { stopProcess } from '../../modules/local/server';
import { EMULATOR_DIR_ENV, EMULATOR_PID_ENV } from './env';

export default async function teardown(): Promise<void> {
  const pid = process.env[EMULATOR_PID_ENV];
  const dir = process.env[EMULATOR_DIR_ENV];
  try {
    if (pid !== undefined) await stopProcess(Number(pid));
  } finally {
    if (dir !== undefined && process.env.KEEP_TEST_TMP) {
      process.stdout.write(`\nthe emulator's folder kept in ${dir} (KEEP_TEST_TMP)\n`);
    } else if (dir !== undefined) {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
