import { createHmac, timingSafeEqual } from 'node:crypto';

export const emailActions = ['acknowledge', 'progress', 'extend', 'done', 'unsubscribe'] as const;
export type EmailAction = (typeof emailActions)[number];

/** What a link lets its holder do: one action, by one person, on one commitment, until it expires. */
export interface ActionGrant {
  personId: string;
  commitmentId: string;
  action: EmailAction;
  expiresAt: Date;
}

export type TokenProblem = 'malformed' | 'forged' | 'expired';

export class ActionTokenError extends Error {
  constructor(readonly problem: TokenProblem) {
    super(`Action link is ${problem}`);
  }
}

const VERSION = 1;
const PAYLOAD_BYTES = 1 + 1 + 16 + 16 + 4;
// 128 bits of HMAC-SHA256: far beyond guessing, and it keeps the link short enough for any mail client.
const MAC_BYTES = 16;

const uuidBytes = (uuid: string) => Buffer.from(uuid.replace(/-/g, ''), 'hex');
const uuidOf = (bytes: Buffer) => {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/**
 * Compact signed tokens: version, action, person and commitment ids and expiry (seconds) in 38 bytes,
 * then a truncated HMAC of them; base64url of the whole, 72 characters. The key is derived from the
 * configured secret for this one purpose.
 */
export class ActionTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('followthrough email action link').digest();
  }

  sign(grant: ActionGrant): string {
    const payload = Buffer.alloc(PAYLOAD_BYTES);
    payload.writeUInt8(VERSION, 0);
    payload.writeUInt8(emailActions.indexOf(grant.action), 1);
    uuidBytes(grant.personId).copy(payload, 2);
    uuidBytes(grant.commitmentId).copy(payload, 18);
    payload.writeUInt32BE(Math.floor(grant.expiresAt.getTime() / 1000), 34);
    return Buffer.concat([payload, this.mac(payload)]).toString('base64url');
  }

  /** The grant a token carries; throws ActionTokenError when it is not one we signed or has expired. */
  verify(token: string, now: Date = new Date()): ActionGrant {
    if (!/^[A-Za-z0-9_-]{1,200}$/.test(token)) throw new ActionTokenError('malformed');
    const bytes = Buffer.from(token, 'base64url');
    if (bytes.length !== PAYLOAD_BYTES + MAC_BYTES) throw new ActionTokenError('malformed');
    const payload = bytes.subarray(0, PAYLOAD_BYTES);
    if (!timingSafeEqual(bytes.subarray(PAYLOAD_BYTES), this.mac(payload))) throw new ActionTokenError('forged');
    const action = emailActions[payload.readUInt8(1)];
    if (payload.readUInt8(0) !== VERSION || !action) throw new ActionTokenError('malformed');
    const expiresAt = new Date(payload.readUInt32BE(34) * 1000);
    if (expiresAt.getTime() <= now.getTime()) throw new ActionTokenError('expired');
    return { action, personId: uuidOf(payload.subarray(2, 18)), commitmentId: uuidOf(payload.subarray(18, 34)), expiresAt };
  }

  private mac(payload: Buffer): Buffer {
    return createHmac('sha256', this.key).update(payload).digest().subarray(0, MAC_BYTES);
  }
}
