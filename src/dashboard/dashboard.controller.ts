import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { commitmentPageSchema } from '../commitments/commitment.schemas.js';
import { ApiOperationDoc } from '../core/http/openapi.js';
import { idParam } from '../core/http/params.js';
import {
  carryOverSchema,
  complianceCommitmentsQuerySchema,
  complianceQuerySchema,
  complianceSchema,
  summaryQuerySchema,
  summarySchema,
  type ComplianceCommitmentsQuery,
  type ComplianceQuery,
  type SummaryQuery,
} from './dashboard.schemas.js';
import { DashboardService } from './dashboard.service.js';

@ApiTags('Dashboard')
@ApiBearerAuth()
@Controller('api/v1')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('dashboard/summary')
  @ApiOperationDoc({
    summary: 'Counts by status, overdue and due within 7/30/90 days; overall, by owing party and by series',
    description: 'Takes the commitment list’s filters. "Due within N days" counts open commitments whose window closes in the next N days.',
    response: summarySchema,
  })
  summary(@Query({ schema: summaryQuerySchema }) query: SummaryQuery) {
    return this.dashboard.summary(query);
  }

  @Get('dashboard/compliance')
  @ApiOperationDoc({
    summary: 'Who keeps their word: per owing party, over the commitments whose deadline window ends in [from, to]',
    description:
      'Cancelled commitments are not counted as due. averageScore is over the assessed commitments (G20 Research Group scale). ' +
      'GET /api/v1/dashboard/compliance/commitments lists the commitments behind each figure.',
    response: complianceSchema,
  })
  compliance(@Query({ schema: complianceQuerySchema }) query: ComplianceQuery) {
    return this.dashboard.compliance(query);
  }

  @Get('dashboard/compliance/commitments')
  @ApiOperationDoc({ summary: 'The commitments behind one figure of the compliance report (add partyId for one party’s)', response: commitmentPageSchema })
  complianceCommitments(@Query({ schema: complianceCommitmentsQuerySchema }) query: ComplianceCommitmentsQuery) {
    return this.dashboard.complianceCommitments(query);
  }

  @Get('meetings/:id/carry-over')
  @ApiOperationDoc({
    summary: 'What is still open from earlier rounds of the series, and what is due at this meeting, by owing party',
    description: 'Earlier rounds by round number, or by date where a round has no number. PROPOSED candidates are not included.',
    response: carryOverSchema,
    errors: [404],
  })
  carryOver(@Param('id', { schema: idParam }) id: string) {
    return this.dashboard.carryOver(id);
  }
}
