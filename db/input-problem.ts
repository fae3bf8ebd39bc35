// Which database errors are the client's fault: shared by route handlers,
// server actions and the CLIs (no framework imports here).

/**
 * A PostgreSQL error caused by the value a client sent — class 22 (data
 * exception: out of range, bad encoding such as NUL, impossible date) or 23
 * (integrity: duplicate, missing reference, check) — as the field it names
 * and a message that quotes nothing. Null for any other error.
 */
export function databaseInputProblem(err: unknown): { field: string; message: string } | null {
  const e = err as { code?: unknown; column?: unknown; constraint?: unknown; table?: unknown } | undefined;
  const code = e?.code;
  if (typeof code !== 'string' || !/^2[23][0-9A-Z]{3}$/.test(code)) return null;
  // A constraint is named <table>_<column>_<kind> by PostgreSQL's defaults.
  const fromConstraint =
    typeof e?.constraint === 'string'
      ? e.constraint
          .replace(typeof e.table === 'string' ? new RegExp(`^${e.table}_`) : /^$/, '')
          .replace(/_(key|fkey|check|pkey|not_null|idx)$/, '')
      : null;
  const field = typeof e?.column === 'string' ? e.column : fromConstraint || 'input';
  const what: Record<string, string> = {
    '22001': 'is too long',
    '22003': 'is out of range',
    '22007': 'is not a valid date or time',
    '22008': 'is not a valid date or time',
    '22021': 'contains a character that cannot be stored (NUL)',
    '22P02': 'has the wrong format',
    '23502': 'is required',
    '23503': 'refers to something that does not exist',
    '23505': 'already exists',
    '23514': 'is out of the allowed range',
  };
  return { field, message: `${field}: ${what[code] ?? 'is not a value that can be stored'}` };
}
