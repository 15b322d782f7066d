// The repair prompt: a system part (task, constraints, one example) and a user part with
// the execution data — the buggy function with the failing lines in <error></error>, the
// test case, the real error message and traceback, and the handling code a heal used.
import type { ChatMessage } from '../../../workers/shared/engine.ts';
import { markFailingLines } from '../heal/prompt.ts';
import { describeTest, type RepairContext } from './context.ts';

export interface RepairPrompt {
  system: string;
  user: string;
  messages: ChatMessage[];
}

export const REPAIR_SYSTEM_PROMPT = `You fix a bug in a Python program permanently, by rewriting one function.
You get the function with the failing lines wrapped in <error></error>, a test case, the error the
program really raised on it (message and traceback), and often handling code that a runtime heal
used to get past the error once (a hint: the variables it sets are what the program needed).

Goals: the program must pass the test case; keep the function's behaviour on other inputs.
Constraints:
- Answer with the complete fixed function (same name and parameters, decorators included) between <code> and </code>, nothing else inside the tags.
- Do not change other functions, do not add prints, do not read input.
- Fix the cause when you can see it; otherwise handle the failing case explicitly.

Example.
Function:
def average(xs):
    <error>
    return sum(xs) / len(xs)
    </error>
Error: ZeroDivisionError: division by zero
Handling code used by the heal: __return__ = 0
Answer:
<code>
def average(xs):
    if not xs:
        return 0
    return sum(xs) / len(xs)
</code>`;

function relativeMarked(context: RepairContext): string {
  const { unit, failure } = context;
  const inside = failure.line >= unit.start_line && failure.line <= unit.end_line;
  const text = unit.text.replace(/\n$/, '');
  if (!inside) return text;
  const end = Math.min(failure.endLine, unit.end_line);
  return markFailingLines(text, failure.line - unit.start_line + 1, end - unit.start_line + 1);
}

export function buildRepairPrompt(context: RepairContext): RepairPrompt {
  const { unit, failure } = context;
  const parts = [
    `Program:\n${context.source.replace(/\n$/, '')}`,
    `${unit.kind === 'function' ? `Function to fix (${unit.qualname}, lines ${unit.start_line}-${unit.end_line})` : `Top-level statement to fix (lines ${unit.start_line}-${unit.end_line})`}:\n${relativeMarked(context)}`,
    `Test case:\n${describeTest(context.test)}`,
    `Error: ${failure.errorType}${failure.message ? `: ${failure.message}` : ''}`,
  ];
  if (failure.traceback.trim()) parts.push(`Traceback:\n${failure.traceback.replace(/\n$/, '')}`);
  if (context.handlingCode) parts.push(`Handling code used by the heal:\n${context.handlingCode.replace(/\n$/, '')}`);
  for (const other of context.otherHeals ?? []) {
    parts.push(
      `The same run also healed ${other.failure.errorType} at line ${other.failure.line} (${other.failure.statement.trim()}) with:\n${other.handlingCode.replace(/\n$/, '')}`,
    );
  }
  if (context.rejection) parts.push(`Your previous fix was rejected: ${context.rejection}\nTry a different fix.`);
  const user = parts.join('\n\n');
  return {
    system: REPAIR_SYSTEM_PROMPT,
    user,
    messages: [
      { role: 'system', content: REPAIR_SYSTEM_PROMPT },
      { role: 'user', content: user },
    ],
  };
}
