import type { Lang } from '../catalogue/catalogue.js';
import type { PlaceholderMismatch, Placeholders } from './messages/catalogue.js';
import { ANNOTATE_MESSAGES } from './messages/annotate.js';
import { BUDGET_MESSAGES } from './messages/budget.js';
import { CLI_MESSAGES } from './messages/cli.js';
import { CONFIG_MESSAGES } from './messages/config.js';
import { HELP_MESSAGES } from './messages/help.js';
import { INPUT_MESSAGES } from './messages/input.js';
import { ROSTER_MESSAGES } from './messages/roster.js';
import { RULES_MESSAGES } from './messages/rules.js';
import { SLIP_MESSAGES } from './messages/slips.js';
import { SCORE_MESSAGES } from './messages/score.js';
import { SUGGEST_MESSAGES } from './messages/suggest.js';
import { TABLE_MESSAGES } from './messages/table.js';
import { TEMPLATE_MESSAGES } from './messages/template.js';
import { TERM_MESSAGES } from './messages/terms.js';
import { WEB_MESSAGES } from './messages/web.js';

/**
 * Every message the tool prints, by id, in every language. An area of the code keeps its messages in its
 * own file under messages/ with ids prefixed by the area; this is the one place they are looked up.
 */
export const MESSAGES = { ...ANNOTATE_MESSAGES, ...BUDGET_MESSAGES, ...CLI_MESSAGES, ...CONFIG_MESSAGES, ...HELP_MESSAGES, ...INPUT_MESSAGES, ...ROSTER_MESSAGES, ...RULES_MESSAGES, ...SCORE_MESSAGES, ...SLIP_MESSAGES, ...SUGGEST_MESSAGES, ...TABLE_MESSAGES, ...TEMPLATE_MESSAGES, ...TERM_MESSAGES, ...WEB_MESSAGES } as const;
/** Every area, for the test that keeps their ids apart. */
export const MESSAGE_AREAS = [ANNOTATE_MESSAGES, BUDGET_MESSAGES, CLI_MESSAGES, CONFIG_MESSAGES, HELP_MESSAGES, INPUT_MESSAGES, ROSTER_MESSAGES, RULES_MESSAGES, SCORE_MESSAGES, SLIP_MESSAGES, SUGGEST_MESSAGES, TABLE_MESSAGES, TEMPLATE_MESSAGES, TERM_MESSAGES, WEB_MESSAGES] as const;

type Messages = typeof MESSAGES;
export type MessageId = keyof Messages;
export type MessageValues<I extends MessageId> = { readonly [P in Placeholders<Messages[I]['en']>]: string | number };

// a compile error naming the id whose languages do not share the same placeholders
const placeholdersAgree: [PlaceholderMismatch<Messages>] extends [never] ? true : PlaceholderMismatch<Messages> = true;
void placeholdersAgree;

type ValuesArgument<I extends MessageId> = [Placeholders<Messages[I]['en']>] extends [never] ? [] : [MessageValues<I>];

/** The message `id` in `lang` with its `{placeholders}` filled. */
export function msg<I extends MessageId>(lang: Lang, id: I, ...values: ValuesArgument<I>): string {
  const template: string = MESSAGES[id][lang];
  const fill = (values[0] ?? {}) as Record<string, string | number>;
  return template.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => (Object.hasOwn(fill, name) ? String(fill[name]) : whole));
}

/** A list as the language writes one: "a、b、c" or "a, b, c". */
export function listOf(lang: Lang, items: readonly (string | number)[]): string {
  return items.join(lang === 'zh' ? '、' : ', ');
}

/** A name in the language's quotation marks: “x” or "x". */
export function quoted(lang: Lang, text: string | number): string {
  return lang === 'zh' ? `“${text}”` : `"${text}"`;
}

/** A finding's status as a word of the language. */
export function statusWord(lang: Lang, status: string): string {
  const id = `term.status.${status}`;
  return Object.hasOwn(MESSAGES, id) ? MESSAGES[id as MessageId][lang] : status;
}
