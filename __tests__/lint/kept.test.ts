/**
 * A finding in a statement kept from an existing policy (the config's current bucket or key
 * policy file) only warns; the same defect in a statement the stack writes fails. The stacks are
 * really synthesized and merged (corpus entry of `existing-estates.test.ts`, with planted defects
 * in its current bucket policy file).
 */
import { lintStack } from '../../modules/lint';
import type { Finding } from '../../modules/lint';
import { readCorpus } from '../compat/synth-corpus';
import { corpusStacks } from './corpus-policies';

const brief = (f: Finding) => ({
  rule: f.rule,
  severity: f.severity,
  kept: f.kept,
  policy: f.policy,
  sid: f.sid,
  statement: f.statement,
  action: f.action,
  key: f.key,
});

/** The corpus entry with an existing bucket, its current policy edited by `edit`. */
function existingBucketEntry(edit: (policy: { Statement: Array<Record<string, any>> }) => void) {
  const entry = readCorpus().find(
    (e) => e.test.endsWith('existing-estates.test.ts') && e.files['current-bucket-policy.json'] !== undefined,
  )!;
  const policy = JSON.parse(entry.files['current-bucket-policy.json']);
  edit(policy);
  return { ...entry, files: { ...entry.files, 'current-bucket-policy.json': JSON.stringify(policy) } };
}

test('defects in kept statements of the current bucket policy warn; the stack’s own statements stay errors', async () => {
  const entry = existingBucketEntry((p) => {
    expect(p.Statement.map((s) => s.Sid)).toEqual(['AnalyticsReadsItsPrefix', undefined]);
    p.Statement[0].Action = ['s3:GetObject', 's3:ReadObject'];
    // The second statement has no Sid and a policy variable; give it a key that does not apply to ListBucket.
    p.Statement[1].Condition.StringEquals = { 'kms:ViaService': 's3.us-east-1.amazonaws.com' };
  });
  const stacks = corpusStacks(entry, 0);
  if ('error' in stacks) throw new Error(stacks.error);
  const [{ model, policies }] = stacks;
  const clean = await lintStack(model, policies);
  expect(clean.findings.map(brief)).toEqual([
    {
      rule: 'action-exists',
      severity: 'warning',
      kept: true,
      policy: 'bucket policy',
      sid: 'AnalyticsReadsItsPrefix',
      statement: 0,
      action: 's3:ReadObject',
      key: undefined,
    },
    {
      rule: 'condition-key-applies',
      severity: 'warning',
      kept: true,
      policy: 'bucket policy',
      sid: undefined,
      statement: 1,
      action: 's3:ListBucket',
      key: 'kms:ViaService',
    },
  ]);

  // The same defect in a statement the stack writes (it follows the kept ones) is an error.
  const own = policies.bucketPolicy.Statement.findIndex((s) => s.Sid === 'WorkloadAReadWriteObjects');
  expect(own).toBeGreaterThan(1);
  const bucketPolicy = {
    ...policies.bucketPolicy,
    Statement: policies.bucketPolicy.Statement.map((s, i) =>
      i === own ? { ...s, Action: [...[s.Action ?? []].flat(), 's3:ReadObject'] } : s,
    ),
  };
  const mixed = await lintStack(model, { ...policies, bucketPolicy });
  expect(mixed.findings.filter((f) => f.severity === 'error').map(brief)).toEqual([
    {
      rule: 'action-exists',
      severity: 'error',
      kept: false,
      policy: 'bucket policy',
      sid: 'WorkloadAReadWriteObjects',
      statement: own,
      action: 's3:ReadObject',
      key: undefined,
    },
  ]);
  expect(mixed.findings.filter((f) => f.severity === 'warning')).toHaveLength(2);
});

test('kept statements are found by content: one that differs from every current statement is not kept', async () => {
  // Not by position: the first statement, edited so that it differs from the current policy's
  // statements, is no longer one the stack kept, and its defect is an error.
  const entry = existingBucketEntry(() => undefined);
  const stacks = corpusStacks(entry, 0);
  if ('error' in stacks) throw new Error(stacks.error);
  const [{ model, policies }] = stacks;
  const first = policies.bucketPolicy.Statement[0];
  expect(first.Sid).toBe('AnalyticsReadsItsPrefix');
  const bucketPolicy = {
    ...policies.bucketPolicy,
    Statement: [{ ...first, Action: 's3:ReadObject' }, ...policies.bucketPolicy.Statement.slice(1)],
  };
  const r = await lintStack(model, { ...policies, bucketPolicy });
  expect(r.findings.map((f) => [f.severity, f.kept, f.sid, f.action])).toEqual([
    ['error', false, 'AnalyticsReadsItsPrefix', 's3:ReadObject'],
  ]);
});
