/**
 * A rehype plugin for the Markdown of comments and descriptions: a mention written `@[Ana](<user id>)`
 * is, to Markdown, an "@" and then a link to the id. After sanitizing, each such pair becomes one
 * styled name ("@Ana"), so readers see the person, not the syntax. It runs after rehype-sanitize and
 * only ever builds a span of text, so it cannot bring back anything the sanitizer took out. A mention
 * inside code is no link, so it stays as written there (and mentions nobody: the server agrees).
 */

type HastText = { type: 'text'; value: string };
type HastElement = {
  type: 'element';
  tagName: string;
  properties?: Record<string, unknown>;
  children: HastNode[];
};
type HastNode = HastText | HastElement | { type: string; children?: HastNode[] };

const USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const MENTION_CLASS = [
  'rounded',
  'bg-indigo-50',
  'px-1',
  'font-medium',
  'text-indigo-800',
  'dark:bg-indigo-950',
  'dark:text-indigo-200',
];

const isElement = (node: HastNode | undefined): node is HastElement => node?.type === 'element';
const isText = (node: HastNode | undefined): node is HastText => node?.type === 'text';

const textOf = (node: HastNode): string =>
  isText(node) ? node.value : 'children' in node && node.children ? node.children.map(textOf).join('') : '';

function replaceMentions(parent: { children?: HastNode[] }): void {
  const children = parent.children;
  if (!children) return;
  for (let i = 0; i < children.length; i++) {
    const node = children[i]!;
    const before = children[i - 1];
    const href = isElement(node) && node.tagName === 'a' ? node.properties?.href : undefined;
    if (typeof href === 'string' && USER_ID.test(href) && isText(before) && /(^|\s|\()@$/.test(before.value)) {
      before.value = before.value.slice(0, -1);
      children[i] = {
        type: 'element',
        tagName: 'span',
        properties: { className: MENTION_CLASS, dataMention: href },
        children: [{ type: 'text', value: `@${textOf(node)}` }],
      };
    } else if ('children' in node) {
      replaceMentions(node);
    }
  }
}

export function rehypeMentions() {
  return (tree: { children?: HastNode[] }) => replaceMentions(tree);
}
