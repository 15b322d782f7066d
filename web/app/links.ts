// Permalinks. Opening one brings code, test case and recorded heals; its settings are only
// listed, with a button to use them, and nothing runs. The work it replaces goes into the
// history, and each link gets its own notice (never replaced by the next one). Share puts
// the work, the suggested settings and the heal timeline into the address bar.
import { batch } from 'solid-js';
import { decodePermalink, isLongLink, permalinkUrl } from '../state/permalink.ts';
import { applyLinkSettings, linkSettingDifferences, settingsForLink, type LinkSettingDifference, type LinkSettings } from '../state/link-settings.ts';
import { parseTrace, serializeTrace } from '../state/heal/trace.ts';
import type { NoticeAction } from '../state/notices.ts';
import { plural } from '../state/plural.ts';
import { sameWork, workOf } from '../state/workspace.ts';
import type { HealController } from './heal.ts';
import type { Notices } from './notices.ts';
import type { WorkspaceStore } from './workspace.ts';

export interface LinksDeps {
  workspace: WorkspaceStore;
  notices: Notices;
  heal: Pick<HealController, 'showRecorded' | 'recorded' | 'startReplay' | 'trace'>;
  /** Loads the chosen local model from the browser cache (never a download). */
  restoreModel(): void;
}

/** The parts of each link notice's text: Run drops "not run", using the settings drops the list. */
interface LinkNotice {
  opened: string;
  ran: boolean;
  listed: string;
}
const linkNoticeText = (l: LinkNotice) => l.opened + (l.ran ? '' : ' It has not been run: press Run to start it.') + l.listed;

export type Links = ReturnType<typeof createLinks>;

export function createLinks(deps: LinksDeps) {
  const { workspace, notices, heal } = deps;
  const linkNotices = new Map<number, LinkNotice>();

  function open(hash: string): void {
    if (!hash.startsWith('#v')) return; // an ordinary anchor, not ours
    const decoded = decodePermalink(hash);
    if (!decoded.ok) {
      if (decoded.reason !== 'empty') notices.notify('error', decoded.message);
      return;
    }
    const { heals, settings: suggested = {}, ...shared } = decoded.payload;
    const previous = workspace.replaceWork(shared, 'link');
    heal.showRecorded(shared.code, heals ? parseTrace(heals) : null);
    const recorded = heal.recorded();
    const differences = linkSettingDifferences(suggested, workspace.settings());
    const notice: LinkNotice = {
      opened: `Opened a shared program${recorded ? ` with ${plural(recorded.entries.length, 'recorded heal decision')}: their handling code is in the Heal timeline and runs only if you choose "Run the recorded heals"` : ''}.`,
      ran: false,
      listed:
        differences.length === 0
          ? ''
          : ` The link suggests ${differences.length === 1 ? 'a setting that differs' : 'settings that differ'} from yours; yours are unchanged:`,
    };
    const actions: NoticeAction[] = [];
    let id = 0;
    if (recorded) actions.push({ label: 'Run the recorded heals', run: heal.startReplay });
    if (differences.length > 0) actions.push({ label: "Use the link's settings", run: () => useLinkSettings(id, suggested, differences) });
    if (!sameWork(previous, shared)) actions.push(workspace.restoreAction('Restore my previous code', previous, { closesNotice: true }));
    id = notices.notify('info', linkNoticeText(notice), actions, { persist: true, details: differences.map((d) => d.text) });
    linkNotices.set(id, notice);
  }

  /** Applies exactly the listed settings (with Undo); the link's notice no longer lists them. */
  function useLinkSettings(noticeId: number, suggested: LinkSettings, differences: readonly LinkSettingDifference[]): void {
    const before = workspace.settings();
    workspace.setSettings(applyLinkSettings(before, suggested, differences));
    const notice = linkNotices.get(noticeId);
    if (notice) {
      notice.listed = '';
      notices.update(noticeId, { text: linkNoticeText(notice), details: undefined });
    }
    notices.notify('info', `Using the link's settings: ${differences.map((d) => d.suggested).join('; ')}.`, {
      label: 'Undo',
      run: () => {
        workspace.setSettings((s) => applyLinkSettings(s, before, differences));
      },
    });
    if (workspace.settings().healEngine === 'webllm') deps.restoreModel();
  }

  /** Run started: link notices stop saying "not run"; one without actions has said all it had to. */
  function markRan(): void {
    batch(() => {
      for (const [id, notice] of linkNotices) {
        if (notice.ran) continue;
        notice.ran = true;
        if (notices.find(id)?.actions.length) notices.update(id, { text: linkNoticeText(notice) });
        else {
          notices.dismiss(id);
          linkNotices.delete(id);
        }
      }
    });
  }

  async function share(): Promise<void> {
    const trace = heal.trace();
    const url = permalinkUrl(location.href, {
      ...workOf(workspace.current()),
      settings: settingsForLink(workspace.settings()),
      heals: trace.length ? serializeTrace(trace, { dropPrompts: true }) : undefined,
    });
    history.replaceState(null, '', url);
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      copied = false; // no clipboard permission (e.g. not focused): the address bar has the link
    }
    notices.notify(
      'info',
      copied ? 'Link copied to the clipboard and put in the address bar.' : 'Link put in the address bar (copying to the clipboard was not allowed).',
    );
    if (isLongLink(url)) notices.notify('warning', `This link is long (${url.length.toLocaleString()} characters); some chat and mail tools cut long links.`);
  }

  return { open, share, markRan };
}
