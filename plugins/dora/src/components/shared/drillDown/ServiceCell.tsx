import TableCell from '@material-ui/core/TableCell';
import { EntityRefLink } from '@backstage/plugin-catalog-react';

/** The service a team's row belongs to, by its display name. */
export function ServiceCell(props: { show: boolean; entityRef: string }) {
  if (!props.show) return null;
  return (
    <TableCell>
      <EntityRefLink entityRef={props.entityRef} />
    </TableCell>
  );
}
