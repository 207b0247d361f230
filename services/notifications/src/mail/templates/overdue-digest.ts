import { createElement as h, Fragment } from 'react';
import { Section } from '@react-email/section';
import { Text } from '@react-email/text';
import { button, heading, link, paragraph, type EmailTemplate, type NotificationEmailProps } from './layout';

const projectName = { fontSize: '16px', fontWeight: 600, color: '#18181b', margin: '20px 0 4px' };
const detail = { color: '#71717a' };

/**
 * "3 overdue tasks — Tue 3 March": the day's overdue tasks, grouped by project, each linked, with its
 * due time in the recipient's time zone and how long it is overdue.
 */
export const overdueDigestEmail: EmailTemplate<NotificationEmailProps> = {
  subject: ({ notification }) => notification.title,
  preview: ({ notification }) =>
    notification.digest?.projects.flatMap((project) => project.tasks.map((task) => task.title)).join(' · ') ??
    notification.body,
  content: ({ notification, url }, { appUrl }) =>
    h(
      Fragment,
      null,
      heading(notification.title),
      paragraph(notification.body),
      ...(notification.digest?.projects ?? []).map((project) =>
        h(
          Section,
          { key: project.link },
          h(Text, { style: projectName }, link(`${appUrl}${project.link}`, project.name)),
          ...project.tasks.map((task) =>
            paragraph(
              link(`${appUrl}${task.link}`, task.title),
              h('br'),
              h('span', { style: detail }, `${task.due} · ${task.overdue}`),
            ),
          ),
        ),
      ),
      notification.digest?.capped
        ? paragraph('This email lists the most overdue tasks only; TaskFlow shows them all.')
        : null,
      button(url, 'Open TaskFlow'),
    ),
};
