/**
 * Server access logging and tags (issue 14, owner hygiene). `owner.accessLogs` logs a bucket the
 * stack manages into another bucket, and hands off the statement that bucket's policy needs;
 * `tags` become the default tags of every provider of the entry (a warning when the entry adopts
 * a bucket or key: their other tags are removed). Off, nothing changes (the corpus comparison holds
 * every other config to its bytes).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { runApp } from '../../modules/app/run-app';
import { AccountProviders, SharedBucket, handoffsOf, logBucketPolicyHandoff } from '../../index';
import { CrossAccountS3Stack } from '../../modules/stacks/cross-account-stack';
import { verifyStackJson } from '../../modules/verify';
import { multiConsumerEntry } from '../fixtures';
import { configMessages } from '../options';
import { SynthJson, defaultConfig, modelOf, resource, runCommand, synthEntry, synthStack } from '../helpers';

/** The config's problems (or warnings) as text. */
const problems = (entry: Record<string, unknown>): string => configMessages(entry);

describe('server access logs', () => {
  const entry = defaultConfig().stacks[1];
  entry.owner.accessLogs = { bucket: 'org-access-logs' };
  const model = modelOf(entry);

  test('the bucket logs into the log bucket under <bucket name>/', () => {
    const json = synthStack(model);
    expect(resource(json, 'aws_s3_bucket_logging', 'shared_bucket')).toMatchObject({
      bucket: '${aws_s3_bucket.shared_bucket.id}',
      target_bucket: 'org-access-logs',
      target_prefix: `${model.owner.bucketName}/`,
    });
  });

  test("the log bucket's policy statement is handed off: the logging service, this bucket and account only", () => {
    const app = Testing.app();
    const stack = new CrossAccountS3Stack(app, model.name, { model });
    const handoffs = handoffsOf(stack);
    expect(handoffs.map((h) => h.file)).toEqual(['log-bucket-policy-statements-to-add.json']);
    expect(handoffs[0].document.Statement).toEqual([
      {
        Sid: `S3ServerAccessLogsFrom${model.owner.bucketName
          .split('-')
          .map((p) => p[0].toUpperCase() + p.slice(1))
          .join('')}`,
        Effect: 'Allow',
        Principal: { Service: 'logging.s3.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `arn:aws:s3:::org-access-logs/${model.owner.bucketName}/*`,
        Condition: {
          ArnLike: { 'aws:SourceArn': `arn:aws:s3:::${model.owner.bucketName}` },
          StringEquals: { 'aws:SourceAccount': model.owner.accountId },
        },
      },
    ]);
  });

  test('the config app writes the hand-off beside the stack, says ACTION NEEDED, and outputs the statement', () => {
    const outdir = mkdtempSync(join(tmpdir(), 's3share-logs-'));
    const config = join(outdir, 'config.json');
    writeFileSync(config, JSON.stringify({ stacks: [entry] }));
    const run = runCommand(runApp, { CDKTF_OUTDIR: outdir, S3_SHARE_CONFIG: config });
    expect(run.status).toBe(0);
    const file = join(outdir, 'stacks', model.name, 'log-bucket-policy-statements-to-add.json');
    expect(JSON.parse(readFileSync(file, 'utf8')).Statement[0].Principal).toEqual({
      Service: 'logging.s3.amazonaws.com',
    });
    expect(run.stderr + run.stdout).toContain(`ACTION NEEDED (${model.name}): The server access logs of s3://`);
    const json = JSON.parse(readFileSync(join(outdir, 'stacks', model.name, 'cdk.tf.json'), 'utf8')) as SynthJson;
    expect(Object.keys(json.output ?? {})).toContain('log_bucket_policy_statements_to_add');
  });

  test.each([
    [
      'into the shared bucket itself',
      (e: Record<string, any>) => (e.owner.accessLogs = { bucket: e.owner.bucketName }),
      'stacks[0].owner.accessLogs.bucket: "my-shared-bucket" is the shared bucket itself',
    ],
    [
      'a prefix with a leading slash',
      (e: Record<string, any>) => (e.owner.accessLogs = { bucket: 'org-access-logs', prefix: '/logs/' }),
      'stacks[0].owner.accessLogs.prefix: "/logs/" must not start with "/"',
    ],
    [
      'a log bucket name with capitals',
      (e: Record<string, any>) => (e.owner.accessLogs = { bucket: 'Org-Logs' }),
      'stacks[0].owner.accessLogs.bucket: "Org-Logs" may contain only lowercase letters',
    ],
    [
      'an existing bucket the stack does not adopt',
      (e: Record<string, any>) => {
        e.owner.accessLogs = { bucket: 'org-access-logs' };
        e.owner.encryption = 's3';
        e.owner.existingBucket = { currentPolicyFile: null };
      },
      'stacks[0].owner.accessLogs: {"bucket":"org-access-logs"} is only for a bucket the stack manages',
    ],
  ])('refused: %s', (_, mutate, message) => {
    const e = defaultConfig().stacks[1];
    mutate(e);
    expect(problems(e)).toContain(message);
  });
});

describe('tags', () => {
  const TAGS = { team: 'data-platform', 'cost-center': '4711' };

  test('every provider of the entry carries them as default tags, split stacks too', () => {
    const entry = { ...multiConsumerEntry('direct'), split: true, tags: TAGS };
    const stacks = synthEntry(modelOf(entry));
    const providers = [...stacks.values()].flatMap(
      (json: SynthJson) => json.provider.aws as Array<Record<string, unknown>>,
    );
    // The owner stack's provider and one in each consumer account's stack.
    expect(providers.length).toBe(3);
    for (const p of providers) expect(p.default_tags).toEqual([{ tags: TAGS }]);
  });

  test('without tags no provider has default tags', () => {
    const json = synthStack(modelOf(multiConsumerEntry('direct')));
    for (const p of json.provider.aws as Array<Record<string, unknown>>) expect(p.default_tags).toBeUndefined();
  });

  test('a key starting with aws: and a value too long are refused', () => {
    const entry = { ...multiConsumerEntry('direct'), tags: { 'aws:team': 'x', owner: 'y'.repeat(257) } };
    const text = problems(entry);
    expect(text).toContain('stacks[0].tags.aws:team: "aws:team" is not a valid tag key');
    expect(text).toContain('stacks[0].tags.owner: "yyyy');
    expect(text).toContain('is not a valid tag value: at most 256');
  });

  test('an entry that adopts its bucket is warned that the adopted tags are replaced', () => {
    const entry = defaultConfig().stacks[1];
    entry.tags = TAGS;
    entry.owner.existingBucket = { adopt: true, currentPolicyFile: null };
    expect(problems(entry)).toMatch(
      /^warning stacks\[0\]\.tags: become the tags of the adopted bucket too: Terraform removes their tags that are not listed here/m,
    );
  });

  test('library: AccountProviders with default tags, SharedBucket with access logs', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'library-hygiene');
    const providers = new AccountProviders(stack, 'providers', { region: 'eu-west-1', defaultTags: TAGS });
    const bucket = new SharedBucket(stack, 'share', {
      provider: providers.forAccount('222222222222'),
      accountId: '222222222222',
      region: 'eu-west-1',
      bucketName: 'hygiene-share-example',
      accessLogs: { bucket: 'org-access-logs', prefix: 'shares/hygiene/' },
    });
    const json = JSON.parse(Testing.synth(stack)) as SynthJson;
    expect((json.provider.aws as Array<Record<string, unknown>>)[0].default_tags).toEqual([{ tags: TAGS }]);
    expect(logBucketPolicyHandoff(bucket)?.document.Statement[0].Resource).toBe(
      'arn:aws:s3:::org-access-logs/shares/hygiene/*',
    );
    expect(
      () =>
        new SharedBucket(stack, 'self', {
          provider: providers.forAccount('222222222222'),
          accountId: '222222222222',
          region: 'eu-west-1',
          bucketName: 'hygiene-self-example',
          accessLogs: { bucket: 'hygiene-self-example' },
        }),
    ).toThrow(/accessLogs\.bucket: "hygiene-self-example" is the shared bucket itself/);
  });
});

