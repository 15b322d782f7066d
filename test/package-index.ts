// A real package index on 127.0.0.1 for tests and benchmarks (no package CDN is reachable
// here): a pyodide-lock.json and wheels built with fflate at start-up, in Pyodide's layout, and
// a PyPI-style JSON API for pure-Python wheels. What it holds:
// - heal-demo 1.2.0 (import heal_demo), pure Python, depends on heal-dep 1.0.0 (import heal_dep);
// - heal-data 0.3.0: a data file read with importlib.resources, and a 1.5 MB blob so a
//   download takes long enough to watch (the server can send it slowly);
// - heal-bad 1.0.0: its wheel on the server is corrupted, so its sha256 does not match the lock;
// - heal-gone 1.0.0: in the lock, but the server has no file for it (HTTP 404);
// - matplotlib 3.99.0: a stand-in with matplotlib.pyplot's figure API (figure, plot, savefig,
//   get_fignums, close, show), whose savefig writes a real 240×160 PNG: the runner's plot capture
//   (workers/runner/py/_heal_runner/plots.py) drives it exactly as it drives the real one;
// - PyPI (/pypi/<name>/json): heal-pure 2.0.0 (pure wheel; needs heal-pure-dep from PyPI and
//   heal-dep from the lock; a Windows-only and an extra-only requirement that must be skipped),
//   heal-pure-dep 1.1.0, and heal-native (a compiled wheel only).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync, zlibSync, type Zippable } from 'fflate';

const realLock = JSON.parse(readFileSync(fileURLToPath(new URL('../node_modules/pyodide/pyodide-lock.json', import.meta.url)), 'utf8')) as {
  info: Record<string, string>;
};

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A pure-Python wheel: the files, its dist-info (METADATA, WHEEL, RECORD). */
export function buildWheel(
  project: string,
  version: string,
  files: Record<string, string | Uint8Array>,
  requires: string[] = [],
  tag = 'py3-none-any',
): { fileName: string; bytes: Uint8Array } {
  const dist = project.replace(/-/g, '_');
  const info = `${dist}-${version}.dist-info`;
  const entries: Zippable = {};
  for (const [path, content] of Object.entries(files)) {
    const bytes = typeof content === 'string' ? strToU8(content) : content;
    entries[path] = [bytes, { level: typeof content === 'string' ? 6 : 0 }];
  }
  entries[`${info}/METADATA`] = strToU8(
    `Metadata-Version: 2.1\nName: ${project}\nVersion: ${version}\n${requires.map((r) => `Requires-Dist: ${r}\n`).join('')}`,
  );
  entries[`${info}/WHEEL`] = strToU8(`Wheel-Version: 1.0\nGenerator: heal-test-index\nRoot-Is-Purelib: true\nTag: ${tag}\n`);
  entries[`${info}/RECORD`] = strToU8('');
  return { fileName: `${dist}-${version}-${tag}.whl`, bytes: zipSync(entries, { mtime: new Date('2026-01-01T00:00:00Z') }) };
}

// -- a real PNG, so the console shows a real image ----------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(strToU8(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A 240×160 RGB PNG: axes and a rising blue line on white, like a small line plot (what the stand-in's savefig writes). */
export const TEST_PNG_SIZE = { width: 240, height: 160 };

