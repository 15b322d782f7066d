// Attack payloads for the trust-boundary tests (issue: "what the user reviews is exactly
// what runs, and nothing from a stranger persists"). One file on purpose: every attack
// class has its payloads here, and the tests that use them say what must not happen.
// Each section belongs to one attack class; add payloads to the section they attack.

// -- merge: executor answers that must never run code in the runner --------------------

// -- executor boundary: handling code that switches the guards off ----------------------

// -- links: settings, traces and replay -------------------------------------------------

// -- service worker: precache tampering --------------------------------------------------

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
    name: 'one of the runner\'s own files overwritten',
    leak: 'import os, sys\npath = os.path.join(sys.path[0], "streams.py")\nwith open(path, "a") as f:\n    f.write("\\nLEAKED = True\\n")\n',
    probe: 'import os, sys\nprint(open(os.path.join(sys.path[0], "streams.py")).read().endswith("LEAKED = True\\n"))\n',
    layer: 'files',
  },
];

/** A change the runner cannot undo in place (the standard library's zip is too big to keep a
 * copy of): the host must replace the worker before the next run. */
export const UNDOABLE_LEAK = {
  name: "the standard library's zip truncated",
  leak: 'import sys\nstdlib = next(p for p in sys.path if p.endswith(".zip"))\nwith open(stdlib, "r+b") as f:\n    f.truncate(4096)\n',
  probe: 'try:\n    import fractions\n    print("imported", fractions.Fraction(1, 2))\nexcept Exception as error:\n    print("broken:", type(error).__name__)\n',
};

/** An audit hook cannot be removed once added, so the runner refuses to add one at all. */
export const AUDIT_HOOK = {
  leak: 'import sys\nsys.addaudithook(lambda event, args: event == "open" and print("AUDIT", args[0]))\n',
  probe: 'open("/tmp/heal-probe.txt", "w").close()\nprint("opened")\n',
};

// -- parser bombs: sources that crash a parser unless refused before parsing --------------

/**
 * Sources that nest deeper than Python in the browser can parse: without the guard
 * (workers/shared/py/parse_guard.py) they kill the worker's Python (a JavaScript stack overflow in
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
