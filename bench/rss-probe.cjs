// Preloaded into every node process of a benchmark run (NODE_OPTIONS=--require): on exit, appends
// "<pid> <peak resident set size in KiB>" to the file named by BENCH_RSS_FILE.
const { appendFileSync } = require('node:fs');

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      appendFileSync(file, `${process.pid} ${process.resourceUsage().maxRSS}\n`);
    } catch {
      // the benchmark then reports no memory figure for this process
    }
  });
}
