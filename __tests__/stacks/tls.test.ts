/**
 * The minimum TLS version (issue 14, network and transport perimeter): `owner.minimumTlsVersion`
 * "1.3" adds an owner deny on `s3:TlsVersion` to the bucket policy; only 1.3 is offered (AWS's
 * endpoints require 1.2 already). verify asks every data-plane request with TLS 1.3 and one with
 * 1.2, which must be denied. Off, nothing changes (the corpus comparison holds every other config
 * to its bytes).
 */
import { parseConfig } from '../../modules/config/schema';
import { isStackSid } from '../../modules/policy/current';
import { verifyStackJson } from '../../modules/verify';
import { accessPointsEntry, multiConsumerEntry } from '../fixtures';
import { bySid, modelOf, policyOf, synthStack } from '../helpers';
import { dataPlaneRows } from '../options';

function tlsEntry(approach: 'direct' | 'assume-role') {
  const entry = multiConsumerEntry(approach) as Record<string, any>;
  entry.owner.minimumTlsVersion = '1.3';
  return entry;
}

describe.each(['direct', 'assume-role'] as const)('%s approach', (approach) => {
  const model = modelOf(tlsEntry(approach));
  const json = synthStack(model);

  test('the bucket policy denies every request below TLS 1.3, right after plain HTTP', () => {
    const doc = policyOf(json, 'aws_s3_bucket_policy', 'shared_bucket');
    expect(doc.Statement.slice(0, 2).map((s) => s.Sid)).toEqual(['DenyInsecureTransport', 'DenyTlsBelow13']);
    expect(bySid(doc).DenyTlsBelow13).toEqual({
      Sid: 'DenyTlsBelow13',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: ['arn:aws:s3:::analytics-share', 'arn:aws:s3:::analytics-share/*'],
      Condition: { NumericLessThan: { 's3:TlsVersion': '1.3' } },
    });
  });

  test('verify: every request over TLS 1.3 decided as before, one over TLS 1.2 denied', async () => {
    const results = await verifyStackJson(json, model);
    expect(results.filter((r) => !r.ok).map((r) => r.check.what)).toEqual([]);
    const reader = dataPlaneRows(results, 'reports-reader');
    expect(reader['GetObject reports/verify-object.csv']).toEqual(['allow', 'Allowed']);
    expect(reader['GetObject over TLS 1.2 (the bucket requires 1.3)']).toEqual(['deny', 'ExplicitlyDenied']);
  });
});

test('verify fails the TLS 1.2 row when the deny is missing', async () => {
  const model = modelOf(tlsEntry('direct'));
  const json = synthStack(model);
  const policy = json.resource.aws_s3_bucket_policy.shared_bucket;
  const doc = JSON.parse(policy.policy as string) as { Statement: Array<{ Sid: string }> };
  doc.Statement = doc.Statement.filter((s) => s.Sid !== 'DenyTlsBelow13');
  policy.policy = JSON.stringify(doc);
  const failed = (await verifyStackJson(json, model)).filter((r) => !r.ok).map((r) => r.check.what);
  expect([...new Set(failed)]).toEqual([
    'GetObject over TLS 1.2 (the bucket requires 1.3)',
    'PutObject over TLS 1.2 (the bucket requires 1.3)',
  ]);
});

test('access-points mode: the deny in the bucket policy holds behind the access point', async () => {
  const entry = accessPointsEntry('assume-role', 2) as Record<string, any>;
  entry.owner.minimumTlsVersion = '1.3';
  const model = modelOf(entry);
  const results = await verifyStackJson(synthStack(model), model);
  expect(results.filter((r) => !r.ok).map((r) => r.check.what)).toEqual([]);
  expect(
    dataPlaneRows(results, 'team-0')['GetObject over TLS 1.2 (the bucket requires 1.3) (via its access point)'],
  ).toEqual(['deny', 'ExplicitlyDenied']);
});

test('only "1.3" is accepted, with the reason', () => {
  const entry = tlsEntry('direct');
  entry.owner.minimumTlsVersion = '1.2';
  expect(() => parseConfig({ stacks: [entry] }, 'test')).toThrow(
    'stacks[0].owner.minimumTlsVersion: "1.2" must be "1.3": AWS endpoints have required TLS 1.2 since 2024, so only 1.3 narrows anything',
  );
});

test("the deny's Sid is the stack's in a current bucket policy", () => {
  expect(isStackSid('DenyTlsBelow13')).toBe(true);
});
