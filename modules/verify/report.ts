/** The access matrix as a terminal table and as a Markdown report with a Mermaid trust diagram. */
import Table from 'cli-table3';
import markdownTable from 'markdown-table';
import type { ConfigModel, StackModel } from '../config/schema';
import { othersStatements } from '../policy/current';
import { policyDocument } from '../policy/document';
import { allowedPrincipals } from './rows/inventory';
import { consumerRoleArns, ownerRoleArn } from './roles';
import type { CheckResult } from './index';

function verdict(r: CheckResult): string {
  if (r.check.inventory !== undefined) return `${r.check.inventory.found.length} found`;
  return r.decision ?? 'not evaluated';
}

function row(r: CheckResult): string[] {
  return [
    r.check.consumer,
    r.check.who,
    r.check.what,
    r.check.inventory !== undefined ? 'exactly those' : r.check.expect,
    verdict(r),
    r.ok ? 'ok' : `FAIL${r.problems.length > 0 ? `: ${r.problems.join('; ')}` : ''}`,
  ];
}

const HEADER = ['consumer', 'principal', 'request', 'expected', 'engine', 'result'];

/**
 * Rows a stack's terminal table holds at most: a bigger matrix (hundreds of consumers give over
 * 100,000 checks) is summarised per consumer, with its failed checks, and is complete only in the
 * Markdown report. cli-table3 also overflows the call stack on such tables.
 * @default 2000
 */
export const TERMINAL_ROWS = 2000;

function table(rows: readonly string[][], head: readonly string[]): string {
  const t = new Table({ head: [...head], style: { head: [], border: [], compact: true } });
  for (const r of rows) t.push(r);
  return t.toString();
}

/** Per consumer: how many checks, how many as expected, how many failed. */
function consumerSummary(rows: readonly CheckResult[]): string[][] {
  const byConsumer = new Map<string, { total: number; failed: number }>();
  for (const r of rows) {
    const c = byConsumer.get(r.check.consumer) ?? { total: 0, failed: 0 };
    c.total++;
    if (!r.ok) c.failed++;
    byConsumer.set(r.check.consumer, c);
  }
  return [...byConsumer].map(([consumer, c]) => [consumer, `${c.total}`, `${c.total - c.failed}`, `${c.failed}`]);
}

/**
 * One table per stack, for the terminal; a stack of more than {@link TERMINAL_ROWS} checks gets a
 * table per consumer and the failed checks (at most {@link TERMINAL_ROWS}) instead.
 */
export function terminalReport(results: readonly CheckResult[]): string {
  const stacks = [...new Set(results.map((r) => r.check.stack))];
  return stacks
    .map((stack) => {
      const rows = results.filter((r) => r.check.stack === stack);
      const failed = rows.filter((r) => !r.ok);
      const heading = `${stack}: ${rows.length - failed.length} of ${rows.length} checks as expected`;
      if (rows.length <= TERMINAL_ROWS) return `${heading}\n${table(rows.map(row), HEADER)}`;
      const shown = failed.slice(0, TERMINAL_ROWS);
      return [
        `${heading} (over ${TERMINAL_ROWS.toLocaleString('en-US')} checks: per consumer here, every check in the Markdown report)`,
        table(consumerSummary(rows), ['consumer', 'checks', 'as expected', 'failed']),
        ...(shown.length > 0
          ? [
              `failed checks${shown.length < failed.length ? ` (first ${shown.length} of ${failed.length})` : ''}:`,
              table(shown.map(row), HEADER),
            ]
          : []),
      ].join('\n');
    })
    .join('\n\n');
}

/** Mermaid node ids: letters, digits and underscores. */
const nodeId = (s: string) => s.replace(/[^A-Za-z0-9]/g, '_');

/** The Allow principals of the statements kept from a current policy (others' grants). */
function keptPrincipals(current: StackModel['currentBucketPolicy']): string[] {
  const doc = current === undefined ? undefined : policyDocument(othersStatements(current));
  return [...new Set(allowedPrincipals(doc))];
}

/**
 * The trust diagram: one subgraph per account (the owner's holds the bucket, the key and the
 * owner roles; each consumer account its roles), Organization grants as nodes of their own, the
 * stack's grants as solid arrows, and the principals of statements kept from an existing bucket or key policy (others' grants) in a
 * subgraph of their own, with dotted arrows.
 */
