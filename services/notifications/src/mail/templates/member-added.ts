import { notificationTemplate } from './layout';

/** "Olivia added you to Launch": the way into a project the recipient may not know exists yet. */
export const memberAddedEmail = notificationTemplate({ action: 'Open the project' });
