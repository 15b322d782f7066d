// The classic-script source of the sandboxed executor worker: Pyodide's Emscripten module
// (pyodide.asm.mjs) and our worker bundle, made into one self-contained classic script.
// A Blob-URL *module* worker does not start inside an opaque-origin frame, and the frame
// cannot fetch anything, so everything the worker runs must be in this one text.

/** Global the worker reads Pyodide's module factory from (instead of importing pyodide.asm.mjs). */
export const PYODIDE_FACTORY_GLOBAL = '__healCreatePyodideModule';

export class SandboxSourceError extends Error {}

const TRAILING_EXPORT = /\bexport\s*\{[^}]*\}\s*;?\s*$/;

/** A static import or export statement (what a classic script cannot have; import() is fine). */
function moduleSyntaxLeft(text: string): boolean {
  return (
    /(^|[;\n])\s*import\s*(\{[^}]*\}|\*\s*as\s+\w+|[\w$]+)\s*from\s*["'`]/.test(text) ||
    /(^|[;\n])\s*import\s*["'`]/.test(text) ||
    /(^|[;\n])\s*export\s*(\{|default\b|const\b|let\b|var\b|function\b|class\b|\*)/.test(text)
  );
}

/**
 * The worker bundle Vite emitted (an ES module whose only module syntax is a trailing
 * `export{…}` for its lazily imported Node stubs) and pyodide.asm.mjs (whose only module
 * syntax is `export default _createPyodideModule` and `import.meta.url`).
 */
export function classicWorkerSource(workerBundle: string, pyodideAsm: string): string {
  const asmExport = 'export default _createPyodideModule;';
  if (!pyodideAsm.includes(asmExport)) throw new SandboxSourceError('pyodide.asm.mjs has an unexpected shape');
  const asm = pyodideAsm.replace(asmExport, `globalThis.${PYODIDE_FACTORY_GLOBAL} = _createPyodideModule;`).replaceAll('import.meta.url', 'self.location.href');
  const worker = workerBundle.replace(TRAILING_EXPORT, '').replaceAll('import.meta.url', 'self.location.href');
  if (moduleSyntaxLeft(asm) || moduleSyntaxLeft(worker)) {
    throw new SandboxSourceError('the executor worker bundle is not a self-contained script (a dev build?)');
  }
  // Each part in its own function scope: both are minified with colliding top-level names.
  return `(() => {\n${asm}\n})();\n(() => {\n${worker}\n})();\n`;
}
