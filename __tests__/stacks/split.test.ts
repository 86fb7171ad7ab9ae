/**
 * Split entries: one stack for the owner account and one per consumer account. Each holds only its
 * own account's provider and resources, the owner stack is deployed last, and together they grant
 * exactly what the single stack of the same entry grants.
 */
import { CrossAccountS3Stack } from '../../modules/stacks/cross-account-stack';
import { StackModel } from '../../modules/config/schema';
import { Statement } from '../../modules/policy/document';
import { verifyStackJson } from '../../modules/verify';
import { unionOfStacks } from '../../modules/verify/extract';
import { accessPointsEntry, multiConsumerEntry } from '../fixtures';
import {
  BUCKET_ADDRESSES,
  KEY_ADDRESSES,
  SynthJson,
  addresses,
  modelOf,
  policyOf,
  synthEntry,
  synthStack,
} from '../helpers';
import { Testing } from 'cdktf';

const split = (entry: Record<string, unknown>): StackModel => modelOf({ ...entry, split: true });

/** Resources without cdktf's metadata and without depends_on (compared on their own). */
function comparable(json: SynthJson): Record<string, unknown> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [type, byName] of Object.entries(json.resource)) {
    for (const [name, value] of Object.entries(byName)) {
      const copy: Record<string, unknown> = { ...value };
      delete copy['//'];
      delete copy.depends_on;
      out[`${type}.${name}`] = copy;
    }
  }
  return out;
}

function dependsOn(json: SynthJson): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [type, byName] of Object.entries(json.resource)) {
    for (const [name, value] of Object.entries(byName)) {
      if (value.depends_on) out[`${type}.${name}`] = value.depends_on as string[];
    }
  }
  return out;
}

describe('split stacks, direct approach with a new key', () => {
  const model = split(multiConsumerEntry('direct'));
  const stacks = synthEntry(model);
  const owner = stacks.get('multi-direct-owner')!;
  const teamA = stacks.get('multi-direct-111111111111')!;
  const ingest = stacks.get('multi-direct-333333333333')!;

  test('one owner stack and one stack per consumer account', () => {
    expect([...stacks.keys()]).toEqual([
      'multi-direct-owner',
      'multi-direct-111111111111',
      'multi-direct-333333333333',
    ]);
  });

  test('each stack holds only its own account provider', () => {
    const aliases = (json: SynthJson) => json.provider.aws.map((p) => p.alias);
    expect(aliases(owner)).toEqual(['account_222222222222']);
    expect(aliases(teamA)).toEqual(['account_111111111111']);
    expect(aliases(ingest)).toEqual(['account_333333333333']);
  });

  test('the owner account resources are in the owner stack, each consumer role in its account stack', () => {
    expect(addresses(owner)).toEqual(['aws_kms_alias.bucket_key', ...KEY_ADDRESSES, ...BUCKET_ADDRESSES]);
    expect(addresses(teamA)).toEqual([
      'aws_iam_role.reports_reader_consumer_role',
      'aws_iam_role_policy.analyst_consumer_policy',
      'aws_iam_role_policy.reports_reader_consumer_policy',
    ]);
    expect(addresses(ingest)).toEqual([
      'aws_iam_role.ingest_consumer_role',
      'aws_iam_role_policy.ingest_consumer_policy',
    ]);
  });

  test('depends_on never points into another stack', () => {
    for (const json of stacks.values()) {
      const present = new Set(addresses(json));
      for (const [address, deps] of Object.entries(dependsOn(json))) {
        for (const dep of deps)
          expect({ address, dep, present: present.has(dep) }).toEqual({ address, dep, present: true });
      }
    }
  });

  test('the owner stack is deployed after the consumer stacks (the manifest records it)', () => {
    const app = Testing.app();
    const stack = new CrossAccountS3Stack(app, 'multi-direct-owner', { model });
    expect(stack.dependencies.map((d) => d.node.id)).toEqual([
      'multi-direct-111111111111',
      'multi-direct-333333333333',
    ]);
    for (const consumerStack of stack.consumerStacks.values()) expect(consumerStack.dependencies).toEqual([]);
  });

  test('the owner stack gives the new key an alias; consumer stacks name the key by it', () => {
    expect(owner.resource.aws_kms_alias.bucket_key).toMatchObject({
      name: 'alias/cross-account-s3/analytics-share',
      target_key_id: '${aws_kms_key.bucket_key.key_id}',
      provider: 'aws.account_222222222222',
    });
    const kms = policyOf(teamA, 'aws_iam_role_policy', 'reports_reader_consumer_policy').Statement.find(
      (s) => s.Sid === 'UseBucketKey',
    );
    expect(kms).toEqual({
      Sid: 'UseBucketKey',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: 'arn:aws:kms:eu-central-1:222222222222:key/*',
      Condition: {
        StringEquals: { 'kms:ViaService': 's3.eu-central-1.amazonaws.com' },
        StringLike: {
          'kms:EncryptionContext:aws:s3:arn': [
            'arn:aws:s3:::analytics-share',
            'arn:aws:s3:::analytics-share/reports/*',
            'arn:aws:s3:::analytics-share/exports/daily/*',
          ],
        },
        'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/cross-account-s3/analytics-share' },
      },
    });
    // No stack but the owner's refers to a resource of the owner stack.
    expect(JSON.stringify(teamA.resource)).not.toContain('${aws_');
    expect(JSON.stringify(ingest.resource)).not.toContain('${aws_kms');
  });

  test('consumer outputs are in the consumer stacks', () => {
    expect(Object.keys(teamA.output).sort()).toEqual([
      'analyst_data_plane_role_arn',
      'reports_reader_data_plane_role_arn',
    ]);
    expect(Object.keys(owner.output).sort()).toEqual(['bucket_arn', 'bucket_name', 'kms_key_alias', 'kms_key_arn']);
  });
});

