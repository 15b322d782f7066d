// Pure-Python wheels from PyPI (or a mirror with its JSON API) for imports the package index
// does not have, micropip-style: the newest release's `py3-none-any` wheel, its sha256 from the
// JSON answer, and its requirements (info.requires_dist) with environment markers evaluated
// for Pyodide; requirements the lock provides come from the lock. Version constraints are not
// solved: the newest release of each project is taken. Nothing here runs before the user
// confirmed the install (prepare.ts).
import { normalizePackageName, type LockIndex } from '../../../workers/shared/packages/lock.ts';

export interface PypiRelease {
  /** Normalized project name. */
  project: string;
  version: string;
  fileName: string;
  url: string;
  sha256: string;
  /** Normalized names of the projects it requires here (markers applied). */
  requires: string[];
}

export class PypiError extends Error {
  override name = 'PypiError';
  constructor(
    readonly project: string,
    message: string,
    readonly kind: 'not-found' | 'no-pure-wheel' | 'network' | 'invalid',
  ) {
    super(message);
  }
}

/** The environment markers see in Pyodide 314 (PEP 508). */
export const PYODIDE_MARKERS: Readonly<Record<string, string>> = {
  python_version: '3.14',
  python_full_version: '3.14.2',
  implementation_version: '3.14.2',
  os_name: 'posix',
  sys_platform: 'emscripten',
  platform_system: 'Emscripten',
  platform_machine: 'wasm32',
  platform_release: '',
  platform_version: '',
  implementation_name: 'cpython',
  platform_python_implementation: 'CPython',
  extra: '',
};

const VERSION_VARS = new Set(['python_version', 'python_full_version', 'implementation_version']);

function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[.+-]/).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i] ?? 0;
    const q = y[i] ?? 0;
    if (p === q) continue;
    if (typeof p === 'number' && typeof q === 'number') return p < q ? -1 : 1;
    return String(p) < String(q) ? -1 : 1;
  }
  return 0;
}

function compare(left: string, op: string, right: string, versions: boolean): boolean {
  if (op === 'in') return right.includes(left);
  if (op === 'not in') return !right.includes(left);
  const c = versions ? compareVersions(left, right) : left < right ? -1 : left > right ? 1 : 0;
  switch (op) {
    case '==':
    case '===':
      return versions ? c === 0 : left === right;
    case '!=':
      return versions ? c !== 0 : left !== right;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
    case '~=':
      return c >= 0 && compareVersions(left, `${right.split('.').slice(0, -1).join('.')}.99999`) <= 0;
    default:
      return false;
  }
}

