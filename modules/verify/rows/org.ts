/**
 * Organization rows: a member's reads must be allowed, its writes and reads beyond the prefixes
 * denied, and principals outside the Organization (or outside its OUs) denied, in the bucket
 * policy and the key policy. The member's identity policy allows everything: the resource
 * policies alone decide, as for any principal of another account.
 */
import type { OrganizationGrantModel, StackModel } from '../../config/schema';
import { roleArn } from '../../policy/arn';
import { PRINCIPAL_ORG_ID_KEY, PRINCIPAL_ORG_PATHS_KEY } from '../../policy/org';
import { Check, EVERYTHING, Expectation, OBJECT_NAME, Row } from '../common';
import type { StackPolicies } from '../extract';
import { kmsContext } from './kms';
import { s3Request } from './s3';

/** An account of the Organization that no config names. */
export const MEMBER_ACCOUNT = '444444444444';

/** Who asks: its words, its request context beyond the account. */
interface Asker {
  readonly who: string;
  readonly context: Record<string, string | string[]>;
}

/** The askers of one grant: a member (in an OU of the grant), an outsider, a member of another OU. */
function askers(o: OrganizationGrantModel): { member: Asker; outsiders: Asker[] } {
  const path = o.ouPaths[0];
  const member: Asker = {
    who: 'a member role of the Organization',
    context: {
      [PRINCIPAL_ORG_ID_KEY]: o.organizationId,
      ...(path !== undefined ? { [PRINCIPAL_ORG_PATHS_KEY]: [`${path}ou-memb-member01/`] } : {}),
    },
  };
  const outsiders: Asker[] = [
    {
      who: 'a role of another Organization',
      context: { [PRINCIPAL_ORG_ID_KEY]: 'o-0therorg000', [PRINCIPAL_ORG_PATHS_KEY]: ['o-0therorg000/r-0000/'] },
    },
    ...(path !== undefined
      ? [
          {
            who: 'a member role of another OU',
            context: {
              [PRINCIPAL_ORG_ID_KEY]: o.organizationId,
              [PRINCIPAL_ORG_PATHS_KEY]: [`${o.organizationId}/r-0000/ou-0000-0ther0u0/`],
            },
          },
        ]
      : []),
  ];
  return { member, outsiders };
}

/** The rows of every Organization grant of the stack. */
export function organizationRows(model: StackModel, p: StackPolicies): Check[] {
  return model.organizations.flatMap((o) =>
    grantRows(model, p, o).map((r) => ({ stack: model.name, consumer: o.name, ...r })),
  );
}

function grantRows(model: StackModel, p: StackPolicies, o: OrganizationGrantModel): Row[] {
  const principal = roleArn(p.partition, MEMBER_ACCOUNT, 'OrgMemberReader');
  const key = `${o.prefixes[0] ?? ''}${OBJECT_NAME}`;
  const object = `${p.bucketArn}/${key}`;
  const s3 = (asker: Asker, action: string, resource: string, what: string, expect: Expectation, extra = {}): Row =>
    s3Request({
      p,
      owner: model.owner.accountId,
      who: asker.who,
      principal,
      account: MEMBER_ACCOUNT,
      identity: EVERYTHING,
      action,
      resource,
      what,
      expect,
      extra: { ...asker.context, ...extra },
    });
  const kms = (asker: Asker, expect: Expectation): Row[] =>
    p.keyArn === undefined || p.keyPolicy === undefined
      ? []
      : [
          {
            who: asker.who,
            principal,
            action: 'kms:Decrypt',
            resource: p.keyArn,
            resourceAccount: model.owner.accountId,
            context: { ...kmsContext({ model, p, account: MEMBER_ACCOUNT, contextArn: object }), ...asker.context },
            identityPolicies: EVERYTHING,
            resourcePolicy: p.keyPolicy,
            what: 'kms:Decrypt via S3',
            expect,
          },
        ];
  const { member, outsiders } = askers(o);
  const prefix = o.prefixes[0] ?? '';
  return [
    s3(member, 's3:GetObject', object, `GetObject ${key}`, 'allow'),
    s3(member, 's3:ListBucket', p.bucketArn, `ListBucket prefix "${prefix}"`, 'allow', { 's3:prefix': prefix }),
    ...kms(member, 'allow'),
    s3(member, 's3:PutObject', object, `PutObject ${key} (reads only)`, 'deny'),
    s3(member, 's3:DeleteObject', object, `DeleteObject ${key} (reads only)`, 'deny'),
    ...(o.prefixes.length > 0
      ? [
          s3(
            member,
            's3:GetObject',
            `${p.bucketArn}/not-granted-${o.name}/${OBJECT_NAME}`,
            'GetObject outside the prefixes',
            'deny',
          ),
        ]
      : []),
    ...outsiders.flatMap((a) => [s3(a, 's3:GetObject', object, `GetObject ${key}`, 'deny'), ...kms(a, 'deny')]),
  ];
}
