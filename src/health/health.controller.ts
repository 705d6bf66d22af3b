import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, PrismaHealthIndicator } from '@nestjs/terminus';
import { Public } from '../core/auth/roles.js';
import { PrismaService } from '../core/prisma/prisma.service.js';
import { RedisHealthIndicator } from './redis.health.js';

const example = (status: 'up' | 'down') => ({
  status: status === 'up' ? 'ok' : 'error',
  details: { postgres: { status: 'up' }, redis: status === 'up' ? { status: 'up' } : { status: 'down', message: 'connect ECONNREFUSED' } },
});

@ApiTags('Health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly prismaIndicator: PrismaHealthIndicator,
    private readonly prisma: PrismaService,
    private readonly redis: RedisHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness and readiness: Postgres and Redis reachable (no API key needed)' })
  @ApiResponse({ status: 200, description: 'Both reachable', example: example('up') })
  @ApiResponse({
    status: 503,
    description: 'One of them is down; `details` says which',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' }, example: { ...example('down'), status: 503 } } },
  })
  check() {
    return this.health.check([
      () => this.prismaIndicator.pingCheck('postgres', this.prisma, { timeout: 1000 }),
      () => this.redis.pingCheck('redis'),
    ]);
  }
}
