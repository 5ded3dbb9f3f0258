/** Postgres error codes DingOps acts on; drivers put the code on the error or on its cause (drizzle wraps). */
const codeOf = (error: unknown): string | undefined => (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;

/** 23505: a unique index refused the row (someone else got there first, or it exists). */
export const isUniqueViolation = (error: unknown): boolean => codeOf(error) === '23505';
