// User settings: persisted by autosave and carried in permalinks, so everything read back
// goes through normalizeSettings (old saves, hand-edited links, newer/older versions).
import { COMPARE_RULES, type CompareRule } from '../../workers/shared/output-compare.ts';

export type Theme = 'system' | 'light' | 'dark';
/** Which engine writes handling code at a pause; "off" only shows the error. */
export type HealEngineId = 'rules' | 'endpoint' | 'off' | 'webllm';

export interface Settings {
  /** Running-time limit per run in milliseconds; 0 means no limit. */
  timeLimitMs: number;
  theme: Theme;
  healEngine: HealEngineId;
  /** Accept the first handling code that runs cleanly ("watch it heal"). */
  autoAccept: boolean;
  /** Proposals tried per pause before giving up (auto-accept). */
  maxAttempts: number;
  /** Reuse accepted handling code for the same statement and error type. */
  reuseAccepted: boolean;
  /** Look each candidate heal ahead (where the run goes with it); auto-accept then picks by it. */
  lookAhead: boolean;
  /** OpenAI-compatible chat endpoint (healEngine "endpoint"), e.g. http://localhost:11434/v1. */
  endpointUrl: string;
  endpointModel: string;
  /** Static checks while editing (analysis worker). */
  securityCheck: boolean;
  dnnCheck: boolean;
  /** Findings below these levels are not shown (Bandit's -l / -i). */
  securityMinSeverity: CheckLevel;
  securityMinConfidence: CheckLevel;
  /** Security patch loop: distinct strategies (K) and refinement rounds per strategy (N). */
  patchStrategies: number;
  patchRounds: number;
  /** WebLLM model id chosen in the model manager; '' = the largest that fits. */
  webllmModel: string;
  /** How CORRECT compares the output (workers/shared/output-compare.ts). */
  outputCompare: CompareRule;
  /** The package index (a base URL serving pyodide-lock.json and its files); '' = the build's default. */
  packageIndexUrl: string;
  /** Offer pure-Python wheels from PyPI for imports the index does not have (always asked first). */
  pypiInstalls: boolean;
  /** PyPI's JSON API (or a mirror's); '' = the build's default. */
  pypiUrl: string;
}

export type CheckLevel = 'LOW' | 'MEDIUM' | 'HIGH';

export const MAX_TIME_LIMIT_MS = 600_000;

export const defaultSettings: Readonly<Settings> = Object.freeze({
  timeLimitMs: 30_000,
  theme: 'system',
  healEngine: 'rules',
  autoAccept: false,
  maxAttempts: 3,
  reuseAccepted: true,
  lookAhead: false,
  endpointUrl: 'http://localhost:11434/v1',
  endpointModel: 'qwen2.5-coder:7b',
  securityCheck: true,
  dnnCheck: true,
  securityMinSeverity: 'LOW',
  securityMinConfidence: 'LOW',
  patchStrategies: 3,
  patchRounds: 3,
  webllmModel: '',
  outputCompare: 'lenient',
  packageIndexUrl: '',
  pypiInstalls: true,
  pypiUrl: '',
});

const CHECK_LEVELS: readonly CheckLevel[] = ['LOW', 'MEDIUM', 'HIGH'];
const readCheckLevel = (v: unknown) => (CHECK_LEVELS.includes(v as CheckLevel) ? (v as CheckLevel) : undefined);
const readSmallCount = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? Math.min(5, Math.max(1, v)) : undefined);

const THEMES: readonly Theme[] = ['system', 'light', 'dark'];
const HEAL_ENGINES: readonly HealEngineId[] = ['rules', 'endpoint', 'off', 'webllm'];
const readShortString = (v: unknown) => (typeof v === 'string' && v.length <= 500 ? v : undefined);
const readBoolean = (v: unknown) => (typeof v === 'boolean' ? v : undefined);
/** '' or an absolute http(s) URL. */
const readBaseUrl = (v: unknown) => {
  if (v === '') return '';
  if (typeof v !== 'string' || v.length > 500) return undefined;
  try {
    const url = new URL(v.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? v.trim() : undefined;
  } catch {
    return undefined;
  }
};

/**
 * One reader per field: returns the normalized value, or undefined to fall back to the
 * default. The mapped type makes adding a field to Settings a compile error until its
 * reader is written here.
 */
const readers: { [K in keyof Settings]: (value: unknown) => Settings[K] | undefined } = {
  timeLimitMs: (v) => (typeof v === 'number' && Number.isFinite(v) ? Math.min(MAX_TIME_LIMIT_MS, Math.max(0, Math.round(v))) : undefined),
  theme: (v) => (THEMES.includes(v as Theme) ? (v as Theme) : undefined),
  healEngine: (v) => (HEAL_ENGINES.includes(v as HealEngineId) ? (v as HealEngineId) : undefined),
  autoAccept: readBoolean,
  maxAttempts: (v) => (typeof v === 'number' && Number.isInteger(v) ? Math.min(10, Math.max(1, v)) : undefined),
  reuseAccepted: readBoolean,
  lookAhead: readBoolean,
  endpointUrl: readShortString,
  endpointModel: readShortString,
  securityCheck: readBoolean,
  dnnCheck: readBoolean,
  securityMinSeverity: readCheckLevel,
  securityMinConfidence: readCheckLevel,
  patchStrategies: readSmallCount,
  patchRounds: readSmallCount,
  webllmModel: (v) => (typeof v === 'string' && /^[\w.-]{0,100}$/.test(v) ? v : undefined),
  outputCompare: (v) => (COMPARE_RULES.includes(v as CompareRule) ? (v as CompareRule) : undefined),
  packageIndexUrl: readBaseUrl,
  pypiInstalls: readBoolean,
  pypiUrl: readBaseUrl,
};

/** Only the valid fields present in any value (a link's suggested settings); unknown keys are dropped. */
export function readSettings(value: unknown): Partial<Settings> {
  const source = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const result: Partial<Settings> = {};
  for (const key of Object.keys(readers) as (keyof Settings)[]) {
    const read = readers[key](source[key]);
    if (read !== undefined) (result as Record<string, unknown>)[key] = read;
  }
  return result;
}

/** Keeps valid fields of any value, fills the rest from defaults; unknown keys are dropped. */
export function normalizeSettings(value: unknown): Settings {
  return { ...defaultSettings, ...readSettings(value) };
}
