/**
 * The table of bad inputs: each a change to the default config, and the message it must produce.
 * Used by the parser tests (unit) and by the process tests (every case through the app, e2e).
 */

import { join } from 'node:path';

/** Changes a copy of the default config. */
export type Mutate = (c: { stacks: Array<Record<string, any>> }) => void;

export const BAD_CONFIGS: Array<[string, Mutate, RegExp]> = [
  [
    'account ID too short',
    (c) => (c.stacks[0].owner.accountId = '22222'),
    /^stacks\[0\]\.owner\.accountId: "22222" must be a string of exactly 12 digits/,
  ],
  [
    'account ID as a number',
    (c) => (c.stacks[0].consumers[0].accountId = 111111111111),
    /^stacks\[0\]\.consumers\[0\]\.accountId: 111111111111 must be a string in quotes, not a JSON number: numbers lose leading zeros/,
  ],
  [
    'consumer in the owner account',
    (c) => (c.stacks[0].consumers[0].accountId = '222222222222'),
    /^stacks\[0\]\.consumers\[0\]\.accountId: "222222222222" is the owner account/,
  ],
  [
    'bucket name with capitals',
    (c) => (c.stacks[0].owner.bucketName = 'My-Bucket'),
    /^stacks\[0\]\.owner\.bucketName: "My-Bucket" may contain only lowercase letters/,
  ],
  [
    'bucket name as IP address',
    (c) => (c.stacks[0].owner.bucketName = '192.168.5.4'),
    /must not be formatted as an IP address/,
  ],
  [
    'bucket name with reserved suffix',
    (c) => (c.stacks[0].owner.bucketName = 'data-s3alias'),
    /reserved suffix "-s3alias"/,
  ],
  [
    'unknown approach',
    (c) => (c.stacks[0].approach = 'cross'),
    /^stacks\[0\]\.approach: "cross" must be one of "direct", "assume-role"$/m,
  ],
  [
    'unknown access level',
    (c) => (c.stacks[0].consumers[0].access = 'admin'),
    /^stacks\[0\]\.consumers\[0\]\.access: "admin" must be one of "read", "write", "read-write"$/m,
  ],
  [
    'access level close to a valid one',
    (c) => (c.stacks[0].consumers[0].access = 'read-only'),
    /^stacks\[0\]\.consumers\[0\]\.access: "read-only" must be one of "read", "write", "read-write"; did you mean "read"\?/,
  ],
  [
    'typo in a key',
    (c) => (c.stacks[0].owner.bucketname = 'x'),
    /^stacks\[0\]\.owner\.bucketname: "x" is not a known key here; did you mean "bucketName"\?/,
  ],
  [
    'typo in a consumer key',
    (c) => (c.stacks[0].consumers[0].prefixs = ['reports/']),
    /^stacks\[0\]\.consumers\[0\]\.prefixs: \["reports\/"\] is not a known key here; did you mean "prefixes"\?/,
  ],
  [
    'unknown key with no near match',
    (c) => (c.stacks[0].owner.colour = 'blue'),
    /^stacks\[0\]\.owner\.colour: "blue" is not a known key here; the keys here are "accountId", "bucketName",/,
  ],
  [
    'true or false as a string',
    (c) => (c.stacks[0].split = 'yes'),
    /^stacks\[0\]\.split: "yes" must be true or false, not a string/,
  ],
  [
    'missing externalId for assume-role',
    (c) => delete c.stacks[1].consumers[0].externalId,
    /^stacks\[1\]\.consumers\[0\]\.externalId: \(missing\) is required with "approach": "assume-role"/,
  ],
  [
    'externalId too short',
    (c) => (c.stacks[1].consumers[0].externalId = 'x'),
    /^stacks\[1\]\.consumers\[0\]\.externalId: "x" must be 2 to 1,224 characters/,
  ],
  [
    'externalId placeholder',
    (c) => (c.stacks[1].consumers[0].externalId = 'YOUR-STRONG-EXTERNAL-ID'),
    /^stacks\[1\]\.consumers\[0\]\.externalId: "YOUR-STRONG-EXTERNAL-ID" is a placeholder/,
  ],
  [
    'externalId with direct',
    (c) => (c.stacks[0].consumers[0].externalId = 'abc-123'),
    /^stacks\[0\]\.consumers\[0\]\.externalId: "abc-123" is used only with "approach": "assume-role"/,
  ],
  [
    'role name with a space',
    (c) => (c.stacks[0].consumers[0].roleName = 'Role A'),
    /^stacks\[0\]\.consumers\[0\]\.roleName: "Role A" must be 1 to 64 characters/,
  ],
  [
    'role path without trailing slash',
    (c) => (c.stacks[0].consumers[0].rolePath = '/team'),
    /^stacks\[0\]\.consumers\[0\]\.rolePath: "\/team" must be "\/" or start and end with "\/"/,
  ],
  ['region placeholder', (c) => (c.stacks[0].region = 'region'), /^stacks\[0\]\.region: "region" is a placeholder/],
  [
    'KMS key as an alias',
    (c) => (c.stacks[0].owner.kmsKeyArn = 'arn:aws:kms:us-east-1:222222222222:alias/shared'),
    /kmsKeyArn: ".*alias\/shared" is an alias; give the key ARN: S3 resolves an alias in the requester's account/,
  ],
  [
    'KMS key in another account',
    (c) =>
      (c.stacks[0].owner.kmsKeyArn = 'arn:aws:kms:us-east-1:333333333333:key/1234abcd-12ab-34cd-56ef-1234567890ab'),
    /is in account 333333333333; the key must be in the owner account 222222222222/,
  ],
  [
    'KMS key in another region',
    (c) =>
      (c.stacks[0].owner.kmsKeyArn = 'arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab'),
    /is in region eu-west-1; S3 default encryption needs a key in the bucket's region us-east-1/,
  ],
  [
    'KMS key with SSE-S3',
    (c) =>
      Object.assign(c.stacks[0].owner, {
        encryption: 's3',
        kmsKeyArn: 'arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      }),
    /is set but "encryption" is "s3"/,
  ],
  [
    'KMS key placeholder',
    (c) => (c.stacks[0].owner.kmsKeyArn = 'arn:aws:kms:region:222222222222:key/KEY-ID'),
    /kmsKeyArn: ".*" is a placeholder/,
  ],
  [
    'prefix with leading slash',
    (c) => (c.stacks[0].consumers[0].prefixes = ['/reports/']),
    /prefixes\[0\]: "\/reports\/" must not start with "\/"/,
  ],
  [
    'prefix with wildcard',
    (c) => (c.stacks[0].consumers[0].prefixes = ['reports/*']),
    /prefixes\[0\]: "reports\/\*" must not contain the policy wildcards/,
  ],
  [
    'duplicate prefix after normalising',
    (c) => (c.stacks[0].consumers[0].prefixes = ['logs', 'logs/']),
    /prefixes\[1\]: "logs\/" repeats prefixes\[0\]/,
  ],
  [
    'nested prefix',
    (c) => (c.stacks[0].consumers[0].prefixes = ['logs/', 'logs/app/']),
    /lists "logs\/app\/" inside "logs\/"/,
  ],
  [
    'trusted principal as unique ID',
    (c) => (c.stacks[0].consumers[0].trustedPrincipals = ['AROA1234567890EXAMPLE']),
    /is a unique ID, not an ARN/,
  ],
  [
    'trustedPrincipals with existingRole',
    (c) =>
      Object.assign(c.stacks[0].consumers[0], {
        existingRole: true,
        trustedPrincipals: ['arn:aws:iam::111111111111:root'],
      }),
    /has no effect with "existingRole": true/,
  ],
  [
    'duplicate stack names',
    (c) => (c.stacks[1].name = 'direct-access'),
    /^stacks\[1\]\.name: "direct-access" is already the name of stacks\[0\]/,
  ],
  ['no consumers', (c) => (c.stacks[0].consumers = []), /^stacks\[0\]\.consumers: \[\] must list at least 1 item$/m],
  [
    'profile and assumeRoleArn together',
    (c) => (c.stacks[0].owner.provider = { profile: 'b', assumeRoleArn: 'arn:aws:iam::222222222222:role/Deploy' }),
    /^stacks\[0\]\.owner\.provider: .* give either "profile" or "assumeRoleArn", not both/,
  ],
];

const consumer = (c: { stacks: Array<Record<string, any>> }, si = 0) => c.stacks[si].consumers[0];
const addConsumer = (c: { stacks: Array<Record<string, any>> }, extra: Record<string, unknown>) =>
  c.stacks[0].consumers.push({ ...consumer(c), name: 'second', roleName: 'SecondRole', ...extra });
BAD_CONFIGS.push(
  ['bucket name too short', (c) => (c.stacks[0].owner.bucketName = 'ab'), /must be 3 to 63 characters long \(is 2\)/],
  [
    'bucket name with two dots',
    (c) => (c.stacks[0].owner.bucketName = 'my..bucket'),
    /must not contain two adjacent dots/,
  ],
  ['bucket name with reserved prefix', (c) => (c.stacks[0].owner.bucketName = 'xn--data'), /reserved prefix "xn--"/],
  [
    'bucket name ending in a hyphen',
    (c) => (c.stacks[0].owner.bucketName = 'data-'),
    /must begin and end with a letter or digit/,
  ],
  [
    'role name over 64 characters',
    (c) => (consumer(c).roleName = 'R'.repeat(65)),
    /roleName: "R{65}" must be 1 to 64 characters/,
  ],
  [
    'role path with a wildcard',
    (c) => (consumer(c).rolePath = '/*/'),
    /rolePath: "\/\*\/" must be "\/" or start and end with "\/"/,
  ],
  [
    'prefix with a Terraform expression',
    (c) => (consumer(c).prefixes = ['x${aws_kms_key.bucket_key.key_id}/']),
    /prefixes\[0\]: .* contains "\$\{" or "%\{", which Terraform would evaluate/,
  ],
  [
    'prefix with a policy variable',
    (c) => (consumer(c).prefixes = ['home/$aws:username/']),
    /prefixes\[0\]: .* must not contain "\$", "\{" or "\}"/,
  ],
  ['isolated region', (c) => (c.stacks[0].region = 'us-iso-east-1'), /region: "us-iso-east-1" is an isolated region/],
  [
    'region that is no region',
    (c) => (c.stacks[0].region = 'useast1'),
    /region: "useast1" must be an AWS region code such as "us-east-1"/,
  ],
  [
    'consumer name of one letter',
    (c) => (consumer(c).name = 'a'),
    /consumers\[0\]\.name: "a" must be 2 to 40 characters/,
  ],
  [
    'consumer name with an underscore',
    (c) => (consumer(c).name = 'team_a'),
    /consumers\[0\]\.name: "team_a" must be 2 to 40 characters of letters, digits and hyphens/,
  ],
  [
    'stack names differing only in case',
    (c) => (c.stacks[1].name = 'Direct-Access'),
    /stacks\[1\]\.name: "Direct-Access" is already the name of stacks\[0\] \(names are compared case-insensitively/,
  ],
  [
    'session over an hour with assume-role',
    (c) => (consumer(c, 1).sessionDurationSeconds = 7200),
    /stacks\[1\]\.consumers\[0\]\.sessionDurationSeconds: 7200 is over 3,600 s: .* role chaining/,
  ],
  [
    'session under 15 minutes',
    (c) => (consumer(c).sessionDurationSeconds = 60),
    /sessionDurationSeconds: 60 must be at least 900$/m,
  ],
  [
    'trust policy quota over the maximum',
    (c) => (c.stacks[0].trustPolicyQuota = 10000),
    /trustPolicyQuota: 10000 must be at most 8,192$/m,
  ],
  [
    'deployment role that is not a role',
    (c) => (c.stacks[0].owner.provider = { assumeRoleArn: 'lambda.amazonaws.com' }),
    /owner\.provider\.assumeRoleArn: "lambda\.amazonaws\.com" must be a role ARN/,
  ],
  [
    'deployment role in another account',
    (c) => (c.stacks[0].owner.provider = { assumeRoleArn: 'arn:aws:iam::333333333333:role/Deploy' }),
    /owner\.provider\.assumeRoleArn: .* is a role of account 333333333333, but this provider deploys into 222222222222/,
  ],
  [
    'session name with a space',
    (c) =>
      (c.stacks[0].owner.provider = {
        assumeRoleArn: 'arn:aws:iam::222222222222:role/Deploy',
        sessionName: 'my session',
      }),
    /sessionName: "my session" must be 2 to 64 characters/,
  ],
  [
    'session name without a role',
    (c) => (c.stacks[0].owner.provider = { profile: 'b', sessionName: 'ci' }),
    /owner\.provider\.sessionName: .* is used only with "assumeRoleArn"/,
  ],
  [
    'two accounts on ambient credentials',
    (c) => {
      delete c.stacks[0].owner.provider;
      delete consumer(c).provider;
    },
    /consumers\[0\]\.provider: \(missing\) is not set, and neither is stacks\[0\]\.owner\.provider/,
  ],
  [
    'trusted principal of another partition',
    (c) => (consumer(c).trustedPrincipals = ['arn:aws-cn:iam::111111111111:root']),
    /trustedPrincipals\[0\]: .* is in partition aws-cn, but the stack's region us-east-1 is in aws/,
  ],
  [
    'Sids that collide across access levels',
    (c) => {
      consumer(c).name = 'data';
      addConsumer(c, { name: 'data-read', access: 'write' });
    },
    /consumers\[1\]\.name: "data-read" gives the statement Sid "DataReadWriteObjects", as consumers\[0\] does/,
  ],
  ['missing required field', (c) => delete c.stacks[0].region, /^stacks\[0\]\.region: \(missing\) is required/],
  [
    'prefix with an ampersand (six bytes once the provider re-encodes it)',
    (c) => (consumer(c).prefixes = ['a&b/']),
    /prefixes\[0\]: "a&b\/" may contain only letters, digits and the safe characters/,
  ],
  [
    'prefix with a line break',
    (c) => (consumer(c).prefixes = ['a\nb/']),
    /prefixes\[0\]: "a\\nb\/" may contain only letters, digits and the safe characters/,
  ],
  [
    'existing key ID of hyphens only',
    (c) => (c.stacks[0].owner.kmsKeyArn = `arn:aws:kms:us-east-1:222222222222:key/${'-'.repeat(36)}`),
    /kmsKeyArn: .* must name a key as key\/<key-id>/,
  ],
  [
    'trusted principal with an empty path segment',
    (c) => (consumer(c).trustedPrincipals = ['arn:aws:iam::111111111111:role//']),
    /trustedPrincipals\[0\]: "arn:aws:iam::111111111111:role\/\/" must be an IAM principal ARN/,
  ],
  [
    'region that does not exist',
    (c) => (c.stacks[0].region = 'zz-nowhere-9'),
    /region: "zz-nowhere-9" must be an AWS region code/,
  ],
  [
    'deployment role of another partition',
    (c) => (c.stacks[0].owner.provider = { assumeRoleArn: 'arn:aws-cn:iam::222222222222:role/Deploy' }),
    /owner\.provider\.assumeRoleArn: .* is in partition aws-cn, but the stack's region us-east-1 is in aws/,
  ],
  [
    'owner role path with the direct approach',
    (c) => (consumer(c).ownerRolePath = '/owners/'),
    /consumers\[0\]\.ownerRolePath: "\/owners\/" is used only with "approach": "assume-role"/,
  ],
  [
    'access point name without access-points mode',
    (c) => (consumer(c).accessPointName = 'workload-a-ap'),
    /consumers\[0\]\.accessPointName: "workload-a-ap" is used only with "accessMode": "access-points"/,
  ],
  [
    'access point name with capitals',
    (c) => Object.assign(c.stacks[0], { accessMode: 'access-points' }) && (consumer(c).accessPointName = 'Workload-AP'),
    /accessPointName: "Workload-AP" must be 3 to 50 characters of lowercase letters, digits and hyphens/,
  ],
  [
    'two consumers on one access point name',
    (c) => {
      c.stacks[0].accessMode = 'access-points';
      consumer(c).accessPointName = 'shared-ap';
      addConsumer(c, { accessPointName: 'shared-ap' });
    },
    /consumers\[1\]\.accessPointName: "shared-ap" gives access point "shared-ap", as consumers\[0\] does/,
  ],
  [
    'unknown access mode',
    (c) => (c.stacks[0].accessMode = 'access-point'),
    /accessMode: "access-point" must be one of "bucket-policy", "access-points"; did you mean "access-points"\?/,
  ],
  [
    'a consumer name that makes an invalid default access point name',
    (c) => {
      c.stacks[0].accessMode = 'access-points';
      consumer(c).name = 'xn--data';
    },
    /consumers\[0\]\.name: "xn--data" gives the access point name "xn--data-[0-9a-f]{6}", which must not start with "xn--"/,
  ],
  [
    'one access point name for two buckets in one account and region',
    (c) => {
      for (const stack of c.stacks) {
        stack.accessMode = 'access-points';
        stack.consumers[0].accessPointName = 'shared-ap';
      }
      c.stacks[1].owner.bucketName = 'another-bucket';
    },
    /stacks\[1\]\.consumers\[0\]\.accessPointName: "shared-ap" gives access point "shared-ap" in account 222222222222 and us-east-1, as stacks\[0\]\.consumers\[0\] does for bucket my-shared-bucket/,
  ],
  ['the stacks list empty', (c) => (c.stacks = []), /^stacks: \[\] must list at least 1 item$/m],
  [
    'an existing bucket with SSE-KMS but no key ARN',
    (c) => (c.stacks[0].owner.existingBucket = { currentPolicyFile: null }),
    /^stacks\[0\]\.owner\.kmsKeyArn: \(missing\) is required with "existingBucket" and "encryption": "kms": the stack does not change an existing bucket's default encryption/,
  ],
  [
    'an existing bucket without a word on its current policy',
    (c) => (c.stacks[0].owner.existingBucket = { adopt: true }),
    /^stacks\[0\]\.owner\.existingBucket\.currentPolicyFile: \(missing\) is required: must be the path of a file with the bucket's current policy \(relative to the config file\), or null when the bucket has no policy/,
  ],
  [
    'a current bucket policy file that does not exist',
    (c) => (c.stacks[0].owner.existingBucket = { adopt: true, currentPolicyFile: policyFile('missing.json') }),
    /^stacks\[0\]\.owner\.existingBucket\.currentPolicyFile: ".*missing\.json" cannot be read: ENOENT/,
  ],
  [
    'a current bucket policy file that is not JSON',
    (c) => (c.stacks[0].owner.existingBucket = { adopt: true, currentPolicyFile: policyFile('not-json.json') }),
    /^stacks\[0\]\.owner\.existingBucket\.currentPolicyFile: ".*not-json\.json" is not valid JSON/,
  ],
  [
    'a current bucket policy of the 2008 version',
    (c) => (c.stacks[0].owner.existingBucket = { adopt: true, currentPolicyFile: policyFile('version-2008.json') }),
    /currentPolicyFile: ".*version-2008\.json" has "Version": "2008-10-17"; the merged policy is written with "2012-10-17"/,
  ],
  [
    'a current bucket policy saved with the AWS CLI wrapper',
    (c) =>
      (c.stacks[0].owner.existingBucket = { adopt: true, currentPolicyFile: policyFile('wrapped-bucket-policy.json') }),
    /currentPolicyFile: ".*wrapped-bucket-policy\.json" holds \{"Policy": "…"\}, the whole answer of the AWS CLI; save only the policy itself \(add --query Policy --output text/,
  ],
  [
    'a current bucket policy of another bucket',
    (c) =>
      (c.stacks[0].owner.existingBucket = { adopt: true, currentPolicyFile: policyFile('other-bucket-policy.json') }),
    /currentPolicyFile: ".*other-bucket-policy\.json" has Statement\[0\] on "arn:aws:s3:::other-bucket\/\*", which is not arn:aws:s3:::my-shared-bucket or an object in it: is this the policy of another bucket\?/,
  ],
  [
    'a current bucket policy with a Sid twice',
    (c) =>
      (c.stacks[0].owner.existingBucket = { adopt: true, currentPolicyFile: policyFile('duplicate-sid-policy.json') }),
    /currentPolicyFile: ".*duplicate-sid-policy\.json" has Statement\[1\] with the Sid "Same" of Statement\[0\]; Sids must be unique/,
  ],
  [
    'an existing bucket given as true',
    (c) => (c.stacks[0].owner.existingBucket = true),
    /^stacks\[0\]\.owner\.existingBucket: true must be an object: \{ "adopt"\?: true or false, "currentPolicyFile": "<path>" or null \}/,
  ],
  [
    'an adopted key without its current key policy',
    (c) => (c.stacks[0].owner.adoptKey = { currentPolicyFile: null }),
    /^stacks\[0\]\.owner\.adoptKey\.currentPolicyFile: null must be the path of a file with the key's current key policy/,
  ],
  [
    'adopting a key without its ARN',
    (c) => (c.stacks[0].owner.adoptKey = { currentPolicyFile: policyFile('current-key-policy.json') }),
    /^stacks\[0\]\.owner\.adoptKey: \{"currentPolicyFile":.*\} needs "kmsKeyArn": the ARN of the key to adopt/,
  ],
  [
    'adopting a multi-Region key',
    (c) => {
      c.stacks[0].owner.kmsKeyArn = 'arn:aws:kms:us-east-1:222222222222:key/mrk-1234abcd12ab34cd56ef1234567890ab';
      c.stacks[0].owner.adoptKey = { currentPolicyFile: policyFile('current-key-policy.json') };
    },
    /^stacks\[0\]\.owner\.adoptKey: .* is not supported for a multi-Region key/,
  ],
  [
    'adopting a key whose policy does not let the deployer administer it',
    (c) => {
      c.stacks[0].owner.kmsKeyArn = 'arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab';
      c.stacks[0].owner.adoptKey = { currentPolicyFile: policyFile('non-delegating-key-policy.json') };
    },
    /^stacks\[0\]\.owner\.adoptKey\.currentPolicyFile: ".*non-delegating-key-policy\.json" allows kms:PutKeyPolicy \(on "\*", without conditions\) neither to the owner account's root arn:aws:iam::222222222222:root \(delegating to IAM\) nor to the deployer, which the stack cannot identify .* KMS refuses a key policy that would lock out the principal that puts it .* or confirm with "deployerIsKeyAdministrator": true that the deployer is allowed another way/,
  ],
  [
    'deployerIsKeyAdministrator that is not a boolean',
    (c) => {
      c.stacks[0].owner.kmsKeyArn = 'arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab';
      c.stacks[0].owner.adoptKey = {
        currentPolicyFile: policyFile('current-key-policy.json'),
        deployerIsKeyAdministrator: 'yes',
      };
    },
    /^stacks\[0\]\.owner\.adoptKey\.deployerIsKeyAdministrator: "yes" must be true or false/,
  ],
  [
    'a session tag key with the reserved aws: prefix',
    (c) => (consumer(c).sessionTagKeys = ['team', 'aws:team']),
    /^stacks\[0\]\.consumers\[0\]\.sessionTagKeys\[1\]: "aws:team" must not start with the reserved prefix "aws:"/,
  ],
  [
    'a session tag key with a character IAM does not allow',
    (c) => (consumer(c).sessionTagKeys = ['team#1']),
    /^stacks\[0\]\.consumers\[0\]\.sessionTagKeys\[0\]: "team#1" must be 1 to 128 characters of letters, digits, spaces and _\.:\/=\+-@/,
  ],
  [
    'more than 50 session tag keys',
    (c) => (consumer(c).sessionTagKeys = Array.from({ length: 51 }, (_, i) => `k${i}`)),
    /^stacks\[0\]\.consumers\[0\]\.sessionTagKeys: \[.*\.\.\. must list at most 50 keys/,
  ],
  [
    'session tags on an existing role in the direct approach',
    (c) => Object.assign(consumer(c), { existingRole: true, sessionTagKeys: ['team'] }),
    /^stacks\[0\]\.consumers\[0\]\.sessionTagKeys: \["team"\] has no effect with "existingRole": true in the direct approach/,
  ],
  [
    'a source identity on an existing role in the direct approach',
    (c) => Object.assign(consumer(c), { existingRole: true, sourceIdentity: true }),
    /^stacks\[0\]\.consumers\[0\]\.sourceIdentity: true has no effect with "existingRole": true in the direct approach/,
  ],
  [
    'Pod Identity conditions without trusting Pod Identity',
    (c) => (consumer(c).podIdentity = { namespace: 'etl' }),
    /^stacks\[0\]\.consumers\[0\]\.podIdentity: \{"namespace":"etl"\} is used only when the stack creates the consumer role and "trustedPrincipals" lists "pods\.eks\.amazonaws\.com"/,
  ],
  [
    'a Pod Identity namespace that is not a Kubernetes name',
    (c) =>
      Object.assign(consumer(c), {
        trustedPrincipals: ['pods.eks.amazonaws.com'],
        podIdentity: { namespace: 'ETL_jobs' },
      }),
    /^stacks\[0\]\.consumers\[0\]\.podIdentity\.namespace: "ETL_jobs" must be 1 to 63 characters of lowercase letters, digits and hyphens/,
  ],
  [
    'a Pod Identity cluster that is not a cluster ARN',
    (c) =>
      Object.assign(consumer(c), {
        trustedPrincipals: ['pods.eks.amazonaws.com'],
        podIdentity: { clusterArn: 'my-cluster' },
      }),
    /^stacks\[0\]\.consumers\[0\]\.podIdentity\.clusterArn: "my-cluster" must be an EKS cluster ARN/,
  ],
  [
    'session tag keys given as a string',
    (c) => (consumer(c).sessionTagKeys = 'team'),
    /^stacks\[0\]\.consumers\[0\]\.sessionTagKeys: "team" must be a list of session tag keys, for example \["team"\]/,
  ],
  [
    'an empty list of session tag keys',
    (c) => (consumer(c).sessionTagKeys = []),
    /^stacks\[0\]\.consumers\[0\]\.sessionTagKeys: \[\] must list at least one key; omit "sessionTagKeys" for none/,
  ],
  [
    'session tag keys that differ only in case',
    (c) => (consumer(c).sessionTagKeys = ['team', 'Team']),
    /^stacks\[0\]\.consumers\[0\]\.sessionTagKeys\[1\]: "Team" repeats sessionTagKeys\[0\]; session tag keys are compared case-insensitively/,
  ],
  [
    'a source identity given as a string',
    (c) => (consumer(c).sourceIdentity = 'true'),
    /^stacks\[0\]\.consumers\[0\]\.sourceIdentity: "true" must be true or false/,
  ],
  [
    'Pod Identity conditions given as a string',
    (c) => Object.assign(consumer(c), { trustedPrincipals: ['pods.eks.amazonaws.com'], podIdentity: 'etl/loader' }),
    /^stacks\[0\]\.consumers\[0\]\.podIdentity: "etl\/loader" must be an object: \{ "clusterArn"\?/,
  ],
  [
    'Pod Identity conditions that name nothing',
    (c) => Object.assign(consumer(c), { trustedPrincipals: ['pods.eks.amazonaws.com'], podIdentity: {} }),
    /^stacks\[0\]\.consumers\[0\]\.podIdentity: \{\} names no condition/,
  ],
  [
    'a Pod Identity cluster of another account',
    (c) =>
      Object.assign(consumer(c), {
        trustedPrincipals: ['pods.eks.amazonaws.com'],
        podIdentity: { clusterArn: 'arn:aws:eks:us-east-1:999999999999:cluster/analytics' },
      }),
    /^stacks\[0\]\.consumers\[0\]\.podIdentity\.clusterArn: ".*" is a cluster of account 999999999999; EKS Pod Identity assumes a role of the cluster's own account, here the consumer account 111111111111/,
  ],
  [
    'a Pod Identity cluster of another partition',
    (c) =>
      Object.assign(consumer(c), {
        trustedPrincipals: ['pods.eks.amazonaws.com'],
        podIdentity: { clusterArn: 'arn:aws-cn:eks:cn-north-1:111111111111:cluster/analytics' },
      }),
    /^stacks\[0\]\.consumers\[0\]\.podIdentity\.clusterArn: ".*" is in partition aws-cn, but the stack's region us-east-1 is in aws/,
  ],
  [
    'a Pod Identity service account that is not a Kubernetes name',
    (c) =>
      Object.assign(consumer(c), {
        trustedPrincipals: ['pods.eks.amazonaws.com'],
        podIdentity: { serviceAccount: 'Loader!' },
      }),
    /^stacks\[0\]\.consumers\[0\]\.podIdentity\.serviceAccount: "Loader!" must be at most 253 characters of lowercase letters/,
  ],
  [
    'an existing owner role with the direct approach',
    (c) => (consumer(c).existingOwnerRole = true),
    /^stacks\[0\]\.consumers\[0\]\.existingOwnerRole: true is used only with "approach": "assume-role"/,
  ],
  [
    'a split stack name that another entry already has',
    (c) => {
      c.stacks[0].split = true;
      c.stacks[1].name = 'direct-access-owner';
    },
    /^stacks\[1\]\.name: "direct-access-owner" is already the name of a split stack of stacks\[0\]/,
  ],
  [
    'a split entry whose consumer stack name another entry has',
    (c) => {
      c.stacks[1].split = true;
      c.stacks[0].name = 'Assume-Role-Access-111111111111';
    },
    /^stacks\[1\]\.name: "assume-role-access" gives the split stack name "assume-role-access-111111111111", which is already the name of stacks\[0\]/,
  ],
  [
    'an S3 backend with a profile and a role',
    (c) =>
      (c.stacks[0].backend = {
        s3: {
          bucket: 'tfstate-bucket',
          region: 'us-east-1',
          profile: 'state',
          roleArn: 'arn:aws:iam::222222222222:role/State',
        },
      }),
    /^stacks\[0\]\.backend\.s3\.roleArn: "arn:aws:iam::222222222222:role\/State" give either "profile" or "roleArn", not both/,
  ],
  [
    'an S3 backend key prefix with a leading slash',
    (c) => (c.stacks[0].backend = { s3: { bucket: 'tfstate-bucket', region: 'us-east-1', keyPrefix: '/state/' } }),
    /^stacks\[0\]\.backend\.s3\.keyPrefix: "\/state\/" must not start with "\/"/,
  ],
  [
    'delete as a string',
    (c) => (c.stacks[0].consumers[0].delete = 'yes'),
    /^stacks\[0\]\.consumers\[0\]\.delete: "yes" must be true or false, not a string/,
  ],
  [
    'typo in the delete key',
    (c) => (c.stacks[0].consumers[0].deletes = true),
    /^stacks\[0\]\.consumers\[0\]\.deletes: true is not a known key here; did you mean "delete"\?/,
  ],
  [
    'list with a level that reads',
    (c) => (c.stacks[0].consumers[0].list = true),
    /^stacks\[0\]\.consumers\[0\]\.list: true is only for "access": "write": the "read-write" level lists its prefixes already; remove "list"$/m,
  ],
  [
    'list as a string',
    (c) => {
      c.stacks[0].consumers[0].access = 'write';
      c.stacks[0].consumers[0].list = 'true';
    },
    /^stacks\[0\]\.consumers\[0\]\.list: "true" must be true or false, not a string/,
  ],
  [
    'versions with the write level',
    (c) => {
      c.stacks[0].consumers[0].access = 'write';
      c.stacks[0].consumers[0].versions = true;
    },
    /^stacks\[0\]\.consumers\[0\]\.versions: true is only for a level that reads \("read" or "read-write"\): it reads older versions, and a "write" consumer reads no object; use "read-write", or remove "versions"$/m,
  ],
  [
    'typo in the versions key',
    (c) => (c.stacks[0].consumers[0].version = true),
    /^stacks\[0\]\.consumers\[0\]\.version: true is not a known key here; did you mean "versions"\?/,
  ],
  [
    'tagging as a string',
    (c) => (c.stacks[0].consumers[0].tagging = 'yes'),
    /^stacks\[0\]\.consumers\[0\]\.tagging: "yes" must be true or false, not a string/,
  ],
  [
    'typo in the analytics key',
    (c) => (c.stacks[0].consumers[0].analytic = true),
    /^stacks\[0\]\.consumers\[0\]\.analytic: true is not a known key here; did you mean "analytics"\?/,
  ],
  [
    'analytics as a number',
    (c) => (c.stacks[0].consumers[0].analytics = 1),
    /^stacks\[0\]\.consumers\[0\]\.analytics: 1 must be true or false, not a number/,
  ],
  [
    'a permissions boundary that is a role ARN',
    (c) => (c.stacks[0].consumers[0].permissionsBoundary = 'arn:aws:iam::111111111111:role/Boundary'),
    /^stacks\[0\]\.consumers\[0\]\.permissionsBoundary: "arn:aws:iam::111111111111:role\/Boundary" must be a managed policy ARN/,
  ],
  [
    'an owner permissions boundary with the direct approach',
    (c) => {
      c.stacks[0].approach = 'direct';
      c.stacks[0].owner.permissionsBoundary = 'arn:aws:iam::222222222222:policy/Boundary';
    },
    /^stacks\[0\]\.owner\.permissionsBoundary: "arn:aws:iam::222222222222:policy\/Boundary" has no role to go on: the direct approach creates no role in the owner account/m,
  ],
  [
    'a lifecycle without a rule',
    (c) => (c.stacks[0].owner.lifecycle = {}),
    /^stacks\[0\]\.owner\.lifecycle: \{\} sets no rule: give "noncurrentVersionExpirationDays", "abortIncompleteMultipartUploadDays" or both/m,
  ],
  [
    'lifecycle days as a fraction',
    (c) => (c.stacks[0].owner.lifecycle = { abortIncompleteMultipartUploadDays: 1.5 }),
    /^stacks\[0\]\.owner\.lifecycle\.abortIncompleteMultipartUploadDays: 1\.5 /m,
  ],
  [
    'access logs into the shared bucket itself',
    (c) => (c.stacks[0].owner.accessLogs = { bucket: c.stacks[0].owner.bucketName }),
    /^stacks\[0\]\.owner\.accessLogs\.bucket: "[a-z0-9.-]+" is the shared bucket itself/m,
  ],
  [
    'a tag key starting with aws:',
    (c) => (c.stacks[0].tags = { 'aws:owner': 'data' }),
    /^stacks\[0\]\.tags\.aws:owner: "aws:owner" is not a valid tag key/m,
  ],
  [
    'a minimum TLS version of 1.2',
    (c) => (c.stacks[0].owner.minimumTlsVersion = '1.2'),
    /^stacks\[0\]\.owner\.minimumTlsVersion: "1\.2" must be "1\.3": AWS endpoints have required TLS 1\.2 since 2024/m,
  ],
  [
    'a network perimeter without endpoints or VPCs',
    (c) => (c.stacks[0].consumers[0].network = { vpcEndpoints: [] }),
    /^stacks\[0\]\.consumers\[0\]\.network: \{"vpcEndpoints":\[\]\} names no VPC endpoint and no VPC/m,
  ],
  [
    'a malformed VPC endpoint ID',
    (c) => (c.stacks[0].consumers[0].network = { vpcEndpoints: ['vpc-0123456789abcdef0'] }),
    /^stacks\[0\]\.consumers\[0\]\.network\.vpcEndpoints\[0\]: "vpc-0123456789abcdef0" must be a VPC endpoint ID/m,
  ],
  [
    'an OU path outside its Organization',
    (c) =>
      (c.stacks[0].organizations = [
        { name: 'org-readers', organizationId: 'o-a1b2c3d4e5', ouPaths: ['o-zzzzzzzzzz/r-ab12/ou-ab12-11111111/'] },
      ]),
    /^stacks\[0\]\.organizations\[0\]\.ouPaths\[0\]: "o-zzzzzzzzzz\/r-ab12\/ou-ab12-11111111\/" is not in the Organization o-a1b2c3d4e5/m,
  ],
  [
    'an Organization ID without its o- prefix',
    (c) => (c.stacks[0].organizations = [{ name: 'org-readers', organizationId: 'a1b2c3d4e5' }]),
    /^stacks\[0\]\.organizations\[0\]\.organizationId: "a1b2c3d4e5" must be an Organization ID/m,
  ],
  [
    "an additional role that is the consumer's own role",
    (c) => (c.stacks[0].consumers[0].additionalRoles = [{ roleName: c.stacks[0].consumers[0].roleName.toUpperCase() }]),
    /^stacks\[0\]\.consumers\[0\]\.additionalRoles\[0\]\.roleName: "[A-Z]+" is the role roleName already names \(role names are unique per account, case-insensitively\)/m,
  ],
  [
    'additional roles as a role name instead of a list',
    (c) => (c.stacks[0].consumers[0].additionalRoles = 'BatchRole'),
    /^stacks\[0\]\.consumers\[0\]\.additionalRoles: "BatchRole" must be a list of roles, for example \[\{ "roleName": "BatchRole" \}\]/m,
  ],
);

/** A current-policy fixture by absolute path (the process tests write the config elsewhere). */
function policyFile(name: string): string {
  return join(__dirname, 'policies', name);
}
