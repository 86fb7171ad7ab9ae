/**
 * Trust policies (who may assume a role) and the caller-side permission to assume one.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#term_trust-policy
 */
import { Statement, oneOrMany } from './document';

/**
 * Trust for the owner-side role of the assume-role approach: only the named consumer role may
 * call `sts:AssumeRole`, and only with the agreed external ID (defeats the confused deputy).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html
 */
export function externalIdTrustStatement(consumerRoleArn: string, externalId: string): Statement {
  return {
    Sid: 'TrustConsumerRoleWithExternalId',
    Effect: 'Allow',
    Principal: { AWS: consumerRoleArn },
    Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'sts:ExternalId': externalId } },
  };
}

/** True for a service principal such as `ec2.amazonaws.com` (not an ARN). */
export function isServicePrincipal(principal: string): boolean {
  return !principal.startsWith('arn:');
}

/**
 * Trust for a role the module creates in a consumer account: AWS principals (ARNs) and service
 * principals (`lambda.amazonaws.com`), each kind in its own statement.
 */
export function consumerRoleTrustStatements(principals: readonly string[]): Statement[] {
  const aws = principals.filter((p) => !isServicePrincipal(p));
  const services = principals.filter(isServicePrincipal);
  const statements: Statement[] = [];
  if (aws.length > 0) {
    statements.push({
      Sid: 'TrustAwsPrincipals',
      Effect: 'Allow',
      Principal: { AWS: oneOrMany(aws) },
      Action: 'sts:AssumeRole',
    });
  }
  if (services.length > 0) {
    statements.push({
      Sid: 'TrustServicePrincipals',
      Effect: 'Allow',
      Principal: { Service: oneOrMany(services) },
      Action: 'sts:AssumeRole',
    });
  }
  return statements;
}

/** The consumer role's whole identity policy in the assume-role approach: assume exactly one role. */
export function assumeRoleStatement(targetRoleArn: string): Statement {
  return {
    Sid: 'AssumeOwnerAccountRole',
    Effect: 'Allow',
    Action: 'sts:AssumeRole',
    Resource: targetRoleArn,
  };
}
