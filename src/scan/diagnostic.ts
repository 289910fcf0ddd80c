/** From a rule's finding to the diagnostic `check` reports. */
import { RULE_BY_ID, type RuleSettings } from '../rules/index.js';
import type { Diagnostic, Finding } from '../rules/types.js';
import { redactNumbers } from '../values/numbers.js';

/**
 * A finding with its severity: kmsw.yaml's, else the rule's own choice, else the rule's default.
 * Keys in the order of spec section 6 (file, line, column, severity, rule, message, hint?, field?).
 */
export function toDiagnostic(f: Finding, settings: RuleSettings): Diagnostic {
  const fixed = settings.severity.get(f.rule);
  const base = RULE_BY_ID[f.rule].severity;
  const severity = fixed && fixed !== 'off' ? fixed : (f.severity ?? (base === 'dynamic' ? 'warning' : base));
  // An ID-card or mobile number a message repeats (a station named by one, an unknown key) is starred out.
  return {
    file: f.file,
    line: f.line,
    column: f.column,
    severity,
    rule: f.rule,
    message: redactNumbers(f.message),
    ...(f.hint !== undefined ? { hint: redactNumbers(f.hint) } : {}),
    ...(f.field !== undefined ? { field: f.field } : {}),
  };
}
