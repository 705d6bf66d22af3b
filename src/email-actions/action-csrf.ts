import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * CSRF protection for the action forms: a random value in a SameSite=Strict cookie and, in the form,
 * an HMAC binding that value to the link's token. Another site can neither read the cookie nor make
 * the browser send it, so it cannot produce a matching pair.
 */
export class ActionCsrf {
  static readonly COOKIE = 'followthrough_action';
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('followthrough email action form').digest();
  }

  newCookieValue(): string {
    return randomBytes(16).toString('base64url');
  }

  formValue(cookie: string, token: string): string {
    return createHmac('sha256', this.key).update(`${cookie}.${token}`).digest('base64url');
  }

  matches(cookie: string | undefined, token: string, submitted: unknown): boolean {
    if (!cookie || typeof submitted !== 'string') return false;
    const expected = Buffer.from(this.formValue(cookie, token));
    const given = Buffer.from(submitted);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
