import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classicWorkerSource, PYODIDE_FACTORY_GLOBAL, SandboxSourceError } from './sandbox-source.ts';

const asm = readFileSync(new URL('../../node_modules/pyodide/pyodide.asm.mjs', import.meta.url), 'utf8');

describe('the sandboxed executor worker source', () => {
  it('turns pyodide.asm.mjs and a Vite worker bundle into one classic script', () => {
    const source = classicWorkerSource('var a=1;self.onmessage=()=>import.meta.url;export{a as t};', asm);
    expect(source).toContain(`globalThis.${PYODIDE_FACTORY_GLOBAL} = _createPyodideModule;`);
    expect(source).not.toContain('import.meta');
    expect(source).not.toMatch(/export\s*\{/);
    expect(source).not.toContain('export default');
  });

  it('refuses a bundle that still has module syntax (a dev server module)', () => {
    expect(() => classicWorkerSource('import { x } from "/@fs/x.ts";\nx();', asm)).toThrow(SandboxSourceError);
    expect(() => classicWorkerSource('var a = 1;', 'not pyodide')).toThrow(SandboxSourceError);
  });
});