/** Entries to split: both approaches, both encryptions, both access modes, and an existing key. */
const CASES: Array<[string, Record<string, unknown>]> = [
  ['direct, new key', multiConsumerEntry('direct')],
  ['direct, SSE-S3', multiConsumerEntry('direct', 's3')],
  ['assume-role, new key', multiConsumerEntry('assume-role')],
  ['assume-role, SSE-S3', multiConsumerEntry('assume-role', 's3')],
  ['direct, access points', accessPointsEntry('direct', 4, 2)],
  ['assume-role, access points', accessPointsEntry('assume-role', 4, 2)],
  [
    'direct, existing key',
    {
      ...multiConsumerEntry('direct'),
      owner: {
        ...multiConsumerEntry('direct').owner,
        kmsKeyArn: 'arn:aws:kms:eu-central-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      },
    },
  ],
];

describe.each(CASES)('the union of the split stacks is the single stack (%s)', (_label, entry) => {
  const single = synthStack(modelOf(entry));
  const stacks = synthEntry(split(entry));
  const union = unionOfStacks([...stacks.values()]) as SynthJson;
  const aliasForm = entry.approach === 'direct' && (entry.owner as Record<string, unknown>).kmsKeyArn === undefined;
  const newKey = aliasForm && (entry.owner as Record<string, unknown>).encryption !== 's3';

  test('the same resources with the same arguments (but for the key named by alias)', () => {
    const a = comparable(single);
    const b = comparable(union);
    if (newKey) {
      // The only differences: the alias, and the KMS statement of each consumer identity policy.
      expect(Object.keys(b).filter((k) => !(k in a))).toEqual(['aws_kms_alias.bucket_key']);
      delete b['aws_kms_alias.bucket_key'];
      for (const address of Object.keys(a).filter((k) => k.endsWith('_consumer_policy'))) {
        const kmsOf = (r: unknown) =>
          (JSON.parse((r as { policy: string }).policy).Statement as Statement[]).find(
            (s) => s.Sid === 'UseBucketKey',
          )!;
        const mine = kmsOf(a[address]);
        const theirs = kmsOf(b[address]);
        expect(mine.Resource).toBe('${aws_kms_key.bucket_key.arn}');
        expect(theirs).toEqual({
          ...mine,
          Resource: 'arn:aws:kms:eu-central-1:222222222222:key/*',
          Condition: {
            ...mine.Condition,
            'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/cross-account-s3/analytics-share' },
          },
        });
        delete a[address];
        delete b[address];
      }
    }
    expect(b).toEqual(a);
  });

  test('depends_on: the same, less the entries that point into another stack', () => {
    const mine = dependsOn(single);
    const theirs = dependsOn(union);
    for (const [address, deps] of Object.entries(mine)) {
      const sameStack = deps.filter(
        (d) => !/_consumer_role$/.test(d) || addressStack(stacks, d) === addressStack(stacks, address),
      );
      expect({ address, deps: theirs[address] ?? [] }).toEqual({ address, deps: sameStack });
    }
  });

  test('the access matrix decides every request the same way, and as intended', async () => {
    const model = modelOf(entry);
    const one = await verifyStackJson(single, model);
    const both = await verifyStackJson(union, split(entry));
    const summary = (rs: typeof one) =>
      rs.map((r) => `${r.check.consumer} | ${r.check.who} | ${r.check.what} | ${r.decision ?? r.ok}`);
    expect(summary(both)).toEqual(summary(one));
    expect(both.filter((r) => !r.ok).map((r) => `${r.check.what}: ${r.problems.join('; ')}`)).toEqual([]);
    expect(both.length).toBeGreaterThan(20);
  });
});

/** The stack that holds an address. */
function addressStack(stacks: Map<string, SynthJson>, address: string): string | undefined {
  const [type, name] = address.split('.');
  return [...stacks].find(([, json]) => json.resource[type]?.[name] !== undefined)?.[0];
}

test('without the alias on the key, the consumers of a split direct entry cannot use it (the condition is evaluated)', async () => {
  const entry = multiConsumerEntry('direct');
  const union = unionOfStacks([...synthEntry(split(entry)).values()]) as SynthJson;
  delete (union.resource as Record<string, unknown>).aws_kms_alias;
  const results = await verifyStackJson(union, split(entry));
  const failed = results.filter((r) => !r.ok).map((r) => `${r.check.consumer}: ${r.check.what}`);
  // Exactly the allowed KMS requests of every consumer fail: nothing else depends on the alias.
  const kmsRows = (c: string, actions: string[]) =>
    actions.flatMap((a) => [
      `${c}: ${a} (bucket key: context = bucket)`,
      `${c}: ${a} (no bucket key: context = object)`,
    ]);
  expect(failed).toEqual([
    ...kmsRows('reports-reader', ['kms:Decrypt']),
    ...kmsRows('ingest', ['kms:GenerateDataKey', 'kms:Decrypt']),
    ...kmsRows('analyst', ['kms:GenerateDataKey', 'kms:Decrypt']),
  ]);
});
