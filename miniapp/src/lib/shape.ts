// A few structural checks with zod's `safeParse` shape, for the answers the login page reads:
// zod (even zod/mini) would be the biggest part of its first download. They check types and
// required fields, no formats; login-schemas.ts pins each result to its shared zod type.

export type ParseResult<T> = { success: true; data: T } | { success: false };
export type Shape<T> = { safeParse(data: unknown): ParseResult<T> };
export type ShapeOutput<S> = S extends Shape<infer T> ? T : never;

const fail = { success: false } as const;
const check = <T>(test: (data: unknown) => boolean): Shape<T> => ({ safeParse: (data) => (test(data) ? { success: true, data: data as T } : fail) });

export const string = check<string>((data) => typeof data === 'string');
export const nonEmptyString = check<string>((data) => typeof data === 'string' && data.length > 0);
export const number = check<number>((data) => typeof data === 'number' && Number.isFinite(data));
export const integer = check<number>((data) => Number.isSafeInteger(data));
export const positiveInteger = check<number>((data) => Number.isSafeInteger(data) && (data as number) > 0);
export const boolean = check<boolean>((data) => typeof data === 'boolean');

export const literal = <const T extends string>(...values: T[]): Shape<T> => check<T>((data) => values.includes(data as T));

export const nullable = <T>(inner: Shape<T>): Shape<T | null> => ({ safeParse: (data) => (data === null ? { success: true, data } : inner.safeParse(data)) });

/** Absent (undefined) or valid; with a fallback, absent becomes the fallback (as zod's default). */
export function optional<T>(inner: Shape<T>): Shape<T | undefined>;
export function optional<T>(inner: Shape<T>, fallback: T): Shape<T>;
export function optional<T>(inner: Shape<T>, fallback?: T): Shape<T | undefined> {
  return { safeParse: (data) => (data === undefined ? { success: true, data: fallback } : inner.safeParse(data)) };
}

export const array = <T>(item: Shape<T>): Shape<T[]> => ({
  safeParse(data) {
    if (!Array.isArray(data)) return fail;
    const items: T[] = [];
    for (const entry of data) {
      const parsed = item.safeParse(entry);
      if (!parsed.success) return fail;
      items.push(parsed.data);
    }
    return { success: true, data: items };
  },
});

type Fields = Record<string, Shape<unknown>>;
type ObjectOutput<F extends Fields> = { [K in keyof F as undefined extends ShapeOutput<F[K]> ? never : K]: ShapeOutput<F[K]> } & {
  [K in keyof F as undefined extends ShapeOutput<F[K]> ? K : never]?: ShapeOutput<F[K]>;
};
type Flat<T> = { [K in keyof T]: T[K] };

/** An object with these fields (others are dropped, as zod's object does). */
export const object = <F extends Fields>(fields: F): Shape<Flat<ObjectOutput<F>>> => ({
  safeParse(data) {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return fail;
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(fields)) {
      const parsed = field.safeParse((data as Record<string, unknown>)[key]);
      if (!parsed.success) return fail;
      if (parsed.data !== undefined) out[key] = parsed.data;
    }
    return { success: true, data: out as Flat<ObjectOutput<F>> };
  },
});

export const union = <A, B>(a: Shape<A>, b: Shape<B>): Shape<A | B> => ({
  safeParse(data) {
    const first = a.safeParse(data);
    return first.success ? first : b.safeParse(data);
  },
});
