import { createElement as h, Fragment, type CSSProperties, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Body } from '@react-email/body';
import { Button } from '@react-email/button';
import { Container } from '@react-email/container';
import { Head } from '@react-email/head';
import { Heading } from '@react-email/heading';
import { Hr } from '@react-email/hr';
import { Html } from '@react-email/html';
import { Link } from '@react-email/link';
import { Preview } from '@react-email/preview';
import { plainTextSelectors } from '@react-email/render';
import { compile } from 'html-to-text';
import { Section } from '@react-email/section';
import { Text } from '@react-email/text';
import type { EmailNotification } from '../../domain/email.port';

/**
 * The shell every TaskFlow email shares, and the contract of a template. A template is one file
 * exporting an `EmailTemplate<Props>`: its subject, its preview line and its content, built with
 * React Email components, so React escapes every piece of user text (a task titled `<script>` is
 * text, never markup). The plain-text part is derived from the same HTML, so the two never drift.
 *
 * Written with createElement rather than JSX: the workspace's TypeScript configuration has no JSX
 * for services, and these templates are small.
 */

export interface EmailContext {
  recipientName: string;
  /** The app's address (APP_URL); every email links into it. */
  appUrl: string;
  /** Where the recipient chooses which emails they get. */
  preferencesUrl: string;
}

export interface EmailTemplate<P> {
  subject(props: P): string;
  /** The line mail clients show after the subject. */
  preview(props: P): string;
  content(props: P, context: EmailContext): ReactNode;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** A notification and the absolute address of what it is about. */
export interface NotificationEmailProps {
  notification: EmailNotification;
  url: string;
}

const styles = {
  body: { backgroundColor: '#f4f4f5', fontFamily: 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif' },
  container: { backgroundColor: '#ffffff', padding: '24px', maxWidth: '560px', borderRadius: '8px' },
  brand: { fontSize: '14px', fontWeight: 700, color: '#4338ca', margin: '0 0 16px' },
  heading: { fontSize: '20px', lineHeight: '28px', color: '#18181b', margin: '0 0 8px' },
  text: { fontSize: '15px', lineHeight: '22px', color: '#3f3f46' },
  button: {
    backgroundColor: '#4338ca',
    color: '#ffffff',
    padding: '10px 16px',
    borderRadius: '6px',
    fontSize: '15px',
    textDecoration: 'none',
  },
  footer: { fontSize: '12px', lineHeight: '18px', color: '#71717a' },
} satisfies Record<string, CSSProperties>;

export const heading = (text: string) => h(Heading, { as: 'h1', style: styles.heading }, text);
export const paragraph = (...children: ReactNode[]) => h(Text, { style: styles.text }, ...children);
export const button = (href: string, label: string) =>
  h(Section, { style: { margin: '16px 0' } }, h(Button, { href, style: styles.button }, label));
export const link = (href: string, label: string) => h(Link, { href }, label);

/**
 * The usual one-notification email: the notification's title as subject and heading, its body
 * below, and a button to what it is about.
 */
export function notificationTemplate(opts: {
  action: string;
  subject?: (notification: EmailNotification) => string;
}): EmailTemplate<NotificationEmailProps> {
  return {
    subject: ({ notification }) => (opts.subject ? opts.subject(notification) : notification.title),
    preview: ({ notification }) => notification.body,
    content: ({ notification, url }) =>
      h(Fragment, null, heading(notification.title), paragraph(notification.body), button(url, opts.action)),
  };
}

/**
 * The plain-text part: React Email's `toPlainText` rules (no images, no hidden preview text, bare
 * links, table cells as blocks), and headings as written, not shouted (html-to-text upper-cases them
 * by default). Compiled once: `toPlainText` compiles its options into a selector tree on every call,
 * which cost more than the conversion itself.
 */
const toPlainText = compile({
  wordwrap: false,
  selectors: [...plainTextSelectors, { selector: 'h1', options: { uppercase: false } }],
});

function layout(preview: string, context: EmailContext, content: ReactNode) {
  return h(
    Html,
    { lang: 'en' },
    h(Head),
    h(Preview, null, preview),
    h(
      Body,
      { style: styles.body },
      h(
        Container,
        { style: styles.container },
        h(Text, { style: styles.brand }, 'TaskFlow'),
        paragraph(`Hi ${context.recipientName},`),
        content,
        h(Hr),
        h(
          Text,
          { style: styles.footer },
          'You get this email because of your notification preferences. ',
          link(context.preferencesUrl, 'Choose which emails you get'),
          ' · ',
          link(context.appUrl, 'Open TaskFlow'),
        ),
      ),
    ),
  );
}

/** The doctype React Email's own `render` puts first, which email clients expect. */
const DOCTYPE =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

/**
 * An email's subject, HTML and plain text. The HTML comes from React's synchronous static renderer,
 * not `@react-email/render`'s `render`: that one streams (React's web-stream renderer, then a second
 * pass to strip preload links), costs four times the CPU for the same markup, and leaves the
 * stream's markers (`<!--$-->`, `<!--html-->`) in the email. Nothing here suspends or loads images,
 * so the static renderer has all it needs.
 */
export function renderEmail<P>(template: EmailTemplate<P>, props: P, context: EmailContext): RenderedEmail {
  const html =
    DOCTYPE + renderToStaticMarkup(layout(template.preview(props), context, template.content(props, context)));
  return { subject: template.subject(props), html, text: toPlainText(html) };
}
