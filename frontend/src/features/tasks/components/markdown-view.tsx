import Markdown, { type Components } from 'react-markdown';
import rehypeSanitize from 'rehype-sanitize';
import { cn } from '@/components/ui/cn';
import { rehypeMentions } from '../markdown-mentions';

// Raw HTML in the text is never rendered (react-markdown drops it without rehype-raw), and the
// sanitizer (GitHub's allow-list) removes what Markdown itself could smuggle in: javascript: links,
// event handlers, unknown elements. Mentions are styled after that, from text alone.
const rehypePlugins = [rehypeSanitize, rehypeMentions];

const components: Components = {
  a: ({ node: _node, ...props }) => (
    <a
      {...props}
      target="_blank"
      rel="noopener noreferrer nofollow"
      className="text-indigo-700 underline dark:text-indigo-300"
    />
  ),
};

/** Markdown written by people (descriptions, comments), rendered safely. */
export function MarkdownView({ text, className }: { text: string; className?: string }) {
  return (
    <div
      className={cn(
        'text-sm break-words text-gray-800 dark:text-gray-200',
        '[&_blockquote]:border-l-4 [&_blockquote]:border-gray-300 [&_blockquote]:pl-3 [&_blockquote]:text-gray-600',
        '[&_code]:rounded [&_code]:bg-gray-100 [&_code]:px-1 [&_code]:font-mono [&_code]:text-[0.85em] dark:[&_code]:bg-gray-800',
        '[&_h1]:text-lg [&_h1]:font-semibold [&_h2]:text-base [&_h2]:font-semibold [&_h3]:font-semibold',
        '[&_ol]:list-decimal [&_ol]:pl-5 [&_ul]:list-disc [&_ul]:pl-5',
        '[&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-gray-100 [&_pre]:p-2 dark:[&_pre]:bg-gray-800',
        '[&>*+*]:mt-2',
        className,
      )}
    >
      <Markdown rehypePlugins={rehypePlugins} components={components}>
        {text}
      </Markdown>
    </div>
  );
}
