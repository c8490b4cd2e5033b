import { forwardRef, useEffect, useImperativeHandle, useRef, type FocusEvent } from 'react';
import { basicSetup } from 'codemirror';
import { acceptCompletion, autocompletion, completionKeymap } from '@codemirror/autocomplete';
import { MySQL, PostgreSQL, sql, StandardSQL, type SQLDialect, type SQLNamespace } from '@codemirror/lang-sql';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { Compartment, EditorSelection, EditorState, Prec, StateEffect, StateField, type Extension } from '@codemirror/state';
import {
  Decoration,
  EditorView,
  MatchDecorator,
  ViewPlugin,
  keymap,
  type DecorationSet,
  type ViewUpdate,
} from '@codemirror/view';
import { tags } from '@lezer/highlight';

/** What the page does with the editor. */
export interface SqlEditorHandle {
  getValue(): string;
  /** Replaces the whole text (a history entry loaded); the cursor goes to the end. */
  setValue(text: string): void;
  /** Puts `text` at the cursor (replacing a selection) and focuses the editor. */
  insert(text: string): void;
  /** The selected text, or "" when nothing is selected. */
  selection(): string;
  focus(): void;
  /** Marks a 1-based line as the one an error points at (null: none); cleared by the next edit. */
  markErrorLine(line: number | null, column?: number | null): void;
}

interface SqlEditorProps {
  initialValue: string;
  /** The id of the visible label. */
  labelId: string;
  /** Ids of the hint and error texts. */
  describedBy?: string;
  invalid?: boolean;
  /** `driver` of the data source, for the SQL dialect (keywords, quoting). */
  driver: string | null;
  /** Tables and columns for completion; null while unknown. */
  schema: SQLNamespace | null;
  defaultSchema?: string;
  onChange(text: string): void;
  /** Ctrl/Cmd+Enter. */
  onRun(): void;
  testId?: string;
  /** Shown, selectable and copyable, but not editable (a report the reader may only read). */
  readOnly?: boolean;
}

function readOnlyExtension(readOnly: boolean): Extension {
  return [EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)];
}

export function dialectFor(driver: string | null): SQLDialect {
  const d = (driver ?? '').toLowerCase();
  if (d.includes('postgres')) return PostgreSQL;
  if (d.includes('maria') || d.includes('mysql')) return MySQL;
  return StandardSQL;
}

// Colours come from the theme variables, so light and dark both keep AA contrast (contrast.test.ts).
const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.operatorKeyword, tags.modifier], color: 'var(--code-keyword)', fontWeight: '600' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--code-string)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--code-number)' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: 'var(--text-muted)', fontStyle: 'italic' },
  { tag: [tags.typeName, tags.standard(tags.name)], color: 'var(--code-type)' },
  { tag: tags.special(tags.name), color: 'var(--code-string)' },
]);

const editorTheme = EditorView.theme({
  '&': {
    color: 'var(--text)',
    backgroundColor: 'var(--surface)',
    border: '1px solid var(--border)',
    borderRadius: '6px',
    fontSize: '0.95rem',
  },
  '&.cm-focused': { outline: '3px solid var(--focus)', outlineOffset: '2px' },
  '.cm-scroller': {
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    minHeight: '12rem',
    maxHeight: '28rem',
    overflow: 'auto',
  },
  '.cm-content': { caretColor: 'var(--text)', minHeight: '12rem' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
  '.cm-gutters': {
    backgroundColor: 'var(--bg)',
    color: 'var(--text-muted)',
    borderRight: '1px solid var(--border)',
    borderRadius: '6px 0 0 6px',
  },
  '.cm-activeLine': { backgroundColor: 'transparent' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--accent-soft)', color: 'var(--text)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'var(--selection) !important',
  },
  '.cm-tooltip': { backgroundColor: 'var(--surface)', color: 'var(--text)', border: '1px solid var(--border)' },
  '.cm-tooltip-autocomplete ul li[aria-selected]': { backgroundColor: 'var(--accent)', color: 'var(--accent-text)' },
  '.cm-panels': { backgroundColor: 'var(--bg)', color: 'var(--text)' },
  '.cm-template': {
    color: 'var(--code-template)',
    backgroundColor: 'var(--accent-soft)',
    borderRadius: '3px',
    fontWeight: '600',
  },
  '.cm-error-line': { backgroundColor: 'var(--error-bg)', boxShadow: 'inset 3px 0 0 var(--error)' },
});

// {{name}}, {{name.start}}, {{snippet:name}}: shown as template tokens, not as SQL.
const templateMarks = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    private readonly matcher = new MatchDecorator({
      regexp: /\{\{[^{}\n]*\}\}/g,
      decoration: Decoration.mark({ class: 'cm-template' }),
    });
    constructor(view: EditorView) {
      this.decorations = this.matcher.createDeco(view);
    }
    update(update: ViewUpdate) {
      this.decorations = this.matcher.updateDeco(update, this.decorations);
    }
  },
  { decorations: (v) => v.decorations },
);

const setErrorLine = StateEffect.define<number | null>();

const errorLine = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    for (const e of tr.effects) {
      if (e.is(setErrorLine)) {
        if (e.value === null || e.value < 1 || e.value > tr.state.doc.lines) return Decoration.none;
        const line = tr.state.doc.line(e.value);
        return Decoration.set([Decoration.line({ class: 'cm-error-line', attributes: { 'data-error-line': 'true' } }).range(line.from)]);
      }
    }
    return tr.docChanged ? Decoration.none : deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

