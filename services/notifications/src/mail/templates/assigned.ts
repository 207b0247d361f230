import { notificationTemplate } from './layout';

/** "Alice assigned you a task: Write the launch post" (the notification's body is the task title). */
export const assignedEmail = notificationTemplate({
  action: 'Open the task',
  subject: (notification) => `${notification.title}: ${notification.body}`,
});
