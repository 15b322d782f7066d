import { describe, expect, it } from 'vitest';
import { generationOptions, restoreClosingStop } from './generation.ts';
import { HealSession, type ExecutorLike } from './heal/session.ts';
import { createScriptedEngine } from '../../test/scripted-engine.ts';
import { pauseFixture } from '../../test/pause-fixtures.ts';

describe('generation options per task', () => {
  it('has sensible, distinct defaults and returns fresh copies', () => {
    const heal = generationOptions('heal');
    expect(heal).toEqual({ temperature: 0.2, maxTokens: 512, stop: ['</code>'] });
    expect(generationOptions('infill').temperature).toBeGreaterThan(generationOptions('repair').temperature);
    expect(generationOptions('security-patch').maxTokens).toBeGreaterThan(heal.maxTokens);
    heal.stop.push('x');
    expect(generationOptions('heal').stop).toEqual(['</code>']);
  });

  it('puts back a closing-tag stop string the API dropped', () => {
    expect(restoreClosingStop('<code>\nx = 1\n', ['</code>'])).toBe('<code>\nx = 1\n</code>');
    expect(restoreClosingStop('<code>x</code>', ['</code>'])).toBe('<code>x</code>');
    expect(restoreClosingStop('x = 1', ['</code>'])).toBe('x = 1');
    expect(restoreClosingStop('<code>x', ['\n\n'])).toBe('<code>x');
  });

  it('the heal pipeline asks engines with the heal defaults', async () => {
    const engine = createScriptedEngine(['<code>\nx = 1\n']);
    const executor: ExecutorLike = { execute: async () => ({ status: 'error', error: { type: 'X', message: 'not run' } }) as never };
    const context = pauseFixture({ source: 'y\n', line: 1, kind: 'Expr', type: 'NameError', message: "name 'y' is not defined" });
    const proposal = await new HealSession('y\n', engine, executor).propose(context, 1);
    expect(engine.calls[0]!.options).toMatchObject({ temperature: 0.2, maxTokens: 512, stop: ['</code>'] });
    expect(proposal.answer).toBe('<code>\nx = 1\n</code>');
    expect(proposal.code).toBe('x = 1');
  });
});
