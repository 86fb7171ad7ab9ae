/**
 * The runner of the rules (`modules/rules/`) over a config file: it walks the entries and their
 * consumers, calls each rule with its subject, puts the file's path in front of the rule's relative
 * paths (`['kmsKeyArn']` of `stacks[0].owner` → `stacks[0].owner.kmsKeyArn`) and orders the
 * problems. It restates no rule.
 */
import {
  ConfigSubject,
  ConsumerContext,
  ConsumerSubject,
  EntrySubject,
  OwnerSubject,
  ProviderSubject,
  RuleLocation,
  RuleProblem,
  checkAccessPointNameMode,
  checkAccessPointNamesAcrossEntries,
  checkAdoptKeyArn,
  checkAdoptKeyMultiRegion,
  checkAmbientCredentials,
  checkAssumeRoleOptions,
  checkBackendCredentials,
  checkConsumerAccount,
  checkDefaultAccessPointName,
  checkExistingBucketKey,
  checkExistingOwnerRoleApproach,
  checkExistingRoleSessionOptions,
  checkExistingRoleTrustedPrincipals,
  checkExternalIdRequired,
  checkKmsKeyAccount,
  checkKmsKeyArn,
  checkKmsKeyEncryption,
  checkKmsKeyNotAlias,
  checkKmsKeyPartition,
  checkKmsKeyRegion,
  checkNoPlaceholder,
  checkOneProviderPerAccount,
  checkOwnerRoleNameLength,
  checkPodIdentityClusterAccount,
  checkPodIdentityClusterPartition,
  checkPodIdentityEmpty,
  checkPodIdentityTrust,
  checkPrefixesNested,
  checkListForWriters,
  checkVersionsForReaders,
  checkOwnerPermissionsBoundary,
  checkLifecycle,
  checkAccessLogs,
  checkTags,
  checkNetworkPerimeter,
  checkOrganizationGrants,
  warnTlsWithVpcEndpoints,
  warnBoundaryExistingOwnerRole,
  warnTagsOnAdopted,
  warnDeleteWithExpiry,
  warnAnalyticsUploadsListing,
  checkConsumerPermissionsBoundary,
  checkPrefixesUnique,
  checkProviderRoleAccount,
  checkProviderRolePartition,
  checkRoleChainingDuration,
  checkSessionTagKeysUnique,
  checkTrustedPrincipalPartition,
  checkUniqueAccessPointNames,
  checkUniqueConsumerNames,
  checkUniqueRoles,
  checkAdditionalRoles,
  checkUniqueAddresses,
  checkUniqueSids,
  checkUniqueStackNames,
  formatPath,
  warnAdoptedBucketNewKey,
  warnBucketNameDots,
  warnExistingOwnerRoleUnconfined,
  warnExternalIdGuessable,
  warnExternalIdReused,
  warnDeleteUnversioned,
  warnVersionsUnversioned,
  warnServiceAccountNamespace,
  warnSessionOptionsNoEffect,
  warnSharedOwnerRole,
} from '../rules';
import { ConfigProblem } from './problems';

/** A rule as the runner calls it: over every entry of the file, with paths from the file's root. */
type Step = (config: ConfigSubject) => readonly RuleProblem[];

function under(prefix: readonly PropertyKey[], problems: readonly RuleProblem[]): RuleProblem[] {
  return problems.map((p) => ({ ...p, path: [...prefix, ...p.path] }));
}

/** What a consumer rule knows of the entry; owner fields only when the whole `owner` is valid. */
function contextOf(entry: EntrySubject): ConsumerContext {
  const { approach, region, accessMode, owner } = entry;
  return { approach, region, accessMode, ownerAccountId: owner?.accountId, bucketName: owner?.bucketName };
}

/** A rule over the whole file (its paths start at `stacks`). */
const configStep =
  (rule: (config: ConfigSubject) => readonly RuleProblem[]): Step =>
  (config) =>
    rule(config);

