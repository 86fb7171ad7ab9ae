/**
 * Lifecycle rules (issue 14, owner hygiene): `owner.lifecycle` expires noncurrent versions and
 * aborts incomplete multipart uploads on a bucket the stack manages; an adopted bucket's current
 * rules are carried over from a file (Terraform replaces the whole configuration); refused for an
 * existing bucket the stack does not adopt. Off, nothing changes (the corpus comparison holds every
 * other config to its bytes).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SharedBucket } from '../../index';
import { parseConfig } from '../../modules/config/schema';
import { LIFECYCLE_RULE_IDS, parseCurrentLifecycle } from '../../modules/policy/lifecycle';
import { multiConsumerEntry } from '../fixtures';
import { defaultConfig, modelOf, resource, synthStack } from '../helpers';
import { libraryShare, configMessages } from '../options';

const POLICIES = join(__dirname, '..', 'policies');

const EXPIRE = {
  id: LIFECYCLE_RULE_IDS.noncurrent,
  status: 'Enabled',
  filter: [{}],
  noncurrent_version_expiration: [{ noncurrent_days: 90 }],
};
const ABORT = {
  id: LIFECYCLE_RULE_IDS.abort,
  status: 'Enabled',
  filter: [{}],
  abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
};

/** The default assume-role entry with `lifecycle`, adopting its bucket when `adopt`. */
function lifecycleEntry(lifecycle: Record<string, unknown>, adopt = false) {
  const entry = defaultConfig().stacks[1];
  entry.owner.lifecycle = lifecycle;
  if (adopt) entry.owner.existingBucket = { adopt: true, currentPolicyFile: null };
  return entry;
}

/** The config's problems (or warnings) as text. */
const problems = (entry: Record<string, unknown>): string => configMessages(entry, POLICIES);

test('a created bucket gets the two rules on the whole bucket, after versioning', () => {
  const json = synthStack(
    modelOf(lifecycleEntry({ noncurrentVersionExpirationDays: 90, abortIncompleteMultipartUploadDays: 7 })),
  );
  const lifecycle = resource(json, 'aws_s3_bucket_lifecycle_configuration', 'shared_bucket');
  expect(lifecycle.rule).toEqual([EXPIRE, ABORT]);
  expect(lifecycle.bucket).toBe('${aws_s3_bucket.shared_bucket.id}');
  expect(lifecycle.depends_on).toEqual(['aws_s3_bucket_versioning.shared_bucket']);
  expect(lifecycle.transition_default_minimum_object_size).toBeUndefined();
});

test('one setting, one rule', () => {
  const json = synthStack(modelOf(lifecycleEntry({ abortIncompleteMultipartUploadDays: 7 })));
  expect(resource(json, 'aws_s3_bucket_lifecycle_configuration', 'shared_bucket').rule).toEqual([ABORT]);
});

test("an adopted bucket's current rules are carried over first, field by field, then the stack's", () => {
  const entry = lifecycleEntry(
    { noncurrentVersionExpirationDays: 90, currentRulesFile: 'current-lifecycle.json' },
    true,
  );
  const model = parseConfig({ stacks: [entry] }, 'test', { baseDir: POLICIES }).stacks[0];
  const lifecycle = resource(synthStack(model), 'aws_s3_bucket_lifecycle_configuration', 'shared_bucket');
  expect(lifecycle.transition_default_minimum_object_size).toBe('all_storage_classes_128K');
  expect(lifecycle.rule).toEqual([
    {
      id: 'archive-reports',
      status: 'Enabled',
      filter: [{ and: [{ prefix: 'reports/', tags: { class: 'archive' }, object_size_greater_than: 131072 }] }],
      transition: [
        { days: 30, storage_class: 'STANDARD_IA' },
        { days: 365, storage_class: 'GLACIER' },
      ],
      noncurrent_version_transition: [{ noncurrent_days: 60, newer_noncurrent_versions: 2, storage_class: 'GLACIER' }],
    },
    {
      id: 'expire-tmp',
      status: 'Disabled',
      filter: [{ prefix: 'tmp/' }],
      expiration: [{ date: '2030-01-01T00:00:00Z' }],
    },
    { id: 'clean-markers', status: 'Enabled', filter: [{}], expiration: [{ expired_object_delete_marker: true }] },
    EXPIRE,
  ]);
});

