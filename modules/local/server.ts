/**
 * The local AWS emulator of `npm run deploy:local`: moto's server (`moto_server`) on 127.0.0.1 at
 * a free port, started in the background and recorded by its PID in the deploy folder, so that the
 * stop command kills exactly that process (never one found by name).
 * https://docs.getmoto.org/en/latest/docs/server_mode.html
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';

/** The emulator's executable. */
export const MOTO_SERVER = 'moto_server';

/** How to install it, for the message when it is missing. */
export const MOTO_INSTALL = 'pip install "moto[server]"';

/** The file in the deploy folder that records the running server. */
export const SERVER_FILE = 'server.json';

/** A running emulator, as recorded in {@link SERVER_FILE}. */
export interface EmulatorServer {
  /** The server's process ID. */
  readonly pid: number;
  /** Its TCP port on 127.0.0.1. */
  readonly port: number;
  /** Its base URL, `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
}

/** The path of `command` on `PATH`, or undefined when it is not there. */
export function onPath(command: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    const candidate = join(dir, command);
    if (dir !== '' && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** A TCP port on 127.0.0.1 that nothing listens on now (the kernel's choice). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** True when the server answers on its moto API path. */
export async function answers(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** True when a process with this PID runs (and may be signalled by this user). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The server recorded in `dir`, when its process still runs and answers; undefined otherwise.
 */
export async function runningServer(dir: string): Promise<EmulatorServer | undefined> {
  const file = join(dir, SERVER_FILE);
  if (!existsSync(file)) return undefined;
  let server: EmulatorServer;
  try {
    server = JSON.parse(readFileSync(file, 'utf8')) as EmulatorServer;
  } catch {
    return undefined; // not a record: a new server replaces it
  }
  return Number.isInteger(server.pid) && server.pid > 1 && isRunning(server.pid) && (await answers(server.endpoint))
    ? server
    : undefined;
}

/**
 * Starts `moto_server` on 127.0.0.1 at a free port, detached (it outlives this process), its
 * output in `<dir>/moto.log`, and records it in `<dir>/server.json`; resolves once it answers.
 * @param timeoutMs how long to wait for the first answer, milliseconds
 * @throws Error when the server exits or does not answer within `timeoutMs` (its log is named)
 */
export async function startServer(dir: string, timeoutMs = 30_000): Promise<EmulatorServer> {
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const log = join(dir, 'moto.log');
  const out = openSync(log, 'a');
  const child = spawn(MOTO_SERVER, ['-H', '127.0.0.1', '-p', String(port)], {
    detached: true,
    stdio: ['ignore', out, out],
  });
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  child.unref();
  if (child.pid === undefined) throw new Error(`${MOTO_SERVER} did not start (see ${log})`);
  const server = { pid: child.pid, port, endpoint: `http://127.0.0.1:${port}` };
  writeFileSync(join(dir, SERVER_FILE), `${JSON.stringify(server, null, 2)}\n`);
  const deadline = Date.now() + timeoutMs;
  while (!(await answers(server.endpoint))) {
    if (exited !== undefined) throw new Error(`${MOTO_SERVER} exited with code ${exited} (see ${log})`);
    if (Date.now() > deadline) {
      await stopProcess(server.pid);
      throw new Error(`${MOTO_SERVER} did not answer on ${server.endpoint} within ${timeoutMs / 1000} s (see ${log})`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return server;
}

/**
 * True when the process `pid` is the emulator: its command line (Linux's `/proc/<pid>/cmdline`,
 * elsewhere `ps -p <pid> -o command=`) names `moto_server`. Never for a PID of 1 or less (0 and -1
 * would signal a whole process group or every process). Guards the stop command against a
 * recorded PID that another process has taken since.
 */
export function isEmulator(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 1) return false;
  try {
    if (existsSync('/proc/self')) return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(MOTO_SERVER);
    // No /proc (macOS, BSD): ps tells the command line.
    const ps = spawnSync('ps', ['-p', String(pid), '-o', 'command='], { encoding: 'utf8' });
    return ps.status === 0 && ps.stdout.includes(MOTO_SERVER);
  } catch {
    return false;
  }
}

/**
 * Stops the process `pid` (SIGTERM, then SIGKILL after 5 s) and waits until it is gone.
 * @returns false when no such process ran
 */
export async function stopProcess(pid: number): Promise<boolean> {
  if (!isRunning(pid)) return false;
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; isRunning(pid); waited += 100) {
    if (waited === 5000) process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}
