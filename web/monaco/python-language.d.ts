// monaco-editor ships no .d.ts for its Monarch language definitions (only for register.js,
// which would load python.js as a separate lazy chunk). editor.ts imports it directly so
// Python is colored on the first paint.
declare module 'monaco-editor/languages/definitions/python/python.js' {
  import type { languages } from 'monaco-editor/editor/editor.api.js';
  export const conf: languages.LanguageConfiguration;
  export const language: languages.IMonarchLanguage;
}
