import { useId, useState, type KeyboardEvent } from 'react';
import { Button } from '@/components/ui/button';

const MAX_LABELS = 10;
const MAX_LABEL_LENGTH = 30;

type Props = { value: readonly string[]; onChange: (labels: string[]) => void; disabled?: boolean };

/** A task's labels as chips: remove one with its ×, add one by typing it and pressing Enter or Add. */
export function LabelEditor({ value, onChange, disabled }: Props) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const inputId = useId();
  const hintId = useId();
  const full = value.length >= MAX_LABELS;

  const add = () => {
    const label = text.trim();
    if (!label) return;
    if (value.some((l) => l.toLowerCase() === label.toLowerCase())) return setError(`“${label}” is already a label.`);
    setError(undefined);
    setText('');
    onChange([...value, label]);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (!full) add();
  };

  return (
    <fieldset className="flex min-w-0 flex-col gap-2" aria-describedby={hintId}>
      <legend className="mb-1.5 text-sm font-medium text-gray-700 dark:text-gray-300">Labels</legend>
      {value.length > 0 ? (
        <ul aria-label="Labels" className="flex flex-wrap gap-2">
          {value.map((label) => (
            <li
              key={label}
              className="inline-flex h-7 items-center gap-1 rounded-full bg-gray-100 pr-1 pl-3 text-sm text-gray-800 dark:bg-gray-800 dark:text-gray-100"
            >
              {label}
              <button
                type="button"
                disabled={disabled}
                aria-label={`Remove label ${label}`}
                onClick={() => onChange(value.filter((l) => l !== label))}
                className="inline-flex size-6 items-center justify-center rounded-full hover:bg-gray-200 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-gray-700"
              >
                <span aria-hidden>×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-gray-600 dark:text-gray-400">No labels.</p>
      )}
      <div className="flex gap-2">
        <label htmlFor={inputId} className="sr-only">
          New label
        </label>
        <input
          id={inputId}
          value={text}
          maxLength={MAX_LABEL_LENGTH}
          disabled={disabled || full}
          placeholder="New label"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          aria-invalid={error ? true : undefined}
          className="block h-9 w-full min-w-0 rounded-lg border border-gray-300 bg-white px-3 text-sm text-gray-900 placeholder:text-gray-500 focus:outline-2 focus:outline-indigo-500 dark:border-gray-700 dark:bg-gray-900 dark:text-gray-100 dark:placeholder:text-gray-400"
        />
        <Button variant="secondary" size="sm" className="h-9" disabled={disabled || full || !text.trim()} onClick={add}>
          Add
        </Button>
      </div>
      <p
        id={hintId}
        className={error ? 'text-xs text-red-600 dark:text-red-400' : 'text-xs text-gray-600 dark:text-gray-400'}
      >
        {error ??
          (full
            ? `${MAX_LABELS} labels is the most a task can have.`
            : `Up to ${MAX_LABELS}, ${MAX_LABEL_LENGTH} characters each.`)}
      </p>
    </fieldset>
  );
}
