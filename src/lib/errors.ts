/** Errors the HTTP layer turns into pages. Services throw them; routes never build status codes by hand. */

export class NotFoundError extends Error {
  readonly statusCode = 404;
  constructor(message = 'Page not found') {
    super(message);
  }
}

export class ForbiddenError extends Error {
  readonly statusCode = 403;
  constructor(message = 'You do not have permission to do that') {
    super(message);
  }
}

/** The row changed since the user loaded it: `current` is what is stored now. */
export class ConflictError<T = unknown> extends Error {
  readonly statusCode = 409;
  constructor(
    readonly current: T,
    message = 'Someone else changed this record while you were editing it',
  ) {
    super(message);
  }
}

/** A rule of the domain refused the change; `field` names the form field to show it beside. */
export class RuleError extends Error {
  readonly statusCode = 400;
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** A unique constraint refused the write (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY). */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** A foreign key refused the write: the row it points at does not exist (any more). */
export function isReferenceViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
