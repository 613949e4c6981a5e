import type { Lang } from '../../catalogue/catalogue.js';

/** One message in every language; `{name}` marks a named placeholder. */
export type MessageEntry = { readonly [L in Lang]: string };
export type MessageArea = Readonly<Record<string, MessageEntry>>;

/** A placeholder's name is a word; braces around anything else (`{ "current": n }`) are text. */
type NameOrNever<N extends string> = N extends '' | `${string}${' ' | '"' | ':' | ',' | '{' | '.'}${string}` ? never : N;

/** The names of the `{placeholders}` of a template, as a union of string literals. */
export type Placeholders<T extends string> = T extends `${string}{${infer Name}}${infer Rest}` ? NameOrNever<Name> | Placeholders<Rest> : never;

/** The ids of an area whose languages do not name the same placeholders; `never` when every entry agrees. */
export type PlaceholderMismatch<A extends MessageArea> = {
  [K in keyof A]: [Placeholders<A[K]['zh']>] extends [Placeholders<A[K]['en']>]
    ? [Placeholders<A[K]['en']>] extends [Placeholders<A[K]['zh']>]
      ? never
      : K
    : K;
}[keyof A];