function mermaid(model: StackModel): string {
  const lines = ['flowchart LR'];
  const kms = model.owner.encryption === 'kms';
  const owner = [`    bucket[("s3://${model.owner.bucketName}")]`, ...(kms ? ['    key{{"KMS key"}}'] : [])];
  const byAccount = new Map<string, string[]>();
  const edges: string[] = [];
  for (const c of model.consumers) {
    const consumer = nodeId(`c_${c.name}`);
    const nodes = byAccount.get(c.accountId) ?? [];
    // The consumer's role, then its additional roles: one grant, several roles.
    const roles = consumerRoleArns(model, c).map((arn, i) => ({ arn, id: i === 0 ? consumer : `${consumer}_${i}` }));
    for (const r of roles) nodes.push(`    ${r.id}["${r.arn}"]`);
    byAccount.set(c.accountId, nodes);
    let dataPlanes = roles.map((r) => r.id);
    if (model.approach === 'assume-role') {
      const ownerRole = nodeId(`o_${c.name}`);
      owner.push(`    ${ownerRole}["${ownerRoleArn(model, c)}"]`);
      for (const r of roles) edges.push(`  ${r.id} -- "sts:AssumeRole + external ID" --> ${ownerRole}`);
      dataPlanes = [ownerRole];
    }
    const scope = c.prefixes.length > 0 ? ` ${c.prefixes.join(', ')}` : '';
    for (const dataPlane of dataPlanes) {
      edges.push(`  ${dataPlane} -- "${c.access}${scope}" --> bucket`);
      if (kms) edges.push(`  ${dataPlane} -. "via S3" .-> key`);
    }
  }
  lines.push(`  subgraph owner_account["owner account ${model.owner.accountId}"]`, ...owner, '  end');
  for (const [account, nodes] of byAccount) {
    lines.push(`  subgraph ${nodeId(`account_${account}`)}["consumer account ${account}"]`, ...nodes, '  end');
  }
  // Organization grants: one node each, outside every account, reading through the bucket policy.
  for (const o of model.organizations) {
    const id = nodeId(`org_${o.name}`);
    const who = o.ouPaths.length > 0 ? `OUs ${o.ouPaths.join(', ')}` : `Organization ${o.organizationId}`;
    lines.push(`  ${id}{{"${who}"}}`);
    const scope = o.prefixes.length > 0 ? ` ${o.prefixes.join(', ')}` : '';
    edges.push(`  ${id} -- "read${scope}" --> bucket`);
    if (kms) edges.push(`  ${id} -. "via S3" .-> key`);
  }
  lines.push(...edges);
  const kept = [
    ...keptPrincipals(model.currentBucketPolicy).map((p) => ({ p, to: 'bucket', what: 'bucket policy' })),
    ...(kms ? keptPrincipals(model.currentKeyPolicy).map((p) => ({ p, to: 'key', what: 'key policy' })) : []),
  ];
  if (kept.length > 0) {
    const ids = new Map<string, string>();
    for (const { p } of kept) if (!ids.has(p)) ids.set(p, `kept_${ids.size}`);
    lines.push('  subgraph kept["kept from the current policies (not granted by this stack)"]');
    for (const [p, id] of ids) lines.push(`    ${id}["${p === '*' ? '* (anyone, with conditions)' : p}"]`);
    lines.push('  end');
    for (const { p, to, what } of kept) lines.push(`  ${ids.get(p)} -. "${what}" .-> ${to}`);
  }
  return lines.join('\n');
}

/** The whole report as Markdown: per stack a trust diagram and the matrix. */
export function markdownReport(results: readonly CheckResult[], config: ConfigModel): string {
  const parts = ['# Access report', '', 'Generated by `npm run verify` from the synthesized stacks.', ''];
  for (const model of config.stacks) {
    const rows = results.filter((r) => r.check.stack === model.name);
    const failed = rows.filter((r) => !r.ok).length;
    parts.push(`## ${model.name} (${model.approach})`, '');
    parts.push(`${rows.length - failed} of ${rows.length} checks as expected.`, '');
    parts.push('```mermaid', mermaid(model), '```', '');
    parts.push(markdownTable([HEADER, ...rows.map(row)]), '');
  }
  return parts.join('\n');
}
