/** The emulator suite's global teardown: stops the suite's server by its PID. */
import { stopProcess } from '../../modules/local/server';
import { EMULATOR_PID_ENV } from './env';

export default async function teardown(): Promise<void> {
  const pid = process.env[EMULATOR_PID_ENV];
  if (pid !== undefined) await stopProcess(Number(pid));
}
