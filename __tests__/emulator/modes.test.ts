/**
 * The other shapes of stack against the emulator, each with its own bucket and role names (the
 * suite's tests share one server and run in parallel): an `access-points` stack applies with the
 * access point in the owner account, and a split entry applies in its documented order, the
 * consumer account's stack first, then the owner stack. Read back through the emulator's API as
 * each account sees it; nothing here says anything about access.
 */
import { ListAliasesCommand } from '@aws-sdk/client-kms';
import { entryStackNames } from '../../modules/config/schema';
import { keyAliasFor } from '../../modules/policy/kms';
import { defaultConfig, modelOf } from '../helpers';
import {
  accessPointOf,
  apply,
  bucketSettings,
  bucketsOf,
  clientsFor,
  describeWithEmulator,
  roleOf,
  run,
  sids,
  stackFolder,
  synthesize,
} from './harness';

const OWNER = '222222222222';
const CONSUMER = '111111111111';

describeWithEmulator('an access-points stack against the emulator', () => {
  const entry = defaultConfig().stacks[1];
  entry.name = 'emulator-ap';
  entry.accessMode = 'access-points';
  entry.owner.bucketName = 'emulator-ap-share';
  Object.assign(entry.consumers[0], {
    name: 'ap-reader',
    roleName: 'ApReader',
    ownerRoleName: 'S3AccessFromApReader',
    access: 'read',
  });
  const accessPoint = modelOf(entry).consumers[0].accessPointName;

  test('applies: the access point on the bucket in the owner account, the roles each in its account', async () => {
    const folder = stackFolder('access-points');
    await apply(folder, synthesize({ stacks: [entry] }).get('emulator-ap')!);
    const [owner, consumer] = await Promise.all([clientsFor(OWNER), clientsFor(CONSUMER)]);
    expect(await accessPointOf(owner, OWNER, accessPoint)).toEqual({ bucket: 'emulator-ap-share', name: accessPoint });
    expect(await bucketsOf(owner)).toContain('emulator-ap-share');
    expect(await bucketsOf(consumer)).not.toContain('emulator-ap-share');
    expect(sids((await bucketSettings(owner, 'emulator-ap-share')).policy)).toContain('DelegateToOwnerAccessPoints');
    expect((await roleOf(owner, 'S3AccessFromApReader'))?.arn).toBe(`arn:aws:iam::${OWNER}:role/S3AccessFromApReader`);
    expect((await roleOf(consumer, 'ApReader'))?.arn).toBe(`arn:aws:iam::${CONSUMER}:role/ApReader`);
    expect(await roleOf(consumer, 'S3AccessFromApReader')).toBeUndefined();
    expect((await run(folder, ['plan', '-detailed-exitcode'])).code).toBe(0);
  });
});

describeWithEmulator('a split entry against the emulator, in its documented order', () => {
  const entry = defaultConfig().stacks[0];
  entry.name = 'emulator-split';
  entry.split = true;
  entry.owner.bucketName = 'emulator-split-share';
  Object.assign(entry.consumers[0], { name: 'split-writer', roleName: 'SplitWriter' });
  const names = entryStackNames(modelOf(entry));

  test('the consumer stack, then the owner stack: each resource in its account', async () => {
    const stacks = synthesize({ stacks: [entry] });
    const consumerStack = names.consumers.get(CONSUMER)!;
    expect([...stacks.keys()].sort()).toEqual([consumerStack, names.owner].sort());
    // The consumer stack first, as documented: AWS refuses a policy naming a role that does not
    // exist yet (the emulator does not check that; the order is what is tested here).
    await apply(stackFolder('split-consumer'), stacks.get(consumerStack)!);
    const [owner, consumer] = await Promise.all([clientsFor(OWNER), clientsFor(CONSUMER)]);
    const role = await roleOf(consumer, 'SplitWriter', 'cross-account-s3-emulator-split-share');
    expect(role?.arn).toBe(`arn:aws:iam::${CONSUMER}:role/SplitWriter`);
    expect(sids(role?.policy)).toEqual(['ReadWriteObjects', 'ListBucket', 'UseBucketKey']);
    expect(await bucketsOf(owner)).not.toContain('emulator-split-share');

    await apply(stackFolder('split-owner'), stacks.get(names.owner)!);
    expect(await bucketsOf(owner)).toContain('emulator-split-share');
    expect(await roleOf(owner, 'SplitWriter')).toBeUndefined();
    const bucket = await bucketSettings(owner, 'emulator-split-share');
    expect(JSON.stringify(bucket.policy)).toContain(`arn:aws:iam::${CONSUMER}:role/SplitWriter`);
    // The consumer's policy names the key by the alias the owner stack gives it.
    const aliases = await owner.kms.send(new ListAliasesCommand({}));
    const alias = aliases.Aliases?.find((a) => a.AliasName === keyAliasFor('emulator-split-share'));
    expect(alias?.TargetKeyId).toBe(bucket.encryption?.KMSMasterKeyID?.split('/').pop());
  });
});
