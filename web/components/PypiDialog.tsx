// "Install X from PyPI?": asked before anything is fetched from PyPI for an import the package
// index does not have. Only pure-Python wheels; the program waits for the answer.
import { For } from 'solid-js';
import type { PypiRequest } from '../app/packages.ts';
import { Modal } from './Modal.tsx';

export function PypiDialog(props: { request: PypiRequest }) {
  const names = () => props.request.projects.map((p) => p.project).join(', ');
  return (
    <Modal label="Install from PyPI" class="pypi-dialog" testid="pypi-dialog" closeOnBackdrop={false} onClose={() => props.request.answer(false)}>
      <h2>Install {names()} from PyPI?</h2>
      <p>The program imports modules that Pyodide's package index does not have:</p>
      <ul>
        <For each={props.request.projects}>
          {(p) => (
            <li>
              <code>{p.importName}</code> → PyPI project <code>{p.project}</code>
            </li>
          )}
        </For>
      </ul>
      <p class="muted">
        Only pure-Python wheels can run here, with what they require. Each file is checked against PyPI's sha256 and cached; the code runs with your program.
        Nothing is fetched unless you say so.
      </p>
      <div class="actions">
        <button type="button" class="primary" data-testid="pypi-install" onClick={() => props.request.answer(true)}>
          Install from PyPI
        </button>
        <button type="button" data-testid="pypi-decline" onClick={() => props.request.answer(false)}>
          Run without
        </button>
      </div>
    </Modal>
  );
}
