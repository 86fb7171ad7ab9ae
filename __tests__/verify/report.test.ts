/**
 * The terminal report of a large matrix: hundreds of consumers give over 100,000 checks, which one
 * cli-table3 table cannot print (it overflows the call stack); the terminal gets a summary per
 * consumer and the failed checks, the Markdown report every check.
 */
import { join } from 'node:path';
import { parseConfig } from '../../modules/config/schema';
import type { CheckResult } from '../../modules/verify/index';
import { TERMINAL_ROWS, markdownReport, terminalReport } from '../../modules/verify/report';
import { multiConsumerEntry } from '../fixtures';
import { defaultConfig } from '../helpers';

function results(consumers: number, perConsumer: number, failing: ReadonlySet<string>): CheckResult[] {
  return Array.from({ length: consumers * perConsumer }, (_, i) => {
    const consumer = `team-${Math.floor(i / perConsumer)}`;
    const what = `GetObject ${i}`;
    const ok = !failing.has(what);
    return {
      check: { stack: 'big', consumer, who: 'data-plane role', what, expect: 'allow' },
      decision: ok ? 'Allowed' : 'ImplicitlyDenied',
      problems: [],
      ok,
    } as unknown as CheckResult;
  });
}

test('a small matrix is printed in full', () => {
  const text = terminalReport(results(2, 3, new Set()));
  expect(text).toContain('big: 6 of 6 checks as expected');
  expect(text).toContain('GetObject 5');
});

test('a matrix over the limit is summarised per consumer, with every failed check', () => {
  const many = results(200, 850, new Set(['GetObject 17', 'GetObject 169999']));
  expect(many.length).toBeGreaterThan(TERMINAL_ROWS);
  const text = terminalReport(many);
  expect(text).toContain('big: 169998 of 170000 checks as expected (over 2,000 checks');
  expect(text).toMatch(/team-199\W+850\W+849\W+1\b/);
  expect(text).toMatch(/team-0\W+850\W+849\W+1\b/);
  expect(text).toMatch(/team-1\W+850\W+850\W+0\b/);
  expect(text).toContain('failed checks:');
  expect(text).toContain('GetObject 17');
  expect(text).not.toContain('GetObject 18 ');
});

describe('the trust diagram of the Markdown report', () => {
  const POLICIES = join(__dirname, '..', 'policies');

  test('groups roles by account, one subgraph each', () => {
    const config = parseConfig({ stacks: [multiConsumerEntry('assume-role')] }, 'test');
    const text = markdownReport([], config);
    const diagram = /```mermaid\n([\s\S]*?)```/.exec(text)![1];
    expect(diagram).toContain('subgraph owner_account["owner account 222222222222"]');
    expect(diagram).toContain('subgraph account_111111111111["consumer account 111111111111"]');
    expect(diagram).toContain('subgraph account_333333333333["consumer account 333333333333"]');
    // Two consumers of account 111111111111 sit in its one subgraph, the owner roles in the owner's.
    const account111 = /subgraph account_111111111111[^\n]*\n((?: {4}[^\n]*\n)*) {2}end/.exec(diagram)![1];
    expect(account111.trim().split('\n')).toHaveLength(2);
    const ownerAccount = /subgraph owner_account[^\n]*\n((?: {4}[^\n]*\n)*) {2}end/.exec(diagram)![1];
    expect(ownerAccount).toContain(':role/');
    expect(diagram).not.toContain('subgraph kept');
  });

  test.each([
    ['direct', ['c_workload_a -- "read-write" --> bucket', 'c_workload_a_1 -- "read-write" --> bucket']],
    [
      'assume-role',
      [
        'c_workload_a -- "sts:AssumeRole + external ID" --> o_workload_a',
        'c_workload_a_1 -- "sts:AssumeRole + external ID" --> o_workload_a',
        'o_workload_a -- "read-write" --> bucket',
      ],
    ],
  ])("%s: draws a consumer's additional roles in its account, with the consumer's edges", (approach, edges) => {
    const e = defaultConfig().stacks[approach === 'direct' ? 0 : 1];
    e.consumers[0].additionalRoles = [{ roleName: 'BatchRole' }];
    const diagram = /```mermaid\n([\s\S]*?)```/.exec(markdownReport([], parseConfig({ stacks: [e] }, 'test')))![1];
    const account = diagram.slice(diagram.indexOf('subgraph account_111111111111'));
    expect(account.slice(0, account.indexOf('  end'))).toContain(
      'c_workload_a_1["arn:aws:iam::111111111111:role/BatchRole"]',
    );
    for (const edge of edges) expect(diagram).toContain(edge);
  });

  test("shows the principals of statements kept from an existing bucket policy, set apart from the stack's", () => {
    const e = defaultConfig().stacks[0];
    e.owner.existingBucket = { currentPolicyFile: 'current-bucket-policy.json' };
    e.owner.kmsKeyArn = 'arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const config = parseConfig({ stacks: [e] }, 'test', { baseDir: POLICIES });
    const diagram = /```mermaid\n([\s\S]*?)```/.exec(markdownReport([], config))![1];
    expect(diagram).toContain('subgraph kept["kept from the current policies (not granted by this stack)"]');
    expect(diagram).toContain('kept_0["arn:aws:iam::444444444444:role/Analytics"]');
    expect(diagram).toContain('kept_1["arn:aws:iam::222222222222:role/Uploader"]');
    expect(diagram).toContain('kept_0 -. "bucket policy" .-> bucket');
  });
});
