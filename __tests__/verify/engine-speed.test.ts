/**
 * The evaluation engine's two speed-ups (modules/verify/engine-speed.ts) are in place with the
 * installed engine, and answer as the functions they replace.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { engineSpeedUps, keptResourceTypeAnswers } from '../../modules/verify/engine-speed';
import { SimRequest, sealPolicy, simulate } from '../../modules/verify/simulate';

const engineMain = require.resolve('@cloud-copilot/iam-simulate');
const resourceTypesPath = join(dirname(engineMain), 'simulation_engine/resourceTypes.js');
const utilsPath = join(dirname(createRequire(engineMain).resolve('@cloud-copilot/iam-policy')), 'utils.js');

type ResourceTypesFn = (
  service: string,
  action: string,
  resource: string,
  ...rest: unknown[]
) => Promise<Array<{ key: string }>>;

/** A fresh copy of an engine module, as the package ships it (the patched copy stays in the cache). */
function unpatched<T>(path: string): T {
  const patched = require.cache[path];
  delete require.cache[path];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path) as T;
  } finally {
    require.cache[path] = patched;
  }
}

test('both speed-ups are installed with the engine this project pins', () => {
  expect(engineSpeedUps()).toEqual({ resourceTypesMemo: true, sharedCollator: true });
});

test("the resource types of an action answer as the engine's own function, a new list each call", async () => {
  engineSpeedUps();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const patched = (require(resourceTypesPath) as { getResourceTypesForAction: ResourceTypesFn })
    .getResourceTypesForAction;
  const original = unpatched<{ getResourceTypesForAction: ResourceTypesFn }>(
    resourceTypesPath,
  ).getResourceTypesForAction;
  const cases: Array<[string, string, string]> = [
    ['s3', 'GetObject', 'arn:aws:s3:::bucket/key'],
    ['s3', 'GetObject', 'arn:aws:s3:us-east-1:222222222222:accesspoint/reports/object/key'],
    ['s3', 'ListBucket', 'arn:aws:s3:::bucket'],
    ['s3', 'ListBucketMultipartUploads', 'arn:aws:s3:us-east-1:222222222222:accesspoint/reports'],
    ['kms', 'Decrypt', 'arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
    ['sts', 'AssumeRole', 'arn:aws:iam::222222222222:role/S3AccessFromA'],
    ['s3', 'GetObject', '*'],
  ];
  for (const [service, action, resource] of cases) {
    const expected = (await original(service, action, resource)).map((t) => t.key);
    const first = await patched(service, action, resource);
    const second = await patched(service, action, resource);
    expect([action, first.map((t) => t.key)]).toEqual([action, expected]);
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
  }
  const kept = keptResourceTypeAnswers();
  expect(kept).toBeGreaterThanOrEqual(cases.length);
  await expect(patched('s3', 'NoSuchAction', 'arn:aws:s3:::bucket')).rejects.toThrow();
  await new Promise((done) => setImmediate(done));
  // A failed lookup is not kept.
  expect(keptResourceTypeAnswers()).toBe(kept);
  // A call with more arguments than the three goes to the engine's own function, not the memory.
  await patched('s3', 'GetObject', 'arn:aws:s3:::another-bucket/key', {});
  expect(keptResourceTypeAnswers()).toBe(kept);
});

test('case-insensitive comparisons answer as localeCompare with accent sensitivity', () => {
  engineSpeedUps();
  type Utils = {
    caseInsensitiveEquals(a: string, b: string): boolean;
    caseInsensitiveEndsWith(a: string, b: string): boolean;
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const patched = require(utilsPath) as Utils;
  const original = unpatched<Utils>(utilsPath);
  expect(patched.caseInsensitiveEquals.toString()).not.toContain('localeCompare');
  const words = [
    'StringEquals',
    'stringequals',
    'STRINGEQUALS',
    'IfExists',
    'ifexists',
    'ForAllValues',
    'résumé',
    'resume',
    'RÉSUMÉ',
    'straße',
    'STRASSE',
    '',
    'a',
    'b',
  ];
  for (const a of words) {
    for (const b of words) {
      expect([a, b, patched.caseInsensitiveEquals(a, b)]).toEqual([a, b, original.caseInsensitiveEquals(a, b)]);
      expect([a, b, patched.caseInsensitiveEndsWith(a, b)]).toEqual([a, b, original.caseInsensitiveEndsWith(a, b)]);
    }
  }
  expect(patched.caseInsensitiveEquals('StringLikeIfExists', 'stringlikeifexists')).toBe(true);
  expect(patched.caseInsensitiveEquals('résumé', 'resume')).toBe(false);
});

test('the engine calls the installed functions when it evaluates a request', async () => {
  engineSpeedUps();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const resourceTypes = require(resourceTypesPath) as { getResourceTypesForAction: ResourceTypesFn };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const utils = require(utilsPath) as { caseInsensitiveEndsWith: (a: string, b: string) => boolean };
  const installed = { types: resourceTypes.getResourceTypesForAction, endsWith: utils.caseInsensitiveEndsWith };
  expect(installed.types.toString()).not.toContain('mostSpecificMatchingResourceTypePatterns');
  const calls = { types: 0, endsWith: 0 };
  resourceTypes.getResourceTypesForAction = (...args) => (calls.types++, installed.types(...args));
  utils.caseInsensitiveEndsWith = (...args) => (calls.endsWith++, installed.endsWith(...args));
  try {
    const result = await simulate({
      principal: 'arn:aws:iam::111111111111:role/Reader',
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::engine-calls-bucket/key',
      resourceAccount: '111111111111',
      context: { 'aws:SecureTransport': 'true' },
      identityPolicies: [
        {
          name: 'reader',
          policy: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'Read',
                Effect: 'Allow',
                Action: 's3:GetObject',
                Resource: 'arn:aws:s3:::engine-calls-bucket/*',
                Condition: { BoolIfExists: { 'aws:SecureTransport': 'true' } },
              },
            ],
          },
        },
      ],
    });
    expect(result).toEqual({ decision: 'Allowed', problems: [] });
    expect(calls.types).toBeGreaterThan(0);
    expect(calls.endsWith).toBeGreaterThan(0);
  } finally {
    resourceTypes.getResourceTypesForAction = installed.types;
    utils.caseInsensitiveEndsWith = installed.endsWith;
  }
});

