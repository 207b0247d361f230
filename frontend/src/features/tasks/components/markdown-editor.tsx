import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Member } from '@taskflow/contracts/api';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { MarkdownView } from './markdown-view';

type Tab = 'write' | 'preview';

type Props = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Members offered by "Mention…", inserted as `@[Name](id)` where the cursor is. */
  members?: readonly Member[];
  placeholder?: string;
  maxLength?: number;
  rows?: number;
  error?: string;
  /** Ctrl/⌘+Enter in the text. */
  onSubmit?: () => void;
  initialTab?: Tab;
};

const tabClass = (selected: boolean) =>
  cn(
    'rounded-md px-3 py-1 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-500',
    selected
      ? 'bg-white text-gray-900 shadow-xs dark:bg-gray-800 dark:text-gray-100'
      : 'text-gray-600 hover:text-gray-900 dark:text-gray-400 dark:hover:text-gray-100',
  );

/** Markdown text with Write and Preview tabs; the preview is rendered exactly as it will be shown. */
export function MarkdownEditor({
  label,
  value,
  onChange,
  members,
  placeholder,
  maxLength,
  rows = 6,
  error,
  onSubmit,
  initialTab = 'write',
}: Props) {
  const [tab, setTab] = useState<Tab>(initialTab);
  const [mentionId, setMentionId] = useState('');
  const id = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  // Where the caret goes once an inserted mention is in the text: placed as soon as the new value is
  // committed, in the same event, so what is typed straight after lands after the mention. (Placed a
  // frame later, a key pressed in between went in first and was then left behind the caret.)
  const caretAfterInsert = useRef<number | null>(null);
  useLayoutEffect(() => {
    const at = caretAfterInsert.current;
    const text = textRef.current;
    if (at === null || !text) return;
    caretAfterInsert.current = null;
    text.focus();
    text.setSelectionRange(at, at);
  }, [value]);
  const tabIds = { write: `${id}-write`, preview: `${id}-preview` };
  const panelId = `${id}-panel`;
  const errorId = `${id}-error`;

  const onTabKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const next: Tab = tab === 'write' ? 'preview' : 'write';
    setTab(next);
    document.getElementById(tabIds[next])?.focus();
  };

  const mention = (userId: string) => {
    const member = members?.find((m) => m.userId === userId);
    if (!member) return;
    const token = `@[${member.name.replace(/[[\]]/g, '')}](${member.userId}) `;
    const text = textRef.current;
    const start = text?.selectionStart ?? value.length;
    const end = text?.selectionEnd ?? value.length;
    const spaced = start > 0 && !/\s/.test(value[start - 1] ?? '') ? ` ${token}` : token;
    caretAfterInsert.current = start + spaced.length;
    onChange(value.slice(0, start) + spaced + value.slice(end));
  };

  return (
    <div role="group" aria-labelledby={`${id}-label`} className="flex flex-col gap-1.5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span id={`${id}-label`} className="text-sm font-medium text-gray-700 dark:text-gray-300">
          {label}
        </span>
        <div
          role="tablist"
          aria-labelledby={`${id}-label`}
          className="flex gap-1 rounded-lg bg-gray-100 p-1 dark:bg-gray-900"
        >
          {(['write', 'preview'] as const).map((name) => (
            <button
              key={name}
              id={tabIds[name]}
              type="button"
              role="tab"
              aria-selected={tab === name}
              aria-controls={panelId}
              tabIndex={tab === name ? 0 : -1}
              onClick={() => setTab(name)}
              onKeyDown={onTabKeyDown}
              className={tabClass(tab === name)}
            >
              {name === 'write' ? 'Write' : 'Preview'}
            </button>
          ))}
        </div>
      </div>
      <div id={panelId} role="tabpanel" aria-labelledby={tabIds[tab]}>
        {tab === 'write' ? (
          <>
            <textarea
              ref={textRef}
              aria-label={label}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              value={value}
              placeholder={placeholder}
              maxLength={maxLength}
              rows={rows}
              onChange={(e) => onChange(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && onSubmit) {
                  e.preventDefault();
                  onSubmit();
                }
              }}
              className={cn(
                'block w-full rounded-lg border bg-white px-3 py-2 font-mono text-sm text-gray-900 shadow-xs',
                'placeholder:text-gray-500 focus:outline-2 focus:outline-indigo-500 dark:bg-gray-900 dark:text-gray-100 dark:placeholder:text-gray-400',
                error ? 'border-red-500' : 'border-gray-300 dark:border-gray-700',
              )}
            />
            <div className="mt-1 flex flex-wrap items-center justify-between gap-2 text-xs text-gray-600 dark:text-gray-400">
              <span>Markdown supported.</span>
              {members && members.length > 0 && (
                // A pick and a button, not a select that inserts on change: arrowing through a
                // select's options changes it at every step.
                <span className="flex items-center gap-1">
                  <select
                    aria-label="Mention a member"
                    value={mentionId}
                    onChange={(e) => setMentionId(e.target.value)}
                    className="h-8 max-w-40 rounded-md border border-gray-300 bg-white px-2 text-xs text-gray-800 dark:border-gray-700 dark:bg-gray-900 dark:text-gray-200"
                  >
                    <option value="">Mention…</option>
                    {members.map((m) => (
                      <option key={m.userId} value={m.userId}>
                        {m.name}
                      </option>
                    ))}
                  </select>
                  <Button
                    variant="secondary"
                    size="sm"
                    disabled={!mentionId}
                    onClick={() => {
                      mention(mentionId);
                      setMentionId('');
                    }}
                  >
                    Insert
                  </Button>
                </span>
              )}
            </div>
          </>
        ) : (
          <div className="min-h-24 rounded-lg border border-gray-200 px-3 py-2 dark:border-gray-800">
            {value.trim() ? (
              <MarkdownView text={value} />
            ) : (
              <p className="text-sm text-gray-600 dark:text-gray-400">Nothing to preview.</p>
            )}
          </div>
        )}
      </div>
      {error && (
        <p id={errorId} className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
