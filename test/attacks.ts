// Attack payloads for the trust-boundary tests (issue: "what the user reviews is exactly
// what runs, and nothing from a stranger persists"). One file on purpose: every attack
// class has its payloads here, and the tests that use them say what must not happen.
// Each section belongs to one attack class; add payloads to the section they attack.

// -- merge: executor answers that must never run code in the runner --------------------

// -- executor boundary: handling code that switches the guards off ----------------------

// -- links: settings, traces and replay -------------------------------------------------

// -- service worker: precache tampering --------------------------------------------------

// -- runner: state that must not leak from one run into the next -------------------------

// -- parser bombs: sources that crash a parser unless refused before parsing --------------
