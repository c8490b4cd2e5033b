import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  flexRender,
  getCoreRowModel,
  getPaginationRowModel,
  useReactTable,
  type ColumnDef,
} from '@tanstack/react-table';
import { cellText, formatCount, type QueryResult, type ResultColumn } from '../queries';

/** Rows drawn at once; the pager shows the others. */
export const RESULT_PAGE_SIZE = 100;

type Row = unknown[];

function isNumeric(c: ResultColumn): boolean {
  return c.kind === 'number';
}

function Cell({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="null-value">null</span>;
  return <>{cellText(value)}</>;
}

/**
 * A query result as a grid: column headers, numbers right-aligned, nulls as a muted "null",
 * 100 rows a page. Arrow keys move between cells (U-4): ↑ ↓ ← →, Home and End within a row,
 * Ctrl+Home and Ctrl+End to the first and last cell of the page. With `onSelect`, a click on a
 * cell or Enter on it selects its column and value (cross-filtering on dashboards).
 */
export function ResultTable({
  result,
  captionId,
  onSelect,
}: {
  result: QueryResult;
  captionId: string;
  onSelect?(selection: { column: string; value: unknown }): void;
}) {
  const columns = useMemo<ColumnDef<Row>[]>(
    () =>
      result.columns.map((c, i) => ({
        id: String(i),
        header: c.name,
        accessorFn: (row: Row) => row[i],
        cell: (info) => <Cell value={info.getValue()} />,
        meta: c,
      })),
    [result.columns],
  );
  const table = useReactTable({
    data: result.rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getPaginationRowModel: getPaginationRowModel(),
    initialState: { pagination: { pageIndex: 0, pageSize: RESULT_PAGE_SIZE } },
    autoResetPageIndex: true,
  });
  // The one cell in the tab order (roving tabindex); row 0 is the header row.
  const [active, setActive] = useState({ row: 0, col: 0 });
  const tableRef = useRef<HTMLTableElement>(null);

  const pageRows = table.getRowModel().rows;
  const lastRow = pageRows.length; // header + body rows
  const lastCol = Math.max(0, result.columns.length - 1);
  const { pageIndex, pageSize } = table.getState().pagination;
  const first = pageIndex * pageSize;

  function moveTo(row: number, col: number) {
    const r = Math.max(0, Math.min(lastRow, row));
    const c = Math.max(0, Math.min(lastCol, col));
    setActive({ row: r, col: c });
    tableRef.current?.querySelector<HTMLElement>(`[data-cell="${r}:${c}"]`)?.focus();
  }

  function onKeyDown(e: KeyboardEvent<HTMLTableElement>) {
    const cell = (e.target as HTMLElement).closest<HTMLElement>('[data-cell]');
    if (!cell) return;
    const [row, col] = (cell.dataset.cell ?? '0:0').split(':').map(Number);
    const ctrl = e.ctrlKey || e.metaKey;
    if (e.key === 'Enter' && onSelect && row > 0) {
      select(row, col);
      e.preventDefault();
      return;
    }
    switch (e.key) {
      case 'ArrowDown':
        moveTo(row + 1, col);
        break;
      case 'ArrowUp':
        moveTo(row - 1, col);
        break;
      case 'ArrowRight':
        moveTo(row, col + 1);
        break;
      case 'ArrowLeft':
        moveTo(row, col - 1);
        break;
      case 'Home':
        moveTo(ctrl ? 0 : row, 0);
        break;
      case 'End':
        moveTo(ctrl ? lastRow : row, lastCol);
        break;
      default:
        return;
    }
    e.preventDefault();
  }

  function select(row: number, col: number) {
    const picked = pageRows[row - 1];
    if (picked && onSelect) onSelect({ column: result.columns[col].name, value: picked.original[col] });
  }

  function page(to: number) {
    table.setPageIndex(to);
    setActive({ row: 0, col: 0 });
  }

  const tabIndex = (row: number, col: number) =>
    row === Math.min(active.row, lastRow) && col === Math.min(active.col, lastCol) ? 0 : -1;

  return (
    <>
      <div className="table-scroll result-scroll">
        <table
          ref={tableRef}
          className="table result-table"
          role="grid"
          aria-labelledby={captionId}
          aria-rowcount={result.rows.length + 1}
          aria-colcount={result.columns.length}
          onKeyDown={onKeyDown}
          data-testid="query-result"
        >
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id} aria-rowindex={1}>
                {group.headers.map((header, c) => {
                  const col = header.column.columnDef.meta as ResultColumn;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className={isNumeric(col) ? 'num' : undefined}
                      title={col.databaseType || undefined}
                      tabIndex={tabIndex(0, c)}
                      data-cell={`0:${c}`}
                      onFocus={() => setActive({ row: 0, col: c })}
                    >
                      {flexRender(header.column.columnDef.header, header.getContext())}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {pageRows.map((row, r) => (
              <tr key={row.id} aria-rowindex={first + r + 2}>
                {row.getVisibleCells().map((cell, c) => {
                  const col = cell.column.columnDef.meta as ResultColumn;
                  return (
                    <td
                      key={cell.id}
                      role="gridcell"
                      className={[isNumeric(col) ? 'num' : '', onSelect ? 'selectable' : ''].join(' ').trim() || undefined}
                      tabIndex={tabIndex(r + 1, c)}
                      data-cell={`${r + 1}:${c}`}
                      onFocus={() => setActive({ row: r + 1, col: c })}
                      onClick={onSelect ? () => select(r + 1, c) : undefined}
                    >
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {result.rows.length === 0 && (
        <p className="muted" data-testid="query-no-rows">
          The query returned no rows.
        </p>
      )}
      {table.getPageCount() > 1 && (
        <nav className="pager" aria-label="Result pages">
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={() => page(pageIndex - 1)}
            disabled={!table.getCanPreviousPage()}
            data-testid="result-previous"
          >
            Previous
          </button>
          <p data-testid="result-range">
            Rows {formatCount(first + 1)}–{formatCount(first + pageRows.length)} of {formatCount(result.rows.length)}
          </p>
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={() => page(pageIndex + 1)}
            disabled={!table.getCanNextPage()}
            data-testid="result-next"
          >
            Next
          </button>
        </nav>
      )}
    </>
  );
}
