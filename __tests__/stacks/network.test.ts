/**
 * The network perimeter (issue 14): `consumers[].network` pins a consumer's data-plane role to VPC
 * endpoints or VPCs, by a deny keyed on the role in the bucket policy (the access point's policy in
 * `access-points` mode); requests an AWS service makes with the role's credentials are exempt.
 * verify asks every request through the perimeter, and from outside it. Off, nothing changes (the
 * corpus comparison holds every other config to its bytes).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectAccess } from '../../index';
import { parseConfig } from '../../modules/config/schema';
import { lintStack } from '../../modules/lint';
import { verifyStackJson } from '../../modules/verify';
import { policiesOf } from '../../modules/verify/extract';
import { accessPointsEntry, multiConsumerEntry } from '../fixtures';
import { bySid, modelOf, policyOf, synthStack } from '../helpers';
import { dataPlaneRows, libraryShare, configMessages } from '../options';

const BUCKET = 'arn:aws:s3:::analytics-share';
const VPCE = 'vpce-0a1b2c3d4e5f60718';
const VPC = 'vpc-0123456789abcdef0';

/** The multi-consumer entry with the reader pinned to an endpoint and the writer to a VPC. */
function networkEntry(approach: 'direct' | 'assume-role') {
  const entry = multiConsumerEntry(approach) as Record<string, any>;
  entry.consumers[0].network = { vpcEndpoints: [VPCE] };
  entry.consumers[1].network = { vpcs: [VPC] };
  return entry;
}

/** The config's problems (or warnings) as text. */
const problems = (entry: Record<string, unknown>): string => configMessages(entry);

describe.each(['direct', 'assume-role'] as const)('%s approach', (approach) => {
  const model = modelOf(networkEntry(approach));
  const json = synthStack(model);
  const bucketPolicy = bySid(policyOf(json, 'aws_s3_bucket_policy', 'shared_bucket'));
  const reader = bucketPolicy.ReportsReaderReadObjects.Principal as { AWS: string };

  test("the bucket policy denies the reader's role outside its endpoint, AWS services acting for it excepted", () => {
    expect(bucketPolicy.ReportsReaderDenyOutsideItsNetwork).toEqual({
      Sid: 'ReportsReaderDenyOutsideItsNetwork',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [BUCKET, `${BUCKET}/*`],
      Condition: {
        ArnEquals: { 'aws:PrincipalArn': reader.AWS },
        StringNotEquals: { 'aws:SourceVpce': VPCE },
        BoolIfExists: { 'aws:ViaAWSService': 'false' },
      },
    });
    expect(bucketPolicy.IngestDenyOutsideItsNetwork.Condition!.StringNotEquals).toEqual({ 'aws:SourceVpc': VPC });
    expect(bucketPolicy.AnalystDenyOutsideItsNetwork).toBeUndefined();
  });

  test('the policy lint finds nothing', async () => {
    expect((await lintStack(model, policiesOf(json, model))).findings).toEqual([]);
  });

  test('verify: through the perimeter as granted; from outside and through another endpoint denied', async () => {
    const results = await verifyStackJson(json, model);
    expect(results.filter((r) => !r.ok).map((r) => `${r.check.consumer}: ${r.check.what}`)).toEqual([]);
    const rows = dataPlaneRows(results, 'reports-reader');
    expect(rows['GetObject reports/verify-object.csv']).toEqual(['allow', 'Allowed']);
    expect(rows['GetObject from outside its network (no VPC endpoint)']).toEqual(['deny', 'ExplicitlyDenied']);
    expect(rows['GetObject through another VPC endpoint of another VPC']).toEqual(['deny', 'ExplicitlyDenied']);
    expect(rows['GetObject by an AWS service with its credentials, from outside its network']).toEqual([
      'allow',
      'Allowed',
    ]);
    expect(dataPlaneRows(results, 'ingest')['PutObject from outside its network (no VPC endpoint)']).toEqual([
      'deny',
      'ExplicitlyDenied',
    ]);
  });
});

