/**
 * Permissions boundaries (issue 14, owner hygiene): `consumers[].permissionsBoundary` on the
 * consumer role the stack creates, `owner.permissionsBoundary` on every owner role it creates
 * (assume-role); the library's `NewRoleProps.permissionsBoundary` and
 * `AssumeRoleOptions.ownerRolePermissionsBoundary`. Off, nothing changes (the corpus comparison
 * holds every other config to its bytes).
 */
import { AssumeRoleAccess } from '../../index';
import { parseConfig } from '../../modules/config/schema';
import { multiConsumerEntry } from '../fixtures';
import { modelOf, resource, synthStack } from '../helpers';
import { libraryShare } from '../options';

const OWNER_BOUNDARY = 'arn:aws:iam::222222222222:policy/boundaries/WorkloadBoundary';
const READER_BOUNDARY = 'arn:aws:iam::111111111111:policy/WorkloadBoundary';

function boundedEntry(approach: 'direct' | 'assume-role') {
  const entry = multiConsumerEntry(approach);
  (entry.consumers[0] as Record<string, unknown>).permissionsBoundary = READER_BOUNDARY;
  if (approach === 'assume-role') (entry.owner as Record<string, unknown>).permissionsBoundary = OWNER_BOUNDARY;
  return entry;
}

/** A config problem's text for `entry`. */
function problem(entry: Record<string, unknown>): string {
  try {
    parseConfig({ stacks: [entry] }, 'test');
  } catch (e) {
    return (e as Error).message;
  }
  return 'no problem';
}

test('assume-role: the owner roles and the created consumer role get their boundaries, nothing else does', () => {
  const json = synthStack(modelOf(boundedEntry('assume-role')));
  const boundaries = Object.fromEntries(
    Object.entries(json.resource.aws_iam_role).map(([name, role]) => [name, role.permissions_boundary]),
  );
  expect(boundaries).toEqual({
    reports_reader_consumer_role: READER_BOUNDARY,
    reports_reader_owner_role: OWNER_BOUNDARY,
    ingest_consumer_role: undefined,
    ingest_owner_role: OWNER_BOUNDARY,
    analyst_owner_role: OWNER_BOUNDARY,
  });
});

test('direct: the created consumer role gets its boundary', () => {
  const json = synthStack(modelOf(boundedEntry('direct')));
  expect(resource(json, 'aws_iam_role', 'reports_reader_consumer_role').permissions_boundary).toBe(READER_BOUNDARY);
  expect(resource(json, 'aws_iam_role', 'ingest_consumer_role').permissions_boundary).toBeUndefined();
});

test('an AWS managed policy is accepted as a boundary', () => {
  const entry = multiConsumerEntry('direct');
  (entry.consumers[0] as Record<string, unknown>).permissionsBoundary = 'arn:aws:iam::aws:policy/PowerUserAccess';
  expect(modelOf(entry).consumers[0].permissionsBoundary).toBe('arn:aws:iam::aws:policy/PowerUserAccess');
});

describe('refused, with the reason', () => {
  test('an owner boundary with the direct approach (no owner role is created)', () => {
    const entry = boundedEntry('direct');
    (entry.owner as Record<string, unknown>).permissionsBoundary = OWNER_BOUNDARY;
    expect(problem(entry)).toContain(
      `stacks[0].owner.permissionsBoundary: "${OWNER_BOUNDARY}" has no role to go on: the direct approach creates no role in the owner account`,
    );
  });

  test('a consumer boundary of another account, and one on an existing role', () => {
    const entry = boundedEntry('assume-role');
    (entry.consumers[1] as Record<string, unknown>).permissionsBoundary = READER_BOUNDARY;
    (entry.consumers[2] as Record<string, unknown>).permissionsBoundary = READER_BOUNDARY;
    const text = problem(entry);
    expect(text).toContain(
      `stacks[0].consumers[1].permissionsBoundary: "${READER_BOUNDARY}" is a policy of account 111111111111; a role's permissions boundary is a managed policy of the role's account 333333333333`,
    );
    expect(text).toContain(
      `stacks[0].consumers[2].permissionsBoundary: "${READER_BOUNDARY}" has no role to go on: with "existingRole": true the stack creates no consumer role`,
    );
  });

  test('a value that is not a managed policy ARN', () => {
    const entry = boundedEntry('assume-role');
    (entry.owner as Record<string, unknown>).permissionsBoundary = 'arn:aws:iam::222222222222:role/Boundary';
    expect(problem(entry)).toContain(
      'stacks[0].owner.permissionsBoundary: "arn:aws:iam::222222222222:role/Boundary" must be a managed policy ARN arn:<partition>:iam::<account>:policy/<name>',
    );
  });
});

describe('library', () => {
  const { bucket, role, synth } = libraryShare('library-boundary', 'boundary-share-example');

  test('a new role and an owner-side role with boundaries', () => {
    bucket.grantRead(role('BoundedToo', { permissionsBoundary: READER_BOUNDARY }), {
      assumeRole: { externalId: 'bounded-external-id-1234', ownerRolePermissionsBoundary: OWNER_BOUNDARY },
    });
    const roles = Object.values(synth().resource.aws_iam_role).map((r) => [r.name, r.permissions_boundary]);
    expect(roles).toEqual([
      ['BoundedToo', READER_BOUNDARY],
      ['S3AccessFromBoundedToo', OWNER_BOUNDARY],
    ]);
  });

  test('an owner-side boundary of another account is refused, naming the prop', () => {
    expect(
      () =>
        new AssumeRoleAccess(bucket, 'odd-boundary', {
          bucket,
          grantee: role('Odd'),
          name: 'odd-boundary',
          access: 'read',
          externalId: 'odd-external-id-12345678',
          ownerRolePermissionsBoundary: READER_BOUNDARY,
        }),
    ).toThrow(
      /ownerRolePermissionsBoundary: "arn:aws:iam::111111111111:policy\/WorkloadBoundary" is a policy of account 111111111111/,
    );
  });

  test('a new role with a malformed boundary is refused', () => {
    expect(() => role('Malformed', { permissionsBoundary: 'WorkloadBoundary' })).toThrow(
      /permissionsBoundary: "WorkloadBoundary" must be a managed policy ARN/,
    );
  });
});

test('after review: a boundary path may hold any printable character; the owner boundary does not reach an existing owner role (warned)', () => {
  const entry = boundedEntry('assume-role');
  (entry.owner as Record<string, unknown>).permissionsBoundary =
    'arn:aws:iam::222222222222:policy/org:boundaries/Boundary';
  (entry.consumers[2] as Record<string, unknown>).existingOwnerRole = true;
  const config = parseConfig({ stacks: [entry] }, 'test');
  expect(config.warnings.map((w) => `${w.path}: ${w.rule}`)).toContainEqual(
    expect.stringMatching(/^stacks\[0\]\.consumers\[2\]\.existingOwnerRole: keeps its own permissions boundary/),
  );
});
