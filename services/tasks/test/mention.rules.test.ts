import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { COMMENT_EXCERPT_LENGTH } from '@taskflow/contracts/events';
import { excerptOf, findMentions, type MentionCandidate } from '../src/domain/mention.rules';

const member = (name: string, email = `${name.split(' ')[0]!.toLowerCase()}@example.test`): MentionCandidate => ({
  userId: randomUUID(),
  name,
  email,
});

const ana = member('Ana Lopez');
const anaB = member('Ana');
const bo = member('Bo');
const members = [ana, anaB, bo];

describe('findMentions', () => {
  it('resolves the token a client inserts by its id, whatever name it shows', () => {
    expect(findMentions(`thanks @[Someone Else](${ana.userId})!`, members)).toEqual([ana.userId]);
    expect(findMentions(`@[Ana](${ana.userId.toUpperCase()})`, members)).toEqual([ana.userId]);
  });

  it('never resolves anyone outside the members, and does not read a foreign token as a name', () => {
    const outsider = randomUUID();
    expect(findMentions(`@[Bo](${outsider}) @carol@example.test @Carol`, members)).toEqual([]);
  });

  it('resolves an email address, case-insensitive, without the punctuation that ends a sentence', () => {
    expect(findMentions('ask @BO@Example.TEST.', members)).toEqual([bo.userId]);
    expect(findMentions('(@bo@example.test)', members)).toEqual([bo.userId]);
  });

  it('resolves a full name as shown, the longest that fits, only as a whole word', () => {
    expect(findMentions('@ana lopez can you', members)).toEqual([ana.userId]);
    expect(findMentions('@Ana, can you', members)).toEqual([anaB.userId]);
    expect(findMentions('@Anabel and @Bob', members)).toEqual([]);
    expect(findMentions('@Bo: done', members)).toEqual([bo.userId]);
  });

  it('mentions nobody by a name two members share', () => {
    const twin = member('Bo', 'bo2@example.test');
    expect(findMentions('@Bo look', [...members, twin])).toEqual([]);
    expect(findMentions(`@[Bo](${twin.userId}) look`, [...members, twin])).toEqual([twin.userId]);
  });

  it('ignores an @ inside a word or an address, and inside code', () => {
    expect(findMentions('mail x@Bo or ana.lopez@Bo', members)).toEqual([]);
    expect(findMentions('run `@Bo` and\n```\n@Ana Lopez\n```\n', members)).toEqual([]);
  });

  it('lists each member once, in the order they first appear', () => {
    expect(findMentions(`@Bo @[x](${ana.userId}) @bo@example.test @Bo`, members)).toEqual([bo.userId, ana.userId]);
    expect(findMentions('no mentions here', members)).toEqual([]);
  });
});

describe('excerptOf', () => {
  it('reads tokens as @Name and folds white space into one line', () => {
    expect(excerptOf(`  Hi @[Ana Lopez](${ana.userId}),\n\nplease   look  `)).toBe('Hi @Ana Lopez, please look');
  });

  it(`cuts at ${COMMENT_EXCERPT_LENGTH} characters with an ellipsis, never inside a character`, () => {
    const long = excerptOf('😀'.repeat(COMMENT_EXCERPT_LENGTH + 10));
    expect(Array.from(long)).toHaveLength(COMMENT_EXCERPT_LENGTH);
    expect(long.endsWith('😀…')).toBe(true);
    expect(excerptOf('x'.repeat(COMMENT_EXCERPT_LENGTH))).toBe('x'.repeat(COMMENT_EXCERPT_LENGTH));
  });
});
