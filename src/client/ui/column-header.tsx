/** A table's column header, written once: always `scope="col"`, right-aligned for numbers. */
import type { ReactNode } from 'react';

/** `className` names the column, e.g. for the narrow layout to drop it. */
export function ColumnHeader({ numeric = false, className, children }: { numeric?: boolean; className?: string; children: ReactNode }) {
  const classes = [numeric ? 'numeric' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <th scope="col" className={classes || undefined}>
      {children}
    </th>
  );
}
