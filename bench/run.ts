/**
 * `npm run bench`: measures whole processes on this machine, several runs each, and writes the
 * medians to BENCHMARKS.md. Wall time from the parent; peak memory as the largest peak resident set
 * size of any node process of the run (each reports its own through bench/rss-probe.cjs).
 *
 *   BENCH_RUNS=5      runs per synth measurement (the test runs are measured once each)
 *   BENCH_TESTS=0     skip measuring the test runs (each project, then the whole `npm test`)
 */
import { spawnSync } from 'node:child_process';
import { cpus, totalmem, tmpdir } from 'node:os';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PROBE = join(__dirname, 'rss-probe.cjs');

interface Measure {
  readonly label: string;
  readonly wallSeconds: number[];
  readonly peakMiB: number[];
  readonly ok: boolean;
  readonly note?: string;
}

function once(
  command: string,
  args: string[],
  env: Record<string, string>,
): { seconds: number; peakMiB: number; status: number | null; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 's3share-bench-'));
  const rssFile = join(dir, 'rss.txt');
  const start = process.hrtime.bigint();
  const r = spawnSync(command, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      CHECKPOINT_DISABLE: '1',
      CDKTF_OUTDIR: join(dir, 'out'),
      BENCH_RSS_FILE: rssFile,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${PROBE}`.trim(),
      ...env,
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  let peakKiB = 0;
  try {
    for (const line of readFileSync(rssFile, 'utf8').trim().split('\n'))
      peakKiB = Math.max(peakKiB, Number(line.split(' ')[1]));
  } catch {
    // no node process reported
  }
  rmSync(dir, { recursive: true, force: true });
  return { seconds, peakMiB: peakKiB / 1024, status: r.status, stderr: r.stderr };
}

function measure(
  label: string,
  command: string,
  args: string[],
  env: Record<string, string> = {},
  runs = RUNS,
): Measure {
  const wallSeconds: number[] = [];
  const peakMiB: number[] = [];
  let ok = true;
  let note: string | undefined;
  for (let i = 0; i < runs; i++) {
    const r = once(command, args, env);
    wallSeconds.push(r.seconds);
    peakMiB.push(r.peakMiB);
    if (r.status !== 0) {
      ok = false;
      note = r.stderr
        .split('\n')
        .find((l) => /limit|problem|Error/.test(l))
        ?.trim();
    }
  }
  process.stderr.write(
    `${label}: ${median(wallSeconds).toFixed(2)} s, ${median(peakMiB).toFixed(0)} MiB${ok ? '' : ' (exit non-zero)'}\n`,
  );
  return { label, wallSeconds, peakMiB, ok, note };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** An access-points config with n read-write consumers, each in its own account with its own prefix. */
function consumersConfig(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), 's3share-bench-config-'));
  const file = join(dir, `consumers-${n}.json`);
  const account = (i: number) => String(100000000000 + i * 7919);
  writeFileSync(
    file,
    JSON.stringify({
      stacks: [
        {
          name: `bench-${n}`,
          approach: 'direct',
          region: 'eu-central-1',
          accessMode: 'access-points',
          owner: { accountId: '222222222222', bucketName: 'bench-shared-bucket', provider: { profile: 'owner' } },
          consumers: Array.from({ length: n }, (_, i) => ({
            name: `team-${i}`,
            accountId: account(i),
            roleName: `Team${i}Role`,
            access: 'read-write',
            prefixes: [`teams/${i}/`],
            provider: { assumeRoleArn: `arn:aws:iam::${account(i)}:role/Deploy` },
          })),
        },
      ],
    }),
  );
  return file;
}

const node = process.execPath;
const app = ['--import', 'tsx', 'main.ts'];
const results: Measure[] = [];
const floor = measure('floor: one-resource stack, one deep-imported provider class', node, [
  '--import',
  'tsx',
  'bench/floor.ts',
]);
results.push(floor);
const defaultSynth = measure('app synth, default config (the `app` of cdktf.json)', node, app, { S3_SHARE_CONFIG: '' });
results.push(defaultSynth);
const npmSynth = measure(
  '`npm run synth` end to end, default config (npm, then the app)',
  'npm',
  ['run', 'synth', '--silent'],
  {
    S3_SHARE_CONFIG: '',
  },
);
results.push(npmSynth);
results.push(
  measure(
    '`cdktf synth` end to end, default config',
    join(ROOT, 'node_modules', '.bin', 'cdktf'),
    ['synth'],
    { S3_SHARE_CONFIG: '' },
    Math.min(RUNS, 3),
  ),
);
const scale: Measure[] = [];
for (const n of [1, 10, 100, 500]) {
  const config = consumersConfig(n);
  let m: Measure;
  try {
    m = measure(`app synth, ${n} consumers (access points, a prefix each)`, node, app, { S3_SHARE_CONFIG: config });
  } finally {
    rmSync(dirname(config), { recursive: true, force: true });
  }
  scale.push(m);
  results.push(m);
}
if (process.env.BENCH_TESTS !== '0') {
  results.push(measure('unit tests (`npm run test:unit`)', 'npm', ['run', 'test:unit', '--silent'], {}, 1));
  results.push(measure('terraform e2e tests (`npm run test:e2e`)', 'npm', ['run', 'test:e2e', '--silent'], {}, 1));
  results.push(measure('emulator tests (`npm run test:emulator`)', 'npm', ['run', 'test:emulator', '--silent'], {}, 1));
  results.push(
    measure('package and examples tests (`npm run test:package`)', 'npm', ['run', 'test:package', '--silent'], {}, 1),
  );
  results.push(measure('the whole `npm test`', 'npm', ['test', '--silent'], {}, 1));
}

const ratio = (m: Measure) => (median(m.wallSeconds) / median(floor.wallSeconds)).toFixed(2);
const one = scale[0];
const last = scale[scale.length - 1];
const testRun = (prefix: string) => results.find((m) => m.label.startsWith(prefix));
/** The test-run targets of issues 13 and 15 (seconds). */
const TEST_TARGETS: Array<[string, string, number]> = [
  ['unit tests', 'unit test run', 15],
  ['terraform e2e', 'terraform e2e test run', 150],
  ['emulator tests', 'emulator test run', 120],
  ['package and examples', 'package and examples test run', 40],
  ['the whole', 'the whole `npm test`', 360],
];
const target = (what: string, value: number, limit: number, unitText: string) =>
  `| ${what} | ${value.toFixed(2)} ${unitText} | ${limit} ${unitText} | ${value <= limit ? 'met' : `missed by ${(value - limit).toFixed(2)} ${unitText}`} |`;
const generated = [
  '<!-- bench:start (written by npm run bench; edit outside these markers) -->',
  `Measured on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}. Medians of ${RUNS} runs (the cdktf CLI ${Math.min(RUNS, 3)}, the test runs 1). Peak memory is the largest peak resident set size of one node process of the run.`,
  '',
  '| measurement | wall time (s) | peak memory (MiB) | ratio to floor | result |',
  '| --- | --- | --- | --- | --- |',
  ...results.map(
    (m) =>
      `| ${m.label} | ${median(m.wallSeconds).toFixed(2)} | ${median(m.peakMiB).toFixed(0)} | ${ratio(m)} | ${m.ok ? 'ok' : `fails: ${(m.note ?? 'exit non-zero').replace(/\|/g, '/')}`} |`,
  ),
  '',
  '| target | measured | limit | verdict |',
  '| --- | --- | --- | --- |',
  target('default synth / floor (wall time)', median(defaultSynth.wallSeconds) / median(floor.wallSeconds), 1.2, '×'),
  target('default synth peak memory', median(defaultSynth.peakMiB), 200, 'MiB'),
  target('`npm run synth` / floor (wall time)', median(npmSynth.wallSeconds) / median(floor.wallSeconds), 2, '×'),
  target(
    `synth ${last.label.match(/\d+/)?.[0]} consumers / 1 consumer (wall time)`,
    median(last.wallSeconds) / median(one.wallSeconds),
    3,
    '×',
  ),
  ...TEST_TARGETS.flatMap(([prefix, what, limit]) => {
    const m = testRun(prefix);
    return m ? [target(what, median(m.wallSeconds), limit, 's')] : [];
  }),
  '<!-- bench:end -->',
].join('\n');

const file = join(ROOT, 'BENCHMARKS.md');
let before = '# Benchmarks\n\n';
let after = '\n';
try {
  const current = readFileSync(file, 'utf8');
  const a = current.indexOf('<!-- bench:start');
  const b = current.indexOf('<!-- bench:end -->');
  if (a >= 0 && b > a) {
    before = current.slice(0, a);
    after = current.slice(b + '<!-- bench:end -->'.length);
  }
} catch {
  // first run: a new file
}
writeFileSync(file, `${before}${generated}${after}`);
process.stdout.write(`${generated}\n`);
