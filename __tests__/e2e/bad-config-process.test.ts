/**
 * Representative bad inputs of the table through the app as a process (the command `cdktf synth`
 * runs), and a few through `npm run synth` itself: exit code 1, the problem printed, and no stack
 * left in the output folder, not even a stale one from an earlier run. Every case of the table goes
 * through the same app in-process in the unit suite (`__tests__/main.test.ts`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { BAD_CONFIGS } from '../bad-configs';
import { defaultConfig } from '../helpers';
import { tsxProcessEnv } from '../jest/temp-root';

const ROOT = resolve(__dirname, '..', '..');

interface Run {
  status: number | null;
  stderr: string;
  outdir: string;
}

/** Writes the case's config and an output folder holding a stale stack from an "earlier run". */
function prepare(index: number): { file: string; outdir: string } {
  const dir = mkdtempSync(join(tmpdir(), `s3share-bad-${index}-`));
  const config = defaultConfig();
  BAD_CONFIGS[index][1](config);
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config));
  const outdir = join(dir, 'cdktf.out');
  mkdirSync(join(outdir, 'stacks', 'stale'), { recursive: true });
  writeFileSync(join(outdir, 'stacks', 'stale', 'cdk.tf.json'), '{}');
  return { file, outdir };
}

function runApp(index: number): Promise<Run> {
  const { file, outdir } = prepare(index);
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'main.ts'], {
      cwd: ROOT,
      env: tsxProcessEnv({ ...process.env, CDKTF_OUTDIR: outdir, S3_SHARE_CONFIG: file }),
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => done({ status, stderr, outdir }));
  });
}

/** Problem lines of the output, without the `  - ` bullet. */
function problemLines(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((l) => l.startsWith('  - '))
    .map((l) => l.slice(4));
}

/**
 * One case of each kind: a JSON type, a typo key, a placeholder value, a rule across consumers,
 * a prefix character rule, a file the config names that does not exist.
 */
const REPRESENTATIVE = [1, 9, 15, 51, 52, 67];

describe('bad configs through the app process', () => {
  const runs = new Map<number, Run>();

  beforeAll(async () => {
    const queue = [...REPRESENTATIVE];
    const worker = async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) runs.set(i, await runApp(i));
    };
    await Promise.all([worker(), worker(), worker()]);
    process.stdout.write(`[e2e] ${runs.size} bad configs run through the app process\n`);
  }, 300_000);

  test.each(REPRESENTATIVE.map((i) => [BAD_CONFIGS[i][0], i, BAD_CONFIGS[i][2]] as const))(
    '%s',
    (_name, i, expected) => {
      const run = runs.get(i)!;
      expect(run.status).toBe(1);
      expect(problemLines(run.stderr)).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
      expect(run.stderr).toContain('No stack written');
      expect(existsSync(join(run.outdir, 'stacks'))).toBe(false);
    },
  );
});

describe('bad configs through npm run synth', () => {
  test.each([0, 10, 30])('case %i: non-zero exit, the problem printed, no stack', (i) => {
    const { file, outdir } = prepare(i);
    const r = spawnSync('npm', ['run', 'synth', '--', '--output', outdir], {
      cwd: ROOT,
      encoding: 'utf8',
      env: tsxProcessEnv({ ...process.env, S3_SHARE_CONFIG: file }),
    });
    expect(r.status).not.toBe(0);
    const lines = problemLines(stripVTControlCharacters(`${r.stdout}\n${r.stderr}`).replace(/^ {4}/gm, ''));
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(BAD_CONFIGS[i][2])]));
    expect(existsSync(join(outdir, 'stacks'))).toBe(false);
  });
});
