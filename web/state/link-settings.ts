// Settings carried by a link are suggestions, never applied by opening it: a stranger's
// link must not switch on auto-accept, lift the time limit, turn the checks off or point
// the heal engine at another endpoint. This compares a link's settings with the user's,
// lists the differences that matter in plain words, and applies exactly the listed ones
// when the user asks ("Use the link's settings"). The theme is personal: never compared,
// never written into a link.

import { normalizeSettings, type Settings } from './settings.ts';

/** The settings a link carries: any subset (old links carry the full object). */
export type LinkSettings = Partial<Settings>;

export type LinkSettingId =
  | 'autoAccept'
  | 'timeLimitMs'
  | 'healEngine'
  | 'maxAttempts'
  | 'reuseAccepted'
  | 'lookAhead'
  | 'securityCheck'
  | 'securityMinSeverity'
  | 'securityMinConfidence'
  | 'dnnCheck'
  | 'patchStrategies'
  | 'patchRounds'
  | 'outputCompare';

export interface LinkSettingDifference {
  id: LinkSettingId;
  /** The settings fields "Use the link's settings" takes from the link for this line. */
  fields: readonly (keyof Settings)[];
  /** "auto-accept: on": what the link suggests. */
  suggested: string;
  /** "auto-accept: on (yours: off)": the line the notice lists. */
  text: string;
}

const onOff = (value: boolean) => (value ? 'on' : 'off');

/** "none" for 0 (no limit), else seconds ("30 s", "2.5 s"). */
export function formatTimeLimit(ms: number): string {
  return ms === 0 ? 'none' : `${Number((ms / 1000).toFixed(3))} s`;
}

/** The heal engine with what it talks to: "chat endpoint http://localhost:1234/v1, model m". */
export function describeEngine(s: Pick<Settings, 'healEngine' | 'endpointUrl' | 'endpointModel' | 'webllmModel'>): string {
  switch (s.healEngine) {
    case 'rules':
      return 'rules';
    case 'off':
      return 'off';
    case 'endpoint':
      return `chat endpoint ${s.endpointUrl}, model ${s.endpointModel}`;
    case 'webllm':
      return `local model ${s.webllmModel || '(the largest that fits)'}`;
  }
}

/** The engine's fields that matter for the engine a settings object selects. */
function engineFields(engine: Settings['healEngine']): (keyof Settings)[] {
  if (engine === 'endpoint') return ['healEngine', 'endpointUrl', 'endpointModel'];
  if (engine === 'webllm') return ['healEngine', 'webllmModel'];
  return ['healEngine'];
}

interface SimpleSetting {
  label: string;
  format(value: never): string;
}

const SIMPLE: Record<Exclude<LinkSettingId, 'healEngine'>, SimpleSetting> = {
  autoAccept: { label: 'auto-accept', format: onOff },
  timeLimitMs: { label: 'time limit', format: formatTimeLimit },
  maxAttempts: { label: 'max attempts', format: String },
  reuseAccepted: { label: 'reuse accepted fixes', format: onOff },
  lookAhead: { label: 'look ahead', format: onOff },
  securityCheck: { label: 'security check', format: onOff },
  securityMinSeverity: { label: 'security check minimum severity', format: String },
  securityMinConfidence: { label: 'security check minimum confidence', format: String },
  dnnCheck: { label: 'DNN check', format: onOff },
  patchStrategies: { label: 'patch strategies (K)', format: String },
  patchRounds: { label: 'patch rounds (N)', format: String },
  outputCompare: { label: 'output comparison', format: String },
};

/** The order of the listing: what changes trust first. */
const ORDER: readonly LinkSettingId[] = [
  'autoAccept',
  'timeLimitMs',
  'healEngine',
  'securityCheck',
  'securityMinSeverity',
  'securityMinConfidence',
  'dnnCheck',
  'maxAttempts',
  'reuseAccepted',
  'lookAhead',
  'patchStrategies',
  'patchRounds',
  'outputCompare',
];

/**
 * The link's settings that differ from the current ones, in plain words. Only fields the
 * link carries count; the endpoint URL/model and the WebLLM model count only as part of the
 * heal engine the link selects (an old link's endpoint URL under the rules engine is noise).
 */
export function linkSettingDifferences(link: LinkSettings, current: Settings): LinkSettingDifference[] {
  const suggested = normalizeSettings({ ...current, ...link });
  const out: LinkSettingDifference[] = [];
  for (const id of ORDER) {
    if (id === 'healEngine') {
      const fields = engineFields(suggested.healEngine).filter((key) => link[key] !== undefined);
      const engine = describeEngine(suggested);
      if (fields.length > 0 && engine !== describeEngine(current)) {
        out.push({ id, fields, suggested: `heal engine: ${engine}`, text: `heal engine: ${engine} (yours: ${describeEngine(current)})` });
      }
      continue;
    }
    if (link[id] === undefined || suggested[id] === current[id]) continue;
    const { label, format } = SIMPLE[id] as { label: string; format(value: unknown): string };
    const caution = id === 'autoAccept' && suggested.autoAccept ? ' — heals would merge without your review' : '';
    const line = `${label}: ${format(suggested[id])}`;
    out.push({ id, fields: [id], suggested: line, text: `${line} (yours: ${format(current[id])})${caution}` });
  }
  return out;
}

/** The current settings with exactly the listed differences taken from the link; nothing else changes. */
export function applyLinkSettings(current: Settings, link: LinkSettings, differences: readonly LinkSettingDifference[]): Settings {
  const patch: Record<string, unknown> = {};
  for (const difference of differences) {
    for (const key of difference.fields) if (link[key] !== undefined) patch[key] = link[key];
  }
  return normalizeSettings({ ...current, ...patch });
}

const SHARED_FIELDS: readonly (keyof Settings)[] = [
  'timeLimitMs',
  'autoAccept',
  'maxAttempts',
  'reuseAccepted',
  'lookAhead',
  'securityCheck',
  'securityMinSeverity',
  'securityMinConfidence',
  'dnnCheck',
  'patchStrategies',
  'patchRounds',
  'outputCompare',
];

/**
 * What Share writes: the settings that help reproduce a case, as suggestions for the
 * person who opens it. Never the theme (personal); the endpoint URL and model only when the
 * endpoint is the heal engine, the WebLLM model only when WebLLM is (a local server's
 * address is not shared for nothing).
 */
export function settingsForLink(settings: Settings): LinkSettings {
  const out: Record<string, unknown> = {};
  for (const key of [...SHARED_FIELDS, ...engineFields(settings.healEngine)]) out[key] = settings[key];
  return out as LinkSettings;
}
