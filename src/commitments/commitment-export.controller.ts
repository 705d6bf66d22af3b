import { Readable } from 'node:stream';
import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiOperationDoc } from '../core/http/openapi.js';
import { toFilter } from './commitment-conditions.js';
import { csvHeader, csvRow } from './commitment-csv.js';
import { commitmentFilterShape, commitmentSorts } from './commitment.schemas.js';
import { CommitmentSearchService, orderOf } from './commitment-search.service.js';

const exportQuerySchema = z.strictObject({
  ...commitmentFilterShape,
  sort: z.enum(commitmentSorts).optional().meta({ description: 'As for the list, except that relevance (the default with q) exports every match by deadline' }),
  order: z.enum(['asc', 'desc']).optional(),
});

/** Rows are read a batch at a time, so memory stays flat whatever the size of the export. */
const BATCH = 1000;

@ApiTags('Commitments')
@ApiBearerAuth()
@Controller('api/v1/commitments')
export class CommitmentExportController {
  constructor(private readonly search: CommitmentSearchService) {}

  @Get('export.csv')
  @ApiProduces('text/csv')
  @ApiOperationDoc({
    summary: 'Export the commitments matching the list’s filters as CSV (UTF-8, RFC 4180), streamed',
    description: 'Cells a spreadsheet would run as a formula (starting with = + - @ or a tab) are prefixed with an apostrophe.',
    response: z.string().meta({ description: 'CSV with a header row' }),
  })
  export(@Query({ schema: exportQuerySchema }) query: z.infer<typeof exportQuerySchema>): StreamableFile {
    const search = this.search;
    const filter = toFilter(query);
    // Relevance ranks only the newest matches: an export holds every match, so it goes by deadline.
    const listed = orderOf(query);
    const order = listed.sort === 'relevance' ? orderOf({ ...query, sort: 'deadline' }) : listed;
    async function* lines() {
      yield `\uFEFF${csvHeader()}`;
      const now = new Date();
      let cursor: string | undefined;
      do {
        const page = await search.page(filter, order, BATCH, cursor, now);
        yield page.items.map(csvRow).join('');
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
    return new StreamableFile(Readable.from(lines()), { type: 'text/csv; charset=utf-8', disposition: 'attachment; filename="commitments.csv"' });
  }
}
