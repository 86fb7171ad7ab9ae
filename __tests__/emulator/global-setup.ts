/**
 * The emulator suite's global setup: one moto server for the whole suite (no resets between
 * tests), started when `moto_server` is on PATH; its endpoint and PID go to the test processes in
 * the environment. Without it the suite skips, or fails in CI (see `describeWithEmulator`).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MOTO_SERVER, onPath, startServer } from '../../modules/local/server';
import { EMULATOR_DIR_ENV, EMULATOR_ENDPOINT_ENV, EMULATOR_PID_ENV } from './env';

export default async function setup(): Promise<void> {
  if (onPath(MOTO_SERVER) === undefined) return;
  const dir = mkdtempSync(join(tmpdir(), 's3share-emulator-'));
  process.env[EMULATOR_DIR_ENV] = dir;
  const server = await startServer(dir);
  process.env[EMULATOR_ENDPOINT_ENV] = server.endpoint;
  process.env[EMULATOR_PID_ENV] = String(server.pid);
}
