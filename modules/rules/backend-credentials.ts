/** The state backend signs in one way. */
import type { RuleProblem } from './rule';
import type { EntrySubject } from './subjects';

/**
 * An S3 backend gives either `profile` or `roleArn`, not both.
 * https://developer.hashicorp.com/terraform/language/backend/s3#credentials-and-shared-configuration
 */
export function checkBackendCredentials(entry: Pick<EntrySubject, 'backend'>): RuleProblem[] {
  const s3 = entry.backend?.s3;
  if (s3?.profile === undefined || s3.roleArn === undefined) return [];
  return [
    { path: ['backend', 's3', 'roleArn'], value: s3.roleArn, rule: 'give either "profile" or "roleArn", not both' },
  ];
}
