// Where a static check stands, for its tab and panel.

export interface CheckStatus {
  state: 'off' | 'waiting' | 'checking' | 'done' | 'error';
  /** For "error": what went wrong, for people. */
  message?: string;
  /** Time of the last check in the worker. */
  ms?: number;
}
