/**
 * Input rules, each with the AWS documentation page it comes from. The config schema and the
 * construct props use these same functions, so a rule is written once.
 * Each checker returns `undefined` when the value is fine, else the rule it breaks (a sentence).
 */

/** A rule check: the broken rule as text, or undefined. */
export type RuleCheck = (value: string) => string | undefined;

/** https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html */
export const ACCOUNT_ID_DOC = 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html';

/** An AWS account ID: a string of exactly 12 digits (a JSON number would lose leading zeros). */
export const checkAccountId: RuleCheck = (v) =>
  /^\d{12}$/.test(v) ? undefined : `must be a string of exactly 12 digits (${ACCOUNT_ID_DOC})`;

/** https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html */
export const BUCKET_NAME_DOC = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html';

const BUCKET_RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const BUCKET_RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/** S3 general-purpose bucket naming rules: 3–63 characters, `[a-z0-9.-]`, and the reserved forms. */
export const checkBucketName: RuleCheck = (v) => {
  const problems: string[] = [];
  if (v.length < 3 || v.length > 63) problems.push(`must be 3 to 63 characters long (is ${v.length})`);
  if (!/^[a-z0-9.-]*$/.test(v)) problems.push('may contain only lowercase letters, digits, dots and hyphens');
  if (!/^[a-z0-9]/.test(v) || !/[a-z0-9]$/.test(v)) problems.push('must begin and end with a letter or digit');
  if (v.includes('..')) problems.push('must not contain two adjacent dots');
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(v)) problems.push('must not be formatted as an IP address');
  for (const p of BUCKET_RESERVED_PREFIXES)
    if (v.startsWith(p)) problems.push(`must not start with the reserved prefix "${p}"`);
  for (const s of BUCKET_RESERVED_SUFFIXES)
    if (v.endsWith(s)) problems.push(`must not end with the reserved suffix "${s}"`);
  return problems.length === 0 ? undefined : `${problems.join('; ')} (${BUCKET_NAME_DOC})`;
};

/** https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names */
export const IAM_NAMES_DOC =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names';

/** IAM role name: 1–64 characters of `[A-Za-z0-9_+=,.@-]`. */
export const ROLE_NAME_MAX = 64;
export const checkRoleName: RuleCheck = (v) =>
  v.length >= 1 && v.length <= ROLE_NAME_MAX && /^[\w+=,.@-]+$/.test(v)
    ? undefined
    : `must be 1 to ${ROLE_NAME_MAX} characters of letters, digits and _+=,.@- (${IAM_NAMES_DOC})`;

/**
 * IAM path: `/` or `/segment/…/`, at most 512 characters. IAM allows more characters, but the path
 * is part of the role ARN in policies, where `*` and `?` are wildcards and `${` a Terraform or
 * policy variable, so segments are limited to `[\w+=,.@-]`.
 */
export const checkRolePath: RuleCheck = (v) =>
  v.length <= 512 && /^\/([\w+=,.@-]+\/)*$/.test(v)
    ? undefined
    : `must be "/" or start and end with "/" (for example "/workloads/"), with segments of letters, digits and _+=,.@-, at most 512 characters (${IAM_NAMES_DOC})`;

/** https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html */
export const EXTERNAL_ID_DOC =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html';

/** External ID: 2–1,224 characters of `[\w+=,.@:/-]` (the `sts:AssumeRole` ExternalId parameter). */
export const checkExternalId: RuleCheck = (v) =>
  v.length >= 2 && v.length <= 1224 && /^[\w+=,.@:/-]+$/.test(v)
    ? undefined
    : `must be 2 to 1,224 characters of letters, digits and _+=,.@:/- (${EXTERNAL_ID_DOC})`;

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

/** https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html */
export const PREFIX_DOC = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html';

