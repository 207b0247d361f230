import { notificationTemplate } from './layout';

/** "Reset your TaskFlow password": what happened, how long the link works, and the link. */
export const passwordResetEmail = notificationTemplate({ action: 'Choose a new password' });
