import { describe, expect, it } from 'vitest';
import { deflateSync, strToU8 } from 'fflate';
import { LINK_SETTINGS_WRONG_TYPES_JSON, LINK_TRUST_PROGRAM, LINK_TRUST_SETTINGS, LINK_TRUST_SETTINGS_FULL } from '../../test/attacks.ts';
import { applyLinkSettings, describeEngine, formatTimeLimit, linkSettingDifferences, settingsForLink, type LinkSettings } from './link-settings.ts';
import { decodePermalink, encodePermalink } from './permalink.ts';
import { defaultSettings, normalizeSettings, type Settings } from './settings.ts';

const mine: Settings = { ...defaultSettings, theme: 'light' };

/** What a page holds after opening a link: decoding gives suggestions; nothing merges them into the settings. */
function open(linkSettings: unknown): LinkSettings {
  const decoded = decodePermalink(encodePermalink({ code: LINK_TRUST_PROGRAM, stdin: '', expectedOutput: null, settings: linkSettings as LinkSettings }));
  if (!decoded.ok) throw new Error(decoded.message);
  return decoded.payload.settings ?? {};
}

describe('a link never applies its settings', () => {
  it('decodes trust-lowering settings as suggestions only; the listing shows each in plain words', () => {
    const suggested = open(LINK_TRUST_SETTINGS);
    const differences = linkSettingDifferences(suggested, mine);
    expect(differences.map((d) => d.text)).toEqual([
      'auto-accept: on (yours: off) — heals would merge without your review',
      'time limit: none (yours: 30 s)',
      'heal engine: chat endpoint http://localhost:1234/v1, model attacker-model (yours: rules)',
      'security check: off (yours: on)',
      'security check minimum severity: HIGH (yours: LOW)',
      'security check minimum confidence: HIGH (yours: LOW)',
      'DNN check: off (yours: on)',
      'max attempts: 10 (yours: 3)',
    ]);
    // The theme is personal: never listed, never applied.
    expect(differences.some((d) => d.fields.includes('theme'))).toBe(false);
  });

  it.each([
    ['autoAccept true', { autoAccept: true }, 'autoAccept', 'auto-accept: on (yours: off)'],
    ['timeLimitMs 0', { timeLimitMs: 0 }, 'timeLimitMs', 'time limit: none (yours: 30 s)'],
    [
      'an endpoint on another port',
      { healEngine: 'endpoint', endpointUrl: 'http://localhost:1234/v1' },
      'healEngine',
      'heal engine: chat endpoint http://localhost:1234/v1, model qwen2.5-coder:7b (yours: rules)',
    ],
    ['the security check off', { securityCheck: false }, 'securityCheck', 'security check: off (yours: on)'],
    ['the DNN check off', { dnnCheck: false }, 'dnnCheck', 'DNN check: off (yours: on)'],
  ])('a link with %s leaves the settings unchanged and lists it; using it applies exactly that', (_, link, id, text) => {
    const before = structuredClone(mine);
    const differences = linkSettingDifferences(open(link), mine);
    expect(mine).toEqual(before); // comparing changes nothing
    expect(differences).toHaveLength(1);
    expect(differences[0]).toMatchObject({ id, text: expect.stringContaining(text) });
    const applied = applyLinkSettings(mine, open(link), differences);
    const changed = (Object.keys(applied) as (keyof Settings)[]).filter((k) => applied[k] !== mine[k]);
    expect(changed.sort()).toEqual(Object.keys(link).sort());
    expect(applied).toEqual({ ...mine, ...link });
  });

  it('applies exactly the listed lines: an unlisted auto-accept is never switched on', () => {
    const suggested = open(LINK_TRUST_SETTINGS);
    const listed = linkSettingDifferences(suggested, mine).filter((d) => d.id !== 'autoAccept');
    const applied = applyLinkSettings(mine, suggested, listed);
    expect(applied.autoAccept).toBe(false);
    expect(applied).toMatchObject({ timeLimitMs: 0, healEngine: 'endpoint', endpointUrl: 'http://localhost:1234/v1', securityCheck: false, theme: 'light' });
    // With everything listed, auto-accept comes along (the user saw "auto-accept: on").
    expect(applyLinkSettings(mine, suggested, linkSettingDifferences(suggested, mine)).autoAccept).toBe(true);
    // A list made when auto-accept was already on does not carry it: switched off since, it stays off.
    const whenOn = linkSettingDifferences(suggested, { ...mine, autoAccept: true });
    expect(whenOn.some((d) => d.id === 'autoAccept')).toBe(false);
    expect(applyLinkSettings(mine, suggested, whenOn).autoAccept).toBe(false);
  });

  it('an old link with the full settings object lists what differs, never the theme', () => {
    const suggested = open(LINK_TRUST_SETTINGS_FULL);
    expect(suggested.theme).toBe('dark'); // decoded faithfully…
    const differences = linkSettingDifferences(suggested, mine);
    expect(differences.map((d) => d.id)).toEqual([
      'autoAccept',
      'timeLimitMs',
      'healEngine',
      'securityCheck',
      'securityMinSeverity',
      'securityMinConfidence',
      'dnnCheck',
      'maxAttempts',
      'reuseAccepted',
      'patchStrategies',
      'patchRounds',
    ]);
    expect(applyLinkSettings(mine, suggested, differences).theme).toBe('light'); // …never applied
  });

  it('settings of the wrong type, and prototype keys, are dropped', () => {
    const link = `#v1.${Buffer.from(deflateSync(strToU8(LINK_SETTINGS_WRONG_TYPES_JSON))).toString('base64url')}`;
    const decoded = decodePermalink(link);
    expect(decoded.ok && decoded.payload.settings).toEqual({});
    expect(linkSettingDifferences(decoded.ok ? decoded.payload.settings! : {}, mine)).toEqual([]);
    expect(({} as Record<string, unknown>).autoAccept).toBeUndefined();
  });

  it('lists nothing for a link with the same settings, or with none', () => {
    expect(linkSettingDifferences(settingsForLink(mine), mine)).toEqual([]);
    expect(linkSettingDifferences({}, mine)).toEqual([]);
  });
});

