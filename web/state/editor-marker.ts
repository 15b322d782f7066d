// A diagnostic in the editor (syntax errors, check findings). Pure data: the checks build
// markers without Monaco, and web/monaco/editor.ts turns them into Monaco's markers.

export type MarkerSeverityName = 'error' | 'warning' | 'info';

/** A diagnostic; lines and columns are 1-based. */
export interface EditorMarker {
  line: number;
  col: number;
  endLine?: number;
  endCol?: number;
  message: string;
  severity: MarkerSeverityName;
  source?: string;
  code?: string;
}