test('verify fails the outside rows when the deny is missing', async () => {
  const model = modelOf(networkEntry('assume-role'));
  const json = synthStack(model);
  const policy = json.resource.aws_s3_bucket_policy.shared_bucket;
  const doc = JSON.parse(policy.policy as string) as { Statement: Array<{ Sid: string }> };
  doc.Statement = doc.Statement.filter((s) => s.Sid !== 'ReportsReaderDenyOutsideItsNetwork');
  policy.policy = JSON.stringify(doc);
  const failed = (await verifyStackJson(json, model))
    .filter((r) => !r.ok)
    .map((r) => `${r.check.consumer}: ${r.check.what}`);
  expect(failed).toEqual([
    'reports-reader: GetObject from outside its network (no VPC endpoint)',
    'reports-reader: GetObject through another VPC endpoint of another VPC',
  ]);
});

test("access-points mode: the deny is in the consumer's access point policy", async () => {
  const entry = accessPointsEntry('direct', 2) as Record<string, any>;
  entry.consumers[0].network = { vpcEndpoints: [VPCE] };
  const model = modelOf(entry);
  const json = synthStack(model);
  const ap = Object.values(json.resource.aws_s3_access_point).find(
    (r) => r.name === model.consumers[0].accessPointName,
  )!;
  const deny = bySid(JSON.parse(ap.policy as string)).Team0DenyOutsideItsNetwork;
  expect(deny.Resource).toEqual([
    `arn:aws:s3:eu-central-1:222222222222:accesspoint/${model.consumers[0].accessPointName}`,
    `arn:aws:s3:eu-central-1:222222222222:accesspoint/${model.consumers[0].accessPointName}/object/*`,
  ]);
  expect(JSON.stringify(policyOf(json, 'aws_s3_bucket_policy', 'shared_bucket'))).not.toContain(
    'DenyOutsideItsNetwork',
  );
  const results = await verifyStackJson(json, model);
  expect(results.filter((r) => !r.ok).map((r) => r.check.what)).toEqual([]);
  expect(
    dataPlaneRows(results, 'team-0')['GetObject from outside its network (no VPC endpoint) (via its access point)'],
  ).toEqual(['deny', 'ExplicitlyDenied']);
});

describe('refused, with the reason; warned', () => {
  test.each([
    [{}, 'stacks[0].consumers[0].network: {} names no VPC endpoint and no VPC'],
    [
      { vpcEndpoints: ['vpce-123'] },
      'stacks[0].consumers[0].network.vpcEndpoints[0]: "vpce-123" must be a VPC endpoint ID',
    ],
    [{ vpcs: [VPC, VPC] }, `stacks[0].consumers[0].network.vpcs[1]: "${VPC}" is listed twice`],
  ])('%j', (network, message) => {
    const entry = multiConsumerEntry('direct') as Record<string, any>;
    entry.consumers[0].network = network;
    expect(problems(entry)).toContain(message);
  });

  test('TLS 1.3 with VPC endpoints: interface endpoints serve no TLS 1.3', () => {
    const entry = networkEntry('direct');
    entry.owner.minimumTlsVersion = '1.3';
    expect(problems(entry)).toMatch(
      /^warning stacks\[0\]\.consumers\[0\]\.network: with "owner\.minimumTlsVersion": "1\.3" works only through gateway endpoints/m,
    );
  });
});

describe('library', () => {
  const { bucket, role, synth } = libraryShare('library-network', 'network-share-example');

  test('grantRead with network; a malformed endpoint ID is refused, naming the option', () => {
    bucket.grantRead(role('Pinned'), { network: { vpcEndpoints: [VPCE] } });
    const statements = bySid(JSON.parse(Object.values(synth().resource.aws_s3_bucket_policy)[0].policy as string));
    expect(statements.PinnedDenyOutsideItsNetwork.Condition!.StringNotEquals).toEqual({ 'aws:SourceVpce': VPCE });
    expect(
      () =>
        new DirectAccess(bucket, 'odd-network', {
          bucket,
          grantee: role('Odd'),
          name: 'odd-network',
          access: 'read',
          network: { vpcEndpoints: ['vpce-xyz'] },
        }),
    ).toThrow(/network\.vpcEndpoints\[0\]: "vpce-xyz" must be a VPC endpoint ID/);
    expect(() => bucket.grantRead(role('Odder'), { network: { vpcEndpoints: ['vpce-xyz'] } })).toThrow(
      /options\.network\.vpcEndpoints\[0\]: "vpce-xyz" must be a VPC endpoint ID/,
    );
  });
});