describe('the heal engine line', () => {
  it('ignores an old link’s endpoint URL when its engine is not the endpoint', () => {
    expect(linkSettingDifferences({ healEngine: 'rules', endpointUrl: 'http://localhost:1234/v1' }, mine)).toEqual([]);
  });

  it('shows a different URL for the same endpoint engine, and applies URL and model only', () => {
    const current = { ...mine, healEngine: 'endpoint' as const };
    const link = { endpointUrl: 'http://localhost:1234/v1' };
    const differences = linkSettingDifferences(link, current);
    expect(differences).toEqual([
      {
        id: 'healEngine',
        fields: ['endpointUrl'],
        suggested: 'heal engine: chat endpoint http://localhost:1234/v1, model qwen2.5-coder:7b',
        text: 'heal engine: chat endpoint http://localhost:1234/v1, model qwen2.5-coder:7b (yours: chat endpoint http://localhost:11434/v1, model qwen2.5-coder:7b)',
      },
    ]);
    expect(applyLinkSettings(current, link, differences)).toEqual({ ...current, endpointUrl: 'http://localhost:1234/v1' });
  });

  it('names the WebLLM model, or the default choice', () => {
    expect(linkSettingDifferences({ healEngine: 'webllm', webllmModel: 'Qwen2.5-Coder-1.5B' }, mine)[0]!.text).toBe(
      'heal engine: local model Qwen2.5-Coder-1.5B (yours: rules)',
    );
    expect(describeEngine({ ...mine, healEngine: 'webllm' })).toBe('local model (the largest that fits)');
    expect(describeEngine({ ...mine, healEngine: 'off' })).toBe('off');
  });

  it('formats time limits', () => {
    expect(formatTimeLimit(0)).toBe('none');
    expect(formatTimeLimit(30_000)).toBe('30 s');
    expect(formatTimeLimit(2500)).toBe('2.5 s');
  });
});

describe('settingsForLink (what Share writes)', () => {
  it('writes the heal-relevant settings, never the theme, and the endpoint only when it is the engine', () => {
    const shared = settingsForLink({ ...mine, theme: 'dark', timeLimitMs: 5000, endpointUrl: 'http://10.0.0.5:11434/v1' });
    expect(shared).not.toHaveProperty('theme');
    expect(shared).not.toHaveProperty('endpointUrl');
    expect(shared).not.toHaveProperty('webllmModel');
    expect(shared).toMatchObject({ timeLimitMs: 5000, healEngine: 'rules', autoAccept: false, securityCheck: true });
    const endpoint = settingsForLink({ ...mine, healEngine: 'endpoint' });
    expect(endpoint).toMatchObject({ healEngine: 'endpoint', endpointUrl: mine.endpointUrl, endpointModel: mine.endpointModel });
  });

  it('round-trips through a link: the receiver with other settings sees them listed', () => {
    const sender = { ...mine, timeLimitMs: 5000, maxAttempts: 5 };
    const suggested = open(settingsForLink(sender));
    expect(linkSettingDifferences(suggested, mine).map((d) => d.text)).toEqual(['time limit: 5 s (yours: 30 s)', 'max attempts: 5 (yours: 3)']);
    expect(normalizeSettings({ ...mine, ...suggested })).toEqual({ ...sender, theme: mine.theme });
  });
});

describe('look-ahead in links', () => {
  it('is shared as a suggestion and listed when it differs', () => {
    expect(settingsForLink({ ...mine, lookAhead: true }).lookAhead).toBe(true);
    const differences = linkSettingDifferences({ lookAhead: true }, mine);
    expect(differences.map((d) => d.text)).toEqual(['look ahead: on (yours: off)']);
    expect(applyLinkSettings(mine, { lookAhead: true }, differences).lookAhead).toBe(true);
  });
});
