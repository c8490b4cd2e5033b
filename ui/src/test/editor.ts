import { act, screen, waitFor } from '@testing-library/react';
import { EditorView } from '@codemirror/view';
import { expect } from 'vitest';

/** The CodeMirror view inside the SqlEditor with this test id. */
export function editorViewIn(testId: string): EditorView {
  const content = screen.getByTestId(testId).querySelector('.cm-content');
  const view = content && EditorView.findFromDOM(content as HTMLElement);
  if (!view) throw new Error(`no CodeMirror editor in ${testId}`);
  return view;
}

/** Types into the editor as CodeMirror would after keystrokes (happy-dom has no real editing). */
export function setEditorText(testId: string, text: string): void {
  const view = editorViewIn(testId);
  act(() => {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, userEvent: 'input.type' });
  });
}

/** Waits until the lazily loaded editor has mounted. */
export async function editorReady(testId: string): Promise<void> {
  await waitFor(() => expect(screen.getByTestId(testId).querySelector('.cm-content')).not.toBeNull());
}
