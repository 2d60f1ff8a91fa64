export * from './model';
export { deliveryRoutes } from './routes';
export { defineDeliveryQueues, deliveryDeps, deliveryPanelFor, startDeliveryWorker } from './wiring';
export {
  chooseDelivery,
  createShipment,
  CREATE_QUEUE,
  handleWebhook,
  postageFor,
  queueResultShipment,
  recordInbound,
  requirePostalChoice,
  type DeliveryDeps,
} from './service';
