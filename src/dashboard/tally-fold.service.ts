import { Injectable } from '@nestjs/common';
import { TallyFoldRepository } from './tally-fold.repository.js';

/** The worker's share of the summary's counts: folding writers' deltas in, one fold at a time. */
@Injectable()
export class TallyFold {
  constructor(private readonly repository: TallyFoldRepository) {}

  fold(): Promise<number> {
    return this.repository.fold();
  }
}
