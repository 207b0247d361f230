import { notificationTemplate } from './layout';

/** "Mo moved Ship it to Done", with "In progress → Done" below. */
export const statusChangeEmail = notificationTemplate({ action: 'Open the task' });