export function testPng(): Uint8Array {
  const { width, height } = TEST_PNG_SIZE;
  const stride = 1 + width * 3;
  const raw = new Uint8Array(height * stride);
  const paint = (x: number, y: number, rgb: [number, number, number]) => {
    if (x >= 0 && x < width && y >= 0 && y < height) raw.set(rgb, y * stride + 1 + x * 3);
  };
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) paint(x, y, [255, 255, 255]);
  for (let x = 20; x < width - 10; x++) paint(x, height - 20, [90, 90, 90]); // x axis
  for (let y = 10; y <= height - 20; y++) paint(20, y, [90, 90, 90]); // y axis
  for (let x = 21; x < width - 10; x++) {
    const y = Math.round(height - 21 - ((x - 21) * (height - 40)) / (width - 31));
    for (let t = -1; t <= 1; t++) paint(x, y + t, [31, 119, 180]); // matplotlib's first colour
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const parts = [
    new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', zlibSync(raw)),
    pngChunk('IEND', new Uint8Array()),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const PYPLOT = (png: string) => `"""A stand-in for matplotlib.pyplot (test index): the figure API the playground's capture uses."""
import base64

_PNG = base64.b64decode(${JSON.stringify(png)})
_figures = {}
_current = [None]


class Figure:
    def __init__(self, number):
        self.number = number
        self.lines = []

    def savefig(self, target, format="png", **kwargs):
        if format != "png":
            raise ValueError("the stand-in only writes PNG")
        target.write(_PNG)


def figure(num=None, **kwargs):
    if num is None:
        num = max(_figures, default=0) + 1
    if num not in _figures:
        _figures[num] = Figure(num)
    _current[0] = num
    return _figures[num]


def gcf():
    return _figures[_current[0]] if _current[0] in _figures else figure()


def plot(*args, **kwargs):
    gcf().lines.append(args)
    return [args]


def title(text):
    gcf().title = text


def get_fignums():
    return sorted(_figures)


def close(which=None):
    if which == "all" or which is None:
        _figures.clear()
    else:
        _figures.pop(getattr(which, "number", which), None)


def savefig(target, **kwargs):
    gcf().savefig(target, **kwargs)


def show(*args, **kwargs):
    """Agg's show: nothing to show without a display."""
`;

interface Served {
  bytes: Uint8Array;
  type: string;
}

export interface TestPackage {
  name: string;
  version: string;
  fileName: string;
  sha256: string;
  size: number;
}

export interface PackageIndexContent {
  /** Path (under the server root) → body. */
  files: Map<string, Served>;
  lock: { info: Record<string, string>; packages: Record<string, unknown> };
  packages: Record<string, TestPackage>;
}

function blob(size: number): Uint8Array {
  // Incompressible (so the wheel stays big): a simple PRNG, the same bytes every time.
  const out = new Uint8Array(size);
  let x = 0x12345678;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** The index's lock and files, built in memory (deterministic). */
export function buildPackageIndex(origin: string): PackageIndexContent {
  const files = new Map<string, Served>();
  const packages: Record<string, TestPackage> = {};
  const lockPackages: Record<string, unknown> = {};
  const wheelType = 'application/zip';
  const add = (
    name: string,
    version: string,
    imports: string[],
    depends: string[],
    wheel: { fileName: string; bytes: Uint8Array },
    serve: Uint8Array | null = wheel.bytes,
  ) => {
    const entry = { name, version, fileName: wheel.fileName, sha256: sha256(wheel.bytes), size: wheel.bytes.length };
    packages[name] = entry;
    lockPackages[name] = {
      name,
      version,
      file_name: wheel.fileName,
      install_dir: 'site',
      sha256: entry.sha256,
      package_type: 'package',
      imports,
      depends,
      unvendored_tests: false,
      tool: {},
    };
    if (serve) files.set(`/index/${wheel.fileName}`, { bytes: serve, type: wheelType });
  };

  add(
    'heal-dep',
    '1.0.0',
    ['heal_dep'],
    [],
    buildWheel('heal-dep', '1.0.0', {
      'heal_dep/__init__.py': 'BASE = 21\n\n\ndef double(x):\n    return 2 * x\n',
    }),
  );
  add(
    'heal-demo',
    '1.2.0',
    ['heal_demo'],
    ['heal-dep'],
    buildWheel(
      'heal-demo',
      '1.2.0',
      {
        'heal_demo/__init__.py': [
          '"""The test index\'s demo package (it needs heal_dep)."""',
          'import time',
          '',
          'from heal_dep import BASE, double',
          '',
          '# When this module was imported: the same in every run unless it is imported again.',
          'LOADED_AT = time.perf_counter_ns()',
          '',
          '',
          'def answer():',
          '    return double(BASE)',
          '',
          '',
          'def total(values):',
          '    return sum(values)',
          '',
        ].join('\n'),
      },
      ['heal-dep'],
    ),
  );
  add(
    'heal-data',
    '0.3.0',
    ['heal_data'],
    [],
    buildWheel('heal-data', '0.3.0', {
      'heal_data/__init__.py': 'from importlib.resources import files\n\n\ndef words():\n    return (files(__name__) / "words.txt").read_text().split()\n',
      'heal_data/words.txt': 'alpha beta gamma\n',
      'heal_data/blob.bin': blob(1_500_000),
    }),
  );
  const bad = buildWheel('heal-bad', '1.0.0', { 'heal_bad/__init__.py': 'VALUE = "should never load"\n' });
  const corrupted = bad.bytes.slice();
  corrupted[corrupted.length - 30] ^= 0xff;
  add('heal-bad', '1.0.0', ['heal_bad'], [], bad, corrupted);
  add('heal-gone', '1.0.0', ['heal_gone'], [], buildWheel('heal-gone', '1.0.0', { 'heal_gone/__init__.py': '' }), null);
  const png = Buffer.from(testPng()).toString('base64');
  add(
    'matplotlib',
    '3.99.0',
    ['matplotlib', 'pylab'],
    [],
    buildWheel('matplotlib', '3.99.0', {
      'matplotlib/__init__.py':
        '"""A stand-in for matplotlib (test index)."""\n__version__ = "3.99.0"\n_backend = ["agg"]\n\n\ndef use(name):\n    _backend[0] = name\n',
      'matplotlib/pyplot.py': PYPLOT(png),
    }),
  );

  const lock = { info: { ...realLock.info }, packages: lockPackages };
  files.set('/index/pyodide-lock.json', { bytes: strToU8(JSON.stringify(lock)), type: 'application/json' });

  // -- PyPI's JSON API ---------------------------------------------------------------------
  const pypi = (project: string, version: string, wheel: { fileName: string; bytes: Uint8Array }, requires: string[] | null) => {
    files.set(`/files/${wheel.fileName}`, { bytes: wheel.bytes, type: wheelType });
    packages[project] = { name: project, version, fileName: wheel.fileName, sha256: sha256(wheel.bytes), size: wheel.bytes.length };
    const json = {
      info: { name: project, version, requires_dist: requires },
      urls: [
        {
          filename: `${project.replace(/-/g, '_')}-${version}.tar.gz`,
          url: `${origin}/files/${project}-${version}.tar.gz`,
          packagetype: 'sdist',
          digests: { sha256: '0'.repeat(64) },
          yanked: false,
        },
        {
          filename: wheel.fileName,
          url: `${origin}/files/${wheel.fileName}`,
          packagetype: 'bdist_wheel',
          digests: { sha256: sha256(wheel.bytes) },
          yanked: false,
        },
      ],
    };
    files.set(`/pypi/${project}/json`, { bytes: strToU8(JSON.stringify(json)), type: 'application/json' });
  };
  pypi(
    'heal-pure',
    '2.0.0',
    buildWheel('heal-pure', '2.0.0', {
      'heal_pure/__init__.py': 'from heal_pure_dep import greet\nfrom heal_dep import double\n\n\ndef hello(name):\n    return greet(name) + "!" * double(1)\n',
    }),
    ['heal-pure-dep>=1.0', 'colorama; sys_platform == "win32"', 'pytest>=8; extra == "test"', 'heal-dep'],
  );
  pypi(
    'heal-pure-dep',
    '1.1.0',
    buildWheel('heal-pure-dep', '1.1.0', {
      'heal_pure_dep/__init__.py': 'def greet(name):\n    return f"hello, {name}"\n',
    }),
    null,
  );
  // A compiled wheel (and the source) is all heal-native offers.
  pypi('heal-native', '0.1.0', buildWheel('heal-native', '0.1.0', { 'heal_native/__init__.py': '' }, [], 'cp314-cp314-pyemscripten_2026_0_wasm32'), null);
  return { files, lock, packages };
}

export interface PackageIndexServer {
  origin: string;
  /** The Pyodide index: `<origin>/index/` (holds pyodide-lock.json). */
  indexUrl: string;
  /** PyPI's JSON API: `<origin>/pypi/`. */
  pypiUrl: string;
  content: PackageIndexContent;
  /** Paths requested so far. */
  requests: string[];
  /** Files larger than this are sent in slices with a pause between them (watchable progress). */
  slow: { overBytes: number; sliceDelayMs: number };
  close(): Promise<void>;
}

/** Starts the index on 127.0.0.1 (a free port, or `port`). */
export async function startPackageIndex(options: { port?: number; sliceDelayMs?: number } = {}): Promise<PackageIndexServer> {
  const requests: string[] = [];
  const slow = { overBytes: 1_000_000, sliceDelayMs: options.sliceDelayMs ?? 0 };
  let content: PackageIndexContent | undefined;
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    requests.push(path);
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    const found = content?.files.get(path);
    if (!found) {
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      response.end('not found');
      return;
    }
    response.writeHead(200, { 'Content-Type': found.type, 'Content-Length': String(found.bytes.length), 'Cache-Control': 'no-store' });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    if (found.bytes.length <= slow.overBytes || slow.sliceDelayMs <= 0) {
      response.end(found.bytes);
      return;
    }
    const slices = 10;
    const size = Math.ceil(found.bytes.length / slices);
    let at = 0;
    const next = () => {
      if (response.destroyed) return;
      response.write(found.bytes.subarray(at, at + size));
      at += size;
      if (at >= found.bytes.length) response.end();
      else setTimeout(next, slow.sliceDelayMs);
    };
    next();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  content = buildPackageIndex(origin);
  return {
    origin,
    indexUrl: `${origin}/index/`,
    pypiUrl: `${origin}/pypi/`,
    content,
    requests,
    slow,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
