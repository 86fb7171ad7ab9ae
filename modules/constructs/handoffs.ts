/**
 * Hand-offs: statements the stack cannot write itself, for a person to add to a policy that
 * belongs to someone else (the key policy of an existing key, the trust policy of an existing owner
 * role). Building them writes nothing; {@link writeHandoffs} writes them, when called.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { PolicyDocument, policyDocument } from '../policy/document';
import { AssumeRoleAccess } from './grants';
import { SharedBucket } from './shared-bucket';

/** Something the stack cannot write itself and asks a person to do. */
export interface Handoff {
  /** File name in the stack's folder, e.g. `key-policy-statements-to-add.json`. */
  readonly file: string;
  /** One sentence: whose policy, and what fails without it. */
  readonly what: string;
  /** The statements to add, as a policy document. */
  readonly document: PolicyDocument;
}

/** The key-policy statements the owner of an existing key must add; undefined when the stack manages the key (or there is none). */
export function keyPolicyHandoff(bucket: SharedBucket): Handoff | undefined {
  if (bucket.keyArn === undefined || bucket.managesKeyPolicy) return undefined;
  return {
    file: 'key-policy-statements-to-add.json',
    what: `The key ${bucket.keyArn} is not managed by this stack: its owner must add these statements to its key policy, or the grants fail with AccessDenied on KMS`,
    document: policyDocument(bucket.keyPolicyStatements()),
  };
}

/** The trust statements an existing owner-side role needs; undefined when the stack creates the role. */
export function ownerTrustHandoff(grant: AssumeRoleAccess): Handoff | undefined {
  if (grant.ownerRole.role !== undefined) return undefined;
  return {
    file: `${grant.name}-owner-role-trust-statements-to-add.json`,
    what: `The role ${grant.ownerRole.arn} exists and this stack does not write its trust policy: add these statements to it, or consumer ${grant.name} cannot assume it`,
    document: policyDocument(grant.ownerTrustStatements),
  };
}

/** The statement the log bucket's policy needs for the bucket's server access logs; undefined without access logs. */
export function logBucketPolicyHandoff(bucket: SharedBucket): Handoff | undefined {
  const statements = bucket.accessLogsStatements();
  if (statements.length === 0) return undefined;
  return {
    file: 'log-bucket-policy-statements-to-add.json',
    what: `The server access logs of s3://${bucket.bucketName} go to s3://${bucket.accessLogsBucket}/${bucket.accessLogsPrefix}: add this statement to that bucket's policy, or S3 delivers no logs`,
    document: policyDocument(statements),
  };
}

/** Every hand-off of the buckets and grants under `scope` (a stack or a whole app), in tree order. */
export function handoffsOf(scope: IConstruct): Handoff[] {
  return scope.node.findAll().flatMap((c) => {
    const handoffs =
      c instanceof SharedBucket
        ? [keyPolicyHandoff(c), logBucketPolicyHandoff(c)]
        : c instanceof AssumeRoleAccess
          ? [ownerTrustHandoff(c)]
          : [];
    return handoffs.filter((h): h is Handoff => h !== undefined);
  });
}

/**
 * Writes each hand-off of `stack` to `<outdir>/stacks/<stack id>/<file>` (call it after `app.synth()`).
 * @param handoffs @default `handoffsOf(stack)`
 * @returns the paths written, in the order of `handoffs`
 */
export function writeHandoffs(
  stack: TerraformStack,
  outdir: string,
  handoffs: readonly Handoff[] = handoffsOf(stack),
): string[] {
  return handoffs.map((h) => {
    const dir = join(outdir, 'stacks', stack.node.id);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, h.file);
    writeFileSync(file, `${JSON.stringify(h.document, null, 2)}\n`);
    return file;
  });
}
