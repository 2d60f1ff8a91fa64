export * from './model';
export { paymentRoutes } from './routes';
export { definePaymentQueues, gatewayFor, paymentDeps, paymentPanelFor, startPaymentWorker } from './wiring';
export { approveRefund, executeRefund, expirePayment, handleNotification, reconcile, startPayment, EXPIRE_QUEUE, REFUND_QUEUE, RECONCILE_QUEUE, type Difference, type PaymentDeps } from './service';
