/**
 * `cdktf synth --hcl` output validates and plans to the same values as the JSON output; and the
 * harness itself fails on a broken stack (so a green run means something).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App } from 'cdktf';
import { CrossAccountS3Stack } from '../../modules/stacks/cross-account-stack';
import { defaultModel } from '../helpers';
import { describeWithTerraform, initAndValidate, planJson, report, synthOffline } from './terraform';

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
      const validation = initAndValidate(hclDir);
      expect(validation.error_count).toBe(0);
      const hclPlan = planJson(hclDir);
      initAndValidate(jsonDirs[name]);
      const jsonPlan = planJson(jsonDirs[name]);
      const values = (p: typeof hclPlan) =>
        Object.fromEntries(p.resource_changes.map((r) => [r.address, [r.change.after, r.change.after_unknown]]));
      expect(values(hclPlan)).toEqual(values(jsonPlan));
      report(`${name} (HCL): validated and planned, ${hclPlan.resource_changes.length} resources, same values as JSON`);
    }
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
