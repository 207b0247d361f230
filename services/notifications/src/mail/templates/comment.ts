import { createElement as h, Fragment } from 'react';
import { Text } from '@react-email/text';
import { button, heading, type EmailTemplate, type NotificationEmailProps } from './layout';

const quote = {
  fontSize: '15px',
  lineHeight: '22px',
  color: '#3f3f46',
  borderLeft: '3px solid #c7d2fe',
  margin: '12px 0',
  padding: '4px 0 4px 12px',
  whiteSpace: 'pre-wrap',
} as const;

/**
 * "Ana commented on Launch plan" (or "mentioned you on"), the start of the comment quoted below as
 * plain text — the comment is Markdown, shown as written rather than rendered into the email — and
 * a button to the task, where the whole thread is.
 */
export const commentEmail: EmailTemplate<NotificationEmailProps> = {
  subject: ({ notification }) => notification.title,
  preview: ({ notification }) => notification.body,
  content: ({ notification, url }) =>
    h(
      Fragment,
      null,
      heading(notification.title),
      h(Text, { style: quote }, notification.body),
      button(url, 'Reply in TaskFlow'),
    ),
};
