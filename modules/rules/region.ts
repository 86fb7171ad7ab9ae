/** The region code rule. */
import type { RuleCheck } from './rule';

/** https://docs.aws.amazon.com/general/latest/gr/rande.html#regional-endpoints */
export const REGION_DOC = 'https://docs.aws.amazon.com/general/latest/gr/rande.html#regional-endpoints';

/**
 * A region code of the partitions this module supports (`aws`, `aws-cn`, `aws-us-gov`):
 * `us-east-1`, `eu-central-2`, `cn-north-1`, `us-gov-west-1`. Isolated regions (`us-iso-…`) have
 * other partitions and endpoints and are rejected.
 */
export const checkRegion: RuleCheck = (v) => {
  if (v.toLowerCase() === 'region') return 'is a placeholder from an example; replace it with the real value';
  if (/^[a-z]{2}-iso[a-z]?-/.test(v))
    return `is an isolated region, whose partition this module does not support (${REGION_DOC})`;
  const area = '(us|eu|ap|sa|ca|me|af|il|mx|cn)';
  const direction = '(north|south|east|west|central|northeast|northwest|southeast|southwest)';
  return new RegExp(`^${area}(-gov)?-${direction}-\\d{1,2}$`).test(v)
    ? undefined
    : `must be an AWS region code such as "us-east-1" (${REGION_DOC})`;
};
