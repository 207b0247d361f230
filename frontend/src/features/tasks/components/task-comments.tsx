import { useEffect, useState, type FormEvent } from 'react';
import { COMMENT_MAX_LENGTH, type Comment, type Member } from '@taskflow/contracts/api';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/api-error';
import { formatRelative } from '@/lib/format';
import { useFormErrors } from '@/lib/use-form-errors';
import { useAddComment } from '../api/add-comment';
import { useDeleteComment } from '../api/delete-comment';
import { useComments } from '../api/get-comments';
import { formatDateTimeIn } from '../zoned-time';
import { MarkdownEditor } from './markdown-editor';
import { MarkdownView } from './markdown-view';
import { PagedSection } from './paged-section';

type Props = {
  taskId: string;
  members: readonly Member[];
  userId: string;
  timeZone: string;
  /** The project's owner and admins may delete anyone's comment; everyone may delete their own. */
  canDeleteAny: boolean;
  /** Told whether a comment is typed but not posted. */
  onUnsavedChange?: (unsaved: boolean) => void;
};

/** Whether the person may delete a comment: theirs, or anyone's for an owner or admin. The server decides too. */
const canDeleteComment = (comment: Comment, userId: string, canDeleteAny: boolean) =>
  canDeleteAny || comment.author.id === userId;

export function TaskComments({ taskId, members, userId, timeZone, canDeleteAny, onUnsavedChange }: Props) {
  const comments = useComments(taskId);
  const [draft, setDraft] = useState('');
  const add = useAddComment(taskId, { mutationConfig: { onSuccess: () => setDraft('') } });
  const remove = useDeleteComment(taskId);
  const errors = useFormErrors(add.error, { fields: ['body'] });
  const items = comments.data?.pages.flatMap((page) => page.items) ?? [];
  const unsaved = draft.trim() !== '';
  useEffect(() => onUnsavedChange?.(unsaved), [unsaved, onUnsavedChange]);

  const onSubmit = (event?: FormEvent) => {
    event?.preventDefault();
    if (draft.trim() && !add.isPending) add.mutate(draft);
  };

  const onDelete = (comment: Comment) => {
    if (window.confirm('Delete this comment? This cannot be undone.')) remove.mutate(comment);
  };

  return (
    <PagedSection
      id="task-comments-heading"
      heading="Comments"
      what="comments"
      query={comments}
      isEmpty={items.length === 0}
      empty="No comments yet. Start the conversation."
      moreLabel="Load more comments"
      footer={
        <>
          {remove.isError && <Alert>Could not delete the comment. {errorMessage(remove.error)}</Alert>}
          <form onSubmit={onSubmit} noValidate className="flex flex-col gap-2">
            <MarkdownEditor
              label="Add a comment"
              value={draft}
              onChange={setDraft}
              members={members}
              maxLength={COMMENT_MAX_LENGTH}
              rows={3}
              placeholder="Write a comment… @ to mention"
              error={errors.fields.body}
              onSubmit={onSubmit}
            />
            {errors.form && <Alert>{errors.form}</Alert>}
            <Button type="submit" className="self-end" loading={add.isPending} disabled={!draft.trim()}>
              Comment
            </Button>
          </form>
        </>
      }
    >
      {items.length > 0 && (
        <ul aria-label="Comments" className="flex flex-col gap-3">
          {items.map((comment) => (
            <li
              key={comment.id}
              aria-label={`Comment by ${comment.author.name || 'someone'}`}
              className="rounded-lg border border-gray-200 p-3 dark:border-gray-800"
            >
              <div className="mb-1 flex flex-wrap items-baseline justify-between gap-2">
                <p className="text-sm">
                  <span className="font-semibold">{comment.author.name || 'Someone'}</span>{' '}
                  <time
                    dateTime={comment.createdAt}
                    title={formatDateTimeIn(comment.createdAt, timeZone)}
                    className="text-xs text-gray-600 dark:text-gray-400"
                  >
                    {formatRelative(comment.createdAt)}
                  </time>
                </p>
                {canDeleteComment(comment, userId, canDeleteAny) && (
                  <Button
                    variant="danger"
                    size="sm"
                    aria-label={`Delete comment by ${comment.author.name || 'someone'}`}
                    loading={remove.isPending && remove.variables?.id === comment.id}
                    onClick={() => onDelete(comment)}
                  >
                    Delete
                  </Button>
                )}
              </div>
              <MarkdownView text={comment.body} />
            </li>
          ))}
        </ul>
      )}
    </PagedSection>
  );
}