test('an adopted bucket without rules: null', () => {
  const entry = lifecycleEntry({ abortIncompleteMultipartUploadDays: 7, currentRulesFile: null }, true);
  const json = synthStack(modelOf(entry));
  expect(resource(json, 'aws_s3_bucket_lifecycle_configuration', 'shared_bucket').rule).toEqual([ABORT]);
});

describe('refused, with the reason', () => {
  test.each([
    [
      'no rule',
      lifecycleEntry({}),
      'stacks[0].owner.lifecycle: {} sets no rule: give "noncurrentVersionExpirationDays", "abortIncompleteMultipartUploadDays" or both',
    ],
    [
      'zero days',
      lifecycleEntry({ abortIncompleteMultipartUploadDays: 0 }),
      'stacks[0].owner.lifecycle.abortIncompleteMultipartUploadDays: 0',
    ],
    [
      'an adopted bucket without its current rules',
      lifecycleEntry({ abortIncompleteMultipartUploadDays: 7 }, true),
      "stacks[0].owner.lifecycle.currentRulesFile: (missing) is required for an adopted bucket: the stack's lifecycle configuration replaces the bucket's whole configuration",
    ],
    [
      'current rules for a bucket the stack creates',
      lifecycleEntry({ abortIncompleteMultipartUploadDays: 7, currentRulesFile: 'current-lifecycle.json' }),
      'stacks[0].owner.lifecycle.currentRulesFile: "current-lifecycle.json" is only for an adopted bucket: the stack creates this one',
    ],
  ])('%s', (_, entry, message) => {
    expect(problems(entry)).toContain(message);
  });

  test('an existing bucket the stack does not adopt', () => {
    const entry = lifecycleEntry({ abortIncompleteMultipartUploadDays: 7 });
    entry.owner.existingBucket = { currentPolicyFile: null };
    entry.owner.encryption = 's3';
    expect(problems(entry)).toContain(
      'stacks[0].owner.lifecycle: {"abortIncompleteMultipartUploadDays":7} is only for a bucket the stack manages',
    );
  });
});

describe('a current rules file', () => {
  test('with a field the conversion does not know is refused, naming the field', () => {
    expect(
      parseCurrentLifecycle(JSON.stringify({ Rules: [{ ID: 'a', Status: 'Enabled', Filter: {}, Fancy: 1 }] })).broken,
    ).toBe("has Rules[0].Fancy, which this stack cannot carry over: manage this bucket's lifecycle outside the stack");
    expect(parseCurrentLifecycle('{"Rules": [{"Status": "Enabled"}]}').broken).toBe(
      'has Rules[0] without an ID; give it one (the provider needs it)',
    );
    expect(parseCurrentLifecycle('{"Policy": "x"}').broken).toBe(
      "has (the file).Policy, which this stack cannot carry over: manage this bucket's lifecycle outside the stack",
    );
  });

  test("that uses an ID of the stack's rules is refused", () => {
    const entry = lifecycleEntry({ abortIncompleteMultipartUploadDays: 7, currentRulesFile: 'clash.json' }, true);
    const dir = mkdtempSync(join(tmpdir(), 'lifecycle-'));
    writeFileSync(
      join(dir, 'clash.json'),
      JSON.stringify({
        TransitionDefaultMinimumObjectSize: 'all_storage_classes_128K',
        Rules: [{ ID: LIFECYCLE_RULE_IDS.abort, Status: 'Enabled', Filter: {} }],
      }),
    );
    expect(() => parseConfig({ stacks: [entry] }, 'test', { baseDir: dir })).toThrow(
      `has the rule ID "${LIFECYCLE_RULE_IDS.abort}", an ID of the stack's own rules`,
    );
  });
});