/**
 * A key prefix of a grant: not empty, no leading `/` (S3 keys have none), no `*` or `?`
 * (they are policy wildcards, not literal characters here), only the characters S3 calls safe
 * (letters, digits and `!-_.'()/`: others need escaping in URLs and JSON, and `<>&` grow six-fold
 * when the provider re-encodes the policy), at most 1,024 bytes.
 */
export const checkPrefix: RuleCheck = (v) => {
  if (v.length === 0) return `must not be empty; omit "prefixes" to grant the whole bucket (${PREFIX_DOC})`;
  if (v.startsWith('/')) return `must not start with "/": S3 keys have no leading slash (${PREFIX_DOC})`;
  if (/[*?]/.test(v)) return `must not contain the policy wildcards "*" or "?" (${PREFIX_DOC})`;
  if (/[${}]/.test(v)) {
    return 'must not contain "$", "{" or "}": in a policy they start a policy variable or a Terraform expression';
  }
  if (!/^[A-Za-z0-9!_.'()/-]*$/.test(v)) {
    return `may contain only letters, digits and the safe characters !-_.'()/ (${PREFIX_DOC}#object-key-guidelines-safe-characters)`;
  }
  if (Buffer.byteLength(v, 'utf8') > 1024) return `must be at most 1,024 bytes (${PREFIX_DOC})`;
  return undefined;
};

/** The key prefix of S3 state files: empty (the bucket's top level) or a prefix as {@link checkPrefix}. */
export const checkStateKeyPrefix: RuleCheck = (v) => (v === '' ? undefined : checkPrefix(v));

/** `reports` → `reports/`: a prefix names a folder-like level, so it ends with `/`. */
export function normalisePrefix(prefix: string): string {
  return prefix.endsWith('/') ? prefix : `${prefix}/`;
}

/** A consumer or stack name: used in Terraform addresses, output names, Sids and STS session names (2+ characters). */
export const checkLogicalName: RuleCheck = (v) =>
  /^[A-Za-z][A-Za-z0-9-]{1,39}$/.test(v)
    ? undefined
    : 'must be 2 to 40 characters of letters, digits and hyphens, starting with a letter (it is used in Terraform addresses, Sids and STS session names)';

/** Text copied from guides and never replaced; rejected wherever it appears. */
const PLACEHOLDERS: readonly RegExp[] = [
  /YOUR[-_ ]?STRONG[-_ ]?EXTERNAL[-_ ]?ID/i,
  /\bKEY-ID\b/,
  /<[^>]*>/,
  /:region:/i,
  /\bREPLACE[-_ ]?ME\b/i,
  /\bCHANGE[-_ ]?ME\b/i,
];

/**
 * Rejects placeholders such as `YOUR-STRONG-EXTERNAL-ID`, `KEY-ID`, `<bucket>` or a region spelled
 * `region` inside an ARN, and Terraform template sequences (`${`, `%{`): every string of the config
 * ends up in Terraform JSON, where Terraform would evaluate them.
 */
export const checkNoPlaceholder: RuleCheck = (v) => {
  if (/[$%]\{/.test(v))
    return 'contains "${" or "%{", which Terraform would evaluate as an expression; use literal values';
  return PLACEHOLDERS.some((p) => p.test(v))
    ? 'is a placeholder from an example; replace it with the real value'
    : undefined;
};

/** A role to assume for deployment: `arn:<partition>:iam::<12 digits>:role/<path><name>`. */
export const checkRoleArn: RuleCheck = (v) =>
  /^arn:(aws|aws-cn|aws-us-gov):iam::\d{12}:role\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/.test(v)
    ? undefined
    : `must be a role ARN arn:<partition>:iam::<account>:role/<name> (${IAM_NAMES_DOC})`;

/** STS session name: 2–64 characters of `[\w+=,.@-]`. */
export const checkSessionName: RuleCheck = (v) =>
  /^[\w+=,.@-]{2,64}$/.test(v)
    ? undefined
    : 'must be 2 to 64 characters of letters, digits and _+=,.@- (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html)';

/** https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id */
export const KMS_KEY_DOC = 'https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id';

/** IAM principal ARN (`arn:<partition>:iam::<12 digits>:root|role/…|user/…`) or a service principal. */
export const checkPrincipal: RuleCheck = (v) => {
  if (/^AROA[A-Z0-9]+$/.test(v) || /^AIDA[A-Z0-9]+$/.test(v)) {
    return 'is a unique ID, not an ARN: name the principal by its ARN (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids)';
  }
  if (/^arn:(aws|aws-cn|aws-us-gov):iam::\d{12}:(root|(role|user)\/([\w+=,.@-]+\/)*[\w+=,.@-]+)$/.test(v))
    return undefined;
  if (/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(v)) return undefined;
  return 'must be an IAM principal ARN (arn:aws:iam::<account>:root, :role/<name> or :user/<name>) or a service principal such as "lambda.amazonaws.com" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html)';
};

/** https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-restrictions-limitations-naming-rules.html */
export const ACCESS_POINT_NAME_DOC =
  'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-restrictions-limitations-naming-rules.html';

/** Access point name: 3–50 characters of `[a-z0-9-]`, starting and ending with a letter or digit. */
export const checkAccessPointName: RuleCheck = (v) => {
  if (!/^[a-z0-9]([a-z0-9-]{1,48})[a-z0-9]$/.test(v)) {
    return `must be 3 to 50 characters of lowercase letters, digits and hyphens, starting and ending with a letter or digit (${ACCESS_POINT_NAME_DOC})`;
  }
  if (v.startsWith('xn--') || v.endsWith('-s3alias')) {
    return `must not start with "xn--" or end with "-s3alias" (${ACCESS_POINT_NAME_DOC})`;
  }
  return undefined;
};

/** https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_know */
export const SESSION_TAGS_DOC =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_know';

/** At most 50 session tags may be passed. */
export const SESSION_TAGS_MAX = 50;

/** A session tag key: 1–128 characters of letters, digits, spaces and `_.:/=+-@`, not starting with `aws:`. */
export const checkSessionTagKey: RuleCheck = (v) => {
  if (!/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u.test(v)) {
    return `must be 1 to 128 characters of letters, digits, spaces and _.:/=+-@ (${SESSION_TAGS_DOC})`;
  }
  if (v.toLowerCase().startsWith('aws:')) return `must not start with the reserved prefix "aws:" (${SESSION_TAGS_DOC})`;
  return undefined;
};

/** https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html */
export const POD_IDENTITY_DOC = 'https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html';

/** An EKS cluster ARN: `arn:<partition>:eks:<region>:<account>:cluster/<name>`. */
export const checkEksClusterArn: RuleCheck = (v) =>
  /^arn:(aws|aws-cn|aws-us-gov):eks:[a-z0-9-]+:\d{12}:cluster\/[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/.test(v)
    ? undefined
    : `must be an EKS cluster ARN arn:<partition>:eks:<region>:<account>:cluster/<name> (${POD_IDENTITY_DOC})`;

/** https://kubernetes.io/docs/concepts/overview/working-with-objects/names/ */
const K8S_NAMES_DOC = 'https://kubernetes.io/docs/concepts/overview/working-with-objects/names/';

/** A Kubernetes namespace: an RFC 1123 label, 1–63 characters of `[a-z0-9-]`, starting and ending alphanumeric. */
export const checkKubernetesNamespace: RuleCheck = (v) =>
  /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(v)
    ? undefined
    : `must be 1 to 63 characters of lowercase letters, digits and hyphens, starting and ending with a letter or digit (${K8S_NAMES_DOC})`;

/** A Kubernetes service account name: an RFC 1123 subdomain, at most 253 characters. */
export const checkKubernetesServiceAccount: RuleCheck = (v) =>
  v.length <= 253 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(v)
    ? undefined
    : `must be at most 253 characters of lowercase letters, digits, hyphens and dots, each dot-separated part starting and ending with a letter or digit (${K8S_NAMES_DOC})`;
