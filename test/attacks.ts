// Attack payloads for the trust-boundary tests (issue: "what the user reviews is exactly
// what runs, and nothing from a stranger persists"). One file on purpose: every attack
// class has its payloads here, and the tests that use them say what must not happen.
// Each section belongs to one attack class; add payloads to the section they attack.

// -- merge: executor answers that must never run code in the runner --------------------

// -- executor boundary: handling code that switches the guards off ----------------------

// -- links: settings, traces and replay -------------------------------------------------

/**
 * Settings a stranger's link carries to lower the guard of whoever opens it. Opening the
 * link must apply none of them; the notice lists each (theme aside: personal, never listed).
 */
export const LINK_TRUST_SETTINGS = {
  autoAccept: true, // heals (e.g. a recorded trace) would merge without review
  timeLimitMs: 0, // no time limit: a program that never stops
  healEngine: 'endpoint', // program state sent to a server the link chooses…
  endpointUrl: 'http://localhost:1234/v1', // …on another local port than the user's
  endpointModel: 'attacker-model',
  maxAttempts: 10,
  securityCheck: false, // the findings that would reveal the program go quiet
  dnnCheck: false,
  securityMinSeverity: 'HIGH',
  securityMinConfidence: 'HIGH',
  theme: 'dark',
} as const;

/** The same as an old link writes it: the full settings object, every field set. */
export const LINK_TRUST_SETTINGS_FULL = {
  ...LINK_TRUST_SETTINGS, reuseAccepted: false, patchStrategies: 5, patchRounds: 1, webllmModel: 'x',
} as const;

/** A program such a link might carry (what it does once those settings are on is the point). */
export const LINK_TRUST_PROGRAM = 'import os\nprint(os.listdir("/"))\nwhile True:\n    pass\n';

/**
 * A link body (JSON) with settings of the wrong types and a prototype key: decoding must
 * drop them, never apply them (`__proto__` is an own key after JSON.parse).
 */
export const LINK_SETTINGS_WRONG_TYPES_JSON =
  '{"code":"print(1)\\n","settings":{"autoAccept":"true","timeLimitMs":"0","securityCheck":0,"__proto__":{"autoAccept":true},"constructor":{"autoAccept":true}}}';

// -- service worker: precache tampering --------------------------------------------------

// -- runner: state that must not leak from one run into the next -------------------------

// -- parser bombs: sources that crash a parser unless refused before parsing --------------
