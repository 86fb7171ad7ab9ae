/**
 * `npm run verify` lints every policy of every stack: it prints a summary line; an error in a
 * statement the stack writes makes it exit 1, with the finding printed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runApp } from '../../modules/app/run-app';
import { runVerify } from '../../modules/verify/run-verify';
import { runCommand } from '../helpers';

test('verify prints the lint summary, and an unknown action in the bucket policy exits 1', async () => {
  const outdir = mkdtempSync(join(tmpdir(), 's3share-lint-verify-'));
  const env = { CDKTF_OUTDIR: outdir, S3_SHARE_CONFIG: '' };
  try {
    expect(runCommand(runApp, env).status).toBe(0);
    const ok = await runCommand(runVerify, env);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('\npolicy lint: 10 policies, 0 error(s), 0 warning(s)\n');
    expect(ok.stdout).toMatch(/143 passed, 0 failed; report: .*\n$/);

    const file = join(outdir, 'stacks', 'assume-role-access', 'cdk.tf.json');
    const json = JSON.parse(readFileSync(file, 'utf8'));
    const policies = json.resource.aws_iam_role_policy;
    const name = Object.keys(policies)[0];
    const policy = JSON.parse(policies[name].policy);
    policy.Statement[0].Action = [policy.Statement[0].Action, 's3:GetObjects'].flat();
    policies[name].policy = JSON.stringify(policy);
    writeFileSync(file, JSON.stringify(json));
    const broken = await runCommand(runVerify, env);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain('\npolicy lint: 10 policies, 1 error(s), 0 warning(s)\n');
    expect(broken.stdout).toMatch(
      new RegExp(
        `\\nerror assume-role-access: identity policy ${policies[name].name} of arn:aws:iam::\\d{12}:role/\\S+, statement "${policy.Statement[0].Sid}": action-exists: s3:GetObjects is not an action of s3\\n`,
      ),
    );
    // The access matrix itself still passes: only the lint fails the run.
    expect(broken.stdout).toMatch(/143 passed, 0 failed; report: /);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}, 60_000);
