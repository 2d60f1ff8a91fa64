export { channelsFor, type Message, type Recipient, type Channel } from './model';
export { queue as queueNotification, deliver, startWorker, defineQueues, SEND_QUEUE, type NotificationDeps } from './service';
export { forSubject as notificationsFor } from './store';
