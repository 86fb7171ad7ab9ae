/** Helpers of the access-option tests (issue 14): a library stack with one bucket, and verify's rows by consumer. */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { Grantee, NewRoleProps, SharedBucket } from '../index';
import { parseConfig } from '../modules/config/schema';
import type { CheckResult } from '../modules/verify';
import { SynthJson } from './helpers';

/** A stack with an owner and a consumer provider, a bucket of the owner account, and new roles of account 111111111111. */
export function libraryShare(id: string, bucketName: string) {
  const app = Testing.app();
  const stack = new TerraformStack(app, id);
  const owner = new AwsProvider(stack, 'owner', { alias: 'owner', region: 'eu-west-1' });
  const consumer = new AwsProvider(stack, 'consumer', { alias: 'consumer', region: 'eu-west-1' });
  const bucket = new SharedBucket(stack, 'share', {
    provider: owner,
    accountId: '222222222222',
    region: 'eu-west-1',
    bucketName,
  });
  const role = (roleName: string, props: Partial<NewRoleProps> = {}) =>
    Grantee.newRole({ provider: consumer, accountId: '111111111111', roleName, ...props });
  return { stack, bucket, role, synth: () => JSON.parse(Testing.synth(stack, true)) as SynthJson };
}

/** The data-plane role's rows of one consumer: `what` → [expected, decision]. */
export function dataPlaneRows(results: CheckResult[], consumer: string): Record<string, [string, string | undefined]> {
  return Object.fromEntries(
    results
      .filter((r) => r.check.consumer === consumer && r.check.who === 'data-plane role')
      .map((r) => [r.check.what, [r.check.expect, r.decision]]),
  );
}

/**
 * What the config parser says of one entry, as text: its error message, or its warnings one a line
 * (`warning <path>: <rule>`); empty when the entry is valid without warnings.
 * @param baseDir where the entry's files are (current policies, lifecycle rules)
 */
export function configMessages(entry: Record<string, unknown>, baseDir?: string): string {
  try {
    return parseConfig({ stacks: [entry] }, 'test', baseDir !== undefined ? { baseDir } : {})
      .warnings.map((w) => `warning ${w.path}: ${w.rule}`)
      .join('\n');
  } catch (e) {
    return (e as Error).message;
  }
}
