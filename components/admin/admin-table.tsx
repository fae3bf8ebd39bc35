import type { ReactNode } from 'react';

/**
 * The table every admin page lists its records in (the dashboard's table
 * style); rows are the children. `numeric` holds the indexes of right-aligned columns.
 */
export function AdminTable({
  label,
  columns,
  numeric = [],
  compact,
  children,
}: {
  /** Names the table's scroll region (narrow screens scroll it sideways, also by keyboard). */
  label: string;
  columns: readonly ReactNode[];
  numeric?: readonly number[];
  compact?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="table-wrap scroll admin-table" role="region" aria-label={label} tabIndex={0}>
      <table className={compact ? 'data admin compact' : 'data admin'}>
        <thead>
          <tr>
            {columns.map((label, i) => (
              <th key={i} scope="col" className={numeric.includes(i) ? 'num' : undefined}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
