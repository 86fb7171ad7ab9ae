/** EKS Pod Identity: the cluster ARN, namespace and service account rules. */
import type { RuleCheck } from './rule';

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
