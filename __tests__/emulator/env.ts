/** The environment variables the emulator suite's global setup hands to the test processes. */

/** The suite's emulator, `http://127.0.0.1:<port>`. */
export const EMULATOR_ENDPOINT_ENV = 'S3SHARE_EMULATOR_ENDPOINT';

/** The suite's emulator's process ID. */
export const EMULATOR_PID_ENV = 'S3SHARE_EMULATOR_PID';

/** The folder of the suite's emulator (its record and log), removed by the global teardown. */
export const EMULATOR_DIR_ENV = 'S3SHARE_EMULATOR_DIR';
