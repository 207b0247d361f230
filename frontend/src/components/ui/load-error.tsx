import { errorMessage } from '@/lib/api-error';
import { Alert } from './alert';
import { Button } from './button';

/** A read that failed: what could not be loaded, why, and a way to ask again. */
export function LoadError({
  what,
  error,
  onRetry,
  className,
}: {
  what: string;
  error: unknown;
  onRetry: () => void;
  className?: string;
}) {
  return (
    <Alert className={className}>
      <p>
        Could not load {what}. {errorMessage(error)}
      </p>
      <Button variant="secondary" size="sm" className="mt-2" onClick={onRetry}>
        Try again
      </Button>
    </Alert>
  );
}
