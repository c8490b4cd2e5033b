import { useMemo } from 'react';
import type { SQLNamespace } from '@codemirror/lang-sql';
import { asSchemaInfo, dsPath, type SchemaInfo } from './datasources';
import { useLoad } from './useLoad';

/** The schema as CodeMirror completes it: schema → table → columns. */
export function completionSchema(info: SchemaInfo | null): { schema: SQLNamespace | null; defaultSchema?: string } {
  if (!info || info.schemas.length === 0) return { schema: null };
  const schema: Record<string, Record<string, string[]>> = {};
  for (const s of info.schemas) {
    schema[s.name] = Object.fromEntries(s.tables.map((t) => [t.name, t.columns.map((c) => c.name)]));
  }
  // Unqualified table names complete from the schema most queries use.
  const preferred =
    info.schemas.find((s) => s.name.toLowerCase() === 'public') ??
    [...info.schemas].sort((a, b) => b.tables.length - a.tables.length)[0];
  return { schema, defaultSchema: preferred.name };
}

/** Tables and columns of a data source for the SQL editor's completion (nothing while null). */
export function useSchemaCompletion(dataSourceId: string | null) {
  const load = useLoad(dataSourceId ? dsPath(dataSourceId, '/schema') : null, 'Reading the schema', asSchemaInfo);
  const info = load.failure ? null : load.data;
  return useMemo(() => completionSchema(info), [info]);
}
