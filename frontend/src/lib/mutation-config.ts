import type { DefaultError, UseMutationOptions } from '@tanstack/react-query';

/**
 * What a component adds to an API mutation hook: its own callbacks (messages, navigation) and
 * options such as `meta`. The request and the cache belong to the hook, so `mutationFn` and
 * `onMutate` are not the caller's to replace.
 */
export type MutationConfig<TData, TVariables> = Omit<
  UseMutationOptions<TData, DefaultError, TVariables>,
  'mutationFn' | 'onMutate'
>;

export type MutationHookOptions<TData, TVariables> = { mutationConfig?: MutationConfig<TData, TVariables> };

/**
 * A hook's own mutation options joined with its caller's config. The hook's callbacks run first and
 * are awaited, so the caller sees the cache already updated (or rolled back) when its own run.
 */
export function withMutationConfig<TData, TVariables, TOnMutateResult>(
  own: UseMutationOptions<TData, DefaultError, TVariables, TOnMutateResult>,
  config: MutationConfig<TData, TVariables> = {},
): UseMutationOptions<TData, DefaultError, TVariables, TOnMutateResult> {
  const { onSuccess, onError, onSettled, ...rest } = config;
  return {
    ...rest,
    ...own,
    onSuccess: async (...args) => {
      await own.onSuccess?.(...args);
      await onSuccess?.(...args);
    },
    onError: async (...args) => {
      await own.onError?.(...args);
      await onError?.(...args);
    },
    onSettled: async (...args) => {
      await own.onSettled?.(...args);
      await onSettled?.(...args);
    },
  };
}
