import { notificationTemplate } from './layout';

/** "Due in 1 hour: Ship it", with the due time in the recipient's time zone below. */
export const reminderEmail = notificationTemplate({ action: 'Open the task' });
