/**
 * A consumer's network perimeter (issue 14): its data-plane role may reach the bucket only through
 * given VPC endpoints or from given VPCs. A deny in the bucket policy (or the consumer's access
 * point policy), keyed on the role (`aws:PrincipalArn`), so every other principal is untouched.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcevpce
 */
import { Statement, oneOrMany, principalArns } from './document';

/** Where a consumer's requests may come from: through these VPC endpoints, or from these VPCs. */
export interface NetworkPerimeter {
  /**
   * VPC endpoint IDs (`vpce-` and 8 or 17 hex digits), gateway or interface endpoints for S3.
   * @default [] (none: then `vpcs` must name one)
   */
  readonly vpcEndpoints?: readonly string[];
  /**
   * VPC IDs (`vpc-` and 8 or 17 hex digits): requests through any endpoint of these VPCs.
   * @default [] (none: then `vpcEndpoints` must name one)
   */
  readonly vpcs?: readonly string[];
}

/** The condition key of the VPC endpoint a request came through. */
export const SOURCE_VPCE_KEY = 'aws:SourceVpce';
/** The condition key of the VPC a request came from (through a VPC endpoint). */
export const SOURCE_VPC_KEY = 'aws:SourceVpc';
/** The condition key that is true when an AWS service makes the request with the principal's credentials. */
export const VIA_AWS_SERVICE_KEY = 'aws:ViaAWSService';

/** The Sid suffix of the perimeter's deny (after the grant's Sid prefix). */
export const NETWORK_SID_SUFFIX = 'DenyOutsideItsNetwork';

/**
 * The perimeter's deny: every S3 request of `principalArn` on the bucket or access point (and its
 * objects) that comes neither through one of the endpoints nor from one of the VPCs. The negated
 * operator matches a request without the key, so a request from the internet is denied. Requests
 * an AWS service makes with the principal's credentials (`aws:ViaAWSService`, such as Athena's)
 * carry no VPC keys and are exempt; requests an AWS service makes with its own principal are not
 * the role's and are untouched.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-viaawsservice
 * @param resourceArn the bucket ARN, or the consumer's access point ARN (objects: `…/object/*`)
 * @param principalArn the data-plane role's ARN, or several (the consumer's additional roles)
 */
export function networkPerimeterStatement(
  sidPrefix: string,
  resourceArn: string,
  principalArn: string | readonly string[],
  perimeter: NetworkPerimeter,
): Statement {
  const objects = resourceArn.includes(':accesspoint/') ? `${resourceArn}/object/*` : `${resourceArn}/*`;
  const endpoints = perimeter.vpcEndpoints ?? [];
  const vpcs = perimeter.vpcs ?? [];
  return {
    Sid: `${sidPrefix}${NETWORK_SID_SUFFIX}`,
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [resourceArn, objects],
    Condition: {
      ArnEquals: { 'aws:PrincipalArn': principalArns(principalArn) },
      StringNotEquals: {
        ...(endpoints.length > 0 ? { [SOURCE_VPCE_KEY]: oneOrMany(endpoints) } : {}),
        ...(vpcs.length > 0 ? { [SOURCE_VPC_KEY]: oneOrMany(vpcs) } : {}),
      },
      BoolIfExists: { [VIA_AWS_SERVICE_KEY]: 'false' },
    },
  };
}