/** A rule over one entry, for each entry. */
const entryStep =
  (rule: (entry: EntrySubject, location: RuleLocation) => readonly RuleProblem[]): Step =>
  (config) =>
    config.stacks.flatMap((entry, si) => under(['stacks', si], rule(entry, { at: ['stacks', si] })));

/** A rule over an entry's owner (with the entry's region), for each entry whose owner is valid. */
const ownerStep =
  (rule: (owner: OwnerSubject) => readonly RuleProblem[]): Step =>
  (config) =>
    config.stacks.flatMap((entry, si) =>
      entry.owner ? under(['stacks', si, 'owner'], rule({ ...entry.owner, region: entry.region })) : [],
    );

/** A rule over one consumer, for each valid consumer of each entry. */
const consumerStep =
  (rule: (consumer: ConsumerSubject, context: ConsumerContext) => readonly RuleProblem[]): Step =>
  (config) =>
    config.stacks.flatMap((entry, si) => {
      const context = contextOf(entry);
      return entry.consumers.flatMap((c, ci) => (c ? under(['stacks', si, 'consumers', ci], rule(c, context)) : []));
    });

/** A rule over whoever a provider signs in for: the owner, then each consumer. */
const providerStep =
  (
    rule: (
      subject: { readonly accountId: string; readonly provider?: ProviderSubject },
      context: ConsumerContext,
    ) => readonly RuleProblem[],
  ): Step =>
  (config) => [...ownerStep((owner) => rule(owner, { region: owner.region }))(config), ...consumerStep(rule)(config)];

/** The problems of `step` that `keep` selects (a rule whose problems belong at two places in the order). */
const only =
  (step: Step, keep: (p: RuleProblem) => boolean): Step =>
  (config) =>
    step(config).filter(keep);

const atRoleName = (p: RuleProblem) => p.path[p.path.length - 1] === 'roleName';

/**
 * The rules over several fields, in the order their problems are listed: per entry, the entry's
 * own problems first, then per consumer in this order (rules over several consumers report at the
 * consumer where they find the problem).
 */
const ERROR_STEPS: readonly Step[] = [
  configStep(checkUniqueStackNames),
  entryStep(checkBackendCredentials),
  ownerStep(checkExistingBucketKey),
  ownerStep(checkAdoptKeyArn),
  ownerStep(checkAdoptKeyMultiRegion),
  ownerStep(checkKmsKeyEncryption),
  ownerStep(checkKmsKeyArn),
  ownerStep(checkKmsKeyNotAlias),
  ownerStep(checkKmsKeyAccount),
  ownerStep(checkKmsKeyRegion),
  ownerStep(checkKmsKeyPartition),
  consumerStep(checkAccessPointNameMode),
  consumerStep(checkDefaultAccessPointName),
  configStep(checkAccessPointNamesAcrossEntries),
  entryStep(checkUniqueAccessPointNames),
  entryStep(checkUniqueConsumerNames),
  entryStep(checkUniqueSids),
  consumerStep(checkConsumerAccount),
  // Role names are claimed in one pass (a consumer role may collide with an owner role): the
  // consumer roles' problems are listed here, the owner roles' after the assume-role rules.
  only(entryStep(checkUniqueRoles), atRoleName),
  consumerStep(checkAdditionalRoles),
  entryStep(checkUniqueAddresses),
  // The owner's provider is listed with the owner's problems, each consumer's here.
  providerStep(checkProviderRolePartition),
  providerStep(checkProviderRoleAccount),
  entryStep(checkAmbientCredentials),
  entryStep(checkOneProviderPerAccount),
  consumerStep(checkTrustedPrincipalPartition),
  consumerStep(checkExistingOwnerRoleApproach),
  consumerStep(checkPodIdentityTrust),
  consumerStep(checkPodIdentityEmpty),
  consumerStep(checkPodIdentityClusterAccount),
  consumerStep(checkPodIdentityClusterPartition),
  consumerStep(checkSessionTagKeysUnique),
  consumerStep(checkExistingRoleSessionOptions),
  consumerStep(checkExistingRoleTrustedPrincipals),
  consumerStep(checkExternalIdRequired),
  consumerStep(checkOwnerRoleNameLength),
  consumerStep(checkRoleChainingDuration),
  only(entryStep(checkUniqueRoles), (p) => !atRoleName(p)),
  consumerStep(checkAssumeRoleOptions),
  consumerStep(checkPrefixesUnique),
  consumerStep(checkPrefixesNested),
  consumerStep(checkListForWriters),
  consumerStep(checkVersionsForReaders),
  entryStep(checkOwnerPermissionsBoundary),
  ownerStep(checkLifecycle),
  ownerStep(checkAccessLogs),
  entryStep(checkTags),
  consumerStep(checkNetworkPerimeter),
  entryStep(checkOrganizationGrants),
  consumerStep(checkConsumerPermissionsBoundary),
];

