/**
 * The outputs tell the truth for the grant they describe: each consumer's first command works for
 * its grant (one test per kind of hint), and the CLI profile names the credentials the deployment
 * really used, or a placeholder the user must fill in.
 */
import { accessHint } from '../../modules/stacks/access-hint';
import { defaultConfig, modelOf, synthStack } from '../helpers';

const BUCKET = 'my-shared-bucket';
const AP = 'arn:aws:s3:us-east-1:222222222222:accesspoint/workload-a-1b2c3d';

describe('one hint per kind of grant', () => {
  test('a reader of the whole bucket lists it', () => {
    expect(accessHint({ access: 'read', prefixes: [], bucketName: BUCKET }, 'p')).toBe(
      'aws s3 ls s3://my-shared-bucket/ --profile p',
    );
  });

  test('a consumer limited to prefixes lists its first prefix, not the top level it may not list', () => {
    expect(accessHint({ access: 'read-write', prefixes: ['reports/', 'raw/'], bucketName: BUCKET }, 'p')).toBe(
      'aws s3 ls s3://my-shared-bucket/reports/ --profile p',
    );
  });

  test('a write-only consumer is told it cannot list, and given an upload it can do', () => {
    expect(accessHint({ access: 'write', prefixes: ['in/'], bucketName: BUCKET }, 'p')).toBe(
      'this consumer cannot list (write-only); it can upload: aws s3 cp ./hello.txt s3://my-shared-bucket/in/hello.txt --profile p',
    );
  });

  test('in access-points mode the request goes through the access point, by its ARN', () => {
    expect(accessHint({ access: 'read', prefixes: ['reports/'], bucketName: BUCKET, accessPointArn: AP }, 'p')).toBe(
      `aws s3 ls s3://${AP}/reports/ --profile p`,
    );
  });
});

describe('the hints in the synthesized outputs', () => {
  function assumeRoleEntry(change: (e: Record<string, any>) => void) {
    const e = defaultConfig().stacks[1];
    change(e);
    return synthStack(modelOf(e));
  }

  test('the CLI profile output of an assume-role consumer limited to a prefix', () => {
    const json = assumeRoleEntry((e) => (e.consumers[0].prefixes = ['reports/']));
    expect(json.output.workload_a_aws_cli_profile.description).toBe(
      'Two chained AWS CLI profiles for ~/.aws/config; then: aws s3 ls s3://my-shared-bucket/reports/ --profile workload-a-s3',
    );
  });

  test("a direct consumer's data-plane role output carries its hint", () => {
    const e = defaultConfig().stacks[0];
    e.consumers[0].access = 'write';
    const json = synthStack(modelOf(e));
    expect(json.output.workload_a_data_plane_role_arn.description).toBe(
      'Role that calls S3 for consumer workload-a; with its credentials: this consumer cannot list (write-only); it can upload: aws s3 cp ./hello.txt s3://my-shared-bucket/hello.txt --profile <a profile of this role>',
    );
  });

  test('a consumer deployed with a profile: the workload profile starts from it', () => {
    const json = assumeRoleEntry(() => undefined);
    expect(json.output.workload_a_aws_cli_profile.value).toContain('source_profile = account-a\n');
  });

  test('a consumer deployed through a role: a placeholder to fill in, with a comment saying so', () => {
    const json = assumeRoleEntry(
      (e) => (e.consumers[0].provider = { assumeRoleArn: 'arn:aws:iam::111111111111:role/Deploy' }),
    );
    const profile = json.output.workload_a_aws_cli_profile.value as string;
    expect(profile).toContain(
      '# fill in: a profile of account 111111111111 that may assume RoleInAccountA (this stack was deployed through arn:aws:iam::111111111111:role/Deploy, which no profile names)\nsource_profile = FILL-IN\n',
    );
    expect(profile).not.toContain('source_profile = default');
  });

  test('a consumer deployed with ambient credentials: a placeholder too', () => {
    const json = assumeRoleEntry((e) => delete e.consumers[0].provider);
    const profile = json.output.workload_a_aws_cli_profile.value as string;
    expect(profile).toContain('(this stack was deployed with ambient credentials, which no profile names)');
    expect(profile).not.toContain('source_profile = default');
  });
});