test('verify evaluates a kept statement on aws:Referer (the stand-ins apply only to requests that carry their keys)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'referer-'));
  writeFileSync(
    join(dir, 'current.json'),
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'NoHotlinking',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: `${BUCKET}/images/*`,
          Condition: { StringNotLike: { 'aws:Referer': 'https://example.com/*' } },
        },
      ],
    }),
  );
  const entry = multiConsumerEntry('direct') as Record<string, any>;
  entry.owner = { ...entry.owner, encryption: 's3', existingBucket: { currentPolicyFile: 'current.json' } };
  const model = parseConfig({ stacks: [entry] }, 'test', { baseDir: dir }).stacks[0];
  const results = await verifyStackJson(synthStack(model), model);
  expect(results.filter((r) => !r.ok).map((r) => `${r.check.what}: ${r.problems.join(' ')}`)).toEqual([]);
});

test('endpoints and VPCs together: a listed VPC admits its other endpoints, and verify proves that half too', async () => {
  const entry = multiConsumerEntry('direct') as Record<string, any>;
  entry.consumers[0].network = { vpcEndpoints: [VPCE], vpcs: [VPC] };
  const model = modelOf(entry);
  const json = synthStack(model);
  const results = await verifyStackJson(json, model);
  expect(results.filter((r) => !r.ok).map((r) => r.check.what)).toEqual([]);
  const label = `GetObject through another VPC endpoint of its VPC ${VPC}`;
  expect(dataPlaneRows(results, 'reports-reader')[label]).toEqual(['allow', 'Allowed']);
  const endpointLabel = `GetObject through its VPC endpoint ${VPCE} in another VPC`;
  expect(dataPlaneRows(results, 'reports-reader')[endpointLabel]).toEqual(['allow', 'Allowed']);
  // Without the VPC in the deny, that row fails.
  const policy = json.resource.aws_s3_bucket_policy.shared_bucket;
  const doc = JSON.parse(policy.policy as string) as { Statement: Array<{ Sid: string; Condition: any }> };
  delete doc.Statement.find((s) => s.Sid === 'ReportsReaderDenyOutsideItsNetwork')!.Condition.StringNotEquals[
    'aws:SourceVpc'
  ];
  policy.policy = JSON.stringify(doc);
  const failed = (await verifyStackJson(json, model)).filter((r) => !r.ok).map((r) => r.check.what);
  expect(failed).toEqual([label]);
});

test('the output hint of a consumer with a perimeter says where it runs', () => {
  const outputs = JSON.stringify(synthStack(modelOf(networkEntry('direct'))).output ?? {});
  expect(outputs).toContain(
    `(run it inside the consumer's network, through ${VPCE}: requests from elsewhere are refused)`,
  );
});

test('library: an untyped network of the wrong shape is refused with a PropsError, not a TypeError', () => {
  const { bucket, role } = libraryShare('library-network-shape', 'network-shape-example');
  expect(() => bucket.grantRead(role('Shaped'), { network: { vpcEndpoints: VPCE as unknown as string[] } })).toThrow(
    /network\.vpcEndpoints: "vpce-0a1b2c3d4e5f60718" must be a list of IDs/,
  );
});

test('endpoints and VPCs together: without the endpoint in the deny, its row fails', async () => {
  const entry = multiConsumerEntry('direct') as Record<string, any>;
  entry.consumers[0].network = { vpcEndpoints: [VPCE], vpcs: [VPC] };
  const model = modelOf(entry);
  const json = synthStack(model);
  const policy = json.resource.aws_s3_bucket_policy.shared_bucket;
  const doc = JSON.parse(policy.policy as string) as { Statement: Array<{ Sid: string; Condition: any }> };
  delete doc.Statement.find((s) => s.Sid === 'ReportsReaderDenyOutsideItsNetwork')!.Condition.StringNotEquals[
    'aws:SourceVpce'
  ];
  policy.policy = JSON.stringify(doc);
  const failed = (await verifyStackJson(json, model)).filter((r) => !r.ok).map((r) => r.check.what);
  expect(failed).toEqual([`GetObject through its VPC endpoint ${VPCE} in another VPC`]);
});