/**
 * The warnings, in the order they are listed: per entry, in groups (the owner's; the owner roles'
 * confinement; session options; external IDs; deletes and versions on an unversioned bucket), each group per
 * consumer in this order.
 */
const WARNING_GROUPS: ReadonlyArray<readonly Step[]> = [
  [ownerStep(warnBucketNameDots), ownerStep(warnAdoptedBucketNewKey)],
  [configStep(warnSharedOwnerRole), consumerStep(warnExistingOwnerRoleUnconfined)],
  [consumerStep(warnSessionOptionsNoEffect), consumerStep(warnServiceAccountNamespace)],
  [entryStep(warnExternalIdReused), consumerStep(warnExternalIdGuessable)],
  [entryStep(warnDeleteUnversioned), entryStep(warnVersionsUnversioned), entryStep(warnDeleteWithExpiry)],
  [entryStep(warnAnalyticsUploadsListing), entryStep(warnTagsOnAdopted), entryStep(warnTlsWithVpcEndpoints)],
  [entryStep(warnBoundaryExistingOwnerRole)],
];

/**
 * Runs the groups of steps and lists the problems by entry, group, consumer (the entry's own
 * first) and step; a step's own order is kept within that.
 */
function runInOrder(groups: ReadonlyArray<readonly Step[]>, config: ConfigSubject): ConfigProblem[] {
  const keyed = groups.flatMap((steps, group) =>
    steps.flatMap((step, rank) =>
      step(config).map((p) => {
        const consumer = p.path[2] === 'consumers' ? (p.path[3] as number) : -1;
        return { p, key: [p.path[1] as number, group, consumer, rank] };
      }),
    ),
  );
  keyed.sort((a, b) => {
    const i = a.key.findIndex((k, n) => k !== b.key[n]);
    return i === -1 ? 0 : a.key[i] - b.key[i];
  });
  return keyed.map(({ p }) => ({ path: formatPath(p.path), value: p.value, rule: p.rule }));
}

/**
 * The problems of the rules over several fields. `config.stacks` holds what parsed of each entry:
 * a part that is invalid on its own (the owner, a consumer, a field) is undefined, and the rules
 * that need it skip it.
 */
export function crossFieldProblems(config: ConfigSubject): ConfigProblem[] {
  return runInOrder([ERROR_STEPS], config);
}

/** Soft problems of a valid config: it is valid, but something deserves a look. */
export function configWarnings(config: ConfigSubject): ConfigProblem[] {
  return runInOrder(WARNING_GROUPS, config);
}

/** Placeholders are rejected in every string of the file, whichever field holds them. */
export function placeholderProblems(node: unknown, path: PropertyKey[], out: ConfigProblem[]): void {
  if (typeof node === 'string') {
    const broken = checkNoPlaceholder(node);
    if (broken) out.push({ path: formatPath(path), value: node, rule: broken });
  } else if (Array.isArray(node)) {
    node.forEach((v, i) => placeholderProblems(v, [...path, i], out));
  } else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) placeholderProblems(v, [...path, k], out);
  }
}
