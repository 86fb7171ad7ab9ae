/** Default tags of every resource the stacks create, and the warning for resources they adopt. */
import type { RuleProblem } from './rule';
import type { EntrySubject } from './subjects';

/** The AWS page on tag naming limits. */
export const TAGS_DOC = 'https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html';

/** Characters AWS allows in tag keys and values across services. */
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/**
 * The entry's `tags`: at most 50, keys of 1–128 characters not starting with `aws:` and unique
 * regardless of case (IAM compares them so), values of at most 256 characters, both of letters,
 * digits, spaces and `_ . : / = + - @`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html#id_tags_rules_creating
 * https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html
 */
export function checkTags(entry: Pick<EntrySubject, 'tags'>): RuleProblem[] {
  const tags = entry.tags;
  if (tags === undefined) return [];
  const problems: RuleProblem[] = [];
  const keys = Object.keys(tags);
  if (keys.length > 50) {
    problems.push({ path: ['tags'], value: `${keys.length} tags`, rule: `must hold at most 50 tags (${TAGS_DOC})` });
  }
  const seen = new Map<string, string>();
  for (const key of keys) {
    const value = tags[key];
    const other = seen.get(key.toLowerCase());
    seen.set(key.toLowerCase(), key);
    if (other !== undefined) {
      problems.push({
        path: ['tags', key],
        value: key,
        rule: `differs from the key "${other}" only in case: IAM treats tag keys case-insensitively, so a role cannot carry both (${TAGS_DOC})`,
      });
      continue;
    }
    if ([...key].length < 1 || [...key].length > 128 || !TAG_TEXT.test(key) || key.toLowerCase().startsWith('aws:')) {
      problems.push({
        path: ['tags', key],
        value: key,
        rule: `is not a valid tag key: 1 to 128 letters, digits, spaces and _ . : / = + - @, not starting with "aws:" (${TAGS_DOC})`,
      });
    } else if (typeof value !== 'string' || [...value].length > 256 || !TAG_TEXT.test(value)) {
      problems.push({
        path: ['tags', key],
        value,
        rule: `is not a valid tag value: at most 256 letters, digits, spaces and _ . : / = + - @ (${TAGS_DOC})`,
      });
    }
  }
  return problems;
}

/**
 * Warning: the entry's `tags` become the default tags of its providers, so Terraform also manages the
 * tags of the bucket and the key it adopts: their tags that are not in `tags` are removed on deploy.
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/resource-tagging
 */
export function warnTagsOnAdopted(entry: Pick<EntrySubject, 'tags' | 'owner'>): RuleProblem[] {
  if (entry.tags === undefined || entry.owner === undefined) return [];
  const adopted = [
    ...(entry.owner.existingBucket?.adopt === true ? ['bucket'] : []),
    ...(entry.owner.adoptKey !== undefined ? ['key'] : []),
  ];
  if (adopted.length === 0) return [];
  return [
    {
      path: ['tags'],
      value: entry.tags,
      rule: `become the tags of the adopted ${adopted.join(' and ')} too: Terraform removes their tags that are not listed here; add those you keep to "tags" (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/resource-tagging)`,
    },
  ];
}
