import { Injectable } from '@nestjs/common';
import { PrismaService } from '../core/prisma/prisma.service.js';

/**
 * Writers only insert the summary's count changes (commitment_tally_delta and its horizon twin); this
 * folds them into the kept counts, so what the summary adds up at read time stays a handful of rows.
 */
@Injectable()
export class TallyFoldRepository {
  constructor(private readonly prisma: PrismaService) {}

  async fold(): Promise<number> {
    const [row] = await this.prisma.$queryRaw<{ folded: number }[]>`SELECT commitment_tally_fold() AS folded`;
    return row.folded;
  }
}
