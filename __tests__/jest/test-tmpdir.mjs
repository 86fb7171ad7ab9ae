/**
 * Loaded by the unit project's worker processes after tsx (unit-runner.mjs): from here on, the
 * worker and the processes it starts use the run's temporary folder (temp-root.ts), while tsx
 * keeps its cache in the system's.
 */
if (process.env.S3SHARE_TEST_TMP) process.env.TMPDIR = process.env.S3SHARE_TEST_TMP;
