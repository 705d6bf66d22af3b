import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.schema.js';

/**
 * Counts failed API keys per client: after AUTH_FAILURE_BURST failures within
 * AUTH_FAILURE_WINDOW_SECONDS the client is refused until the window ends. Kept in this process's
 * memory (entries expire with their window), so each api process counts on its own.
 */
@Injectable()
export class AuthFailureThrottle {
  private readonly failures: RateLimiterMemory;
  private readonly burst: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.burst = config.AUTH_FAILURE_BURST;
    this.failures = new RateLimiterMemory({ points: config.AUTH_FAILURE_BURST, duration: config.AUTH_FAILURE_WINDOW_SECONDS });
  }

  /** Seconds until this client may present a key again; 0 when it may now. */
  async retryAfter(client: string): Promise<number> {
    const state = await this.failures.get(client);
    if (!state || state.consumedPoints < this.burst) return 0;
    return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  }

  async recordFailure(client: string): Promise<void> {
    await this.failures.penalty(client, 1);
  }
}
