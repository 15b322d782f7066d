import { describe, expect, it } from 'vitest';
import { findImports, topLevelImports } from './imports.ts';

const modules = (source: string) => findImports(source).map((f) => f.module);

describe('findImports', () => {
  it('reads plain, dotted, aliased and from-imports at any depth, in source order', () => {
    const source = [
      'import numpy as np, os.path',
      'from pandas import DataFrame, read_csv as rc',
      'def f():',
      '    import matplotlib.pyplot as plt',
      '    if True:',
      '        from scipy . stats import (norm,',
      '                                   t as student)',
      'class A: import yaml',
      'x = 1; import json',
    ].join('\n');
    expect(findImports(source).map((f) => [f.module, f.top, f.names, f.line])).toEqual([
      ['numpy', 'numpy', [], 1],
      ['os.path', 'os', [], 1],
      ['pandas', 'pandas', ['DataFrame', 'read_csv'], 2],
      ['matplotlib.pyplot', 'matplotlib', [], 4],
      ['scipy.stats', 'scipy', ['norm', 't'], 6],
      ['yaml', 'yaml', [], 8],
      ['json', 'json', [], 9],
    ]);
  });

  it('ignores imports in strings, comments and docstrings, relative imports and __future__', () => {
    const source = [
      '"""',
      'import fake_in_docstring',
      '"""',
      "s = 'import fake_in_string'",
      "t = f'{x}' ; r = rb'import z'  # import fake_in_comment",
      'from . import sibling',
      'from .pkg import thing',
      'from __future__ import annotations',
      'importer = 1',
      'x = "a \\" import q"',
      'import real \\',
      '    , also_real',
    ].join('\n');
    expect(modules(source)).toEqual(['real', 'also_real']);
  });

  it('marks imports that the program guards with except ImportError (or broader) as optional', () => {
    const source = [
      'try:',
      '    import ujson as json',
      'except ImportError:',
      '    import json',
      'try:',
      '    import needed',
      'except ValueError:',
      '    pass',
      'try: import inline_optional',
      'except: pass',
      'try:',
      '    import fine',
      'except (OSError, ModuleNotFoundError):',
      '    fine = None',
      'import after',
    ].join('\n');
    expect(findImports(source).map((f) => [f.module, f.optional])).toEqual([
      ['ujson', true],
      ['json', false],
      ['needed', false],
      ['inline_optional', true],
      ['fine', true],
      ['after', false],
    ]);
  });

  it('gives each top-level name once; optional only when every import of it is', () => {
    const tops = topLevelImports(
      findImports('try:\n    import a.x\nexcept ImportError:\n    pass\nimport a.y\ntry:\n    import b\nexcept Exception:\n    b = None\n'),
    );
    expect([...tops]).toEqual([
      ['a', { optional: false, line: 5 }],
      ['b', { optional: true, line: 7 }],
    ]);
  });

  it('survives unterminated strings and stray brackets', () => {
    expect(modules("x = 'oops\nimport a\ny = (1,\nimport_b = 2)\nimport c\n")).toEqual(['a', 'c']);
  });

  it('reads a 2,000-line program in well under the 20 ms budget (measured in bench:packages, not asserted here)', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => (i % 50 === 0 ? `import mod${i}` : `x${i} = "text {i}" + str(${i})  # comment`));
    expect(findImports(lines.join('\n'))).toHaveLength(40);
  });
});
