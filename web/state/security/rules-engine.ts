// The built-in engine for the security patch loop: no model, instant, deterministic. It
// reads the structured context and answers in the same text format a model would, so the
// loop treats both alike. The edits themselves are AST-based templates in Python
// (security_fixes, the analysis call `securityFix`).
import type { SecurityFinding } from '../../../workers/protocol/security.ts';
import type { SecurityFixRequest, SecurityFixResult } from '../../../workers/protocol/security-fix.ts';
import { streamText, type Engine } from '../../../workers/shared/engine.ts';
import type { SecurityPatchContext } from './types.ts';

export type SecurityFixer = (source: string, request: SecurityFixRequest) => Promise<SecurityFixResult>;

/** Why a test matters, if known (the check's explanations); used in the verbalisation. */
export type TestExplainer = (testId: string) => { why: string; direction?: string; docs?: string } | undefined;

export function fixRequest(findings: readonly SecurityFinding[], variant = 0): SecurityFixRequest {
  return { findings: findings.map((f) => ({ test_id: f.test_id, line_number: f.line_number, col_offset: f.col_offset })), variant };
}

export function createSecurityRulesEngine(fix: SecurityFixer, explain?: TestExplainer): Engine<SecurityPatchContext> {
  return {
    id: 'rules',
    label: 'the built-in rules',
    async generate(_messages, options, context) {
      if (!context) throw new Error('The rules engine needs the structured patch context.');
      switch (context.task) {
        case 'explain': {
          const plan = await fix(context.source, fixRequest(context.findings));
          const lines = context.findings.map((f) => {
            const known = explain?.(f.test_id);
            const applied = plan.applied.find((a) => a.test_id === f.test_id && a.line === f.line_number);
            const unfixed = plan.unfixed.find((u) => u.test_id === f.test_id && u.line === f.line_number);
            const todo = applied
              ? `Template fix: ${applied.description}.`
              : unfixed
                ? `No automatic fix (${unfixed.reason}).${unfixed.guidance ? ` ${unfixed.guidance}` : ''}`
                : '';
            return `Line ${f.line_number} [${f.test_id} ${f.test_name}]: ${f.issue_text}${known ? ` ${known.why}` : ''} ${todo}`.trim();
          });
          return streamText(lines.join('\n'), options);
        }
        case 'strategies': {
          const plan = await fix(context.source, fixRequest(context.findings));
          return streamText(
            plan.strategies
              .slice(0, context.count)
              .map((s, i) => `${i + 1}. ${s}`)
              .join('\n'),
            options,
          );
        }
        case 'patch': {
          const result = await fix(context.source, fixRequest(context.findings, context.strategyIndex));
          if (result.error) throw new Error(`The rules engine cannot patch: ${result.error}`);
          return streamText(`<code>\n${result.source}</code>`, options);
        }
      }
    },
  };
}
