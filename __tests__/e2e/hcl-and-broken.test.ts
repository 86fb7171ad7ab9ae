/**
 * `cdktf synth --hcl` output validates and plans to the same values as the JSON output; and the
 * harness itself fails on a broken stack (so a green run means something).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App } from 'cdktf';
import { CrossAccountS3Stack } from '../../modules/stacks/cross-account-stack';
import { parseConfig } from '../../modules/config/schema';
import { defaultConfig, defaultModel } from '../helpers';
import { PlanJson, describeWithTerraform, initAndPlan, initAndValidate, report, synthOffline } from './terraform';

const ROOT = resolve(__dirname, '..', '..');

describeWithTerraform('HCL output', () => {
  test('validates, and plans exactly the values of the JSON output', () => {
    const outdir = mkdtempSync(join(tmpdir(), 's3share-e2e-hcl-'));
    const cli = spawnSync(join(ROOT, 'node_modules', '.bin', 'cdktf'), ['synth', '--hcl', '--output', outdir], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CHECKPOINT_DISABLE: '1', S3_SHARE_PROVIDER_MODE: 'offline', S3_SHARE_CONFIG: '' },
    });
    expect(cli.status).toBe(0);
    const jsonDirs = synthOffline([defaultModel('direct-access'), defaultModel('assume-role-access')], 'hcl-json');
    for (const name of ['direct-access', 'assume-role-access']) {
      const hclDir = join(outdir, 'stacks', name);
      const hclPlan = initAndPlan(hclDir);
      expect(hclPlan.validation.error_count).toBe(0);
      const jsonPlan = initAndPlan(jsonDirs[name]);
      const values = (p: typeof hclPlan) =>
        Object.fromEntries(p.resource_changes.map((r) => [r.address, [r.change.after, r.change.after_unknown]]));
      expect(values(hclPlan)).toEqual(values(jsonPlan));
      report(`${name} (HCL): validated and planned, ${hclPlan.resource_changes.length} resources, same values as JSON`);
    }
  });
});

describeWithTerraform('HCL output of a merged current policy', () => {
  test('policy variables and template sequences of a current policy reach the plan intact, as in the JSON output', () => {
    const dir = mkdtempSync(join(tmpdir(), 's3share-e2e-hcl-current-'));
    const fixture = join(__dirname, '..', 'policies', 'template-sequences-policy.json');
    copyFileSync(fixture, join(dir, 'current.json'));
    const config = defaultConfig();
    config.stacks = [config.stacks[0]];
    config.stacks[0].name = 'existing-hcl';
    config.stacks[0].owner.existingBucket = { currentPolicyFile: 'current.json' };
    config.stacks[0].owner.kmsKeyArn = 'arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
    const outdir = join(dir, 'out');
    const cli = spawnSync(join(ROOT, 'node_modules', '.bin', 'cdktf'), ['synth', '--hcl', '--output', outdir], {
      cwd: ROOT,
      encoding: 'utf8',
      env: {
        ...process.env,
        CHECKPOINT_DISABLE: '1',
        S3_SHARE_PROVIDER_MODE: 'offline',
        S3_SHARE_CONFIG: join(dir, 'config.json'),
      },
    });
    expect(cli.status).toBe(0);
    const hclDir = join(outdir, 'stacks', 'existing-hcl');
    const hclPlan = initAndPlan(hclDir);
    expect(hclPlan.validation.error_count).toBe(0);
    const policy = (plan: PlanJson) =>
      JSON.parse(
        plan.resource_changes.find((r) => r.address === 'aws_s3_bucket_policy.shared_bucket')!.change.after
          .policy as string,
      );
    const hcl = policy(hclPlan);
    // ${…}, %{…} and their escaped forms are literal text for AWS: exactly the file's values.
    expect(hcl.Statement[0]).toEqual(JSON.parse(readFileSync(fixture, 'utf8')).Statement[0]);
    const model = parseConfig(config, 'test', { baseDir: dir }).stacks[0];
    const jsonDir = synthOffline([model], 'hcl-current-json')['existing-hcl'];
    expect(hcl).toEqual(policy(initAndPlan(jsonDir)));
    report('existing-hcl (HCL): the merged policy with ${…} and %{…} planned as in JSON and as in the file');
  });
});

describeWithTerraform('the harness catches a broken stack', () => {
  test('an invalid argument fails terraform validate with the diagnostic', () => {
    const outdir = mkdtempSync(join(tmpdir(), 's3share-e2e-broken-'));
    const app = new App({ outdir });
    const stack = new CrossAccountS3Stack(app, 'broken', {
      model: defaultModel('direct-access'),
      providerMode: 'offline',
      localStatePath: 'terraform.tfstate',
    });
    stack.bucket.bucket!.addOverride('not_an_argument', true);
    app.synth();
    expect(() => initAndValidate(join(outdir, 'stacks', 'broken'))).toThrow(
      /terraform validate failed in .*broken:\n {2}error: Extraneous JSON object property \(No argument or block type is named "not_an_argument"\.\)/,
    );
  });

  test('a valid stack still validates (the same harness, without the break)', () => {
    const dirs = synthOffline([defaultModel('direct-access')], 'unbroken');
    expect(initAndValidate(dirs['direct-access']).valid).toBe(true);
  });
});
