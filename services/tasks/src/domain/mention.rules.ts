import { COMMENT_EXCERPT_LENGTH } from '@taskflow/contracts/events';

/**
 * Pure rules of comment text: who a comment mentions, and the excerpt its event carries.
 *
 * A mention is an `@` that starts a word, followed by one of:
 *   - `[Name](<user id>)`: the token a client inserts when a member is picked; the id decides, the
 *     name is only what readers see, so a member's later rename does not break it;
 *   - an email address (`@ana@example.com`);
 *   - a member's name as the app shows it (`@Ana Lopez`), case-insensitive, the longest name that
 *     fits winning (`@Ana Lopez` over `@Ana`). A name two members share mentions neither: the
 *     writer cannot have meant both, and guessing would tell the wrong person.
 * Only current members of the task's project are ever resolved; anything else is plain text, so a
 * comment can neither reach nor reveal anyone outside the project. Code (`…` and ``` blocks) mentions
 * nobody: it is usually quoted output, where `@` means something else.
 */

export interface MentionCandidate {
  userId: string;
  name: string;
  email: string;
}

const TOKEN_SOURCE = String.raw`\[([^\]\n]*)\]\(([0-9a-fA-F-]{36})\)`;
const TOKEN = new RegExp(`^${TOKEN_SOURCE}`);
const TOKENS = new RegExp(`@${TOKEN_SOURCE}`, 'g');
/** Longer than any token, address or name, so each `@` looks at a bounded window of the text. */
const WINDOW = 400;
const EMAIL = /^[^\s@()[\]<>,;]+@[^\s@()[\]<>,;]+/;
/** What may end a sentence after an address without being part of it. */
const TRAILING = /[.,;:!?'"]+$/;
const CODE = /```[\s\S]*?(?:```|$)|`[^`\n]*`/g;
const WORD_CHAR = /[\p{L}\p{N}_]/u;
/** Before an `@` that starts a mention: nothing, or a character that cannot be part of a word or address. */
const PART_OF_WORD = /[\p{L}\p{N}_.+\-@]/u;

function resolver(members: MentionCandidate[]) {
  const byId = new Map(members.map((m) => [m.userId.toLowerCase(), m.userId]));
  const byEmail = new Map(members.filter((m) => m.email).map((m) => [m.email.toLowerCase(), m.userId]));
  const nameCount = new Map<string, number>();
  for (const m of members) {
    const key = m.name.trim().toLowerCase();
    if (key) nameCount.set(key, (nameCount.get(key) ?? 0) + 1);
  }
  const names = members
    .map((m) => ({ key: m.name.trim().toLowerCase(), userId: m.userId }))
    .filter(({ key }) => key && nameCount.get(key) === 1)
    .sort((a, b) => b.key.length - a.key.length);

  return (rest: string): string | undefined => {
    const token = TOKEN.exec(rest);
    if (token) return byId.get(token[2]!.toLowerCase());
    const email = EMAIL.exec(rest);
    const address = email?.[0].replace(TRAILING, '').toLowerCase();
    if (address && byEmail.has(address)) return byEmail.get(address);
    const head = rest.toLowerCase();
    const named = names.find(({ key }) => head.startsWith(key) && !WORD_CHAR.test(rest.charAt(key.length)));
    return named?.userId;
  };
}

/** The members `body` mentions, each once, in the order they first appear. */
export function findMentions(body: string, members: MentionCandidate[]): string[] {
  if (!body.includes('@') || members.length === 0) return [];
  const text = body.replace(CODE, (code) => ' '.repeat(code.length));
  const resolve = resolver(members);
  const found = new Set<string>();
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    if (at > 0 && PART_OF_WORD.test(text.charAt(at - 1))) continue;
    const id = resolve(text.slice(at + 1, at + 1 + WINDOW));
    if (id) found.add(id);
  }
  return [...found];
}

/**
 * The start of a comment as one line of plain text, for a notification: mention tokens read as
 * `@Name`, runs of white space as one space, cut at COMMENT_EXCERPT_LENGTH characters (never inside
 * a character made of two UTF-16 units) with an ellipsis.
 */
export function excerptOf(body: string): string {
  const plain = body.replace(TOKENS, '@$1').replace(/\s+/g, ' ').trim();
  const chars = Array.from(plain);
  if (chars.length <= COMMENT_EXCERPT_LENGTH) return plain;
  return `${chars
    .slice(0, COMMENT_EXCERPT_LENGTH - 1)
    .join('')
    .trimEnd()}…`;
}