test('a policy changed after its evaluation is evaluated again; a sealed one cannot change', async () => {
  const policy = {
    Version: '2012-10-17' as const,
    Statement: [
      {
        Sid: 'Read',
        Effect: 'Allow' as 'Allow' | 'Deny',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::changed-bucket/*',
      },
    ],
  };
  const request: SimRequest = {
    principal: 'arn:aws:iam::111111111111:role/Reader',
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::changed-bucket/key',
    resourceAccount: '111111111111',
    context: {},
    identityPolicies: [{ name: 'reader', policy }],
  };
  expect((await simulate(request)).decision).toBe('Allowed');
  policy.Statement[0].Effect = 'Deny';
  expect((await simulate(request)).decision).toBe('ExplicitlyDenied');
  sealPolicy(policy);
  expect(() => {
    policy.Statement[0].Effect = 'Allow';
  }).toThrow(TypeError);
  expect((await simulate(request)).decision).toBe('ExplicitlyDenied');
});

test('the verdict cache tells policies apart by their text, not by the object', async () => {
  const request = (effect: 'Allow' | 'Deny'): SimRequest => ({
    principal: 'arn:aws:iam::111111111111:role/Reader',
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::engine-speed-bucket/key',
    resourceAccount: '111111111111',
    context: {},
    identityPolicies: [
      {
        name: 'reader',
        policy: {
          Version: '2012-10-17',
          Statement: [
            { Sid: 'Read', Effect: effect, Action: 's3:GetObject', Resource: 'arn:aws:s3:::engine-speed-bucket/*' },
          ],
        },
      },
    ],
  });
  expect((await simulate(request('Allow'))).decision).toBe('Allowed');
  expect((await simulate(request('Deny'))).decision).toBe('ExplicitlyDenied');
  expect((await simulate(request('Allow'))).decision).toBe('Allowed');
});
