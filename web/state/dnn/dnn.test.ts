import { describe, expect, it } from 'vitest';
import type { DnnElement, MaskedProgram } from '../../../workers/protocol/dnn.ts';
import { formatCandidates, MAX_CANDIDATE_CHARS, parseInfillAnswer } from './answer.ts';
import { rankCandidates } from './infill.ts';
import { buildInfillPrompt, CONTEXT_CHARS } from './prompt.ts';
import { createDnnRulesEngine, type InfillContext } from './rules-engine.ts';

const element: DnnElement = {
  id: 3,
  kind: 'activation',
  span: { line: 8, col: 32, endLine: 8, endCol: 41 },
  text: "'softmax'",
  standard: 'softmax',
  where: 'layer 2 (Dense) activation',
};
const masked: MaskedProgram = { elementId: 3, masked: 'x', before: 'model.add(Dense(1, activation=', after: '))\nmodel.compile()' };

describe('infill prompt', () => {
  it('puts the mask between the nearest code and says what the element is', () => {
    const [system, user] = buildInfillPrompt(masked, element, {
      checkId: 'softmax-single-unit',
      elementId: 3,
      kind: 'activation',
      message: 'softmax over a single unit',
      severity: 'warning',
      span: element.span,
    });
    expect(system.role).toBe('system');
    expect(user.content).toContain('model.add(Dense(1, activation=<mask>))');
    expect(user.content).toContain("It currently reads: 'softmax'");
    expect(user.content).toContain('softmax over a single unit');
  });
  it('bounds the context', () => {
    const long = { ...masked, before: 'a'.repeat(10_000), after: 'b'.repeat(10_000) };
    const user = buildInfillPrompt(long, element)[1].content;
    expect(user.length).toBeLessThan(2 * CONTEXT_CHARS + 1000);
  });
});

describe('infill answers', () => {
  it('reads candidate tags, dropping keywords and duplicates', () => {
    expect(
      parseInfillAnswer("<candidate>'sigmoid'</candidate>\n<candidate>activation='tanh'</candidate><candidate>'sigmoid'</candidate>", 'activation'),
    ).toEqual(["'sigmoid'", "'tanh'"]);
  });
  it('falls back on code blocks and plain lines, skipping over-long ones and masks', () => {
    expect(parseInfillAnswer("Try:\n```python\nloss='binary_crossentropy'\n'mse'\n```", 'loss')).toEqual(["'binary_crossentropy'", "'mse'"]);
    expect(parseInfillAnswer(`1. 0.01\n2. ${'9'.repeat(MAX_CANDIDATE_CHARS + 1)}\n3. <mask>`, 'learning_rate')).toEqual(['0.01']);
  });
  it('round-trips the rules format', () => {
    expect(parseInfillAnswer(formatCandidates(["'adam'", 'keras.optimizers.SGD(learning_rate=0.01)']), 'optimizer')).toEqual([
      "'adam'",
      'keras.optimizers.SGD(learning_rate=0.01)',
    ]);
  });
});

describe('rules engine and ranking', () => {
  it("answers with the context's rule candidates and refuses without them", async () => {
    const engine = createDnnRulesEngine();
    const context: InfillContext = { source: '', element, masked, ruleCandidates: ["'sigmoid'", "'linear'"] };
    expect(parseInfillAnswer(await engine.generate([], {}, context), 'activation')).toEqual(["'sigmoid'", "'linear'"]);
    await expect(engine.generate([], {}, { ...context, ruleCandidates: [] })).rejects.toThrow(/no candidates/);
    await expect(engine.generate([], {})).rejects.toThrow(/context/);
  });
  it('ranks kept candidates by score, rejected ones last', () => {
    const ranked = rankCandidates([
      { text: 'a', origin: 'rules', kept: false, rejection: 'syntax' },
      { text: 'b', origin: 'rules', kept: true, score: 80 },
      { text: 'c', origin: 'engine', kept: true, score: 99 },
    ]);
    expect(ranked.map((c) => c.text)).toEqual(['c', 'b', 'a']);
  });
});
