// Preloaded into every node process of a benchmark run (NODE_OPTIONS=--require): on exit (and once
// a second), appends "<pid> <peak resident set size in KiB>" to the file named by BENCH_RSS_FILE.
const { appendFileSync } = require('node:fs');
const { setInterval } = require('node:timers');

const file = process.env.BENCH_RSS_FILE;
if (file) {
  const report = () => {
    try {
      appendFileSync(file, `${process.pid} ${process.resourceUsage().maxRSS}\n`);
    } catch {
      // the benchmark then reports no memory figure for this process
    }
  };
  process.on('exit', report);
  // The unit project's worker processes end without an exit event (their pool kills them): every
  // process also reports once a second while it runs (the largest figure of a process counts).
  setInterval(report, 1000).unref();
}
