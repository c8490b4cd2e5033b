import { asDataSources, dsPath, type DataSource } from './datasources';
import type { Failure } from './api';
import { useLoad } from './useLoad';

export interface LoadedDataSource {
  ds: DataSource | null;
  failure: Failure | null;
  /** The list loaded and has no data source with this id (deleted, or another organization's). */
  missing: boolean;
}

/** One data source, found in the list GET /api/datasources answers (nothing while `id` is null). */
export function useDataSource(id: string | null, action: string): LoadedDataSource {
  const list = useLoad(id === null ? null : dsPath(), action, asDataSources);
  const ds = list.data?.find((d) => d.id === id) ?? null;
  return { ds, failure: list.failure, missing: list.data !== null && ds === null };
}
