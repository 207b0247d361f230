import { expect, it } from 'vitest';
import { render } from '@testing-library/react';
import { MarkdownView } from './markdown-view';

const id = crypto.randomUUID();

it('shows a mention token as the name, and leaves it as written inside code', () => {
  const { container } = render(
    <MarkdownView text={`Thanks @[Ana Lopez](${id})! Write \`@[Ana Lopez](${id})\` to mention.`} />,
  );
  const mentions = container.querySelectorAll('[data-mention]');
  expect([...mentions].map((m) => [m.tagName, m.textContent, m.getAttribute('data-mention')])).toEqual([
    ['SPAN', '@Ana Lopez', id],
  ]);
  expect(container.querySelector('code')?.textContent).toBe(`@[Ana Lopez](${id})`);
  expect(container.querySelector('a')).toBeNull();
});

it('keeps an ordinary link to a page as a link, opened safely', () => {
  const { container } = render(
    <MarkdownView text="See [the plan](https://example.test/plan) and e-mail me@example.test" />,
  );
  const link = container.querySelector('a');
  expect(link?.getAttribute('href')).toBe('https://example.test/plan');
  expect(link?.getAttribute('rel')).toBe('noopener noreferrer nofollow');
  expect(container.querySelector('[data-mention]')).toBeNull();
});
