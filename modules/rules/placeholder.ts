/** Placeholders and template sequences, rejected in every string. */
import type { RuleCheck } from './rule';

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
