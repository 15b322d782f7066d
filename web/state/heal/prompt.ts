// The HEALER-style prompt: a system part (task, goals, constraints, one worked example)
// and a user part (the source with the failing lines wrapped in <error></error>, the
// error, the function, the program state, and on a retry why the last answer failed).
import type { Binding, ErrorInfo, PauseContext } from '../../../workers/protocol/runner.ts';
import type { ChatMessage } from '../../../workers/shared/engine.ts';
import { errorHint } from './pytext.ts';

export interface HealPromptInput {
  source: string;
  context: PauseContext;
  attempt?: number;
  rejection?: string;
  maxStateChars?: number;
}

export interface HealPrompt {
  system: string;
  user: string;
  messages: ChatMessage[];
}

export const DEFAULT_MAX_STATE_CHARS = 2000;

/** The source with lines line..endLine (1-based) wrapped in <error> tags at their indentation. */
export function markFailingLines(source: string, line: number, endLine: number): string {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const first = Math.max(1, Math.min(line, lines.length));
  const last = Math.max(first, Math.min(endLine, lines.length));
  const indent = /^[ \t]*/.exec(lines[first - 1])![0];
  return [...lines.slice(0, first - 1), `${indent}<error>`, ...lines.slice(first - 1, last), `${indent}</error>`, ...lines.slice(last)].join('\n');
}

/** "Error: Type: message", with CPython's "Did you mean" hint when it gave one. */
export function errorLine(error: ErrorInfo): string {
  const hint = errorHint(error.formatted);
  const message = error.message ? `${error.type}: ${error.message}` : error.type;
  return `Error: ${message}${hint ? `. ${hint.text}` : ''}`;
}

/** `name = repr` lines of value bindings, locals first, capped to maxChars. */
export function stateLines(locals: Binding[], globals: Binding[], maxChars = DEFAULT_MAX_STATE_CHARS): string[] {
  const seen = new Set<string>();
  const values = [...locals, ...globals].filter((b) => {
    if (b.kind !== 'value' || seen.has(b.name)) return false;
    seen.add(b.name);
    return true;
  });
  if (values.length === 0) return ['(no variables)'];
  const lines: string[] = [];
  let used = 0;
  for (const b of values) {
    const line = `${b.name} = ${b.repr.replace(/\r?\n/g, '\\n')}`;
    if (used + line.length + 1 > maxChars) break;
    lines.push(line);
    used += line.length + 1;
  }
  const more = values.length - lines.length;
  if (more > 0) lines.push(`… (${more} more)`);
  return lines;
}

function functionLine(name: string): string {
  return name === '<module>' ? 'Function: none (module level)' : `Function: ${name}`;
}

interface UserPart {
  source: string;
  line: number;
  endLine: number;
  error: ErrorInfo;
  function: string;
  locals: Binding[];
  globals: Binding[];
  maxStateChars?: number;
  rejection?: string;
}

function renderUser(part: UserPart): string {
  const sections = [
    `Program:\n${markFailingLines(part.source, part.line, part.endLine)}`,
    [errorLine(part.error), functionLine(part.function), 'Program state:', ...stateLines(part.locals, part.globals, part.maxStateChars)].join('\n'),
  ];
  if (part.rejection) sections.push(`Your previous answer was rejected: ${part.rejection}\nWrite a different answer.`);
  return sections.join('\n\n');
}

const value = (name: string, type: string, repr: string): Binding => ({ name, type, repr, scope: 'local', kind: 'value' });

// The worked example: a failing statement inside a loop, its state, and a good answer
// (multi-line, at column 0, keeps the intent: only valid numbers become ages).
const EXAMPLE_USER = renderUser({
  source: [
    'def parse_ages(lines):',
    '    ages = []',
    '    for line in lines:',
    '        ages.append(int(line))',
    '    return ages',
    '',
    "print(parse_ages(['31', '27', 'n/a', '45']))",
  ].join('\n'),
  line: 4,
  endLine: 4,
  error: { type: 'ValueError', message: "invalid literal for int() with base 10: 'n/a'", traceback: [], formatted: '' },
  function: 'parse_ages',
  locals: [value('lines', 'list', "['31', '27', 'n/a', '45']"), value('ages', 'list', '[31, 27]'), value('line', 'str', "'n/a'")],
  globals: [],
});

const EXAMPLE_ANSWER = '<code>\nif line.strip().isdigit():\n    ages.append(int(line))\n</code>';

export const HEAL_SYSTEM_PROMPT = `You repair a running Python program, one failing statement at a time.

TASK
The program stopped because the lines wrapped in <error></error> raised an exception that nothing in the program handles. Replace those lines with correct code that does what the failing statement meant to do. Your code runs once, instead of the failing statement; then the program continues with the next statement.

GOALS
- Survive the error: your code must run without raising an exception.
- Keep the program's intent: compute what the statement was meant to compute, correct wrong values, define missing names, import missing modules (only Python's standard library is available).
- Change no more than needed.

CONSTRAINTS
- Write complete code starting at column 0, not indented like the original lines.
- Answer only with code inside <code></code>.
- Do not use return, yield, break or continue at the top level of your code.
- When the failing statement is a return, assign the returned value to __return__ instead; the function then returns it.
- Your code runs with the failing frame's variables as globals; changes to variables are kept.

EXAMPLE
${EXAMPLE_USER}

Answer:
${EXAMPLE_ANSWER}`;

export function buildHealPrompt(input: HealPromptInput): HealPrompt {
  const { context } = input;
  const user = renderUser({
    source: input.source,
    line: context.line,
    endLine: context.endLine,
    error: context.error,
    function: context.function,
    locals: context.state.locals,
    globals: context.state.globals,
    maxStateChars: input.maxStateChars,
    // A rejection only matters on a retry; attempt 1 with a stale reason ignores it.
    rejection: (input.attempt ?? (input.rejection ? 2 : 1)) > 1 ? input.rejection : undefined,
  });
  return {
    system: HEAL_SYSTEM_PROMPT,
    user,
    messages: [
      { role: 'system', content: HEAL_SYSTEM_PROMPT },
      { role: 'user', content: user },
    ],
  };
}
