/**
 * The terminal report of a large matrix: hundreds of consumers give over 100,000 checks, which one
 * cli-table3 table cannot print (it overflows the call stack); the terminal gets a summary per
 * consumer and the failed checks, the Markdown report every check.
 */
import type { CheckResult } from '../../modules/verify/index';
import { TERMINAL_ROWS, terminalReport } from '../../modules/verify/report';

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
