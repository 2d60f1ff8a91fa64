// Online payment of fees through a payment gateway. One adapter today (vnpay.ts, VNPay's
// protocol 2.1.0); the simulator in simulators/vnpay-gateway.ts speaks the same protocol.
// Amounts are integer đồng everywhere in this interface; the adapter converts to the gateway's units.

/** What the gateway says became of a payment. `pending`: not finished (or never started) at the gateway. */
export type GatewayOutcome = 'succeeded' | 'failed' | 'cancelled' | 'expired' | 'pending';

export interface PaymentOrder {
  /** Our unique reference for the attempt (vnp_TxnRef). */
  txnRef: string;
  amount: number;
  /** Plain ASCII, no diacritics (the gateway's rule). */
  orderInfo: string;
  returnUrl: string;
  /** The payer's address as our server saw it. */
  ipAddr: string;
  createdAt: Date;
  expiresAt: Date;
  /** Skip the gateway's bank choice. */
  bankCode?: string;
}

/** A payment result as the gateway signed it (IPN, return URL, querydr). */
export interface GatewayResult {
  txnRef: string;
  amount: number;
  outcome: GatewayOutcome;
  responseCode: string;
  transactionStatus: string;
  transactionNo: string | null;
  bankCode: string | null;
  bankTranNo: string | null;
  cardType: string | null;
  orderInfo: string | null;
  payDate: Date | null;
}

/** The merchant's answer to a payment notification (VNPay's RspCode). */
export type IpnCode = '00' | '01' | '02' | '04' | '97' | '99';

export interface RefundOrder {
  /** One per refund: the gateway refuses a repeated one. */
  requestId: string;
  txnRef: string;
  amount: number;
  full: boolean;
  transactionNo: string | null;
  /** The payment's creation date as sent to the gateway (yyyyMMddHHmmss, GMT+7). */
  transactionDate: string;
  createdBy: string;
  orderInfo: string;
  ipAddr: string;
}

export interface RefundResult {
  ok: boolean;
  responseCode: string;
  message: string;
  transactionNo: string | null;
}

/** One line of the gateway's daily transaction list (reconciliation). */
export interface GatewayTransaction {
  txnRef: string;
  transactionNo: string;
  /** 'payment' or 'refund'. */
  kind: 'payment' | 'refund';
  amount: number;
  succeeded: boolean;
  at: Date;
}

export interface PaymentGateway {
  readonly name: string;
  /** Where to send the payer's browser. */
  paymentUrl(order: PaymentOrder): string;
  /** The signed result carried by the return URL or the IPN; undefined when the signature does not hold. */
  verifyResult(query: Record<string, string>): GatewayResult | undefined;
  /** The body to answer a notification with. */
  notificationAnswer(code: IpnCode): object;
  /** Asks the gateway what became of a payment (when the notification has not come). */
  query(p: { txnRef: string; transactionDate: string; orderInfo: string; ipAddr: string }): Promise<GatewayResult | undefined>;
  refund(order: RefundOrder): Promise<RefundResult>;
  /** Every transaction of one day (Vietnam), for reconciliation. */
  transactionsOn(day: string): Promise<GatewayTransaction[]>;
}

export class GatewayError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GatewayError';
  }
}
