import { TableColumn } from '@backstage/core-components';

/** How many services a pooled team row counts (sub-teams included). */
export function serviceCountColumn<
  T extends { serviceCount: number },
>(): TableColumn<T> {
  return { title: 'Services', field: 'serviceCount' };
}