// Enter always breaks the line, even with suggestions open: a fast typist (or a browser test
// typing "SELECT id⏎FROM t") must not have a suggestion accepted instead. Tab accepts one.
const completionKeys: Extension = [
  autocompletion({ defaultKeymap: false, icons: false }),
  Prec.high(keymap.of([...completionKeymap.filter((b) => b.key !== 'Enter'), { key: 'Tab', run: acceptCompletion }])),
];

function language(driver: string | null, schema: SQLNamespace | null, defaultSchema?: string): Extension {
  return sql({ dialect: dialectFor(driver), schema: schema ?? undefined, defaultSchema, upperCaseKeywords: true });
}

/**
 * The SQL editor: CodeMirror 6 with SQL highlighting, completion of keywords (and of tables and
 * columns when `schema` is known), template tokens marked, and Ctrl/Cmd+Enter to run. The text
 * lives in the editor; the page reads and changes it through the handle.
 */
export const SqlEditor = forwardRef<SqlEditorHandle, SqlEditorProps>(function SqlEditor(
  { initialValue, labelId, describedBy, invalid, driver, schema, defaultSchema, onChange, onRun, testId, readOnly = false },
  ref,
) {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const langRef = useRef(new Compartment());
  const attrsRef = useRef(new Compartment());
  const readOnlyRef = useRef(new Compartment());
  const onChangeRef = useRef(onChange);
  const onRunRef = useRef(onRun);
  onChangeRef.current = onChange;
  onRunRef.current = onRun;

  function contentAttributes(): Extension {
    return EditorView.contentAttributes.of({
      'aria-labelledby': labelId,
      ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      ...(invalid ? { 'aria-invalid': 'true' } : {}),
      ...(readOnly ? { 'aria-readonly': 'true' } : {}),
      'aria-multiline': 'true',
      'aria-keyshortcuts': 'Control+Enter Meta+Enter',
      spellcheck: 'false',
      autocapitalize: 'off',
      autocorrect: 'off',
    });
  }

  useEffect(() => {
    const view = new EditorView({
      parent: hostRef.current!,
      state: EditorState.create({
        doc: initialValue,
        extensions: [
          Prec.highest(
            keymap.of([
              {
                key: 'Mod-Enter',
                preventDefault: true,
                run: () => {
                  onRunRef.current();
                  return true;
                },
              },
            ]),
          ),
          basicSetup,
          completionKeys,
          langRef.current.of(language(driver, schema, defaultSchema)),
          attrsRef.current.of(contentAttributes()),
          readOnlyRef.current.of(readOnlyExtension(readOnly)),
          syntaxHighlighting(highlight),
          editorTheme,
          templateMarks,
          errorLine,
          EditorView.lineWrapping,
          EditorView.updateListener.of((u) => {
            if (u.docChanged) onChangeRef.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    viewRef.current = view;
    return () => {
      view.destroy();
      viewRef.current = null;
    };
    // The editor is made once; later prop changes go through the compartments below.
  }, []);

  useEffect(() => {
    viewRef.current?.dispatch({ effects: langRef.current.reconfigure(language(driver, schema, defaultSchema)) });
  }, [driver, schema, defaultSchema]);

  useEffect(() => {
    viewRef.current?.dispatch({ effects: attrsRef.current.reconfigure(contentAttributes()) });
  }, [labelId, describedBy, invalid, readOnly]);

  useEffect(() => {
    viewRef.current?.dispatch({ effects: readOnlyRef.current.reconfigure(readOnlyExtension(readOnly)) });
  }, [readOnly]);

  useImperativeHandle(
    ref,
    () => ({
      getValue: () => viewRef.current?.state.doc.toString() ?? '',
      setValue(text: string) {
        const view = viewRef.current;
        if (!view) return;
        view.dispatch({
          changes: { from: 0, to: view.state.doc.length, insert: text },
          selection: EditorSelection.cursor(text.length),
          effects: setErrorLine.of(null),
        });
      },
      insert(text: string) {
        const view = viewRef.current;
        if (!view) return;
        view.dispatch(view.state.replaceSelection(text));
        view.focus();
      },
      selection() {
        const view = viewRef.current;
        if (!view) return '';
        const { from, to } = view.state.selection.main;
        return view.state.sliceDoc(from, to);
      },
      focus: () => viewRef.current?.focus(),
      markErrorLine(line: number | null, column?: number | null) {
        const view = viewRef.current;
        if (!view) return;
        const effects = setErrorLine.of(line);
        if (line === null || line < 1 || line > view.state.doc.lines) {
          view.dispatch({ effects });
          return;
        }
        const at = view.state.doc.line(line);
        const pos = Math.min(at.to, at.from + Math.max(0, (column ?? 1) - 1));
        view.dispatch({ effects: [effects, EditorView.scrollIntoView(pos, { y: 'center' })], selection: EditorSelection.cursor(pos) });
      },
    }),
    [],
  );

  // Focus given to the wrapper (a browser test's sendKeys, a label click) goes on to the text.
  function onFocus(e: FocusEvent<HTMLDivElement>) {
    if (e.target === e.currentTarget) viewRef.current?.focus();
  }

  return <div ref={hostRef} className="sql-editor" tabIndex={-1} onFocus={onFocus} data-testid={testId} />;
});
