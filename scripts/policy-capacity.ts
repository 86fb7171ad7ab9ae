/**
 * How many consumers fit in one bucket policy (20,480 bytes) and one key policy (32,768 bytes),
 * with and without merging statements, for three shapes of grant: every consumer with its own
 * prefix, the same with each consumer pinned to a VPC endpoint (the network perimeter's deny),
 * the same with three roles per consumer (`additionalRoles`), and every consumer on the same prefix. Direct approach, SSE-KMS, read-write, account IDs
 * and role names of realistic length. Run: `npm run capacity`.
 */
import { bucketArn, keyIdOf, roleArn } from '../modules/policy/arn';
import { Statement, mergeStatements, policyDocument, renderPolicy } from '../modules/policy/document';
import { resourceSideStatements } from '../modules/policy/grant';
import { BUCKET_POLICY_LIMIT, KEY_POLICY_LIMIT, policySize } from '../modules/policy/limits';
import { ownerRootKeyStatement } from '../modules/policy/kms';
import { ownerBucketStatements } from '../modules/policy/s3';

const BUCKET = bucketArn('aws', 'analytics-shared-data-prod');
const KEY = 'arn:aws:kms:eu-central-1:222222222222:key/0f1e2d3c-4b5a-4697-8877-665544332211';
const target = {
  partition: 'aws' as const,
  region: 'eu-central-1',
  accountId: '222222222222',
  bucketArn: BUCKET,
  keyArn: KEY,
};

/** The grant shapes measured. */
type Shape = 'own' | 'own-network' | 'own-3-roles' | 'shared';

function sides(n: number, shape: Shape): { bucket: Statement[]; key: Statement[] } {
  const bucket: Statement[] = [];
  const key: Statement[] = [];
  for (let i = 0; i < n; i++) {
    const account = String(100000000000 + i * 7919);
    const principal =
      shape === 'own-3-roles'
        ? ['DataPipelineRole', 'DataBatchRole', 'DataStreamRole'].map((name) => roleArn('aws', account, `${name}${i}`))
        : roleArn('aws', account, `DataPipelineRole${i}`);
    const spec = {
      sidPrefix: `Team${i}`,
      access: 'read-write' as const,
      prefixes: [shape === 'shared' ? 'shared/' : `teams/team-${i}/`],
      ...(shape === 'own-network'
        ? { network: { vpcEndpoints: [`vpce-0${(0x1000000000000000 + i).toString(16).slice(-16)}`] } }
        : {}),
    };
    const side = resourceSideStatements(target, spec, principal);
    bucket.push(...side.bucketPolicy);
    key.push(...side.keyPolicy);
  }
  return { bucket, key };
}

function sizes(n: number, shape: Shape, merge: boolean): { bucket: number; key: number } {
  const { bucket, key } = sides(n, shape);
  const m = (s: Statement[]) => (merge ? mergeStatements(s) : s);
  const bucketDoc = policyDocument([
    ...ownerBucketStatements({
      bucketArn: BUCKET,
      ownerAccountId: '222222222222',
      keyArn: KEY,
      keyId: keyIdOf(KEY),
    }),
    ...m(bucket),
  ]);
  const keyDoc = policyDocument([ownerRootKeyStatement('aws', '222222222222'), ...m(key)]);
  return {
    bucket: policySize(renderPolicy(bucketDoc), BUCKET_POLICY_LIMIT),
    key: policySize(renderPolicy(keyDoc), KEY_POLICY_LIMIT),
  };
}

/** Largest n whose policy fits. */
function capacity(which: 'bucket' | 'key', shape: Shape, merge: boolean): number {
  const limit = which === 'bucket' ? BUCKET_POLICY_LIMIT.max : KEY_POLICY_LIMIT.max;
  let n = 1;
  while (sizes(n + 1, shape, merge)[which] <= limit && n < 5000) n++;
  return n;
}

const SHAPE_NAMES: Record<Shape, string> = {
  own: 'one prefix each',
  'own-network': 'one prefix each, pinned to a VPC endpoint',
  'own-3-roles': 'one prefix each, three roles each',
  shared: 'all on one prefix',
};

const rows: string[] = ['| grant shape | policy | without merging | with merging |', '| --- | --- | --- | --- |'];
for (const shape of ['own', 'own-network', 'own-3-roles', 'shared'] as const) {
  // The perimeter's deny is in the bucket policy only.
  for (const which of shape === 'own-network' ? (['bucket'] as const) : (['bucket', 'key'] as const)) {
    rows.push(
      `| ${SHAPE_NAMES[shape]} | ${which} policy | ${capacity(which, shape, false)} | ${capacity(which, shape, true)} |`,
    );
  }
}
process.stdout.write(`${rows.join('\n')}\n`);
