/**
 * The emulator's own lifecycle as `npm run deploy:local` and its stop command run it: a server
 * started in a deploy folder answers and is found again by its record; the stop command kills it
 * by its PID and deletes the folder.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCAL_DEPLOY_DIR, runLocalDeploy, runLocalStop } from '../../modules/local/deploy';
import { answers, isEmulator, isRunning, runningServer, startServer } from '../../modules/local/server';
import { describeWithEmulator } from './harness';

describeWithEmulator('the emulator server of a local deploy', () => {
  test('starts at a free port, is found by its record, and the stop command kills it by PID', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 's3share-local-'));
    const dir = join(cwd, LOCAL_DEPLOY_DIR);
    const server = await startServer(dir);
    expect(await answers(server.endpoint)).toBe(true);
    expect(isEmulator(server.pid)).toBe(true);
    expect(await runningServer(dir)).toEqual(server);
    let said = '';
    const io = { argv: [], env: process.env, stdout: { write: (t: string) => (said += t) }, stderr: process.stderr };
    expect(await runLocalStop(io, cwd)).toBe(0);
    expect(said).toBe(`Stopped moto_server (pid ${server.pid}).\nDeleted ${LOCAL_DEPLOY_DIR}/.\n`);
    expect(isRunning(server.pid)).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });

  test('a second deploy in a folder whose lock a running process holds is refused', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 's3share-local-'));
    mkdirSync(join(cwd, LOCAL_DEPLOY_DIR));
    // The jest parent process stands in for a deploy that runs.
    writeFileSync(join(cwd, LOCAL_DEPLOY_DIR, 'deploy.lock'), String(process.ppid));
    let said = '';
    const io = { argv: [], env: process.env, stdout: process.stdout, stderr: { write: (t: string) => (said += t) } };
    expect(await runLocalDeploy(io, cwd)).toBe(1);
    expect(said).toBe(`another npm run deploy:local runs in this folder (pid ${process.ppid}); wait for it to end\n`);
    expect(existsSync(join(cwd, LOCAL_DEPLOY_DIR, 'server.json'))).toBe(false);
  });
});
