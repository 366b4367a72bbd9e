import { ReactNode } from 'react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';

/** A column of a `SimpleTable`. @internal */
export interface SimpleColumn<T> {
  title: string;
  render: (row: T) => ReactNode;
}

/** A small, dense table with a message when there are no rows. @internal */
export function SimpleTable<T>(props: {
  columns: SimpleColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  emptyMessage: string;
  label: string;
}) {
  const { columns, rows, rowKey, emptyMessage, label } = props;
  if (rows.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary" style={{ padding: 16 }}>
        {emptyMessage}
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          {columns.map(column => (
            <TableCell key={column.title}>{column.title}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(row => (
          <TableRow key={rowKey(row)}>
            {columns.map(column => (
              <TableCell key={column.title}>{column.render(row)}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
