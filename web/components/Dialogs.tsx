// Every dialog of the page, declared once and shown from the app layer's state: the patch
// review, the bug report, the export, the model manager, the history and the palette.
import { Show } from 'solid-js';
import { useRepl } from '../app/context.tsx';
import { BugReportDialog } from './BugReportDialog.tsx';
import { CommandPalette } from './CommandPalette.tsx';
import { ExportDialog } from './ExportDialog.tsx';
import { HistoryDialog } from './HistoryDialog.tsx';
import { ModelManager } from './ModelManager.tsx';
import { PatchReview } from './PatchReview.tsx';
import { PypiDialog } from './PypiDialog.tsx';

export function Dialogs() {
  const app = useRepl();
  const { dialogs, reviews, security, workspace } = app;
  return (
    <>
      <Show when={reviews.view()}>
        {(r) => (
          <PatchReview
            title={r().title}
            original={r().original}
            candidates={r().candidates}
            busy={r().busy}
            log={r().log}
            theme={workspace.theme()}
            onAccept={reviews.accept}
            onCancel={reviews.cancel}
            onClose={reviews.close}
          />
        )}
      </Show>
      <Show when={security.bugReportView()}>
        {(report) => (
          <BugReportDialog
            title={report().title}
            text={report().text}
            busy={report().busy}
            onClose={security.closeBugReport}
            onCopy={security.copyBugReport}
            onDownload={security.downloadBugReport}
          />
        )}
      </Show>
      <Show when={dialogs.exporting()}>
        <ExportDialog items={app.exports.items()} onDownload={app.exports.download} onClose={dialogs.closeExport} />
      </Show>
      <Show when={dialogs.modelManager()}>
        <ModelManager manager={app.models} settings={workspace.settings()} onSettings={workspace.updateSettings} onClose={dialogs.closeModelManager} />
      </Show>
      <Show when={dialogs.history()}>
        {(entries) => (
          <HistoryDialog
            entries={entries()}
            onClose={dialogs.closeHistory}
            onRestore={(entry) => {
              dialogs.closeHistory();
              workspace.restoreEntry(entry);
            }}
          />
        )}
      </Show>
      <Show when={app.packages.question()}>{(request) => <PypiDialog request={request()} />}</Show>
      <Show when={dialogs.palette()}>
        <CommandPalette isMac={app.isMac} enabled={app.enabled} onRun={app.execute} onClose={dialogs.closePalette} />
      </Show>
    </>
  );
}