describe('after review', () => {
  test('tag keys that differ only in case are refused; empty tags are no tags', () => {
    const entry = { ...multiConsumerEntry('direct'), tags: { Team: 'a', team: 'b' } };
    expect(problems(entry)).toContain('stacks[0].tags.team: "team" differs from the key "Team" only in case');
    const json = synthStack(modelOf({ ...multiConsumerEntry('direct'), tags: {} }));
    for (const p of json.provider.aws as Array<Record<string, unknown>>) expect(p.default_tags).toBeUndefined();
  });

  test("AccountProviders checks its default tags with the config's rule", () => {
    const stack = new TerraformStack(Testing.app(), 'bad-tags');
    expect(
      () => new AccountProviders(stack, 'providers', { region: 'eu-west-1', defaultTags: { 'aws:x': 'y' } }),
    ).toThrow(/defaultTags\.aws:x: "aws:x" is not a valid tag key/);
  });

  test('an access log prefix over 1,024 bytes is refused', () => {
    const e = defaultConfig().stacks[1];
    e.owner.accessLogs = { bucket: 'org-access-logs', prefix: `${'p'.repeat(1025)}/` };
    expect(problems(e)).toContain('must be at most 1,024 bytes');
  });
});

test('verify proves a stack with lifecycle rules and access logs (they grant nothing)', async () => {
  const entry = defaultConfig().stacks[1];
  entry.owner.accessLogs = { bucket: 'org-access-logs' };
  entry.owner.lifecycle = { abortIncompleteMultipartUploadDays: 7 };
  const model = modelOf(entry);
  const results = await verifyStackJson(synthStack(model), model);
  expect(results.length).toBeGreaterThan(50);
  expect(results.filter((r) => !r.ok).map((r) => r.check.what)).toEqual([]);
});
