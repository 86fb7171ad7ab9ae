/**
 * `cdktf-cross-account-s3/verify`: the offline access proof of the config app's stacks. It evaluates
 * every request of each stack's access matrix against the synthesized policies with
 * `@cloud-copilot/iam-simulate`, which is AGPL-3.0 licensed and therefore NOT a dependency of this
 * package: install it yourself (`npm i -D @cloud-copilot/iam-simulate`) to use this entry point.
 * The main entry point (`cdktf-cross-account-s3`) never loads it.
 */
export { evaluate, verifyStackJson, verifyStacks, type CheckResult } from './modules/verify/index';
export type { Check, Expectation } from './modules/verify/common';
export type { Decision, SimRequest, SimulateOptions } from './modules/verify/simulate';
export { TERMINAL_ROWS, markdownReport, terminalReport } from './modules/verify/report';
