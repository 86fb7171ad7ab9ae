/** A provider signs in one way. */
import type { RuleProblem } from './rule';
import type { ProviderSubject } from './subjects';

/**
 * A provider gives either `profile` or `assumeRoleArn`, not both; `externalId` and `sessionName`
 * belong to `assumeRoleArn` (they are parameters of the role's `sts:AssumeRole`).
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs#assume_role-configuration-block
 */
export function checkProviderCredentials(provider: ProviderSubject): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (provider.profile !== undefined && provider.assumeRoleArn !== undefined) {
    problems.push({ path: [], value: provider, rule: 'give either "profile" or "assumeRoleArn", not both' });
  }
  for (const key of ['externalId', 'sessionName'] as const) {
    if (provider[key] !== undefined && provider.assumeRoleArn === undefined) {
      problems.push({ path: [key], value: provider[key], rule: 'is used only with "assumeRoleArn"' });
    }
  }
  return problems;
}
