/**
 * How a policy or a multi-line text is written into the Terraform output.
 *
 * JSON output (`cdktf synth`, the default): a policy is its literal JSON string, so a reviewer and
 * `terraform plan` read it in full; the only reference a policy may hold, a new key's ARN, stays an
 * interpolation inside that string (`"Resource":"${aws_kms_key.bucket_key.arn}"`), which Terraform's
 * JSON syntax evaluates.
 *
 * HCL output (`cdktf synth --hcl`): cdktf's HCL renderer breaks strings that hold a reference or a
 * newline (hashicorp/terraform-cdk#3911), so exactly those are written as a Terraform expression
 * instead: `jsonencode({...})` for a policy (also one holding an escaped `$${` or `%%{`),
 * `join("\n", [...])` for multi-line text. Literal policies stay literal JSON strings in both outputs.
 */
import { App, Fn, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { PolicyDocument, renderPolicy } from '../policy/document';

/** The policy as the synthesized output of `scope`'s app needs it (see the module comment). */
export function policyForOutput(scope: IConstruct, doc: PolicyDocument): string {
  const json = renderPolicy(doc);
  if (!App.of(scope).hclOutput) return json;
  // Escaped template sequences (policy variables of a current policy, see policy/current.ts) break
  // the HCL renderer as references do.
  const escaped = /\$\$\{|%%\{/.test(json);
  if (!Token.isUnresolved(json) && !escaped) return json;
  // The HCL renderer escapes every `${` of a string itself (but not `%{`): give it the `${` as AWS
  // reads them, and keep `%%{` escaped.
  return Fn.jsonencode(escaped ? (JSON.parse(json.split('$${').join('${')) as PolicyDocument) : doc);
}

/** Lines joined with `\n`, as a literal (JSON output) or a `join` expression (HCL output). */
export function multilineForOutput(scope: IConstruct, lines: readonly string[]): string {
  return App.of(scope).hclOutput ? Fn.join('\n', [...lines]) : lines.join('\n');
}
