import { createElement as h, Fragment } from 'react';
import { Section } from '@react-email/section';
import { button, heading, link, paragraph, type EmailTemplate, type NotificationEmailProps } from './layout';

const updates = (n: number) => `${n} update${n === 1 ? '' : 's'}`;

/** Several notifications that came together: "35 updates in TaskFlow", each with its own link. */
export const batchEmail: EmailTemplate<{ items: NotificationEmailProps[] }> = {
  subject: ({ items }) => `${updates(items.length)} in TaskFlow`,
  preview: ({ items }) => items.map((item) => item.notification.title).join(' · '),
  content: ({ items }, { appUrl }) =>
    h(
      Fragment,
      null,
      heading(`${updates(items.length)} since we last wrote`),
      ...items.map(({ notification, url }) =>
        h(Section, { key: notification.id }, paragraph(link(url, notification.title), h('br'), notification.body)),
      ),
      button(appUrl, 'Open TaskFlow'),
    ),
};
