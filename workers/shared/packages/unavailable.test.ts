import { describe, expect, it } from 'vitest';
import { explainMissingModule, knownUnavailable, missingModuleFromError, missingModuleMessage, suggestModule } from './unavailable.ts';

describe('unavailable modules', () => {
  it('names the reason for well-known frameworks and for what Pyodide leaves out of the standard library', () => {
    expect(missingModuleMessage(explainMissingModule('keras', ['numpy']))).toMatch(/^'keras' is not available in the browser: deep-learning frameworks/);
    expect(explainMissingModule('torch', []).reason).toMatch(/PyTorch/);
    expect(explainMissingModule('curses', []).reason).toMatch(/no terminal/);
    expect(explainMissingModule('venv', []).reason).toMatch(/environments/);
    expect(knownUnavailable('tkinter')).toBe(true);
    expect(knownUnavailable('numpy')).toBe(false);
  });

  it('suggests the intended name for a typo or a case slip, and nothing for a stranger', () => {
    expect(suggestModule('numpyy', ['numpy', 'pandas'])).toBe('numpy');
    expect(suggestModule('Numpy', ['numpy'])).toBe('numpy');
    expect(suggestModule('padnas', ['numpy', 'pandas'])).toBe('pandas');
    expect(suggestModule('heal_dem', ['heal_dep', 'heal_demo'])).toBe('heal_demo');
    expect(suggestModule('xyz', ['numpy', 'pandas'])).toBeUndefined();
    expect(suggestModule('heal_pure', ['heal_gone'])).toBeUndefined(); // three edits: a different name
    expect(missingModuleMessage(explainMissingModule('matplotib', ['matplotlib']))).toBe(
      "'matplotib' is not available in the browser: it is not in the package index. Did you mean 'matplotlib'?",
    );
  });

  it('reads the module from the error', () => {
    expect(missingModuleFromError('ModuleNotFoundError', "No module named 'tensorflow.keras'")).toBe('tensorflow');
    expect(missingModuleFromError('ImportError', "No module named 'x'")).toBe('x');
    expect(missingModuleFromError('ImportError', "cannot import name 'y' from 'x'")).toBeUndefined();
    expect(missingModuleFromError('NameError', "No module named 'x'")).toBeUndefined();
  });
});
