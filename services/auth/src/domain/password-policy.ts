import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { invalidField } from '@taskflow/service-kit/errors';

// zxcvbn's common-password, name and word lists, keyboard patterns and sequences. Built on first use
// (the lists are large) and kept.
let estimator: ZxcvbnFactory | undefined;

/**
 * Refuses a password found near the top of the common-password lists, or made of a keyboard walk,
 * a sequence or a repeat (zxcvbn score 0 or 1: under about a million guesses), naming the field.
 * Length rules (8–128) are the request schema's.
 */
export function assertPasswordNotCommon(password: string, field: 'password' | 'newPassword'): void {
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  // zxcvbn's cost grows with length; what follows the first 100 characters changes nothing here.
  if (estimator.check(password.slice(0, 100)).score < 2) {
    throw invalidField(field, 'is too common or too easy to guess; try a few unrelated words');
  }
}
