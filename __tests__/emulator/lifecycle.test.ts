/**
 * The default stacks' lifecycle against the emulator, one after the other on one state (they share
 * the bucket `my-shared-bucket`): the direct stack applies with every resource in its account, a
 * second plan has nothing to do, the switch to the assume-role stack replaces neither the bucket
 * nor the key and then plans clean, and a destroy stops at `prevent_destroy` with everything in
 * place. Every check reads the emulator's API as each account sees it, not Terraform's output.
 * The emulator enforces no policy: these tests prove where things land, never who may access them.
 */
import { DEFAULT_CONFIG } from '../../modules/config/default-config';
import {
  AccountClients,
  apply,
  bucketSettings,
  bucketsOf,
  clientsFor,
  describeWithEmulator,
  keyOf,
  roleOf,
  run,
  sids,
  stackFolder,
  synthesize,
} from './harness';

const OWNER = '222222222222';
const CONSUMER = '111111111111';
const BUCKET = 'my-shared-bucket';
const POLICY_NAME = `cross-account-s3-${BUCKET}`;

describeWithEmulator('the default stacks against the emulator: apply, no drift, approach switch, destroy', () => {
  const stacks = synthesize(DEFAULT_CONFIG);
  const folder = stackFolder('lifecycle');
  let owner: AccountClients;
  let consumer: AccountClients;
  let keyId: string;

  beforeAll(async () => {
    [owner, consumer] = await Promise.all([clientsFor(OWNER), clientsFor(CONSUMER)]);
  });

  test('direct-access applies: the bucket and key in the owner account, the role in the consumer account', async () => {
    await apply(folder, stacks.get('direct-access')!);
    expect(await bucketsOf(owner)).toContain(BUCKET);
    expect(await bucketsOf(consumer)).not.toContain(BUCKET);
    const bucket = await bucketSettings(owner, BUCKET);
    expect(bucket.ownership).toBe('BucketOwnerEnforced');
    expect(bucket.versioning).toBe('Enabled');
    expect(bucket.encryption?.SSEAlgorithm).toBe('aws:kms');
    const keyArn = bucket.encryption!.KMSMasterKeyID!;
    expect(keyArn).toMatch(new RegExp(`^arn:aws:kms:us-east-1:${OWNER}:key/`));
    keyId = keyArn.split('/').pop()!;
    const key = await keyOf(owner, keyId);
    expect(key).toMatchObject({ account: OWNER, manager: 'CUSTOMER' });
    expect(sids(key!.policy)).toEqual(['EnableOwnerAccountIamPolicies', 'WorkloadAUseBucketKey']);
    expect(await keyOf(consumer, keyId)).toBeUndefined();
    expect(sids(bucket.policy)).toEqual(expect.arrayContaining(['WorkloadAReadWriteObjects', 'WorkloadAListBucket']));
    const role = await roleOf(consumer, 'RoleInAccountA', POLICY_NAME);
    expect(role?.arn).toBe(`arn:aws:iam::${CONSUMER}:role/RoleInAccountA`);
    expect(sids(role?.policy)).toEqual(['ReadWriteObjects', 'ListBucket', 'UseBucketKey']);
    expect(await roleOf(owner, 'RoleInAccountA')).toBeUndefined();
  });

  test('a second plan has nothing to do', async () => {
    expect((await run(folder, ['plan', '-detailed-exitcode'])).code).toBe(0);
  });

  test('switching to assume-role-access replaces neither the bucket nor the key, applies, and plans clean', async () => {
    const before = await bucketSettings(owner, BUCKET);
    // The assume-role stack's JSON against the direct stack's state: a change of approach. The
    // bucket and key have prevent_destroy, so an apply that would replace either fails.
    const applied = await apply(folder, stacks.get('assume-role-access')!);
    expect(applied.stdout).toMatch(/Apply complete! Resources: \d+ added, \d+ changed, 0 destroyed\./);
    const after = await bucketSettings(owner, BUCKET);
    expect(after.encryption?.KMSMasterKeyID).toBe(before.encryption?.KMSMasterKeyID);
    expect((await keyOf(owner, keyId))?.account).toBe(OWNER);
    const ownerRole = await roleOf(owner, 'S3AccessFromA', 's3-access-my-shared-bucket');
    expect(ownerRole?.arn).toBe(`arn:aws:iam::${OWNER}:role/S3AccessFromA`);
    expect(await roleOf(consumer, 'S3AccessFromA')).toBeUndefined();
    const consumerRole = await roleOf(consumer, 'RoleInAccountA', POLICY_NAME);
    expect(sids(consumerRole?.policy)).toEqual(['AssumeOwnerAccountRole']);
    expect(sids(after.policy)).toEqual(expect.arrayContaining(['WorkloadAReadWriteObjects']));
    expect(JSON.stringify(after.policy)).toContain(`arn:aws:iam::${OWNER}:role/S3AccessFromA`);
    expect((await run(folder, ['plan', '-detailed-exitcode'])).code).toBe(0);
  });

  test('a destroy stops at prevent_destroy and leaves everything in place', async () => {
    const destroy = await run(folder, ['destroy', '-auto-approve']);
    expect(destroy.code).toBe(1);
    expect(destroy.stderr).toMatch(/Instance cannot be destroyed/);
    expect(await bucketsOf(owner)).toContain(BUCKET);
    expect((await keyOf(owner, keyId))?.account).toBe(OWNER);
    expect(await roleOf(owner, 'S3AccessFromA')).toBeDefined();
    expect(await roleOf(consumer, 'RoleInAccountA')).toBeDefined();
  });
});
