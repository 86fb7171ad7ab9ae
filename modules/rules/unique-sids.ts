/** The consumers' statement Sids are unique in the shared policies. */
import { LevelOptions, levelOptionsOf } from '../policy/access-levels';
import { sidPart } from '../policy/document';
import { resourceSideStatements } from '../policy/grant';
import type { AccessLevel } from '../policy/s3';
import type { RuleProblem } from './rule';
import type { ConsumerSubject, EntrySubject } from './subjects';

/** The Sids a consumer's grant puts into the shared bucket and key policies. */
function grantSids(
  c: Pick<ConsumerSubject, 'name' | 'access' | 'prefixes' | 'network' | keyof LevelOptions>,
): string[] {
  const spec = {
    sidPrefix: sidPart(c.name),
    access: c.access as AccessLevel,
    prefixes: c.prefixes ?? [],
    ...levelOptionsOf(c),
    ...(c.network !== undefined ? { network: c.network } : {}),
  };
  const side = resourceSideStatements(
    { partition: 'aws', region: 'us-east-1', accountId: '000000000000', bucketArn: 'arn:aws:s3:::b', keyArn: 'k' },
    spec,
    'arn:aws:iam::000000000000:role/r',
  );
  return [...side.bucketPolicy, ...side.keyPolicy].map((st) => st.Sid);
}

/**
 * The Sids the consumers' grants write into the shared bucket and key policies are unique: Sids
 * derive from consumer names without their hyphens (`reports-reader` and `reportsReader` collide),
 * and IAM requires the Sids of one policy to be unique.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html
 */
export function checkUniqueSids(entry: Pick<EntrySubject, 'consumers'>): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const sids = new Map<string, number>();
  entry.consumers.forEach((c, ci) => {
    if (!c) return;
    for (const sid of grantSids(c)) {
      const other = sids.get(sid);
      if (other !== undefined && other !== ci) {
        problems.push({
          path: ['consumers', ci, 'name'],
          value: c.name,
          rule: `gives the statement Sid "${sid}", as consumers[${other}] does; the Sids of one policy must be unique: rename one of them`,
        });
        break;
      }
      sids.set(sid, ci);
    }
  });
  return problems;
}
