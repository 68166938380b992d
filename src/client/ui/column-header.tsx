/** A table's column header, written once: always `scope="col"`, right-aligned for numbers. */
import type { ReactNode } from 'react';

export function ColumnHeader({ numeric = false, children }: { numeric?: boolean; children: ReactNode }) {
  return (
    <th scope="col" className={numeric ? 'numeric' : undefined}>
      {children}
    </th>
  );
}