/** Whether a PEP 508 marker holds here; a marker this reader cannot parse does not. */
export function markerApplies(marker: string, env: Readonly<Record<string, string>> = PYODIDE_MARKERS): boolean {
  const tokens = marker.match(/\s*("[^"]*"|'[^']*'|\(|\)|===|==|!=|<=|>=|~=|<|>|not\s+in\b|in\b|and\b|or\b|[A-Za-z_][\w.]*)\s*/g)?.map((t) => t.trim());
  if (!tokens || tokens.join('').replace(/\s+/g, '') !== marker.replace(/\s+/g, '')) return false;
  let at = 0;
  const peek = () => tokens[at];
  const value = (): { text: string; variable?: string } => {
    const token = tokens[at++] ?? '';
    if (/^["']/.test(token)) return { text: token.slice(1, -1) };
    if (!(token in env)) throw new Error(`unknown marker variable ${token}`);
    return { text: env[token]!, variable: token };
  };
  const comparison = (): boolean => {
    if (peek() === '(') {
      at++;
      const inner = or();
      if (tokens[at++] !== ')') throw new Error('unbalanced marker');
      return inner;
    }
    const left = value();
    const op = (tokens[at++] ?? '').replace(/\s+/g, ' ');
    const right = value();
    const versions = VERSION_VARS.has(left.variable ?? '') || VERSION_VARS.has(right.variable ?? '');
    return compare(left.text, op, right.text, versions);
  };
  const and = (): boolean => {
    let result = comparison();
    while (peek() === 'and') {
      at++;
      result = comparison() && result;
    }
    return result;
  };
  const or = (): boolean => {
    let result = and();
    while (peek() === 'or') {
      at++;
      result = and() || result;
    }
    return result;
  };
  try {
    const result = or();
    return at === tokens.length && result;
  } catch {
    return false;
  }
}

/** "name[extra] (>=1.0) ; marker" → the normalized name and the marker. */
export function parseRequirement(text: string): { name: string; marker?: string } | null {
  const [spec, marker] = text.split(';', 2) as [string, string | undefined];
  const name = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(spec)?.[1];
  if (!name) return null;
  return marker?.trim() ? { name: normalizePackageName(name), marker: marker.trim() } : { name: normalizePackageName(name) };
}

/** A wheel that runs anywhere Python does: `py3-none-any`, `py2.py3-none-any`. */
export function isPureWheel(fileName: string): boolean {
  return /-(?:py3|py2\.py3|py3\.py2)-none-any\.whl$/i.test(fileName);
}

interface PypiJson {
  info?: { name?: unknown; version?: unknown; requires_dist?: unknown };
  urls?: unknown;
}

/** The release PyPI's JSON answer describes, with its pure wheel; throws PypiError without one. */
export function releaseFromJson(project: string, json: unknown): PypiRelease {
  const data = json as PypiJson;
  const version = data?.info?.version;
  if (typeof version !== 'string' || !Array.isArray(data.urls)) throw new PypiError(project, `PyPI's answer for ${project} is not readable`, 'invalid');
  const wheel = (data.urls as { filename?: unknown; url?: unknown; digests?: { sha256?: unknown }; yanked?: unknown }[]).find(
    (u) =>
      typeof u.filename === 'string' &&
      isPureWheel(u.filename) &&
      typeof u.url === 'string' &&
      typeof u.digests?.sha256 === 'string' &&
      /^[0-9a-f]{64}$/i.test(u.digests.sha256) &&
      u.yanked !== true,
  );
  if (!wheel) {
    throw new PypiError(
      project,
      `${project} ${version} has no pure-Python wheel on PyPI (compiled packages only come from Pyodide's package index)`,
      'no-pure-wheel',
    );
  }
  const requires = Array.isArray(data.info?.requires_dist) ? (data.info.requires_dist as unknown[]).filter((r): r is string => typeof r === 'string') : [];
  const needed = requires
    .map(parseRequirement)
    .filter((r): r is { name: string; marker?: string } => r !== null)
    .filter((r) => r.marker === undefined || markerApplies(r.marker))
    .map((r) => r.name);
  return {
    project: normalizePackageName(project),
    version,
    fileName: String(wheel.filename),
    url: String(wheel.url),
    sha256: String(wheel.digests!.sha256).toLowerCase(),
    requires: [...new Set(needed)],
  };
}

export interface PypiResolution {
  /** Releases to install, requirements first. */
  releases: PypiRelease[];
  /** Lock packages the releases require (resolve them with the lock). */
  lockPackages: string[];
  errors: PypiError[];
}

const MAX_PROJECTS = 40;

/**
 * Resolves projects and what they require: from the lock where it has them, else from PyPI.
 * `json(project)` fetches (or reads the cached) JSON answer; `have` are projects already installed.
 */
export async function resolvePypi(
  projects: readonly string[],
  options: { lock: LockIndex; json(project: string): Promise<unknown>; have?: ReadonlySet<string> },
): Promise<PypiResolution> {
  const releases: PypiRelease[] = [];
  const lockPackages = new Set<string>();
  const errors: PypiError[] = [];
  const done = new Set<string>(options.have ?? []);
  const visiting = new Set<string>();
  const visit = async (name: string, requiredBy?: string): Promise<boolean> => {
    const project = normalizePackageName(name);
    if (done.has(project) || visiting.has(project)) return true;
    if (options.lock.get(project)) {
      lockPackages.add(project);
      return true;
    }
    if (done.size + visiting.size >= MAX_PROJECTS) {
      errors.push(new PypiError(project, `more than ${MAX_PROJECTS} projects to install: stopped at ${project}`, 'invalid'));
      return false;
    }
    visiting.add(project);
    try {
      const release = releaseFromJson(project, await options.json(project));
      let ok = true;
      for (const requirement of release.requires) ok = (await visit(requirement, project)) && ok;
      if (ok) releases.push(release);
      return ok;
    } catch (error) {
      const pypiError = error instanceof PypiError ? error : new PypiError(project, String((error as Error).message ?? error), 'network');
      errors.push(requiredBy ? new PypiError(pypiError.project, `${pypiError.message} (required by ${requiredBy})`, pypiError.kind) : pypiError);
      return false;
    } finally {
      visiting.delete(project);
      done.add(project);
    }
  };
  for (const project of projects) await visit(project);
  return { releases, lockPackages: [...lockPackages], errors };
}
