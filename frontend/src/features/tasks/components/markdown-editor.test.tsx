import { useState } from 'react';
import { expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Member } from '@taskflow/contracts/api';
import { MarkdownEditor } from './markdown-editor';

const bo: Member = {
  userId: crypto.randomUUID(),
  name: 'Bo Drawer',
  email: 'bo@example.test',
  role: 'member',
  joinedAt: new Date().toISOString(),
};

function Editor() {
  const [value, setValue] = useState('');
  return <MarkdownEditor label="Add a comment" value={value} onChange={setValue} members={[bo]} />;
}

it('puts the caret after an inserted mention at once, so what is typed next follows it', async () => {
  const user = userEvent.setup();
  render(<Editor />);
  await user.selectOptions(screen.getByRole('combobox', { name: 'Mention a member' }), 'Bo Drawer');
  await user.click(screen.getByRole('button', { name: 'Insert' }));
  const text = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Add a comment' });
  const token = `@[Bo Drawer](${bo.userId}) `;
  // No frame has passed: the caret is already in place, in the text.
  expect(document.activeElement).toBe(text);
  expect([text.selectionStart, text.selectionEnd]).toEqual([token.length, token.length]);
  await user.keyboard('can you take it?');
  expect(text.value).toBe(`${token}can you take it?`);
});
