/** A consumer's network perimeter: VPC endpoint and VPC IDs, at least one. */
import type { RuleCheck, RuleProblem } from './rule';
import type { ConsumerSubject, EntrySubject } from './subjects';

/** The S3 page on bucket policies for VPC endpoints. */
export const VPC_ENDPOINT_DOC =
  'https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html';

/**
 * A VPC endpoint ID: `vpce-` and 8 or 17 lowercase hex digits.
 * https://docs.aws.amazon.com/vpc/latest/privatelink/concepts.html
 */
export const checkVpcEndpointId: RuleCheck = (v) =>
  /^vpce-([0-9a-f]{8}|[0-9a-f]{17})$/.test(v)
    ? undefined
    : `must be a VPC endpoint ID: "vpce-" and 8 or 17 lowercase hex digits (${VPC_ENDPOINT_DOC})`;

/**
 * A VPC ID: `vpc-` and 8 or 17 lowercase hex digits.
 * https://docs.aws.amazon.com/vpc/latest/userguide/configure-your-vpc.html
 */
export const checkVpcId: RuleCheck = (v) =>
  /^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/.test(v)
    ? undefined
    : `must be a VPC ID: "vpc-" and 8 or 17 lowercase hex digits (${VPC_ENDPOINT_DOC})`;

/**
 * `network` names at least one VPC endpoint or VPC (an empty perimeter would deny every request of
 * the consumer's role), each once.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html
 */
export function checkNetworkPerimeter(c: Pick<ConsumerSubject, 'network'>): RuleProblem[] {
  const n = c.network;
  if (n === undefined) return [];
  // A caller without types may pass a single ID where a list belongs.
  const notLists = (['vpcEndpoints', 'vpcs'] as const).filter((k) => n[k] !== undefined && !Array.isArray(n[k]));
  if (notLists.length > 0) {
    return notLists.map((k) => ({ path: ['network', k], value: n[k], rule: 'must be a list of IDs' }));
  }
  const endpoints = n.vpcEndpoints ?? [];
  const vpcs = n.vpcs ?? [];
  if (endpoints.length === 0 && vpcs.length === 0) {
    return [
      {
        path: ['network'],
        value: n,
        rule: 'names no VPC endpoint and no VPC: it would deny every request of the consumer; give "vpcEndpoints", "vpcs" or both, or remove "network"',
      },
    ];
  }
  const twice = (list: readonly string[], key: string): RuleProblem[] =>
    list.flatMap((v, i) =>
      list.indexOf(v) !== i ? [{ path: ['network', key, i], value: v, rule: 'is listed twice' }] : [],
    );
  return [...twice(endpoints, 'vpcEndpoints'), ...twice(vpcs, 'vpcs')];
}

/**
 * Warning: a minimum TLS version of 1.3 with a consumer pinned to VPC endpoints or VPCs: S3 serves
 * interface endpoints (AWS PrivateLink for S3) without TLS 1.3, so if the consumer reaches S3
 * through an interface endpoint it can reach the bucket no more (gateway endpoints use S3's public
 * endpoints, which serve TLS 1.3). Once per consumer.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/network-isolation.html
 */
export function warnTlsWithVpcEndpoints(entry: Pick<EntrySubject, 'owner' | 'consumers'>): RuleProblem[] {
  if (entry.owner?.minimumTlsVersion === undefined) return [];
  return entry.consumers.flatMap((c, ci) =>
    c?.network !== undefined
      ? [
          {
            path: ['consumers', ci, 'network'],
            value: c.network,
            rule: `with "owner.minimumTlsVersion": "1.3" works only through gateway endpoints: S3 serves interface endpoints (AWS PrivateLink for S3) without TLS 1.3, so this consumer's requests through one are refused (https://docs.aws.amazon.com/AmazonS3/latest/userguide/network-isolation.html)`,
          },
        ]
      : [],
  );
}