test('warnings: delete with noncurrent versions that expire; analytics on a writer with prefixes beside others', () => {
  const entry = multiConsumerEntry('direct') as Record<string, any>;
  entry.owner.lifecycle = { noncurrentVersionExpirationDays: 30 };
  entry.consumers[1].delete = true;
  entry.consumers[1].analytics = true;
  expect(problems(entry).split('\n')).toEqual([
    expect.stringMatching(
      /^warning stacks\[0\]\.consumers\[1\]\.delete: lets this consumer delete objects whose versions expire: .* is 30, so a deleted object is gone for good 30 day\(s\) after the delete/,
    ),
    expect.stringMatching(
      /^warning stacks\[0\]\.consumers\[1\]\.analytics: lets this writer list the bucket's unfinished multipart uploads beyond its prefixes/,
    ),
  ]);
});

describe('library', () => {
  test('SharedBucket with lifecycle; an adopted bucket without currentLifecycle is refused, naming the prop', () => {
    const { stack, synth } = libraryShare('library-lifecycle', 'lifecycle-share-example');
    const provider = stack.node.findChild('owner') as ConstructorParameters<typeof SharedBucket>[2]['provider'];
    new SharedBucket(stack, 'second', {
      provider,
      accountId: '222222222222',
      region: 'eu-west-1',
      bucketName: 'lifecycle-second-example',
      lifecycle: { abortIncompleteMultipartUploadDays: 3 },
    });
    const rules = Object.values(synth().resource.aws_s3_bucket_lifecycle_configuration ?? {}).map((r) => r.rule);
    expect(rules).toEqual([[{ ...ABORT, abort_incomplete_multipart_upload: [{ days_after_initiation: 3 }] }]]);
    expect(
      () =>
        new SharedBucket(stack, 'adopted', {
          provider,
          accountId: '222222222222',
          region: 'eu-west-1',
          bucketName: 'lifecycle-adopted-example',
          encryption: 's3',
          existingBucket: { adopt: true },
          lifecycle: { noncurrentVersionExpirationDays: 30 },
        }),
    ).toThrow(/currentLifecycle: \(missing\) is required for an adopted bucket/);
  });
});

test('a legacy top-level Prefix becomes the filter; Prefix beside Filter and a missing TransitionDefaultMinimumObjectSize are refused', () => {
  const doc = (rules: unknown[], size = true) =>
    JSON.stringify({
      ...(size ? { TransitionDefaultMinimumObjectSize: 'varies_by_storage_class' } : {}),
      Rules: rules,
    });
  expect(
    parseCurrentLifecycle(doc([{ ID: 'old', Status: 'Enabled', Prefix: 'logs/', Expiration: { Days: 30 } }])),
  ).toEqual({
    rules: [{ id: 'old', status: 'Enabled', filter: [{ prefix: 'logs/' }], expiration: [{ days: 30 }] }],
    transitionDefaultMinimumObjectSize: 'varies_by_storage_class',
  });
  expect(parseCurrentLifecycle(doc([{ ID: 'x', Status: 'Enabled', Prefix: 'a/', Filter: {} }])).broken).toBe(
    'has Rules[0] with both Prefix and Filter; S3 takes one of them',
  );
  expect(parseCurrentLifecycle(doc([{ ID: 'x', Status: 'Enabled', Filter: {} }], false)).broken).toMatch(
    /^has no TransitionDefaultMinimumObjectSize/,
  );
  expect(parseCurrentLifecycle(doc([{ ID: 'x', Status: 'Enabled', Filter: { Tag: { Key: 'k' } } }])).broken).toBe(
    'has no Rules[0].Filter.Tag.Value',
  );
});
