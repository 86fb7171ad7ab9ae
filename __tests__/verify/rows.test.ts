/** verify's level rows come from the access-level table: what each level must get, and must not. */
import { ACCESS_LEVELS, ACCESS_LEVEL_TABLE } from '../../modules/policy/access-levels';
import { OBJECT_NAME } from '../../modules/verify/common';
import { policiesOf } from '../../modules/verify/extract';
import { accessMatrix } from '../../modules/verify/matrix';
import { defaultConfig, modelOf, synthStack } from '../helpers';

describe.each(ACCESS_LEVELS)('a %s consumer of the default direct stack', (level) => {
  const entry = defaultConfig().stacks[0];
  entry.consumers[0].access = level;
  entry.consumers[0].prefixes = ['reports/'];
  const model = modelOf(entry);
  const rows = accessMatrix(model, policiesOf(synthStack(model), model))
    .filter((r) => r.consumer === 'workload-a' && r.who === 'data-plane role')
    .map((r) => [r.what, r.expect]);
  const key = `reports/${OBJECT_NAME}`;
  const { verify } = ACCESS_LEVEL_TABLE[level];

  test("the table's allowed object, listing and key actions are rows expected allowed", () => {
    for (const action of verify.objectActions) expect(rows).toContainEqual([`${action.slice(3)} ${key}`, 'allow']);
    for (const action of verify.listActions)
      expect(rows).toContainEqual([`${action.slice(3)} prefix "reports/"`, 'allow']);
    for (const action of verify.kmsActions) {
      expect(rows).toContainEqual([`${action} (bucket key: context = bucket)`, 'allow']);
      expect(rows).toContainEqual([`${action} (no bucket key: context = object)`, 'allow']);
    }
  });

  test("the table's other-level and ACL requests are rows with its expectations", () => {
    for (const r of [...verify.otherLevels, ...verify.acl]) {
      expect(rows).toContainEqual([r.what.split('{key}').join(key), r.expect]);
    }
  });

  test('a level that does not list gets no allowed listing', () => {
    const listings = rows.filter(([what, expect]) => String(what).startsWith('ListBucket') && expect === 'allow');
    expect(listings.length > 0).toBe(verify.listActions.length > 0);
  });
});
