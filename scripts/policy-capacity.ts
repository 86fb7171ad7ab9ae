/**
 * How many consumers fit in one bucket policy (20,480 bytes) and one key policy (32,768 bytes),
 * with and without merging statements, for two shapes of grant: every consumer with its own
 * prefix, and every consumer on the same prefix. Direct approach, SSE-KMS, read-write, account IDs
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

function sides(n: number, sharedPrefix: boolean): { bucket: Statement[]; key: Statement[] } {
  const bucket: Statement[] = [];
  const key: Statement[] = [];
  for (let i = 0; i < n; i++) {
    const principal = roleArn('aws', String(100000000000 + i * 7919), `DataPipelineRole${i}`);
    const spec = {
      sidPrefix: `Team${i}`,
      access: 'read-write' as const,
      prefixes: [sharedPrefix ? 'shared/' : `teams/team-${i}/`],
    };
    const side = resourceSideStatements(target, spec, principal);
    bucket.push(...side.bucketPolicy);
    key.push(...side.keyPolicy);
  }
  return { bucket, key };
}

function sizes(n: number, sharedPrefix: boolean, merge: boolean): { bucket: number; key: number } {
  const { bucket, key } = sides(n, sharedPrefix);
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
function capacity(which: 'bucket' | 'key', sharedPrefix: boolean, merge: boolean): number {
  const limit = which === 'bucket' ? BUCKET_POLICY_LIMIT.max : KEY_POLICY_LIMIT.max;
  let n = 1;
  while (sizes(n + 1, sharedPrefix, merge)[which] <= limit && n < 5000) n++;
  return n;
}

const rows: string[] = ['| grant shape | policy | without merging | with merging |', '| --- | --- | --- | --- |'];
for (const shared of [false, true]) {
  for (const which of ['bucket', 'key'] as const) {
    rows.push(
      `| ${shared ? 'all on one prefix' : 'one prefix each'} | ${which} policy | ${capacity(which, shared, false)} | ${capacity(which, shared, true)} |`,
    );
  }
}
process.stdout.write(`${rows.join('\n')}\n`);
