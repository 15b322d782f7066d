// Chat messages for the three steps of the loop: verbalise the Bandit feedback, propose K
// distinct strategies, write (and refine) the whole fixed program.
import type { ChatMessage } from '../../../workers/shared/engine.ts';
import type { SecurityFinding } from '../../../workers/protocol/security.ts';
import { banditFeedback } from './feedback.ts';

const SYSTEM =
  'You are a security engineer fixing Python programs flagged by Bandit, a static security checker. ' +
  "Keep the program's behaviour and output; change only what the findings require.";

function numbered(source: string): string {
  return source
    .split('\n')
    .map((line, i) => `${String(i + 1).padStart(4)} ${line}`)
    .join('\n');
}

export function explainMessages(source: string, findings: readonly SecurityFinding[]): ChatMessage[] {
  return [
    { role: 'system', content: SYSTEM },
    {
      role: 'user',
      content:
        `Program (line numbers added):\n${numbered(source)}\n\nBandit reports:\n${banditFeedback(findings, source)}\n\n` +
        'Explain in a few sentences, for each finding, why this code is a security risk here and what must change. Do not write code.',
    },
  ];
}

export function strategiesMessages(source: string, findings: readonly SecurityFinding[], explanation: string, count: number): ChatMessage[] {
  return [
    { role: 'system', content: SYSTEM },
    {
      role: 'user',
      content:
        `Program:\n\`\`\`python\n${source}\n\`\`\`\n\nBandit reports:\n${banditFeedback(findings, source)}\n\nExplanation:\n${explanation}\n\n` +
        `Propose ${count} distinct strategies to fix ${findings.length === 1 ? 'this finding' : 'these findings'}, one per line, ` +
        `numbered 1. to ${count}. Each strategy is one sentence. Do not write code.`,
    },
  ];
}

export function patchMessages(context: {
  source: string;
  findings: readonly SecurityFinding[];
  strategy: string;
  round: number;
  feedback?: string;
}): ChatMessage[] {
  const task =
    context.round === 1
      ? `Fix ${context.findings.length === 1 ? 'the finding' : 'the findings'} with this strategy: ${context.strategy}`
      : `Your previous attempt (the program above) was not accepted:\n${context.feedback ?? ''}\n\nImprove it, still following the strategy: ${context.strategy}`;
  return [
    { role: 'system', content: SYSTEM },
    {
      role: 'user',
      content:
        `Program:\n\`\`\`python\n${context.source}\n\`\`\`\n\nBandit reports:\n${banditFeedback(context.findings, context.source)}\n\n${task}\n\n` +
        'Answer with the whole fixed program between <code> and </code>, nothing else.',
    },
  ];
}
