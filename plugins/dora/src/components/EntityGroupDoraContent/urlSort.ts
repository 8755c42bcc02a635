import { TableColumn } from '@backstage/core-components';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/** The search params a table's sort lives in. */
export interface SortParams {
  sort: string;
  dir: string;
}

/** `?sort=<column>&dir=asc|desc`: the main table of a page. */
export const SORT_PARAMS: SortParams = { sort: 'sort', dir: 'dir' };

/** A column's name in the URL: the first part of its field, names of rows as `name`. */
export function columnId<T extends object>(
  column: TableColumn<T>,
): string | undefined {
  const field = typeof column.field === 'string' ? column.field : undefined;
  if (!field) return undefined;
  const head = field.split('.')[0];
  const aliases: Record<string, string> = {
    entityRef: 'name',
    groupRef: 'name',
    title: 'name',
    levels: 'level',
    serviceCount: 'services',
  };
  return aliases[head] ?? head;
}

/**
 * A table's sort kept in the URL, so a reload or a shared link keeps it:
 * the columns with the URL's sort as their default, and the handler that
 * writes a new sort (with replace; the page's other params are kept).
 */
export function useUrlSort<T extends object>(
  columns: TableColumn<T>[],
  params: SortParams = SORT_PARAMS,
): {
  columns: TableColumn<T>[];
  onOrderChange: (orderBy: number, direction: 'asc' | 'desc' | '') => void;
} {
  const [searchParams, setSearchParams] = useSearchParams();
  const sort = searchParams.get(params.sort);
  const dir = searchParams.get(params.dir) === 'desc' ? 'desc' : 'asc';
  const sorted = columns.map(column => {
    const { defaultSort: _ignored, ...rest } = column;
    return sort !== null &&
      column.sorting !== false &&
      columnId(column) === sort
      ? { ...rest, defaultSort: dir }
      : rest;
  });
  const ids = columns.map(columnId).join(',');
  const onOrderChange = useCallback(
    (orderBy: number, direction: 'asc' | 'desc' | '') => {
      const id = orderBy >= 0 ? ids.split(',')[orderBy] : '';
      setSearchParams(
        current => {
          const next = new URLSearchParams(current);
          if (id && direction) {
            next.set(params.sort, id);
            next.set(params.dir, direction);
          } else {
            next.delete(params.sort);
            next.delete(params.dir);
          }
          return next;
        },
        { replace: true },
      );
    },
    [ids, params.sort, params.dir, setSearchParams],
  );
  return { columns: sorted as TableColumn<T>[], onOrderChange };
}
